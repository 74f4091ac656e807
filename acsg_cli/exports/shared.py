"""The shared audience's view of the registry: what every export may contain.

Exports are public (FS 3). Every record goes through the one disclosure policy
(`acsg_cli.disclosure`, audience `shared`): no personal contact data, no detail of a
confidential request beyond its States, areas, status and dates, no rationale derived from such
details, no consent record-keeping, no e-mail address or phone number in any text, and no
withheld field in any language. The exports read records only through `shared_view`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from acsg_cli.disclosure import Audience, disclose, disclose_match
from acsg_cli.registry import Registry


@dataclass(frozen=True)
class SharedView:
    """Every record as the shared audience may see it, as plain data, by id."""

    requests: dict[str, dict[str, Any]] = field(default_factory=dict)
    offers: dict[str, dict[str, Any]] = field(default_factory=dict)
    matches: dict[str, dict[str, Any]] = field(default_factory=dict)
    practices: dict[str, dict[str, Any]] = field(default_factory=dict)


def shared_view(registry: Registry) -> SharedView:
    """The registry as the shared audience (reports, site, exports) may see it; a match naming
    a request or an offer that is not in the registry is left out (`Registry.whole_matches`)."""
    audience = Audience.shared()
    matches = {}
    for match_id, match in sorted(registry.whole_matches().matches.items()):
        request = registry.requests[match.request]
        offers = [registry.offers[i] for i in match.offers]
        matches[match_id] = disclose_match(match, request, offers, audience).data
    return SharedView(
        requests={i: disclose(r, audience).data for i, r in sorted(registry.requests.items())},
        offers={i: disclose(o, audience).data for i, o in sorted(registry.offers.items())},
        matches=matches,
        practices={i: disclose(p, audience).data for i, p in sorted(registry.practices.items())},
    )
