"""ACSG032: a waiver for a criterion the record now meets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from acsg_cli.problems import Severity
from acsg_cli.rules.base import Finding, RuleContext, WaiverRule


class StaleWaiver(WaiverRule):
    """Stale waivers (WM 16).

    Notes (severity `info`) a waiver whose rule would report nothing on the record without
    it: the criterion is met now, or does not apply. The status of the record is not
    considered: a waiver on a matched request stays meaningful while its criterion is unmet.

    Why: a waiver is a conscious exception (WM 16); once the record meets the criterion,
    the waiver only hides whether it still does, and can be removed.

    Passing example (the request has no milestones yet):

    ```yaml
    # (no milestones)
    waivers:
      - rule: ACSG107
        reason: Milestones are set with the offering State once the match is agreed.
        approved_by: ACSG Secretariat
    ```

    Failing example (the request names its needs assessment):

    ```yaml
    needs_assessment:
      completed_on: 2020-11-15
      reference: Gap assessment of the national asylum system, November 2020
    waivers:
      - rule: ACSG101
        reason: No needs assessment was made before the GRF pledge.
        approved_by: ACSG Secretariat
    ```
    """

    code = "ACSG032"
    name = "stale-waiver"
    default_severity = Severity.INFO
    cites = "WM 16"
    summary = "A waiver is for a criterion the record does not meet (else it can go)."

    def check(self, context: RuleContext, record: Any) -> Iterator[Finding]:
        for index, waiver in enumerate(record.waivers):
            rule = context.rules.get(waiver.rule)
            if rule is None or not rule.waivable or not rule.handles(record):
                continue  # ACSG031 reports it
            if not rule.applies(context, record):
                yield Finding(
                    ("waivers", index, "rule"),
                    f"{waiver.rule} ({rule.name}) does not apply to this "
                    f"{record.kind}; the waiver can be removed",
                    at_value=True,
                )
            elif next(iter(rule.check(context, record)), None) is None:
                yield Finding(
                    ("waivers", index, "rule"),
                    f"{waiver.rule} ({rule.name}) is met now; the waiver can be removed",
                    at_value=True,
                )
