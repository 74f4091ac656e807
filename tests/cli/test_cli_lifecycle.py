"""`acsg consent record`, `acsg match status`, `acsg match update` and `acsg brief`."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import typer.testing
from typer.main import get_command
from typer.testing import CliRunner

from acsg_cli.cli import app
from acsg_cli.lifecycle import statemachine as sm
from acsg_cli.vocab import MatchStatus
from tests.conftest import EXAMPLES, git_env

LIFECYCLE = EXAMPLES / "lifecycle"
MATCH = "data/matches/MAT-2022-001.yaml"
PARTIES = ["NER", "TCD", "OFF-2022-001", "OFF-2022-002"]


@pytest.fixture
def life(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the lifecycle example registry as `./data`, with today fixed at 2023-01-01."""
    shutil.copytree(LIFECYCLE / "registry", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ACSG_TODAY", "2023-01-01")
    return tmp_path


_COMMAND = typer.testing._get_command(app)


@pytest.fixture(autouse=True)
def _command_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """typer rebuilds the click command on every `invoke`; these tests invoke it hundreds
    of times."""
    monkeypatch.setattr(
        typer.testing, "_get_command", lambda a: _COMMAND if a is app else get_command(a)
    )


def acsg(runner: CliRunner, *args: str) -> object:
    return runner.invoke(app, list(args))


def ok(runner: CliRunner, *args: str) -> object:
    result = acsg(runner, *args)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return result


def file_diff(before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            f"a/{MATCH}",
            f"b/{MATCH}",
        )
    )


def grant(runner: CliRunner, *parties: str, on: str = "2022-03-11") -> None:
    for party in parties:
        ok(
            runner,
            "consent",
            "record",
            "MAT-2022-001",
            "--party",
            party,
            "--decision",
            "granted",
            "--on",
            on,
        )


_STATE_FILES: dict[MatchStatus, bytes] = {}


def to_status(runner: CliRunner, status: MatchStatus) -> None:
    """Put the example match in `status`, as the commands leave it (each state is made once)."""
    if status not in _STATE_FILES:
        _STATE_FILES[status] = _drive(runner, status)
    Path(MATCH).write_bytes(_STATE_FILES[status])


def _drive(runner: CliRunner, status: MatchStatus) -> bytes:
    original = Path(MATCH).read_bytes()
    try:
        if status is MatchStatus.DECLINED:
            ok(
                runner,
                "consent",
                "record",
                "MAT-2022-001",
                "--party",
                "TCD",
                "--decision",
                "declined",
                "--on",
                "2022-03-10",
            )
        elif status is MatchStatus.WITHDRAWN:
            ok(
                runner,
                "match",
                "status",
                "MAT-2022-001",
                "withdrawn",
                "--note",
                "No longer needed.",
                "--on",
                "2022-03-10",
            )
        elif status is not MatchStatus.PROPOSED:
            grant(runner, "NER", on="2022-03-10")
            if status is not MatchStatus.CONSENT_PENDING:
                grant(runner, "TCD", "OFF-2022-001", "OFF-2022-002")
                for step, on in (
                    (MatchStatus.WELCOMED, "2022-04-01"),
                    (MatchStatus.IN_IMPLEMENTATION, "2022-05-01"),
                    (MatchStatus.COMPLETED, "2022-12-01"),
                ):
                    if status is MatchStatus.AGREED:
                        break
                    ok(runner, "match", "status", "MAT-2022-001", step.value, "--on", on)
                    if step is status:
                        break
        assert f"status: {status.value}\n" in Path(MATCH).read_text()
        return Path(MATCH).read_bytes()
    finally:
        Path(MATCH).write_bytes(original)


# --- golden diffs: one per command -------------------------------------------------------------


def golden(name: str) -> str:
    return (LIFECYCLE / name).read_text()


def check_golden(runner: CliRunner, name: str, args: list[str], lines: str) -> None:
    path = Path(MATCH)
    before = path.read_text()
    dry = ok(runner, *args, "--dry-run")
    assert dry.stdout == golden(name)  # type: ignore[attr-defined]
    assert dry.stderr == lines + "dry run: nothing written\n"  # type: ignore[attr-defined]
    assert path.read_text() == before
    done = ok(runner, *args)
    assert done.stdout == lines and done.stderr == f"wrote {MATCH}\n"  # type: ignore[attr-defined]
    assert file_diff(before, path.read_text()) == golden(name)
    ok(runner, "validate")


