"""The match state machine, defined once as data (FS 3, FS 5).

```
proposed -> consent_pending -> agreed -> welcomed -> in_implementation -> completed
    \\              \\            ^  |
     `-> declined <-'            `--' (a party withdraws its consent)
any live status -> withdrawn (with a note)
```

Each `Move` says which status it leaves and enters, what triggers it and under which
condition. Two triggers exist: `consent` (the move follows from the decisions recorded with
`acsg consent record`) and `command` (a Secretariat decision, `acsg match status`). The same
table drives the commands and `check_history`, which the ACSG306 rule runs on recorded histories.

Consent. Each party (every requesting State by its ISO3 code, every offer by its id) has one
current decision: its latest entry in `consents`. A match is `agreed` only when every party's
current decision is `granted`; any `declined` ends it (`declined`). A party that withdraws a
granted consent sends an `agreed` match back to `consent_pending` (the parties may still
agree); once the match is `welcomed` or `in_implementation` a withdrawal ends it (`withdrawn`),
because support has been announced or is under way and cannot wait for a new agreement.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from acsg_cli.vocab import Decision, MatchStatus

if TYPE_CHECKING:
    from acsg_cli.models import Consent, Match, Request

KeyPath = tuple[str | int, ...]

P = MatchStatus.PROPOSED
CP = MatchStatus.CONSENT_PENDING
A = MatchStatus.AGREED
W = MatchStatus.WELCOMED
I = MatchStatus.IN_IMPLEMENTATION  # noqa: E741
C = MatchStatus.COMPLETED
D = MatchStatus.DECLINED
X = MatchStatus.WITHDRAWN


class Trigger(StrEnum):
    """What makes a move happen."""

    CONSENT = "consent"
    """It follows from the parties' recorded decisions (`acsg consent record`)."""
    COMMAND = "command"
    """The Secretariat records it (`acsg match status`)."""


@dataclass(frozen=True)
class Move:
    """One allowed move of the state machine."""

    source: MatchStatus
    target: MatchStatus
    triggers: frozenset[Trigger]
    condition: str
    needs_note: bool = False


_BY_CONSENT = frozenset({Trigger.CONSENT})
_BY_COMMAND = frozenset({Trigger.COMMAND})
_BY_EITHER = frozenset({Trigger.CONSENT, Trigger.COMMAND})

MOVES: tuple[Move, ...] = (
    Move(P, CP, _BY_EITHER, "the parties are asked for consent, or a first party has decided"),
    Move(P, D, _BY_CONSENT, "a party declined"),
    Move(CP, A, _BY_CONSENT, "every party granted consent"),
    Move(CP, D, _BY_CONSENT, "a party declined"),
    Move(A, CP, _BY_CONSENT, "a party withdrew its consent before the match was welcomed"),
    Move(A, W, _BY_COMMAND, "the match is welcomed (by the States, at a stocktaking)"),
    Move(W, I, _BY_COMMAND, "support has started"),
    Move(I, C, _BY_COMMAND, "support is complete"),
    Move(W, X, _BY_CONSENT, "a party withdrew its consent after the match was welcomed"),
    Move(I, X, _BY_CONSENT, "a party withdrew its consent during implementation"),
    *(
        Move(s, X, _BY_COMMAND, "the match is withdrawn; a note says why", needs_note=True)
        for s in (P, CP, A, W, I)
    ),
)
"""Every allowed move. Anything not listed is forbidden."""

LIVE: frozenset[MatchStatus] = frozenset({P, CP, A, W, I})
AGREED_OR_LATER: frozenset[MatchStatus] = frozenset({A, W, I, C})
"""Statuses that hold only when every party's current decision is `granted`."""


def was_agreed(status: MatchStatus, moves: Iterable[MatchStatus]) -> bool:
    """Whether the parties agreed to the match at some time: it is agreed or later now, or it
    was withdrawn after a move its history records as agreed or later."""
    return status in AGREED_OR_LATER or (status is X and any(m in AGREED_OR_LATER for m in moves))


UPDATABLE: frozenset[MatchStatus] = frozenset({A, W, I, C})
"""Statuses in which the parties report progress (FS 5)."""


