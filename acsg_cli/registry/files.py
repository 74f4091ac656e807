"""Reading one record file: its bytes read, placed and validated against its model.

The outcome depends on nothing but the file's folder, name and bytes, so it can be kept in the
read cache (`registry.cache`) and computed in another process (`registry.parallel`).
"""

from __future__ import annotations

from acsg_cli import problems as codes
from acsg_cli.models import KIND_BY_FOLDER, Kind, kind_of_id
from acsg_cli.registry.records import FileProblem, FileResult
from acsg_cli.registry.sources import SourceFile
from acsg_cli.yamlio.reader import ReadError, SourceMap, read_bytes, read_data


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
        return _refused(exc)
    record_id = data.get("id")
    kind = KIND_BY_FOLDER.get(folder)
    if kind is None and isinstance(record_id, str):
        kind = kind_of_id(record_id)
    if kind is None:
        message = (
            "cannot tell the kind of record: put it in requests/, offers/, matches/ or practices/"
        )
        return FileResult(None, None, ((1, 1, codes.MISPLACED, message),))
    declared = record_id if isinstance(record_id, str) else None
    placement = _placement(folder, name, kind, declared)
    try:
        record = kind.model.model_validate(data)
    except ValidationError as exc:
        try:
            smap = read_bytes(raw).source_map
        except ReadError as refused:  # the reference reader has the last word on the syntax
            return _refused(refused)
        found = [_placed(smap, placement)] if placement else []
        for error in exc.errors():
            code, loc, message = describe(error)
            at = smap.locate_value(loc) if code == codes.INVALID_VALUE else smap.locate(loc)
            found.append((*at, code, message))
        return FileResult(declared, None, tuple(found), smap)
    if placement is None:
        return FileResult(declared, record)
    try:
        smap = read_bytes(raw).source_map
    except ReadError as refused:
        return _refused(refused)
    return FileResult(declared, record, (_placed(smap, placement),), smap)


def _refused(exc: ReadError) -> FileResult:
    """A file the reader refuses: its issues are its problems."""
    return FileResult(None, None, tuple((i.line, i.column, i.code, i.message) for i in exc.issues))


def _placed(smap: SourceMap, placement: str) -> FileProblem:
    return (*smap.locate_value(("id",)), codes.MISPLACED, placement)


def _placement(folder: str, name: str, kind: Kind, record_id: str | None) -> str | None:
    """What is wrong with where the file is, given the id it declares."""
    if record_id is None:
        return None
    if folder in KIND_BY_FOLDER:
        other = kind_of_id(record_id)
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


__all__ = ["load_file", "read_source"]
