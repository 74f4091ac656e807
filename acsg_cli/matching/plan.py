"""One assignment of offers to requests that maximises the total score under capacity.

The pairs are the eligible ones with a positive score (at least `--min-score` when given).
Each offer serves at most its remaining capacity; each request receives at most
`max_per_request` offers (one by default); each pair is used at most once. This is a maximum
weight bipartite b-matching:

- with one offer per request it is an assignment problem once every offer is expanded into
  one column per unit of capacity, solved exactly by `scipy.optimize.linear_sum_assignment`;
- with more it is a linear programme whose constraint matrix is totally unimodular, so its
  optimum is integral; HiGHS (`scipy.optimize.linprog`) solves it over each request's best
  pairs first, and any pair whose dual price shows it could improve the total is added until
  none can (column generation), which keeps the programme small on large registries.

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

    rows: "np.ndarray"
    cols: "np.ndarray"
    scores: "np.ndarray"

    def __len__(self) -> int:
        return len(self.rows)


def greedy(edges: Edges, capacity: "np.ndarray", max_per_request: int) -> "np.ndarray":
    """Indices of the pairs the greedy plan takes: best score first, ties by ids."""
    import numpy as np

    order = np.lexsort((edges.cols, edges.rows, -edges.scores))
    left = capacity.astype(np.int64).copy()
    taken: dict[int, int] = {}
    chosen = []
    rows, cols = edges.rows.tolist(), edges.cols.tolist()
    for e in order.tolist():
        r, c = rows[e], cols[e]
        if left[c] > 0 and taken.get(r, 0) < max_per_request:
            left[c] -= 1
            taken[r] = taken.get(r, 0) + 1
            chosen.append(e)
    return np.array(sorted(chosen), dtype=np.intp)


def optimal(edges: Edges, capacity: "np.ndarray", max_per_request: int) -> "np.ndarray":
    """Indices of the pairs of a plan with the largest total score."""
    import numpy as np

    if not len(edges):
        return np.zeros(0, dtype=np.intp)
    if max_per_request == 1:
        return _assignment(edges, capacity)
    return _linear_programme(edges, capacity, max_per_request)


def _assignment(edges: Edges, capacity: "np.ndarray") -> "np.ndarray":
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    rows, row_of = np.unique(edges.rows, return_inverse=True)
    cols, col_of = np.unique(edges.cols, return_inverse=True)
    degree = np.bincount(col_of, minlength=len(cols))
    slots = np.minimum(capacity[cols], degree)  # an offer never needs more slots than its requests
    first = np.concatenate([[0], np.cumsum(slots)[:-1]])
    weight = np.zeros((len(rows), int(slots.sum())), dtype=np.float64)
    edge_at = np.full(weight.shape, -1, dtype=np.intp)
    for k in range(int(slots.max())):
        use = slots[col_of] > k
        where = first[col_of[use]] + k
        weight[row_of[use], where] = edges.scores[use]
        edge_at[row_of[use], where] = np.flatnonzero(use)
    r, s = linear_sum_assignment(weight, maximize=True)
    picked = edge_at[r, s]
    return np.sort(picked[(picked >= 0) & (weight[r, s] > 0)])


def _linear_programme(edges: Edges, capacity: "np.ndarray", max_per_request: int) -> "np.ndarray":
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, linprog, milp

    n_rows = int(edges.rows.max()) + 1
    n_cols = int(edges.cols.max()) + 1
    limit = np.concatenate([np.full(n_rows, max_per_request), capacity[:n_cols]]).astype(np.float64)
    # Start from each request's best pairs; price the others in with the duals.
    order = np.lexsort((edges.cols, -edges.scores, edges.rows))
    rank = np.empty(len(edges), dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, edges.rows[order][1:] != edges.rows[order][:-1]])
    counts = np.diff(np.r_[starts, len(order)])
    rank[order] = np.arange(len(order)) - np.repeat(starts, counts)
    keep = rank < max_per_request + 10
    while True:
        kept = np.flatnonzero(keep)
        matrix = _constraints(edges, kept, n_rows, n_cols)
        result = linprog(-edges.scores[kept], A_ub=matrix, b_ub=limit, bounds=(0, 1), method="highs-ds")
        if result.status != 0:  # pragma: no cover - a bounded, feasible programme always solves
            raise RuntimeError(f"the assignment solver failed: {result.message}")
        price = -result.ineqlin.marginals
        reduced = edges.scores - price[edges.rows] - price[n_rows + edges.cols]
        better = ~keep & (reduced > 1e-9)
        if not better.any():
            break
        keep |= better
    x = result.x
    if np.all((np.abs(x) < 1e-6) | (np.abs(x - 1) < 1e-6)):
        return np.sort(kept[x > 0.5])
    # A basic optimum is integral here; should the solver return another one, ask for integers.
    solved = milp(-edges.scores[kept], integrality=np.ones(len(kept)), bounds=Bounds(0, 1),  # pragma: no cover
                  constraints=LinearConstraint(matrix, -np.inf, limit))
    return np.sort(kept[solved.x > 0.5])  # pragma: no cover


def _constraints(edges: Edges, kept: "np.ndarray", n_rows: int, n_cols: int) -> "object":
    import numpy as np
    from scipy import sparse

    n = len(kept)
    ones = np.ones(n)
    by_request = sparse.csr_matrix((ones, (edges.rows[kept], np.arange(n))), shape=(n_rows, n))
    by_offer = sparse.csr_matrix((ones, (edges.cols[kept], np.arange(n))), shape=(n_cols, n))
    return sparse.vstack([by_request, by_offer]).tocsc()
