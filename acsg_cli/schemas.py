"""JSON Schemas generated from the models, in a draft-07 rendering editors understand.

The YAML language server behind VS Code reads draft-07, so pydantic's 2020-12 output is
rewritten: `$defs` becomes `definitions`, and a `$ref` with sibling keywords (ignored by
draft-07) is wrapped in `allOf`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from acsg_cli.models import KINDS

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"
SCHEMA_BASE_URL = "https://acsg.example/schemas/"


def schema_filename(kind: str) -> str:
    return f"{kind}.schema.json"


def _draft07(node: Any) -> Any:
    if isinstance(node, dict):
        node = {k: _draft07(v) for k, v in node.items()}
        if "$defs" in node:
            node["definitions"] = node.pop("$defs")
        ref = node.get("$ref")
        if isinstance(ref, str):
            node["$ref"] = ref.replace("#/$defs/", "#/definitions/")
            if len(node) > 1:
                node = {
                    **{k: v for k, v in node.items() if k != "$ref"},
                    "allOf": [{"$ref": node["$ref"]}],
                }
        return node
    if isinstance(node, list):
        return [_draft07(v) for v in node]
    return node


def build_schema(kind: str) -> dict[str, Any]:
    model = KINDS[kind].model
    schema = _draft07(model.model_json_schema(by_alias=True, mode="validation"))
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_BASE_URL + schema_filename(kind),
        **{k: v for k, v in schema.items() if k != "$schema"},
    }


def render(kind: str) -> str:
    return json.dumps(build_schema(kind), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / schema_filename(kind)
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[Path]:
    """Schema files that are missing or differ from what the models generate now."""
    stale = []
    for kind in KINDS:
        path = folder / schema_filename(kind)
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            stale.append(path)
            continue
        if current != render(kind):
            stale.append(path)
    return stale
