"""`acsg report status` and `acsg report stocktaking`."""

from __future__ import annotations

import sys
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated

import typer

from acsg_cli.cli.groups import report_app
from acsg_cli.cli.options import (
    DEFAULT_DATA,
    DataDirOpt,
    LangOpt,
    TodayOpt,
    display_root,
    registry_warning,
)


class StatusFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"


class StocktakingFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    html = "html"
    json = "json"


class Audience(StrEnum):
    shared = "shared"
    secretariat = "secretariat"


_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".json": "json",
    ".csv": "csv",
    ".txt": "table",
}

AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE|REV",
        help="Report the registry as it stood then: a date (YYYY-MM-DD; records and histories "
        "dated "
        "after it are left out) or a git revision (the registry as committed, read from git). "
        "Default: now.",
    ),
]
AudienceOpt = Annotated[
    Audience,
    typer.Option(
        "--audience",
        help="shared: safe to circulate; secretariat: adds confidential request details (FS 3). "
        "Personal contact data is never included.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        dir_okay=False,
        help="Write the report to FILE (atomically) instead of standard output; without --format, "
        "the format follows the file's suffix (.html, .md, .json, .csv, .txt).",
    ),
]


def _format(chosen: Enum | None, output: Path | None, allowed: type[Enum]) -> str:
    if chosen is not None:
        return str(chosen.value)
    if output is not None:
        fmt = _SUFFIXES.get(output.suffix.lower())
        if fmt in {e.value for e in allowed}:
            return fmt  # type: ignore[return-value]
    return "table"


def _check_output(output: Path | None, data: Path) -> None:
    """Refuse a bad --output before the report is built (see `render.destination`)."""
    if output is not None:
        from acsg_cli.render.destination import check_output

        check_output(output, data)


def _emit(text: str, output: Path | None, registry_errors: int, data: Path) -> None:
    if output is None or str(output) == "-":
        sys.stdout.write(text)
    else:
        from acsg_cli.render.safety import terminal
        from acsg_cli.reports.api import write_output

        write_output(output, text, registry_root=data)
        typer.echo(f"wrote {terminal(output)}", err=True)
    if registry_errors:
        typer.echo(
            registry_warning(registry_errors),
            err=True,
        )


def status_command(
    data: DataDirOpt = DEFAULT_DATA,
    output_format: Annotated[
        StatusFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default), markdown, html, json or csv.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    audience: AudienceOpt = Audience.shared,
    output: OutputOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """Status report: every live match and every open request without one, attention first.

    One row per live match (parties, areas, stage, since when, days in stage, last update) and per
    open request without a match (days waiting, the first eligible offer or `none`). Order:
    1 urgent requests without a match; 2 requests with an eligible offer but no match;
    3 requests with no eligible offer; 4 matches awaiting consent; 5 agreed matches not yet
    welcomed; 6 matches under way. Within a group the longest wait comes first.

    JSON: {"as_of", "basis": {"kind", "as_of", "label", "revision", "commit"}, "audience",
    "registry_errors", "ordering": [{"group", "attention", "source"}], "counts": {...},
    "rows": [{"group", "attention", "kind", "id", "request", "parties", "states", "offers",
    "areas", "stage", "since", "days", "last_update", "eligible_offer", "title"}]}.

    \b
    Examples:
      acsg report status
      acsg report status --format csv --output status.csv
      acsg report status --as-of 2021-10-12 --output status.html
    """
    from acsg_cli import clock
    from acsg_cli.i18n import language
    from acsg_cli.reports.api import status_report
    from acsg_cli.reports.render import STATUS_FORMATS

    _check_output(output, data)
    with language(lang or "en"):
        report = status_report(
            data,
            root_display=display_root(data),
            as_of=as_of,
            audience=audience.value,
            today=clock.today(today),
        )
        text = STATUS_FORMATS[_format(output_format, output, StatusFormat)](report)
    _emit(text, output, report.registry_errors, data)


def stocktaking_command(
    data: DataDirOpt = DEFAULT_DATA,
    output_format: Annotated[
        StocktakingFormat | None,
        typer.Option(
            "--format", "-f", help="table (default), markdown, html or json.", show_default=False
        ),
    ] = None,
    as_of: AsOfOpt = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE|REV",
            help="Add what changed since then: new requests, offers and matches, and status moves. "
            "A date is applied to the --as-of registry; a git revision is read from git.",
        ),
    ] = None,
    audience: AudienceOpt = Audience.shared,
    output: OutputOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """Stocktaking report: pledges, matches by stage, supply and demand, unmet needs, narrow offers.

    Sections: summary (SR); headline figures (SR, FS 3); pledging entities (SR, MSP); supply and
    demand by area and region (SR, FS 2); unmet needs (SR, FS 2, FS 3); offers limited in
    geographic scope (SR); matches welcomed and across regions (SR, FS 2); progress updates
    and good practices (FS 5); with --since, what changed. The HTML form is one self-contained
    page with charts, printable on A4.

    JSON (every figure the other formats show): {"as_of", "basis", "audience", "registry_errors",
    "totals": {"requests", "offers", "matches", "pledges", "live_matches"}, "requests_by_status",
    "offers_by_status", "matches_by_stage", "entities", "supply_demand": {"by_area", "by_region",
    ...}, "unmet_needs", "narrow_scope", "matches", "progress", "changes", "findings", "sections"}.
    See the README's Reports section for every key.

    \b
    Examples:
      acsg report stocktaking
      acsg report stocktaking --format html --output stocktaking.html
      acsg report stocktaking --as-of 2021-10-12 --since 2020-12-31 --format markdown
      acsg report stocktaking --as-of v2021.10 --format json
    """
    from acsg_cli import clock
    from acsg_cli.i18n import language
    from acsg_cli.reports.api import stocktaking_report
    from acsg_cli.reports.render import STOCKTAKING_FORMATS

    _check_output(output, data)
    with language(lang or "en"):
        model = stocktaking_report(
            data,
            root_display=display_root(data),
            as_of=as_of,
            since=since,
            audience=audience.value,
            today=clock.today(today),
        )
        text = STOCKTAKING_FORMATS[_format(output_format, output, StocktakingFormat)](model)
    _emit(text, output, model.registry_errors, data)


def register(app: typer.Typer) -> None:
    """The commands live in the `acsg report` group."""
    report_app.command("status")(status_command)
    report_app.command("stocktaking")(stocktaking_command)
