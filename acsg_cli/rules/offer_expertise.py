"""ACSG201: an open offer says what expertise it brings (WM 17, WM 18, FS 3)."""

from __future__ import annotations

from acsg_cli.rules.base import OfferRule, RequiredField


class OfferExpertise(RequiredField, OfferRule):
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
    required = "expertise"
    hint = "describe what the offering entity brings"