def test_golden_consent_record_first_decision(life: Path, runner: CliRunner) -> None:
    check_golden(
        runner,
        "consent_record.diff",
        [
            "consent",
            "record",
            "MAT-2022-001",
            "--party",
            "NER",
            "--decision",
            "granted",
            "--on",
            "2022-03-10",
            "--by",
            "Jane Officer",
            "--via",
            "unhcr_country_office",
            "--evidence",
            "Letter of 9 March 2022",
        ],
        "MAT-2022-001: consent of NER recorded: granted on 2022-03-10\n"
        "MAT-2022-001: status proposed -> consent_pending\n",
    )


def test_golden_consent_record_last_grant_agrees(life: Path, runner: CliRunner) -> None:
    ok(
        runner,
        "consent",
        "record",
        "MAT-2022-001",
        "--party",
        "NER",
        "--decision",
        "granted",
        "--on",
        "2022-03-10",
        "--by",
        "Jane Officer",
        "--via",
        "unhcr_country_office",
        "--evidence",
        "Letter of 9 March 2022",
    )
    grant(runner, "OFF-2022-001", "OFF-2022-002")
    args = ["consent", "record", "MAT-2022-001", "--party", "TCD", "--decision", "granted"]
    args += ["--on", "2022-03-12"]
    request, offer = Path("data/requests/REQ-2022-001.yaml"), Path("data/offers/OFF-2022-002.yaml")
    before = {p: p.read_text() for p in (Path(MATCH), request, offer)}
    dry = ok(runner, *args, "--dry-run")
    # The match's own edit, then the request and the full offer following it, in one step.
    assert dry.stdout.startswith(golden("consent_record_last.diff"))  # type: ignore[attr-defined]
    assert "+++ b/data/requests/REQ-2022-001.yaml\n" in dry.stdout  # type: ignore[attr-defined]
    assert "+++ b/data/offers/OFF-2022-002.yaml\n" in dry.stdout  # type: ignore[attr-defined]
    moves = (
        "MAT-2022-001: consent of TCD recorded: granted on 2022-03-12\n"
        "MAT-2022-001: status consent_pending -> agreed\n"
        "REQ-2022-001: status open -> matched (a match for it is agreed: MAT-2022-001 (agreed))\n"
        "OFF-2022-002: status open -> committed (its capacity (1) is taken by agreed matches "
        "MAT-2022-001 (agreed))\n"
    )
    assert dry.stderr == moves + "dry run: nothing written\n"  # type: ignore[attr-defined]
    assert {p: p.read_text() for p in before} == before
    done = ok(runner, *args)
    assert done.stdout == moves  # type: ignore[attr-defined]
    assert file_diff(before[Path(MATCH)], Path(MATCH).read_text()) == golden(
        "consent_record_last.diff"
    )
    assert "status: matched\n" in request.read_text()
    assert "status: committed\n" in offer.read_text()
    ok(runner, "validate")


def test_golden_match_status(life: Path, runner: CliRunner) -> None:
    ok(
        runner,
        "consent",
        "record",
        "MAT-2022-001",
        "--party",
        "NER",
        "--decision",
        "granted",
        "--on",
        "2022-03-10",
        "--by",
        "Jane Officer",
        "--via",
        "unhcr_country_office",
        "--evidence",
        "Letter of 9 March 2022",
    )
    grant(runner, "OFF-2022-001", "OFF-2022-002")
    grant(runner, "TCD", on="2022-03-12")
    check_golden(
        runner,
        "match_status.diff",
        [
            "match",
            "status",
            "MAT-2022-001",
            "welcomed",
            "--on",
            "2022-04-01",
            "--by",
            "ACSG Secretariat",
            "--note",
            "Welcomed at the April coordination meeting.",
        ],
        "MAT-2022-001: status agreed -> welcomed\n",
    )


