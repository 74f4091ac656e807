"""Options shared by every command, defined once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

DataDirOpt = Annotated[
    Path,
    typer.Option(
        "--data",
        envvar="ACSG_DATA",
        help="Registry folder holding requests/, offers/ and matches/ (env: ACSG_DATA).",
        show_default=True,
        file_okay=True,
        dir_okay=True,
    ),
]
DEFAULT_DATA = Path("data")


class AudienceName(StrEnum):
    """Who the output is for (`acsg_cli.disclosure`)."""

    secretariat = "secretariat"
    shared = "shared"


AudienceOpt = Annotated[
    AudienceName,
    typer.Option(
        "--audience",
        help="secretariat: every field but contact data; shared: safe to circulate, a "
        "confidential request shows only its States, areas, status and dates (FS 3).",
    ),
]


def display_root(path: Path) -> str:
    """How the registry folder is named in messages: as the user wrote it."""
    text = str(path)
    return text[2:] if text.startswith("./") else text


def stdout_is_terminal() -> bool:
    """Whether stdout may be coloured: a terminal, and no `NO_COLOR` (no-color.org) or dumb TERM."""
    import os
    import sys

    return (
        sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    )


def stderr_is_terminal() -> bool:
    """Whether a person watches stderr, so a progress bar may be drawn there."""
    import os
    import sys

    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
