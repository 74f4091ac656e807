"""The lifecycle edits of a match file: record consent, move the status, add a progress update.

Each edit reads the match again under its lock (`yamlio.editor`), decides from that fresh
content with the state machine, appends to `consents`, `history` or `updates`, and is
validated (model and `check_history`) before it is written. A refused edit raises
`DataError` and leaves the file byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acsg_cli.errors import DataError, UsageError
from acsg_cli.i18n import ngettext
from acsg_cli.lifecycle import statemachine as sm
from acsg_cli.lifecycle.edit_checks import (
    check_date,
    check_sequence,
    check_steps,
    latest_index,
    match_checker,
    require_note,
)
from acsg_cli.models import Match, Request
from acsg_cli.registry import Registry
from acsg_cli.vocab import Decision, MatchStatus, RequestStatus
from acsg_cli.yamlio.editor import EditResult, RoundTrip
from acsg_cli.yamlio.reader import Document

if TYPE_CHECKING:
    from acsg_cli.rules.engine import RuleSettings

MATCH_KEYS = tuple(Match.model_fields)
"""Model order of a match's keys: where a missing `consents` or `updates` list is inserted."""


@dataclass(frozen=True)
class Change:
    """What a lifecycle edit did: the record it was made on (a match, or a reopened request), a
    one-line summary (for commit messages), the lines to print, the edit of that record and those
    of the request and offers whose status followed it (`also`)."""

    record_id: str
    summary: str
    lines: tuple[str, ...]
    edit: EditResult
    also: tuple[EditResult, ...] = ()

    @property
    def edits(self) -> tuple[EditResult, ...]:
        return (self.edit, *self.also)


@dataclass(frozen=True)
class Target:
    """The match file to edit, the request it answers and the registry they were read from
    (the request and offers follow the match's status: `lifecycle.following`)."""

    match_id: str
    path: Path
    display: str
    request: Request
    registry: Registry
    rules: RuleSettings | None = None
    """The rules that judge a request the edit puts back among the open ones (the defaults when
    None): what it fails of them is said after the edit (`follow_edits.criteria_left`)."""


def target(registry: Registry, match_id: str, rules: RuleSettings | None = None) -> Target:
    """Find a match's file and its request; `UnknownIdError`/`DataError` when either is missing."""
    match = registry.require(match_id, "match")
    source = registry.sources[match.id]
    if source.real_path is None:
        raise DataError(f"{source.display} is not a file on disk; it cannot be edited")
    request = registry.requests.get(match.request)
    if request is None:
        raise DataError(
            f"{match.id} names request {match.request}, which does not load; run `acsg validate`"
        )
    return Target(match.id, source.real_path, source.display, request, registry, rules)


def record_consent(
    tgt: Target,
    party: str,
    decision: Decision,
    *,
    on: date,
    today: date,
    by: str | None = None,
    via: str | None = None,
    evidence: str | None = None,
    replace: bool = False,
    write: bool = True,
) -> Change:
    """Record one party's decision and make the status moves it causes (see `statemachine`)."""
    party = party.strip().upper()  # ISO3 codes and offer ids are both upper case

    def change(document: Document, rt: RoundTrip) -> tuple[str, list[str]]:
        match = _current(document, tgt)
        parties = match.parties(list(tgt.request.requesting_states))
        if party not in parties:
            raise DataError(
                f"'{party}' is not a party to {match.id}; its parties are {', '.join(parties)} "
                "(each requesting State by ISO3 code, each offer by id)"
            )
        if match.status not in sm.LIVE:
            raise DataError(
                f"{match.id} is {match.status.value}; consent is recorded only on a live match "
                f"({', '.join(s.value for s in MatchStatus if s in sm.LIVE)})"
            )
        check_date(match, on, today, chronological=True)
        decisions = sm.current_decisions(match.consents)
        previous = latest_index(match, party)
        entry = _without_none(
            {
                "party": party,
                "decision": decision.value,
                "on": on,
                "recorded_by": by,
                "via": via,
                "evidence": evidence,
            }
        )
        if replace:
            if previous is None:
                raise DataError(
                    f"{party} has no recorded decision on {match.id} to replace; "
                    "record it without --replace"
                )
        else:
            check_sequence(match, party, decision, previous)
        decisions[party] = decision
        steps = sm.consent_moves(match.status, parties, decisions)
        check_steps(match, steps, party, decision)
        if replace and previous is not None:
            rt.update_item("consents", previous, entry)
            what = f"consent of {party} replaced: {decision.value} on {on.isoformat()}"
        else:
            rt.append("consents", entry)
            what = f"consent of {party} recorded: {decision.value} on {on.isoformat()}"
        lines = [f"{match.id}: {what}"]
        lines += _apply_moves(
            rt, match, steps, on, by=by, note=_consent_note(party, decision, parties, decisions)
        )
        summary = f"consent of {party} {decision.value}" + "".join(
            f"; status {s.value}" for s in steps
        )
        return summary, lines

    return _run(tgt, change, write, on=on, by=by, today=today)


