"""What a lifecycle edit checks before it writes anything.

Each record's new text must load as its model (`model_check`); a match's history must obey the
state machine (`match_checker`); a move or an override that needs a note has one
(`require_note`); the date of a decision or a move must not be in the future nor
before the match's proposal; and a party's decisions follow each other in a sensible order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from acsg_cli import problems as codes
from acsg_cli.errors import DataError, UsageError
from acsg_cli.lifecycle import statemachine as sm
from acsg_cli.models import Match, Offer, Request
from acsg_cli.problems import Problem, Severity
from acsg_cli.vocab import Decision, MatchStatus
from acsg_cli.yamlio.reader import Document

if TYPE_CHECKING:
    from acsg_cli.lifecycle.edits import Target


def model_check(
    model: type[Match] | type[Request] | type[Offer], display: str
) -> Callable[[Document], list[Problem]]:
    """The problems of a record's new text as `model` reads it (an edit refuses on any)."""

    def check(document: Document) -> list[Problem]:
        from pydantic import ValidationError

        from acsg_cli.models.errors import describe

        try:
            model.model_validate(document.data)
        except ValidationError as exc:
            found = []
            for error in exc.errors():
                code, loc, message = describe(error)
                line, column = document.source_map.locate_value(loc)
                found.append(codes.problem(display, line, column, code, message))
            return found
        return []

    return check


def match_checker(tgt: Target) -> Callable[[Document], list[Problem]]:
    """The checks every edit of a match file passes: its model, and its history (the state
    machine)."""
    loads = model_check(Match, tgt.display)

    def check(document: Document) -> list[Problem]:
        found = loads(document)
        if found:
            return found
        match = Match.model_validate(document.data)
        smap = document.source_map
        return [
            codes.problem(
                tgt.display,
                *smap.locate_value(path),
                codes.LIFECYCLE,
                message,
                severity=Severity.ERROR,
            )
            for path, message in sm.check_history(match, tgt.request)
        ]

    return check


def require_note(note: str | None, what: str) -> str:
    """The `--note` that `what` needs (a withdrawal, a reopening, a forced match), stripped. A
    missing note is a usage error (exit 2) wherever it is asked for."""
    if note is None or not note.strip():
        raise UsageError(f"{what} needs --note saying why")
    return note.strip()


def check_date(match: Match, on: date, today: date, *, chronological: bool) -> None:
    if on > today:
        raise DataError(f"--on {on} is in the future (today is {today})")
    if match.proposed_on is not None and on < match.proposed_on:
        raise DataError(f"--on {on} is before {match.id} was proposed ({match.proposed_on})")
    if chronological and match.history and on < match.history[-1].on:
        raise DataError(
            f"--on {on} is before the last move of {match.id} ({match.history[-1].status.value} on "
            f"{match.history[-1].on}); decisions and moves are recorded in date order"
        )


def latest_index(match: Match, party: str) -> int | None:
    found = [i for i, c in enumerate(match.consents) if c.party == party]
    return found[-1] if found else None


def check_sequence(match: Match, party: str, decision: Decision, previous: int | None) -> None:
    before = match.consents[previous] if previous is not None else None
    if decision is Decision.WITHDRAWN:
        if before is None or before.decision is not Decision.GRANTED:
            now = before.decision.value if before is not None else "none yet"
            raise DataError(
                f"{party} has no granted consent on {match.id} to withdraw (its decision: {now})"
            )
        return
    if before is not None and before.decision is not Decision.WITHDRAWN:
        raise DataError(
            f"{party} already decided '{before.decision.value}' on {before.on} "
            f"(consents[{previous}] of {match.id}); use --replace to correct that entry"
            + (
                ", or --decision withdrawn to withdraw it"
                if before.decision is Decision.GRANTED
                else ""
            )
        )


def check_steps(match: Match, steps: list[MatchStatus], party: str, decision: Decision) -> None:
    current = match.status
    for step in steps:
        move = sm.find_move(current, step, sm.Trigger.CONSENT)
        if move is None:
            allowed = sm.describe_moves(sm.moves_from(match.status))
            raise DataError(
                f"recording {party} {decision.value} would move {match.id} from '{current.value}' "
                "to "
                f"'{step.value}', which the state machine forbids; from '{match.status.value}' a "
                f"match moves to: {allowed}"
            )
        current = step
