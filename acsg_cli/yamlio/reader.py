"""Reading record files: safe, fast, YAML 1.2, with the position of every key and item.

libyaml (through PyYAML's C parser) only *composes* the node graph; no Python object is ever
constructed from a tag. Scalars are then resolved here with the YAML 1.2 core schema, so
`no`, `yes`, `on` and `off` stay strings and `2021-04-01` stays a string for the models to
parse. Anything a hand-written record has no business using (anchors, aliases, tags, several
documents, deep nesting) is refused with its own message, as are files that are too large, not
UTF-8, binary, or still hold merge-conflict markers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acsg_cli import problems as codes

MAX_BYTES = 1024 * 1024
"""Largest record file read. Real records are a few kilobytes."""

MAX_DEPTH = 24
"""Deepest nesting of mappings and lists a record may use (real records use 4)."""

MAX_INDENT = 200
"""Deepest block indentation, checked before parsing so absurd nesting is refused at once."""

KeyPath = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_PLAIN = "!plain"
_STR = _CORE + "str"
_SEQ = _CORE + "seq"
_MAP = _CORE + "map"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?(?:\.inf|\.Inf|\.INF)$")
_NAN = re.compile(r"^(?:\.nan|\.NaN|\.NAN)$")
_CONFLICT = re.compile(r"^(?:<{7}|>{7})(?: |$)|^={7}$", re.MULTILINE)
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)
"""Characters a record may not hold, as they are or escaped in a quoted string: controls but
tab and line ends, DEL and C1, bidirectional embeddings, overrides and isolates (text that shows
otherwise than it reads), surrogates and noncharacters. libyaml refuses most of them with an
error that names no file; they are reported as a problem of the file instead."""
_DEEP_SPACES = " " * (MAX_INDENT + 1)
_INDENT = re.compile(rf"^( {{{MAX_INDENT + 1},}})\S", re.MULTILINE)


@dataclass(frozen=True)
class Issue:
    """One reading problem: a code from `acsg_cli.problems`, a message and a 1-based position."""

    code: str
    message: str
    line: int = 1
    column: int = 1


class ReadError(Exception):
    """The file cannot be read as a record. Carries every issue found (at least one)."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(i.message for i in issues))
        self.issues = issues


@dataclass
class SourceMap:
    """Where each part of a document stands: 1-based (line, column) by key path."""

    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: KeyPath) -> tuple[int, int]:
        """Position of the key at `path`, else of its value, else of the nearest ancestor."""
        p = tuple(path)
        while True:
            pos = self.keys.get(p) or self.values.get(p)
            if pos is not None:
                return pos
            if not p:
                return (1, 1)
            p = p[:-1]

    def locate_value(self, path: KeyPath) -> tuple[int, int]:
        """Position of the value at `path` (falls back to `locate`)."""
        return self.values.get(tuple(path)) or self.locate(path)


@dataclass(frozen=True)
class Document:
    """A record file read into plain Python data, with its source map."""

    data: dict[str, Any]
    source_map: SourceMap


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
    """Read record bytes. Raises `ReadError` listing what is wrong."""
    text = decode(raw, max_bytes)
    bad = _FORBIDDEN.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise ReadError(
            [
                Issue(
                    codes.UNREADABLE,
                    f"{_char_name(bad.group())} in the file; records hold printable text only",
                    line,
                    column,
                )
            ]
        )
    _precheck(text)
    return _compose(text)


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


def _char_name(char: str) -> str:
    code = ord(char)
    if code >= 0xD800:
        kind = "noncharacter"
    elif code >= 0x202A:
        kind = "bidirectional control"
    else:
        kind = "control character"
    return f"{kind} U+{code:04X}"


def _precheck(text: str) -> None:
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


