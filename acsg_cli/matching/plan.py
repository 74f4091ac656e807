"""One assignment of offers to requests that maximises the total value under capacity, and
the price of each offer's capacity.

The pairs are each request's best candidates (`candidates`: its `--candidates` best eligible
offers by fit) with a positive score (at least `--min-score` when given), so the plan is optimal
over each request's K best candidates.
Each offer serves at most its remaining capacity; each request receives at most
`max_per_request` offers (one by default); each pair is used at most once. This is a maximum
weight bipartite b-matching, a linear programme whose constraint matrix is totally
unimodular, so a basic optimum is integral. HiGHS (`highspy`, simplex) solves it over each
request's best and each offer's best pairs first; then each request's pair whose dual prices
show it could improve the total most is added, and the simplex restarts from its last basis,
until no pair can (column generation). The programme stays small and its memory linear in
the pairs.

The dual price of an offer's capacity constraint is what one more place of that offer would
add to the best total: the opportunity cost of using one of its places for one request rather
than leave it to the others (as in resettlement matching: Annie MOORE, Ahani et al.). It is
0 for an offer with places to spare.

The greedy plan (best pair first, ties by request then offer id) is computed alongside, so
the gain of optimising is visible; the optimum is never below it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Edges:
    """Candidate pairs: request row, offer column, score (parallel arrays, by request then
    offer: ties between pairs go to the lower ids)."""

    rows: np.ndarray
    cols: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.rows)


def greedy(edges: Edges, capacity: np.ndarray, max_per_request: int) -> np.ndarray:
    """Indices of the pairs the greedy plan takes: best score first, ties by ids (the pairs
    are listed by request then offer, so a stable sort by score breaks ties by ids).

    The pairs are walked in chunks: a pair whose request or offer is already full when its
    chunk starts is passed over without a look, and only one chunk is ever held as Python
    numbers."""
    import numpy as np

    chosen: list[int] = []
    if not len(edges):
        return np.zeros(0, dtype=np.intp)
    order = np.argsort(-edges.scores, kind="stable")
    left = np.maximum(capacity.astype(np.int64), 0)
    room = np.full(int(edges.rows.max()) + 1, max_per_request, dtype=np.int64)
    places = int(left[np.unique(edges.cols)].sum())
    for start in range(0, len(order), GREEDY_CHUNK):
        part = order[start : start + GREEDY_CHUNK]
        part = part[(left[edges.cols[part]] > 0) & (room[edges.rows[part]] > 0)]
        room_of, left_of = room.tolist(), left.tolist()
        rows, cols = edges.rows[part].tolist(), edges.cols[part].tolist()
        for e, r, c in zip(part.tolist(), rows, cols, strict=True):
            if left_of[c] > 0 and room_of[r] > 0:
                left_of[c] -= 1
                room_of[r] -= 1
                chosen.append(e)
                places -= 1
        if places <= 0:
            break
        room, left = np.array(room_of, dtype=np.int64), np.array(left_of, dtype=np.int64)
    return np.array(sorted(chosen), dtype=np.intp)


GREEDY_CHUNK = 1 << 16
"""Pairs the greedy plan looks at together."""


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
    import highspy
    import numpy as np

    from acsg_cli.matching.groups import best_in_groups

    n_rows = int(edges.rows.max()) + 1
    n_cols = len(capacity)
    limit = np.concatenate([np.full(n_rows, max_per_request), capacity]).astype(np.float64)
    model = _quiet(highspy.Highs)
    for option, value in (("output_flag", False), ("threads", 1), ("solver", "simplex")):
        model.setOptionValue(option, value)
    m = n_rows + n_cols
    empty = np.zeros(m + 1, dtype=np.int32)
    model.addRows(m, np.full(m, -highspy.kHighsInf), limit, 0, empty, empty[:0], np.zeros(0))
    # Start from each request's best pairs and each offer's best pairs (capacity binds there);
    # then add, for each request, its pair whose reduced value is largest, until none is
    # positive (the simplex restarts from the last basis, so each round is short).
    keep = np.zeros(len(edges), dtype=bool)
    keep[best_in_groups(edges.rows, edges.scores, np.full(n_rows, max_per_request + 2), n_rows)] = (
        True
    )
    keep[best_in_groups(edges.cols, edges.scores, capacity + 1, n_cols)] = True
    kept = np.zeros(0, dtype=np.intp)
    adding = np.flatnonzero(keep)
    while len(adding):
        _add_columns(model, edges, adding, n_rows)
        kept = np.concatenate([kept, adding])
        model.run()
        if model.getModelStatus() != highspy.HighsModelStatus.kOptimal:  # pragma: no cover
            raise RuntimeError("the assignment solver failed: " + str(model.getModelStatus()))
        price = np.maximum(-np.asarray(model.getSolution().row_dual), 0.0)
        reduced = edges.scores - price[edges.rows] - price[n_rows + edges.cols]
        better = np.flatnonzero(~keep & (reduced > 1e-9))
        adding = _best_per_group(edges.rows[better], reduced[better], n_rows, better)
        keep[adding] = True
    x = np.asarray(model.getSolution().col_value)
    prices = (price[n_rows:], price[:n_rows])
    if np.all((np.abs(x) < 1e-6) | (np.abs(x - 1) < 1e-6)):
        return Solution(np.sort(kept[x > 0.5]), *prices)
    # A basic optimum is integral here; should the solver return another one, ask for integers.
    model.changeColsIntegrality(  # pragma: no cover
        len(kept), np.arange(len(kept), dtype=np.int32), np.ones(len(kept), dtype=np.uint8)
    )
    model.run()  # pragma: no cover
    x = np.asarray(model.getSolution().col_value)  # pragma: no cover
    return Solution(np.sort(kept[x > 0.5]), *prices)  # pragma: no cover


def _quiet(make: Callable[[], Any]) -> Any:
    """`make()` with the C library's standard output closed: HiGHS prints a banner on stdout
    when its first model is made, before any option can turn its output off."""
    import ctypes
    import os
    import sys

    sys.stdout.flush()
    libc = ctypes.CDLL(None)
    saved, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        return make()
    finally:
        libc.fflush(None)
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)


def _add_columns(model: object, edges: Edges, at: np.ndarray, n_rows: int) -> None:
    """Add the pairs at `at` as columns: cost -score (minimised), bounds 0..1, one entry in
    the request's row and one in the offer's."""
    import numpy as np

    n = len(at)
    index = np.empty(2 * n, dtype=np.int32)
    index[0::2] = edges.rows[at]
    index[1::2] = n_rows + edges.cols[at]
    model.addCols(  # type: ignore[attr-defined]  # highspy ships no type information
        n,
        -edges.scores[at].astype(np.float64),
        np.zeros(n),
        np.ones(n),
        2 * n,
        np.arange(0, 2 * n, 2, dtype=np.int32),
        index,
        np.ones(2 * n),
    )


def _best_per_group(
    group: np.ndarray, values: np.ndarray, n_groups: int, at: np.ndarray
) -> np.ndarray:
    """`at` of each group's largest value (the first of equal ones), in linear time."""
    import numpy as np

    if not len(group):
        return at
    best = np.full(n_groups, -np.inf)
    np.maximum.at(best, group, values)
    top = np.flatnonzero(values == best[group])
    _, first = np.unique(group[top], return_index=True)
    return at[top[first]]
