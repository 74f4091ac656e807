"""What every command shares: one clock (`--today`, `ACSG_TODAY`), one date option type, one
registry loader and `--config` wherever configuration is read."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app
from acsg_cli.docs import walk
from tests.conftest import FIXTURE_REGISTRY, ROOT

USES_TODAY = {
    "acsg validate",
    "acsg show",
    "acsg match propose",
    "acsg match create",
    "acsg match evaluate",
    "acsg match status",
    "acsg match update",
    "acsg consent record",
    "acsg report status",
    "acsg brief",
    "acsg report stocktaking",
    "acsg new request",
    "acsg new offer",
    "acsg new practice",
    "acsg practice from-update",
    "acsg export",
    "acsg request reopen",
}
"""Commands whose result depends on the date: rules, matching, dates written, reports, new ids,
an export's date."""
READS_CONFIGURATION = {
    "acsg validate",
    "acsg match propose",
    "acsg match create",
    "acsg match evaluate",
    "acsg report status",
    "acsg report stocktaking",
    "acsg export",
    "acsg request reopen",
    "acsg consent record",
    "acsg match status",
}
NEW_REQUEST = [
    *("new", "request", "--state", "TCD", "--title", "RSD training", "--area", "training"),
    *("--support-type", "technical", "--stdout"),
]


def options_of(name: str) -> set[str]:
    found = {
        doc.name: {opt for p in doc.command.params for opt in getattr(p, "opts", [])}
        for doc in walk()
        if not doc.is_group
    }
    return found[name]


def commands_with(option: str) -> set[str]:
    return {
        doc.name
        for doc in walk()
        if not doc.is_group and any(option in getattr(p, "opts", []) for p in doc.command.params)
    }


def test_today_is_an_option_of_every_command_that_uses_the_date() -> None:
    assert commands_with("--today") == USES_TODAY


def test_config_is_an_option_of_every_command_that_reads_configuration() -> None:
    assert commands_with("--config") == READS_CONFIGURATION


def test_acsg_today_fixes_the_date_and_today_overrides_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_REGISTRY, data)
    monkeypatch.setenv("ACSG_TODAY", "2019-05-06")
    from_env = runner.invoke(app, [*NEW_REQUEST, "--data", str(data)])
    assert from_env.exit_code == 0, from_env.output
    assert "id: REQ-2019-" in from_env.stdout
    assert "submitted_on: 2019-05-06" in from_env.stdout
    given = runner.invoke(app, [*NEW_REQUEST, "--data", str(data), "--today", "2018-02-03"])
    assert given.exit_code == 0, given.output
    assert "id: REQ-2018-" in given.stdout
    assert "submitted_on: 2018-02-03" in given.stdout


@pytest.mark.parametrize("bad", ["2019-13-01", "20190506", "tomorrow"])
def test_a_bad_date_is_a_usage_error_naming_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_REGISTRY, data)
    given = runner.invoke(app, [*NEW_REQUEST, "--data", str(data), "--today", bad])
    assert given.exit_code == 2
    assert f"'{bad}' is not a date written YYYY-MM-DD" in given.stderr
    monkeypatch.setenv("ACSG_TODAY", bad)
    from_env = runner.invoke(app, ["validate", "--data", str(data)])
    assert from_env.exit_code == 2
    assert f"'{bad}' is not a date written YYYY-MM-DD" in from_env.stderr
    assert "Traceback" not in from_env.output


def test_the_library_asks_the_clock_for_today() -> None:
    """Only acsg_cli/clock.py reads the system date."""
    readers = []
    for path in sorted((ROOT / "acsg_cli").rglob("*.py")):
        if path.name == "clock.py" and path.parent.name == "acsg_cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in {"today", "now", "utcnow"}
                and isinstance(node.value, ast.Name)
                and node.value.id in {"date", "datetime"}
            ):
                readers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert readers == []


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--today"],
        ["show", "REQ-2021-001", "--today"],
        ["match", "propose", "--today"],
        ["match", "create", "REQ-2021-001", "OFF-2021-001", "--today"],
        ["consent", "record", "MAT-2021-001", "--party", "NER", "--decision", "granted", "--on"],
        ["match", "status", "MAT-2021-001", "welcomed", "--on"],
        ["match", "update", "MAT-2021-001", "--summary", "Done", "--on"],
        ["report", "status", "--today"],
        ["new", "offer", "--today"],
    ],
    ids=" ".join,
)
def test_every_date_option_reads_a_date_the_same_way(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "2021-02-30", "--data", str(FIXTURE_REGISTRY)])
    assert result.exit_code == 2
    assert "'2021-02-30' is not a date written YYYY-MM-DD" in result.stderr


def test_commands_that_read_the_registry_warn_alike_when_records_do_not_load(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_REGISTRY, data)
    broken = sorted((data / "offers").glob("*.yaml"))[0]
    broken.write_text(broken.read_text(encoding="utf-8").replace("status:", "status: [", 1))
    warnings = set()
    for args in (
        ["list", "requests"],
        ["list", "offers"],
        ["match", "propose", "--today", "2022-01-01"],
        ["show", sorted(p.stem for p in (data / "requests").glob("*.yaml"))[0]],
    ):
        result = runner.invoke(app, [*args, "--data", str(data)])
        assert result.exit_code == 0, (args, result.output)
        warnings.add(result.stderr)
    (warning,) = warnings
    assert re.fullmatch(
        r"warning: the registry has [0-9]+ errors?; records that do not load are left out; "
        r"run `acsg validate`\n",
        warning,
    )


@pytest.mark.parametrize(
    "args",
    [["show", "REQ-2021-001"], ["match", "create", "REQ-2021-001", "OFF-2021-001"]],
    ids=["show", "match-create"],
)
def test_an_id_whose_file_does_not_parse_is_said_not_to_load(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    """Not "no record with id ...; did you mean ...": the id's file is there and does not load,
    and the message names it, the line and the rule."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_REGISTRY, data)
    (data / "requests" / "REQ-2021-001.yaml").write_text("id: REQ-2021-001\ntitle: [oops\n")
    result = runner.invoke(app, [*args, "--data", str(data), "--today", "2022-01-01"])
    assert result.exit_code == 1, result.output
    shown = f"{data}/requests/REQ-2021-001.yaml"
    assert f"'REQ-2021-001' does not load: {shown}:3:1: ACSG002 YAML syntax" in result.stderr
    assert "did you mean" not in result.stderr
    assert result.stderr.endswith(f"; run `acsg validate {shown}`\n")
