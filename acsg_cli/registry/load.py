"""Loading: each source file read, checked against its model, and indexed by id.

Reading a file (`load_file`) depends on nothing but its folder, its name and its bytes, so its
outcome can be kept in the read cache (`registry.cache`) and computed in another process
(`registry.parallel`); everything that depends on other files (duplicate ids, references,
statuses) is decided here, in file order, every run.

Positions cost more than the rest of reading: a file is read without them, and its source map
is made (by the reference reader, from the same bytes) only when a problem must point at a line.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acsg_cli import problems as codes
from acsg_cli.errors import UnknownIdError
from acsg_cli.models import (
    KIND_BY_FOLDER,
    KIND_BY_PREFIX,
    KINDS,
    Kind,
    Match,
    Offer,
    Record,
    Request,
)
from acsg_cli.problems import Problem
from acsg_cli.registry.sources import SourceFile, scan_directory
from acsg_cli.vocab import LIVE_MATCH_STATUSES
from acsg_cli.yamlio.reader import ReadError, SourceMap, read_bytes, read_data

FileProblem = tuple[int, int, str, str]
"""A problem of one file, before it is named: line, column, code, message."""


@dataclass(frozen=True)
class FileResult:
    """What reading one file gave: the id it declares, its record if valid, its own problems,
    and its source map if one was made."""

    record_id: str | None
    record: Record | None
    problems: tuple[FileProblem, ...] = ()
    source_map: SourceMap | None = None


class RecordSource:
    """Where a loaded record came from, to point problems at its lines.

    The source map is made on first use, from `read` (the file's bytes), and kept.
    """

    __slots__ = ("_read", "_source_map", "display", "real_path")

    def __init__(
        self,
        display: str,
        source_map: SourceMap | None = None,
        real_path: Path | None = None,
        *,
        read: Callable[[], bytes] | None = None,
    ) -> None:
        self.display = display
        self.real_path = real_path
        self._read = read
        self._source_map = source_map

    @property
    def source_map(self) -> SourceMap:
        if self._source_map is None:
            self._source_map = _positions(self._read)
        return self._source_map

    @property
    def positioned(self) -> SourceMap | None:
        """The source map if it has been made."""
        return self._source_map

    def at(self, path: tuple[Any, ...]) -> tuple[int, int]:
        return self.source_map.locate(path)


def _positions(read: Callable[[], bytes] | None) -> SourceMap:
    try:
        return read_bytes(read()).source_map if read is not None else SourceMap()
    except (ReadError, OSError):
        return SourceMap()  # changed since it was read: problems point at its first line


@dataclass
class Registry:
    """Every valid record by id, where each came from, and what was wrong with the rest."""

    root_display: str = "data"
    requests: dict[str, Request] = field(default_factory=dict)
    offers: dict[str, Offer] = field(default_factory=dict)
    matches: dict[str, Match] = field(default_factory=dict)
    sources: dict[str, RecordSource] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    known_ids: dict[str, str] = field(default_factory=dict)
    """Every id seen in a file, valid or not, with the file it is in."""
    _by_party: tuple[dict[str, list[Match]], dict[str, list[Match]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """Matches by request id and by offer id, built on first use and dropped by `add`."""

    def _match_index(self) -> tuple[dict[str, list[Match]], dict[str, list[Match]]]:
        # Rules, eligibility and reports ask these questions per record; a scan of every match
        # each time made a registry of thousands of files quadratic.
        if self._by_party is None:
            by_request: dict[str, list[Match]] = {}
            by_offer: dict[str, list[Match]] = {}
            for match in self.matches.values():
                by_request.setdefault(match.request, []).append(match)
                for offer_id in match.offers:
                    by_offer.setdefault(offer_id, []).append(match)
            self._by_party = (by_request, by_offer)
        return self._by_party

    @property
    def error_count(self) -> int:
        """Problems of error severity: records that did not load or that break the checks."""
        return sum(1 for p in self.problems if p.severity is codes.Severity.ERROR)

    def get(self, record_id: str) -> Record | None:
        return (
            self.requests.get(record_id)
            or self.offers.get(record_id)
            or self.matches.get(record_id)
        )

    def require(self, record_id: str, kind: str | None = None) -> Any:
        """The record with that id (of that kind, if given), or `UnknownIdError` with a hint."""
        record = self.get(record_id)
        if record is not None and (kind is None or record.kind == kind):
            return record
        what = kind or "record"
        if record is not None:
            raise UnknownIdError(f"'{record_id}' is a {record.kind}, not a {what}")
        if record_id in self.known_ids:
            raise UnknownIdError(
                f"{what} '{record_id}' does not load; run `acsg validate "
                f"{self.known_ids[record_id]}`"
            )
        tables: list[dict[str, Any]] = [self.requests, self.offers, self.matches]
        pool = [i for t in tables for i in t if kind is None or t[i].kind == kind]
        near = difflib.get_close_matches(record_id, sorted(pool), n=1, cutoff=0.6)
        hint = f"; did you mean {near[0]}?" if near else ""
        raise UnknownIdError(f"no {what} with id '{record_id}' in {self.root_display}{hint}")

    def all_ids(self) -> list[str]:
        return sorted([*self.requests, *self.offers, *self.matches])

    def records(self) -> Iterator[Record]:
        yield from self.requests.values()
        yield from self.offers.values()
        yield from self.matches.values()

    def matches_for_request(self, request_id: str) -> list[Match]:
        return list(self._match_index()[0].get(request_id, ()))

    def matches_for_offer(self, offer_id: str) -> list[Match]:
        return list(self._match_index()[1].get(offer_id, ()))

    def live_matches_for_offer(self, offer_id: str) -> list[Match]:
        return [
            m for m in self._match_index()[1].get(offer_id, ()) if m.status in LIVE_MATCH_STATUSES
        ]

    def add(self, record: Record, source: RecordSource) -> None:
        tables: dict[str, dict[str, Any]] = {
            "request": self.requests,
            "offer": self.offers,
            "match": self.matches,
        }
        table = tables[record.kind]
        table[record.id] = record  # type: ignore[attr-defined]  # every kind has an id; Record does not declare it
        self._by_party = None
        self.sources[record.id] = source  # type: ignore[attr-defined]  # as above


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
        from acsg_cli.registry import cache as read_cache

        store = read_cache.open_for(root)
    return build_registry(
        [*files, *extra], problems, str(root) if root_display is None else root_display, store=store
    )


def build_registry(
    files: Iterable[SourceFile],
    problems: Iterable[Problem] = (),
    root_display: str = "data",
    *,
    store: Any = None,
) -> Registry:
    """Load the given source files into a registry (from disk or from git alike).

    `store`: a `registry.cache.Store` to read results from and save new ones to.
    """
    from acsg_cli.registry.crosscheck import cross_check
    from acsg_cli.registry.parallel import read_all

    sources = list(files)
    registry = Registry(root_display=root_display, problems=list(problems))
    with paused_gc():
        results = read_all(sources, store)
        for source, result in zip(sources, results, strict=True):
            _assemble(registry, source, result)
        registry.problems.extend(cross_check(registry))
    if store is not None:
        store.registry = registry  # saved at the end of the run, with the positions found by then
    return registry


@contextmanager
def paused_gc() -> Iterator[None]:
    """No collection while thousands of long-lived records are made; they are then frozen out of
    later collections' way. About a third of a large load went to collections finding nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _assemble(registry: Registry, source: SourceFile, result: FileResult) -> None:
    shown = source.display
    registry.files.append(shown)
    registry.problems.extend(codes.problem(shown, *p) for p in result.problems)
    if result.record_id is not None:
        registry.known_ids.setdefault(result.record_id, shown)
    record = result.record
    if record is None:
        return
    rid: str = record.id  # type: ignore[attr-defined]  # every kind has an id
    origin = RecordSource(shown, result.source_map, source.real_path, read=source.read)
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


def read_source(source: SourceFile) -> FileResult:
    """Read one source file from disk or git; an unreadable one becomes its problem."""
    try:
        raw = source.read()
    except OSError as exc:
        return FileResult(
            None, None, ((1, 1, codes.UNREADABLE, f"cannot read: {exc.strerror or exc}"),)
        )
    return load_file(source.folder, source.name, raw)


def load_file(folder: str, name: str, raw: bytes) -> FileResult:
    """Read, place and validate one record file: the same outcome for the same bytes."""
    from pydantic import ValidationError

    from acsg_cli.models.errors import describe

    try:
        data = read_data(raw)
    except ReadError as exc:
        return FileResult(
            None, None, tuple((i.line, i.column, i.code, i.message) for i in exc.issues)
        )
    record_id = data.get("id")
    kind = KIND_BY_FOLDER.get(folder)
    if kind is None and isinstance(record_id, str):
        kind = KIND_BY_PREFIX.get(record_id[:3])
    if kind is None:
        message = "cannot tell the kind of record: put it in requests/, offers/ or matches/"
        return FileResult(None, None, ((1, 1, codes.MISPLACED, message),))
    declared = record_id if isinstance(record_id, str) else None
    placement = _placement(folder, name, kind, declared)
    try:
        record = kind.model.model_validate(data)
    except ValidationError as exc:
        smap = read_bytes(raw).source_map
        found = [_placed(smap, placement)] if placement else []
        for error in exc.errors():
            code, loc, message = describe(error)
            at = smap.locate_value(loc) if code == codes.INVALID_VALUE else smap.locate(loc)
            found.append((*at, code, message))
        return FileResult(declared, None, tuple(found), smap)
    if placement is None:
        return FileResult(declared, record)
    smap = read_bytes(raw).source_map
    return FileResult(declared, record, (_placed(smap, placement),), smap)


def _placed(smap: SourceMap, placement: str) -> FileProblem:
    return (*smap.locate_value(("id",)), codes.MISPLACED, placement)


def _placement(folder: str, name: str, kind: Kind, record_id: str | None) -> str | None:
    """What is wrong with where the file is, given the id it declares."""
    if record_id is None:
        return None
    if folder in KIND_BY_FOLDER:
        other = KIND_BY_PREFIX.get(record_id[:3])
        if other is not None and other is not kind:
            return (
                f"'{record_id}' is {_article(other.name)} id but the file is in "
                f"{kind.folder}/; move it to {other.folder}/"
            )
    stem = name[: -len(".yaml")] if name.endswith(".yaml") else name
    if record_id != stem:
        return (
            f"id '{record_id}' does not match the file name '{name}'; "
            f"a record's file is named <id>.yaml"
        )
    return None


def _article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


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
