"""The committed JSON Schemas are current, draft-07, and agree with the models.

Agreement is checked with an independent validator (jsonschema) on the shipped data, the
example registry, and invalid examples that both must refuse.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from acsg_cli.models import KIND_BY_FOLDER, KINDS
from acsg_cli.schemas import render, stale_schemas
from acsg_cli.yamlio import read_path
from tests.conftest import FIXTURE_REGISTRY, ROOT, SHIPPED

SCHEMAS = ROOT / "schemas"


def validator(kind: str) -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def test_committed_schemas_are_current() -> None:
    assert stale_schemas(SCHEMAS) == []


def test_no_2020_12_only_keywords() -> None:
    for kind in KINDS:
        text = render(kind)
        for keyword in (
            "$defs",
            "prefixItems",
            "unevaluatedProperties",
            "dependentRequired",
            "$dynamicRef",
        ):
            assert keyword not in text


def records(folder: Path) -> list[tuple[str, Path]]:
    return [(KIND_BY_FOLDER[p.parent.name].name, p) for p in sorted(folder.glob("*/*.yaml"))]


@pytest.mark.parametrize(
    "kind,path", records(SHIPPED) + records(FIXTURE_REGISTRY), ids=lambda v: getattr(v, "name", v)
)
def test_valid_records_pass_both(kind: str, path: Path) -> None:
    data = read_path(path).data
    KINDS[kind].model.model_validate(data)
    assert list(validator(kind).iter_errors(data)) == []


BASE = read_path(FIXTURE_REGISTRY / "requests" / "REQ-2021-001.yaml").data
OFFER = read_path(FIXTURE_REGISTRY / "offers" / "OFF-2021-001.yaml").data
INVALID: list[tuple[str, dict[str, Any]]] = [
    ("request", {**BASE, "aeras": ["legislation"]}),
    ("request", {k: v for k, v in BASE.items() if k != "areas"}),
    ("request", {**BASE, "areas": ["gardening"]}),
    ("request", {**BASE, "requesting_states": ["XYZ"]}),
    ("request", {**BASE, "requesting_states": []}),
    ("request", {**BASE, "languages": ["xx"]}),
    ("request", {**BASE, "status": "pending"}),
    ("request", {**BASE, "urgent": "yes"}),
    ("request", {**BASE, "submitted_on": "2021-02-30"}),
    ("request", {**BASE, "id": "../REQ-2021-001"}),
    ("request", {**BASE, "areas": ["legislation", "legislation"]}),
    ("request", {**BASE, "milestones": [{"description": "x", "type": "sometimes"}]}),
    ("offer", {**OFFER, "geographic_scope": {"global": True, "regions": ["europe"]}}),
    ("offer", {**OFFER, "geographic_scope": {}}),
    ("offer", {**OFFER, "geographic_scope": {"global": False}}),
    ("offer", {**OFFER, "capacity": 0}),
    ("offer", {**OFFER, "offering_entity": {"name": "X", "type": "club"}}),
    (
        "match",
        {"id": "MAT-2021-001", "request": "REQ-2021-001", "offers": [], "status": "proposed"},
    ),
    (
        "match",
        {
            "id": "MAT-2021-001",
            "request": "OFF-2021-001",
            "offers": ["OFF-2021-001"],
            "status": "proposed",
        },
    ),
    (
        "match",
        {
            "id": "MAT-2021-001",
            "request": "REQ-2021-001",
            "offers": ["OFF-2021-001"],
            "status": "done",
        },
    ),
]


@pytest.mark.parametrize("kind,data", INVALID)
def test_invalid_records_fail_both(kind: str, data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        KINDS[kind].model.model_validate(data)
    assert list(validator(kind).iter_errors(data)), "the schema accepts what the model refuses"
