"""The rule engine: status policy, selection, severity overrides, waivers, path filtering."""

from __future__ import annotations

from pathlib import Path

import pytest

from acsg_cli.errors import UsageError
from acsg_cli.problems import Severity
from acsg_cli.registry import load_registry
from acsg_cli.rules.engine import RuleSettings, parse_patterns, scorecard
from acsg_cli.validation import validate
from tests.unit.rules_helpers import TODAY, compliant_copy, run

GAPLESS = "gap: The CNE has no written procedures for interviews and decisions.\n"


def _edit(root: Path, record: str, old: str, new: str) -> None:
    path = next(root.glob(f"*/{record}.yaml"))
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def _codes(root: Path, settings: RuleSettings | None = None) -> list[tuple[str, str]]:
    return [(p.code, p.severity.value) for p in run(root, settings)]


@pytest.fixture
def gapless(tmp_path: Path) -> Path:
    root = compliant_copy(tmp_path)
    _edit(root, "REQ-2021-001", GAPLESS, "")
    return root


def test_open_request_error_draft_warning_closed_nothing(gapless: Path) -> None:
    assert _codes(gapless) == [("ACSG105", "error")]
    _edit(gapless, "REQ-2021-001", "status: open", "status: draft")
    assert _codes(gapless) == [("ACSG105", "warning")]
    _edit(gapless, "REQ-2021-001", "status: draft", "status: closed")
    assert "ACSG105" not in [code for code, _ in _codes(gapless)]


def test_offer_rules_check_open_offers_only(tmp_path: Path) -> None:
    root = compliant_copy(tmp_path)
    _edit(root, "OFF-2021-003", "expertise: Comparative asylum legislation in the Americas.\n", "")
    assert _codes(root) == [("ACSG201", "error")]
    _edit(root, "OFF-2021-003", "status: open", "status: withdrawn")
    assert _codes(root) == []


def test_ended_matches_are_not_checked(tmp_path: Path) -> None:
    root = compliant_copy(tmp_path)
    _edit(root, "MAT-2021-002", "offers: [OFF-2021-002]", "offers: [OFF-2021-003]")
    assert _codes(root) == [("ACSG303", "error")]  # the Americas do not cover Niger
    _edit(root, "MAT-2021-002", "\nstatus: proposed\n", "\nstatus: declined\n")
    path = root / "matches" / "MAT-2021-002.yaml"
    path.write_text(
        path.read_text() + "  - on: 2021-05-03\n    status: consent_pending\n"
        "  - on: 2021-05-04\n    status: declined\n"
        "consents:\n  - party: NER\n    decision: declined\n    on: 2021-05-04\n"
    )
    assert _codes(root) == []


@pytest.mark.parametrize(
    "select,ignore,expected",
    [
        ((), (), True),
        (("ACSG1",), (), True),
        (("ACSG2",), (), False),
        ((), ("ACSG1",), False),
        ((), ("ACSG105",), False),
        (("ACSG105",), ("ACSG1",), True),
        (("ACSG1",), ("ACSG105",), False),
        (("ACSG10",), ("ACSG10",), False),
    ],
)
def test_selection_by_most_specific_pattern(
    select: tuple[str, ...], ignore: tuple[str, ...], expected: bool, gapless: Path
) -> None:
    assert bool(run(gapless, RuleSettings(select=select, ignore=ignore))) is expected


def test_severity_override_then_status_policy(gapless: Path) -> None:
    settings = RuleSettings(severity={"ACSG105": Severity.INFO})
    assert _codes(gapless, settings) == [("ACSG105", "info")]
    _edit(gapless, "REQ-2021-001", "status: open", "status: draft")
    assert _codes(gapless, RuleSettings(severity={"ACSG105": Severity.WARNING})) == [
        ("ACSG105", "warning")
    ]


@pytest.mark.parametrize(
    "patterns,fragment",
    [
        (["ACSG012"], "registry checks"),
        (["ACSG01"], "registry checks"),
        (["ACSG999"], "unknown rule code 'ACSG999'"),
        (["ACSG1066"], "not a rule code or prefix"),
        (["ACSG10x"], "not a rule code or prefix"),
        (["ACSG00"], "registry checks"),
        (["ACSG133"], "did you mean"),
    ],
)
def test_bad_patterns_are_usage_errors(patterns: list[str], fragment: str) -> None:
    with pytest.raises(UsageError, match=fragment):
        parse_patterns(patterns, where="test")


def test_patterns_split_on_commas_and_are_case_insensitive() -> None:
    assert parse_patterns(["acsg1, ACSG203", "ACSG0"], where="test") == (
        "ACSG1",
        "ACSG203",
        "ACSG0",
    )


