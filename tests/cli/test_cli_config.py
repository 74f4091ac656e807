"""`--config FILE`: every command that reads the project configuration reads it from FILE
instead of the one beside the registry, through the one loader (`acsg_cli.config`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app
from acsg_cli.yamlio.reader import read_path
from tests.cli.test_cli_plumbing import READS_CONFIGURATION
from tests.matching_registries import make_registry, offer, request, write_registry

TODAY = "2024-01-01"

BROKEN = '[matching]\ntop = 0\n[rules]\nstrict = "yes"\n[export.iati]\nbogus = "x"\n'
"""Every section a command reads is wrong: whichever it reads, it must refuse the file."""

COMMANDS = {
    "validate": ["validate"],
    "match propose": ["match", "propose"],
    "match create": ["match", "create", "REQ-2020-001", "OFF-2020-001"],
    "match evaluate": ["match", "evaluate"],
    "report status": ["report", "status", "--format", "json"],
    "report stocktaking": ["report", "stocktaking", "--format", "json"],
    "export": ["export", "iati", "-o", "-"],
    "request reopen": ["request", "reopen", "REQ-2020-001", "--note", "Phase two"],
    "consent record": [
        "consent",
        "record",
        "MAT-2024-001",
        "--party",
        "TCD",
        "--decision",
        "granted",
    ],
    "match status": ["match", "status", "MAT-2024-001", "withdrawn", "--note", "Ended"],
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A registry in `<tmp>/data`: a request from Chad, a global offer and one for the Americas."""
    monkeypatch.chdir(tmp_path)
    records = make_registry(
        [request(1, requesting_states=["TCD"], submitted_on="2023-01-01")],
        [
            offer(1, expertise="Drafting asylum legislation."),
            offer(2, geographic_scope={"regions": ["americas"]}, expertise="Legislation."),
        ],
    )
    return write_registry(tmp_path / "data", records)


def test_the_commands_below_are_every_command_reading_configuration() -> None:
    assert {f"acsg {name}" for name in COMMANDS} == READS_CONFIGURATION


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_config_replaces_the_configuration_beside_the_registry(
    name: str, project: Path, runner: CliRunner
) -> None:
    args = [*COMMANDS[name], "--data", str(project), "--today", TODAY]
    beside = project.parent / "acsg.toml"
    beside.write_text(BROKEN)
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and str(beside) in result.stderr, result.stderr
    good = project.parent / "good.toml"
    good.write_text("# the defaults\n")
    result = runner.invoke(app, [*args, "--config", str(good)])
    assert result.exit_code in (0, 1) and "acsg.toml" not in result.stderr, result.stderr
    beside.write_text("")
    broken = project.parent / "broken.toml"
    broken.write_text(BROKEN)
    result = runner.invoke(app, [*args, "--config", str(broken)])
    assert result.exit_code == 2 and str(broken) in result.stderr, result.stderr


def test_match_create_checks_the_new_match_with_the_rules_of_config(
    project: Path, runner: CliRunner
) -> None:
    (project.parent / "acsg.toml").write_text('[rules]\nignore = ["ACSG303"]\n')
    strict = project.parent / "strict.toml"
    strict.write_text("[rules]\n")
    args = ["match", "create", "REQ-2020-001", "OFF-2020-002", "--data", str(project)]
    forced = [
        "--force",
        "--by",
        "ACSG Secretariat",
        "--note",
        "Chad asked for it",
        "--today",
        TODAY,
    ]
    # The project's rules ignore the scope rule: nothing to waive.
    assert runner.invoke(app, [*args, *forced]).exit_code == 0
    first = read_path(project / "matches" / "MAT-2024-001.yaml").data
    assert "waivers" not in first
    # The rules of --config check scope: the forced match waives ACSG303.
    (project / "matches" / "MAT-2024-001.yaml").unlink()
    assert runner.invoke(app, [*args, *forced, "--config", str(strict)]).exit_code == 0
    second = read_path(project / "matches" / "MAT-2024-001.yaml").data
    assert [w["rule"] for w in second["waivers"]] == ["ACSG303"]
    checked = runner.invoke(
        app,
        [
            "validate",
            "--data",
            str(project),
            "--config",
            str(strict),
            "--format",
            "json",
            "--today",
            TODAY,
        ],
    )
    problems = json.loads(checked.stdout)["problems"]
    assert [p for p in problems if "MAT-2024-001" in p["file"]] == []


def test_reports_rank_offers_with_the_matching_settings_of_config(
    project: Path, runner: CliRunner
) -> None:
    choosy = project.parent / "choosy.toml"
    choosy.write_text("[matching]\nmin_score = 100\n")  # no offer fits that well
    base = ["--data", str(project), "--today", TODAY, "--format", "json"]

    def eligible(*extra: str) -> tuple[str | None, str | None]:
        status = json.loads(runner.invoke(app, ["report", "status", *base, *extra]).stdout)
        stock = json.loads(runner.invoke(app, ["report", "stocktaking", *base, *extra]).stdout)
        return (
            status["rows"][0]["eligible_offer"],
            stock["unmet_needs"]["requests"][0]["first_eligible_offer"],
        )

    assert eligible() == ("OFF-2020-001", "OFF-2020-001")
    assert eligible("--config", str(choosy)) == ("none", None)


@pytest.mark.parametrize("section", ["reports", "matchin"])
def test_a_section_no_command_reads_is_refused(
    section: str, project: Path, runner: CliRunner
) -> None:
    (project.parent / "acsg.toml").write_text(f"[{section}]\ntop = 1\n")
    result = runner.invoke(app, ["report", "status", "--data", str(project), "--today", TODAY])
    assert result.exit_code == 2
    assert f"not a setting of the acsg configuration: {section}" in result.stderr
