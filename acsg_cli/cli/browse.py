"""`acsg list` and `acsg show`."""

from __future__ import annotations

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
    RecordFormat = str
else:
    ListingFormat = format_choices("listing")
    RecordFormat = format_choices("record")


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
    from acsg_cli import clock
    from acsg_cli.browse import LIST_COLUMNS, Filters, check_status, list_records
    from acsg_cli.cli.options import display_root, warn_of_errors
    from acsg_cli.disclosure import Audience
    from acsg_cli.i18n import current
    from acsg_cli.registry.memo import kept_or_made
    from acsg_cli.render.rows import Rows

    status = check_status(kind.value, status)
    # The options' callbacks (`_choices`) have already turned these strings into vocabulary values.
    filters = Filters(
        status=status,
        area=area,  # type: ignore[arg-type]  # an Area, see above
        state=state,
        region=region,  # type: ignore[arg-type]  # a Region, see above
        entity_type=entity_type,  # type: ignore[arg-type]  # an EntityType, see above
    )
    who = Audience.named(audience.value)
    # The rows are plain data: an unchanged registry gives the same rows for the same question.
    context = (kind.value, repr(filters), repr(who), current(), clock.today().isoformat())
    rows = kept_or_made(
        data,
        display_root(data),
        "listing",
        context,
        lambda registry: list_records(registry, kind.value, filters, who),
        errors=warn_of_errors,
    )
    listing = Rows(kind.value, LIST_COLUMNS[kind.value], rows)
    emit("listing", listing, output_format, output, wide=wide, registry_root=data)


def show_command(
    record_id: Annotated[
        str, typer.Argument(metavar="ID", help="A request, offer, match or practice id.")
    ],
    data: DataDirOpt = DEFAULT_DATA,
    output_format: Annotated[RecordFormat | None, format_option("record")] = None,
    wide: WideOpt = False,
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
    from acsg_cli.cli.options import display_root, warn_of_errors
    from acsg_cli.disclosure import Audience
    from acsg_cli.errors import UsageError
    from acsg_cli.i18n import current
    from acsg_cli.registry.memo import kept_or_made

    if with_contact and audience is not AudienceName.secretariat:
        raise UsageError("--with-contact is for the secretariat audience only")
    wanted, who, day = record_id.strip(), Audience.named(audience.value), clock.today(today)
    # The view is plain data: the record and what it names read from the registry (from the read
    # cache, only those); the same question on an unchanged registry is answered from the cache.
    view = kept_or_made(
        data,
        display_root(data),
        "record",
        (wanted, with_contact, repr(who), day.isoformat(), current()),
        lambda registry: show_record(
            registry, wanted, with_contact=with_contact, audience=who, today=day
        ),
        errors=warn_of_errors,
    )
    emit("record", view, output_format, None, wide=wide)


def register(app: typer.Typer) -> None:
    app.command("list")(list_command)
    app.command("show")(show_command)
