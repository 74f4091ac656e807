"""The shared audience's view of the registry: what every export may contain.

Exports are public (FS 3): no personal contact data, no detail of a confidential request
beyond its States, areas, status and dates, no rationale derived from such details, no consent
record-keeping, and no e-mail address or phone number in any text. Every export reads records
only through `shared_view`, so the policy is applied in this one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from acsg_cli.models import Match, Offer, Practice, Record, Request
from acsg_cli.registry import Registry

_REQUEST_PUBLIC_WHEN_CONFIDENTIAL = frozenset(
    {"id", "requesting_states", "areas", "status", "submitted_on", "history", "confidential"}
)
_OFFER_DETAILS = ("expertise", "channel", "capacity", "term", "available_until", "in_response_to")
_NEVER = ("contact", "waivers")
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"'.]+")
_PHONE = re.compile(r"(?<![\w/+.-])(\+|00)?\(?\d[\d\s().\-/]{6,}\d(?![\w/-])")
_DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _redact(value: Any) -> Any:
    if isinstance(value, str):
        text = _EMAIL.sub("[email withheld]", value)
        return _PHONE.sub(
            lambda m: m.group(0) if _DATE_LIKE.match(m.group(0).strip()) else "[phone withheld]",
            text,
        )
    if isinstance(value, list):
        return [_redact(v) for v in value]
    if isinstance(value, dict):
        return {k: _redact(v) for k, v in value.items()}
    return value


def _dump(record: Record) -> dict[str, Any]:
    data = record.model_dump(mode="json", by_alias=True, exclude_unset=True)
    for name in _NEVER:
        data.pop(name, None)
    return data


def _request(request: Request) -> dict[str, Any]:
    data = _dump(request)
    if request.confidential:
        data = {k: v for k, v in data.items() if k in _REQUEST_PUBLIC_WHEN_CONFIDENTIAL}
    return dict(_redact(data))


def _offer(offer: Offer) -> dict[str, Any]:
    data = _dump(offer)
    if offer.confidential:
        for name in _OFFER_DETAILS:
            data.pop(name, None)
    return dict(_redact(data))


def _match(match: Match, request: Request | None, offers: Iterable[Offer]) -> dict[str, Any]:
    data = _dump(match)
    for consent in data.get("consents", []):
        for name in ("recorded_by", "via", "evidence"):
            consent.pop(name, None)
    if request is None or request.confidential or any(o.confidential for o in offers):
        data.pop("rationale", None)  # written from both sides' details before consent
        data.pop("translations", None)
    return dict(_redact(data))


@dataclass(frozen=True)
class SharedView:
    """Every record as the shared audience may see it, as plain data, by id."""

    requests: dict[str, dict[str, Any]] = field(default_factory=dict)
    offers: dict[str, dict[str, Any]] = field(default_factory=dict)
    matches: dict[str, dict[str, Any]] = field(default_factory=dict)
    practices: dict[str, dict[str, Any]] = field(default_factory=dict)


def shared_view(registry: Registry) -> SharedView:
    """The registry as the shared audience (reports, site, exports) may see it."""
    return SharedView(
        requests={i: _request(r) for i, r in sorted(registry.requests.items())},
        offers={i: _offer(o) for i, o in sorted(registry.offers.items())},
        matches={
            i: _match(m, registry.requests.get(m.request), _offers(registry, m.offers))
            for i, m in sorted(registry.matches.items())
        },
        practices={i: _practice(p) for i, p in sorted(registry.practices.items())},
    )


def _offers(registry: Registry, ids: Iterable[str]) -> list[Offer]:
    return [o for i in ids if (o := registry.offers.get(i)) is not None]


def _practice(practice: Practice) -> dict[str, Any]:
    return dict(_redact(_dump(practice)))
