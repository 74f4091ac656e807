"""ACSG108: every milestone has a due date, and a quantitative one a target (WM 15.ii)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RuleContext
from acsg_cli.vocab import MilestoneType


class MilestoneDetails(RequestRule):
    """Milestones with due dates and targets (WM 15.ii).

    Checks each milestone: it has a `due` date, not before the request was submitted, and a
    `quantitative` milestone has a `target`. Not applicable when there are no milestones
    (ACSG107 reports that).

    Why: a milestone without a date cannot be monitored (WM 15.vii), and a quantitative
    milestone without a number is not quantitative (WM 15.ii).

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
        due: 2022-06-30
      - description: Decisions meet the quality standard in a peer review
        type: qualitative
    ```
    """

    code = "ACSG108"
    name = "milestone-details"
    cites = "WM 15.ii"
    summary = "Every milestone has a due date, and every quantitative milestone a target."

    def applies(self, context: RuleContext, record: Request) -> bool:
        return bool(record.milestones)

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        for index, milestone in enumerate(record.milestones):
            where = ("milestones", index)
            if milestone.due is None:
                yield Finding(
                    where, f"milestone {index + 1} ('{milestone.description}') has no due date"
                )
            elif milestone.due < record.submitted_on:
                yield Finding(
                    (*where, "due"),
                    f"milestone {index + 1} is due {milestone.due}, before the request "
                    f"was submitted ({record.submitted_on})",
                    at_value=True,
                )
            if milestone.type is MilestoneType.QUANTITATIVE and milestone.target is None:
                yield Finding(
                    where,
                    f"quantitative milestone {index + 1} ('{milestone.description}') has no target",
                )
