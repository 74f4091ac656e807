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
    value; `count` of an `&` counts common values of many pairs at once."""
    import numpy as np

    position = {v: i for i, v in enumerate(vocab)}
    width = max((len(vocab) + 63) // 64, 1)
    out = []
    for values in rows:
        word = 0
        for v in values:
            k = position.get(v)
            if k is not None:
                word |= 1 << k
        out.append([(word >> (64 * w)) & 0xFFFFFFFFFFFFFFFF for w in range(width)])
    return np.array(out, dtype=np.uint64).reshape(len(rows), width)


def overlap(rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """(len(rows), len(columns)): whether each row's bit set shares a value with each column's."""
    import numpy as np

    if rows.shape[1] == 1:
        shared: np.ndarray = (rows[:, 0][:, None] & columns[:, 0][None, :]) != 0
        return shared
    return np.asarray((rows[:, None, :] & columns[None, :, :]).any(axis=2))


__all__ = ["AREAS", "bits", "overlap"]
