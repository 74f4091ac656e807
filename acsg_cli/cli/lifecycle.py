"""`acsg consent record`, `acsg match status`, `acsg match update` and `acsg brief`."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acsg_cli.cli.groups import consent_app, match_app
from acsg_cli.cli.options import (
    DEFAULT_DATA,
    ConfigOpt,
    DataDirOpt,
    Lang,
    OutputOpt,
    TodayOpt,
    date_option,
    emit,
    format_option,
    open_registry,
)
from acsg_cli.render.registry import format_choices


class DecisionChoice(StrEnum):
    granted = "granted"
    declined = "declined"
    withdrawn = "withdrawn"


if TYPE_CHECKING:
    from acsg_cli.lifecycle.edits import Change, Target

    BriefFormat = str
else:
    BriefFormat = format_choices("brief")


MatchArg = Annotated[str, typer.Argument(metavar="MATCH", help="The match id, e.g. MAT-2021-001.")]
OnOpt = Annotated[
    date | None,
    date_option(
        "--on",
        help="Date of the event, YYYY-MM-DD (default: today); not in the future, not before the "
        "proposal or the last move.",
    ),
]
ByOpt = Annotated[
    str | None, typer.Option("--by", metavar="NAME", help="Who records it (kept in the file).")
]
NoteOpt = Annotated[
    str | None,
    typer.Option(
        "--note",
        metavar="TEXT",
        help="Why, kept in the history (required to withdraw a match or reopen a request).",
    ),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Print the diff of the edit; write nothing.")
]
CommitOpt = Annotated[
    bool,
    typer.Option(
        "--commit",
        help="git commit the files the command edits (a match, and the request and offers "
        "that follow it), and only those, with a message naming the change and the person.",
    ),
]


def consent_record_command(
    match_id: MatchArg,
    party: Annotated[
        str,
        typer.Option(
            "--party", metavar="PARTY", help="A requesting State's ISO3 code or an offer id."
        ),
    ],
    decision: Annotated[DecisionChoice, typer.Option("--decision", help="The party's decision.")],
    on: OnOpt = None,
    by: ByOpt = None,
    via: Annotated[
        str | None,
        typer.Option("--via", metavar="CHANNEL", help="How it came, e.g. unhcr_country_office."),
    ] = None,
    evidence: Annotated[
        str | None,
        typer.Option("--evidence", metavar="TEXT", help="Where the decision is documented."),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Correct the party's latest recorded decision instead of adding one."
        ),
    ] = False,
    dry_run: DryRunOpt = False,
    commit: CommitOpt = False,
    data: DataDirOpt = DEFAULT_DATA,
    today: TodayOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Record a party's consent decision on a match and move its status (FS 3).

    The first decision moves a proposed match to consent_pending; the last grant moves it to
    agreed; a decline ends it (declined). A party withdrawing its consent sends an agreed match
    back to consent_pending, and ends a welcomed or in_implementation match (withdrawn). A
    request put back among the open ones is told which criteria an open request fails.

    \b
    Examples:
      acsg consent record MAT-2021-001 --party NER --decision withdrawn --by "J. Officer" \\
        --via unhcr_country_office --evidence "Note verbale of 9 March" --dry-run
      acsg consent record MAT-2021-001 --party OFF-2019-001 --decision withdrawn --commit
    """
    from acsg_cli import clock
    from acsg_cli.lifecycle import edits
    from acsg_cli.vocab import Decision

    top = repository_for(data, commit)
    tgt = _target(data, match_id, config)
    today = clock.today(today)
    change = edits.record_consent(
        tgt,
        party,
        Decision(decision.value),
        on=on or today,
        today=today,
        by=option_text(by),
        via=option_text(via),
        evidence=option_text(evidence),
        replace=replace,
        write=not dry_run,
    )
    report_change(change, dry_run=dry_run, top=top, by=option_text(by))


