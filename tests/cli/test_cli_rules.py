"""`acsg rules`, the rule options of `acsg validate`, and the scorecard of `acsg show`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app
from acsg_cli.problems import CHECKS
from acsg_cli.rules import RULES
from tests.unit.rules_helpers import compliant_copy


def test_rules_table_lists_every_code(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["code", "severity", "cites", "summary"]
    codes = [line.split()[0] for line in lines[2:]]
    assert codes == sorted([*CHECKS, *RULES])
    by_code = {line.split()[0]: line.split()[1:3] for line in lines[2:]}
    assert by_code["ACSG101"] == ["error", "WM"] and " WM 13 " in lines[2 + codes.index("ACSG101")]
    assert by_code["ACSG010"] == ["error", "-"]


def test_rules_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "--format", "json"])
    rows = json.loads(result.stdout)
    assert all(set(r) == {"code", "severity", "cites", "summary"} for r in rows)
    assert {
        "code": "ACSG112",
        "severity": "warning",
        "cites": "WM 15.vi, FS 2",
        "summary": RULES["ACSG112"].summary,
    } in rows
    assert len(rows) == len(CHECKS) + len(RULES)


def test_rules_markdown(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "--format", "markdown"])
    assert result.stdout.startswith("| code    | severity   | cites")
    assert "| ACSG109 | error      | WM 15.iii" in result.stdout


@pytest.mark.parametrize("name", ["ACSG107", "acsg107", "milestones"])
def test_rule_documentation(name: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", name])
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "ACSG107 milestones (error; WM 15.ii)\n\nQuantitative and qualitative milestones"
    )
    assert "Failing example:" in result.stdout and "```yaml" in result.stdout


def test_rule_documentation_json_and_markdown(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["rules", "ACSG203", "-f", "json"]).stdout)
    assert (data["code"], data["severity"], data["name"], data["configurable"]) == (
        "ACSG203",
        "info",
        "narrow-geographic-scope",
        True,
    )
    assert data["documentation"].startswith("Offers limited in geographic scope (SR).")
    markdown = runner.invoke(app, ["rules", "ACSG203", "-f", "markdown"]).stdout
    assert markdown.startswith("## ACSG203 narrow-geographic-scope (info; SR)\n\n")


def test_registry_check_documentation(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "ACSG012"])
    assert result.exit_code == 0
    assert result.stdout.startswith("ACSG012 invalid-value (error)\n\nA value has the wrong type")
    assert "always runs" in result.stdout


def test_unknown_rule_suggests(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "ACSG1077"])
    assert result.exit_code == 1
    assert result.stderr == "Error: no rule 'ACSG1077'; did you mean ACSG107?\n"
    result = runner.invoke(app, ["rules", "milestone"])
    assert result.exit_code == 1 and "did you mean milestones?" in result.stderr


@pytest.fixture
def gapless(tmp_path: Path) -> Path:
    root = compliant_copy(tmp_path)
    request = root / "requests" / "REQ-2021-001.yaml"
    request.write_text(
        request.read_text().replace(
            "gap: The CNE has no written procedures for interviews and decisions.\n", ""
        )
    )
    offer = root / "offers" / "OFF-2021-003.yaml"
    text = offer.read_text().replace("  regions: [americas]", "  countries: [MEX]")
    offer.write_text(text[: text.index("waivers:")])  # the note ACSG203 no longer waived
    return root


def test_validate_reports_rules(gapless: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--data", str(gapless)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{gapless}/offers/OFF-2021-003.yaml:12:3: info ACSG203 the offer is limited to MEX; "
        "offers without "
        "geographic limits are easier to match (2021 stocktaking)\n"
        f"{gapless}/requests/REQ-2021-001.yaml:2:1: error ACSG105 no gap: say which concrete gap "
        "the State cannot fill with its current capacity\n"
    )
    assert result.stderr == "10 files checked: 1 error, 0 warnings, 1 info\n"


@pytest.mark.parametrize(
    "args,codes",
    [
        (["--ignore", "ACSG105"], ["ACSG203"]),
        (["--ignore", "ACSG105,ACSG203"], []),
        (["--ignore", "ACSG1", "--ignore", "acsg2"], []),
        (["--select", "ACSG2"], ["ACSG203"]),
        (["--select", "ACSG105", "--select", "ACSG203"], ["ACSG203", "ACSG105"]),
    ],
)
def test_validate_select_and_ignore(
    args: list[str], codes: list[str], gapless: Path, runner: CliRunner
) -> None:
    result = runner.invoke(app, ["validate", "--data", str(gapless), "--format", "json", *args])
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == codes
    assert result.exit_code == (1 if "ACSG105" in codes else 0)


def test_strict_fails_on_warnings(gapless: Path, runner: CliRunner) -> None:
    args = ["validate", "--data", str(gapless), "--ignore", "ACSG105"]
    offer = gapless / "offers" / "OFF-2021-003.yaml"
    offer.write_text(
        offer.read_text().replace("support_types: [technical]", "support_types: [financial]")
    )
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, [*args, "--strict"])
    assert result.exit_code == 1 and "warning ACSG202" in result.stdout


def test_infos_never_fail_even_strict(gapless: Path, runner: CliRunner) -> None:
    assert (
        runner.invoke(
            app, ["validate", "--data", str(gapless), "--ignore", "ACSG105", "--strict"]
        ).exit_code
        == 0
    )


def test_configuration_next_to_the_registry_and_explicit(
    gapless: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir("/")
    (gapless.parent / "acsg.toml").write_text(
        '[rules]\nignore = ["ACSG105"]\n[rules.severity]\nACSG203 = "warning"\n'
    )
    result = runner.invoke(app, ["validate", "--data", str(gapless)])
    assert result.exit_code == 0 and "warning ACSG203" in result.stdout
    assert runner.invoke(app, ["validate", "--data", str(gapless), "--strict"]).exit_code == 1
    other = gapless.parent / "other.toml"
    other.write_text("[rules]\nstrict = true\n")
    result = runner.invoke(app, ["validate", "--data", str(gapless), "--config", str(other)])
    assert result.exit_code == 1 and "error ACSG105" in result.stdout


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["--ignore", "ACSG012"],
            "Error: command line (--ignore): ACSG012 names registry checks (ACSG001-ACSG022), "
            "which always run; only criteria rules (`acsg rules`) can be selected or ignored\n",
        ),
        (
            ["--select", "ACSG150"],
            "Error: command line (--select): unknown rule code 'ACSG150'; did you mean ACSG115?\n",
        ),
        (
            ["--select", "E501"],
            "Error: command line (--select): 'E501' is not a rule code or prefix "
            "(like ACSG101 or ACSG1)\n",
        ),
    ],
)
def test_validate_bad_rule_options(
    args: list[str], message: str, gapless: Path, runner: CliRunner
) -> None:
    result = runner.invoke(app, ["validate", "--data", str(gapless), *args])
    assert result.exit_code == 2
    assert result.stderr == message


def test_bad_configuration_is_a_usage_error(
    gapless: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir("/")
    (gapless.parent / "acsg.toml").write_text('[rules]\nselect = ["ACSG777"]\n')
    result = runner.invoke(app, ["validate", "--data", str(gapless)])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Error: {gapless.parent / 'acsg.toml'} [rules] select: unknown rule code"
    )


def test_show_scorecard(gapless: Path, runner: CliRunner) -> None:
    view = json.loads(
        runner.invoke(app, ["show", "REQ-2021-001", "--data", str(gapless), "-f", "json"]).stdout
    )
    by_code = {c["code"]: c for c in view["compliance"]}
    assert list(by_code) == [c for c in RULES if c.startswith("ACSG1")]
    assert by_code["ACSG105"] == {
        "code": "ACSG105",
        "cites": "WM 15.ii",
        "status": "unmet",
        "criterion": RULES["ACSG105"].summary,
        "detail": "no gap: say which concrete gap the State cannot fill with its current capacity",
    }
    assert by_code["ACSG110"]["status"] == "met" and by_code["ACSG101"]["status"] == "met"
    text = runner.invoke(app, ["show", "REQ-2021-001", "--data", str(gapless)]).stdout
    section = text.split("== compliance\n")[1]
    assert section.splitlines()[0].split() == ["code", "cites", "status", "criterion", "detail"]
    assert "ACSG105  WM 15.ii         unmet" in section
    markdown = runner.invoke(
        app, ["show", "REQ-2021-001", "--data", str(gapless), "-f", "markdown"]
    ).stdout
    assert "## compliance\n\n| code    | cites" in markdown
    assert "| ACSG108 | WM 15.ii        | met      | Every milestone has a due date" in markdown


def test_show_scorecard_of_shipped_open_request(runner: CliRunner) -> None:
    view = json.loads(
        runner.invoke(app, ["show", "REQ-2019-007", "-f", "json", "--data", "data"]).stdout
    )
    statuses = {c["code"]: c["status"] for c in view["compliance"]}
    assert statuses["ACSG105"] == "met" and statuses["ACSG107"] == "waived"
    assert statuses["ACSG110"] == "not_applicable"
    assert "unmet" not in statuses.values()
