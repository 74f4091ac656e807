"""Reporters render exactly; GitHub annotations are escaped as workflow commands require."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from acsg_cli.problems import Problem, Severity
from acsg_cli.reporters import VALIDATION_REPORTERS
from acsg_cli.reporters.validation import escape_data, escape_property
from acsg_cli.validation import ValidationResult

RESULT = ValidationResult(
    files_checked=2,
    problems=(
        Problem(
            "data/requests/REQ-2021-001.yaml",
            3,
            5,
            "ACSG012",
            Severity.ERROR,
            "areas[0]: 'x' is not a known value",
        ),
        Problem(
            "data/offers/a,b:c%.yaml",
            7,
            1,
            "ACSG011",
            Severity.WARNING,
            "50% done\nnext line: here",
        ),
    ),
)


def render(name: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    VALIDATION_REPORTERS[name](out, err).report(RESULT)
    return out.getvalue(), err.getvalue()


def test_text() -> None:
    out, err = render("text")
    assert out.splitlines() == [
        "data/requests/REQ-2021-001.yaml:3:5: error ACSG012 areas[0]: 'x' is not a known value",
        "data/offers/a,b:c%.yaml:7:1: warning ACSG011 50% done next line: here",
    ]
    assert err == "2 files checked: 1 error, 1 warning\n"


def test_json_shape() -> None:
    out, _ = render("json")
    data = json.loads(out)
    assert data["files_checked"] == 2
    assert data["problems"][0] == {
        "file": "data/requests/REQ-2021-001.yaml",
        "line": 3,
        "column": 5,
        "code": "ACSG012",
        "severity": "error",
        "message": "areas[0]: 'x' is not a known value",
    }


def test_github_annotations_are_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out, err = render("github")
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=data/requests/REQ-2021-001.yaml,line=3,col=5,title=ACSG012 error::"
        "areas[0]: 'x' is not a known value"
    )
    assert lines[1] == (
        "::warning file=data/offers/a%2Cb%3Ac%25.yaml,line=7,col=1,title=ACSG011 warning::"
        "50%25 done%0Anext line: here"
    )
    assert len(lines) == 2
    assert err == "2 files checked: 1 error, 1 warning\n"
    text = summary.read_text()
    assert "| data/requests/REQ-2021-001.yaml | 3 | error | ACSG012 |" in text


def test_escapes() -> None:
    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_markdown_table_cells_are_inert() -> None:
    from acsg_cli.reporters.tables import md_table

    lines = md_table(["id", "note"], [["REQ-1", "a | b\nc"], [2, "*x*"]])
    assert lines == [
        "| id | note |",
        "|---|---|",
        "| REQ-1 | a \\| b c |",
        "| 2 | \\*x\\* |",
    ]
