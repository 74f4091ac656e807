"""ACSG302: a match's offers give a kind of support the request asks for (WM 17)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Match
from acsg_cli.rules.base import Finding, MatchRule, RuleContext


class MatchSupportTypes(MatchRule):
    """Offers give the kind of support asked for (WM 17).

    Checks that the match's offers, together, give at least one of the request's
    `support_types` (technical, material, financial). The same criterion is `match propose`'s
    `no_common_support_type` filter.

    Why: "The offer of capacity support could be technical, material and/or financial
    support, depending on the request" (WM 17).

    Passing example (the request asks for technical support):

    ```yaml
    request: REQ-2021-001
    offers: [OFF-2021-001]  # support_types: [technical]
    ```

    Failing example:

    ```yaml
    request: REQ-2021-001
    offers: [OFF-2021-004]  # support_types: [financial]
    ```
    """

    code = "ACSG302"
    name = "match-support-types"
    cites = "WM 17"
    summary = "A match's offers give at least one kind of support the request asks for."

    def check(self, context: RuleContext, record: Match) -> Iterator[Finding]:
        from acsg_cli.matching.eligibility import offered_support_types

        request, offers = self.parties(context, record)
        if not offered_support_types(request, offers):
            asked = ", ".join(s.value for s in request.support_types)
            yield Finding(
                ("offers",),
                f"no offer of this match gives the support {request.id} asks for ({asked})",
            )
