"""Sets of vocabulary values as bits, so many pairs' overlaps are counted at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from acsg_cli.vocab import Area

if TYPE_CHECKING:
    import numpy as np

AREAS = list(Area)
"""The areas in vocabulary order: bit k of an area set is the k-th area."""


def bits(rows: list[Any], vocab: list[Any]) -> np.ndarray:
    """Each row's set of values as bits: (rows, words) of uint64, bit k of the vocabulary's k-th
    value; `overlap` counts common values of many pairs at once."""
    import numpy as np

    position = {v: i for i, v in enumerate(vocab)}
    out = np.zeros((len(rows), max((len(vocab) + 63) // 64, 1)), dtype=np.uint64)
    for r, values in enumerate(rows):
        for v in values:
            k = position.get(v)
            if k is not None:
                out[r, k // 64] |= np.uint64(1 << (k % 64))
    return out


__all__ = ["AREAS", "bits"]
