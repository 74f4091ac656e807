"""ACSG204: an open offer whose availability has ended."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Offer
from acsg_cli.problems import Severity
from acsg_cli.rules.base import Finding, OfferRule, RuleContext


class ExpiredOffer(OfferRule):
    """An open offer past its availability (WM 7).

    Warns when an offer is `open` but its `available_until` date has passed.

    Why: the Secretariat keeps "an active roster of technical support available and on
    offer, which will be a live document" (WM 7); matching skips expired offers, so the
    status should say so (`closed`), or the date be extended. A warning, not an error:
    the date passes without anyone editing the file, and CI should not turn red overnight.

    Passing example:

    ```yaml
    status: open
    available_until: 2099-12-31
    ```

    Failing example:

    ```yaml
    status: open
    available_until: 2022-12-31
    ```
    """

    code = "ACSG204"
    name = "expired-offer"
    default_severity = Severity.WARNING
    cites = "WM 7"
    summary = "An open offer's availability (available_until) has not ended."

    def check(self, context: RuleContext, record: Offer) -> Iterator[Finding]:
        from acsg_cli.matching.eligibility import expired

        until = record.available_until
        if expired(record, context.today):
            yield Finding(
                ("available_until",),
                f"the offer is open but was available only until {until}; close it "
                "or extend available_until",
                at_value=True,
            )
