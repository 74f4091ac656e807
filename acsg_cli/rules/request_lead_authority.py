"""ACSG116: the competent national authority is named (WM 8)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RuleContext


class LeadAuthority(RequestRule):
    """The competent authority (WM 8).

    Checks that `lead_authority` names the national authority in charge of the request.

    Why: WM 8: "Support requests will be prepared by the competent authorities of the
    requesting state", who submit them and with whom the Secretariat communicates.

    Passing example:

    ```yaml
    lead_authority: Commission Nationale d'Eligibilité
    ```

    Failing example:

    ```yaml
    requesting_states: [TCD]
    # (no lead_authority)
    ```
    """

    code = "ACSG116"
    name = "lead-authority"
    cites = "WM 8"
    summary = "The request names the competent national authority in charge."

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        if record.lead_authority is None:
            yield Finding(
                ("lead_authority",),
                "no lead_authority: name the competent national authority in charge",
            )
