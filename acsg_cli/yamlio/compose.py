"""The positioned read: libyaml composes the node graph, and this walk turns it into plain data
with the line and column of every key and item, refusing what records may not use.

libyaml (through PyYAML's C parser) only *composes* nodes; no Python object is ever constructed
from a tag. It is the reference reading: the fast path in `reader` falls back to it for anything
unusual, and it gives the positions of the problems found in a file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from acsg_cli import problems as codes
from acsg_cli.yamlio.document import Document, Issue, KeyPath, ReadError, SourceMap
from acsg_cli.yamlio.scalars import (
    BOOL,
    CORE,
    FORBIDDEN,
    NULL,
    char_name,
    is_int,
    is_number,
    resolve_plain,
    short_tag,
)

MAX_DEPTH = 24
"""Deepest nesting of mappings and lists a record may use (real records use 4)."""

_PLAIN = "!plain"
_STR = CORE + "str"
_SEQ = CORE + "seq"
_MAP = CORE + "map"


def _loader_class() -> type:
    from yaml import ScalarNode
    from yaml._yaml import CParser
    from yaml.resolver import BaseResolver

    class _Resolver(BaseResolver):  # type: ignore[misc]  # PyYAML ships no type hints
        """Marks untagged plain scalars so they are resolved with YAML 1.2 rules, not 1.1."""

        def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is ScalarNode and implicit[0]:
                return _PLAIN
            return str(super().resolve(kind, value, implicit))

    class _Composer(CParser, _Resolver):  # type: ignore[misc]  # PyYAML ships no type hints
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

    return _Composer


_LOADER: type | None = None


def compose(text: str) -> Document:
    """Text (already decoded and prechecked) to data and source map; `ReadError` otherwise."""
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
    tab_at_mark = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
    if "'\\t'" in problem or tab_at_mark:
        return Issue(
            codes.YAML_SYNTAX,
            "tab character in indentation; YAML indents with spaces",
            line,
            column,
        )
    message = f"{context}, {problem}" if context else problem
    return Issue(codes.YAML_SYNTAX, f"YAML syntax error: {message}", line, column)


_NOTHING = object()
_EXPLICIT: dict[str, Callable[[str], Any]] = {
    CORE + "null": lambda v: None if NULL.match(v) else _NOTHING,
    CORE + "bool": lambda v: BOOL.get(v, _NOTHING),
    CORE + "int": lambda v: resolve_plain(v) if is_int(v) else _NOTHING,
    CORE + "float": lambda v: float(resolve_plain(v)) if is_number(v) else _NOTHING,
}


class _Builder:
    """Turns a composed node graph into plain data, recording positions and refusing misuse.

    Aliases need anchors, and the reader's precheck refuses any file with an anchor before
    composing, so every node is reached once and the walk needs no cycle tracking.
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

    def _refuse_tag(self, node: Any) -> None:
        self._fail(
            codes.YAML_FEATURE, f"tag '{short_tag(node.tag)}' is not allowed in record files", node
        )

    def _node(self, node: Any, path: KeyPath, depth: int) -> Any:
        kind = node.id
        if kind == "scalar":
            return self._scalar(node)
        if depth >= MAX_DEPTH:
            self._fail(codes.YAML_FEATURE, f"nested deeper than {MAX_DEPTH} levels", node)
            return None
        values = self.source_map.values
        if kind == "sequence":
            if node.tag != _SEQ:
                self._refuse_tag(node)
                return None
            items: list[Any] = []
            for index, item in enumerate(node.value):
                item_path = (*path, index)
                mark = item.start_mark
                values[item_path] = (mark.line + 1, mark.column + 1)
                items.append(self._node(item, item_path, depth + 1))
            return items
        if node.tag != _MAP:
            self._refuse_tag(node)
            return None
        keys = self.source_map.keys
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                self._fail(
                    codes.YAML_SYNTAX, "a key must be a plain name, not a list or mapping", key_node
                )
                continue
            # A plain key is taken as written (`1:` is the key "1"); a tagged one is resolved.
            tag = key_node.tag
            if tag == _STR or (tag == _PLAIN and key_node.value):
                key = key_node.value
            else:
                key = str(self._scalar(key_node))
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
            mapping[key] = self._node(value_node, child, depth + 1)
        return mapping

    def _scalar(self, node: Any) -> Any:
        tag, value = node.tag, node.value
        if tag == _PLAIN:
            return resolve_plain(value)
        if tag == _STR:
            bad = FORBIDDEN.search(value)
            if bad is not None:
                self._fail(
                    codes.YAML_SYNTAX,
                    f"{char_name(bad.group())} written as an escape in a quoted string; "
                    "records hold printable text only",
                    node,
                )
                return None
            return value
        convert = _EXPLICIT.get(tag)
        if convert is None:
            self._fail(
                codes.YAML_FEATURE,
                f"tag '{short_tag(tag)}' is not allowed in record files; write plain values",
                node,
            )
            return None
        result = convert(value)
        if result is _NOTHING:
            self._fail(codes.INVALID_VALUE, f"'{value}' is not a valid {short_tag(tag)}", node)
            return None
        return result
