"""What reading a record file gives: plain data, where each part stands, or the issues found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KeyPath = tuple[str | int, ...]


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
