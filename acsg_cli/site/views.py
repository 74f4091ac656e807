"""What the portal shows of each record: the shared audience's view, as plain data for templates.

Every page is built from `shared_view` (a record as the `shared` audience may see it) and never
from a record model, so a field the policy withholds cannot reach a template by accident.
Labels (country, region, area, stage names) are derived here too, once for every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from acsg_cli import geo
from acsg_cli.models import Match, Offer, Request
from acsg_cli.registry import Registry
from acsg_cli.vocab import REGION_NAMES, EntityType, MatchStatus, Region

PERSONAL = ("contact",)
SECRETARIAT_ONLY = ("waivers",)
REQUEST_PUBLIC_WHEN_CONFIDENTIAL = (
    "id",
    "requesting_states",
    "areas",
    "status",
    "submitted_on",
    "history",
    "confidential",
)
OFFER_DETAILS = ("expertise", "channel", "capacity", "term", "available_until", "in_response_to")
MATCH_CONSENT_PRIVATE = ("recorded_by", "via", "evidence")
WITHHELD_TITLE = "(withheld: confidential request, FS 3)"

_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"'.]+")
_PHONE = re.compile(r"(?<![\w/+.-])(\+|00)\(?\d[\d\s().\-/]{6,}\d(?![\w/-])")


def _redact(value: Any) -> Any:
    if isinstance(value, str):
        return _PHONE.sub("[phone withheld]", _EMAIL.sub("[email withheld]", value))
    if isinstance(value, dict):
        return {k: _redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(v) for v in value]
    return value


def shared_view(record: Request | Offer | Match) -> dict[str, Any]:
    """The record as the `shared` audience may see it: contact data and the Secretariat's notes
    never; of a confidential request only its States, areas, status and dates; of a confidential
    offer no details; no consent record-keeping or rationale built from confidential details;
    every string with e-mail addresses and phone numbers withheld."""
    data: dict[str, Any] = record.model_dump(mode="json", by_alias=True, exclude_unset=True)
    for name in (*PERSONAL, *SECRETARIAT_ONLY):
        data.pop(name, None)
    if isinstance(record, Request) and record.confidential:
        data = {k: v for k, v in data.items() if k in REQUEST_PUBLIC_WHEN_CONFIDENTIAL}
    elif isinstance(record, Offer) and record.confidential:
        for name in OFFER_DETAILS:
            data.pop(name, None)
    elif isinstance(record, Match):
        for consent in data.get("consents", []):
            for name in MATCH_CONSENT_PRIVATE:
                consent.pop(name, None)
    data = _redact(data)
    data["title"] = shown_title(record) if not isinstance(record, Match) else ""
    return data


def shown_title(record: Request | Offer) -> str:
    """The title the shared audience sees: a confidential request's is withheld."""
    if isinstance(record, Request) and record.confidential:
        return WITHHELD_TITLE
    return str(_redact(" ".join(record.title.split())))


def match_view(match: Match, request: Request | None, offers: list[Offer]) -> dict[str, Any]:
    """A match as the shared audience sees it: the rationale only when neither side is
    confidential (it is written from both records' details)."""
    data = shared_view(match)
    if request is None or request.confidential or any(o.confidential for o in offers):
        data.pop("rationale", None)
    return data


def label(code: str) -> str:
    """A vocabulary code as words: `rsd_procedures` -> `Rsd procedures`."""
    text = code.replace("_", " ")
    return text[:1].upper() + text[1:]


def region_name(code: str) -> str:
    name = REGION_NAMES[Region(code)]
    return name[:1].upper() + name[1:]


def country_name(code: str) -> str:
    return geo.country_name(code)


def regions_of(states: list[str]) -> list[str]:
    found = {r for s in states if (r := geo.region_of(s)) is not None}
    return [r.value for r in Region if r in found]


