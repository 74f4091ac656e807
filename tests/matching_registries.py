"""Small registries built in memory for the matching tests, and a hypothesis strategy for them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from acsg_cli.models import Match, Offer, Request
from acsg_cli.registry import Registry
from acsg_cli.yamlio.writer import dump_record

COUNTRIES = ["TCD", "NER", "MEX", "ECU", "FRA", "PHL", "UGA"]
AREAS = [
    "legislation",
    "appeals",
    "training",
    "registration",
    "reception",
    "institutional_capacity",
]
LANGUAGES = ["en", "fr", "es"]
TEXTS = [
    "Draft a national asylum law and train eligibility officers.",
    "Reduce the backlog of appeals with better case management.",
    "Register asylum-seekers with biometrics at reception points.",
    "Training of judges on refugee law and country information.",
    "",
]


def request(number: int = 1, **values: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"REQ-2020-{number:03d}",
        "title": f"Request {number}",
        "requesting_states": ["TCD"],
        "submitted_on": "2020-01-01",
        "status": "open",
        "areas": ["legislation"],
        "support_types": ["technical"],
    }
    data.update(values)
    return data


def offer(number: int = 1, **values: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"OFF-2020-{number:03d}",
        "title": f"Offer {number}",
        "offering_entity": {"name": f"Entity {number}", "type": "ngo"},
        "submitted_on": "2020-01-01",
        "status": "open",
        "areas": ["legislation"],
        "support_types": ["technical"],
        "geographic_scope": {"global": True},
    }
    data.update(values)
    return data


def match(
    number: int, request_id: str, offer_ids: list[str], status: str = "proposed", **values: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"MAT-2020-{number:03d}",
        "request": request_id,
        "offers": offer_ids,
        "status": status,
    }
    data.update(values)
    return data


def make_registry(
    requests: list[dict[str, Any]], offers: list[dict[str, Any]], matches: list[dict[str, Any]] = ()
) -> Registry:  # type: ignore[assignment]
    registry = Registry(root_display="mem")
    for data in requests:
        r = Request.model_validate(data)
        registry.requests[r.id] = r
    for data in offers:
        o = Offer.model_validate(data)
        registry.offers[o.id] = o
    for data in matches:
        m = Match.model_validate(data)
        registry.matches[m.id] = m
    return registry


def write_registry(root: Path, registry: Registry) -> Path:
    """Write `registry`'s records as files under `root` (a registry folder); `root`."""
    for folder, table in (
        ("requests", registry.requests),
        ("offers", registry.offers),
        ("matches", registry.matches),
    ):
        (root / folder).mkdir(parents=True, exist_ok=True)
        for key, record in table.items():
            data = record.model_dump(mode="json", by_alias=True, exclude_unset=True)
            (root / folder / f"{key}.yaml").write_text(dump_record(data))
    return root


_SUBSETS: dict[tuple[tuple[str, ...], int], Any] = {}


def _subset(draw: Any, values: list[str], min_size: int = 1) -> list[str]:
    key = (tuple(values), min_size)
    if key not in _SUBSETS:  # strategies are built once: building them is most of a draw's cost
        _SUBSETS[key] = st.lists(
            st.sampled_from(values), min_size=min_size, max_size=3, unique=True
        )
    return sorted(draw(_SUBSETS[key]), key=values.index)


@st.composite
def registries(
    draw: Any, max_requests: int = 5, max_offers: int = 5, max_matches: int = 4
) -> Registry:
    """Registries whose records vary in every field the filters and signals read."""
    start = date(2019, 1, 1)
    requests = []
    for i in range(1, draw(st.integers(1, max_requests)) + 1):
        values: dict[str, Any] = {
            "title": draw(st.sampled_from(TEXTS[:-1])),
            "requesting_states": _subset(draw, COUNTRIES),
            "submitted_on": (start + timedelta(days=draw(st.integers(0, 1500)))).isoformat(),
            "status": draw(st.sampled_from(["open", "open", "open", "draft", "matched"])),
            "areas": _subset(draw, AREAS),
            "support_types": _subset(draw, ["technical", "material", "financial"]),
            "languages": _subset(draw, LANGUAGES, 0),
            "quality_dimensions": _subset(draw, ["fairness", "efficiency", "integrity"], 0),
            "urgent": draw(st.booleans()),
            "gap": draw(st.sampled_from(TEXTS)) or None,
        }
        term = draw(st.sampled_from([None, "short_term", "long_term"]))
        if term:
            values["term"] = term
        if draw(st.booleans()):
            values["coordination"] = {
                "existing_support": [{"provider": "UNHCR", "areas": _subset(draw, AREAS)}]
            }
        requests.append(request(i, **{k: v for k, v in values.items() if v is not None}))
    offers = []
    for j in range(1, draw(st.integers(1, max_offers)) + 1):
        scope = draw(st.sampled_from(["global", "regions", "countries"]))
        geographic = (
            {"global": True}
            if scope == "global"
            else {
                "regions": _subset(
                    draw, ["west_central_africa", "americas", "europe", "asia_pacific"]
                )
            }
            if scope == "regions"
            else {"countries": _subset(draw, COUNTRIES)}
        )
        entity = (
            {"name": "A State", "type": "state", "country": draw(st.sampled_from(COUNTRIES))}
            if draw(st.booleans())
            else {"name": draw(st.sampled_from(["ECRE", "EUAA"])), "type": "ngo"}
        )
        values = {
            "title": draw(st.sampled_from(TEXTS[:-1])),
            "offering_entity": entity,
            "status": draw(st.sampled_from(["open", "open", "open", "committed", "closed"])),
            "areas": _subset(draw, AREAS),
            "support_types": _subset(draw, ["technical", "material", "financial"]),
            "geographic_scope": geographic,
            "capacity": draw(st.integers(1, 3)),
            "languages": _subset(draw, LANGUAGES, 0),
            "quality_dimensions": _subset(draw, ["fairness", "efficiency", "integrity"], 0),
            "expertise": draw(st.sampled_from(TEXTS)) or None,
        }
        term = draw(st.sampled_from([None, "short_term", "long_term", "either"]))
        if term:
            values["term"] = term
        if draw(st.booleans()):
            values["available_until"] = (
                start + timedelta(days=draw(st.integers(0, 2500)))
            ).isoformat()
        offers.append(offer(j, **{k: v for k, v in values.items() if v is not None}))
    matches = []
    offer_ids = [o["id"] for o in offers]
    for k in range(1, draw(st.integers(0, max_matches)) + 1):
        req = draw(st.sampled_from(requests))
        named = draw(st.lists(st.sampled_from(offer_ids), min_size=1, max_size=2, unique=True))
        status = draw(
            st.sampled_from(
                [
                    "proposed",
                    "consent_pending",
                    "agreed",
                    "in_implementation",
                    "completed",
                    "declined",
                    "withdrawn",
                ]
            )
        )
        consents = []
        if draw(st.booleans()):
            consents = [
                {
                    "party": named[0],
                    "decision": draw(st.sampled_from(["granted", "declined"])),
                    "on": "2021-01-01",
                }
            ]
        matches.append(match(k, req["id"], named, status, consents=consents))
    return make_registry(requests, offers, matches)
