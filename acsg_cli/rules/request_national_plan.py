"""ACSG103: the request is part of a national plan of action (WM 15.i)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RequiredField, RuleContext


class NationalPlanRule(RequiredField, RequestRule):
    """Part of a national plan of action (WM 15.i).

    Checks that the request names the national plan of action it belongs to
    (`national_plan.name`).

    Why: WM 15.i: "The request should be part of a national plan of action that aims to
    improve one or more of the fairness, efficiency, adaptability or integrity" of the asylum
    system. The 2021 stocktaking found matching most effective when it is linked with a
    State's existing capacity development plan.

    Passing example:

    ```yaml
    national_plan:
      name: National asylum strategy 2021-2025
      commitment: Adopt the implementing decrees of the asylum law by 2022.
    ```

    Failing example:

    ```yaml
    national_plan:
      commitment: Adopt the implementing decrees of the asylum law by 2022.
    # (the plan is not named)
    ```
    """

    code = "ACSG103"
    name = "national-plan"
    cites = "WM 15.i"
    summary = "The request names the national plan of action it is part of."
    required = "national_plan"
    hint = "name the national plan of action the request is part of"

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        yield from super().check(context, record)
        if record.national_plan is not None and record.national_plan.name is None:
            yield Finding(("national_plan",), "national_plan has no name: name the plan of action")
