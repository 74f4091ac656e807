"""Listings and single-record views for `acsg list` and `acsg show`, as plain rows and dicts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from acsg_cli import geo
from acsg_cli.disclosure import Audience, disclose, disclose_match, redact, shown_title
from acsg_cli.errors import UsageError
from acsg_cli.vocab import (
    Area,
    EntityType,
    GcrStage,
    MatchStatus,
    OfferStatus,
    PracticeStatus,
    Region,
    RequestStatus,
)

if TYPE_CHECKING:
    from acsg_cli.models import Match, Offer, Practice, Request
    from acsg_cli.registry import Registry

STATUSES: dict[str, type[Enum]] = {
    "requests": RequestStatus,
    "offers": OfferStatus,
    "matches": MatchStatus,
    "practices": PracticeStatus,
    "implementations": GcrStage,
}
"""The status vocabulary of each kind `acsg list` lists."""


def check_status(kind: str, status: str | None) -> str | None:
    """`status` when it is one of `kind`'s statuses, else `UsageError` listing them."""
    if status is None:
        return None
    allowed = [str(s.value) for s in STATUSES[kind]]
    wanted = status.strip()
    if wanted not in allowed:
        import difflib

        near = difflib.get_close_matches(wanted, allowed, n=1)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        raise UsageError(
            f"--status: '{status}' is not a status of {kind} (expected one of: "
            f"{', '.join(allowed)}){hint}"
        )
    return wanted


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    area: Area | None = None
    state: str | None = None
    region: Region | None = None
    entity_type: EntityType | None = None


LIST_COLUMNS = {
    "requests": ["id", "states", "status", "submitted_on", "areas", "title"],
    "offers": ["id", "entity", "entity_type", "status", "scope", "capacity", "areas", "title"],
    "matches": ["id", "request", "offers", "states", "status", "proposed_on"],
    "practices": ["id", "countries", "categories", "status", "submitted_on", "title"],
    "implementations": [
        "id",
        "entity",
        "states",
        "status",
        "planned_start",
        "planned_end",
        "title",
    ],
}


def scope_code(offer: Offer) -> str:
    """Where an offer can be used, as data: `global`, `regions: a, b` or `countries: X, Y`."""
    scope = offer.geographic_scope
    if scope.is_global:
        return "global"
    if scope.regions:
        return "regions: " + ", ".join(r.value for r in scope.regions)
    return "countries: " + ", ".join(scope.countries or [])


def scope_words(code: str) -> str:
    """`scope_code`'s value in words (the table form of a listing)."""
    from acsg_cli.i18n import _
    from acsg_cli.vocab import Region, label_of

    kind, _colon, rest = code.partition(": ")
    if kind == "regions":
        return ", ".join(label_of(Region, r) for r in rest.split(", "))
    if kind == "countries":
        return _("Countries: {codes}").format(codes=rest)
    return _("Worldwide") if code == "global" else code


def _request_states(registry: Registry, match: Match) -> list[str]:
    request = registry.requests.get(match.request)
    return list(request.requesting_states) if request else []


def _states_match(states: list[str], filters: Filters) -> bool:
    if filters.state and filters.state.upper() not in states:
        return False
    return not (filters.region and not any(geo.region_of(s) is filters.region for s in states))


def list_records(
    registry: Registry, kind: str, filters: Filters, audience: Audience | None = None
) -> list[dict[str, Any]]:
    """Rows for `acsg list <kind>`, sorted by id, filtered, shown as `audience` (default: the
    Secretariat) may see them."""
    audience = audience or Audience.secretariat()
    if kind == "requests":
        requests = sorted(registry.requests.values(), key=lambda r: r.id)
        return [_request_row(r, audience) for r in requests if _request_kept(r, filters)]
    if kind == "offers":
        offers = sorted(registry.offers.values(), key=lambda o: o.id)
        return [_offer_row(o, audience) for o in offers if _offer_kept(o, filters)]
    if kind == "practices":
        return _practice_rows(registry, filters)
    if kind == "implementations":
        return _implementation_rows(registry, filters)
    matches = sorted(registry.matches.values(), key=lambda m: m.id)
    return [_match_row(registry, m) for m in matches if _match_kept(registry, m, filters)]


def _request_kept(r: Request, filters: Filters) -> bool:
    if filters.status and r.status.value != filters.status:
        return False
    if filters.area and filters.area not in r.areas:
        return False
    return _states_match(list(r.requesting_states), filters) and not filters.entity_type


def _request_row(r: Request, audience: Audience) -> dict[str, Any]:
    return {
        "id": r.id,
        "states": list(r.requesting_states),
        "status": r.status.value,
        "submitted_on": r.submitted_on.isoformat(),
        "areas": [a.value for a in r.areas],
        "title": shown_title(r, audience),
    }


def _offer_kept(o: Offer, filters: Filters) -> bool:
    entity = o.offering_entity
    if filters.status and o.status.value != filters.status:
        return False
    if filters.area and filters.area not in o.areas:
        return False
    if filters.entity_type and entity.type is not filters.entity_type:
        return False
    if filters.state:
        state = filters.state.upper()
        if not o.geographic_scope.covers(state) and entity.country != state:
            return False
    return not (filters.region and not _offer_in_region(o, filters.region))


def _offer_row(o: Offer, audience: Audience) -> dict[str, Any]:
    entity = o.offering_entity
    return {
        "id": o.id,
        "entity": redact(entity.name),
        "entity_type": entity.type.value,
        "status": o.status.value,
        "scope": scope_code(o),
        "capacity": o.capacity if audience.sees_details(o) else None,
        "areas": [a.value for a in o.areas],
        "title": shown_title(o, audience),
    }


