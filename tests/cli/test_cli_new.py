"""`acsg new request|offer` through CliRunner: options, prompts, errors, and valid files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app

YEAR = date.today().year
REQUEST_ARGS = [
    "new",
    "request",
    "--state",
    "TCD",
    "--title",
    "Chad: RSD training",
    "--area",
    "rsd_procedures",
    "--area",
    "training",
    "--support-type",
    "technical",
]
OFFER_ARGS = [
    "new",
    "offer",
    "--title",
    "RSD coaching",
    "--entity-name",
    "France",
    "--entity-type",
    "state",
    "--country",
    "FRA",
    "--area",
    "rsd_procedures",
    "--support-type",
    "technical",
    "--expertise",
    "Senior RSD officers and trainers",
    "--scope",
    "global",
]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is a terminal: missing answers are asked for."""
    monkeypatch.setattr("acsg_cli.cli.prompts.stdin_is_terminal", lambda: True)


def validate(runner: CliRunner, data: Path) -> dict[str, object]:
    """The validation report, keeping only errors: a new draft is expected to draw criteria
    warnings."""
    result = runner.invoke(app, ["validate", "--data", str(data), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    report["problems"] = [p for p in report["problems"] if p["severity"] == "error"]
    return report  # type: ignore[no-any-return]


def test_request_from_options(registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, [*REQUEST_ARGS, "--data", str(registry)])
    assert result.exit_code == 0, result.output
    new_id = f"REQ-{YEAR}-001"
    path = registry / "requests" / f"{new_id}.yaml"
    assert result.stdout == f"{new_id}\n"
    assert result.stderr.splitlines()[0] == f"wrote {path}"
    assert "areas: [rsd_procedures, training]  # FS 3" in path.read_text()
    assert validate(runner, registry)["problems"] == []


def test_offer_from_options_in_the_shipped_registry(shipped: Path, runner: CliRunner) -> None:
    before = len(list(shipped.glob("offers/*.yaml")))
    result = runner.invoke(app, [*OFFER_ARGS, "--data", str(shipped)])
    assert result.exit_code == 0, result.output
    assert len(list(shipped.glob("offers/*.yaml"))) == before + 1
    assert validate(runner, shipped)["problems"] == []


def test_stdout_prints_the_file_and_writes_nothing(registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, [*REQUEST_ARGS, "--data", str(registry), "--stdout"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "# yaml-language-server: $schema=../../schemas/request.schema.json\n"
    )
    assert f"id: REQ-{YEAR}-001\n" in result.stdout
    assert result.stderr == ""
    assert sorted(p.name for p in (registry / "requests").iterdir()) == ["REQ-2021-001.yaml"]


def test_missing_options_without_a_terminal(registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", "request", "--data", str(registry), "--title", "x"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: missing --state, --area, --support-type; give them as options, "
        "or run the command in a terminal to be asked\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--state", "XX"],
            "Error: --state: 'XX' is not an ISO 3166-1 alpha-3 country code (e.g. TCD for Chad)\n",
        ),
        (
            ["--area", "trainig"],
            "Error: --area: 'trainig' is not a known area; did you mean 'training'?\n",
        ),
        (
            ["--status", "opne"],
            "Error: --status: 'opne' is not a known status; did you mean 'open'?\n",
        ),
        (["--title", " "], "Error: --title: the title may not be blank\n"),
    ],
)
def test_bad_request_options(
    args: list[str], message: str, registry: Path, runner: CliRunner
) -> None:
    result = runner.invoke(app, [*REQUEST_ARGS, *args, "--data", str(registry)])
    assert result.exit_code == 2
    assert result.stderr == message
    assert sorted(p.name for p in (registry / "requests").iterdir()) == ["REQ-2021-001.yaml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--scope", "europe", "--scope", "FRA"],
            "Error: --scope: give either regions or countries as the scope, not both\n",
        ),
        (
            ["--entity-type", "stat"],
            "Error: --entity-type: 'stat' is not a known entity type; did you mean 'state'?\n",
        ),
    ],
)
def test_bad_offer_options(
    args: list[str], message: str, registry: Path, runner: CliRunner
) -> None:
    base = OFFER_ARGS[:-2] if "--scope" in args else OFFER_ARGS
    result = runner.invoke(app, [*base, *args, "--data", str(registry)])
    assert result.exit_code == 2
    assert result.stderr == message


def test_a_state_offer_needs_its_country(registry: Path, runner: CliRunner) -> None:
    args = [a for a in OFFER_ARGS if a not in ("--country", "FRA")]
    result = runner.invoke(app, [*args, "--data", str(registry)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: missing --country;")


def test_missing_registry(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, [*REQUEST_ARGS, "--data", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: registry folder '{tmp_path / 'none'}' not found (set --data or ACSG_DATA)\n"
    )


def test_prompts_ask_again_until_an_answer_is_valid(
    registry: Path, runner: CliRunner, terminal: None
) -> None:
    answers = (
        "\n".join(
            [
                "XX",
                "tcd ner",  # a wrong code, then a joint request
                "Joint COI unit",
                "coi",
                "country_of_origin_information",
                "money",
                "technical financial",
            ]
        )
        + "\n"
    )
    result = runner.invoke(app, ["new", "request", "--data", str(registry)], input=answers)
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.splitlines()[-1] == f"REQ-{YEAR}-001"
    )  # the runner echoes typed input to stdout
    assert "Error: 'XX' is not an ISO 3166-1 alpha-3 country code" in result.stderr
    assert "Error: 'coi' is not a known area" in result.stderr
    assert "Error: 'money' is not a known support type" in result.stderr
    assert "choices: legislation, institutional_capacity," in result.stderr
    text = (registry / "requests" / f"REQ-{YEAR}-001.yaml").read_text()
    assert "requesting_states: [TCD, NER]" in text
    assert 'title: "Joint COI unit"' in text
    assert "support_types: [technical, financial]" in text
    assert validate(runner, registry)["problems"] == []


def test_offer_prompts_only_for_what_is_missing(
    registry: Path, runner: CliRunner, terminal: None
) -> None:
    answers = "\n".join(["Example Bar", "bar_association", "", "Trainers on COI research"]) + "\n"
    args = [
        "new",
        "offer",
        "--data",
        str(registry),
        "--title",
        "COI training",
        "--area",
        "training",
        "--support-type",
        "technical",
    ]
    result = runner.invoke(app, args, input=answers)
    assert result.exit_code == 0, result.output
    assert "The offering State's ISO3 code" not in result.stderr
    assert "Title" not in result.stderr
    text = (registry / "offers" / f"OFF-{YEAR}-001.yaml").read_text()
    assert "  global: true\n" in text  # the scope's default
    assert "  # country: FRA" in text


def test_state_offer_prompts_for_its_country(
    registry: Path, runner: CliRunner, terminal: None
) -> None:
    args = [a for a in OFFER_ARGS if a not in ("--country", "FRA")]
    result = runner.invoke(app, [*args, "--data", str(registry)], input="FR\nfra\n")
    assert result.exit_code == 0, result.output
    assert "Error: 'FR' is not an ISO 3166-1 alpha-3 country code" in result.stderr
    assert "  country: FRA  #" in (registry / "offers" / f"OFF-{YEAR}-001.yaml").read_text()


def test_ids_follow_on(registry: Path, runner: CliRunner) -> None:
    first = runner.invoke(app, [*REQUEST_ARGS, "--data", str(registry)])
    second = runner.invoke(app, [*REQUEST_ARGS, "--data", str(registry)])
    assert (first.stdout, second.stdout) == (f"REQ-{YEAR}-001\n", f"REQ-{YEAR}-002\n")
