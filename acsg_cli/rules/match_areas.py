"""ACSG301: a match's offers cover at least one requested area (WM 16, FS 3)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Match
from acsg_cli.rules.base import Finding, MatchRule, RuleContext


class MatchAreas(MatchRule):
    """Offers answer the request's areas (WM 16, FS 3).

    Checks that the match's offers, together, offer at least one of the areas the request
    asks for. The same criterion is `match propose`'s `no_common_area` filter.

    Why: offers are sought "to address the identified needs" (WM 16), and the Secretariat
    matches "requests with offers" in the areas concerned (FS 3). A match none of whose
    offers works in a requested area is a mistake in the request or offer id.

    Passing example (the request asks for legislation and rsd_procedures):

    ```yaml
    request: REQ-2021-001
    offers: [OFF-2021-001]  # areas: legislation, rsd_procedures, training
    ```

    Failing example:

    ```yaml
    request: REQ-2021-001
    offers: [OFF-2021-002]  # areas: reception, registration
    ```
    """

    code = "ACSG301"
    name = "match-areas"
    cites = "WM 16, FS 3"
    summary = "A match's offers cover at least one area the request asks for."

    def check(self, context: RuleContext, record: Match) -> Iterator[Finding]:
        from acsg_cli.matching.eligibility import offered_areas

        request, offers = self.parties(context, record)
        if not offered_areas(request, offers):
            asked = ", ".join(a.value for a in request.areas)
            yield Finding(
                ("offers",),
                f"no offer of this match works in an area {request.id} asks for ({asked})",
            )
