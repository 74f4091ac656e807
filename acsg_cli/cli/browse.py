"""`acsg list` and `acsg show`."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from acsg_cli.cli.options import (
    DEFAULT_DATA,
    AudienceName,
    AudienceOpt,
    DataDirOpt,
    OutputOpt,
    TodayOpt,
    WideOpt,
    emit,
    format_option,
    open_registry,
)
from acsg_cli.render.registry import format_choices


class ListKind(StrEnum):
    requests = "requests"
    offers = "offers"
    matches = "matches"
    practices = "practices"
    implementations = "implementations"


if TYPE_CHECKING:
    ListingFormat = str
else:
    ListingFormat = format_choices("listing")


class ShowFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def _choices(enum_path: str) -> Any:
    """Validate a vocabulary option against its enum, with the allowed values in the error."""

    def check(value: str | None) -> Any:
        if value is None:
            return None
        from acsg_cli import vocab

        enum = getattr(vocab, enum_path)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            raise typer.BadParameter(f"'{value}' is not one of: {allowed}") from None

    return check


def list_command(
    kind: Annotated[
        ListKind,
        typer.Argument(
            help="What to list: requests, offers, matches, practices, or implementations (support "
            "given under an offer with no matching request)."
        ),
    ],
    data: DataDirOpt = DEFAULT_DATA,
    status: Annotated[str | None, typer.Option(help="Only records with this status.")] = None,
    area: Annotated[
        str | None,
        typer.Option(
            help="Only records in this area (for matches: the request's; for practices: a "
            "category).",
            callback=_choices("Area"),
        ),
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(
            help="ISO3 code: requests, matches and practices of this State; offers from it or "
            "able to serve it."
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            help="UNHCR region code, e.g. west_central_africa.", callback=_choices("Region")
        ),
    ] = None,
    entity_type: Annotated[
        str | None,
        typer.Option(
            "--entity-type",
            help="Offers (or matches) by offering entity type.",
            callback=_choices("EntityType"),
        ),
    ] = None,
    output_format: Annotated[ListingFormat | None, format_option("listing")] = None,
    audience: AudienceOpt = AudienceName.secretariat,
    output: OutputOpt = None,
    wide: WideOpt = False,
) -> None:
    """List requests, offers, matches or good practices, with filters.

    \b
    Examples:
      acsg list requests --status open
      acsg list practices --format json
      acsg list implementations --status fulfilled
      acsg list offers --state NER
      acsg list matches --region west_central_africa --format csv
    """
    from acsg_cli.browse import LIST_COLUMNS, Filters, check_status, list_records
    from acsg_cli.disclosure import Audience
    from acsg_cli.render.rows import Rows

    status = check_status(kind.value, status)
    registry = open_registry(data)
    filters = Filters(status=status, area=area, state=state, region=region, entity_type=entity_type)  # type: ignore[arg-type]
    rows = list_records(registry, kind.value, filters, Audience.named(audience.value))
    listing = Rows(kind.value, LIST_COLUMNS[kind.value], rows)
    emit("listing", listing, output_format, output, wide=wide, registry_root=data)


def show_command(
    record_id: Annotated[
        str, typer.Argument(metavar="ID", help="A request, offer, match or practice id.")
    ],
    data: DataDirOpt = DEFAULT_DATA,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ShowFormat.table,
    with_contact: Annotated[
        bool,
        typer.Option(
            "--with-contact", help="Include personal contact data (secretariat audience only)."
        ),
    ] = False,
    audience: AudienceOpt = AudienceName.secretariat,
    today: TodayOpt = None,
) -> None:
    """Show one record; a match is shown with its request and offers, a practice with its matches.

    \b
    Examples:
      acsg show REQ-2019-001
      acsg show MAT-2020-001 --format json
      acsg show GP-2021-001
    """
    from acsg_cli import clock
    from acsg_cli.browse import show_record
    from acsg_cli.disclosure import Audience
    from acsg_cli.errors import UsageError

    if with_contact and audience is not AudienceName.secretariat:
        raise UsageError("--with-contact is for the secretariat audience only")
    registry = open_registry(data)
    view = show_record(
        registry,
        record_id.strip(),
        with_contact=with_contact,
        audience=Audience.named(audience.value),
        today=clock.today(today),
    )
    if output_format is ShowFormat.json:
        from acsg_cli.render.safety import json_text

        sys.stdout.write(json_text(view) + "\n")
    elif output_format is ShowFormat.markdown:
        sys.stdout.write(_markdown(view))
    else:
        sys.stdout.write(_text(view))


def _yaml(data: Any) -> str:
    import yaml

    return str(
        yaml.safe_dump(
            data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
        )
    )


def _sections(view: dict[str, Any]) -> list[tuple[str, Any]]:
    sections: list[tuple[str, Any]] = [
        (f"{view['kind']} {view['id']} ({view['file']})", view["record"])
    ]
    if view["kind"] == "match":
        if view.get("request"):
            sections.append((f"request {view['request'].get('id')}", view["request"]))
        for offer in view.get("offers", []):
            sections.append((f"offer {offer.get('id')}", offer))
    extra = {k: view[k] for k in ("regions", "matches", "practices") if k in view}
    if extra:
        sections.append(("related", extra))
    return sections


COMPLIANCE_COLUMNS = ["code", "cites", "status", "criterion", "detail"]


def _compliance_rows(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {**row, "status": row["status"].replace("_", " ")} for row in view.get("compliance", [])
    ]


def _text(view: dict[str, Any]) -> str:
    from tabulate import tabulate

    from acsg_cli.render.safety import terminal, terminal_block

    parts = []
    for title, body in _sections(view):
        parts.append(f"== {terminal(title)}\n{terminal_block(_yaml(body))}")
    if "compliance" in view:
        rows = [[terminal(r[c]) for c in COMPLIANCE_COLUMNS] for r in _compliance_rows(view)]
        table = (
            tabulate(
                rows,
                headers=COMPLIANCE_COLUMNS,
                tablefmt="simple",
                disable_numparse=True,
                maxcolwidths=[None, 16, None, 40, 44],
            )
            if rows
            else "(none)"
        )
        parts.append(f"== compliance\n{table}\n")
    return "\n".join(parts)


def _markdown(view: dict[str, Any]) -> str:
    from acsg_cli.reporters.tables import cell, md_cell

    parts = []
    for title, body in _sections(view):
        lines = [f"## {md_cell(title)}", "", "| field | value |", "|---|---|"]
        for key, value in body.items():
            text = (
                json.dumps(value, ensure_ascii=False)
                if isinstance(value, (dict,))
                or (isinstance(value, list) and any(isinstance(v, dict) for v in value))
                else cell(value)
            )
            lines.append(f"| {md_cell(key)} | {md_cell(text)} |")
        parts.append("\n".join(lines) + "\n")
    if "compliance" in view:
        import io

        from acsg_cli.reporters.tables import write_rows

        table = io.StringIO()
        write_rows(_compliance_rows(view), COMPLIANCE_COLUMNS, "markdown", table)
        parts.append(f"## compliance\n\n{table.getvalue()}")
    return "\n".join(parts)


def register(app: typer.Typer) -> None:
    app.command("list")(list_command)
    app.command("show")(show_command)
