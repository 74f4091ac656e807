"""Record models: required keys, vocabularies, codes, and the offer's scope rules."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from acsg_cli.models import Match, Offer, Request
from acsg_cli.models.errors import describe
from acsg_cli.vocab import Region

REQUEST: dict[str, Any] = {
    "id": "REQ-2021-001",
    "title": "A request",
    "requesting_states": ["TCD"],
    "submitted_on": "2021-01-01",
    "status": "open",
    "areas": ["legislation"],
    "support_types": ["technical"],
}
OFFER: dict[str, Any] = {
    "id": "OFF-2021-001",
    "title": "An offer",
    "offering_entity": {"name": "France", "type": "state", "country": "FRA"},
    "submitted_on": "2021-01-01",
    "status": "open",
    "areas": ["legislation"],
    "support_types": ["technical"],
    "geographic_scope": {"global": True},
}


def errors(model: Any, data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [describe(e) for e in info.value.errors()]


def test_minimal_records_load() -> None:
    assert Request.model_validate(REQUEST).urgent is False
    assert Offer.model_validate(OFFER).capacity == 1
    assert (
        Match.model_validate(
            {
                "id": "MAT-2021-001",
                "request": "REQ-2021-001",
                "offers": ["OFF-2021-001"],
                "status": "proposed",
            }
        ).consents
        == []
    )


@pytest.mark.parametrize(
    "key", ["id", "title", "requesting_states", "submitted_on", "status", "areas", "support_types"]
)
def test_required_request_keys(key: str) -> None:
    data = {k: v for k, v in REQUEST.items() if k != key}
    assert errors(Request, data)[0][:2] == ("ACSG010", ())


@pytest.mark.parametrize(
    "change,fragment",
    [
        ({"requesting_states": ["XYZ"]}, "unknown country code 'XYZ'"),
        ({"requesting_states": ["tcd"]}, "ISO 3166-1 alpha-3"),
        ({"requesting_states": ["TCD", "TCD"]}, "listed twice"),
        ({"languages": ["xx"]}, "unknown language code"),
        ({"areas": ["legislaton"]}, "did you mean 'legislation'"),
        ({"submitted_on": 2021}, "YYYY-MM-DD"),
        ({"submitted_on": "2021-13-01"}, "not a real date"),
        ({"urgent": "yes"}, "true or false"),
        ({"id": "REQ-2021-001/../x"}, "request id"),
        ({"title": "two\nlines"}, "single line"),
        ({"contact": {"email": "nobody"}}, "email"),
        ({"colour": "red"}, "unknown key 'colour'"),
        ({"milestones": [{"description": "x", "type": "sometimes"}]}, "not a known value"),
    ],
)
def test_request_value_errors(change: dict[str, Any], fragment: str) -> None:
    messages = " | ".join(e[2] for e in errors(Request, {**REQUEST, **change}))
    assert fragment in messages


def test_language_no_is_norwegian() -> None:
    assert Request.model_validate({**REQUEST, "languages": ["no"]}).languages == ["no"]


@pytest.mark.parametrize(
    "scope,ok",
    [
        ({"global": True}, True),
        ({"regions": ["europe"]}, True),
        ({"countries": ["TCD", "NER"]}, True),
        ({"global": False}, False),
        ({"global": True, "regions": ["europe"]}, False),
        ({}, False),
        ({"regions": []}, False),
        ({"regions": ["atlantis"]}, False),
        ({"continent": "x"}, False),
    ],
)
def test_geographic_scope_names_exactly_one_kind(scope: dict[str, Any], ok: bool) -> None:
    data = {**OFFER, "geographic_scope": scope}
    if ok:
        Offer.model_validate(data)
    else:
        with pytest.raises(ValidationError):
            Offer.model_validate(data)


def test_scope_coverage_uses_regions_mapping() -> None:
    offer = Offer.model_validate(
        {**OFFER, "geographic_scope": {"regions": [Region.AMERICAS.value]}}
    )
    assert offer.geographic_scope.covers("MEX")
    assert not offer.geographic_scope.covers("TCD")


def test_state_offer_needs_country() -> None:
    entity = {"name": "X", "type": "state"}
    assert "must name its country" in errors(Offer, {**OFFER, "offering_entity": entity})[0][2]
    Offer.model_validate({**OFFER, "offering_entity": {"name": "ECRE", "type": "ngo"}})


def test_capacity_is_a_positive_whole_number() -> None:
    for bad in (0, "2", 1.5):
        errors(Offer, {**OFFER, "capacity": bad})


def test_match_party_and_consent() -> None:
    base = {
        "id": "MAT-2021-001",
        "request": "REQ-2021-001",
        "offers": ["OFF-2021-001"],
        "status": "agreed",
    }
    Match.model_validate(
        {
            **base,
            "consents": [
                {"party": "TCD", "decision": "granted", "on": "2021-01-02"},
                {"party": "OFF-2021-001", "decision": "granted", "on": "2021-01-02"},
            ],
        }
    )
    assert errors(
        Match, {**base, "consents": [{"party": "chad", "decision": "granted", "on": "2021-01-02"}]}
    )
    assert errors(Match, {**base, "offers": []})


def test_figures_may_be_written_as_bare_numbers() -> None:
    data = {
        **REQUEST,
        "grf_pledge_ids": [1234, "GRF-2019-0001"],
        "milestones": [{"description": "Officers trained", "type": "quantitative", "target": 40}],
        "coordination": {"existing_support": [{"provider": "UNHCR", "period": 2020}]},
    }
    request = Request.model_validate(data)
    assert request.grf_pledge_ids == ["1234", "GRF-2019-0001"]
    assert request.milestones[0].target == "40"
    assert (
        request.coordination is not None
        and request.coordination.existing_support[0].period == "2020"
    )
    assert errors(
        Request,
        {**REQUEST, "milestones": [{"description": "x", "type": "quantitative", "target": True}]},
    )


def test_good_practice_is_a_flag_or_words() -> None:
    base = {
        "id": "MAT-2021-001",
        "request": "REQ-2021-001",
        "offers": ["OFF-2021-001"],
        "status": "completed",
    }
    for value in (True, "Remote interviews cut travel for rural applicants."):
        match = Match.model_validate(
            {**base, "updates": [{"on": "2021-05-01", "summary": "x", "good_practice": value}]}
        )
        assert match.updates[0].good_practice == value
