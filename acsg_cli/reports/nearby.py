"""How many open requests each offer limited in scope could serve, counted by groups.

For each offer, the stocktaking counts the open requests that ask for one of its areas, and of
those the ones whose every requesting State its geographic scope covers (`GeographicScope.
covers`, as the matching eligibility filter reads it). Asking this of every request for every
offer costs requests x offers; instead the open requests are grouped by what the counts depend
on (their areas, their requesting States), and each group is checked once against a block of
offers, in arrays, with its number of requests as its weight. The groups stop growing long
before the registry does (there are only so many States and sets of areas), so the cost grows
with the offers, not with the product.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from acsg_cli.models import Offer, Request

if TYPE_CHECKING:
    import numpy as np

BLOCK_OFFERS = 512
"""Offers checked against every group together: bounds the temporary arrays."""


def open_requests_near(open_requests: list[Request], offers: list[Offer]) -> list[tuple[int, int]]:
    """For each offer (in order): the open requests asking for one of its areas, and of those
    the ones whose requesting States its scope all covers."""
    import numpy as np

    from acsg_cli.matching.bitsets import AREAS, bits, overlap
    from acsg_cli.matching.index import scope_cover

    groups = Counter(
        (tuple(sorted(set(r.requesting_states))), frozenset(r.areas)) for r in open_requests
    )
    if not offers or not groups:
        return [(0, 0)] * len(offers)
    keys = list(groups)
    weight = np.array([groups[k] for k in keys], dtype=np.int64)
    countries = sorted({s for states, _ in keys for s in states})
    slots = _slots([states for states, _ in keys], countries)
    group_areas = bits([list(areas) for _, areas in keys], AREAS)
    out: list[tuple[int, int]] = []
    for start in range(0, len(offers), BLOCK_OFFERS):
        block = offers[start : start + BLOCK_OFFERS]
        # One row per country, and a last one, all True, for the slots beyond a group's States.
        cover = np.vstack([scope_cover(block, countries).T > 0, np.ones((1, len(block)), bool)])
        shared = overlap(group_areas, bits([o.areas for o in block], AREAS))
        covered = shared.copy()
        for k in range(slots.shape[1]):
            covered &= cover[slots[:, k]]
        in_areas = weight @ shared
        in_scope = weight @ covered
        out.extend(zip(in_areas.tolist(), in_scope.tolist(), strict=True))
    return out


def _slots(state_sets: list[tuple[str, ...]], countries: list[str]) -> np.ndarray:
    """(groups, most States a group names): each State's place in `countries`, and beyond a
    group's own States the last row (`len(countries)`), which covers everything."""
    import numpy as np

    position = {c: i for i, c in enumerate(countries)}
    width = max(len(s) for s in state_sets)
    slots = np.full((len(state_sets), width), len(countries), dtype=np.intp)
    for row, states in enumerate(state_sets):
        slots[row, : len(states)] = [position[s] for s in states]
    return slots
