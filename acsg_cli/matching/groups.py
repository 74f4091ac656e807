"""The best few pairs of each request or offer, found without sorting every pair.

Ranking, the plan's first columns, its greedy comparison and the capacity prices each need a
handful of pairs per request or per offer, out of millions of eligible pairs. A full sort of the
pairs costs O(n log n) each time; choosing each group's best pair, then the next, costs a few
passes over the pairs, each in linear time. Ties go to the lower position in the arrays, which
for pairs listed by request then offer is the lower offer (or request) id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

ITERATE_UP_TO = 8
"""Above this many pairs per group, one sort is cheaper than choosing them one by one."""


def best_in_groups(
    group: np.ndarray, values: np.ndarray, limit: np.ndarray, n_groups: int
) -> np.ndarray:
    """Positions of each group's `limit[group]` largest values (ties: the lower position first),
    listed rank by rank: every group's best, then every group's second, and so on."""
    import numpy as np

    if not len(values):
        return np.zeros(0, dtype=np.intp)
    most = int(limit.max()) if len(limit) else 0
    if most > ITERATE_UP_TO:
        return _by_sorting(group, values, limit)
    at = np.arange(len(values), dtype=np.intp)
    g, v = group, values
    none = np.iinfo(np.intp).max
    out = []
    for rank in range(most):
        wanted = limit[g] > rank
        if not wanted.all():
            at, g, v = at[wanted], g[wanted], v[wanted]
        if not len(at):
            break
        best = np.full(n_groups, -np.inf)
        np.maximum.at(best, g, v)
        hit = v == best[g]
        first = np.full(n_groups, none, dtype=np.intp)
        np.minimum.at(first, g[hit], at[hit])
        picked = first[first != none]
        out.append(picked)
        chosen = np.zeros(len(at), dtype=bool)
        chosen[np.searchsorted(at, picked)] = True
        at, g, v = at[~chosen], g[~chosen], v[~chosen]
    return np.concatenate(out) if out else np.zeros(0, dtype=np.intp)


def _by_sorting(group: np.ndarray, values: np.ndarray, limit: np.ndarray) -> np.ndarray:
    import numpy as np

    order = np.lexsort((-values, group))
    starts = np.flatnonzero(np.r_[True, group[order][1:] != group[order][:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    inside = rank < limit[group[order]]
    kept: np.ndarray = order[inside][np.argsort(rank[inside], kind="stable")]
    return kept


def in_group_order(group: np.ndarray, at: np.ndarray) -> np.ndarray:
    """`at` (as `best_in_groups` lists it) regrouped: by group, each group's by rank."""
    import numpy as np

    regrouped: np.ndarray = at[np.argsort(group[at], kind="stable")]
    return regrouped
