"""`acsg rules`: the catalogue of every code `acsg validate` prints, and one
rule's documentation."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer


class RulesFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


COLUMNS = ["code", "severity", "cites", "summary"]


def rules_command(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="[CODE]",
            help="A rule code (ACSG101) or name (needs-assessment): print its documentation.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        RulesFormat,
        typer.Option(
            "--format",
            "-f",
            help="table, json (a list of {code, severity, cites, summary}) or markdown.",
            case_sensitive=False,
        ),
    ] = RulesFormat.table,
) -> None:
    """List every rule and check `acsg validate` applies, with its default severity and the
    paragraph it enforces; or print one rule's documentation.

    Registry checks (ACSG0xx up to ACSG022) always run. Criteria rules (waivers ACSG03x,
    requests ACSG1xx, offers ACSG2xx, matches ACSG3xx) can be selected, ignored, given
    another severity in [tool.acsg.rules], and waived per record.

    \b
    Examples:
      acsg rules
      acsg rules ACSG101
      acsg rules --format json
    """
    from acsg_cli.reporters.tables import write_rows
    from acsg_cli.rules.registry import catalogue, lookup

    if code is None:
        rows = [e.row() for e in catalogue()]
        if output_format is RulesFormat.table:
            rows = [{**r, "cites": r["cites"] or "-"} for r in rows]
        write_rows(rows, COLUMNS, output_format.value, sys.stdout)
        return
    entry = lookup(code)
    if output_format is RulesFormat.json:
        json.dump(
            {
                **entry.row(),
                "name": entry.name,
                "applies_to": entry.applies_to,
                "configurable": entry.configurable,
                "documentation": entry.documentation,
            },
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return
    cites = f"; {entry.cites}" if entry.cites else ""
    heading = f"{entry.code} {entry.name} ({entry.severity}{cites})"
    if output_format is RulesFormat.markdown:
        sys.stdout.write(f"## {heading}\n\n{entry.documentation}\n")
    else:
        sys.stdout.write(f"{heading}\n\n{entry.documentation}\n")


def register(app: typer.Typer) -> None:
    app.command("rules")(rules_command)