def match_status_command(
    match_id: MatchArg,
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new status, e.g. welcomed.")],
    by: ByOpt = None,
    note: NoteOpt = None,
    on: OnOpt = None,
    dry_run: DryRunOpt = False,
    commit: CommitOpt = False,
    data: DataDirOpt = DEFAULT_DATA,
    today: TodayOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Move a match to a new status, as the state machine allows.

    Moves that follow from consent (agreed, declined) are made by `acsg consent record`; this
    command makes the others: welcomed, in_implementation, completed, and withdrawn (with --note).
    A request put back among the open ones is told which criteria an open request fails.

    \b
    Examples:
      acsg match status MAT-2020-001 in_implementation --by "ACSG Secretariat"
      acsg match status MAT-2021-001 withdrawn --note "The request was met by other support."
    """
    from acsg_cli import clock
    from acsg_cli.lifecycle import edits

    top = repository_for(data, commit)
    tgt = _target(data, match_id, config)
    today = clock.today(today)
    change = edits.move_status(
        tgt,
        new,
        on=on or today,
        today=today,
        by=option_text(by),
        note=option_text(note),
        write=not dry_run,
    )
    report_change(change, dry_run=dry_run, top=top, by=option_text(by))


def match_update_command(
    match_id: MatchArg,
    summary: Annotated[
        str, typer.Option("--summary", metavar="TEXT", help="What happened since the last update.")
    ],
    milestone: Annotated[
        list[str] | None,
        typer.Option("--milestone", metavar="TEXT", help="A milestone met (repeat for several)."),
    ] = None,
    good_practice: Annotated[
        bool,
        typer.Option("--good-practice", help="Mark the update as a good practice to share (FS 5)."),
    ] = False,
    on: OnOpt = None,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="NAME", help="Who records it (named in the commit message)."),
    ] = None,
    dry_run: DryRunOpt = False,
    commit: CommitOpt = False,
    data: DataDirOpt = DEFAULT_DATA,
    today: TodayOpt = None,
) -> None:
    """Add a progress update to an agreed, welcomed, in_implementation or completed match (FS 5).

    \b
    Examples:
      acsg match update MAT-2021-001 --summary "40 caseworkers trained." \\
        --milestone "Caseworkers trained"
      acsg match update MAT-2020-002 --summary "Case files digitised." --good-practice
    """
    from acsg_cli import clock
    from acsg_cli.lifecycle import edits

    top = repository_for(data, commit)
    tgt = edits.target(open_registry(data), match_id.strip())
    today = clock.today(today)
    change = edits.add_update(
        tgt,
        summary,
        on=on or today,
        today=today,
        milestones=milestone,
        good_practice=good_practice,
        write=not dry_run,
    )
    report_change(change, dry_run=dry_run, top=top, by=option_text(by))


def brief_command(
    match_id: MatchArg,
    party: Annotated[
        str,
        typer.Option(
            "--for", metavar="PARTY", help="A requesting State's ISO3 code or an offer id."
        ),
    ],
    output_format: Annotated[BriefFormat | None, format_option("brief")] = None,
    data: DataDirOpt = DEFAULT_DATA,
    output: OutputOpt = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help="Language of the brief: en, fr or es. Default: the first of the party's working "
            "languages (its record's `languages`) that the tool speaks, else en.",
            show_default=False,
        ),
    ] = None,
    today: TodayOpt = None,
) -> None:
    """Print what one party to a match may see now, and what is withheld and why (FS 3).

    A confidential request's details wait for the requesting States' consent on the match; a
    confidential offer's details wait for the offer's consent. Contact data is never included.
    The brief is a document to send: Markdown (default), HTML or a PDF (-o brief.pdf), in the
    party's language.

    \b
    Examples:
      acsg brief MAT-2021-001 --for OFF-2019-001
      acsg brief MAT-2021-001 --for NER --lang fr -o brief.pdf
      acsg brief MAT-2021-001 --for NER --format json
    """
    from acsg_cli import clock
    from acsg_cli.i18n import language
    from acsg_cli.lifecycle.brief import build_brief
    from acsg_cli.render.briefs import DatedBrief, default_language

    registry = open_registry(data)
    if output is not None:
        from acsg_cli.render.destination import check_output

        check_output(output, data)
    brief = build_brief(registry, match_id, party)
    with language(lang or default_language(brief)):
        result = DatedBrief(brief, clock.today(today).isoformat())
        emit("brief", result, output_format, output, registry_root=data)


def repository_for(data: Path, commit: bool) -> Path | None:
    """The git repository holding `data`, when the edit is to be committed (`--commit`)."""
    if not commit:
        return None
    from acsg_cli.lifecycle.commit import repository_of

    return repository_of(data)


def _target(data: Path, match_id: str, config: Path | None) -> Target:
    """The match to edit, with the rules that judge a request its edit puts back to open."""
    from acsg_cli.config import load_config
    from acsg_cli.lifecycle import edits

    rules = load_config(data, explicit=config).rules()
    return edits.target(open_registry(data), match_id.strip(), rules)


def option_text(value: str | None) -> str | None:
    """A text option's value, stripped; None when blank."""
    return value.strip() or None if value is not None else None


def report_change(change: Change, *, dry_run: bool, top: Path | None, by: str | None) -> None:
    """Print what a lifecycle edit did (or, with --dry-run, would do) and commit it when asked."""
    from acsg_cli.render.safety import terminal, terminal_block

    edits = change.edits
    for edit in edits:
        for note in edit.notes:
            typer.echo(f"warning: {terminal(note)}", err=True)
    if dry_run:
        sys.stdout.write(terminal_block("".join(edit.diff() for edit in edits)))
        for line in change.lines:
            typer.echo(terminal(line), err=True)
        typer.echo("dry run: nothing written", err=True)
        return
    for line in change.lines:
        typer.echo(terminal(line))
    if not change.edit.changed:
        typer.echo(f"{terminal(change.edit.display)} unchanged", err=True)
        return
    written = [edit for edit in edits if edit.changed]
    for edit in written:
        typer.echo(f"wrote {terminal(edit.display)}", err=True)
    if top is not None:
        from acsg_cli.lifecycle.commit import author_name, commit_files

        person = by or author_name(top)
        subject = f"{change.record_id}: {change.summary} (recorded by {person})"
        sha = commit_files(top, [e.path for e in written], subject, "\n".join(change.lines))
        typer.echo(f"committed {sha}: {terminal(subject)}", err=True)


def register(app: typer.Typer) -> None:
    consent_app.command("record")(consent_record_command)
    match_app.command("status")(match_status_command)
    match_app.command("update")(match_update_command)
    app.command("brief")(brief_command)