def move_status(
    tgt: Target,
    new: str,
    *,
    on: date,
    today: date,
    by: str | None = None,
    note: str | None = None,
    write: bool = True,
) -> Change:
    """Make a Secretariat move (`match status`): only moves the state machine gives to commands."""
    try:
        wanted = MatchStatus(new.strip())
    except ValueError:
        raise UsageError(
            f"'{new}' is not a match status; expected one of: "
            f"{', '.join(s.value for s in MatchStatus)}"
        ) from None

    def change(document: Document, rt: RoundTrip) -> tuple[str, list[str]]:
        match = _current(document, tgt)
        status = match.status
        allowed = sm.moves_from(status, sm.Trigger.COMMAND)
        listed = (
            f"allowed with `acsg match status` from '{status.value}': {sm.describe_moves(allowed)}"
        )
        if wanted is status:
            raise DataError(f"{match.id} is already {status.value}; {listed}")
        move = sm.find_move(status, wanted, sm.Trigger.COMMAND) or sm.find_move(status, wanted)
        if move is None:
            raise DataError(
                f"{match.id} cannot move from '{status.value}' to '{wanted.value}'; {listed}"
            )
        if sm.Trigger.COMMAND not in move.triggers:
            raise DataError(
                f"{match.id} moves from '{status.value}' to '{wanted.value}' only when "
                f"{move.condition}: record each party's decision with `acsg consent record`; "
                f"{listed}"
            )
        if move.needs_note:
            require_note(note, f"moving {match.id} to '{wanted.value}'")
        check_date(match, on, today, chronological=True)
        lines = _apply_moves(rt, match, [wanted], on, by=by, note=note)
        return f"status {status.value} -> {wanted.value}", lines

    return _run(tgt, change, write, on=on, by=by, today=today)


def add_update(
    tgt: Target,
    summary: str,
    *,
    on: date,
    today: date,
    milestones: list[str] | None = None,
    good_practice: bool = False,
    write: bool = True,
) -> Change:
    """Append a progress update (FS 5) to an agreed or later match."""
    if not summary.strip():
        raise UsageError("--summary must not be blank")
    met = [m.strip() for m in milestones or [] if m.strip()]

    def change(document: Document, rt: RoundTrip) -> tuple[str, list[str]]:
        match = _current(document, tgt)
        if match.status not in sm.UPDATABLE:
            raise DataError(
                f"{match.id} is {match.status.value}; progress updates are recorded once a match "
                f"is {', '.join(s.value for s in MatchStatus if s in sm.UPDATABLE)}"
            )
        check_date(match, on, today, chronological=False)
        if match.updates and on < match.updates[-1].on:
            raise DataError(
                f"--on {on} is before the latest update ({match.updates[-1].on}); "
                "updates are kept in date order"
            )
        entry = _without_none(
            {
                "on": on,
                "summary": summary.strip(),
                "milestones_met": met or None,
                "good_practice": True if good_practice else None,
            }
        )
        rt.append("updates", entry)
        extra = (
            ", " + ngettext("{n} milestone met", "{n} milestones met", len(met)).format(n=len(met))
            if met
            else ""
        )
        extra += ", marked as good practice" if good_practice else ""
        return f"progress update of {on.isoformat()}", [
            f"{match.id}: progress update of {on.isoformat()} recorded{extra}"
        ]

    return _run(tgt, change, write)


