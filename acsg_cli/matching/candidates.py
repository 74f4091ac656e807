"""Each request's best eligible offers: the candidates the ranking and the plan weigh.

A registry twice as large has about four times as many eligible pairs (twice the requests, each
with twice the offers), so a plan over every eligible pair grows quadratically in time and
memory. Each request keeps instead its `k` best eligible offers by fit (ties: the lower offer
id), and the plan's linear programme has at most `k` variables per request: it is optimal over
each request's `k` best candidates. A request with `k` eligible offers or fewer keeps them all,
so when no request has more, the candidates are every eligible pair and nothing changes.

The pairs are listed once, a block of requests at a time, and kept as compact arrays (request
row, offer column, text cosine: 12 bytes a pair) until they are scored: the distributions the
fit is scaled by are read from all of them (`Scorer.calibrate`), then each block is scored, keeps
each request's best and is let go. Listing them costs a product of the text vectors and the
filters of every request against every available offer, so it is done once, not once for the
distributions and again for the fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from acsg_cli.errors import UsageError
from acsg_cli.matching.pairs import PAIR_INDEX, Pairs

if TYPE_CHECKING:
    import numpy as np

    from acsg_cli.matching.scoring import Scorer

DEFAULT_CANDIDATES = 25
"""Offers each request keeps (`--candidates`): a request rarely receives an offer beyond its
25 best, and the plan's size stays linear in the requests."""
MAX_CANDIDATES = 100_000
"""The largest `--candidates`: more than any registry's offers, so every eligible pair."""


def check_candidates(k: int) -> None:
    """`UsageError` unless `k` is a number of candidates `candidates` accepts."""
    if not 1 <= k <= MAX_CANDIDATES:
        raise UsageError(f"--candidates must be from 1 to {MAX_CANDIDATES:,}, not {k}")


def candidates(scorer: Scorer, rows: np.ndarray, k: int) -> tuple[Pairs, np.ndarray]:
    """The eligible pairs of the requests at `rows` with `scorer` calibrated on all of them;
    of each request, its `k` best by fit (ties: the lower offer id), in row then column order,
    with their fit."""
    import numpy as np

    check_candidates(k)
    blocks = list(scorer.eligible_blocks(rows))
    scorer.calibrate(blocks)
    parts: list[tuple[np.ndarray, ...]] = []
    while blocks:
        block = blocks.pop(0)
        fit = scorer.fit(block)
        at = best_per_request(block, fit, k)
        parts.append((block.rows[at], block.cols[at], block.cosine[at], fit[at]))
    if not parts:
        empty = np.zeros(0, dtype=PAIR_INDEX)
        return Pairs(empty, empty, np.zeros(0, dtype=np.float32)), np.zeros(0)
    rows_, cols, cosine, fit = (np.concatenate(p) for p in zip(*parts, strict=True))
    return Pairs(rows_, cols, cosine), fit


def best_per_request(pairs: Pairs, fit: np.ndarray, k: int) -> np.ndarray:
    """Positions of each request's `k` largest fits in `pairs` (listed by row then column; ties
    go to the lower column), in their order.

    Each request's `k`-th largest fit comes from one partial sort (`np.partition`) of a table
    with a line per request and its fits side by side; the pairs above it are kept, then those
    equal to it, by column, while the request has room."""
    import numpy as np

    if not len(pairs):
        return np.arange(0, dtype=np.intp)
    first = np.cumsum(np.r_[False, pairs.rows[1:] != pairs.rows[:-1]])
    counts = np.bincount(first)
    if counts.max() <= k:
        return np.arange(len(pairs), dtype=np.intp)
    width = int(counts.max())
    table = np.full((len(counts), width), -np.inf)
    table[first, np.arange(len(pairs)) - np.r_[0, np.cumsum(counts)[:-1]][first]] = fit
    kth = np.partition(table, width - k, axis=1)[:, width - k][first]
    above = fit > kth
    room = k - np.bincount(first[above], minlength=len(counts))
    tied = np.flatnonzero(fit == kth)
    tied_rows = first[tied]
    rank = np.arange(len(tied)) - np.searchsorted(tied_rows, tied_rows, side="left")
    above[tied[rank < room[tied_rows]]] = True
    return np.flatnonzero(above)


def within(pairs: Pairs, fit: np.ndarray, k: int) -> np.ndarray:
    """Whether each pair is among its request's `k` best by fit (ties: the lower column), for
    pairs listed by row then column."""
    import numpy as np

    order = np.lexsort((pairs.cols, -fit, pairs.rows))
    rows = pairs.rows[order]
    rank = np.arange(len(order)) - np.searchsorted(rows, rows, side="left")
    mask = np.zeros(len(order), dtype=bool)
    mask[order[rank < k]] = True
    return mask
