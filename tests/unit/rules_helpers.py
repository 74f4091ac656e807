"""Shared helpers for the rule tests: a copy of the compliant registry, record files dropped in."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from acsg_cli.models import kind_of_id
from acsg_cli.problems import Problem
from acsg_cli.rules.engine import RuleSettings
from acsg_cli.validation import validate
from acsg_cli.yamlio.reader import read_path
from tests.conftest import EXAMPLES

RULE_EXAMPLES = EXAMPLES / "rules"
COMPLIANT = RULE_EXAMPLES / "compliant"
TRIGGERS = RULE_EXAMPLES / "triggers"
TODAY = date(2024, 6, 1)
"""The date the rule tests run on (ACSG204 compares with it)."""

BASE_RECORDS = {
    "request": "REQ-2021-001",
    "offer": "OFF-2021-002",
    "match": "MAT-2021-001",
    "practice": "GP-2021-001",
}


def _folder(record_id: str) -> str:
    kind = kind_of_id(record_id)
    assert kind is not None, f"no kind has the id {record_id}"
    return kind.folder


def compliant_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(COMPLIANT, target)
    return target


def place(root: Path, text: str) -> Path:
    """Write a record's text into the registry at its id's file (replacing any record there)."""
    found = re.search(r"^id: *(\S+)", text, re.MULTILINE)
    assert found, "the record has no id"
    record_id = found.group(1)
    path = root / _folder(record_id) / f"{record_id}.yaml"
    path.write_text(text)
    return path


def record_data(root: Path, record_id: str) -> dict[str, Any]:
    path = root / _folder(record_id) / f"{record_id}.yaml"
    return read_path(path).data


def write_data(root: Path, data: dict[str, Any]) -> Path:
    """Write plain data as a record file (JSON is YAML 1.2)."""
    return place(
        root,
        "id: "
        + data["id"]
        + "\n"
        + "\n".join(
            f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in data.items() if k != "id"
        )
        + "\n",
    )


def run(root: Path, settings: RuleSettings | None = None) -> list[Problem]:
    return list(validate(root, rules=settings or RuleSettings(), today=TODAY).problems)
