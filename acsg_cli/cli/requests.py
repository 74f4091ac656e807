"""`acsg request reopen`: the Secretariat's one hand-made move of a request's status."""

from __future__ import annotations

from typing import Annotated

import typer

from acsg_cli.cli.groups import request_app
from acsg_cli.cli.lifecycle import (
    ByOpt,
    CommitOpt,
    DryRunOpt,
    NoteOpt,
    OnOpt,
    option_text,
    report_change,
    repository_for,
)
from acsg_cli.cli.options import DEFAULT_DATA, ConfigOpt, DataDirOpt, TodayOpt, open_registry


def reopen_command(
    request_id: Annotated[str, typer.Argument(metavar="REQUEST", help="The request id.")],
    on: OnOpt = None,
    by: ByOpt = None,
    note: NoteOpt = None,
    dry_run: DryRunOpt = False,
    commit: CommitOpt = False,
    data: DataDirOpt = DEFAULT_DATA,
    today: TodayOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Put a matched or closed request back among the open ones (status open), with a note.

    A request leaves `open` by itself when a match for it is agreed, and returns when every
    such match ends without completion; after a completed match, only this command reopens it.

    \b
    Examples:
      acsg request reopen REQ-2019-003 --note "Phase two of the support was requested." \\
        --by "ACSG Secretariat"
    """
    from acsg_cli import clock
    from acsg_cli.config import load_config
    from acsg_cli.lifecycle.reopen import reopen

    top = repository_for(data, commit)
    today = clock.today(today)
    change = reopen(
        open_registry(data),
        request_id,
        load_config(data, explicit=config).rules(),
        note=option_text(note),
        on=on or today,
        today=today,
        by=option_text(by),
        write=not dry_run,
    )
    report_change(change, dry_run=dry_run, top=top, by=option_text(by))


def register(app: typer.Typer) -> None:
    request_app.command("reopen")(reopen_command)
