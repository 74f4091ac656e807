"""`acsg schema`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def schema_command(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the schema files to.")
    ] = Path("schemas"),
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if the files are missing or stale."),
    ] = False,
) -> None:
    """Write the JSON Schemas of requests, offers and matches, generated from the models.

    Record files point at them in their first line, so editors validate as people type.

    \b
    Examples:
      acsg schema
      acsg schema --check
    """
    from acsg_cli.schemas import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(out)
        for path in stale:
            typer.echo(f"{path}: missing or out of date; run `acsg schema`", err=True)
        if stale:
            raise typer.Exit(code=1)
        typer.echo(f"{out}: schemas are current", err=True)
        return
    for path in write_schemas(out):
        typer.echo(f"wrote {path}", err=True)


def register(app: typer.Typer) -> None:
    app.command("schema")(schema_command)
