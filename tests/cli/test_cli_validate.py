"""`acsg validate`, `acsg schema` and the app itself through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app


def test_help_lists_commands(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("validate", "list", "show", "schema"):
        assert command in result.stdout


def test_version(runner: CliRunner) -> None:
    """The version is written once, in pyproject.toml; the package reads it from its metadata."""
    import tomllib

    from tests.conftest import ROOT

    written = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"acsg {written['project']['version']}\n"
    assert not any(
        "__version__ = " in path.read_text(encoding="utf-8")
        for path in (ROOT / "acsg_cli").rglob("*.py")
    )


def test_validate_text(registry: Path, runner: CliRunner) -> None:
    request = registry / "requests" / "REQ-2021-001.yaml"
    request.write_text(request.read_text().replace("status: open", "status: opne"))
    result = runner.invoke(app, ["validate", "--data", str(registry)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{registry}/requests/REQ-2021-001.yaml:8:9: error ACSG012 "
        "status: 'opne' is not a known value; did you mean 'open'?\n"
    )
    assert result.stderr == "3 files checked: 1 error, 0 warnings\n"


def test_validate_json_on_valid_registry(registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--data", str(registry), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"files_checked": 3, "problems": []}


def test_data_from_environment(registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate"], env={"ACSG_DATA": str(registry)})
    assert result.exit_code == 0, result.output


def test_validate_github_names_file_and_line(
    registry: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(registry.parent)
    request = registry / "requests" / "REQ-2021-001.yaml"
    request.write_text(request.read_text().replace("title: Reform", "titel: Reform"))
    result = runner.invoke(app, ["validate", "--format", "github"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        lines[0] == "::error file=data/requests/REQ-2021-001.yaml,line=2,col=1,title=ACSG010 "
        "error::missing required key 'title'"
    )
    assert lines[1] == (
        "::error file=data/requests/REQ-2021-001.yaml,line=3,col=1,title=ACSG011 error::"
        "unknown key 'titel'; did you mean 'title'?"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--data", "/nonexistent-registry"],
        ["validate", "--format", "xml"],
        ["validate", "no/such/file.yaml"],
        ["validate", "--changed-since", "nope"],
        ["nonsense"],
    ],
)
def test_usage_errors_exit_2(
    args: list[str], registry: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(registry.parent)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "Error" in result.output


def test_schema_check_and_write(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "schemas"
    assert runner.invoke(app, ["schema", "--check", "--out", str(out)]).exit_code == 1
    result = runner.invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "match.schema.json",
        "offer.schema.json",
        "practice.schema.json",
        "request.schema.json",
    ]
    assert runner.invoke(app, ["schema", "--check", "--out", str(out)]).exit_code == 0
    (out / "offer.schema.json").write_text("{}")
    result = runner.invoke(app, ["schema", "--check", "--out", str(out)])
    assert result.exit_code == 1 and "offer.schema.json" in result.stderr


def test_shipped_registry_validates(runner: CliRunner) -> None:
    from tests.conftest import SHIPPED

    result = runner.invoke(app, ["validate", "--data", str(SHIPPED), "--format", "json"])
    assert result.exit_code == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["files_checked"] == len(list(SHIPPED.glob("*/*.yaml"))) == 21
    # infos are notes (ACSG203: the offers limited in scope, as the stocktaking lists them)
    assert [p for p in report["problems"] if p["severity"] != "info"] == []


def test_a_bug_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import acsg_cli.cli as cli

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.setattr("sys.argv", ["acsg"])  # no command named: the whole app runs
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: internal error (RuntimeError: boom)") and "Traceback" not in err
    monkeypatch.setenv("ACSG_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main()


def test_a_crash_in_a_command_fails_the_test_that_runs_it(
    runner: CliRunner, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shared runner lets exceptions through: a crashing command cannot pass as exit 1."""
    import acsg_cli.validation

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(acsg_cli.validation, "validate", broken)
    with pytest.raises(RuntimeError, match="boom"):
        runner.invoke(app, ["validate", "--data", str(registry)])
    with pytest.raises(TypeError):
        runner.invoke(app, ["validate", "--data", str(registry)], catch_exceptions=True)


def _commit_all(root: Path) -> None:
    import subprocess

    from tests.conftest import git_env

    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=git_env())


@pytest.mark.parametrize(
    ("rev", "message"),
    [
        ("no-such-rev", "unknown git revision 'no-such-rev'"),
        ("HEAD~5", "unknown git revision 'HEAD~5'"),
        ("--output=x", "'--output=x' is not a git revision"),
        ("HEAD:requests", "unknown git revision 'HEAD:requests'"),  # a tree, not a commit
    ],
)
def test_changed_since_refuses_a_revision_git_does_not_know(
    rev: str, message: str, registry: Path, runner: CliRunner
) -> None:
    _commit_all(registry.parent)
    result = runner.invoke(app, ["validate", "--data", str(registry), f"--changed-since={rev}"])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert not (registry.parent / "x").exists()  # nothing was passed to git as an option


def test_changed_since_refuses_a_registry_outside_git(registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--data", str(registry), "--changed-since", "HEAD"])
    assert result.exit_code == 2
    assert result.stderr == f"Error: '{registry}' is not inside a git repository\n"


def test_changed_since_accepts_a_known_revision(registry: Path, runner: CliRunner) -> None:
    _commit_all(registry.parent)
    result = runner.invoke(app, ["validate", "--data", str(registry), "--changed-since", "HEAD"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("0 files checked")
