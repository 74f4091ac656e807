""" "Did you mean ...?" for an id that names no record, from an index instead of a scan.

difflib compares the id with every id of the registry, which made a registry with hundreds of
dangling references quadratic. The index maps every way of deleting up to two characters from
each id to the ids it comes from (a symmetric-deletion index); the ids that share a key with the
wanted one (within two deletions on each side: two typos, a swapped pair, a digit missing or
extra) are then ranked by difflib exactly as before.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from itertools import combinations

DEPTH = 2


def _deletions(text: str) -> set[str]:
    keys = {text}
    for k in range(1, min(DEPTH, len(text)) + 1):
        for gone in combinations(range(len(text)), k):
            keys.add("".join(c for i, c in enumerate(text) if i not in gone))
    return keys


class NearIds:
    """The ids of a pool, indexed once, for many `closest` questions."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.index: dict[str, list[str]] = {}
        for record_id in ids:
            for key in _deletions(record_id):
                self.index.setdefault(key, []).append(record_id)

    def closest(self, wanted: str, cutoff: float) -> str | None:
        """The id difflib ranks closest to `wanted` among the near ones, if it passes `cutoff`."""
        pool = {i for key in _deletions(wanted) for i in self.index.get(key, ())}
        near = difflib.get_close_matches(wanted, sorted(pool), n=1, cutoff=cutoff)
        return near[0] if near else None