WAIVER = (
    "waivers:\n  - rule: ACSG105\n    reason: The gap is set out in the annexed project document.\n"
    "    approved_by: ACSG Secretariat\n    on: 2021-03-10\n"
)


def test_waiver_silences_its_rule_and_turns_stale_when_met(gapless: Path) -> None:
    _edit(gapless, "REQ-2021-001", "monitoring:", WAIVER + "monitoring:")
    assert _codes(gapless) == []
    _edit(gapless, "REQ-2021-001", "objectives:", GAPLESS + "objectives:")
    [problem] = run(gapless)
    line = (gapless / "requests" / "REQ-2021-001.yaml").read_text().splitlines().index(
        "  - rule: ACSG105"
    ) + 1
    assert (problem.code, problem.severity, problem.line, problem.column) == (
        "ACSG032",
        Severity.INFO,
        line,
        11,
    )
    assert problem.message == "ACSG105 (concrete-gap) is met now; the waiver can be removed"


def test_waiver_of_rule_for_another_kind(tmp_path: Path) -> None:
    root = compliant_copy(tmp_path)
    _edit(root, "REQ-2021-001", "monitoring:", WAIVER.replace("ACSG105", "ACSG201") + "monitoring:")
    [problem] = run(root)
    assert (problem.code, problem.message) == ("ACSG031", "ACSG201 checks offers, not requests")


def test_waiver_of_a_waiver_check_is_refused(tmp_path: Path) -> None:
    root = compliant_copy(tmp_path)
    _edit(root, "REQ-2021-001", "monitoring:", WAIVER.replace("ACSG105", "ACSG032") + "monitoring:")
    assert [p.message for p in run(root)] == ["ACSG032 (stale-waiver) cannot be waived"]


def test_waiver_checks_can_be_ignored(tmp_path: Path) -> None:
    root = compliant_copy(tmp_path)
    _edit(root, "REQ-2021-001", "monitoring:", WAIVER + "monitoring:")
    assert _codes(root) == [("ACSG032", "info")]
    assert _codes(root, RuleSettings(ignore=("ACSG03",))) == []


def test_rules_report_only_on_selected_paths(gapless: Path) -> None:
    _edit(
        gapless, "OFF-2021-003", "expertise: Comparative asylum legislation in the Americas.\n", ""
    )
    only_offer = validate(gapless, paths=[gapless / "offers"], today=TODAY)
    assert [p.code for p in only_offer.problems] == ["ACSG201"]
    assert [p.code for p in validate(gapless, today=TODAY).problems] == ["ACSG201", "ACSG105"]
    assert validate(gapless, rules=False).problems == ()


def test_scorecard_statuses(tmp_path: Path) -> None:
    root = compliant_copy(tmp_path)
    _edit(root, "REQ-2021-001", GAPLESS, "")
    _edit(
        root,
        "REQ-2021-001",
        "monitoring: Quarterly reports to the Secretariat on the milestones.\n",
        WAIVER.replace("ACSG105", "ACSG113"),
    )
    _edit(root, "REQ-2021-001", "status: open", "status: matched")
    registry = load_registry(root)
    card = {c.code: c for c in scorecard(registry, registry.requests["REQ-2021-001"], today=TODAY)}
    assert [c for c in card if not c.startswith("ACSG1")] == []
    assert card["ACSG101"].status == "met"
    assert (card["ACSG105"].status, card["ACSG105"].cites) == ("unmet", "WM 15.ii")
    assert card["ACSG105"].detail.startswith("no gap")
    assert (card["ACSG113"].status, card["ACSG113"].detail) == (
        "waived",
        "The gap is set out in the annexed project document. (approved by ACSG Secretariat)",
    )
    assert card["ACSG112"].status == "not_applicable"  # matched: past the gate


def test_rules_report_only_on_files_changed_since(tmp_path: Path) -> None:
    import subprocess

    from tests.conftest import git_env

    root = compliant_copy(tmp_path)

    def git(*args: str) -> None:
        subprocess.run(
            ["git", *args], cwd=root.parent, check=True, capture_output=True, env=git_env()
        )

    _edit(root, "OFF-2021-003", "expertise: Comparative asylum legislation in the Americas.\n", "")
    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    _edit(
        root, "REQ-2021-002", "gap: Arrivals are not registered at the northern entry points.\n", ""
    )
    result = validate(root, changed_since="HEAD", today=TODAY)
    assert [(Path(p.file).name, p.code) for p in result.problems] == [
        ("REQ-2021-002.yaml", "ACSG105")
    ]