def moves_from(status: MatchStatus, trigger: Trigger | None = None) -> list[Move]:
    """The moves leaving `status` (only those `trigger` can make, if given), in table order."""
    return [m for m in MOVES if m.source is status and (trigger is None or trigger in m.triggers)]


def find_move(
    source: MatchStatus, target: MatchStatus, trigger: Trigger | None = None
) -> Move | None:
    """The move from `source` to `target` that `trigger` can make (any trigger when None), if
    the machine allows it. Two moves may join the same statuses (a withdrawal by a party's
    consent, or by the Secretariat with a note): the trigger picks the right one."""
    return next(
        (
            m
            for m in MOVES
            if m.source is source
            and m.target is target
            and (trigger is None or trigger in m.triggers)
        ),
        None,
    )


def describe_moves(moves: Sequence[Move]) -> str:
    """`consent_pending, withdrawn (with a note)`, or `none (final status)`."""
    if not moves:
        return "none (final status)"
    return ", ".join(m.target.value + (" (with a note)" if m.needs_note else "") for m in moves)


def current_decisions(
    consents: Sequence[Consent], as_of: date | None = None
) -> dict[str, Decision]:
    """Each party's latest decision (in list order), counting only entries dated `as_of`
    or before."""
    out: dict[str, Decision] = {}
    for consent in consents:
        if as_of is None or consent.on <= as_of:
            out[consent.party] = consent.decision
    return out


def outstanding(parties: Sequence[str], decisions: Mapping[str, Decision]) -> list[str]:
    """Parties whose current decision is not `granted`, with what they decided: `TCD (pending)`."""
    return [
        f"{p} ({decisions[p].value if p in decisions else 'pending'})"
        for p in parties
        if decisions.get(p) is not Decision.GRANTED
    ]


def consent_moves(
    status: MatchStatus, parties: Sequence[str], decisions: Mapping[str, Decision]
) -> list[MatchStatus]:
    """The statuses a match passes through after a decision is recorded, given every party's
    current decision. Empty when the status stays. The caller checks each step with `find_move`.
    """
    values = [decisions.get(p) for p in parties]
    if Decision.DECLINED in values:
        target = D
    elif Decision.WITHDRAWN in values:
        target = X if status in (W, I) else CP
    elif all(v is Decision.GRANTED for v in values):
        target = A if status in (P, CP) else status
    else:
        target = CP if status is P else status
    if target is status:
        return []
    if status is P and target is A:
        return [CP, A]
    return [target]


def check_history(
    match: Match, request: Request | None, *, dates: bool = True
) -> Iterator[tuple[KeyPath, str]]:
    """Check a match's recorded consents and history against the state machine.

    Yields (key path, message) for: consents by someone who is not a party, decisions out of
    sequence (a second decision without a withdrawal in between, a withdrawal of a consent
    never granted), dates before the proposal or out of order, moves the machine forbids, an
    `agreed` entry before every party had granted, a withdrawal without a note, and a current
    `status` that disagrees with the last history entry or with the consents. `request` is
    None when it does not load; party checks are then skipped. With `dates=False` the checks
    of dates against the proposal and of the history's date order are left out (the ACSG305
    rule reports those when validating; edits check everything).
    """
    parties = match.parties(list(request.requesting_states)) if request is not None else None
    yield from _check_consents(match, parties, dates)
    yield from _check_history_entries(match, parties, dates)
    yield from _check_status(match, parties)
    for index, update in enumerate(match.updates):
        if dates and match.proposed_on is not None and update.on < match.proposed_on:
            yield (
                ("updates", index, "on"),
                (f"update dated {update.on}, before the match was proposed ({match.proposed_on})"),
            )


