"""ACSG205: an offer was made on a date that has come, and is available after it was made."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Offer
from acsg_cli.rules.base import Finding, OfferRule, RuleContext, SubmittedDate


class OfferDates(SubmittedDate, OfferRule):
    """Availability after submission (WM 7).

    Checks that `available_until`, when given, is not before `submitted_on`, and that
    `submitted_on` is not after today, whatever the offer's status.

    Why: an offer available only until before it was made was never on the roster (WM 7);
    one of the two dates is a typo. So is a submission date still to come.

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
    summary = "An offer's submitted_on is not in the future nor after its available_until."
    dated_when = "an offer is dated when it was made"

    def check(self, context: RuleContext, record: Offer) -> Iterator[Finding]:
        yield from super().check(context, record)
        until = record.available_until
        if until is not None and until < record.submitted_on:
            yield Finding(
                ("available_until",),
                f"available_until ({until}) is before the offer was submitted "
                f"({record.submitted_on})",
                at_value=True,
            )
