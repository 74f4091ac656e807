"""Editing record files in place: exact, validated, atomic, one writer at a time.

An edit takes a lock next to the record (`.<name>.lock`, ignored by the registry scanner),
re-reads the file under the lock so another writer's change is never lost, applies the change
to a ruamel.yaml round-trip document (comments, key order, quoting, flow or block style and
blank lines kept), checks the new text with the same reader and the caller's validation, and
replaces the file atomically. A file's line endings and byte-order mark are kept.

ruamel.yaml keeps the comment and blank lines that follow a list attached to the list's last
item, so appending an item would leave them between the old last item and the new one; the
helpers here move them after the new item, where the person put them.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from acsg_cli.errors import DataError
from acsg_cli.problems import Problem
from acsg_cli.yamlio import writer
from acsg_cli.yamlio.reader import Document, ReadError, decode, read_bytes
from acsg_cli.yamlio.writer import commented

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

T = TypeVar("T")

LOCK_TIMEOUT = 30.0
"""Seconds to wait for another edit of the same record before giving up."""

_BOM = "\ufeff"
_SEQ_UNDER_KEY = re.compile(
    r"^( *)[^\s#\-][^\n]*:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*( *)- ", re.MULTILINE
)
_MAP_UNDER_KEY = re.compile(
    r"^( *)[^\s#\-][^\n]*:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*( *)[^\s#\-]", re.MULTILINE
)
_DOC_START = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n)*---[ \t]*(?:#[^\n]*)?\n")
_DOC_END = re.compile(r"^\.\.\.[ \t]*\n?\Z", re.MULTILINE)


class InvalidEditError(DataError):
    """The edited record would not be valid; nothing was written."""

    def __init__(self, display: str, problems: Sequence[Problem]) -> None:
        lines = [
            f"  {p.file}:{p.line}:{p.column}: {p.severity.value} {p.code} {p.message}"
            for p in problems
        ]
        super().__init__(
            f"the edit would make {display} invalid, so nothing was written:\n" + "\n".join(lines)
        )
        self.problems = list(problems)


@dataclass(frozen=True)
class EditResult:
    """One edit: the text before and after (without BOM, line endings as in the file)."""

    path: Path
    display: str
    before: str
    after: str
    written: bool
    notes: tuple[str, ...] = ()
    bom: bool = False
    """Whether the file starts with a byte-order mark (kept when it is written)."""

    def raw(self, text: str) -> str:
        """`text` as the file holds it: with the byte-order mark the file had."""
        return (_BOM if self.bom else "") + text

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff, as `git diff` shows it (line endings normalised to `\\n`)."""
        old = self.before.replace("\r\n", "\n").splitlines(keepends=True)
        new = self.after.replace("\r\n", "\n").splitlines(keepends=True)
        a, b = (
            (self.display, self.display)
            if self.display.startswith("/")
            else (f"a/{self.display}", f"b/{self.display}")
        )
        lines = list(difflib.unified_diff(old, new, a, b))
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )


