"""`acsg request reopen`: the Secretariat puts a matched or closed request back among the open
ones, with a note saying why (more support is needed after a completed match, say).

The request's status follows its matches (`lifecycle.following`); this is the one move the
Secretariat makes by hand. A request still held by an agreed match cannot be reopened: end that
match first (`acsg match status MATCH withdrawn --note ...`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from acsg_cli.errors import DataError
from acsg_cli.lifecycle.edit_checks import require_note
from acsg_cli.lifecycle.edits import Change
from acsg_cli.lifecycle.follow_edits import criteria_left, record_move
from acsg_cli.lifecycle.following import completed_on, held_since, holds
from acsg_cli.models import Request
from acsg_cli.problems import Problem
from acsg_cli.registry import Registry
from acsg_cli.vocab import RequestStatus
from acsg_cli.yamlio.editor import RoundTrip, edit_record
from acsg_cli.yamlio.reader import Document

if TYPE_CHECKING:
    from acsg_cli.rules.engine import RuleSettings

REOPENABLE = (RequestStatus.MATCHED, RequestStatus.CLOSED)


def reopen(
    registry: Registry,
    request_id: str,
    rules: RuleSettings | None,
    *,
    note: str | None,
    on: date,
    today: date,
    by: str | None = None,
    write: bool = True,
) -> Change:
    """Move `request_id` back to `open`, appending the move to its history; what an open
    request fails of the rules (`rules`: the project's settings, the defaults when None) is
    said after it."""
    note = require_note(note, "reopening a request")
    request: Request = registry.require(request_id.strip(), "request")
    source = registry.sources[request.id]
    if source.real_path is None:
        raise DataError(f"{source.display} is not a file on disk; it cannot be edited")
    if on > today:
        raise DataError(f"--on {on} is in the future (today is {today})")
    holding = [
        m.id
        for m in registry.matches_for_request(request.id)
        if holds(m, request.requesting_states)
    ]
    if holding:
        raise DataError(
            f"{request.id} is held by the agreed match {', '.join(holding)}; end that match first "
            "(`acsg match status MATCH withdrawn --note ...`)"
        )

    held = held_since(registry, request.id)
    completed = [d for m in registry.matches_for_request(request.id) if (d := completed_on(m))]
    latest = max([d for d in (held, *completed) if d is not None], default=None)
    if latest is not None and on < latest:
        raise DataError(
            f"--on {on} is before {request.id} was last matched or completed ({latest})"
        )

    def change(document: Document, rt: RoundTrip) -> None:
        current = Request.model_validate(document.data)
        if current.status not in REOPENABLE:
            raise DataError(
                f"{request.id} is {current.status.value}; only a "
                f"{' or '.join(s.value for s in REOPENABLE)} request can be reopened"
            )
        record_move(document, rt, RequestStatus.OPEN.value, on=on, by=by, note=note, held=held)

    edit, _ = edit_record(
        source.real_path,
        source.display,
        change,
        check=_check(source.display),
        write=write,
        order=tuple(Request.model_fields),
    )
    line = f"{request.id}: reopened ({request.status.value} -> open) on {on.isoformat()}"
    return Change(
        request.id, "reopened", (line, *criteria_left(registry, edit, today, rules)), edit
    )


def _check(display: str) -> Callable[[Document], list[Problem]]:
    from acsg_cli.lifecycle.edit_checks import model_check

    return model_check(Request, display)
