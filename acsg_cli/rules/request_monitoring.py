"""ACSG113: impact is monitored and reported (WM 15.vii)."""

from __future__ import annotations

from acsg_cli.rules.base import RequestRule, RequiredField


class Monitoring(RequiredField, RequestRule):
    """Monitoring and reporting (WM 15.vii).

    Checks that `monitoring` says how the impact of the support is monitored and how its
    use is reported.

    Why: WM 15.vii: "The objectives/outputs of the capacity development support should
    allow for monitoring of impact and reporting on the use of the support provided through
    the ACSG"; FS 5 asks matched entities for periodic updates.

    Passing example:

    ```yaml
    monitoring: Quarterly reports to the Secretariat on the milestones.
    ```

    Failing example:

    ```yaml
    objectives:
      - Standard operating procedures for first-instance RSD.
    # (no monitoring)
    ```
    """

    code = "ACSG113"
    name = "monitoring"
    cites = "WM 15.vii"
    summary = "The request says how impact is monitored and the use of support reported."
    required = "monitoring"
    hint = "say how impact is monitored and the use of the support reported"
