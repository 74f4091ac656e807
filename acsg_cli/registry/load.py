"""Loading: each source file read, checked against its model, and indexed by id."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
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
from acsg_cli.yamlio.reader import ReadError, SourceMap, read_bytes


@dataclass(frozen=True)
class RecordSource:
    """Where a loaded record came from, to point problems at its lines."""

    display: str
    source_map: SourceMap
    real_path: Path | None = None

    def at(self, path: tuple[Any, ...]) -> tuple[int, int]:
        return self.source_map.locate(path)


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
        pool = [i for i in self.all_ids() if kind is None or self.get(i).kind == kind]  # type: ignore[union-attr]
        near = difflib.get_close_matches(record_id, pool, n=1, cutoff=0.6)
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
        table[record.id] = record  # type: ignore[attr-defined]
        self._by_party = None
        self.sources[record.id] = source  # type: ignore[attr-defined]


def load_registry(
    root: Path, *, root_display: str | None = None, extra: Iterable[SourceFile] = ()
) -> Registry:
    """Scan a registry folder, load every record and run the cross-file checks."""
    files, problems = scan_directory(root, root_display)
    return build_registry(
        [*files, *extra], problems, str(root) if root_display is None else root_display
    )


def build_registry(
    files: Iterable[SourceFile], problems: Iterable[Problem] = (), root_display: str = "data"
) -> Registry:
    """Load the given source files into a registry (from disk or from git alike)."""
    from acsg_cli.progress import track
    from acsg_cli.registry.crosscheck import cross_check

    registry = Registry(root_display=root_display, problems=list(problems))
    for source in track(list(files), "Reading records"):
        registry.files.append(source.display)
        _load_one(registry, source)
    registry.problems.extend(cross_check(registry))
    return registry


def _load_one(registry: Registry, source: SourceFile) -> None:
    from pydantic import ValidationError

    from acsg_cli.models.errors import describe

    shown = source.display
    try:
        document = read_bytes(source.read())
    except ReadError as exc:
        registry.problems.extend(
            codes.problem(shown, i.line, i.column, i.code, i.message) for i in exc.issues
        )
        return
    except OSError as exc:
        registry.problems.append(
            codes.problem(shown, 1, 1, codes.UNREADABLE, f"cannot read: {exc.strerror or exc}")
        )
        return
    data, smap = document.data, document.source_map
    record_id = data.get("id")
    kind = _kind_for(source, record_id)
    if kind is None:
        registry.problems.append(
            codes.problem(
                shown,
                1,
                1,
                codes.MISPLACED,
                "cannot tell the kind of record: put it in requests/, offers/ or matches/",
            )
        )
        return
    if isinstance(record_id, str):
        _check_placement(registry, source, kind, record_id, smap)
    try:
        record = kind.model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            code, loc, message = describe(error)
            line, column = (
                smap.locate_value(loc) if code == codes.INVALID_VALUE else smap.locate(loc)
            )
            registry.problems.append(codes.problem(shown, line, column, code, message))
        return
    rid = record.id  # type: ignore[attr-defined]
    if rid in registry.sources:
        line, column = smap.locate(("id",))
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
    registry.add(record, RecordSource(shown, smap, source.real_path))


def _kind_for(source: SourceFile, record_id: Any) -> Kind | None:
    kind = KIND_BY_FOLDER.get(source.folder)
    if kind is None and isinstance(record_id, str):
        kind = KIND_BY_PREFIX.get(record_id[:3])
    return kind


def _check_placement(
    registry: Registry, source: SourceFile, kind: Kind, record_id: str, smap: SourceMap
) -> None:
    line, column = smap.locate_value(("id",))
    registry.known_ids.setdefault(record_id, source.display)
    if source.folder in KIND_BY_FOLDER:
        other = KIND_BY_PREFIX.get(record_id[:3])
        if other is not None and other is not kind:
            registry.problems.append(
                codes.problem(
                    source.display,
                    line,
                    column,
                    codes.MISPLACED,
                    f"'{record_id}' is {_article(other.name)} id but the file is in "
                    f"{kind.folder}/; "
                    f"move it to {other.folder}/",
                )
            )
            return
    if record_id != source.stem:
        registry.problems.append(
            codes.problem(
                source.display,
                line,
                column,
                codes.MISPLACED,
                f"id '{record_id}' does not match the file name '{source.name}'; "
                f"a record's file is named <id>.yaml",
            )
        )


def _article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


__all__ = ["KINDS", "RecordSource", "Registry", "build_registry", "load_registry"]
