"""ACSG304: no offer serves more live matches than its capacity (WM 20)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from acsg_cli.models import Match
from acsg_cli.rules.base import Finding, MatchRule, RuleContext
from acsg_cli.vocab import LIVE_MATCH_STATUSES


class MatchCapacity(MatchRule):
    """Offers within their capacity (WM 20).

    Checks, for each offer of a live match, that the offer does not serve more live matches
    than its `capacity`. Live matches are counted in order of proposal (`proposed_on`, then
    id); the matches beyond the capacity are reported, so the newest match is the one
    flagged.

    Why: support is given "based on expertise, good practices and availability of
    resources" (WM 20); an offer's capacity is how many matches its resources can serve at
    once.

    Passing example (OFF-2021-002 has `capacity: 2` and one live match, MAT-2021-002):

    ```yaml
    status: proposed
    offers: [OFF-2021-002]
    ```

    Failing example (OFF-2021-001 has `capacity: 1`, taken by MAT-2021-001, proposed
    earlier):

    ```yaml
    id: MAT-2021-009
    status: proposed
    proposed_on: 2021-06-01
    offers: [OFF-2021-001]
    ```
    """

    code = "ACSG304"
    name = "offer-capacity"
    cites = "WM 20"
    summary = "No offer serves more live matches than its capacity."

    def applies(self, context: RuleContext, record: Match) -> bool:
        return record.status in LIVE_MATCH_STATUSES and super().applies(context, record)

    def check(self, context: RuleContext, record: Match) -> Iterator[Finding]:
        for index, offer_id in enumerate(record.offers):
            capacity = context.registry.offers[offer_id].capacity
            live = context.registry.live_matches_for_offer(offer_id)
            if len(live) <= capacity:
                continue
            live.sort(
                key=lambda m: (m.proposed_on or date.max, m.id)
            )  # the earliest hold the capacity
            if len(live) > capacity and any(m.id == record.id for m in live[capacity:]):
                earlier = ", ".join(m.id for m in live[:capacity])
                yield Finding(
                    ("offers", index),
                    f"{offer_id} has capacity {capacity}, already taken by {earlier}",
                    at_value=True,
                )
