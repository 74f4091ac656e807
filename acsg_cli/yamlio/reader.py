"""Reading record files: safe, fast, YAML 1.2; positions on demand.

Two readings give the same data and refuse the same files:

- `read_data` is the hot path of every run. After the checks below, a Rust YAML parser
  (`yaml_rs`) turns the text into plain data, with duplicate keys refused; any file it refuses,
  and any file using a feature its resolution could read differently (anchors, aliases, tags,
  directives, escapes, compact nesting, non-string keys, unusual number spellings), goes to the
  reference reading instead, which then explains the refusal.
- `read_bytes` is the reference reading (`compose`): libyaml composes the node graph, scalars
  are resolved with the YAML 1.2 core schema (`no`, `yes`, `on` stay strings, `2021-04-01` stays
  a string for the models to parse) and every key and item gets its line and column. The
  registry asks for it only for files that have a problem to point at.

Anything a hand-written record has no business using (anchors, aliases, tags, several
documents, deep nesting) is refused with its own message, as are files that are too large, not
UTF-8, binary, or still hold merge-conflict markers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from acsg_cli import problems as codes
from acsg_cli.yamlio.compose import MAX_DEPTH, compose
from acsg_cli.yamlio.document import Document, Issue, KeyPath, ReadError, SourceMap
from acsg_cli.yamlio.limits import MAX_BYTES
from acsg_cli.yamlio.scalars import FORBIDDEN, char_name, resolve_plain

MAX_INDENT = 200
"""Deepest block indentation, checked before parsing so absurd nesting is refused at once."""

_CONFLICT = re.compile(r"^(?:<{7}|>{7})(?: |$)|^={7}$", re.MULTILINE)
_DEEP_SPACES = " " * (MAX_INDENT + 1)
_INDENT = re.compile(rf"^( {{{MAX_INDENT + 1},}})\S", re.MULTILINE)
_FORBIDDEN_ASCII = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""The characters of `FORBIDDEN` an ASCII text can hold: a third of the cost of the full class."""
_COMPACT_NESTING = re.compile(r"-[ \t]+[-?](?:[ \t\r\n]|$)|\?[ \t]")
"""`- - x` or `? x`: nesting that indentation does not bound, so the reference reader takes it."""
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
"""A line whose leading white space holds a tab: the reference reader says whether it is one
in indentation (a syntax error) that the fast parser would let through."""
_NUMBER_SPELLINGS = (
    re.compile(r"_(?:[0-9]|(?<=[0-9]_))"),
    re.compile(r"0[OXbB]"),
    re.compile(r"\.[iInN][nNaA][fFnN]"),
)
"""Spellings the fast parser reads as numbers and YAML 1.2's core schema as text (or not alike)."""

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "Document",
    "Issue",
    "KeyPath",
    "ReadError",
    "SourceMap",
    "decode",
    "read_bytes",
    "read_data",
    "read_path",
    "resolve_plain",
]


def read_path(path: Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read one record file. Raises `ReadError`; never anything else for bad content."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(
            [Issue(codes.UNREADABLE, f"cannot read file: {exc.strerror or exc}")]
        ) from None
    return read_bytes(raw, max_bytes=max_bytes)


def read_bytes(raw: bytes, max_bytes: int = MAX_BYTES) -> Document:
    """Read record bytes with positions. Raises `ReadError` listing what is wrong."""
    text = decode(raw, max_bytes)
    _precheck(text)
    return compose(text)


