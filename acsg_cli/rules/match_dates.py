"""ACSG305: a match's dates are in order (FS 3)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from acsg_cli.models import Consent, HistoryEntry, Match, Offer, ProgressUpdate, Request
from acsg_cli.rules.base import Finding, MatchRule, RuleContext


class MatchDates(MatchRule):
    """Dates in order (FS 3).

    Checks that a match was proposed (`proposed_on`) no earlier than its request and offers
    were submitted, that no consent, history entry or progress update predates the
    proposal, that the history's dates never go backwards, and that nothing is dated after
    today (a consent or a move is recorded once it happened).

    Why: FS 3 sets the order: a request is received, matched with offers, the parties
    consent, then the support scheme is developed and reported on (FS 5). A date out of that
    order is a typo that would mislead reports.

    Passing example:

    ```yaml
    proposed_on: 2021-04-01
    history:
      - on: 2021-04-01
        status: proposed
      - on: 2021-05-01
        status: consent_pending
    ```

    Failing example:

    ```yaml
    proposed_on: 2021-04-01
    history:
      - on: 2021-05-01
        status: proposed
      - on: 2021-04-15
        status: consent_pending
    ```
    """

    code = "ACSG305"
    name = "match-dates"
    cites = "FS 3"
    summary = (
        "A match's proposal, consents, history and updates are dated in order, none in the future."
    )

    def check(self, context: RuleContext, record: Match) -> Iterator[Finding]:
        from acsg_cli.matching.eligibility import submitted_after

        proposed = record.proposed_on
        if proposed is not None:
            request, offers = self.parties(context, record)
            parties: list[Request | Offer] = [request, *offers]
            for party in parties:
                if submitted_after(party, proposed):
                    yield Finding(
                        ("proposed_on",),
                        f"proposed on {proposed}, before {party.id} was submitted "
                        f"({party.submitted_on})",
                        at_value=True,
                    )
            for key, index, on in _dated_entries(record):
                if on < proposed:
                    yield Finding(
                        (key, index, "on"),
                        f"{key}[{index}] is dated {on}, before the match was proposed ({proposed})",
                        at_value=True,
                    )
        yield from _future(record, context)
        yield from history_backwards([entry.on for entry in record.history])


def history_backwards(dates: Sequence[date]) -> Iterator[Finding]:
    """A finding at each entry of a record's `history` dated before the entry above it."""
    for index in range(1, len(dates)):
        before, after = dates[index - 1], dates[index]
        if after < before:
            yield Finding(
                ("history", index, "on"),
                f"history goes back in time: {after} after {before}",
                at_value=True,
            )


def _future(record: Match, context: RuleContext) -> Iterator[Finding]:
    today = context.today
    if record.proposed_on is not None and record.proposed_on > today:
        yield Finding(
            ("proposed_on",),
            f"proposed_on ({record.proposed_on}) is after today ({today})",
            at_value=True,
        )
    for key, index, on in _dated_entries(record):
        if on > today:
            yield Finding(
                (key, index, "on"),
                f"{key}[{index}] is dated {on}, after today ({today})",
                at_value=True,
            )


def _dated_entries(record: Match) -> Iterator[tuple[str, int, date]]:
    """Each consent, history entry and progress update: its list, its place there and its date."""
    dated: list[tuple[str, Sequence[Consent | HistoryEntry | ProgressUpdate]]] = [
        ("consents", record.consents),
        ("history", record.history),
        ("updates", record.updates),
    ]
    for key, entries in dated:
        for index, entry in enumerate(entries):
            yield key, index, entry.on
