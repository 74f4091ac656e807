"""A request's and an offer's status follow their matches.

A request leaves `open` when a match for it is agreed (it becomes `matched`) and returns to
`open` only when every match that held it has ended without completion (declined, withdrawn),
or when the Secretariat reopens it explicitly (a `history` entry moving it to `open`). An
offer's free capacity is its `capacity` less its agreed live matches: it is `committed` while
they fill it and `open` again once one ends or completes.

One definition serves three callers: `validate` (ACSG118, ACSG206) flags a status that
contradicts the matches, in both directions; the lifecycle commands (`acsg consent record`,
`acsg match status`) move the request and the offers with the match, in the same step; and
the reports read a record's status as of a date from its `history`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from acsg_cli.lifecycle.statemachine import AGREED_OR_LATER
from acsg_cli.vocab import MatchStatus, OfferStatus, RequestStatus

if TYPE_CHECKING:
    from acsg_cli.models import Match, Offer, Request
    from acsg_cli.registry import Registry

HOLDING = frozenset({MatchStatus.AGREED, MatchStatus.WELCOMED, MatchStatus.IN_IMPLEMENTATION})
"""Agreed and still under way: such a match holds its request and a place of each offer."""


@dataclass(frozen=True)
class Expected:
    """The status a record should have given its matches, and why."""

    status: RequestStatus | OfferStatus
    reason: str


def _ids(matches: Iterable[Match]) -> str:
    return ", ".join(f"{m.id} ({m.status.value})" for m in matches)


def started_on(match: Match) -> date | None:
    """When a match came into being: its proposal date, else its first history entry (a
    history starting before the proposal is ACSG306's problem)."""
    if match.proposed_on is not None:
        return match.proposed_on
    return match.history[0].on if match.history else None


def completed_on(match: Match) -> date | None:
    """When the match was completed: its history entry moving it there."""
    for entry in match.history:
        if entry.status is MatchStatus.COMPLETED:
            return entry.on
    return None


def held_since(registry: Registry, record_id: str) -> date | None:
    """Since when a request or an offer has been held by its matches: the earliest date one of
    the matches that hold it (or completed it) was agreed; None when none did."""
    if record_id in registry.requests:
        matches = registry.matches_for_request(record_id)
    else:
        matches = registry.matches_for_offer(record_id)
    agreed = (
        next((e.on for e in m.history if e.status in AGREED_OR_LATER), None)
        for m in matches
        if m.status in AGREED_OR_LATER
    )
    return min((d for d in agreed if d is not None), default=None)


def reopened_after(request: Request, on: date | None) -> bool:
    """Whether the Secretariat reopened the request (a history entry to `open`) on or after `on`."""
    return any(
        e.status is RequestStatus.OPEN and (on is None or e.on >= on) for e in request.history
    )


def holds(match: Match, states: Sequence[str]) -> bool:
    """Whether the match holds its request and a place of each of its offers: agreed (or later,
    still live) with every party's consent granted (`states`: its request's requesting States).
    A status claiming agreement without the consents is ACSG306's problem and moves neither the
    request nor the offers."""
    from acsg_cli.lifecycle.statemachine import current_decisions
    from acsg_cli.vocab import Decision

    if match.status not in HOLDING:
        return False
    decisions = current_decisions(match.consents)
    return all(decisions.get(p) is Decision.GRANTED for p in match.parties(list(states)))


def expected_request(request: Request, matches: Sequence[Match]) -> Expected | None:
    """The status `request` should have given `matches` (all of its matches), or None when its
    status agrees with them. A withdrawn or closed request is the Secretariat's decision: a
    live match on it is ACSG022's problem, not its status's."""
    status = request.status
    if status in (RequestStatus.WITHDRAWN, RequestStatus.CLOSED):
        return None
    holding = [m for m in matches if holds(m, request.requesting_states)]
    completed = [m for m in matches if m.status is MatchStatus.COMPLETED]
    if holding and status is not RequestStatus.MATCHED:
        return Expected(RequestStatus.MATCHED, f"a match for it is agreed: {_ids(holding)}")
    if holding:
        return None
    if status is RequestStatus.MATCHED and not completed:
        ended = list(matches)
        why = f"none of its matches is agreed ({_ids(ended)})" if ended else "it has no match"
        return Expected(RequestStatus.OPEN, f"{why}, so the request is open again")
    if completed and status in (RequestStatus.OPEN, RequestStatus.DRAFT):
        last = max((completed_on(m) or date.min for m in completed), default=None)
        if not reopened_after(request, last):
            return Expected(
                RequestStatus.MATCHED,
                f"{_ids(completed)} completed the support and the request was not reopened "
                "(`acsg request reopen`)",
            )
    return None


def expected_offer(
    offer: Offer, matches: Sequence[Match], requests: Mapping[str, Request]
) -> Expected | None:
    """The status `offer` should have given `matches` (all of its matches; `requests` gives
    their requests, whose States' consents a match needs to hold the offer), or None."""
    holding = [m for m in matches if holds(m, requesting_states(requests, m))]
    if offer.status is OfferStatus.OPEN and len(holding) >= offer.capacity:
        return Expected(
            OfferStatus.COMMITTED,
            f"its capacity ({offer.capacity}) is taken by agreed matches {_ids(holding)}",
        )
    if offer.status is OfferStatus.COMMITTED and len(holding) < offer.capacity:
        taken = f" ({_ids(holding)})" if holding else ""
        return Expected(
            OfferStatus.OPEN,
            f"only {len(holding)} of its capacity of {offer.capacity} is taken by agreed "
            f"matches{taken}, so it is open",
        )
    return None


def requesting_states(requests: Mapping[str, Request], match: Match) -> Sequence[str]:
    """The States whose consent `match` needs besides its offers' (none known when its request
    does not load)."""
    request = requests.get(match.request)
    return request.requesting_states if request is not None else ()


@dataclass(frozen=True)
class Follow:
    """A status change of a request or an offer that a match's move causes."""

    kind: str
    record_id: str
    old: str
    new: str
    note: str


def follow(registry: Registry, match: Match) -> list[Follow]:
    """The status changes of `match`'s request and offers once `match` (as it is about to be
    written) replaces the registry's version. Withdrawn and closed records are left alone: those
    are the Secretariat's own decisions."""
    out: list[Follow] = []
    request = registry.requests.get(match.request)
    if request is not None:
        mine = _with(registry.matches_for_request(request.id), match)
        found = expected_request(request, mine)
        if found is not None:
            note = found.reason
            out.append(Follow("request", request.id, request.status.value, found.status, note))
    for offer_id in match.offers:
        offer = registry.offers.get(offer_id)
        if offer is None or offer.status not in (OfferStatus.OPEN, OfferStatus.COMMITTED):
            continue
        mine = _with(registry.matches_for_offer(offer.id), match)
        found = expected_offer(offer, mine, registry.requests)
        if found is not None:
            note = found.reason
            out.append(Follow("offer", offer.id, offer.status.value, found.status, note))
    return out


def _with(matches: Iterable[Match], match: Match) -> list[Match]:
    others = [m for m in matches if m.id != match.id]
    return [*others, match]
