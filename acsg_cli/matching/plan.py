"""One assignment of offers to requests that maximises the total value under capacity, and
the price of each offer's capacity.

The pairs are the eligible ones with a positive score (at least `--min-score` when given).
Each offer serves at most its remaining capacity; each request receives at most
`max_per_request` offers (one by default); each pair is used at most once. This is a maximum
weight bipartite b-matching, a linear programme whose constraint matrix is totally
unimodular, so a basic optimum is integral. HiGHS (`scipy.optimize.linprog`, dual simplex)
solves it over each request's best and each offer's best pairs first, and any pair whose dual
prices show it could improve the total is added until none can (column generation), so the
programme stays small and its memory linear in the pairs.

The dual price of an offer's capacity constraint is what one more place of that offer would
add to the best total: the opportunity cost of using one of its places for one request rather
than leave it to the others (as in resettlement matching: Annie MOORE, Ahani et al.). It is
0 for an offer with places to spare.

The greedy plan (best pair first, ties by request then offer id) is computed alongside, so
the gain of optimising is visible; the optimum is never below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Edges:
    """Candidate pairs: request row, offer column, score (parallel arrays)."""

    rows: np.ndarray
    cols: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.rows)


def greedy(edges: Edges, capacity: np.ndarray, max_per_request: int) -> np.ndarray:
    """Indices of the pairs the greedy plan takes: best score first, ties by ids."""
    import numpy as np

    order = np.lexsort((edges.cols, edges.rows, -edges.scores))
    left = capacity.astype(np.int64).tolist()
    places = int(capacity[np.unique(edges.cols)].sum()) if len(edges) else 0
    room = dict.fromkeys(np.unique(edges.rows).tolist(), max_per_request)
    chosen = []
    rows, cols = edges.rows[order].tolist(), edges.cols[order].tolist()
    for e, r, c in zip(order.tolist(), rows, cols, strict=True):
        if left[c] > 0 and room[r] > 0:
            left[c] -= 1
            room[r] -= 1
            chosen.append(e)
            places -= 1
            if not places:
                break
    return np.array(sorted(chosen), dtype=np.intp)


@dataclass(frozen=True)
class Solution:
    """The pairs of an optimal plan and the dual prices of the request and offer limits."""

    chosen: np.ndarray
    offer_price: np.ndarray
    request_price: np.ndarray


def optimal(edges: Edges, capacity: np.ndarray, max_per_request: int) -> np.ndarray:
    """Indices of the pairs of a plan with the largest total score."""
    return solve(edges, capacity, max_per_request).chosen


def solve(edges: Edges, capacity: np.ndarray, max_per_request: int) -> Solution:
    """An optimal plan and its dual prices (`capacity` has one entry per offer column)."""
    import numpy as np

    n_cols = len(capacity)
    n_rows = int(edges.rows.max()) + 1 if len(edges) else 0
    if not len(edges):
        return Solution(np.zeros(0, dtype=np.intp), np.zeros(n_cols), np.zeros(n_rows))
    return _linear_programme(edges, capacity, max_per_request)


def _linear_programme(edges: Edges, capacity: np.ndarray, max_per_request: int) -> Solution:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, linprog, milp

    n_rows = int(edges.rows.max()) + 1
    n_cols = len(capacity)
    limit = np.concatenate([np.full(n_rows, max_per_request), capacity]).astype(np.float64)
    # Start from each request's best pairs and each offer's best pairs (capacity binds there);
    # then price the others in with the duals.
    keep = (_rank(edges.rows, edges.cols, edges.scores) < max_per_request + 5) | (
        _rank(edges.cols, edges.rows, edges.scores) < 2 * capacity[edges.cols] + 5
    )
    while True:
        kept = np.flatnonzero(keep)
        matrix = _constraints(edges, kept, n_rows, n_cols)
        result = linprog(
            -edges.scores[kept], A_ub=matrix, b_ub=limit, bounds=(0, 1), method="highs-ds"
        )
        if result.status != 0:  # pragma: no cover - a bounded, feasible programme always solves
            raise RuntimeError(f"the assignment solver failed: {result.message}")
        price = np.maximum(-result.ineqlin.marginals, 0.0)
        reduced = edges.scores - price[edges.rows] - price[n_rows + edges.cols]
        better = ~keep & (reduced > 1e-9)
        if not better.any():
            break
        keep |= better
    x = result.x
    prices = (price[n_rows:], price[:n_rows])
    if np.all((np.abs(x) < 1e-6) | (np.abs(x - 1) < 1e-6)):
        return Solution(np.sort(kept[x > 0.5]), *prices)
    # A basic optimum is integral here; should the solver return another one, ask for integers.
    solved = milp(  # pragma: no cover
        -edges.scores[kept],
        integrality=np.ones(len(kept)),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(matrix, -np.inf, limit),
    )
    return Solution(np.sort(kept[solved.x > 0.5]), *prices)  # pragma: no cover


def _rank(group: np.ndarray, other: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Each pair's rank by score (0 = best, ties by the other id) within its group."""
    import numpy as np

    order = np.lexsort((other, -scores, group))
    starts = np.flatnonzero(np.r_[True, group[order][1:] != group[order][:-1]])
    rank = np.empty(len(group), dtype=np.int64)
    rank[order] = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    return rank


def _constraints(edges: Edges, kept: np.ndarray, n_rows: int, n_cols: int) -> object:
    import numpy as np
    from scipy import sparse

    n = len(kept)
    ones = np.ones(n)
    by_request = sparse.csr_matrix((ones, (edges.rows[kept], np.arange(n))), shape=(n_rows, n))
    by_offer = sparse.csr_matrix((ones, (edges.cols[kept], np.arange(n))), shape=(n_cols, n))
    return sparse.vstack([by_request, by_offer]).tocsc()
