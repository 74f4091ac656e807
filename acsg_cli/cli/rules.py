"""`acsg rules`: the catalogue of every code `acsg validate` prints, and one
rule's documentation."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from acsg_cli.cli.options import WideOpt, emit
from acsg_cli.render.registry import format_choices

if TYPE_CHECKING:
    RulesFormat = str
else:
    RulesFormat = format_choices("listing")


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
        RulesFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default), json (a list of {code, severity, cites, summary}), csv or "
            "markdown; one rule's documentation: table (text), json or markdown.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    wide: WideOpt = False,
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
    from acsg_cli.render.rows import Rows
    from acsg_cli.rules.registry import catalogue, lookup

    fmt = str(output_format or "table")
    if code is None:
        rows = [e.row() for e in catalogue()]
        if fmt == "table":
            rows = [{**r, "cites": r["cites"] or "-"} for r in rows]
        emit("listing", Rows("rules", COLUMNS, rows), fmt, None, wide=wide)
        return
    entry = lookup(code)
    if fmt == "csv":
        from acsg_cli.errors import UsageError

        raise UsageError(
            "--format csv lists the rules; one rule's documentation is table, json or markdown"
        )
    if fmt == "json":
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
    if fmt == "markdown":
        sys.stdout.write(f"## {heading}\n\n{entry.documentation}\n")
    else:
        sys.stdout.write(f"{heading}\n\n{entry.documentation}\n")


def register(app: typer.Typer) -> None:
    app.command("rules")(rules_command)
