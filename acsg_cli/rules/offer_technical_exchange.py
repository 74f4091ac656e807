"""ACSG202: an offer includes technical exchange (FS 4)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Offer
from acsg_cli.problems import Severity
from acsg_cli.rules.base import Finding, OfferRule, RuleContext
from acsg_cli.vocab import SupportType


class OfferTechnicalExchange(OfferRule):
    """Technical exchange in every offer (FS 4).

    Warns when an open offer's `support_types` does not include `technical`.

    Why: FS 4: "the ACSG Mechanism is not primarily a funding mechanism. Therefore, it is
    anticipated that all support would include some degree of technical exchange." A
    warning, because financial or material offers are welcome (WM 17) and the Secretariat
    may pair them with technical support in a multi-stakeholder match.

    Passing example:

    ```yaml
    support_types: [technical, financial]
    ```

    Failing example:

    ```yaml
    support_types: [financial]
    ```
    """

    code = "ACSG202"
    name = "offer-technical-exchange"
    default_severity = Severity.WARNING
    cites = "FS 4"
    summary = "An open offer includes technical exchange, not funding or material alone."

    def check(self, context: RuleContext, record: Offer) -> Iterator[Finding]:
        if SupportType.TECHNICAL not in record.support_types:
            yield Finding(
                ("support_types",),
                "no technical support offered; the ACSG expects all support to "
                "include some technical exchange",
                at_value=True,
            )
