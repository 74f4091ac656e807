"""Listings and single-record views for `acsg list` and `acsg show`, as plain rows and dicts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from acsg_cli import geo
from acsg_cli.models import Match, Offer, Record, Request
from acsg_cli.registry import Registry
from acsg_cli.vocab import Area, EntityType, Region

PERSONAL_KEYS = ("contact",)
"""Keys holding personal data: left out of anything printed unless explicitly asked for."""


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
}


def scope_text(offer: Offer) -> str:
    scope = offer.geographic_scope
    if scope.is_global:
        return "global"
    if scope.regions:
        return "regions: " + ", ".join(r.value for r in scope.regions)
    return "countries: " + ", ".join(scope.countries or [])


def _request_states(registry: Registry, match: Match) -> list[str]:
    request = registry.requests.get(match.request)
    return list(request.requesting_states) if request else []


def _states_match(states: list[str], filters: Filters) -> bool:
    if filters.state and filters.state.upper() not in states:
        return False
    if filters.region and not any(geo.region_of(s) is filters.region for s in states):
        return False
    return True


def list_records(registry: Registry, kind: str, filters: Filters) -> list[dict[str, Any]]:
    """Rows for `acsg list <kind>`, sorted by id, filtered."""
    rows: list[dict[str, Any]] = []
    if kind == "requests":
        for r in sorted(registry.requests.values(), key=lambda r: r.id):
            if filters.status and r.status.value != filters.status:
                continue
            if filters.area and filters.area not in r.areas:
                continue
            if not _states_match(list(r.requesting_states), filters) or filters.entity_type:
                continue
            rows.append(
                {
                    "id": r.id,
                    "states": list(r.requesting_states),
                    "status": r.status.value,
                    "submitted_on": r.submitted_on.isoformat(),
                    "areas": [a.value for a in r.areas],
                    "title": r.title,
                }
            )
    elif kind == "offers":
        for o in sorted(registry.offers.values(), key=lambda o: o.id):
            entity = o.offering_entity
            if filters.status and o.status.value != filters.status:
                continue
            if filters.area and filters.area not in o.areas:
                continue
            if filters.entity_type and entity.type is not filters.entity_type:
                continue
            if (
                filters.state
                and not o.geographic_scope.covers(filters.state.upper())
                and entity.country != filters.state.upper()
            ):
                continue
            if filters.region and not _offer_in_region(o, filters.region):
                continue
            rows.append(
                {
                    "id": o.id,
                    "entity": entity.name,
                    "entity_type": entity.type.value,
                    "status": o.status.value,
                    "scope": scope_text(o),
                    "capacity": o.capacity,
                    "areas": [a.value for a in o.areas],
                    "title": o.title,
                }
            )
    else:
        for m in sorted(registry.matches.values(), key=lambda m: m.id):
            if filters.status and m.status.value != filters.status:
                continue
            request = registry.requests.get(m.request)
            if filters.area and not (request and filters.area in request.areas):
                continue
            states = _request_states(registry, m)
            if not _states_match(states, filters):
                continue
            if filters.entity_type and not any(
                (named := registry.offers.get(oid))
                and named.offering_entity.type is filters.entity_type
                for oid in m.offers
            ):
                continue
            rows.append(
                {
                    "id": m.id,
                    "request": m.request,
                    "offers": list(m.offers),
                    "states": states,
                    "status": m.status.value,
                    "proposed_on": m.proposed_on.isoformat() if m.proposed_on else "",
                }
            )
    return rows


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


def record_data(record: Record, *, with_contact: bool = False) -> dict[str, Any]:
    """A record as the file gave it (keys it set, in model order), personal data left out."""
    data = record.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if not with_contact:
        for key in PERSONAL_KEYS:
            data.pop(key, None)
    return data


def show_record(
    registry: Registry, record_id: str, *, with_contact: bool = False
) -> dict[str, Any]:
    """`acsg show`: the record, for a match its request and offers resolved, and its compliance:
    each criteria rule for its kind, met, unmet, waived or not applicable (`rules.scorecard`)."""
    from acsg_cli.rules.engine import scorecard

    record = registry.require(record_id)
    out: dict[str, Any] = {
        "kind": record.kind,
        "id": record_id,
        "file": registry.sources[record_id].display,
        "record": record_data(record, with_contact=with_contact),
    }
    if isinstance(record, Match):
        request = registry.requests.get(record.request)
        out["request"] = record_data(request, with_contact=with_contact) if request else None
        out["offers"] = [
            record_data(o, with_contact=with_contact)
            if (o := registry.offers.get(i))
            else {"id": i}
            for i in record.offers
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
    out["compliance"] = [c.to_dict() for c in scorecard(registry, record)]
    return out