def test_golden_match_update(life: Path, runner: CliRunner) -> None:
    ok(
        runner,
        "consent",
        "record",
        "MAT-2022-001",
        "--party",
        "NER",
        "--decision",
        "granted",
        "--on",
        "2022-03-10",
        "--by",
        "Jane Officer",
        "--via",
        "unhcr_country_office",
        "--evidence",
        "Letter of 9 March 2022",
    )
    grant(runner, "OFF-2022-001", "OFF-2022-002")
    grant(runner, "TCD", on="2022-03-12")
    ok(
        runner,
        "match",
        "status",
        "MAT-2022-001",
        "welcomed",
        "--on",
        "2022-04-01",
        "--by",
        "ACSG Secretariat",
        "--note",
        "Welcomed at the April coordination meeting.",
    )
    ok(runner, "match", "status", "MAT-2022-001", "in_implementation", "--on", "2022-05-01")
    check_golden(
        runner,
        "match_update.diff",
        [
            "match",
            "update",
            "MAT-2022-001",
            "--summary",
            "First session held in Niamey: 12 officers trained.",
            "--milestone",
            "Officers trained",
            "--good-practice",
            "--on",
            "2022-06-01",
        ],
        "MAT-2022-001: progress update of 2022-06-01 recorded, 1 milestone met, marked as good "
        "practice\n",
    )


# --- refusals leave the file byte-identical ---------------------------------------------------

FORBIDDEN = [
    (s, t)
    for s in MatchStatus
    for t in MatchStatus
    if sm.find_move(s, t, sm.Trigger.COMMAND) is None
]


@pytest.mark.parametrize(
    "source, target", FORBIDDEN, ids=[f"{s.value}->{t.value}" for s, t in FORBIDDEN]
)
def test_every_forbidden_move_is_refused_and_the_file_untouched(
    source: MatchStatus, target: MatchStatus, life: Path, runner: CliRunner
) -> None:
    to_status(runner, source)
    path = Path(MATCH)
    assert f"status: {source.value}\n" in path.read_text()
    before = path.read_bytes()
    result = acsg(
        runner, "match", "status", "MAT-2022-001", target.value, "--note", "n", "--on", "2022-12-31"
    )
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    allowed = sm.describe_moves(sm.moves_from(source, sm.Trigger.COMMAND))
    message = result.stderr  # type: ignore[attr-defined]
    assert message.startswith("Error: MAT-2022-001 ")
    assert f"allowed with `acsg match status` from '{source.value}': {allowed}" in message
    assert path.read_bytes() == before


def test_a_move_that_follows_from_consent_points_at_consent_record(
    life: Path, runner: CliRunner
) -> None:
    to_status(runner, MatchStatus.CONSENT_PENDING)
    result = acsg(runner, "match", "status", "MAT-2022-001", "agreed")
    assert result.exit_code == 1
    assert result.stderr == (  # type: ignore[attr-defined]
        "Error: MAT-2022-001 moves from 'consent_pending' to 'agreed' only when every party "
        "granted consent: "
        "record each party's decision with `acsg consent record`; allowed with `acsg match "
        "status` from 'consent_pending': withdrawn (with a note)\n"
    )


@pytest.mark.parametrize(
    "setup, args, message",
    [
        (
            MatchStatus.PROPOSED,
            ["--party", "FRA", "--decision", "granted"],
            "'FRA' is not a party to MAT-2022-001; its parties are NER, TCD, OFF-2022-001, "
            "OFF-2022-002 (each requesting State by ISO3 code, each offer by id)",
        ),
        (
            MatchStatus.PROPOSED,
            ["--party", "NER", "--decision", "granted", "--on", "2023-01-02"],
            "--on 2023-01-02 is in the future (today is 2023-01-01)",
        ),
        (
            MatchStatus.PROPOSED,
            ["--party", "NER", "--decision", "granted", "--on", "2022-02-28"],
            "--on 2022-02-28 is before MAT-2022-001 was proposed (2022-03-01)",
        ),
        (
            MatchStatus.CONSENT_PENDING,
            ["--party", "TCD", "--decision", "granted", "--on", "2022-03-09"],
            "--on 2022-03-09 is before the last move of MAT-2022-001 (consent_pending on "
            "2022-03-10); decisions and "
            "moves are recorded in date order",
        ),
        (
            MatchStatus.CONSENT_PENDING,
            ["--party", "NER", "--decision", "declined"],
            "NER already decided 'granted' on 2022-03-10 (consents[0] of MAT-2022-001); use "
            "--replace to correct that "
            "entry, or --decision withdrawn to withdraw it",
        ),
        (
            MatchStatus.CONSENT_PENDING,
            ["--party", "TCD", "--decision", "withdrawn"],
            "TCD has no granted consent on MAT-2022-001 to withdraw (its decision: none yet)",
        ),
        (
            MatchStatus.CONSENT_PENDING,
            ["--party", "TCD", "--decision", "granted", "--replace"],
            "TCD has no recorded decision on MAT-2022-001 to replace; record it without --replace",
        ),
        (
            MatchStatus.AGREED,
            ["--party", "NER", "--decision", "declined", "--replace"],
            "recording NER declined would move MAT-2022-001 from 'agreed' to 'declined', which "
            "the state machine "
            "forbids; from 'agreed' a match moves to: consent_pending, welcomed, withdrawn (with "
            "a note)",
        ),
        (
            MatchStatus.DECLINED,
            ["--party", "NER", "--decision", "granted"],
            "MAT-2022-001 is declined; consent is recorded only on a live match (proposed, "
            "consent_pending, agreed, "
            "welcomed, in_implementation)",
        ),
        (
            MatchStatus.COMPLETED,
            ["--party", "NER", "--decision", "withdrawn"],
            "MAT-2022-001 is completed; consent is recorded only on a live match (proposed, "
            "consent_pending, agreed, "
            "welcomed, in_implementation)",
        ),
    ],
)
def test_consent_refusals(
    setup: MatchStatus, args: list[str], message: str, life: Path, runner: CliRunner
) -> None:
    to_status(runner, setup)
    before = Path(MATCH).read_bytes()
    result = acsg(runner, "consent", "record", "MAT-2022-001", *args)
    assert (result.exit_code, result.stderr) == (1, f"Error: {message}\n")  # type: ignore[attr-defined]
    assert Path(MATCH).read_bytes() == before


