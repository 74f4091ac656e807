"""Hard filters: each excludes exactly the pairs it should, pair by pair and for all pairs
at once."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings

from acsg_cli import geo
from acsg_cli.matching.eligibility import (
    FILTERS,
    decode,
    describe,
    eligible_offers,
    exclusion_codes,
    exclusions,
    is_eligible,
    remaining_capacity,
)
from acsg_cli.matching.index import build_index
from acsg_cli.matching.scoring import Scorer, Weights
from acsg_cli.models import Offer, Request
from acsg_cli.registry import Registry
from acsg_cli.vocab import LIVE_MATCH_STATUSES
from tests.matching_registries import make_registry, match, offer, registries, request

TODAY = date(2022, 6, 1)


def expected(registry: Registry, req: Request, off: Offer, today: date) -> set[str]:
    """The filters, written from their definitions (not from the code under test)."""
    found = set()
    if req.status.value != "open":
        found.add("request_not_open")
    if off.status.value != "open":
        found.add("offer_not_open")
    scope = off.geographic_scope
    for state in req.requesting_states:
        inside = (
            scope.is_global
            or (scope.countries is not None and state in scope.countries)
            or (scope.regions is not None and geo.region_of(state) in scope.regions)
        )
        if not inside:
            found.add("out_of_scope")
    if not set(req.areas) & set(off.areas):
        found.add("no_common_area")
    if not set(req.support_types) & set(off.support_types):
        found.add("no_common_support_type")
    if req.submitted_on > today or off.submitted_on > today:
        found.add("submitted_later")
    live = [
        m
        for m in registry.matches.values()
        if off.id in m.offers and m.status in LIVE_MATCH_STATUSES
    ]
    if any(m.request == req.id for m in live):
        found.add("already_matched")
    elif len(live) >= off.capacity:
        found.add("no_capacity")
    if off.available_until is not None and off.available_until < today:
        found.add("expired")
    if (
        off.offering_entity.type.value == "state"
        and off.offering_entity.country in req.requesting_states
    ):
        found.add("own_offer")
    for m in registry.matches.values():
        if (
            m.request == req.id
            and off.id in m.offers
            and (
                m.status.value == "declined"
                or any(c.decision.value == "declined" for c in m.consents)
            )
        ):
            found.add("declined_before")
    return found


@settings(max_examples=80, deadline=None)
@given(registries())
def test_filters_exclude_exactly_what_they_should(registry: Registry) -> None:
    index = build_index(registry, TODAY)
    codes = exclusion_codes(index, np.arange(len(index.requests)))
    for i, req in enumerate(index.requests):
        for j, off in enumerate(index.offers):
            want = expected(registry, req, off, TODAY)
            assert {e.code for e in exclusions(registry, req, off, TODAY)} == want
            assert set(decode(int(codes[i, j]))) == want
            assert is_eligible(registry, req, off, TODAY) == (not want)
        assert [o.id for o in eligible_offers(registry, req, TODAY)] == [
            o.id for o in index.offers if not expected(registry, req, o, TODAY)
        ]
    for j, off in enumerate(index.offers):
        assert index.arrays.off_remaining[j] == remaining_capacity(registry, off)


@settings(max_examples=60, deadline=None)
@given(registries())
def test_the_eligible_pairs_are_the_pairs_no_filter_excludes(registry: Registry) -> None:
    index = build_index(registry, TODAY)
    rows = np.arange(len(index.requests))
    pairs = Scorer(index, Weights()).eligible(rows)
    ii, jj = np.nonzero(exclusion_codes(index, rows) == 0)
    assert pairs.rows.tolist() == ii.tolist()
    assert pairs.cols.tolist() == jj.tolist()


@pytest.mark.parametrize(
    "req,off,matches,code,reason",
    [
        (
            request(status="draft"),
            offer(),
            [],
            "request_not_open",
            "the request is draft, not open",
        ),
        (
            request(),
            offer(status="committed"),
            [],
            "offer_not_open",
            "the offer is committed, not open",
        ),
        (
            request(requesting_states=["TCD", "MEX"]),
            offer(geographic_scope={"regions": ["americas"]}),
            [],
            "out_of_scope",
            "the offer's geographic scope does not cover TCD",
        ),
        (
            request(),
            offer(areas=["reception"]),
            [],
            "no_common_area",
            "the offer works in none of the areas the request asks for",
        ),
        (
            request(),
            offer(submitted_on="2022-07-01"),
            [],
            "submitted_later",
            "OFF-2020-001 was submitted on 2022-07-01, after 2022-06-01",
        ),
        (
            request(),
            offer(support_types=["financial"]),
            [],
            "no_common_support_type",
            "no kind of support (technical, material, financial) in common",
        ),
        (
            request(),
            offer(available_until="2022-05-31"),
            [],
            "expired",
            "the offer was available until 2022-05-31",
        ),
        (
            request(),
            offer(offering_entity={"name": "Chad", "type": "state", "country": "TCD"}),
            [],
            "own_offer",
            "a State is not matched with its own offer",
        ),
        (
            request(),
            offer(),
            [match(1, "REQ-2020-001", ["OFF-2020-001"], "declined")],
            "declined_before",
            "this pair was declined before",
        ),
        (
            request(),
            offer(),
            [match(1, "REQ-2020-001", ["OFF-2020-001"], "agreed")],
            "already_matched",
            "a live match already pairs them",
        ),
        (
            request(2),
            offer(),
            [match(1, "REQ-2020-001", ["OFF-2020-001"], "agreed")],
            "no_capacity",
            "the offer's capacity (1) is taken by live matches",
        ),
    ],
)
def test_each_filter_with_its_reason(
    req: dict, off: dict, matches: list, code: str, reason: str
) -> None:
    registry = make_registry(
        [req, request(1)] if req["id"] != "REQ-2020-001" else [req], [off], matches
    )
    r, o = registry.requests[req["id"]], registry.offers[off["id"]]
    assert [(e.code, e.reason) for e in exclusions(registry, r, o, TODAY)] == [(code, reason)]
    index = build_index(registry, TODAY)
    bits = int(
        exclusion_codes(index, np.array([index.request_pos[r.id]]))[0, index.offer_pos[o.id]]
    )
    assert [(e.code, e.reason) for e in describe(bits, r, o, TODAY)] == [(code, reason)]


def test_filters_are_documented() -> None:
    assert list(FILTERS) == [
        "request_not_open",
        "offer_not_open",
        "out_of_scope",
        "no_common_area",
        "no_common_support_type",
        "no_capacity",
        "expired",
        "own_offer",
        "declined_before",
        "already_matched",
        "submitted_later",
    ]