def _loader_class() -> type:
    from yaml import ScalarNode
    from yaml._yaml import CParser
    from yaml.resolver import BaseResolver

    class _Resolver(BaseResolver):  # type: ignore[misc]
        """Marks untagged plain scalars so they are resolved with YAML 1.2 rules, not 1.1."""

        def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is ScalarNode and implicit[0]:
                return _PLAIN
            return str(super().resolve(kind, value, implicit))

    class _Composer(CParser, _Resolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

    return _Composer


_LOADER: type | None = None


def _compose(text: str) -> Document:
    global _LOADER  # noqa: PLW0603 - the loader class is built once, on the first read
    from yaml import MappingNode
    from yaml.error import MarkedYAMLError, YAMLError

    if _LOADER is None:
        _LOADER = _loader_class()
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
    except MarkedYAMLError as exc:
        raise ReadError([_syntax_issue(exc, text)]) from None
    except YAMLError as exc:  # libyaml's reader errors carry no mark
        raise ReadError([Issue(codes.YAML_SYNTAX, f"YAML error: {exc}", 1, 1)]) from None
    finally:
        loader.dispose()
    if node is None:
        if text.strip():
            raise ReadError(
                [Issue(codes.NOT_A_RECORD, "file holds only comments, no record", 1, 1)]
            )
        raise ReadError([Issue(codes.NOT_A_RECORD, "file is empty", 1, 1)])
    if not isinstance(node, MappingNode):
        kind = "a list" if node.id == "sequence" else "a single value"
        mark = node.start_mark
        raise ReadError(
            [
                Issue(
                    codes.NOT_A_RECORD,
                    f"the document is {kind}; a record is a mapping of keys to values",
                    mark.line + 1,
                    mark.column + 1,
                )
            ]
        )
    builder = _Builder()
    data = builder.build(node)
    if builder.issues:
        raise ReadError(builder.issues)
    return Document(data=data, source_map=builder.source_map)


def _syntax_issue(exc: Any, text: str) -> Issue:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "expected a single document" in context:
        return Issue(
            codes.YAML_FEATURE,
            "the file holds several YAML documents; a record file holds one",
            line,
            column,
        )
    if "'\\t'" in problem or (mark is not None and _is_tab_at(text, mark.index)):
        return Issue(
            codes.YAML_SYNTAX,
            "tab character in indentation; YAML indents with spaces",
            line,
            column,
        )
    message = f"{context}, {problem}" if context else problem
    return Issue(codes.YAML_SYNTAX, f"YAML syntax error: {message}", line, column)


def _is_tab_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index] == "\t"