@dataclass
class RoundTrip:
    """The record being edited, as a ruamel.yaml round-trip mapping, with helpers that
    keep layout."""

    data: Any
    order: Sequence[str] = field(default_factory=tuple)
    """Key order of the record's model: where a missing key is inserted."""

    def set_scalar(self, key: str, value: Any) -> None:
        """Set a top-level scalar, keeping its quoting style and its end-of-line comment."""
        from ruamel.yaml.scalarstring import ScalarString

        old = self.data.get(key)
        if isinstance(old, ScalarString) and isinstance(value, str):
            value = type(old)(value)
        self.data[key] = value

    def append(self, key: str, item: Mapping[str, Any]) -> int:
        """Append a mapping to the list under `key` (created if absent); returns its index."""
        from ruamel.yaml.comments import CommentedSeq

        new = commented(item)
        seq = self.data.get(key)
        if not isinstance(seq, CommentedSeq):
            self._insert_key(key, CommentedSeq([new]))
            return 0
        if not seq:
            seq.fa.set_block_style()
        rest = _detach_tail(self.data, key)
        seq.append(new)
        _attach_tail(self.data, key, rest)
        return len(seq) - 1

    def update_item(self, key: str, index: int, item: Mapping[str, Any]) -> None:
        """Overwrite the mapping at `data[key][index]` with `item`'s keys (others removed)."""
        seq = self.data[key]
        target = seq[index]
        rest = _detach_tail(seq, index)
        for name in [k for k in target if k not in item]:
            del target[name]
        for name, value in item.items():
            target[name] = commented(value)
        _attach_tail(seq, index, rest)

    def _insert_key(self, key: str, value: Any) -> None:
        keys = list(self.data.keys())
        rank = {k: i for i, k in enumerate(self.order)}
        mine = rank.get(key, len(rank))
        position = len(keys)
        for i, existing in enumerate(keys):
            if rank.get(existing, -1) > mine:
                position = i
                break
        if key in self.data:  # `key:` with no value, or an empty flow list: replace in place
            self.data[key] = value
            return
        previous = keys[position - 1] if position > 0 else None
        rest = _detach_tail(self.data, previous) if previous is not None else ""
        self.data.insert(position, key, value)
        _attach_tail(self.data, key, rest)


def _tail_path(holder: Any, key: Any) -> list[tuple[Any, Any, int]]:
    """The comment slots after `holder[key]`'s last line, outermost first: (holder, key, slot)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    path = []
    while True:
        path.append((holder, key, 2 if isinstance(holder, CommentedMap) else 0))
        value = holder[key]
        if isinstance(value, CommentedMap) and len(value):
            holder, key = value, list(value.keys())[-1]
        elif isinstance(value, CommentedSeq) and len(value):
            holder, key = value, len(value) - 1
        else:
            return path


def _detach_tail(holder: Any, key: Any) -> str:
    """Remove and return the comment and blank lines after `holder[key]` (its own end-of-line
    comment stays)."""
    for node, name, slot in reversed(_tail_path(holder, key)):
        entry = node.ca.items.get(name)
        token = entry[slot] if entry and len(entry) > slot else None
        if token is None or not isinstance(token.value, str):
            continue
        value = token.value
        if _is_block_scalar(node[name]):  # a block scalar ends its own line: every line follows it
            entry[slot] = None
            return value
        end = value.find("\n")
        if end < 0 or end == len(value) - 1:
            return ""
        token.value = value[: end + 1]
        return value[end + 1 :]
    return ""


def _is_block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _attach_tail(holder: Any, key: Any, rest: str) -> None:
    """Put comment and blank lines `rest` after `holder[key]`'s last line."""
    if not rest:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    node, name, slot = _tail_path(holder, key)[-1]
    entry = node.ca.items.setdefault(name, [None, None, None, None])
    token = entry[slot]
    if token is not None and isinstance(token.value, str):
        token.value = token.value + rest
    else:
        lead = "" if _is_block_scalar(node[name]) else "\n"
        entry[slot] = CommentToken(lead + rest, CommentMark(0), None)


def _layout(text: str) -> tuple[int, int]:
    """(mapping indent, block-sequence dash offset) the file mostly uses."""
    offsets = Counter(len(m.group(2)) - len(m.group(1)) for m in _SEQ_UNDER_KEY.finditer(text))
    mappings = Counter(
        d for m in _MAP_UNDER_KEY.finditer(text) if (d := len(m.group(2)) - len(m.group(1))) > 0
    )
    offset = offsets.most_common(1)[0][0] if offsets else 2
    mapping = mappings.most_common(1)[0][0] if mappings else 2
    return mapping, max(0, offset)


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")  # ruamel.yaml reads YAML 1.2 unless a file says otherwise
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap a person's long lines
    mapping, offset = _layout(text)
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    yaml.explicit_start = bool(_DOC_START.match(text))
    yaml.explicit_end = bool(_DOC_END.search(text))
    yaml.brace_single_entry_mapping_in_flow_sequence = True  # `[{party: TCD}]` stays as written
    # The same value (a date) used twice must be written twice, never as an anchor and alias.
    yaml.representer.ignore_aliases = lambda *args: True
    # An empty value stays empty (`key:`), as people write it, not `key: null`.
    yaml.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "")
    )
    return yaml


