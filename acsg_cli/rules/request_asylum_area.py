"""ACSG115: the request concerns a part of the asylum system (FS 4)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RuleContext
from acsg_cli.vocab import Area

NOT_ON_THEIR_OWN = frozenset({Area.FINANCING})
"""Areas that describe how support is given, not which part of the asylum system it serves."""


class AsylumSystemArea(RequestRule):
    """Areas of an asylum system (FS 4).

    Checks that `areas` names at least one part of the asylum system itself, not only
    `financing`. (The area vocabulary is checked by the schema, ACSG012: every other area is
    a part of an asylum system.)

    Why: FS 4: "Since the ACSG speaks to asylum systems, requests related to other types of
    state systems will generally not be supported", and the mechanism "is not primarily a
    funding mechanism". A request for financing alone does not say which part of the asylum
    system it would strengthen.

    Passing example:

    ```yaml
    areas: [financing, reception]
    ```

    Failing example:

    ```yaml
    areas: [financing]
    ```
    """

    code = "ACSG115"
    name = "asylum-system-area"
    cites = "FS 4"
    summary = "The request names a part of the asylum system, not financing alone."

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        if set(record.areas) <= NOT_ON_THEIR_OWN:
            yield Finding(
                ("areas",),
                "the only area is financing: name the part of the asylum system the support "
                "is for (e.g. reception, registration, rsd_procedures)",
                at_value=True,
            )