@pytest.mark.parametrize(
    "args, code, message",
    [
        (
            ["consent", "record", "MAT-2022-009", "--party", "NER", "--decision", "granted"],
            1,
            "Error: no match with id 'MAT-2022-009' in data; did you mean MAT-2022-001?\n",
        ),
        (
            ["consent", "record", "REQ-2022-001", "--party", "NER", "--decision", "granted"],
            1,
            "Error: 'REQ-2022-001' is a request, not a match\n",
        ),
        (
            ["match", "status", "MAT-2022-001", "finished"],
            2,
            "Error: 'finished' is not a match status; expected one of: proposed, consent_pending, "
            "agreed, welcomed, "
            "in_implementation, completed, declined, withdrawn\n",
        ),
        (
            ["match", "status", "MAT-2022-001", "withdrawn"],
            2,
            "Error: moving MAT-2022-001 to 'withdrawn' needs --note saying why\n",
        ),
        (
            ["match", "update", "MAT-2022-001", "--summary", "x"],
            1,
            "Error: MAT-2022-001 is proposed; progress updates are recorded once a match is "
            "agreed, welcomed, "
            "in_implementation, completed\n",
        ),
        (
            ["match", "update", "MAT-2022-001", "--summary", "  "],
            2,
            "Error: --summary must not be blank\n",
        ),
    ],
)
def test_usage_and_data_errors(
    args: list[str], code: int, message: str, life: Path, runner: CliRunner
) -> None:
    before = Path(MATCH).read_bytes()
    result = acsg(runner, *args)
    assert (result.exit_code, result.stderr) == (code, message)  # type: ignore[attr-defined]
    assert Path(MATCH).read_bytes() == before


def test_bad_option_values_are_usage_errors(life: Path, runner: CliRunner) -> None:
    for args in (
        ["--party", "NER", "--decision", "maybe"],
        ["--party", "NER", "--decision", "granted", "--on", "2022-13-01"],
        ["--decision", "granted"],
    ):
        result = acsg(runner, "consent", "record", "MAT-2022-001", *args)
        assert result.exit_code == 2 and "Traceback" not in result.output  # type: ignore[attr-defined]


def test_default_date_is_today(life: Path, runner: CliRunner) -> None:
    ok(runner, "consent", "record", "MAT-2022-001", "--party", "ner", "--decision", "granted")
    assert "  - party: NER\n    decision: granted\n    on: 2023-01-01\n" in Path(MATCH).read_text()


def test_a_decline_ends_the_match(life: Path, runner: CliRunner) -> None:
    to_status(runner, MatchStatus.CONSENT_PENDING)
    result = ok(
        runner,
        "consent",
        "record",
        "MAT-2022-001",
        "--party",
        "OFF-2022-002",
        "--decision",
        "declined",
        "--on",
        "2022-03-11",
    )
    assert result.stdout == (
        "MAT-2022-001: consent of OFF-2022-002 recorded: declined on 2022-03-11\n"  # type: ignore[attr-defined]
        "MAT-2022-001: status consent_pending -> declined\n"
    )
    assert "status: declined\n" in Path(MATCH).read_text()
    assert "    note: OFF-2022-002 declined.\n" in Path(MATCH).read_text()


