"""The registry: every valid record by id, where each came from, and what was wrong with the
rest; and what reading one file gives (`FileResult`)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, overload

from acsg_cli import problems as codes
from acsg_cli.errors import UnknownIdError
from acsg_cli.models import AnyRecord, Match, Offer, Practice, Request
from acsg_cli.problems import Problem, Severity
from acsg_cli.registry.lazy import Deferred, LazyTable
from acsg_cli.vocab import LIVE_MATCH_STATUSES
from acsg_cli.yamlio.reader import ReadError, SourceMap, read_bytes

FileProblem = tuple[int, int, str, str]
"""A problem of one file, before it is named: line, column, code, message."""


@dataclass(frozen=True)
class FileResult:
    """What reading one file gave: the id it declares, its record if valid (or, from the read
    cache, a `Deferred` one), its own problems, and its source map if one was made."""

    record_id: str | None
    record: AnyRecord | Deferred | None
    problems: tuple[FileProblem, ...] = ()
    source_map: SourceMap | None = None


class RecordSource:
    """Where a loaded record came from, to point problems at its lines.

    The source map is made on first use, from `read` (the file's bytes), and kept.
    """

    __slots__ = ("_location", "_read", "_source_map", "display")

    def __init__(
        self,
        display: str,
        source_map: SourceMap | None = None,
        real_path: Path | str | None = None,
        *,
        read: Callable[[], bytes] | None = None,
    ) -> None:
        self.display = display
        self._location = real_path
        self._read = read
        self._source_map = source_map

    @property
    def real_path(self) -> Path | None:
        """The file on disk (None for a record from elsewhere)."""
        location = self._location
        return Path(location) if isinstance(location, str) else location

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
    requests: dict[str, Request] = field(default_factory=LazyTable)
    offers: dict[str, Offer] = field(default_factory=LazyTable)
    matches: dict[str, Match] = field(default_factory=LazyTable)
    practices: dict[str, Practice] = field(default_factory=LazyTable)
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

    def get(self, record_id: str) -> AnyRecord | None:
        return (
            self.requests.get(record_id)
            or self.offers.get(record_id)
            or self.matches.get(record_id)
            or self.practices.get(record_id)
        )

    @overload
    def require(self, record_id: str, kind: Literal["request"]) -> Request: ...
    @overload
    def require(self, record_id: str, kind: Literal["offer"]) -> Offer: ...
    @overload
    def require(self, record_id: str, kind: Literal["match"]) -> Match: ...
    @overload
    def require(self, record_id: str, kind: Literal["practice"]) -> Practice: ...
    @overload
    def require(self, record_id: str, kind: None = None) -> AnyRecord: ...
    def require(self, record_id: str, kind: str | None = None) -> AnyRecord:
        """The record with that id (of that kind, if given), or `UnknownIdError` with a hint."""
        record = self.get(record_id)
        if record is not None and (kind is None or record.kind == kind):
            return record
        what = kind or "record"
        if record is not None:
            raise UnknownIdError(f"'{record_id}' is a {record.kind}, not a {what}")
        if record_id in self.known_ids:
            raise UnknownIdError(self._unloaded(record_id, what))
        tables = self._tables()
        pool = [i for k, t in tables.items() if kind is None or k == kind for i in t]
        near = difflib.get_close_matches(record_id, sorted(pool), n=1, cutoff=0.6)
        hint = f"; did you mean {near[0]}?" if near else ""
        raise UnknownIdError(f"no {what} with id '{record_id}' in {self.root_display}{hint}")

    def _unloaded(self, record_id: str, what: str) -> str:
        """Why the record `record_id` is missing: its file does not load, with the first
        problem found in it (file, line, rule)."""
        shown = self.known_ids[record_id]
        first = min(
            (p for p in self.problems if p.file == shown and p.severity is Severity.ERROR),
            key=Problem.sort_key,
            default=None,
        )
        where = (
            f"{first.file}:{first.line}:{first.column}: {first.code} {first.message}"
            if first is not None
            else shown
        )
        return f"{what} '{record_id}' does not load: {where}; run `acsg validate {shown}`"

    def all_ids(self) -> list[str]:
        return sorted([*self.requests, *self.offers, *self.matches, *self.practices])

    def records(self) -> Iterator[AnyRecord]:
        yield from self.requests.values()
        yield from self.offers.values()
        yield from self.matches.values()
        yield from self.practices.values()

    def records_from(self, include: Callable[[str], bool]) -> Iterator[AnyRecord]:
        """The records whose file's shown path `include` keeps, in `records` order; the others
        are not restored from the read cache."""
        for table in self._tables().values():
            for record_id in table:
                if include(self.sources[record_id].display):
                    yield table[record_id]

    def _tables(self) -> dict[str, dict[str, Any]]:
        return {
            "request": self.requests,
            "offer": self.offers,
            "match": self.matches,
            "practice": self.practices,
        }

    def matches_for_request(self, request_id: str) -> list[Match]:
        return list(self._match_index()[0].get(request_id, ()))

    def matches_for_offer(self, offer_id: str) -> list[Match]:
        return list(self._match_index()[1].get(offer_id, ()))

    def live_matches_for_offer(self, offer_id: str) -> list[Match]:
        return [
            m for m in self._match_index()[1].get(offer_id, ()) if m.status in LIVE_MATCH_STATUSES
        ]

    def whole_matches(self) -> Registry:
        """The registry without the matches naming a request or an offer that is not in it
        (its file does not load, or there is none): what a partial publication holds, since a
        match without its parties cannot be told."""
        from dataclasses import replace

        whole = {
            i: m
            for i, m in self.matches.items()
            if m.request in self.requests and all(o in self.offers for o in m.offers)
        }
        if len(whole) == len(self.matches):
            return self
        return replace(self, matches=whole)

    def add(self, record: AnyRecord | Deferred, source: RecordSource) -> None:
        """Add a record, or a `Deferred` one restored when first read."""
        table = self._tables()[record.kind]
        if isinstance(record, Deferred) and isinstance(table, LazyTable):
            table.defer(record.id, record)
        elif isinstance(record, Deferred):
            table[record.id] = record.restore()  # a table given as a plain dict
        else:
            table[record.id] = record
        self._by_party = None
        self.sources[record.id] = source


__all__ = ["FileProblem", "FileResult", "RecordSource", "Registry"]
