"""Options shared by every command, defined once."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from acsg_cli import clock

if TYPE_CHECKING:
    from acsg_cli.registry import Registry

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


def parse_date(value: str | date) -> date:
    """The one parser of every date option: YYYY-MM-DD, else a usage error naming the text."""
    if isinstance(value, date):
        return value
    try:
        return clock.parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def date_option(*names: str, help: str) -> Any:
    """A `--name DATE` option parsed as a `date` (None when not given)."""
    return typer.Option(*names, parser=parse_date, metavar="DATE", show_default=False, help=help)


TodayOpt = Annotated[
    date | None,
    typer.Option(
        "--today",
        envvar=clock.ENV,
        parser=parse_date,
        metavar="DATE",
        show_default=False,
        help="The date to take as today, YYYY-MM-DD; default: the local date.",
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        dir_okay=False,
        help="Project configuration to use (acsg.toml, or a pyproject.toml with [tool.acsg]) "
        "instead of the one found next to the registry.",
    ),
]


class Lang(StrEnum):
    en = "en"
    fr = "fr"
    es = "es"


LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language of the tool's own words, labels, dates and numbers: en, fr or es "
        "(record text stays as written). Default: en.",
        show_default=False,
    ),
]


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        dir_okay=False,
        help="Write to FILE (atomically) instead of standard output; without --format, the "
        "file's suffix chooses the format (.txt, .md, .html, .pdf, .json, .csv as the command "
        "offers them).",
    ),
]
WideOpt = Annotated[
    bool,
    typer.Option(
        "--wide",
        help="Do not fit tables to the terminal's width: every cell on one line.",
    ),
]


def format_option(kind: str) -> Any:
    """The `--format` option of a command printing a `kind`: the registered formats."""
    from acsg_cli.render.registry import formats

    names = formats(kind)
    return typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        show_default=False,
        help=f"{names[0]} (default), " + ", ".join(names[1:-1]) + f" or {names[-1]}.",
    )


def emit(
    kind: str,
    result: object,
    output_format: object,
    output: Path | None,
    *,
    wide: bool = False,
    registry_root: Path | None = None,
) -> None:
    """Render `result` through the renderer registry to stdout or `--output`."""
    from acsg_cli.render.registry import render
    from acsg_cli.render.safety import terminal
    from acsg_cli.render.target import Destination

    chosen = None if output_format is None else str(output_format)
    destination = Destination(output, wide=wide, registry_root=registry_root)
    render(kind, result, destination, chosen)
    if destination.path is not None:
        typer.echo(f"wrote {terminal(output)}", err=True)


def open_registry(data: Path, *, warn: bool = True) -> Registry:
    """The registry of `--data`, named in messages as the user wrote it. With `warn`, says on
    stderr how many errors kept records out, so a listing is not mistaken for the whole."""
    from acsg_cli.registry import load_registry

    registry = load_registry(data, root_display=display_root(data))
    if warn:
        warn_of_errors(registry.error_count)
    return registry


PartialOpt = Annotated[
    bool,
    typer.Option(
        "--partial",
        help="Publish even though some records do not load: they are left out, with a "
        "warning. Without it, any registry error stops the command before it writes anything.",
    ),
]


def open_publishable_registry(data: Path, *, partial: bool) -> Registry:
    """The registry of `--data` for a command that publishes it to readers outside the
    Secretariat (`site build`, `export`). A record that does not load would be missing from
    what they read without anyone noticing, so any registry error stops the command (exit 1)
    before it writes anything, naming each problem by file, line and rule; `partial` (the
    user's `--partial`) accepts publishing without those records and the matches naming them,
    with the registry warning that commands read at the terminal give."""
    registry = open_registry(data, warn=partial)
    if registry.error_count and not partial:
        from acsg_cli.errors import DataError
        from acsg_cli.i18n import ngettext
        from acsg_cli.problems import Severity
        from acsg_cli.reporters.validation import problem_line

        errors = [p for p in registry.problems if p.severity is Severity.ERROR]
        headline = ngettext(
            "the registry has {n} error, so nothing is published (fix it, or pass --partial "
            "to publish without the records that do not load):",
            "the registry has {n} errors, so nothing is published (fix them, or pass "
            "--partial to publish without the records that do not load):",
            len(errors),
        ).format(n=len(errors))
        lines = [problem_line(p) for p in sorted(errors, key=lambda p: p.sort_key())]
        raise DataError("\n  ".join([headline, *lines]))
    return registry


def warn_of_errors(errors: int) -> None:
    """Say on stderr how many errors kept records out (`registry_warning`), if any."""
    if errors:
        typer.echo(registry_warning(errors), err=True)


def registry_warning(errors: int) -> str:
    """The one warning of every command when records do not load."""
    from acsg_cli.i18n import ngettext

    text = ngettext(
        "warning: the registry has {n} error; records that do not load are left out; "
        "run `acsg validate`",
        "warning: the registry has {n} errors; records that do not load are left out; "
        "run `acsg validate`",
        errors,
    )
    return text.format(n=errors)


def display_root(path: Path) -> str:
    """How the registry folder is named in messages: as the user wrote it."""
    text = str(path)
    return text[2:] if text.startswith("./") else text
