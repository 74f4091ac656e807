"""The eligible pairs of many requests at once, as parallel arrays.

A registry of thousands of requests and offers has millions of eligible pairs: they are kept
as three arrays (request row, offer column, text cosine), found a block of requests at a time,
so no request x offer table of Python objects is ever made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from acsg_cli.matching.index import MatchingIndex
    from acsg_cli.matching.text import TextSimilarity

BLOCK_ROWS = 256
"""Requests checked against every available offer together: bounds the temporary arrays."""

BLOCK_CELLS = 1 << 20
"""The most request x offer entries a block's tables hold (see `block_rows`)."""

PAIR_INDEX = "int32"
"""The type of a pair's row and column numbers: half the memory of the platform's int64."""


@dataclass(frozen=True)
class Pairs:
    """Eligible pairs: request row, offer column and text cosine (parallel arrays, by row)."""

    rows: np.ndarray
    cols: np.ndarray
    cosine: np.ndarray

    def __len__(self) -> int:
        return len(self.rows)


def steady(cosine: np.ndarray) -> np.ndarray:
    """Cosines rounded to 5 decimals, so one pair's cosine is the same number however it was
    computed (a block product or a single pair): the text value compares it with others."""
    import numpy as np

    return np.round(cosine, 5).astype(np.float32)


class OfferSide:
    """The available offers' sides of the pairwise filters, gathered once."""

    def __init__(self, index: MatchingIndex, cols: np.ndarray) -> None:
        import numpy as np

        self.index = index
        self.areas = index.arrays.off_area_bits[cols]
        self.support = index.arrays.off_support_bits[cols]
        # One row per country, and a last one, all True, for the slots beyond a request's States.
        self.cover = np.vstack([index.arrays.off_cover[cols].T > 0, np.ones((1, len(cols)), bool)])
        self.own = index.arrays.off_country[cols]

    def passes(self, block: np.ndarray) -> np.ndarray:
        """(len(block), offers): whether the request and the offer share an area and a kind of
        support, the offer's scope covers every requesting State and none of them offers it."""
        from acsg_cli.matching.bitsets import overlap

        ix = self.index
        ok = overlap(ix.arrays.req_area_bits[block], self.areas)
        ok &= overlap(ix.arrays.req_support_bits[block], self.support)
        slots = ix.arrays.req_slots[block]
        for k in range(slots.shape[1]):
            state = slots[:, k]
            ok &= self.cover[state]
            ok &= state[:, None] != self.own[None, :]
        return ok


def eligible_pairs(
    index: MatchingIndex, rows: np.ndarray, text: Callable[[], TextSimilarity | None]
) -> Pairs:
    """Every eligible pair of the requests at `rows`, in row then column order (the blocks of
    `eligible_blocks` together)."""
    import numpy as np

    parts = [(p.rows, p.cols, p.cosine) for p in eligible_blocks(index, rows, text)]
    if not parts:
        empty = np.zeros(0, dtype=PAIR_INDEX)
        return Pairs(empty, empty, np.zeros(0, dtype=np.float32))
    return Pairs(*(np.concatenate(p) for p in zip(*parts, strict=True)))


def eligible_blocks(
    index: MatchingIndex, rows: np.ndarray, text: Callable[[], TextSimilarity | None]
) -> Iterator[Pairs]:
    """The eligible pairs of the requests at `rows`, a block of requests at a time, in row then
    column order.

    The filters of one side alone (open, available, capacity left, submitted by the day)
    choose the requests and offers first; the others (areas, support types, scope, own
    offer, live and declined pairs) are checked block by block on those alone. The same
    pairs as `exclusion_codes(...) == 0`, which also says why the others are not."""
    import numpy as np

    from acsg_cli.matching.eligibility import available_offers, proposable_requests

    ix = index
    rows = proposable_requests(ix, rows)
    cols = available_offers(ix)
    if not len(rows) or not len(cols):
        return
    similarity = text()
    offers_t = similarity.columns(cols) if similarity is not None else None
    where = np.full(len(ix.offers), -1, dtype=np.intp)
    where[cols] = np.arange(len(cols))
    sides = OfferSide(ix, cols)
    step = block_rows(len(cols))
    for start in range(0, len(rows), step):
        block = rows[start : start + step]
        ok = sides.passes(block)
        for i, row in enumerate(block.tolist()):
            for col in (*ix.live_pairs.get(row, ()), *ix.declined_pairs.get(row, ())):
                if where[col] >= 0:
                    ok[i, where[col]] = False
        ii, jj = np.nonzero(ok)
        cosine = (
            steady(similarity.block(block, offers_t)[ii, jj])
            if similarity is not None
            else np.zeros(len(ii), np.float32)
        )
        yield Pairs(block[ii].astype(PAIR_INDEX), cols[jj].astype(PAIR_INDEX), cosine)


def block_rows(n_offers: int) -> int:
    """Requests checked together against `n_offers` offers: `BLOCK_ROWS`, fewer when there are
    so many offers that a block's tables would pass `BLOCK_CELLS` entries."""
    return max(1, min(BLOCK_ROWS, BLOCK_CELLS // max(n_offers, 1)))
