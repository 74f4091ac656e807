"""A command's result kept for an unchanged registry: the next identical run gives it again
without reading a record.

Like validation's (`validation.validate`), the result is kept in the read cache with a digest of
every record file's bytes and of everything else the result depends on (`context`), and is given
again only when both are the same; the cache's fingerprint covers the code that made it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from acsg_cli.cacheflag import enabled
from acsg_cli.registry.sources import scan_directory

if TYPE_CHECKING:
    from acsg_cli.registry.records import Registry

T = TypeVar("T")


def kept_or_made(
    root: Path,
    root_display: str,
    slot: str,
    context: object,
    make: Callable[[Registry], T],
    *,
    errors: Callable[[int], None] = lambda count: None,
) -> T:
    """`make(registry)`, told first the registry's error count (`errors`, before `make` runs,
    which may raise); with the read cache on, what the last run kept in `slot` when every file
    and `context` are unchanged. `make` must return plain data that depends on nothing else."""
    files, scanned = scan_directory(root, root_display)
    store: Any = None
    run_key = None
    if enabled():
        from acsg_cli.registry import cache

        store = cache.open_for(root)
        shown = [p.to_dict() for p in scanned]
        run_key = store.run_key(files, (slot, root_display, context, shown))
        kept = store.recall(run_key, slot) if run_key is not None else None
        if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], int):
            errors(kept[1])
            return kept[0]  # type: ignore[no-any-return]  # what `make` gave for this key
    from acsg_cli.registry.load import build_registry

    registry = build_registry(files, scanned, root_display, store=store)
    count = registry.error_count
    errors(count)
    made = make(registry)
    if run_key is not None:
        store.remember(run_key, (made, count), slot)
    return made


__all__ = ["kept_or_made"]
