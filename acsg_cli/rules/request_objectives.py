"""ACSG106: the request sets objectives (WM 15.ii)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RuleContext


class Objectives(RequestRule):
    """Objectives (WM 15.ii).

    Checks that `objectives` lists at least one objective.

    Why: WM 15.ii: the request "should therefore establish objectives and quantitative and
    qualitative milestones"; WM 15.vii needs objectives to monitor impact against.

    Passing example:

    ```yaml
    objectives:
      - Standard operating procedures for first-instance RSD.
    ```

    Failing example:

    ```yaml
    objectives: []
    ```
    """

    code = "ACSG106"
    name = "objectives"
    cites = "WM 15.ii"
    summary = "The request sets at least one objective."

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        if not record.objectives:
            yield Finding(("objectives",), "no objectives: list what the support should achieve")
