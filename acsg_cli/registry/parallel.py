"""Reading every file of a run, from the read cache where it can."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from acsg_cli.registry.files import load_file, read_source
from acsg_cli.registry.records import FileResult
from acsg_cli.registry.sources import SourceFile


def read_all(sources: Sequence[SourceFile], store: Any = None) -> list[FileResult]:
    """Each file's `FileResult`, in order: from the cache when its bytes are unchanged."""
    from acsg_cli import problems as codes
    from acsg_cli.progress import track

    if store is None:
        return [read_source(s) for s in track(sources, "Reading records")]
    results: list[FileResult] = []
    for source in track(sources, "Reading records"):
        key = store.key(source)
        if key is None:
            results.append(read_source(source))
            continue
        try:
            raw = store.read(key, source)
        except OSError as exc:
            message = f"cannot read: {exc.strerror or exc}"
            results.append(FileResult(None, None, ((1, 1, codes.UNREADABLE, message),)))
            continue
        result = store.get(key, raw, source.display)
        if result is None:
            result = load_file(source.folder, source.name, raw)
            store.put(key, raw, result)
        results.append(result)
    return results
