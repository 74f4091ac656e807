"""Every (status, command) pair against the state machine's table (`statemachine.MOVES`).

A match is brought to each status by commands, then each command is tried on it: `acsg match
status` to every status, `acsg consent record` and `acsg match update`. A command succeeds
exactly when the table gives it a move (or, for consent and updates, when the status takes
them), and a refused command leaves the file as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from acsg_cli.cli import app
from acsg_cli.lifecycle import statemachine as sm
from acsg_cli.vocab import MatchStatus
from tests.conftest import EXAMPLES, StrictRunner

MATCH = "MAT-2022-001"
PARTIES = ["NER", "TCD", "OFF-2022-001", "OFF-2022-002"]
ON = "2022-04-01"
"""The date of the moves that bring a match to its status; the command tried comes later."""
LATER = "2022-05-01"

PATHS: dict[MatchStatus, list[list[str]]] = {
    MatchStatus.PROPOSED: [],
    MatchStatus.CONSENT_PENDING: [["match", "status", MATCH, "consent_pending"]],
    MatchStatus.AGREED: [
        ["consent", "record", MATCH, "--party", p, "--decision", "granted"] for p in PARTIES
    ],
    MatchStatus.DECLINED: [
        ["consent", "record", MATCH, "--party", "NER", "--decision", "declined"]
    ],
    MatchStatus.WITHDRAWN: [["match", "status", MATCH, "withdrawn", "--note", "no longer needed"]],
}
PATHS[MatchStatus.WELCOMED] = [*PATHS[MatchStatus.AGREED], ["match", "status", MATCH, "welcomed"]]
PATHS[MatchStatus.IN_IMPLEMENTATION] = [
    *PATHS[MatchStatus.WELCOMED],
    ["match", "status", MATCH, "in_implementation"],
]
PATHS[MatchStatus.COMPLETED] = [
    *PATHS[MatchStatus.IN_IMPLEMENTATION],
    ["match", "status", MATCH, "completed"],
]


def run(root: Path, *args: str, on: str = ON) -> int:
    result = StrictRunner().invoke(app, [*args, "--data", str(root), "--on", on])
    return result.exit_code


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[MatchStatus, Path]:
    """One registry per status, each brought there by commands alone."""
    out = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ACSG_TODAY", "2023-01-01")
        for status, steps in PATHS.items():
            root = tmp_path_factory.mktemp(status.value) / "data"
            shutil.copytree(EXAMPLES / "lifecycle" / "registry", root)
            for step in steps:
                assert run(root, *step) == 0, (status, step)
            assert f"status: {status.value}\n" in (root / "matches" / f"{MATCH}.yaml").read_text()
            out[status] = root
    return out


def _exit(states: dict[MatchStatus, Path], status: MatchStatus, tmp: Path, *args: str) -> int:
    """The command's exit status: 0, 1 (refused by the data) or 2 (a usage error)."""
    root = tmp / "data"
    shutil.copytree(states[status], root)
    path = root / "matches" / f"{MATCH}.yaml"
    before = path.read_bytes()
    code = run(root, *args, on=LATER)
    assert code in (0, 1, 2), (status, args, code)
    if code:
        assert path.read_bytes() == before, "a refused command changed the file"
    return code


def _try(states: dict[MatchStatus, Path], status: MatchStatus, tmp: Path, *args: str) -> bool:
    return _exit(states, status, tmp, *args) == 0


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACSG_TODAY", "2023-01-01")


@pytest.mark.parametrize("status", list(MatchStatus), ids=lambda s: s.value)
@pytest.mark.parametrize("target", list(MatchStatus), ids=lambda s: s.value)
def test_match_status(
    states: dict[MatchStatus, Path], status: MatchStatus, target: MatchStatus, tmp_path: Path
) -> None:
    allowed = sm.find_move(status, target, sm.Trigger.COMMAND) is not None
    args = ["match", "status", MATCH, target.value, "--note", "the Secretariat decided"]
    assert _try(states, status, tmp_path, *args) == allowed


@pytest.mark.parametrize("status", list(MatchStatus), ids=lambda s: s.value)
def test_withdrawal_needs_a_note(
    states: dict[MatchStatus, Path], status: MatchStatus, tmp_path: Path
) -> None:
    if sm.find_move(status, MatchStatus.WITHDRAWN, sm.Trigger.COMMAND) is None:
        return
    # A missing note is a usage error, as for `acsg request reopen`.
    assert _exit(states, status, tmp_path, "match", "status", MATCH, "withdrawn") == 2


@pytest.mark.parametrize("status", list(MatchStatus), ids=lambda s: s.value)
def test_consent_and_update(
    states: dict[MatchStatus, Path], status: MatchStatus, tmp_path: Path
) -> None:
    # OFF-2022-002 has decided nothing unless every party granted (agreed and later).
    granted_all = status in sm.AGREED_OR_LATER
    decision = "withdrawn" if granted_all else "granted"
    consent = ["consent", "record", MATCH, "--party", "OFF-2022-002", "--decision", decision]
    assert _try(states, status, tmp_path / "c", *consent) == (status in sm.LIVE)
    update = ["match", "update", MATCH, "--summary", "training delivered"]
    assert _try(states, status, tmp_path / "u", *update) == (status in sm.UPDATABLE)