class _Builder:
    """Turns a composed node graph into plain data, recording positions and refusing misuse.

    Aliases need anchors, and `_precheck` refuses any file with an anchor before composing,
    so every node is reached once and the walk needs no cycle tracking. This is the hot path
    of every validation run: keep it lean.
    """

    def __init__(self) -> None:
        self.source_map = SourceMap()
        self.issues: list[Issue] = []

    def build(self, root: Any) -> dict[str, Any]:
        mark = root.start_mark
        self.source_map.values[()] = (mark.line + 1, mark.column + 1)
        value = self._node(root, (), 0)
        return value if isinstance(value, dict) else {}

    def _fail(self, code: str, message: str, node: Any) -> None:
        self.issues.append(
            Issue(code, message, node.start_mark.line + 1, node.start_mark.column + 1)
        )

    def _node(self, node: Any, path: KeyPath, depth: int) -> Any:  # noqa: PLR0912 - one hot loop
        kind = node.id
        if kind == "scalar":
            if node.tag == _PLAIN:
                return resolve_plain(node.value)
            return self._scalar(node)
        if depth >= MAX_DEPTH:
            self._fail(codes.YAML_FEATURE, f"nested deeper than {MAX_DEPTH} levels", node)
            return None
        values = self.source_map.values
        if kind == "sequence":
            if node.tag != _SEQ:
                self._fail(
                    codes.YAML_FEATURE,
                    f"tag '{_short(node.tag)}' is not allowed in record files",
                    node,
                )
                return None
            items: list[Any] = []
            append = items.append
            for index, item in enumerate(node.value):
                item_path = (*path, index)
                mark = item.start_mark
                values[item_path] = (mark.line + 1, mark.column + 1)
                if item.id == "scalar" and item.tag == _PLAIN:
                    append(resolve_plain(item.value))
                else:
                    append(self._node(item, item_path, depth + 1))
            return items
        if node.tag != _MAP:
            self._fail(
                codes.YAML_FEATURE, f"tag '{_short(node.tag)}' is not allowed in record files", node
            )
            return None
        keys = self.source_map.keys
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                self._fail(
                    codes.YAML_SYNTAX, "a key must be a plain name, not a list or mapping", key_node
                )
                continue
            key = key_node.value if key_node.tag != _PLAIN or key_node.value else None
            if key is None or (key_node.tag not in (_PLAIN, _STR)):
                key = str(
                    self._scalar(key_node)
                    if key_node.tag != _PLAIN
                    else resolve_plain(key_node.value)
                )
            child = (*path, key)
            if key in mapping:
                first = keys.get(child, (0, 0))
                self._fail(
                    codes.DUPLICATE_KEY,
                    f"duplicate key '{key}' (first defined on line {first[0]})",
                    key_node,
                )
                continue
            kmark = key_node.start_mark
            vmark = value_node.start_mark
            keys[child] = (kmark.line + 1, kmark.column + 1)
            values[child] = (vmark.line + 1, vmark.column + 1)
            if value_node.id == "scalar" and value_node.tag == _PLAIN:
                mapping[key] = resolve_plain(value_node.value)
            else:
                mapping[key] = self._node(value_node, child, depth + 1)
        return mapping

    def _scalar(self, node: Any) -> Any:
        tag, value = node.tag, node.value
        if tag == _PLAIN:
            return resolve_plain(value)
        if tag == _STR:
            bad = _FORBIDDEN.search(value)
            if bad is not None:
                self._fail(
                    codes.YAML_SYNTAX,
                    f"{_char_name(bad.group())} written as an escape in a quoted string; "
                    "records hold printable text only",
                    node,
                )
                return None
            return value
        explicit: dict[str, Callable[[str], Any]] = {
            _CORE + "null": lambda v: None if _NULL.match(v) else _NOTHING,
            _CORE + "bool": lambda v: _BOOL.get(v, _NOTHING),
            _CORE + "int": lambda v: resolve_plain(v) if _is_int(v) else _NOTHING,
            _CORE + "float": lambda v: float(resolve_plain(v)) if _is_number(v) else _NOTHING,
        }
        convert = explicit.get(tag)
        if convert is None:
            self._fail(
                codes.YAML_FEATURE,
                f"tag '{_short(tag)}' is not allowed in record files; write plain values",
                node,
            )
            return None
        result = convert(value)
        if result is _NOTHING:
            self._fail(codes.INVALID_VALUE, f"'{value}' is not a valid {_short(tag)}", node)
            return None
        return result


_NOTHING = object()


def _short(tag: str) -> str:
    return tag.replace(_CORE, "!!")


def _is_int(value: str) -> bool:
    return bool(_INT10.match(value) or _INT8.match(value) or _INT16.match(value))


def _is_number(value: str) -> bool:
    return bool(_is_int(value) or _FLOAT.match(value) or _INF.match(value) or _NAN.match(value))


_SPECIAL_WORDS: dict[str, Any] = {"~": None, "null": None, "Null": None, "NULL": None, **_BOOL}
_NUMERIC_START = frozenset("0123456789+-.")


def resolve_plain(value: str) -> Any:
    """Resolve an untagged plain scalar with the YAML 1.2 core schema."""
    if not value:
        return None
    if value[0] not in _NUMERIC_START:
        # Most plain scalars are words: only the null and boolean spellings are not text.
        return _SPECIAL_WORDS.get(value, value) if len(value) <= 5 else value
    if _INT10.match(value):
        return int(value, 10)
    if _FLOAT.match(value):
        return float(value)
    if _INT8.match(value):
        return int(value[2:], 8)
    if _INT16.match(value):
        return int(value[2:], 16)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value