def entity_label(offer: Offer) -> str:
    """How an offering entity is named on a card: a State by its country, others by name."""
    entity = offer.offering_entity
    if entity.type is EntityType.STATE and entity.country:
        return geo.country_name(entity.country)
    return str(_redact(entity.name))


def offer_regions(offer: Offer) -> list[str]:
    """Regions an offer can be used in (its geographic scope)."""
    scope = offer.geographic_scope
    if scope.is_global:
        return [r.value for r in Region]
    if scope.regions:
        return [r.value for r in Region if r in scope.regions]
    return regions_of(list(scope.countries or []))


@dataclass
class Card:
    """One record in a listing: what the card shows and the facets its filters use."""

    kind: str
    id: str
    url: str
    heading: str
    subheading: str
    status: str
    areas: list[str]
    regions: list[str]
    countries: list[str]
    entity_types: list[str] = field(default_factory=list)
    date: str = ""

    def facet(self, name: str) -> str:
        values = {
            "region": self.regions,
            "area": self.areas,
            "stage": [self.status],
            "entity": self.entity_types,
        }[name]
        return " ".join(values)


def request_card(request: Request) -> Card:
    states = list(request.requesting_states)
    return Card(
        kind="request",
        id=request.id,
        url=f"requests/{request.id}.html",
        heading=" – ".join(country_name(s) for s in states),
        subheading=shown_title(request),
        status=request.status.value,
        areas=[a.value for a in request.areas],
        regions=regions_of(states),
        countries=states,
        entity_types=["state"],
        date=request.submitted_on.isoformat(),
    )


def offer_card(offer: Offer) -> Card:
    country = offer.offering_entity.country
    return Card(
        kind="offer",
        id=offer.id,
        url=f"offers/{offer.id}.html",
        heading=entity_label(offer),
        subheading=shown_title(offer),
        status=offer.status.value,
        areas=[a.value for a in offer.areas],
        regions=offer_regions(offer),
        countries=[country] if country else [],
        entity_types=[offer.offering_entity.type.value],
        date=offer.submitted_on.isoformat(),
    )


def match_card(registry: Registry, match: Match) -> Card:
    request = registry.requests.get(match.request)
    offers = [o for o in (registry.offers.get(i) for i in match.offers) if o is not None]
    states = list(request.requesting_states) if request else []
    left = ", ".join(country_name(s) for s in states) or match.request
    right = ", ".join(entity_label(o) for o in offers) or ", ".join(match.offers)
    offer_countries = [c for o in offers if (c := o.offering_entity.country)]
    return Card(
        kind="match",
        id=match.id,
        url=f"matches/{match.id}.html",
        heading=f"{left} – {right}",
        subheading=shown_title(request) if request else "",
        status=match.status.value,
        areas=match_areas(match, request, offers),
        regions=regions_of(states),
        countries=[*states, *offer_countries],
        entity_types=sorted({o.offering_entity.type.value for o in offers}),
        date=first.isoformat() if (first := started(match)) else "",
    )


def match_areas(match: Match, request: Request | None, offers: list[Offer]) -> list[str]:
    """The areas a match works on: the request's areas that an offer covers (all of the
    request's when no offer loads)."""
    if request is None:
        return []
    offered = {a for o in offers for a in o.areas}
    areas = [a.value for a in request.areas if a in offered or not offers]
    return areas or [a.value for a in request.areas]


def started(match: Match) -> date | None:
    dates = [h.on for h in match.history] + ([match.proposed_on] if match.proposed_on else [])
    return min(dates, default=None)


def timeframe(match: Match) -> tuple[str, str]:
    """From the first recorded event to completion (or `ongoing`, or the date it ended)."""
    start = started(match)
    end = ""
    for entry in match.history:
        if entry.status in (MatchStatus.COMPLETED, MatchStatus.DECLINED, MatchStatus.WITHDRAWN):
            end = entry.on.isoformat()
    return (start.isoformat() if start else "", end)
