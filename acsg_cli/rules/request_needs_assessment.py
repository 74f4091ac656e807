"""ACSG101: a needs assessment was done before the request (WM 13)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RuleContext


class NeedsAssessmentRule(RequestRule):
    """Needs assessment before the request (WM 13).

    Checks that the request names the assessment of gaps, needs and existing capacity the
    State made (`needs_assessment.reference`) and when it was completed
    (`needs_assessment.completed_on`), on or before `submitted_on`.

    Not applicable when the request asks for support *to conduct* a capacity assessment
    (`capacity_assessment_request: true`): WM 13 makes that the one exception.

    Why: WM 13 asks a requesting State to "first have conducted an assessment of
    gaps/needs and existing capacity prior to making the request for external support", so
    that offers answer needs the State has established itself.

    Passing example:

    ```yaml
    submitted_on: 2021-03-01
    needs_assessment:
      completed_on: 2020-11-15
      reference: Gap assessment of the national asylum system, November 2020
    ```

    Failing example:

    ```yaml
    submitted_on: 2021-03-01
    needs_assessment:
      completed_on: 2021-05-01  # after the request was submitted
      reference: Gap assessment of the national asylum system
    ```
    """

    code = "ACSG101"
    name = "needs-assessment"
    cites = "WM 13"
    summary = "A needs assessment was completed before the request (unless the request is for one)."

    def applies(self, context: RuleContext, record: Request) -> bool:
        return not record.capacity_assessment_request

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        assessment = record.needs_assessment
        if assessment is None:
            yield Finding(
                (),
                "no needs_assessment: name the assessment of gaps, needs and existing capacity "
                "(completed_on, reference) made before the request, or set "
                "capacity_assessment_request: true if the request is for one",
            )
            return
        if assessment.reference is None:
            yield Finding(
                ("needs_assessment",), "needs_assessment has no reference: name the assessment"
            )
        if assessment.completed_on is None:
            yield Finding(("needs_assessment",), "needs_assessment has no completed_on date")
        elif assessment.completed_on > record.submitted_on:
            yield Finding(
                ("needs_assessment", "completed_on"),
                f"needs assessment completed on {assessment.completed_on}, after the request was "
                f"submitted ({record.submitted_on}); it must come first",
                at_value=True,
            )
