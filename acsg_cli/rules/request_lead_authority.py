"""ACSG116: the competent national authority is named (WM 8)."""

from __future__ import annotations

from acsg_cli.rules.base import RequestRule, RequiredField


class LeadAuthority(RequiredField, RequestRule):
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
    required = "lead_authority"
    hint = "name the competent national authority in charge"