def test_replace_corrects_a_decision(life: Path, runner: CliRunner) -> None:
    to_status(runner, MatchStatus.CONSENT_PENDING)
    result = ok(
        runner,
        "consent",
        "record",
        "MAT-2022-001",
        "--party",
        "NER",
        "--decision",
        "declined",
        "--on",
        "2022-03-12",
        "--replace",
        "--evidence",
        "Letter of 12 March",
    )
    assert result.stdout == (
        "MAT-2022-001: consent of NER replaced: declined on 2022-03-12\n"  # type: ignore[attr-defined]
        "MAT-2022-001: status consent_pending -> declined\n"
    )
    text = Path(MATCH).read_text()
    assert text.count("party: NER") == 1
    assert (
        "  - party: NER\n    decision: declined\n    on: 2022-03-12\n    evidence: Letter of 12 "
        "March\n" in text
    )
    ok(runner, "validate")


def test_withdrawal_after_agreement_reopens_consent_and_after_welcome_ends_the_match(
    life: Path, runner: CliRunner
) -> None:
    to_status(runner, MatchStatus.AGREED)
    result = ok(
        runner,
        "consent",
        "record",
        "MAT-2022-001",
        "--party",
        "TCD",
        "--decision",
        "withdrawn",
        "--on",
        "2022-03-20",
    )
    assert "status agreed -> consent_pending\n" in result.stdout  # type: ignore[attr-defined]
    result = ok(
        runner,
        "consent",
        "record",
        "MAT-2022-001",
        "--party",
        "TCD",
        "--decision",
        "granted",
        "--on",
        "2022-03-25",
    )
    assert "status consent_pending -> agreed\n" in result.stdout  # type: ignore[attr-defined]
    ok(runner, "match", "status", "MAT-2022-001", "welcomed", "--on", "2022-04-01")
    result = ok(
        runner,
        "consent",
        "record",
        "MAT-2022-001",
        "--party",
        "OFF-2022-002",
        "--decision",
        "withdrawn",
        "--on",
        "2022-04-10",
    )
    assert "status welcomed -> withdrawn\n" in result.stdout  # type: ignore[attr-defined]
    assert (
        "    status: withdrawn\n    note: OFF-2022-002 withdrew its consent.\n"
        in Path(MATCH).read_text()
    )
    ok(runner, "validate")


def test_an_edit_is_validated_before_it_is_written(life: Path, runner: CliRunner) -> None:
    to_status(runner, MatchStatus.CONSENT_PENDING)
    path = Path(MATCH)
    text = path.read_text().replace(
        "consents:\n", "consents:\n  - party: FRA\n    decision: granted\n    on: 2022-03-10\n"
    )
    path.write_text(text)  # a hand edit naming a State that is not a party
    result = acsg(
        runner, "match", "status", "MAT-2022-001", "withdrawn", "--note", "x", "--on", "2022-03-11"
    )
    assert result.exit_code == 1
    assert result.stderr == (  # type: ignore[attr-defined]
        f"Error: the edit would make {MATCH} invalid, so nothing was written:\n"
        f"  {MATCH}:14:12: error ACSG306 'FRA' is not a party to this match; the parties are NER, "
        "TCD, OFF-2022-001, OFF-2022-002\n"
    )
    assert path.read_text() == text


# --- --commit ------------------------------------------------------------------------------------


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=git_env(), capture_output=True, text=True, check=True
    ).stdout


