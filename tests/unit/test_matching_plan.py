"""The capacity-aware plan: feasible, optimal (checked by brute force), never below greedy."""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from acsg_cli.matching.plan import Edges, greedy, optimal, solve
from acsg_cli.matching.propose import propose
from acsg_cli.registry import Registry
from tests.matching_registries import registries


@st.composite
def problems(draw: st.DrawFn) -> tuple[Edges, np.ndarray, int]:
    n_rows, n_cols = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n_rows - 1), st.integers(0, n_cols - 1)),
            max_size=8,
            unique=True,
        ).map(sorted)  # pairs come by request then offer, as the eligible pairs do
    )
    # Few distinct scores, so ties are common.
    scores = [draw(st.sampled_from([1.0, 2.5, 2.5, 4.0, 7.25])) for _ in pairs]
    capacity = np.array([draw(st.integers(1, 2)) for _ in range(n_cols)])
    edges = Edges(
        np.array([p[0] for p in pairs], dtype=np.intp),
        np.array([p[1] for p in pairs], dtype=np.intp),
        np.array(scores, dtype=np.float64),
    )
    return edges, capacity, draw(st.integers(1, 3))


def feasible(edges: Edges, chosen: np.ndarray, capacity: np.ndarray, per_request: int) -> bool:
    offers = Counter(edges.cols[chosen].tolist())
    requests = Counter(edges.rows[chosen].tolist())
    return (
        len(set(chosen.tolist())) == len(chosen)
        and all(n <= capacity[c] for c, n in offers.items())
        and all(n <= per_request for n in requests.values())
    )


def brute_force(edges: Edges, capacity: np.ndarray, per_request: int) -> float:
    best = 0.0
    for size in range(len(edges) + 1):
        for subset in combinations(range(len(edges)), size):
            chosen = np.array(subset, dtype=np.intp)
            if feasible(edges, chosen, capacity, per_request):
                best = max(best, float(edges.scores[chosen].sum()))
    return best


@settings(max_examples=100, deadline=None)
@given(problems())
def test_the_plan_is_feasible_optimal_and_never_below_greedy(
    problem: tuple[Edges, np.ndarray, int],
) -> None:
    edges, capacity, per_request = problem
    best = optimal(edges, capacity, per_request)
    easy = greedy(edges, capacity, per_request)
    assert feasible(edges, best, capacity, per_request)
    assert feasible(edges, easy, capacity, per_request)
    total = float(edges.scores[best].sum())
    assert total >= float(edges.scores[easy].sum()) - 1e-9
    assert abs(total - brute_force(edges, capacity, per_request)) < 1e-9
    assert np.array_equal(optimal(edges, capacity, per_request), best)  # same input, same output
    assert np.array_equal(easy, one_by_one(edges, capacity, per_request))
    assert_prices_are_optimal_duals(edges, capacity, per_request, total)


def one_by_one(edges: Edges, capacity: np.ndarray, per_request: int) -> np.ndarray:
    """The greedy plan by its definition: every pair by score, ties by request then offer id,
    taken when both sides have room."""
    left, room = capacity.tolist(), dict.fromkeys(edges.rows.tolist(), per_request)
    taken = []
    for e in sorted(
        range(len(edges)), key=lambda e: (-edges.scores[e], edges.rows[e], edges.cols[e])
    ):
        r, c = int(edges.rows[e]), int(edges.cols[e])
        if left[c] > 0 and room[r] > 0:
            left[c] -= 1
            room[r] -= 1
            taken.append(e)
    return np.array(sorted(taken), dtype=np.intp)


def assert_prices_are_optimal_duals(
    edges: Edges, capacity: np.ndarray, per_request: int, total: float
) -> None:
    """The prices are non-negative and, with each pair's bound priced at its surplus, the dual
    objective equals the best total (strong duality): they are the programme's dual prices."""
    solution = solve(edges, capacity, per_request)
    assert len(solution.offer_price) == len(capacity)
    assert (solution.offer_price >= 0).all() and (solution.request_price >= 0).all()
    if not len(edges):
        return
    surplus = np.maximum(
        edges.scores - solution.request_price[edges.rows] - solution.offer_price[edges.cols], 0
    )
    dual = (
        per_request * solution.request_price.sum()
        + float((capacity * solution.offer_price).sum())
        + surplus.sum()
    )
    assert abs(dual - total) < 1e-6


def test_greedy_can_lose_and_the_optimum_does_not() -> None:
    # Greedy gives the only offer able to serve request 1 to request 0, which had another.
    edges = Edges(np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([10.0, 9.0, 8.0]))
    capacity = np.array([1, 1])
    assert edges.scores[greedy(edges, capacity, 1)].sum() == 10.0
    assert edges.scores[optimal(edges, capacity, 1)].sum() == 17.0


def test_larger_random_problems_have_optimal_duals() -> None:
    rng = np.random.default_rng(7)
    rows, cols = np.nonzero(rng.random((60, 30)) < 0.3)
    edges = Edges(
        rows.astype(np.intp), cols.astype(np.intp), np.round(rng.random(len(rows)) * 100, 2)
    )
    capacity = rng.integers(1, 4, 30)
    best = edges.scores[optimal(edges, capacity, 1)].sum()
    assert best >= edges.scores[greedy(edges, capacity, 1)].sum()
    assert_prices_are_optimal_duals(edges, capacity, 1, float(best))
    chosen = optimal(edges, capacity, 3)
    assert feasible(edges, chosen, capacity, 3)
    assert edges.scores[chosen].sum() >= edges.scores[greedy(edges, capacity, 3)].sum()


@settings(max_examples=25, deadline=None)
@given(
    registries(max_requests=6, max_offers=4),
    st.integers(1, 2),
    st.sampled_from(["total", "fair"]),
)
def test_plans_on_registries_respect_remaining_capacity(
    registry: Registry, per_request: int, objective: str
) -> None:
    today = date(2022, 6, 1)
    proposal = propose(
        registry, today=today, plan=True, max_offers_per_request=per_request, objective=objective
    )
    plan = proposal.plan
    assert plan is not None
    live = Counter(
        o
        for m in registry.matches.values()
        if m.status.value
        in {"proposed", "consent_pending", "agreed", "welcomed", "in_implementation"}
        for o in m.offers
    )
    used = Counter(a.offer_id for a in plan.assignment)
    for offer_id, n in used.items():
        assert n <= registry.offers[offer_id].capacity - live[offer_id]
    assert all(n <= per_request for n in Counter(a.request_id for a in plan.assignment).values())
    assert plan.total_score >= plan.greedy_total_score - 1e-9
    served = {a.request_id for a in plan.assignment}
    assert served.isdisjoint(u.request_id for u in plan.unmet)
    assert served | {u.request_id for u in plan.unmet} == {r.request.id for r in proposal.requests}
    assert plan.objective == objective
    assert sum(plan.unmet_by["areas"].values()) == len(plan.unmet)
    if objective == "fair":  # each served request adds its share of its own best, at most 1
        assert plan.total_score <= per_request * len(served) + 1e-6
    again = propose(
        registry, today=today, plan=True, max_offers_per_request=per_request, objective=objective
    )
    assert again == proposal
