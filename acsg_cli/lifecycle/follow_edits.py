"""The request and offer edits a match's move causes (`following.follow`), as steps of one
change with the match's own edit (`yamlio.together`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from acsg_cli.errors import DataError
from acsg_cli.lifecycle.edit_checks import model_check
from acsg_cli.lifecycle.following import Follow, follow, held_since
from acsg_cli.models import Match, Offer, Request
from acsg_cli.registry import Registry
from acsg_cli.vocab import OfferStatus, RequestStatus
from acsg_cli.yamlio.editor import EditResult, RoundTrip
from acsg_cli.yamlio.reader import Document, read_bytes
from acsg_cli.yamlio.together import Step

if TYPE_CHECKING:
    from acsg_cli.rules.engine import RuleSettings


def follow_steps(
    registry: Registry, edited: EditResult, *, on: date, by: str | None
) -> list[tuple[Follow, Step]]:
    """The statuses the match edited in `edited` moves, each with the step that edits its file."""
    if not edited.changed:
        return []
    match = Match.model_validate(read_bytes(edited.after.encode()).data)
    out = []
    for moved in follow(registry, match):
        source = registry.sources[moved.record_id]
        if source.real_path is None:
            raise DataError(f"{source.display} is not a file on disk; it cannot be edited")
        model: type[Request] | type[Offer] = Request if moved.kind == "request" else Offer
        step = Step(
            source.real_path,
            source.display,
            _change(moved, source.display, on, by, held_since(registry, moved.record_id)),
            model_check(model, source.display),
            tuple(model.model_fields),
        )
        out.append((moved, step))
    return out


def _change(
    moved: Follow, display: str, on: date, by: str | None, held: date | None
) -> Callable[[Document, RoundTrip], None]:
    def change(document: Document, rt: RoundTrip) -> None:
        current = document.data.get("status") if isinstance(document.data, dict) else None
        if current != moved.old:
            raise DataError(
                f"{display} changed while the match was edited (its status is now {current}); "
                "nothing was written, try again"
            )
        record_move(document, rt, str(moved.new), on=on, by=by, note=moved.note, held=held)

    return change


_HELD = (RequestStatus.MATCHED.value, OfferStatus.COMMITTED.value)
"""The statuses a record's matches give it; open (for requests and offers alike) before."""


def record_move(
    document: Document,
    rt: RoundTrip,
    status: str,
    *,
    on: date,
    by: str | None,
    note: str,
    held: date | None = None,
) -> None:
    """Set a request's or an offer's `status` and append the move to its `history`.

    The first move recorded on a record is preceded by the status it had until then, so that its
    history gives its status on any date (`--as-of`): dated when it was submitted, or, for a
    status its matches gave it (matched, committed), open until `held` (`following.held_since`)
    and that status from then."""
    data = document.data if isinstance(document.data, dict) else {}
    before, submitted = data.get("status"), data.get("submitted_on")
    first: list[dict[str, Any]] = []
    if not data.get("history") and before and submitted:
        since = date.fromisoformat(str(submitted))
        if held is not None and held > since and before in _HELD:
            first.append({"on": since, "status": RequestStatus.OPEN.value})
            since = held
        first.append({"on": since, "status": str(before)})
    _check_order(data, first, on)
    for preceding in first:
        rt.append("history", preceding)
    rt.set_scalar("status", status)
    entry: dict[str, Any] = {"on": on, "status": status}
    if by:
        entry["by"] = by
    entry["note"] = note
    rt.append("history", entry)


def _check_order(data: dict[str, Any], first: list[dict[str, Any]], on: date) -> None:
    """Refuse a move dated before the record's last recorded one (or the entries its first move
    is preceded by): its history is kept in date order (ACSG118), whatever the match's says."""
    history = data.get("history")
    last = [*(history if isinstance(history, list) else []), *first][-1:]
    try:
        latest = date.fromisoformat(str(last[0]["on"]))
    except (IndexError, KeyError, TypeError, ValueError):
        return  # no dated move: nothing to order against (the model check reports a bad date)
    if on < latest:
        raise DataError(
            f"--on {on} is before the last move of {data.get('id')} ({last[0].get('status')} on "
            f"{latest}); its history is kept in date order"
        )


def criteria_left(
    registry: Registry,
    edit: EditResult,
    today: date,
    rules: RuleSettings | None,
    *,
    ended: EditResult | None = None,
) -> tuple[str, ...]:
    """What a request put back among the open ones (its edit: `edit`) lacks: an open request
    must meet the criteria the rules (`rules`; the defaults when None) excuse a matched or
    closed one from, so `acsg validate` reports them from now on. Said after `acsg request
    reopen` and after a match's end that reopens the request alike; for the latter, `ended`
    is the match's edit, judged as it now is (it no longer holds the request)."""
    from dataclasses import replace

    from acsg_cli.problems import Severity
    from acsg_cli.registry import RecordSource
    from acsg_cli.rules.engine import check_candidate

    if ended is not None:
        match = Match.model_validate(read_bytes(ended.after.encode()).data)
        registry = replace(registry, matches={**registry.matches, match.id: match})
    document = read_bytes(edit.after.encode())
    record = Request.model_validate(document.data)
    source = RecordSource(edit.display, document.source_map)
    found = check_candidate(registry, record, source, rules, today=today)
    failed = sorted({p.code for p in found if p.severity is Severity.ERROR})
    if not failed:
        return ()
    return (
        f"warning: as an open request it fails {', '.join(failed)}; complete it before it is "
        f"matched again (acsg validate {edit.display})",
    )
