"""Data-driven rule tests: the compliant registry passes every rule; each file under
`tests/examples/rules/triggers/` (named `<CODE>-<what>.yaml`) triggers exactly its rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from acsg_cli.rules import RULES
from tests.unit.rules_helpers import TRIGGERS, compliant_copy, place, run

TRIGGER_FILES = sorted(TRIGGERS.glob("*.yaml"))


def test_compliant_registry_passes_every_rule(tmp_path: Path) -> None:
    assert run(compliant_copy(tmp_path)) == []


def test_every_rule_has_a_trigger_file() -> None:
    covered = {p.name.split("-")[0] for p in TRIGGER_FILES}
    assert sorted(set(RULES) - covered) == []
    assert sorted(covered - set(RULES)) == []


@pytest.mark.parametrize("trigger", TRIGGER_FILES, ids=[p.stem for p in TRIGGER_FILES])
def test_trigger_file_triggers_exactly_its_rule(trigger: Path, tmp_path: Path) -> None:
    root = compliant_copy(tmp_path)
    path = place(root, trigger.read_text())
    problems = run(root)
    code = trigger.name.split("-")[0]
    assert problems, f"{trigger.name} triggers nothing"
    assert {p.code for p in problems} == {code}, [f"{p.code} {p.message}" for p in problems]
    assert {p.file for p in problems} == {str(path)}
    assert all(p.severity is RULES[code].default_severity for p in problems)
    assert all(p.line > 1 for p in problems)  # pointed at a key, not the file's comment line
