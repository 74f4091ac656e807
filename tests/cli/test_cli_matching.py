"""`acsg match propose` and `acsg match create` through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app
from tests.conftest import EXAMPLES

TODAY = ["--today", "2022-01-01"]
BY_FIT = ["--rank-by", "fit"]


def assert_valid(runner: CliRunner, path: Path) -> None:
    """The file a command wrote passes `acsg validate`, every rule included."""
    result = runner.invoke(app, ["validate", str(path), "--data", str(path.parent.parent)])
    assert result.exit_code == 0, result.output


@pytest.fixture
def data(registry: Path) -> Path:
    """The example registry plus a second request and two offers (tests/examples/matching/)."""
    for path in sorted((EXAMPLES / "matching").glob("*.yaml")):
        folder = "requests" if path.name.startswith("REQ") else "offers"
        shutil.copy(path, registry / folder / path.name)
    return registry


def run(runner: CliRunner, *args: str) -> object:
    return runner.invoke(app, [*args])


PROPOSE_TABLE = """\
REQ-2021-001  Reform of the first-instance asylum procedure
  TCD · open · 1 eligible offer
  priority 2.10: waiting since 2021-03-01 (10 months)
  1. OFF-2021-003  16.66  Interview techniques for eligibility officers
       +15.00  covers 1 of 2 areas: rsd_procedures
       +10.00  same working language: fr
       +10.00  gives the technical support asked for
        +5.00  long-term engagement on both sides (WM 9)
       -20.00  TCD already supported on rsd_procedures by MAT-2021-001
        -6.67  uses Philippines' last place; Niger would lose 6.7 points

REQ-2021-002  Faster first-instance decisions in Niger
  NER · open · 2 eligible offers
  priority 6.68: urgent request; waiting since 2021-05-01 (8 months)
  1. OFF-2021-001  60.00  Peer support on asylum procedures and legislation
       +30.00  covers the area asked for: rsd_procedures
       +10.00  same working language: fr
       +10.00  gives the technical support asked for
  2. OFF-2021-003  41.24  Interview techniques for eligibility officers
       +30.00  covers the area asked for: rsd_procedures
       +16.67  expertise matches the request's words: eligibility, officers, training
       +10.00  same working language: fr
       +10.00  gives the technical support asked for
       -25.43  uses Philippines' last place; Chad would lose 25.4 points