def test_commit_records_only_the_edited_file(
    life: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in git_env().items():
        monkeypatch.setenv(name, value)
    git(life, "init", "-q", "-b", "main")
    git(life, "add", "data")
    git(life, "commit", "-q", "-m", "registry")
    other = life / "data" / "offers" / "OFF-2022-001.yaml"
    other.write_text(other.read_text().replace("capacity: 2", "capacity: 3"))
    git(life, "add", str(other))
    result = ok(
        runner,
        "consent",
        "record",
        "MAT-2022-001",
        "--party",
        "NER",
        "--decision",
        "granted",
        "--on",
        "2022-03-10",
        "--by",
        "Jane Officer",
        "--commit",
    )
    subject = (
        "MAT-2022-001: consent of NER granted; status consent_pending (recorded by Jane Officer)"
    )
    assert subject in result.stderr  # type: ignore[attr-defined]
    assert git(life, "log", "-1", "--format=%B").strip() == (
        f"{subject}\n\nMAT-2022-001: consent of NER recorded: granted on 2022-03-10\n"
        "MAT-2022-001: status proposed -> consent_pending"
    )
    assert git(life, "show", "--name-only", "--format=", "HEAD").split() == [MATCH]
    assert git(life, "diff", "--cached", "--name-only").split() == ["data/offers/OFF-2022-001.yaml"]
    assert git(life, "status", "--porcelain", "--", MATCH) == ""
    # Without --by, the person is git's author.
    ok(
        runner,
        "match",
        "status",
        "MAT-2022-001",
        "withdrawn",
        "--note",
        "x",
        "--on",
        "2022-03-11",
        "--commit",
    )
    assert (
        git(life, "log", "-1", "--format=%s").strip()
        == "MAT-2022-001: status consent_pending -> withdrawn (recorded by Test)"
    )


def test_commit_outside_a_repository_fails_cleanly(
    life: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(life))
    before = Path(MATCH).read_bytes()
    result = acsg(
        runner,
        "consent",
        "record",
        "MAT-2022-001",
        "--party",
        "NER",
        "--decision",
        "granted",
        "--commit",
    )
    assert result.exit_code == 2
    assert result.stderr == "Error: 'data' is not inside a git repository\n"  # type: ignore[attr-defined]
    assert Path(MATCH).read_bytes() == before


# --- brief ---------------------------------------------------------------------------------------


def brief(runner: CliRunner, party: str) -> dict[str, object]:
    return json.loads(
        ok(runner, "brief", "MAT-2022-001", "--for", party, "--format", "json").stdout
    )  # type: ignore[attr-defined]


def test_brief_withholds_confidential_request_details_until_both_states_consent(
    life: Path, runner: CliRunner
) -> None:
    details = [
        "title",
        "lead_authority",
        "received_via",
        "quality_dimensions",
        "support_types",
        "languages",
        "term",
        "needs_assessment",
        "national_plan",
        "gap",
        "objectives",
        "milestones",
        "sustainability",
        "coordination",
        "monitoring",
    ]
    view = brief(runner, "OFF-2022-001")
    assert not set(details) & set(view["request"])  # type: ignore[arg-type]
    assert view["withheld"] == [
        {
            "record": "REQ-2022-001",
            "fields": ["contact"],
            "reason": "personal contact data is never part of a brief",
        },
        {
            "record": "REQ-2022-001",
            "fields": details,
            "reason": "REQ-2022-001 is confidential: its details go to OFF-2022-001 once NER and "
            "TCD have granted "
            "consent to MAT-2022-001 (FS 3); still to consent: NER (pending), TCD (pending)",
        },
        {
            "record": "OFF-2022-001",
            "fields": ["contact"],
            "reason": "personal contact data is never part of a brief",
        },
        {
            "record": "OFF-2022-002",
            "fields": ["expertise"],
            "reason": "OFF-2022-002 is confidential: its details go to OFF-2022-001 once it has "
            "granted consent to "
            "MAT-2022-001 (FS 3); its decision: pending",
        },
        {
            "record": "MAT-2022-001",
            "fields": ["rationale"],
            "reason": "derived from confidential details (FS 3)",
        },
    ]
    grant(runner, "NER", on="2022-03-10")
    assert "gap" not in brief(runner, "OFF-2022-001")["request"]  # type: ignore[operator]
    grant(runner, "TCD")
    view = brief(runner, "OFF-2022-001")
    assert view["request"]["gap"].startswith("Neither eligibility commission")  # type: ignore[index]
    assert [w["fields"] for w in view["withheld"]] == [
        ["contact"],
        ["contact"],
        ["expertise"],
        ["rationale"],  # OFF-2022-002, confidential, has not consented yet
    ]  # type: ignore[union-attr]


def test_brief_for_a_requesting_state_shows_its_request_and_public_parts_of_offers(
    life: Path, runner: CliRunner
) -> None:
    view = brief(runner, "tcd")
    assert view["for"] == {"party": "TCD", "role": "requesting State"}
    assert view["request"]["gap"]  # type: ignore[index]
    offers = view["offers"]
    assert "expertise" in offers[0] and "expertise" not in offers[1]  # type: ignore[index, operator]
    grant(runner, "OFF-2022-002", on="2022-03-10")
    assert "expertise" in brief(runner, "TCD")["offers"][1]  # type: ignore[index, operator]


def test_brief_never_contains_contact_data(life: Path, runner: CliRunner) -> None:
    to_status(runner, MatchStatus.AGREED)
    for party in PARTIES:
        for fmt in ("markdown", "json"):
            out = ok(runner, "brief", "MAT-2022-001", "--for", party, "--format", fmt).stdout  # type: ignore[attr-defined]
            assert (
                "example.org" not in out
                and "Example Focal Point" not in out
                and "Example Trainer" not in out
            )


def test_brief_markdown(life: Path, runner: CliRunner) -> None:
    out = ok(runner, "brief", "MAT-2022-001", "--for", "OFF-2022-001", "--lang", "en").stdout  # type: ignore[attr-defined]
    assert out.replace("\\", "").startswith(
        "# Brief on match MAT-2022-001 for Example Asylum Agency (OFF-2022-001)\n"
    )
    assert "Niger (NER) and Chad (TCD) asked for support;" in out.replace("\\", "")
    assert "| Niger (NER)" in out and "| requesting State | pending" in out
    assert "**Gap:**" not in out
    tail = out[out.index("## What this brief does not show") :].replace("\\", "")
    assert "REQ-2022-001: Title, Lead authority, Received through" in tail
    assert "REQ-2022-001 is confidential: its details go to OFF-2022-001 once NER and TCD" in tail
    assert "still to consent: NER (pending), TCD (pending)." in tail
    assert "OFF-2022-002: Expertise — OFF-2022-002 is confidential" in tail
    assert "MAT-2022-001: Why they were matched — derived from confidential details (FS 3)." in tail


def test_brief_errors(life: Path, runner: CliRunner) -> None:
    result = acsg(runner, "brief", "MAT-2022-001", "--for", "FRA")
    assert result.exit_code == 1 and result.stderr.startswith(
        "Error: 'FRA' is not a party to MAT-2022-001"
    )  # type: ignore[attr-defined]
    result = acsg(runner, "brief", "MAT-2022-001", "--for", "NER", "--format", "docx")
    assert result.exit_code == 2


@pytest.mark.parametrize(
    "command", [["consent", "record"], ["match", "status"], ["match", "update"], ["brief"]]
)
def test_help_has_examples(command: list[str], runner: CliRunner) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Examples:" in result.stdout


def test_validate_reports_lifecycle_problems_with_their_line(life: Path, runner: CliRunner) -> None:
    path = Path(MATCH)
    path.write_text(
        path.read_text().replace("status: proposed\nproposed_on", "status: agreed\nproposed_on")
    )
    result = acsg(runner, "validate", "--select", "ACSG3")
    assert result.exit_code == 1
    assert result.stdout == (  # type: ignore[attr-defined]
        f"{MATCH}:6:9: error ACSG306 status is 'agreed' but not every party has granted consent: "
        "NER (pending), "
        "TCD (pending), OFF-2022-001 (pending), OFF-2022-002 (pending)\n"
        f"{MATCH}:6:9: error ACSG306 status is 'agreed' but the last history entry (history[0]) "
        "says 'proposed'; "
        "add a history entry for each move\n"
    )


def test_brief_writes_a_list_of_reasons_as_words(life: Path, runner: CliRunner) -> None:
    """`match create` stores its reasons as a list: a brief writes them as words, never as a
    Python list."""
    path = life / "data" / "matches" / "MAT-2022-001.yaml"
    text = path.read_text()
    start = text.index("rationale:")
    end = text.index("\n", start)
    while text[end + 1 : end + 3] == "  ":
        end = text.index("\n", end + 1)
    path.write_text(text[:start] + "rationale:\n  - first reason\n  - second reason" + text[end:])
    grant(runner, "NER", "TCD", "OFF-2022-001", "OFF-2022-002")
    out = ok(runner, "brief", "MAT-2022-001", "--for", "NER", "--lang", "en").stdout  # type: ignore[attr-defined]
    assert "Why they were matched: first reason; second reason" in out.replace("\\", "")
    assert "['" not in out and "&#39;" not in out
