"""Problems are values: every check returns them, reporters render them.

The registry-level checks (reading, schema, cross-file) have fixed codes in the ACSG0xx
range, listed in `CHECKS`; the criteria rules use ACSG1xx and up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=False)
class Problem:
    """One finding about one file. `line` and `column` are 1-based; 0 means unknown."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }


@dataclass(frozen=True)
class Check:
    """A registry-level check: code, name, severity and what it guards against."""

    code: str
    name: str
    severity: Severity
    summary: str


_CHECK_LIST = [
    Check(
        "ACSG001",
        "unreadable-file",
        Severity.ERROR,
        "The path is not a regular, readable UTF-8 text file of reasonable size inside the "
        "registry.",
    ),
    Check("ACSG002", "yaml-syntax", Severity.ERROR, "The file is not well-formed YAML."),
    Check(
        "ACSG003",
        "duplicate-key",
        Severity.ERROR,
        "A mapping repeats a key; YAML keeps only one of them.",
    ),
    Check(
        "ACSG004",
        "yaml-feature",
        Severity.ERROR,
        "The file uses a YAML feature record files may not use: anchors, aliases, tags, several "
        "documents, deep nesting.",
    ),
    Check(
        "ACSG005",
        "not-a-record",
        Severity.ERROR,
        "The document is empty or is not a mapping of keys to values.",
    ),
    Check(
        "ACSG006",
        "conflict-markers",
        Severity.ERROR,
        "The file still holds git merge conflict markers.",
    ),
    Check("ACSG010", "missing-key", Severity.ERROR, "A key the schema requires is absent."),
    Check(
        "ACSG011", "unknown-key", Severity.ERROR, "A key the schema does not know (usually a typo)."
    ),
    Check(
        "ACSG012",
        "invalid-value",
        Severity.ERROR,
        "A value has the wrong type or is outside its vocabulary.",
    ),
    Check(
        "ACSG013",
        "misplaced-record",
        Severity.ERROR,
        "The id does not match the file name, the folder does not match the kind, or the id has "
        "the wrong pattern.",
    ),
    Check("ACSG020", "duplicate-id", Severity.ERROR, "Two files carry the same id."),
    Check(
        "ACSG021",
        "unresolved-reference",
        Severity.ERROR,
        "A reference names a record that does not exist.",
    ),
    Check(
        "ACSG022",
        "inconsistent-status",
        Severity.ERROR,
        "Statuses contradict each other across files (a live match on a withdrawn offer, a "
        "matched request with no match).",
    ),
]

CHECKS: dict[str, Check] = {c.code: c for c in _CHECK_LIST}

UNREADABLE = "ACSG001"
YAML_SYNTAX = "ACSG002"
DUPLICATE_KEY = "ACSG003"
YAML_FEATURE = "ACSG004"
NOT_A_RECORD = "ACSG005"
CONFLICT_MARKERS = "ACSG006"
MISSING_KEY = "ACSG010"
UNKNOWN_KEY = "ACSG011"
INVALID_VALUE = "ACSG012"
MISPLACED = "ACSG013"
DUPLICATE_ID = "ACSG020"
UNRESOLVED = "ACSG021"
INCONSISTENT = "ACSG022"
LIFECYCLE = "ACSG306"
"""The lifecycle rule's code, also used when an edit is refused for breaking the lifecycle."""


def problem(
    file: str, line: int, column: int, code: str, message: str, *, severity: Severity | None = None
) -> Problem:
    """Build a problem for a registry check, with the check's default severity."""
    sev = severity if severity is not None else CHECKS[code].severity
    return Problem(file=file, line=line, column=column, code=code, severity=sev, message=message)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)
