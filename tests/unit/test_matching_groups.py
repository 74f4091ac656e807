"""Each group's best values, chosen pass by pass, are those a full sort gives."""

from __future__ import annotations

from random import Random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from acsg_cli.matching.groups import ITERATE_UP_TO, best_in_groups, in_group_order


def by_sorting(group: np.ndarray, values: np.ndarray, limit: np.ndarray) -> list[list[int]]:
    """Each group's positions, best value first, ties by position, cut at the group's limit."""
    out: list[list[int]] = []
    for g in range(len(limit)):
        mine = sorted(np.flatnonzero(group == g).tolist(), key=lambda p: (-values[p], p))
        out.append(mine[: int(limit[g])])
    return out


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda n: st.tuples(
            st.lists(st.integers(0, n - 1), max_size=40),
            st.lists(st.integers(0, ITERATE_UP_TO + 3), min_size=n, max_size=n),
        )
    ),
    st.randoms(use_true_random=False),
)
def test_best_in_groups_is_a_sort_cut_at_each_limit(
    drawn: tuple[list[int], list[int]], rnd: Random
) -> None:
    groups, limits = drawn
    group = np.array(groups, dtype=np.intp)
    values = np.array([rnd.choice([1.0, 2.5, 4.0]) for _ in groups])  # ties are common
    limit = np.array(limits, dtype=np.int64)
    found = best_in_groups(group, values, limit, len(limit))
    ranked = in_group_order(group, found)
    want = by_sorting(group, values, limit)
    assert ranked.tolist() == [p for mine in want for p in mine]
    # Listed rank by rank: every group's best before any group's second.
    ranks = [next(k for k, p in enumerate(want[group[q]]) if p == q) for q in found.tolist()]
    assert ranks == sorted(ranks)
