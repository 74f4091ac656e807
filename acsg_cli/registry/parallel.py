"""Reading every file of a run: from the read cache where it can, on both cores where it pays.

A file's `FileResult` depends only on its folder, name and bytes (`load.load_file`), so files
not in the cache are read, parsed and validated in a pool of worker processes once there are
`POOL_THRESHOLD` of them. The main process reads the bytes (it hashes them for the cache
anyway) and sends them; each worker returns its files' results, records included, in order, so
the outcome is the serial one exactly. It is used only when asked for (`ACSG_WORKERS=2`): on
the measured machine it did not beat one core (see `workers`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from acsg_cli.registry.files import load_file
from acsg_cli.registry.records import FileResult
from acsg_cli.registry.sources import SourceFile

POOL_THRESHOLD = 2000
"""Fewest files to read before a pool is started: below it, starting the workers and sending
the records back costs more than it saves."""

_CHUNK = 250


def workers() -> int:
    """Processes to read with: `ACSG_WORKERS` if set, else one.

    One by default: measured on 10,000 files on a shared 2-core machine, the pool of two spent
    6.5 s of CPU against 4.2 s in one process (pickling the records back costs about what
    validating them does) and took longer on the clock too (20.7 s against 14.4 s under load).
    """
    setting = os.environ.get("ACSG_WORKERS", "").strip()
    if setting.isdigit() and int(setting) > 0:
        return min(int(setting), os.cpu_count() or 1)
    return 1


def read_all(sources: Sequence[SourceFile], store: Any = None) -> list[FileResult]:
    """Each file's `FileResult`, in order: from the cache when its bytes are unchanged."""
    from acsg_cli.progress import track

    results: list[FileResult | None] = []
    todo: list[tuple[int, str | None, SourceFile, bytes]] = []
    for source in track(sources, "Reading records"):
        key = store.key(source) if store is not None else None
        if store is not None and key is None:
            store.unknown_state()  # a file from elsewhere: the registry's state is not kept
        try:
            raw = store.read(key, source) if key is not None else source.read()
        except OSError as exc:
            if store is not None:
                store.unknown_state()
            results.append(_unreadable(exc))
            continue
        cached = store.get(key, raw, source.display) if key is not None else None
        if cached is None:
            todo.append((len(results), key, source, raw))
        results.append(cached)
    for (index, key, _source, raw), result in zip(todo, _load_many(todo), strict=True):
        results[index] = result
        if key is not None:
            store.put(key, raw, result)
    return [r for r in results if r is not None]


def _unreadable(exc: OSError) -> FileResult:
    from acsg_cli import problems as codes

    return FileResult(
        None, None, ((1, 1, codes.UNREADABLE, f"cannot read: {exc.strerror or exc}"),)
    )


def _load_many(todo: list[tuple[int, str | None, SourceFile, bytes]]) -> list[FileResult]:
    jobs = [(source.folder, source.name, raw) for _, _, source, raw in todo]
    count = workers()
    if count < 2 or len(jobs) < POOL_THRESHOLD:
        return [load_file(*job) for job in jobs]
    import multiprocessing

    chunks = [jobs[i : i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
    # fork: the workers start with the models already imported and built.
    with multiprocessing.get_context("fork").Pool(count) as pool:
        parts = pool.map(_load_chunk, chunks)
    return [result for part in parts for result in part]


def _load_chunk(chunk: list[tuple[str, str, bytes]]) -> list[FileResult]:
    from acsg_cli.registry.gcpause import paused_gc

    with paused_gc():
        return [load_file(*job) for job in chunk]
