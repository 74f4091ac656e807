"""ACSG201: an open offer says what expertise it brings (WM 17, WM 18, FS 3)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Offer
from acsg_cli.rules.base import Finding, OfferRule, RuleContext


class OfferExpertise(OfferRule):
    """What the offering entity brings (WM 17, WM 18, FS 3).

    Checks that an open offer describes its `expertise`. Its areas and support types are
    required by the schema (ACSG010) and so always stated.

    Why: UNHCR solicits offers "from other states with particular expertise" (WM 17) and
    approaches "stakeholders with demonstrated expertise in the requested area" (FS 3);
    proactive offers come from entities "with particular expertise" (WM 18). The Secretariat
    cannot weigh an offer whose expertise is not described.

    Passing example:

    ```yaml
    expertise: Drafting asylum legislation, interview techniques and decision drafting.
    ```

    Failing example:

    ```yaml
    status: open
    # (no expertise)
    ```
    """

    code = "ACSG201"
    name = "offer-expertise"
    cites = "WM 17, WM 18, FS 3"
    summary = "An open offer describes the expertise it brings."

    def check(self, context: RuleContext, record: Offer) -> Iterator[Finding]:
        if record.expertise is None:
            yield Finding(("expertise",), "no expertise: describe what the offering entity brings")
