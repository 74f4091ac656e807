"""`acsg cache clear`."""

from __future__ import annotations

import typer

from acsg_cli.cli.groups import cache_app
from acsg_cli.cli.options import DEFAULT_DATA, DataDirOpt


@cache_app.command("clear")
def clear_command(data: DataDirOpt = DEFAULT_DATA) -> None:
    """Delete the read cache (.acsg_cache/ in the folder holding the registry).

    Commands keep what reading each record file gave there and reuse it while the file's bytes
    are unchanged; it is rebuilt on the next run. `acsg --no-cache COMMAND` reads without it.

    \b
    Examples:
      acsg cache clear
      acsg cache clear --data data
    """
    from acsg_cli.registry.cache import clear
    from acsg_cli.registry.sources import require_folder

    require_folder(data)
    removed = clear(data)
    typer.echo(f"removed {removed}" if removed else "no read cache to remove", err=True)


def register(app: typer.Typer) -> None:
    """The command is declared on the `cache` group, added with the other groups."""
