"""Output conventions through the CLI: data on stdout, messages on stderr, no colour when
not on a terminal, and GitHub annotations escaped end to end."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app


def test_annotation_escapes_path_and_message(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A registry folder whose name holds `%`, `:`, `,` and a newline, and a value holding `%` and
    `:`."""
    from tests.conftest import FIXTURE_REGISTRY

    registry = tmp_path / "reg 100%: a,b\nc"
    shutil.copytree(FIXTURE_REGISTRY, registry)
    request = registry / "requests" / "REQ-2021-001.yaml"
    request.write_text(request.read_text().replace("status: open", 'status: "50%: op\\nen"'))
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "--data", registry.name, "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=reg 100%25%3A "
        "a%2Cb%0Ac/requests/REQ-2021-001.yaml,line=8,col=9,title=ACSG012 error::"
        "status: '50%25: op\\nen' is not a known value; expected one of: draft, open, matched, "
        "closed, withdrawn\n"
    )
    assert result.stderr == "3 files checked: 1 error, 0 warnings\n"
    assert (
        "| reg 100%: a,b c/requests/REQ-2021-001.yaml | 8 | error | ACSG012 |"
        in summary.read_text()
    )


def test_text_format_is_uncoloured_off_a_terminal(
    registry: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    request = registry / "requests" / "REQ-2021-001.yaml"
    request.write_text(request.read_text().replace("status: open", "status: opne"))
    result = runner.invoke(app, ["validate", "--data", str(registry)])
    assert result.exit_code == 1
    assert "\x1b[" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "--format", "json"],
        ["list", "requests"],
        ["show", "REQ-2021-001"],
        ["schema", "--check", "--out", "schemas"],
    ],
)
def test_messages_never_reach_stdout(
    args: list[str], registry: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Summaries, progress and notices go to stderr; stdout is data a pipe can use (or nothing)."""
    monkeypatch.chdir(registry.parent)
    result = runner.invoke(app, [*args, "--data", "data"] if args[0] != "schema" else args)
    for word in ("checked:", "wrote", "warning:", "Error"):
        assert word not in result.stdout