def _match_kept(registry: Registry, m: Match, filters: Filters) -> bool:
    if filters.status and m.status.value != filters.status:
        return False
    request = registry.requests.get(m.request)
    if filters.area and not (request and filters.area in request.areas):
        return False
    if not _states_match(_request_states(registry, m), filters):
        return False
    return not filters.entity_type or any(
        (named := registry.offers.get(oid)) and named.offering_entity.type is filters.entity_type
        for oid in m.offers
    )


def _match_row(registry: Registry, m: Match) -> dict[str, Any]:
    return {
        "id": m.id,
        "request": m.request,
        "offers": list(m.offers),
        "states": _request_states(registry, m),
        "status": m.status.value,
        "proposed_on": m.proposed_on.isoformat() if m.proposed_on else "",
    }


def _practice_rows(registry: Registry, filters: Filters) -> list[dict[str, Any]]:
    """Practices hold no confidential details: every audience sees the same rows, redacted."""
    rows = []
    for p in sorted(registry.practices.values(), key=lambda p: p.id):
        if filters.status and p.status.value != filters.status:
            continue
        if filters.area and filters.area not in p.categories:
            continue
        if not _states_match(list(p.countries), filters) or filters.entity_type:
            continue
        rows.append(
            {
                "id": p.id,
                "countries": list(p.countries),
                "categories": [a.value for a in p.categories],
                "status": p.status.value,
                "submitted_on": p.submitted_on.isoformat(),
                "title": redact(p.title),
                "matches": list(p.matches),
                "grf_pledge_ids": list(p.grf_pledge_ids),
            }
        )
    return rows


def _implementation_rows(registry: Registry, filters: Filters) -> list[dict[str, Any]]:
    """The Portal's second track: support given under an offer with no matching request. An
    offer's details may be confidential, but what it gave and to whom is public (its stage)."""
    from acsg_cli.pledges import pledge_implementations

    rows = []
    for entry in pledge_implementations(registry):
        item, entity = entry.item, entry.offer.offering_entity
        if filters.status and item.stage.value != filters.status:
            continue
        if filters.area and filters.area not in entry.offer.areas:
            continue
        if filters.entity_type and entity.type is not filters.entity_type:
            continue
        if not _states_match(list(item.states), filters):
            continue
        rows.append(
            {
                "id": entry.key,
                "offer": entry.offer.id,
                "entity": redact(entity.name),
                "states": list(item.states),
                "status": item.stage.value,
                "planned_start": item.planned_start.isoformat() if item.planned_start else "",
                "planned_end": item.planned_end.isoformat() if item.planned_end else "",
                "title": redact(item.title),
                "grf_pledge_ids": list(item.grf_pledge_ids),
            }
        )
    return rows


def practices_for_match(registry: Registry, match_id: str) -> list[Practice]:
    """The practices that came from a match, by id."""
    return sorted(
        (p for p in registry.practices.values() if match_id in p.matches), key=lambda p: p.id
    )


def _offer_in_region(offer: Offer, region: Region) -> bool:
    scope = offer.geographic_scope
    if scope.is_global or (scope.regions and region in scope.regions):
        return True
    if scope.countries and any(geo.region_of(c) is region for c in scope.countries):
        return True
    return (
        offer.offering_entity.country is not None
        and geo.region_of(offer.offering_entity.country) is region
    )


def show_record(
    registry: Registry,
    record_id: str,
    *,
    with_contact: bool = False,
    audience: Audience | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """`acsg show`: the record as `audience` (default: the Secretariat) may see it, for a match
    its request and offers resolved, and its compliance: each criteria rule for its kind, met,
    unmet, waived or not applicable (`rules.scorecard`). Compliance is the Secretariat's view."""
    from acsg_cli.models import Match, Offer, Practice, Request
    from acsg_cli.rules.engine import scorecard

    audience = audience or Audience.secretariat()
    record = registry.require(record_id)

    def view(rec: Request | Offer | Practice) -> dict[str, Any]:
        return disclose(rec, audience, with_contact=with_contact).data

    out: dict[str, Any] = {
        "kind": record.kind,
        "id": record_id,
        "file": registry.sources[record_id].display,
    }
    if isinstance(record, Match):
        request = registry.requests.get(record.request)
        offers = [o for i in record.offers if (o := registry.offers.get(i)) is not None]
        out["record"] = disclose_match(record, request, offers, audience).data
        out["request"] = view(request) if request else None
        out["offers"] = [
            view(o) if (o := registry.offers.get(i)) else {"id": i} for i in record.offers
        ]
        out["practices"] = [p.id for p in practices_for_match(registry, record.id)]
    else:
        out["record"] = view(record)
    if isinstance(record, Practice):
        out["regions"] = sorted({r.value for s in record.countries if (r := geo.region_of(s))})
        out["matches"] = [
            {"id": m.id, "status": m.status.value, "request": m.request, "offers": list(m.offers)}
            for i in record.matches
            if (m := registry.matches.get(i)) is not None
        ]
    elif isinstance(record, Request):
        out["regions"] = sorted(
            {r.value for s in record.requesting_states if (r := geo.region_of(s))}
        )
        out["matches"] = [
            m.id for m in sorted(registry.matches_for_request(record.id), key=lambda m: m.id)
        ]
    elif isinstance(record, Offer):
        out["matches"] = [
            m.id
            for m in sorted(registry.matches.values(), key=lambda m: m.id)
            if record.id in m.offers
        ]
    if audience.is_secretariat:
        out["compliance"] = [
            {k: redact(v) for k, v in c.to_dict().items()}
            for c in scorecard(registry, record, today=today)
        ]
    return out
