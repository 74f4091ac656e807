"""ACSG203: an offer limited to a few countries (SR)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Offer
from acsg_cli.problems import Severity
from acsg_cli.rules.base import Finding, OfferRule, RuleContext

FEW_COUNTRIES = 3
"""An offer whose scope lists this many countries or fewer is flagged."""


class NarrowScopeRule(OfferRule):
    """Offers limited to a few countries (SR).

    Notes (severity `info`) an open offer whose `geographic_scope` lists three countries or
    fewer. A global scope, or one or more regions, is not flagged.

    Why: the 2021 stocktaking found that "some current offers of support are difficult to
    operationalise as they are limited in their geographical scope. Therefore, pledges that
    are flexible and without geographic limitations are especially welcome". Only a note:
    a narrow offer is legitimate, and the Secretariat may ask whether it can be widened.

    Passing example:

    ```yaml
    geographic_scope:
      regions: [west_central_africa]
    ```

    Failing example:

    ```yaml
    geographic_scope:
      countries: [TCD, NER]
    ```
    """

    code = "ACSG203"
    name = "narrow-geographic-scope"
    default_severity = Severity.INFO
    cites = "SR"
    summary = "An open offer limited to a few countries is hard to operationalise."

    def check(self, context: RuleContext, record: Offer) -> Iterator[Finding]:
        countries = record.geographic_scope.countries
        if countries is not None and len(countries) <= FEW_COUNTRIES:
            yield Finding(
                ("geographic_scope", "countries"),
                f"the offer is limited to {', '.join(countries)}; offers without geographic "
                "limits are easier to match (2021 stocktaking)",
            )
