"""ACSG205: an offer's availability ends after it was made."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from acsg_cli.models import Offer
from acsg_cli.problems import Severity
from acsg_cli.rules.base import Finding, OfferRule, RuleContext


class OfferDates(OfferRule):
    """Availability after submission (WM 7).

    Checks that `available_until`, when given, is not before `submitted_on`, whatever the
    offer's status.

    Why: an offer available only until before it was made was never on the roster (WM 7);
    one of the two dates is a typo.

    Passing example:

    ```yaml
    submitted_on: 2021-02-01
    available_until: 2099-12-31
    ```

    Failing example:

    ```yaml
    submitted_on: 2021-02-01
    available_until: 2020-02-01
    ```
    """

    code = "ACSG205"
    name = "offer-dates"
    cites = "WM 7"
    summary = "An offer's available_until is not before its submitted_on."

    def severity_for(self, record: Any, base: Severity) -> Severity | None:
        return base

    def check(self, context: RuleContext, record: Offer) -> Iterator[Finding]:
        until = record.available_until
        if until is not None and until < record.submitted_on:
            yield Finding(
                ("available_until",),
                f"available_until ({until}) is before the offer was submitted "
                f"({record.submitted_on})",
                at_value=True,
            )