def _dump(yaml: Any, data: Any) -> str:
    out = StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _load_rt(yaml: Any, text: str, display: str) -> Any:
    from ruamel.yaml.error import YAMLError

    try:
        return yaml.load(text)
    except YAMLError as exc:
        raise DataError(f"{display} cannot be edited: {exc}") from None


def edit_record(
    path: Path,
    display: str,
    change: Callable[[Document, RoundTrip], T],
    *,
    check: Callable[[Document], list[Problem]],
    write: bool = True,
    order: Sequence[str] = (),
    lock_timeout: float = LOCK_TIMEOUT,
) -> tuple[EditResult, T]:
    """Apply `change` to the record at `path` under its lock and (if `write`) save it.

    `change` receives the record as just read (plain data, for decisions) and the round-trip
    document to modify; it raises `DataError` to refuse. `check` returns the problems of the
    new text; any problem refuses the edit (`InvalidEditError`) and nothing is written.
    """
    with record_lock(path, display, lock_timeout):
        return edit_locked(path, display, change, check=check, write=write, order=order)


def record_lock(
    path: Path, display: str, lock_timeout: float = LOCK_TIMEOUT
) -> AbstractContextManager[None]:
    """The lock of the record at `path` (a context manager): held by every edit of it."""
    from acsg_cli.registry.locking import locked

    lock = path.with_name(f".{path.name}.lock")
    shown = f"{display.rpartition('/')[0]}/{lock.name}" if "/" in display else lock.name
    return locked(lock, shown, f"edit of {display}", lock_timeout)


def edit_locked(
    path: Path,
    display: str,
    change: Callable[[Document, RoundTrip], T],
    *,
    check: Callable[[Document], list[Problem]],
    write: bool,
    order: Sequence[str],
) -> tuple[EditResult, T]:
    """`edit_record`'s edit, by a caller that holds the record's lock (`record_lock`): one edit
    of several made together (`yamlio.together`) holds every lock until all are written."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read {display}: {exc.strerror or exc}") from None
    try:
        document = read_bytes(raw)
    except ReadError as exc:
        first = exc.issues[0]
        raise DataError(
            f"{display} does not load ({display}:{first.line}:{first.column}: {first.message}); "
            f"fix it first (`acsg validate {display}`)"
        ) from None
    text = decode(raw)
    bom = raw.startswith(b"\xef\xbb\xbf")
    crlf = "\r\n" in text
    plain = text.replace("\r\n", "\n") if crlf else text
    yaml = _yaml(plain)
    notes: list[str] = []
    roundtrip = RoundTrip(_load_rt(yaml, plain, display), order)
    if _dump(yaml, roundtrip.data) != plain:  # dumping does not change the document
        notes.append(
            f"{display}: its layout cannot be kept exactly (mixed indentation or styles); "
            "review the diff"
        )
    outcome = change(document, roundtrip)
    new_plain = _dump(yaml, roundtrip.data)
    new_text = new_plain.replace("\n", "\r\n") if crlf else new_plain
    if new_text == text:
        unchanged = EditResult(
            path, display, text, new_text, written=False, notes=tuple(notes), bom=bom
        )
        return unchanged, outcome
    new_raw = ((_BOM if bom else "") + new_text).encode("utf-8")
    try:
        new_document = read_bytes(new_raw)
    except ReadError as exc:
        raise DataError(
            f"the edit of {display} produced text that does not read back "
            f"({exc.issues[0].message}); nothing was written"
        ) from None
    problems = check(new_document)
    if problems:
        raise InvalidEditError(display, problems)
    if write:
        writer.atomic_write(path, (_BOM if bom else "") + new_text)
    edited = EditResult(path, display, text, new_text, written=write, notes=tuple(notes), bom=bom)
    return edited, outcome
