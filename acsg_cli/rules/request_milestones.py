"""ACSG107: quantitative and qualitative milestones (WM 15.ii)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RuleContext
from acsg_cli.vocab import MilestoneType


class Milestones(RequestRule):
    """Quantitative and qualitative milestones (WM 15.ii).

    Checks that `milestones` holds at least one `quantitative` and at least one
    `qualitative` milestone. (ACSG108 checks each milestone's details.)

    Why: WM 15.ii asks the request to "establish objectives and quantitative and qualitative
    milestones", which is what progress is later reported against (WM 15.vii, FS 5).

    Passing example:

    ```yaml
    milestones:
      - description: Caseworkers trained on the new procedures
        type: quantitative
        target: "40"
        due: 2022-06-30
      - description: Decisions meet the quality standard in a peer review
        type: qualitative
        due: 2022-12-31
    ```

    Failing example:

    ```yaml
    milestones:
      - description: Caseworkers trained on the new procedures
        type: quantitative
        target: "40"
        due: 2022-06-30
    ```
    """

    code = "ACSG107"
    name = "milestones"
    cites = "WM 15.ii"
    summary = "The request sets both quantitative and qualitative milestones."

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        if not record.milestones:
            yield Finding(
                ("milestones",),
                "no milestones: set at least one quantitative and one qualitative milestone",
            )
            return
        types = {m.type for m in record.milestones}
        missing = [
            t.value
            for t in (MilestoneType.QUANTITATIVE, MilestoneType.QUALITATIVE)
            if t not in types
        ]
        if missing:
            yield Finding(
                ("milestones",),
                f"no {missing[0]} milestone: WM 15.ii asks for both quantitative "
                "and qualitative milestones",
            )