"""


def test_propose_table(data: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["match", "propose", "--data", str(data), *TODAY])
    assert result.exit_code == 0, result.output
    assert result.stdout == PROPOSE_TABLE
    assert result.stderr == ""


def test_propose_plan_beats_greedy_and_says_so(data: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["match", "propose", "--data", str(data), *TODAY, "--plan", "--top", "1"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "Plan (one offer per request): 2 of 2 requests served; "
        "total score (fit + priority) 92.11 (greedy: 73.35)\n\n"
        "request       offer         fit\n"
        "------------  ------------  -----\n"
        "REQ-2021-001  OFF-2021-003  23.33\n"
        "REQ-2021-002  OFF-2021-001  60.00\n"
    )


def test_propose_json_shapes(data: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["match", "propose", "--data", str(data), *TODAY, "-f", "json", "-k", "1"]
    )
    listing = json.loads(result.stdout)
    assert [item["request"] for item in listing] == ["REQ-2021-001", "REQ-2021-002"]
    assert all(
        set(item) == {"request", "priority", "priority_reasons", "candidates"} for item in listing
    )
    assert listing[1]["priority"] == 6.68
    assert listing[1]["priority_reasons"] == [
        "urgent request",
        "waiting since 2021-05-01 (8 months)",
    ]
    first = listing[1]["candidates"][0]
    assert set(first) == {"rank", "offer", "score", "fit", "reasons"}
    # OFF-2021-003 fits better, but its only place is what Chad's request needs most.
    assert (first["rank"], first["offer"], first["score"], first["fit"]) == (
        1,
        "OFF-2021-001",
        60.0,
        60.0,
    )
    assert first["reasons"][0] == "covers the area asked for: rsd_procedures"
    by_fit = json.loads(
        runner.invoke(
            app,
            ["match", "propose", "--data", str(data), *TODAY, "-f", "json", "-k", "1", *BY_FIT],
        ).stdout
    )
    plain = by_fit[1]["candidates"][0]
    assert (plain["offer"], plain["score"], plain["fit"]) == ("OFF-2021-003", 66.67, 66.67)
    assert not any("last place" in r for r in plain["reasons"])

    result = runner.invoke(
        app,
        [
            "match",
            "propose",
            "--data",
            str(data),
            *TODAY,
            "-f",
            "json",
            "--plan",
            "--explain",
            "--request",
            "REQ-2021-001",
        ],
    )
    document = json.loads(result.stdout)
    assert set(document) == {
        "proposals",
        "assignment",
        "unmet",
        "unmet_by",
        "objective",
        "total_score",
        "greedy_total_score",
        "max_offers_per_request",
    }
    assert document["assignment"] == [
        {"request": "REQ-2021-001", "offer": "OFF-2021-003", "fit": 23.33}
    ]
    assert document["unmet"] == [] and document["objective"] == "total"
    assert document["total_score"] >= document["greedy_total_score"]
    assert document["proposals"][0]["excluded"] == [
        {
            "offer": "OFF-2021-001",
            "codes": ["already_matched"],
            "reasons": ["a live match already pairs them"],
        },
        {
            "offer": "OFF-2021-002",
            "codes": ["out_of_scope"],
            "reasons": ["the offer's geographic scope does not cover TCD"],
        },
    ]


def test_unmet_requests_say_why(data: Path, runner: CliRunner) -> None:
    (data / "offers" / "OFF-2021-001.yaml").write_text(
        (data / "offers" / "OFF-2021-001.yaml")
        .read_text()
        .replace("status: open", "status: closed")
    )
    (data / "matches" / "MAT-2021-001.yaml").write_text(
        (data / "matches" / "MAT-2021-001.yaml")
        .read_text()
        .replace("status: proposed", "status: withdrawn")
        .replace("    status: proposed", "    status: withdrawn")
    )
    result = runner.invoke(
        app, ["match", "propose", "--data", str(data), *TODAY, "--plan", "-f", "json"]
    )
    document = json.loads(result.stdout)
    assert document["unmet"] == [
        {
            "request": "REQ-2021-001",
            "reason": "capacity taken by better-scored pairs: OFF-2021-003 (to REQ-2021-002)",
        }
    ]
    assert document["unmet_by"] == {
        "region": {"west_central_africa": 1},
        "language": {"ar": 1, "fr": 1},
        "areas": {"2": 1},
    }
    table = runner.invoke(app, ["match", "propose", "--data", str(data), *TODAY, "--plan"])
    assert "Unmet by region: west_central_africa 1\n" in table.stdout
    result = runner.invoke(
        app,
        [
            "match",
            "propose",
            "--data",
            str(data),
            *TODAY,
            "--plan",
            "-f",
            "json",
            "--min-score",
            "90",
        ],
    )
    assert [u["reason"] for u in json.loads(result.stdout)["unmet"]] == [
        "no eligible offer scores at least 90"
    ] * 2


def test_propose_markdown(data: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        ["match", "propose", "--data", str(data), *TODAY, "-f", "markdown", "-k", "1", "--plan"],
    )
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "## REQ-2021-001  Reform of the first-instance asylum procedure\n\n"
        "TCD · open · 1 eligible offer\npriority 2.10: waiting since 2021-03-01 (10 months)\n\n"
        "| rank | offer | fit - cost | reasons |\n"
    )
    assert (
        "| 1 | OFF-2021-001 | 60.00 | covers the area asked for: rsd_procedures; " in result.stdout
    )
    assert "## Plan\n\nPlan (one offer per request): 2 of 2 requests served" in result.stdout
    # The plan assigns by the fit: its column says so, apart from the ranking's fit less cost.
    assert "| request | offer | fit |\n" in result.stdout
    by_fit = runner.invoke(
        app, ["match", "propose", "--data", str(data), *TODAY, "-f", "markdown", *BY_FIT]
    )
    assert "| rank | offer | fit | reasons |\n" in by_fit.stdout


@pytest.mark.parametrize(
    "args,code,message",
    [
        (
            ["--request", "REQ-2021-009"],
            1,
            "Error: no request with id 'REQ-2021-009' in {data}; did you mean REQ-2021-002?\n",
        ),
        (["--request", "OFF-2021-001"], 1, "Error: 'OFF-2021-001' is a offer, not a request\n"),
        (["--today", "2022-02-30"], 2, "'2022-02-30' is not a date written YYYY-MM-DD"),
        (["--max-offers-per-request", "2"], 2, "Error: --max-offers-per-request needs --plan\n"),
        (["--top", "0"], 2, "Invalid value for '--top' / '-k'"),
        (
            ["--format", "xml"],
            2,
            "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', "
            "'markdown'.\n",
        ),
        (["--rank-by", "x"], 2, "Invalid value for '--rank-by': 'x' is not one of 'cost', 'fit'"),
    ],
)
def test_propose_bad_arguments(
    data: Path, runner: CliRunner, args: list[str], code: int, message: str
) -> None:
    result = runner.invoke(app, ["match", "propose", "--data", str(data), *args])
    assert result.exit_code == code
    assert message.format(data=data) in result.stderr
    assert "Traceback" not in result.output


def test_propose_bad_configuration(data: Path, runner: CliRunner) -> None:
    (data.parent / "acsg.toml").write_text("[matching.weights]\nlanguage = 3\n")
    result = runner.invoke(app, ["match", "propose", "--data", str(data)])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Error: {data.parent / 'acsg.toml'}: [tool.acsg.matching]: unknown key "
        "'weights.language' (known: areas, text, languages,"
    )


def test_propose_on_a_broken_registry_warns(data: Path, runner: CliRunner) -> None:
    (data / "offers" / "OFF-2021-002.yaml").write_text("id: OFF-2021-002\nstatus: opne\n")
    result = runner.invoke(app, ["match", "propose", "--data", str(data), *TODAY, "-k", "1"])
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: the registry has ")
    assert "records that do not load are left out; run `acsg validate`" in result.stderr
    assert "OFF-2021-002" not in result.stdout


def test_create_writes_a_valid_proposed_match(data: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        [
            "match",
            "create",
            "REQ-2021-002",
            "OFF-2021-003",
            "--data",
            str(data),
            "--by",
            "ACSG Secretariat",
            "--note",
            "Proposed after the call",
            *TODAY,
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "MAT-2022-001\n"
    assert result.stderr == f"created {data}/matches/MAT-2022-001.yaml (score 66.67)\n"
    text = (data / "matches" / "MAT-2022-001.yaml").read_text()
    assert text.startswith(
        "# yaml-language-server: $schema=../../schemas/match.schema.json\n"
        "id: MAT-2022-001\nrequest: REQ-2021-002\noffers: [OFF-2021-003]\nstatus: proposed\n"
        "proposed_on: 2022-01-01\nproposed_by: ACSG Secretariat\nscore: 66.67\nrationale:\n"
        "  - 'covers the area asked for: rsd_procedures'\n"
    )
    assert text.endswith(
        "history:\n  - on: 2022-01-01\n    status: proposed\n    by: ACSG Secretariat\n"
        "    note: Proposed after the call\n"
    )
    assert_valid(runner, data / "matches" / "MAT-2022-001.yaml")
    # The pair is now matched and the offer's only unit of capacity is taken.
    again = runner.invoke(
        app, ["match", "create", "REQ-2021-002", "OFF-2021-003", "--data", str(data), *TODAY]
    )
    assert again.exit_code == 1
    assert again.stderr == (
        "Error: REQ-2021-002 cannot be matched with OFF-2021-003: OFF-2021-003: a live match "
        "already pairs them (use --force with --note to record the match anyway)\n"
    )
    listing = json.loads(
        runner.invoke(
            app,
            ["match", "propose", "--data", str(data), *TODAY, "-f", "json", "-r", "REQ-2021-001"],
        ).stdout
    )
    assert [(item["request"], item["candidates"]) for item in listing] == [("REQ-2021-001", [])]


def test_create_json_and_several_offers(data: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        [
            "match",
            "create",
            "REQ-2021-002",
            "OFF-2021-003",
            "OFF-2021-001",
            "--data",
            str(data),
            "-f",
            "json",
            *TODAY,
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"id": "MAT-2022-001"}
    text = (data / "matches" / "MAT-2022-001.yaml").read_text()
    assert "offers: [OFF-2021-003, OFF-2021-001]\n" in text and "score: 63.34\n" in text
    assert "  - 'OFF-2021-001: covers the area asked for: rsd_procedures'\n" in text
    assert_valid(runner, data / "matches" / "MAT-2022-001.yaml")


def test_create_refuses_then_forces_with_a_note(data: Path, runner: CliRunner) -> None:
    args = ["match", "create", "REQ-2021-001", "OFF-2021-002", "--data", str(data), *TODAY]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1
    assert "OFF-2021-002: the offer's geographic scope does not cover TCD" in refused.stderr
    assert not (data / "matches" / "MAT-2022-001.yaml").exists()
    no_note = runner.invoke(app, [*args, "--force"])
    assert no_note.exit_code == 2 and "--force needs --note" in no_note.stderr
    no_by = runner.invoke(app, [*args, "--force", "--note", "Agreed to work outside Europe"])
    assert no_by.exit_code == 2 and "--force needs --by" in no_by.stderr
    forced = runner.invoke(
        app, [*args, "--force", "--note", "Agreed to work outside Europe", "--by", "J. Officer"]
    )
    assert forced.exit_code == 0, forced.output
    text = (data / "matches" / "MAT-2022-001.yaml").read_text()
    assert "forced past a filter: the offer's geographic scope does not cover TCD" in text
    assert "note: Agreed to work outside Europe\n" in text
    assert (
        "waivers:\n  - rule: ACSG303\n    reason: Agreed to work outside Europe\n"
        "    approved_by: J. Officer\n    on: 2022-01-01\n"
    ) in text
    assert_valid(runner, data / "matches" / "MAT-2022-001.yaml")


@pytest.mark.parametrize(
    "args,code,message",
    [
        (
            ["REQ-2021-002", "OFF-2021-03"],
            1,
            "no offer with id 'OFF-2021-03' in {data}; did you mean OFF-2021-003?",
        ),
        (
            ["REQ-2021-02", "OFF-2021-003"],
            1,
            "no request with id 'REQ-2021-02' in {data}; did you mean REQ-2021-002?",
        ),
        (["REQ-2021-002", "OFF-2021-003", "OFF-2021-003"], 2, "offer OFF-2021-003 is named twice"),
        (["REQ-2021-002"], 2, "Missing argument 'OFF...'"),
    ],
)
def test_create_bad_arguments(
    data: Path, runner: CliRunner, args: list[str], code: int, message: str
) -> None:
    result = runner.invoke(app, ["match", "create", *args, "--data", str(data)])
    assert result.exit_code == code
    assert message.format(data=data) in result.stderr
    assert list((data / "matches").iterdir()) == [data / "matches" / "MAT-2021-001.yaml"]


@pytest.mark.parametrize("command", ["propose", "create"])
def test_help_has_examples(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, ["match", command, "--help"])
    assert result.exit_code == 0
    assert f"acsg match {command}" in result.stdout and "Examples:" in result.stdout
