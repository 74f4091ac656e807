"""ACSG106: the request sets objectives (WM 15.ii)."""

from __future__ import annotations

from acsg_cli.rules.base import RequestRule, RequiredField


class Objectives(RequiredField, RequestRule):
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
    required = "objectives"
    hint = "list what the support should achieve"
