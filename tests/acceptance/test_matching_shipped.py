"""On the shipped registry, every published match is one `acsg match propose` would suggest:
set the match aside (its request and offers open again, its capacity freed) and its offers
rank in the top 3 for its request, for reasons a person can read."""

from __future__ import annotations

from datetime import date

import pytest

from acsg_cli.matching.propose import propose
from acsg_cli.matching.view import set_aside
from acsg_cli.registry import load_registry
from tests.conftest import SHIPPED

PUBLISHED = sorted(p.stem for p in (SHIPPED / "matches").glob("*.yaml"))


def test_there_are_published_matches() -> None:
    assert len(PUBLISHED) >= 5


@pytest.mark.parametrize("match_id", PUBLISHED)
def test_published_match_ranks_in_the_top_3_when_set_aside(match_id: str) -> None:
    registry = load_registry(SHIPPED)
    match = registry.matches[match_id]
    view = set_aside(registry, match_id)
    assert match_id not in view.matches and match_id in registry.matches
    proposal = propose(view, today=date(2024, 1, 1), request_ids=[match.request], top=3)
    [ranked] = proposal.requests
    offers = [c.offer_id for c in ranked.candidates]
    for offer_id in match.offers:
        assert offer_id in offers, f"{match_id}: {offer_id} not in the top 3 {offers}"
        candidate = ranked.candidates[offers.index(offer_id)]
        assert any(r.startswith("covers ") for r in candidate.reasons)
        assert candidate.fit is not None and candidate.fit > 0


def test_set_aside_reopens_the_pair_and_frees_capacity() -> None:
    registry = load_registry(SHIPPED)
    view = set_aside(registry, "MAT-2021-001")
    assert view.requests["REQ-2019-002"].status.value == "open"
    assert view.offers["OFF-2019-001"].status.value == "open"
    assert registry.offers["OFF-2019-001"].status.value == "committed"
    assert (
        len(view.live_matches_for_offer("OFF-2019-001"))
        == len(registry.live_matches_for_offer("OFF-2019-001")) - 1
    )
