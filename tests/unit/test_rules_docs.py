"""Every rule documents itself: a cite, a summary, and a passing and a failing YAML example
that really pass and fail when merged into the compliant example registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from acsg_cli.problems import CHECKS
from acsg_cli.rules import RULES
from acsg_cli.rules.base import Rule
from acsg_cli.yamlio.reader import read_bytes
from tests.unit.rules_helpers import BASE_RECORDS, compliant_copy, record_data, run, write_data

CITE = re.compile(r"^(?:WM \d+(?:\.[ivx]+)?|FS \d|SR|MSP)$")
EXAMPLE = re.compile(
    r"^(Passing|Failing) example(?:(?!```).)*?:\n\n```yaml\n(.*?)\n```", re.MULTILINE | re.DOTALL
)
WITHOUT = re.compile(r"^# \(no ([a-z_]+)")


def examples(rule: Rule) -> dict[str, str]:
    return dict(EXAMPLE.findall(rule.documentation()))


@pytest.mark.parametrize("code", list(RULES))
def test_rule_is_documented(code: str) -> None:
    rule = RULES[code]
    assert re.fullmatch(r"ACSG[0-4]\d\d", rule.code) and rule.name and rule.summary.endswith(".")
    assert rule.applies_to in ("request", "offer", "match", "practice", "any")
    assert rule.cites and all(CITE.match(c) for c in rule.cites.split(", ")), rule.cites
    doc = rule.documentation()
    assert "Why:" in doc and f"({rule.cites})" in doc.splitlines()[0]
    found = examples(rule)
    assert set(found) == {"Passing", "Failing"}, f"{code} needs a passing and a failing example"
    for body in found.values():
        assert isinstance(read_bytes(body.encode()).data, dict)


def _apply(root: Path, rule: Rule, body: str) -> str:
    """Merge an example over the compliant base record of the rule's kind; return the id written."""
    kind = rule.applies_to if rule.applies_to != "any" else "request"
    data = record_data(root, BASE_RECORDS[kind])
    example = read_bytes(body.encode()).data
    for line in body.splitlines():
        if gone := WITHOUT.match(line):
            data.pop(gone.group(1), None)
    data.update(example)
    write_data(root, data)
    return str(data["id"])


@pytest.mark.parametrize("code", list(RULES))
@pytest.mark.parametrize("which", ["Passing", "Failing"])
def test_documented_examples_behave_as_documented(code: str, which: str, tmp_path: Path) -> None:
    rule = RULES[code]
    root = compliant_copy(tmp_path)
    record_id = _apply(root, rule, examples(rule)[which])
    problems = run(root)
    assert not [p.message for p in problems if p.code in CHECKS], "the example must load"
    fired = [p for p in problems if p.code == code and record_id in p.file]
    assert bool(fired) == (which == "Failing"), [p.message for p in fired]
