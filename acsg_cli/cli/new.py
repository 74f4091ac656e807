"""`acsg new request`, `acsg new offer` and `acsg new practice`: start a record from a
commented template.

Answers come from options; whatever is missing is asked for when standard input is a
terminal (each answer checked as it is typed, and asked again when wrong), and is a usage
error otherwise, so scripts and CI never hang on a prompt.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated, Any

import typer

from acsg_cli.cli.groups import new_app
from acsg_cli.cli.options import DEFAULT_DATA, DataDirOpt, TodayOpt, display_root
from acsg_cli.cli.prompts import Answers, choices_line, listed

StdoutOpt = Annotated[
    bool, typer.Option("--stdout", help="Print the new record instead of writing its file.")
]
TitleOpt = Annotated[
    str | None, typer.Option("--title", help="One line naming what is asked or offered.")
]
AreaOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--area",
        metavar="AREA",
        help="An area of the asylum system (FS 3); repeat for several, e.g. --area rsd_procedures.",
    ),
]
SupportOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--support-type",
        metavar="TYPE",
        help="technical, material or financial (WM 17, FS 4); repeat for several.",
    ),
]


def _finish(kind: str, data: Any, answers: Any, stdout: bool, today: date | None) -> None:
    from acsg_cli import clock
    from acsg_cli.registry.sources import display_join
    from acsg_cli.render.safety import terminal, terminal_block
    from acsg_cli.templates import new_record

    record = new_record(
        data, kind, answers, clock.today(today), write=not stdout, shown_root=display_root(data)
    )
    if stdout:
        sys.stdout.write(terminal_block(record.text))
        return
    shown = terminal(display_join(display_root(data), record.path.parent.name, record.path.name))
    typer.echo(f"wrote {shown}", err=True)
    typer.echo(
        f"next: write the commented criteria in {shown}, then run `acsg validate {shown}`", err=True
    )
    typer.echo(record.id)


@new_app.command("request")
def new_request(
    state: Annotated[
        list[str] | None,
        typer.Option(
            "--state",
            metavar="ISO3",
            help="A requesting State's ISO3 code; repeat for a joint request (WM 15.v).",
        ),
    ] = None,
    title: TitleOpt = None,
    area: AreaOpt = None,
    support_type: SupportOpt = None,
    status: Annotated[
        str, typer.Option("--status", help="draft (not yet ready for matching) or open.")
    ] = "draft",
    data: DataDirOpt = DEFAULT_DATA,
    today: TodayOpt = None,
    stdout: StdoutOpt = False,
) -> None:
    """Start a new request: writes data/requests/<next id>.yaml from a commented template.

    Every ACSG criterion (WM 13, WM 15.i-vii) is in the file as a commented key with a hint;
    the file is valid at once. Missing options are asked for when run in a terminal.
    Prints the new id on stdout and the file written on stderr.

    \b
    Examples:
      acsg new request
      acsg new request --state TCD --title "Chad: RSD training" --area rsd_procedures \\
        --support-type technical
      acsg new request --state NER --state TCD --title "Joint COI unit" \\
        --area country_of_origin_information --support-type technical --stdout
    """
    from acsg_cli.templates import RequestAnswers
    from acsg_cli.templates import answers as A

    ask = Answers()
    ask.take(
        "requesting_states",
        state,
        "--state",
        listed(A.countries),
        "Requesting States, ISO3 codes (e.g. TCD, or TCD NER for a joint request)",
    )
    ask.take("title", title, "--title", lambda v: A.line(v, "title"), "Title (one line)")
    _ask_areas_and_support(ask, area, support_type)
    values = ask.finish()
    values["status"] = _status(A.RequestStatus, status)
    _finish("request", data, RequestAnswers(**values), stdout, today)


@new_app.command("offer")
def new_offer(
    title: TitleOpt = None,
    entity_name: Annotated[
        str | None,
        typer.Option("--entity-name", help="Who offers: the State, agency or organisation (WM 3)."),
    ] = None,
    entity_type: Annotated[
        str | None,
        typer.Option(
            "--entity-type",
            metavar="TYPE",
            help="state, eu_agency, international_org, ngo, academia, ... (MSP).",
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country", metavar="ISO3", help="The offering entity's country; required for a State."
        ),
    ] = None,
    area: AreaOpt = None,
    support_type: SupportOpt = None,
    scope: Annotated[
        list[str] | None,
        typer.Option(
            "--scope",
            metavar="SCOPE",
            help="Where the offer can be used (SR): global, UNHCR region codes or ISO3 codes; "
            "repeat for several.",
        ),
    ] = None,
    expertise: Annotated[
        str | None,
        typer.Option(
            "--expertise",
            metavar="TEXT",
            help="What the entity brings: expertise, people, means (FS 3, WM 18).",
        ),
    ] = None,
    status: Annotated[str, typer.Option("--status", help="open or committed.")] = "open",
    data: DataDirOpt = DEFAULT_DATA,
    today: TodayOpt = None,
    stdout: StdoutOpt = False,
) -> None:
    """Start a new offer: writes data/offers/<next id>.yaml from a commented template.

    The offer's other keys (channel WM 19-20, term WM 9, proactive WM 18, ...)
    are in the file as commented keys with hints; the file is valid at once. Missing options
    are asked for when run in a terminal. Prints the new id on stdout and the file on stderr.

    \b
    Examples:
      acsg new offer
      acsg new offer --title "COI training" --entity-name "Example Bar" \\
        --entity-type bar_association --area training --support-type technical --scope global \\
        --expertise "Trainers on COI research"
      acsg new offer --title "RSD coaching" --entity-name France --entity-type state \\
        --country FRA --area rsd_procedures --support-type technical --scope west_central_africa \\
        --expertise "Senior RSD officers"
    """
    from acsg_cli.templates import OfferAnswers
    from acsg_cli.templates import answers as A

    ask = Answers()
    ask.take("title", title, "--title", lambda v: A.line(v, "title"), "Title (one line)")
    ask.take(
        "entity_name",
        entity_name,
        "--entity-name",
        lambda v: A.line(v, "entity name"),
        "Offering entity's name",
    )
    ask.take(
        "entity_type",
        entity_type,
        "--entity-type",
        lambda v: A.one_of(A.EntityType, v, "entity type"),
        "Offering entity's type",
        choices=choices_line(A.EntityType),
    )
    ask.take(
        "country",
        country,
        "--country",
        A.country,
        "The offering State's ISO3 code (e.g. FRA)",
        needed=lambda answers: answers.get("entity_type") is A.EntityType.STATE,
    )
    _ask_areas_and_support(ask, area, support_type)
    ask.take(
        "geographic_scope",
        scope,
        "--scope",
        listed(A.scope),
        "Geographic scope: global, region codes or ISO3 codes",
        choices=choices_line(A.Region),
        default="global",
    )
    ask.take(
        "expertise",
        expertise,
        "--expertise",
        lambda v: A.line(v, "expertise"),
        "What the entity brings (expertise, people, means)",
    )
    values = ask.finish()
    values["status"] = _status(A.OfferStatus, status)
    _finish("offer", data, OfferAnswers(**values), stdout, today)


@new_app.command("practice")
def new_practice(
    title: TitleOpt = None,
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            metavar="ISO3",
            help="A country where the practice was applied; repeat for several.",
        ),
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category",
            metavar="AREA",
            help="An area of the asylum system it concerns (SR); repeat for several.",
        ),
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option(
            "--summary", metavar="TEXT", help="What was done, by whom, with what result (FS 5)."
        ),
    ] = None,
    status: Annotated[str, typer.Option("--status", help="draft or published.")] = "draft",
    data: DataDirOpt = DEFAULT_DATA,
    today: TodayOpt = None,
    stdout: StdoutOpt = False,
) -> None:
    """Start a new good practice or tool: writes data/practices/<next id>.yaml from a template.

    The other keys (sharing entities, resources, languages, matches and pledges it came from)
    are in the file as commented keys with hints; the file is valid at once. Missing options
    are asked for when run in a terminal. Prints the new id on stdout and the file on stderr.
    `acsg practice from-update` starts one from a match's progress update instead.

    \b
    Examples:
      acsg new practice
      acsg new practice --title "Remote interviews" --country ARM --category registration
    """
    from acsg_cli.templates import PracticeAnswers
    from acsg_cli.templates import answers as A

    ask = Answers()
    ask.take("title", title, "--title", lambda v: A.line(v, "title"), "Title (one line)")
    ask.take(
        "countries",
        country,
        "--country",
        listed(A.countries),
        "Countries where it was applied, ISO3 codes (e.g. ARM)",
    )
    ask.take(
        "categories",
        category,
        "--category",
        listed(lambda v: A.many_of(A.Area, v, "category")),
        "Categories: areas of the asylum system (one or more, separated by spaces)",
        choices=choices_line(A.Area),
    )
    values = ask.finish()
    if summary is not None:
        values["summary"] = A.line(summary, "summary")
    values["status"] = _status(A.PracticeStatus, status)
    _finish("practice", data, PracticeAnswers(**values), stdout, today)


def _ask_areas_and_support(ask: Answers, area: Any, support_type: Any) -> None:
    """The areas and support types, asked the same way of a request and an offer."""
    from acsg_cli.templates import answers as A

    ask.take(
        "areas",
        area,
        "--area",
        listed(lambda v: A.many_of(A.Area, v, "area")),
        "Areas (one or more, separated by spaces)",
        choices=choices_line(A.Area),
    )
    ask.take(
        "support_types",
        support_type,
        "--support-type",
        listed(lambda v: A.many_of(A.SupportType, v, "support type")),
        "Support types (technical, material, financial)",
    )


def _status(enum: Any, given: str) -> Any:
    from acsg_cli.errors import UsageError
    from acsg_cli.templates import answers as A

    try:
        return A.one_of(enum, given, "status")
    except UsageError as exc:
        raise UsageError(f"--status: {exc.message}") from None


def register(app: typer.Typer) -> None:
    """The commands are declared on `new_app`; importing this module registers them."""
