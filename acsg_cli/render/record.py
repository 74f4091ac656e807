"""Renderers of one record (`acsg show`): the record as YAML with its compliance table, Markdown
or JSON. The view (`browse.show_record`) is already filtered for the audience."""

from __future__ import annotations

import json
from typing import Any

from acsg_cli.render.target import Destination


def _yaml(data: Any) -> str:
    import yaml

    return str(
        yaml.safe_dump(
            data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
        )
    )


def _sections(view: dict[str, Any]) -> list[tuple[str, Any]]:
    sections: list[tuple[str, Any]] = [
        (f"{view['kind']} {view['id']} ({view['file']})", view["record"])
    ]
    if view["kind"] == "match":
        if view.get("request"):
            sections.append((f"request {view['request'].get('id')}", view["request"]))
        for offer in view.get("offers", []):
            sections.append((f"offer {offer.get('id')}", offer))
    extra = {k: view[k] for k in ("regions", "matches", "practices") if k in view}
    if extra:
        sections.append(("related", extra))
    return sections


COMPLIANCE_COLUMNS = ["code", "cites", "status", "criterion", "detail"]


def _compliance_rows(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {**row, "status": row["status"].replace("_", " ")} for row in view.get("compliance", [])
    ]


def record_table(view: dict[str, Any], destination: Destination) -> None:
    """Each record as YAML under a heading, then the compliance table (fitted to a terminal)."""
    from acsg_cli.render.safety import terminal, terminal_block
    from acsg_cli.render.terminal import print_rows

    parts = []
    for title, body in _sections(view):
        parts.append(f"== {terminal(title)}\n{terminal_block(_yaml(body))}")
    if "compliance" in view:
        parts.append("== compliance\n")
    destination.write_text("\n".join(parts))
    if "compliance" in view:
        rows = [[str(r[c] or "") for c in COMPLIANCE_COLUMNS] for r in _compliance_rows(view)]
        print_rows(COMPLIANCE_COLUMNS, rows, destination)


def record_markdown(view: dict[str, Any], destination: Destination) -> None:
    destination.write_text(_markdown(view))


def record_json(view: dict[str, Any], destination: Destination) -> None:
    from acsg_cli.render.safety import json_text

    destination.write_text(json_text(view) + "\n")


def _md_value(value: Any) -> str:
    """A field's value for a Markdown cell: JSON when it nests mappings, else as a table cell."""
    from acsg_cli.reporters.tables import cell

    nested = isinstance(value, dict) or (
        isinstance(value, list) and any(isinstance(v, dict) for v in value)
    )
    return json.dumps(value, ensure_ascii=False) if nested else cell(value)


def _markdown(view: dict[str, Any]) -> str:
    from acsg_cli.reporters.tables import md_cell, md_table

    parts = []
    for title, body in _sections(view):
        rows = [[key, _md_value(value)] for key, value in body.items()]
        lines = [f"## {md_cell(title)}", "", *md_table(["field", "value"], rows)]
        parts.append("\n".join(lines) + "\n")
    if "compliance" in view:
        import io

        from acsg_cli.reporters.tables import write_rows

        table = io.StringIO()
        write_rows(_compliance_rows(view), COMPLIANCE_COLUMNS, "markdown", table)
        parts.append(f"## compliance\n\n{table.getvalue()}")
    return "\n".join(parts)
