"""`acsg practice from-update`: a good practice started from a match's progress update."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from acsg_cli.cli.groups import practice_app
from acsg_cli.cli.options import DEFAULT_DATA, DataDirOpt, TodayOpt, display_root, open_registry


@practice_app.command("from-update")
def from_update_command(
    match_id: Annotated[str, typer.Argument(metavar="MATCH", help="The match id.")],
    update: Annotated[
        int,
        typer.Option("--update", min=1, metavar="N", help="Which progress update: 1 is the first."),
    ],
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            help="The practice's title (default: the first line of the update's good practice).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the new practice and the match's diff only.")
    ] = False,
    data: DataDirOpt = DEFAULT_DATA,
    today: TodayOpt = None,
) -> None:
    """Start a good practice from a progress update flagged as one (FS 5), linked both ways.

    Writes data/practices/<next id>.yaml as a draft (countries, categories, summary, the match
    and its GRF pledges filled in from the registry) and names it on the update
    (`practice: GP-...`). Both files are checked first; either both are written or neither.
    Prints the new id on stdout.

    \b
    Examples:
      acsg practice from-update MAT-2020-002 --update 1 --title "Digitised case files at COMAR"
      acsg practice from-update MAT-2020-002 --update 1 --title "Digitised case files" --dry-run
    """
    from acsg_cli import clock
    from acsg_cli.practices import from_update
    from acsg_cli.registry.sources import display_join

    registry = open_registry(data)
    done = from_update(
        registry,
        data,
        match_id.strip(),
        update,
        today=clock.today(today),
        title=title,
        write=not dry_run,
        shown_root=display_root(data),
    )
    from acsg_cli.render.safety import terminal, terminal_block

    if dry_run:
        sys.stdout.write(terminal_block(done.text + "\n" + done.edit.diff()))
        return
    shown = display_join(display_root(data), "practices", done.path.name)
    typer.echo(
        terminal(f"wrote {shown}; linked from update {update} of {done.edit.display}"), err=True
    )
    typer.echo(done.id)


def register(app: typer.Typer) -> None:
    """The commands are declared on `practice_app`; importing this module registers them."""
