"""`acsg report status` and `acsg report stocktaking`."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acsg_cli.cli.groups import report_app
from acsg_cli.cli.options import (
    DEFAULT_DATA,
    ConfigOpt,
    DataDirOpt,
    LangOpt,
    OutputOpt,
    TodayOpt,
    WideOpt,
    display_root,
    emit,
    format_option,
    registry_warning,
)
from acsg_cli.render.registry import format_choices

if TYPE_CHECKING:
    from collections.abc import Callable

    from acsg_cli.reports.model import Stocktaking
    from acsg_cli.reports.status import StatusReport

    StatusFormat = str
    StocktakingFormat = str
else:
    StatusFormat = format_choices("status")
    StocktakingFormat = format_choices("stocktaking")


class Audience(StrEnum):
    shared = "shared"
    secretariat = "secretariat"


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


def _check_output(output: Path | None, data: Path) -> None:
    """Refuse a bad --output before the report is built (see `render.destination`)."""
    if output is not None:
        from acsg_cli.render.destination import check_output

        check_output(output, data)


def _report(
    kind: str,
    build: Callable[..., StatusReport | Stocktaking],
    data: Path,
    output_format: str | None,
    output: Path | None,
    today: date | None,
    lang: str | None,
    wide: bool,
    config: Path | None,
    **options: str | None,
) -> None:
    """Build the `kind` report in the chosen language and emit it; its registry errors, if any,
    are a warning on stderr."""
    from acsg_cli import clock
    from acsg_cli.i18n import language

    _check_output(output, data)
    with language(lang or "en"):
        report = build(
            data,
            root_display=display_root(data),
            today=clock.today(today),
            config=config,
            **options,
        )
        emit(kind, report, output_format, output, wide=wide, registry_root=data)
    if report.registry_errors:
        typer.echo(registry_warning(report.registry_errors), err=True)


def status_command(
    data: DataDirOpt = DEFAULT_DATA,
    output_format: Annotated[StatusFormat | None, format_option("status")] = None,
    as_of: AsOfOpt = None,
    audience: AudienceOpt = Audience.shared,
    output: OutputOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    wide: WideOpt = False,
    config: ConfigOpt = None,
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
    from acsg_cli.reports.api import status_report

    _report(
        "status",
        status_report,
        data,
        output_format,
        output,
        today,
        lang,
        wide,
        config,
        as_of=as_of,
        audience=audience.value,
    )


def stocktaking_command(
    data: DataDirOpt = DEFAULT_DATA,
    output_format: Annotated[StocktakingFormat | None, format_option("stocktaking")] = None,
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
    wide: WideOpt = False,
    config: ConfigOpt = None,
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
      acsg report stocktaking --as-of HEAD~1 --format json
    """
    from acsg_cli.reports.api import stocktaking_report

    _report(
        "stocktaking",
        stocktaking_report,
        data,
        output_format,
        output,
        today,
        lang,
        wide,
        config,
        as_of=as_of,
        since=since,
        audience=audience.value,
    )


def register(app: typer.Typer) -> None:
    """The commands live in the `acsg report` group."""
    report_app.command("status")(status_command)
    report_app.command("stocktaking")(stocktaking_command)
