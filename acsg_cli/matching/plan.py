"""One assignment of offers to requests that maximises the total score under capacity.

The pairs are the eligible ones with a positive score (at least `--min-score` when given).
Each offer serves at most its remaining capacity; each request receives at most
`max_per_request` offers (one by default); each pair is used at most once. This is a maximum
weight bipartite b-matching:

- with one offer per request it is an assignment problem once every offer is expanded into
  one column per unit of capacity, solved exactly by scipy's sparse LAPJV
  (`scipy.sparse.csgraph.min_weight_full_bipartite_matching`);
- with more it is a linear programme whose constraint matrix is totally unimodular, so its
  optimum is integral; HiGHS (`scipy.optimize.linprog`) solves it over each request's best
  and each offer's best pairs first, and any pair whose dual price shows it could improve the
  total is added until none can (column generation), which keeps the programme small.

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
    room = dict.fromkeys(np.unique(edges.rows).tolist(), max_per_request)
    chosen = []
    rows, cols = edges.rows[order].tolist(), edges.cols[order].tolist()
    for e, r, c in zip(order.tolist(), rows, cols, strict=True):
        if left[c] > 0 and room[r] > 0:
            left[c] -= 1
            room[r] -= 1
            chosen.append(e)
    return np.array(sorted(chosen), dtype=np.intp)


def optimal(edges: Edges, capacity: np.ndarray, max_per_request: int) -> np.ndarray:
    """Indices of the pairs of a plan with the largest total score."""
    import numpy as np

    if not len(edges):
        return np.zeros(0, dtype=np.intp)
    if max_per_request == 1:
        return _assignment(edges, capacity)
    return _linear_programme(edges, capacity, max_per_request)


def _assignment(edges: Edges, capacity: np.ndarray) -> np.ndarray:
    """One offer per request: a minimum-cost full matching of the requests to offer slots.

    Each offer gets one column per unit of capacity (never more than the requests it could
    serve), each request a private "unserved" column, so every request can be matched; a
    pair costs `top - score` and unserved costs `top`, so the cheapest matching is the plan
    with the largest total. Solved by scipy's sparse LAPJV."""
    import numpy as np
    from scipy import sparse
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    rows, row_of = np.unique(edges.rows, return_inverse=True)
    cols, col_of = np.unique(edges.cols, return_inverse=True)
    slots = np.minimum(capacity[cols], np.bincount(col_of, minlength=len(cols)))
    first = np.concatenate([[0], np.cumsum(slots)[:-1]]).astype(np.intp)
    n_slots = int(slots.sum())
    top = float(edges.scores.max()) + 1.0
    at_row, at_col, cost = [], [], []
    for k in range(int(slots.max())):
        use = np.flatnonzero(slots[col_of] > k)
        at_row.append(row_of[use])
        at_col.append(first[col_of[use]] + k)
        cost.append(top - edges.scores[use])
    unserved = np.arange(len(rows))
    at_row.append(unserved)
    at_col.append(n_slots + unserved)
    cost.append(np.full(len(rows), top))
    graph = sparse.csr_matrix(
        (np.concatenate(cost), (np.concatenate(at_row), np.concatenate(at_col))),
        shape=(len(rows), n_slots + len(rows)),
    )
    matched_row, matched_slot = min_weight_full_bipartite_matching(graph)
    served = matched_slot < n_slots
    matched_row, matched_slot = matched_row[served], matched_slot[served]
    matched_col = np.searchsorted(first, matched_slot, side="right") - 1
    # Back from (request, offer) to the pair's index.
    keys = row_of.astype(np.int64) * len(cols) + col_of
    sorter = np.argsort(keys, kind="stable")
    wanted = matched_row.astype(np.int64) * len(cols) + matched_col
    return np.sort(sorter[np.searchsorted(keys, wanted, sorter=sorter)])


def _linear_programme(edges: Edges, capacity: np.ndarray, max_per_request: int) -> np.ndarray:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, linprog, milp

    n_rows = int(edges.rows.max()) + 1
    n_cols = int(edges.cols.max()) + 1
    limit = np.concatenate([np.full(n_rows, max_per_request), capacity[:n_cols]]).astype(np.float64)
    # Start from each request's best pairs; price the others in with the duals.
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
    solved = milp(
        -edges.scores[kept],
        integrality=np.ones(len(kept)),
        bounds=Bounds(0, 1),  # pragma: no cover
        constraints=LinearConstraint(matrix, -np.inf, limit),
    )
    return np.sort(kept[solved.x > 0.5])  # pragma: no cover


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
