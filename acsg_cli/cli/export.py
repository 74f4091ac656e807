"""`acsg export iati|hxl|gcr-updates -o FILE`: the registry in its partners' standards."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from acsg_cli.cli.options import (
    DEFAULT_DATA,
    ConfigOpt,
    DataDirOpt,
    PartialOpt,
    TodayOpt,
    open_publishable_registry,
)
from acsg_cli.exports import ExportFormat


def export_command(
    fmt: Annotated[
        ExportFormat,
        typer.Argument(
            metavar="FORMAT",
            help="iati (IATI 2.03 XML), hxl (HXL-tagged 3W CSV) or gcr-updates (CSV).",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="The file to write (atomically); `-` writes to standard output.",
        ),
    ],
    data: DataDirOpt = DEFAULT_DATA,
    config: ConfigOpt = None,
    today: TodayOpt = None,
    partial: PartialOpt = False,
) -> None:
    """Export the registry for partners: shared audience only (no confidential request details,
    no contact data, no e-mail addresses or phone numbers in any text).

    iati: one IATI 2.03 activity per match its parties agreed to; the reporting organisation is
    set in [tool.acsg.export.iati] (reporting_org_ref, reporting_org_name, reporting_org_type).
    hxl: who does what where, both tracks (matches and pledge implementation), with HXL hashtags.
    gcr-updates: pledge id, GCR stage, narrative and date, to fill the GCR pledge progress update.

    A registry with errors is not exported: the command names each problem and exits 1 without
    writing, unless --partial accepts an export without the records that do not load.

    \b
    Examples:
      acsg export iati -o acsg-activities.xml
      acsg export hxl -o acsg-3w.csv
      acsg export gcr-updates -o -
    """
    from datetime import UTC, datetime, time

    from acsg_cli import clock
    from acsg_cli.config import load_config
    from acsg_cli.exports import export

    project = load_config(data, explicit=config)
    registry = open_publishable_registry(data, partial=partial)
    text = export(
        registry,
        fmt,
        generated=datetime.combine(clock.today(today), time(0), UTC),
        export_config=project.section("export"),
        where=project.where,
    )
    if str(output) == "-":
        sys.stdout.write(text)
    else:
        from acsg_cli.render.safety import terminal
        from acsg_cli.reports.api import write_output

        write_output(output, text, registry_root=data)
        typer.echo(f"wrote {terminal(output)}", err=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