def _run(
    tgt: Target,
    change: Callable[[Document, RoundTrip], tuple[str, list[str]]],
    write: bool,
    *,
    on: date | None = None,
    by: str | None = None,
    today: date | None = None,
) -> Change:
    """Edit the match; with `on` (a status move), the request and offers whose status follows
    it are edited in the same step: all files or none. A request put back among the open ones
    is told what it fails of the criteria, as `acsg request reopen` tells it."""
    from acsg_cli.lifecycle.follow_edits import criteria_left, follow_steps
    from acsg_cli.lifecycle.following import Follow
    from acsg_cli.yamlio.together import Step, edit_together

    follows: list[Follow] = []

    def then(edited: EditResult, _: object) -> list[Step]:
        if on is None:
            return []
        found = follow_steps(tgt.registry, edited, on=on, by=by)
        follows.extend(f for f, _step in found)
        return [step for _f, step in found]

    first = Step(tgt.path, tgt.display, change, match_checker(tgt), MATCH_KEYS)
    edit, (summary, lines), also = edit_together(first, then, write=write)
    moved = [f"{f.record_id}: status {f.old} -> {f.new} ({f.note})" for f in follows]
    day = today or on
    for f, followed in zip(follows, also, strict=True):
        if day is not None and f.kind == "request" and f.new == RequestStatus.OPEN:
            moved += criteria_left(tgt.registry, followed, day, tgt.rules, ended=edit)
    return Change(tgt.match_id, summary, (*lines, *moved), edit, tuple(also))


def _current(document: Document, tgt: Target) -> Match:
    """The match as it is in the file now (another writer may have changed it since loading)."""
    from pydantic import ValidationError

    try:
        match = Match.model_validate(document.data)
    except ValidationError:
        raise DataError(f"{tgt.display} does not load; run `acsg validate {tgt.display}`") from None
    if match.request != tgt.request.id:
        raise DataError(
            f"{tgt.display} changed while loading (it now names {match.request}); try again"
        )
    return match


def _consent_note(
    party: str, decision: Decision, parties: list[str], decisions: dict[str, Decision]
) -> Callable[[MatchStatus], str]:
    def note(status: MatchStatus) -> str:
        if status is sm.A:
            return f"Every party granted consent ({', '.join(parties)})."
        if status is sm.D:
            return f"{party} declined."
        if decision is Decision.WITHDRAWN:
            return f"{party} withdrew its consent."
        waiting = [p for p in parties if decisions.get(p) is not Decision.GRANTED]
        return (
            f"{party} {decision.value}; waiting for {', '.join(waiting)}."
            if waiting
            else f"{party} {decision.value}."
        )

    return note


def _apply_moves(
    rt: RoundTrip,
    match: Match,
    steps: list[MatchStatus],
    on: date,
    *,
    by: str | None,
    note: str | Callable[[MatchStatus], str] | None,
) -> list[str]:
    lines = []
    current = match.status
    for step in steps:
        text = note(step) if callable(note) else note
        rt.append(
            "history",
            _without_none(
                {"on": on, "status": step.value, "by": by, "note": text.strip() if text else None}
            ),
        )
        lines.append(f"{match.id}: status {current.value} -> {step.value}")
        current = step
    if steps:
        rt.set_scalar("status", steps[-1].value)
    return lines


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