def _check_consents(
    match: Match, parties: list[str] | None, dates: bool
) -> Iterator[tuple[KeyPath, str]]:
    last: dict[str, tuple[int, Consent]] = {}
    for index, consent in enumerate(match.consents):
        if parties is not None and consent.party not in parties:
            yield (
                ("consents", index, "party"),
                (
                    f"'{consent.party}' is not a party to this match; "
                    f"the parties are {', '.join(parties)}"
                ),
            )
        if dates and match.proposed_on is not None and consent.on < match.proposed_on:
            yield (
                ("consents", index, "on"),
                (
                    f"consent dated {consent.on}, before the match was proposed "
                    f"({match.proposed_on})"
                ),
            )
        earlier = last.get(consent.party)
        if earlier is not None:
            before_index, before = earlier
            if consent.on < before.on:
                yield (
                    ("consents", index, "on"),
                    (
                        f"{consent.party}'s decision is dated {consent.on}, before its "
                        f"earlier decision (consents[{before_index}], {before.on})"
                    ),
                )
            if (
                consent.decision is not Decision.WITHDRAWN
                and before.decision is not Decision.WITHDRAWN
            ):
                yield (
                    ("consents", index, "decision"),
                    (
                        f"{consent.party} already decided '{before.decision.value}' "
                        f"(consents[{before_index}]); "
                        "correct that entry, or record a withdrawal before a new decision"
                    ),
                )
        if consent.decision is Decision.WITHDRAWN and (
            earlier is None or earlier[1].decision is not Decision.GRANTED
        ):
            yield (
                ("consents", index, "decision"),
                (
                    f"{consent.party} withdraws a consent it had not granted; "
                    "only a granted consent can be withdrawn"
                ),
            )
        last[consent.party] = (index, consent)


def _check_history_entries(
    match: Match, parties: list[str] | None, dates: bool
) -> Iterator[tuple[KeyPath, str]]:
    history = match.history  # it may start after 'proposed' when earlier moves went unrecorded
    if not history:
        return
    if dates and match.proposed_on is not None and history[0].on < match.proposed_on:
        yield (
            ("history", 0, "on"),
            (
                f"history starts on {history[0].on}, before the match was proposed "
                f"({match.proposed_on})"
            ),
        )
    for index, entry in enumerate(history):
        if entry.status is X and entry.note is None:
            yield ("history", index), "a match is withdrawn with a note saying why"
        if (
            entry.status is A
            and parties is not None
            and (index == 0 or history[index - 1].status is not A)
        ):
            missing = outstanding(parties, current_decisions(match.consents, as_of=entry.on))
            if missing:
                yield (
                    ("history", index, "status"),
                    (
                        f"'agreed' on {entry.on}, but by that date not every party "
                        f"had granted consent: {', '.join(missing)}"
                    ),
                )
        if index == 0:
            continue
        previous = history[index - 1]
        if dates and entry.on < previous.on:
            yield (
                ("history", index, "on"),
                (
                    f"dated {entry.on}, before the previous entry ({previous.on}); "
                    "history is kept in date order"
                ),
            )
        if find_move(previous.status, entry.status) is None:
            yield (
                ("history", index, "status"),
                (
                    f"a match cannot move from '{previous.status.value}' to "
                    f"'{entry.status.value}'; from "
                    f"'{previous.status.value}' it moves to: "
                    f"{describe_moves(moves_from(previous.status))}"
                ),
            )


def _check_status(match: Match, parties: list[str] | None) -> Iterator[tuple[KeyPath, str]]:
    status = match.status
    if match.history and match.history[-1].status is not status:
        yield (
            ("status",),
            (
                f"status is '{status.value}' but the last history entry "
                f"(history[{len(match.history) - 1}]) says '{match.history[-1].status.value}'; "
                "add a history entry for each move"
            ),
        )
    if parties is None:
        return
    decisions = current_decisions(match.consents)
    declined = [p for p in parties if decisions.get(p) is Decision.DECLINED]
    if status in AGREED_OR_LATER:
        missing = outstanding(parties, decisions)
        if missing:
            yield (
                ("status",),
                (
                    f"status is '{status.value}' but not every party has granted consent: "
                    f"{', '.join(missing)}"
                ),
            )
    elif declined and status in LIVE:
        yield ("status",), f"{', '.join(declined)} declined; the status should be 'declined'"
    elif status in (P, CP) and all(decisions.get(p) is Decision.GRANTED for p in parties):
        yield ("status",), "every party has granted consent; the status should be 'agreed'"
    elif status is P and decisions:
        yield ("status",), "a party has decided; the status should be 'consent_pending'"
    if status is D and not declined:
        yield ("status",), "status is 'declined' but no party's current decision is 'declined'"
