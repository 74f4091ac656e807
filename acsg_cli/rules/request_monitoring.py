"""ACSG113: impact is monitored and reported (WM 15.vii)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RuleContext


class Monitoring(RequestRule):
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

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        if record.monitoring is None:
            yield Finding(
                ("monitoring",),
                "no monitoring: say how impact is monitored and the use of the support reported",
            )
