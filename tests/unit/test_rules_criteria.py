"""The acceptance criteria: removing any one criterion from a compliant request yields a
problem citing that criterion's paragraph; a capacity-assessment request needs no prior
assessment (WM 13)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from acsg_cli.rules import RULES
from tests.unit.rules_helpers import compliant_copy, record_data, run, write_data

Edit = Callable[[dict[str, Any]], None]


def drop(*path: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return edit


def without_technical(data: dict[str, Any]) -> None:
    data["support_types"] = ["financial"]


CRITERIA: list[tuple[str, Edit, str]] = [
    ("needs assessment", drop("needs_assessment"), "WM 13"),
    ("assessment date", drop("needs_assessment", "completed_on"), "WM 13"),
    ("commitment", drop("national_plan", "commitment"), "WM 13"),
    ("national plan", drop("national_plan"), "WM 15.i"),
    ("quality dimensions", drop("quality_dimensions"), "WM 15.i"),
    ("gap", drop("gap"), "WM 15.ii"),
    ("objectives", drop("objectives"), "WM 15.ii"),
    ("milestones", drop("milestones"), "WM 15.ii"),
    ("qualitative milestone", drop("milestones", 1), "WM 15.ii"),
    ("milestone due date", drop("milestones", 0, "due"), "WM 15.ii"),
    ("milestone target", drop("milestones", 0, "target"), "WM 15.ii"),
    ("sustainability", drop("sustainability"), "WM 15.iii"),
    (
        "beneficiary with the authority",
        drop("other_beneficiaries", 0, "works_with_national_authority"),
        "WM 15.iv",
    ),
    ("coordination", drop("coordination"), "WM 15.vi"),
    ("duplication mitigation", drop("coordination", "duplication_mitigation"), "WM 15.vi"),
    ("monitoring", drop("monitoring"), "WM 15.vii"),
    ("technical exchange", without_technical, "FS 4"),
    ("lead authority", drop("lead_authority"), "WM 8"),
]


@pytest.mark.parametrize(
    "edit,paragraph", [(e, p) for _, e, p in CRITERIA], ids=[n for n, _, _ in CRITERIA]
)
def test_removing_a_criterion_is_reported_with_its_paragraph(
    edit: Edit, paragraph: str, tmp_path: Path
) -> None:
    root = compliant_copy(tmp_path)
    data = record_data(root, "REQ-2021-001")
    edit(data)
    write_data(root, data)
    problems = [p for p in run(root) if p.file.endswith("REQ-2021-001.yaml")]
    cited = {c for p in problems for c in RULES[p.code].cites.split(", ")}
    assert paragraph in cited, [f"{p.code} {p.message}" for p in problems]


def test_capacity_assessment_request_needs_no_prior_assessment(tmp_path: Path) -> None:
    root = compliant_copy(tmp_path)
    data = record_data(root, "REQ-2021-001")
    del data["needs_assessment"]
    data["capacity_assessment_request"] = True
    data["areas"] = ["needs_assessment", "rsd_procedures"]
    write_data(root, data)
    assert run(root) == []
    data["capacity_assessment_request"] = False
    write_data(root, data)
    assert [p.code for p in run(root)] == ["ACSG101"]


def test_missing_key_points_at_the_record_and_wrong_value_at_the_value(tmp_path: Path) -> None:
    root = compliant_copy(tmp_path)
    path = root / "requests" / "REQ-2021-001.yaml"
    text = path.read_text()
    path.write_text(
        text.replace(
            "gap: The CNE has no written procedures for interviews and decisions.\n", ""
        ).replace("  completed_on: 2020-11-15", "  completed_on: 2021-11-15")
    )
    found = {p.code: (p.line, p.column) for p in run(root)}
    assert found == {"ACSG105": (2, 1), "ACSG101": (15, 17)}
