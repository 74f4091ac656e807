"""Loading: each source file read, checked against its model, and indexed by id.

Reading a file (`load_file`) depends on nothing but its folder, its name and its bytes, so its
outcome can be kept in the read cache (`registry.cache`) and computed in another process
(`registry.parallel`); everything that depends on other files (duplicate ids, references,
statuses) is decided here, in file order, every run.

Positions cost more than the rest of reading: a file is read without them, and its source map
is made (by the reference reader, from the same bytes) only when a problem must point at a line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from acsg_cli import problems as codes
from acsg_cli.models import KINDS
from acsg_cli.problems import Problem
from acsg_cli.record_ids import is_record_id
from acsg_cli.registry.files import load_file, read_source
from acsg_cli.registry.gcpause import paused_gc
from acsg_cli.registry.records import FileResult, RecordSource, Registry
from acsg_cli.registry.sources import SourceFile, scan_directory


def load_registry(
    root: Path,
    *,
    root_display: str | None = None,
    extra: Iterable[SourceFile] = (),
    cache: bool | None = None,
) -> Registry:
    """Scan a registry folder, load every record and run the cross-file checks.

    `cache`: keep and reuse what reading each file gave in `.acsg_cache/` beside the registry
    (None: unless switched off for the run, see `cacheflag`).
    """
    from acsg_cli.cacheflag import enabled

    files, problems = scan_directory(root, root_display)
    store = None
    if enabled(cache):
        from acsg_cli.registry.cache import open_for

        store = open_for(root)
    return build_registry(
        [*files, *extra], problems, str(root) if root_display is None else root_display, store=store
    )


def build_registry(
    files: Iterable[SourceFile],
    problems: Iterable[Problem] = (),
    root_display: str = "data",
    *,
    store: Any = None,
    owners: Callable[[str], bool] | None = None,
) -> Registry:
    """Load the given source files into a registry (from disk or from git alike).

    `store`: a `registry.cache.Store` to read results from and save new ones to. `owners`: run
    the cross-file checks only for the records whose shown path it keeps (unless the cache
    gives every record's findings), for a caller that reports on those files alone.
    """
    from acsg_cli.registry.crosscheck import cross_check
    from acsg_cli.registry.parallel import read_all

    sources = list(files)
    registry = Registry(root_display=root_display, problems=list(problems))
    with paused_gc():
        results = read_all(sources, store)
        for source, result in zip(sources, results, strict=True):
            _assemble(registry, source, result)
        checked = store.cross_checked() if store is not None else None
        if checked is None:
            checked = cross_check(registry, owners)
            if store is not None and owners is None:
                store.keep_cross_checked(checked)
        registry.problems.extend(checked)
    if store is not None:
        store.registry = registry  # saved at the end of the run, with the positions found by then
    return registry


def _assemble(registry: Registry, source: SourceFile, result: FileResult) -> None:
    shown = source.display
    registry.files.append(shown)
    registry.problems.extend(codes.problem(shown, *p) for p in result.problems)
    if result.record_id is not None:
        registry.known_ids.setdefault(result.record_id, shown)
    elif result.record is None and is_record_id(named := PurePosixPath(shown).stem):
        registry.known_ids.setdefault(named, shown)  # it does not parse: its name says its id
    record = result.record
    if record is None:
        return
    rid = record.id
    origin = RecordSource(shown, result.source_map, source.location, read=source.read)
    if rid in registry.sources:
        line, column = origin.source_map.locate(("id",))
        registry.problems.append(
            codes.problem(
                shown,
                line,
                column,
                codes.DUPLICATE_ID,
                f"id '{rid}' is already used by {registry.sources[rid].display}",
            )
        )
        return
    registry.add(record, origin)


__all__ = [
    "KINDS",
    "FileResult",
    "RecordSource",
    "Registry",
    "build_registry",
    "load_file",
    "load_registry",
    "read_source",
]
