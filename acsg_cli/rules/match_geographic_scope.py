"""ACSG303: each offer's geographic scope covers every requesting State (SR)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Match
from acsg_cli.rules.base import Finding, MatchRule, RuleContext


class MatchGeographicScope(MatchRule):
    """Offers may serve the requesting States (SR).

    Checks every offer of the match: its `geographic_scope` (global, regions or countries)
    covers each of the request's `requesting_states`. A country's region is UNHCR's
    regional bureau (see `acsg_cli/resources/unhcr_regions.csv`). The same criterion is
    `match propose`'s `out_of_scope` filter.

    Why: an offer limited to a region or to countries cannot be used elsewhere; the 2021
    stocktaking names such limits as what makes offers hard to operationalise.

    Passing example (REQ-2021-001 is Chad's):

    ```yaml
    request: REQ-2021-001
    offers: [OFF-2021-001]  # geographic_scope: {global: true}
    ```

    Failing example:

    ```yaml
    request: REQ-2021-001
    offers: [OFF-2021-003]  # geographic_scope: {regions: [americas]}
    ```
    """

    code = "ACSG303"
    name = "match-geographic-scope"
    cites = "SR"
    summary = "Each offer's geographic scope covers every requesting State."

    def check(self, context: RuleContext, record: Match) -> Iterator[Finding]:
        from acsg_cli.matching.eligibility import uncovered_states

        request, offers = self.parties(context, record)
        for index, offer in enumerate(offers):
            outside = uncovered_states(request, offer)
            if outside:
                yield Finding(
                    ("offers", index),
                    f"{offer.id}'s geographic scope does not cover {', '.join(outside)}",
                    at_value=True,
                )