def read_data(raw: bytes, max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    """Read record bytes to plain data without positions: what `read_bytes(raw).data` gives,
    and the same `ReadError` for a file it refuses, at a fraction of the cost."""
    text = decode(raw, max_bytes)
    _precheck(text)
    data = _fast(text)
    return compose(text).data if data is None else data


def decode(raw: bytes, max_bytes: int = MAX_BYTES) -> str:
    """Bytes to text: size limit, binary check, strict UTF-8 (a leading BOM is allowed)."""
    if len(raw) > max_bytes:
        raise ReadError(
            [
                Issue(
                    codes.UNREADABLE,
                    f"file is larger than {max_bytes // 1024} KiB, the limit for a record file",
                )
            ]
        )
    if b"\x00" in raw:
        raise ReadError([Issue(codes.UNREADABLE, "binary file (holds NUL bytes), not YAML text")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ReadError(
            [
                Issue(
                    codes.UNREADABLE,
                    f"invalid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                    "save the file as UTF-8",
                    line,
                    column,
                )
            ]
        ) from None


_LOADS: Callable[[str], Any] | None = None


def _fast(text: str) -> dict[str, Any] | None:
    """The fast parser's data, or None when the reference reader must decide."""
    global _LOADS  # noqa: PLW0603 - the parser is imported once, on the first read
    if "&" in text or "*" in text or "!" in text or text.startswith("%") or "\n%" in text:
        return None
    if "\\" in text:
        return None  # an escape may spell a character records may not hold: the builder checks
    if ("- " in text or "-\t" in text or "?" in text) and _COMPACT_NESTING.search(text):
        return None
    if "\t" in text and _TAB_INDENT.search(text):
        return None
    if _LOADS is None:
        from functools import partial

        import yaml_rs

        _LOADS = partial(yaml_rs.loads, parse_datetime=False)
    try:
        data = _LOADS(text)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException:  # a refusal or a Rust panic: the reference reader explains it
        return None
    if type(data) is not dict:
        return None
    numbers = _plain_check(data, 0)
    if numbers is None or (numbers and any(p.search(text) for p in _NUMBER_SPELLINGS)):
        return None
    return data


def _plain_check(node: dict[str, Any] | list[Any], depth: int) -> bool | None:
    """None if a key is not a string or nesting is too deep; else whether a number was read."""
    if depth >= MAX_DEPTH:
        return None
    numbers = False
    items = node.items() if type(node) is dict else enumerate(node)
    for key, value in items:
        if type(key) is not str and type(node) is dict:
            return None
        kind = type(value)
        if kind is dict or kind is list:
            inner = _plain_check(value, depth + 1)
            if inner is None:
                return None
            numbers = numbers or inner
        elif kind is int or kind is float:
            numbers = True
    return numbers


def _precheck(text: str) -> None:
    bad = (_FORBIDDEN_ASCII if text.isascii() else FORBIDDEN).search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        message = f"{char_name(bad.group())} in the file; records hold printable text only"
        raise ReadError([Issue(codes.UNREADABLE, message, line, column)])
    # Substring tests first: they cost a fraction of the regexes, which run only on a hit.
    found = _CONFLICT.search(text) if ("<<<<<<<" in text or ">>>>>>>" in text) else None
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise ReadError(
            [
                Issue(
                    codes.CONFLICT_MARKERS,
                    "git merge conflict marker; resolve the conflict before committing",
                    line,
                    1,
                )
            ]
        )
    deep = _INDENT.search(text) if _DEEP_SPACES in text else None
    if deep:
        line = text.count("\n", 0, deep.start()) + 1
        raise ReadError(
            [
                Issue(
                    codes.YAML_FEATURE,
                    f"indented deeper than {MAX_INDENT} columns; records are not nested that deep",
                    line,
                    1,
                )
            ]
        )
    if text.count("[") + text.count("{") > MAX_DEPTH:
        _check_flow_depth(text)
    if "&" in text or "*" in text:
        _check_anchors(text)


def _check_flow_depth(text: str) -> None:
    """Refuse deep flow nesting before libyaml spends quadratic time on it.

    Counts brackets outside quotes and comments; a bracket inside a quoted scalar that spans
    lines may be miscounted, which only matters past MAX_DEPTH unclosed brackets.
    """
    depth = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        quote = ""
        for col, ch in enumerate(line, start=1):
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "'\"":
                quote = ch
            elif ch == "#" and (col == 1 or line[col - 2] in " \t"):
                break
            elif ch in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    raise ReadError(
                        [
                            Issue(
                                codes.YAML_FEATURE,
                                f"nested deeper than {MAX_DEPTH} levels; records are not nested "
                                "that deep",
                                lineno,
                                col,
                            )
                        ]
                    )
            elif ch in "]}":
                depth = max(0, depth - 1)


def _check_anchors(text: str) -> None:
    from yaml import AliasEvent, NodeEvent
    from yaml._yaml import CParser
    from yaml.error import YAMLError

    parser = CParser(text)
    try:
        while True:
            event = parser.get_event()
            if event is None:
                return
            if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor):
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
                what = "alias" if isinstance(event, AliasEvent) else "anchor"
                raise ReadError(
                    [
                        Issue(
                            codes.YAML_FEATURE,
                            f"YAML {what} '{event.anchor}' is not allowed in record files; "
                            "write the value out in full",
                            line,
                            column,
                        )
                    ]
                )
    except YAMLError:
        return  # the syntax error is reported by the composing pass, with its own message
    finally:
        parser.dispose()
