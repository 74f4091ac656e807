"""`acsg_cli.reports.model` and `facts`: the stocktaking figures, computed once."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from acsg_cli.matching.eligibility import eligible_offers
from acsg_cli.models import Match, Offer, Request
from acsg_cli.registry import Registry, load_registry
from acsg_cli.reports import facts, pledges
from acsg_cli.reports.model import EntityCount, Totals, build_stocktaking
from acsg_cli.reports.timetravel import snapshot
from acsg_cli.vocab import (
    Area,
    EntityType,
    MatchStatus,
    OfferStatus,
    Region,
    RequestStatus,
    SupportType,
)
from tests.reports.registries import add_private_records

TODAY = date(2024, 1, 1)


def _stocktaking(
    root: Path, as_of: str | None = "2021-10-12", since: str | None = None, audience: str = "shared"
):
    now = snapshot(root, "data", as_of, TODAY)
    before = snapshot(root, "data", since, TODAY, base=now) if since else None
    return build_stocktaking(now, audience=audience, since=before)


def test_shipped_stocktaking_reads_like_the_2021_outcome_report(shipped: Path) -> None:
    model = _stocktaking(shipped)
    assert model.as_of == "2021-10-12" and model.basis.kind == "date"
    assert model.totals == Totals(requests=7, offers=6, matches=5, pledges=13, live_matches=5)
    # SR: more requests than offers, which leaves unmet needs.
    assert model.supply_demand.requested > model.supply_demand.offered
    assert (
        model.findings[0] == "There are more requests for support (7) than offers of support (6)."
    )
    assert [n.request for n in model.unmet_needs.requests] == [
        "REQ-2019-005",
        "REQ-2019-006",
        "REQ-2019-007",
    ]
    assert model.unmet_needs.by_area["reception"] == 2
    # SR: some offers are limited in their geographic scope.
    assert [o.offer for o in model.narrow_scope.offers] == ["OFF-2019-002", "OFF-2019-004"]
    ecre = model.narrow_scope.offers[1]
    assert (ecre.scope, ecre.open_requests_in_its_areas, ecre.of_which_in_scope) == (
        "regions: europe",
        2,
        0,
    )
    # SR: five matches officially welcomed; two of them cross regions (France with Chad and Niger).
    welcomed = {m.parties for m in model.matches.matches if m.welcomed}
    assert welcomed == {
        "Chad / France",
        "Niger / France",
        "Mexico / Canada",
        "Philippines / New Zealand",
        "Niger / European Union Agency for Asylum (EUAA; EASO until 2022)",
    }
    assert model.matches.welcomed == 5 and model.matches.cross_regional == 2
    legislation = next(a for a in model.supply_demand.by_area if a.area == "legislation")
    assert (legislation.requested, legislation.offered, legislation.gap) == (5, 2, 3)
    assert model.entities.states == EntityCount(entities=10, pledges=11)
    assert model.entities.other_stakeholders == EntityCount(entities=2, pledges=2)
    assert [s.key for s in model.sections] == [
        "headline",
        "entities",
        "supply_demand",
        "unmet_needs",
        "narrow_scope",
        "matches",
        "progress",
    ]
    assert all(s.source for s in model.sections)


def test_stocktaking_now_and_its_progress_section(shipped: Path) -> None:
    model = _stocktaking(shipped, as_of=None)
    assert model.matches_by_stage["completed"] == 2 and model.totals.live_matches == 3
    assert model.progress.updates == 1 and model.progress.good_practices == 1
    assert model.progress.good_practice_items[0].match == "MAT-2020-002"
    assert model.basis.kind == "working_tree" and model.as_of == TODAY.isoformat()


def test_changes_since_a_date(shipped: Path) -> None:
    model = _stocktaking(shipped, as_of="2021-10-12", since="2020-12-31")
    changes = model.changes
    assert changes is not None and changes.since.as_of == "2020-12-31"
    assert [r.id for r in changes.new_offers] == ["OFF-2021-001"] and changes.new_requests == []
    assert [m.id for m in changes.new_matches] == ["MAT-2021-001", "MAT-2021-002", "MAT-2021-003"]
    moves = {(s.id, s.from_status, s.to_status) for s in changes.status_moves}
    assert ("MAT-2021-002", "agreed", "welcomed") in moves
    assert (
        "REQ-2019-002",
        "open",
        "matched",
    ) in moves  # no history: seen by comparing the two points
    assert changes.counts.status_moves == len(changes.status_moves)
    assert model.sections[-1].key == "changes"


def test_audiences_and_privacy(shipped: Path) -> None:
    add_private_records(shipped)
    shared = _stocktaking(shipped, as_of="2022-06-01")
    secret = _stocktaking(shipped, as_of="2022-06-01", audience="secretariat")
    need = next(n for n in shared.unmet_needs.requests if n.request == "REQ-2022-001")
    assert need.title == facts.WITHHELD and need.gap is None and need.objectives is None
    assert (
        need.urgent and not need.eligible_offer_exists
    )  # the only offer in its areas does not cover Senegal
    need = next(n for n in secret.unmet_needs.requests if n.request == "REQ-2022-001")
    assert need.title.startswith("Secret plan")
    assert need.gap == "No case management system; ask [email withheld] for the inventory."
    assert need.objectives == ["Digitise 20,000 files (contact [email withheld])."]
    good = shared.progress.good_practice_items[0]
    assert good.summary == "First exchange; write to [email withheld] for the agenda."
    # Figures do not depend on the audience.
    assert shared.supply_demand == secret.supply_demand and shared.totals == secret.totals


def test_safe_text() -> None:
    assert (
        facts.safe_text("mail <a.b+c@x.example.org>, or d@e.fr.")
        == "mail <[email withheld]>, or [email withheld]."
    )
    assert facts.safe_text(" two\nlines ") == "two lines"
    assert facts.safe_text(None) == ""


def _random_registry(seed: int) -> Registry:
    rng = random.Random(seed)
    areas, supports, regions = list(Area)[:6], list(SupportType), list(Region)
    states = ["TCD", "NER", "MEX", "ECU", "FRA", "CAN", "PHL", "UGA", "ZWE", "DEU", "SEN"]
    registry = Registry()
    for i in range(40):
        registry.requests[f"REQ-2020-{i:03d}"] = Request.model_validate(
            {
                "id": f"REQ-2020-{i:03d}",
                "title": "t",
                "requesting_states": rng.sample(states, rng.choice([1, 1, 2])),
                "submitted_on": "2020-01-01",
                "status": rng.choice([RequestStatus.OPEN] * 3 + [RequestStatus.MATCHED]),
                "areas": rng.sample(areas, 2),
                "support_types": rng.sample(supports, rng.randint(1, 2)),
            }
        )
    for i in range(12):
        scope = rng.choice(
            [
                {"global": True},
                {"regions": rng.sample(regions, rng.randint(1, 2))},
                {"countries": rng.sample(states, 2)},
            ]
        )
        state = rng.random() < 0.5
        registry.offers[f"OFF-2020-{i:03d}"] = Offer.model_validate(
            {
                "id": f"OFF-2020-{i:03d}",
                "title": "t",
                "submitted_on": "2020-01-01",
                "offering_entity": {
                    "name": "x",
                    "type": EntityType.STATE if state else EntityType.NGO,
                    "country": rng.choice(states) if state else None,
                },
                "status": rng.choice([OfferStatus.OPEN] * 4 + [OfferStatus.CLOSED]),
                "areas": rng.sample(areas, 2),
                "support_types": rng.sample(supports, rng.randint(1, 2)),
                "geographic_scope": scope,
                "capacity": rng.randint(1, 2),
                "available_until": (
                    date(2023, 6, 1) + timedelta(days=rng.randint(0, 400))
                ).isoformat(),
            }
        )
    for i in range(30):
        registry.matches[f"MAT-2020-{i:03d}"] = Match.model_validate(
            {
                "id": f"MAT-2020-{i:03d}",
                "request": rng.choice(list(registry.requests)),
                "offers": [rng.choice(list(registry.offers))],
                "status": rng.choice(list(MatchStatus)),
            }
        )
    return registry


def _rank_one(registry: Registry, request_id: str) -> str | None:
    from acsg_cli.matching.propose import propose

    found = propose(registry, today=TODAY, request_ids=[request_id], top=1).requests[0]
    return found.candidates[0].offer_id if found.candidates else None


@pytest.mark.parametrize("seed", range(8))
def test_the_reports_eligible_offer_is_proposes_first_choice(seed: int) -> None:
    registry = _random_registry(seed)
    index = facts.indexed(registry, TODAY)
    for request in registry.requests.values():
        eligible = {o.id for o in eligible_offers(registry, request, TODAY)}
        first = index.first_eligible_offer(request)
        assert first == _rank_one(registry, request.id), request.id
        assert (first in eligible) if first else not eligible, request.id


def test_the_reports_eligible_offer_on_the_shipped_registry(shipped: Path) -> None:
    add_private_records(shipped)
    registry = load_registry(shipped, root_display="data")
    index = facts.indexed(registry, TODAY)
    for request in registry.requests.values():
        assert index.first_eligible_offer(request) == _rank_one(registry, request.id)


@pytest.mark.parametrize("seed", range(8))
def test_the_narrow_offers_counts_are_the_requests_near_each_one(seed: int) -> None:
    """The counts made by groups (`nearby`) are those of asking every open request."""
    registry = _random_registry(seed)
    requests = sorted(registry.requests.values(), key=lambda r: r.id)
    offers = sorted(registry.offers.values(), key=lambda o: o.id)
    open_requests = [r for r in requests if r.status is RequestStatus.OPEN]
    lines = pledges.narrow_scope(requests, offers).offers
    assert lines
    for line in lines:
        offer = registry.offers[line.offer]
        in_areas = [r for r in open_requests if set(r.areas) & set(offer.areas)]
        in_scope = [
            r
            for r in in_areas
            if all(offer.geographic_scope.covers(s) for s in r.requesting_states)
        ]
        assert (line.open_requests_in_its_areas, line.of_which_in_scope) == (
            len(in_areas),
            len(in_scope),
        ), line.offer
