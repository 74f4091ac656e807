"""ACSG203: an offer limited in geographic scope (SR)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Offer
from acsg_cli.problems import Severity
from acsg_cli.rules.base import Finding, OfferRule, RuleContext
from acsg_cli.vocab import REGION_NAMES


class NarrowScopeRule(OfferRule):
    """Offers limited in geographic scope (SR).

    Notes (severity `info`) an open offer whose `geographic_scope` is not global: named
    countries, or one or more regions. The definition is `GeographicScope.is_narrow`, the one
    the stocktaking's "offers limited in geographic scope" uses too.

    Why: the 2021 stocktaking found that "some current offers of support are difficult to
    operationalise as they are limited in their geographical scope. Therefore, pledges that
    are flexible and without geographic limitations are especially welcome". Only a note:
    a narrow offer is legitimate, and the Secretariat may ask whether it can be widened (or
    waive the note for the offer with a reason).

    Passing example:

    ```yaml
    geographic_scope:
      global: true
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
    summary = "An open offer limited in geographic scope is hard to operationalise."

    def check(self, context: RuleContext, record: Offer) -> Iterator[Finding]:
        scope = record.geographic_scope
        if not scope.is_narrow:
            return
        if scope.countries is not None:
            key, where = "countries", ", ".join(scope.countries)
        else:
            key, where = "regions", ", ".join(REGION_NAMES[r] for r in scope.regions or [])
        yield Finding(
            ("geographic_scope", key),
            f"the offer is limited to {where}; offers without geographic limits are easier to "
            "match (2021 stocktaking)",
        )
