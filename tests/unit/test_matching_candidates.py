"""Each request's best candidates: the same pairs, fits and plan as over every eligible pair
when no request has more eligible offers than it keeps, and otherwise its best by fit."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from acsg_cli.errors import UsageError
from acsg_cli.matching.candidates import (
    MAX_CANDIDATES,
    best_per_request,
    candidates,
    within,
)
from acsg_cli.matching.index import build_index
from acsg_cli.matching.pairs import Pairs
from acsg_cli.matching.propose import propose
from acsg_cli.matching.scoring import Scorer, Weights
from acsg_cli.registry import Registry, load_registry
from tests.matching_registries import make_registry, offer, registries, request

TODAY = date(2022, 6, 1)
PROJECT = Path(__file__).resolve().parents[2]


def _every_pair(registry: Registry, today: date = TODAY) -> tuple[Scorer, Pairs, np.ndarray]:
    """The pairs and fits over every eligible pair, listed at once (no candidates)."""
    index = build_index(registry, today)
    scorer = Scorer(index, Weights())
    pairs = scorer.eligible(np.flatnonzero(index.arrays.req_open))
    scorer.calibrate([pairs])
    return scorer, pairs, scorer.fit(pairs)


def _most_eligible(pairs: Pairs) -> int:
    return int(np.bincount(pairs.rows).max()) if len(pairs) else 0


@settings(
    max_examples=40,
    deadline=None,
    # registries with no eligible pair prove nothing here; they are set aside (assume)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(registries(max_requests=5, max_offers=5, max_matches=3), st.integers(1, 2))
def test_with_room_for_every_eligible_offer_nothing_changes(
    registry: Registry, per_request: int
) -> None:
    whole, pairs, fit = _every_pair(registry)
    assume(len(pairs))
    k = _most_eligible(pairs)
    scorer = Scorer(whole.index, Weights())
    kept, kept_fit = candidates(scorer, np.flatnonzero(whole.index.arrays.req_open), k)
    assert np.array_equal(kept.rows, pairs.rows) and np.array_equal(kept.cols, pairs.cols)
    assert np.array_equal(kept.cosine, pairs.cosine) and np.array_equal(kept_fit, fit)
    assert np.array_equal(scorer.below, whole.below)
    assert np.array_equal(scorer.eligible_count, whole.eligible_count)
    assert np.array_equal(scorer.type_count, whole.type_count)

    def plan(candidates: int) -> object:
        return propose(
            registry,
            today=TODAY,
            top=5,
            plan=True,
            max_offers_per_request=per_request,
            candidates=candidates,
        )

    assert plan(k) == plan(MAX_CANDIDATES)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(registries(max_requests=5, max_offers=5, max_matches=3), st.integers(1, 3))
def test_each_request_keeps_its_best_by_fit_ties_by_offer_id(registry: Registry, cut: int) -> None:
    whole, pairs, fit = _every_pair(registry)
    most = _most_eligible(pairs)
    assume(most > 1)  # some request can lose offers
    k = max(most - cut, 1)
    scorer = Scorer(whole.index, Weights())
    kept, kept_fit = candidates(scorer, np.flatnonzero(whole.index.arrays.req_open), k)
    expected = sorted(
        p
        for row in set(pairs.rows.tolist())
        for p in sorted(np.flatnonzero(pairs.rows == row), key=lambda p: (-fit[p], pairs.cols[p]))[
            :k
        ]
    )
    assert kept.rows.tolist() == pairs.rows[expected].tolist()
    assert kept.cols.tolist() == pairs.cols[expected].tolist()
    assert np.array_equal(kept_fit, fit[expected])
    # The distributions the fit is scaled by still come from every eligible pair.
    assert np.array_equal(scorer.eligible_count, whole.eligible_count)
    assert np.array_equal(scorer.below, whole.below)
    # The ranking may show more than the plan weighs: the plan keeps to the k best.
    proposal = propose(registry, today=TODAY, top=k + 1, plan=True, candidates=k)
    assert proposal.plan is not None
    ix = whole.index
    best = set(zip(kept.rows.tolist(), kept.cols.tolist(), strict=True))
    for a in proposal.plan.assignment:
        assert (ix.request_pos[a.request_id], ix.offer_pos[a.offer_id]) in best
    for rc in proposal.requests:
        assert rc.eligible == int(whole.eligible_count[ix.request_pos[rc.request.id]])
        assert len(rc.candidates) == min(k + 1, rc.eligible)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 5), st.sampled_from([1.0, 2.5, 2.5, 4.0])),
        max_size=24,
        unique_by=lambda t: (t[0], t[1]),
    ),
    st.integers(1, 4),
)
def test_the_best_of_a_block_match_a_sort_by_fit_then_offer(
    triples: list[tuple[int, int, float]], k: int
) -> None:
    triples.sort()
    rows = np.array([t[0] for t in triples], dtype=np.int32)
    cols = np.array([t[1] for t in triples], dtype=np.int32)
    fit = np.array([t[2] for t in triples], dtype=np.float64)
    pairs = Pairs(rows, cols, np.zeros(len(rows), dtype=np.float32))
    expected = sorted(
        p
        for row in set(rows.tolist())
        for p in sorted(np.flatnonzero(rows == row), key=lambda p: (-fit[p], cols[p]))[:k]
    )
    assert best_per_request(pairs, fit, k).tolist() == expected
    assert np.flatnonzero(within(pairs, fit, k)).tolist() == expected


def test_a_number_of_candidates_out_of_range_is_a_usage_error() -> None:
    registry = make_registry([request()], [offer()])
    for bad in (0, -3, MAX_CANDIDATES + 1):
        with pytest.raises(UsageError, match="--candidates must be from 1"):
            propose(registry, today=TODAY, plan=True, candidates=bad)


def _generate(root: Path, requests: int, offers: int) -> Registry:
    """A registry from the benchmark's generator (about 14% of the pairs eligible)."""
    name = "benchmark_generate"
    spec = importlib.util.spec_from_file_location(name, PROJECT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules.setdefault(name, importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    module.generate(root, requests, offers, seed=3)
    return load_registry(root, root_display=str(root), cache=False)


def test_on_a_generated_registry_the_plan_weighs_each_request_best_candidates(
    tmp_path: Path,
) -> None:
    registry = _generate(tmp_path / "data", 160, 80)
    today = date(2026, 10, 1)
    _, pairs, _ = _every_pair(registry, today)
    most = _most_eligible(pairs)
    few = 5
    assert most > few  # some requests lose offers
    every = propose(registry, today=today, plan=True, candidates=MAX_CANDIDATES)
    assert propose(registry, today=today, plan=True, candidates=most) == every
    fewer = propose(registry, today=today, plan=True, candidates=few)
    assert every.plan is not None and fewer.plan is not None
    # Optimal over fewer pairs: never above the plan over all of them, never below greedy.
    assert fewer.plan.total_score <= every.plan.total_score + 1e-6
    assert fewer.plan.total_score >= fewer.plan.greedy_total_score - 1e-6
    for a, b in zip(fewer.requests, every.requests, strict=True):
        assert a.eligible == b.eligible and len(a.candidates) == len(b.candidates)
