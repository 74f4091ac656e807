"""ACSG030: a waiver says why, and who approved it (WM 16)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from acsg_cli.rules.base import Finding, RuleContext, WaiverRule


class IncompleteWaiver(WaiverRule):
    """Waivers with a reason and an approver (WM 16).

    Checks every entry of a record's `waivers`: it gives a `reason` and says who approved
    it (`approved_by`).

    Why: a waiver records that the Secretariat consciously accepted a criterion as unmet
    and seeks offers anyway (WM 16 otherwise asks for requests "in line with the above
    criteria"). Without the reason and the approver, a reviewer cannot tell an accepted gap
    from a silenced one.

    Passing example:

    ```yaml
    waivers:
      - rule: ACSG107
        reason: Milestones are set with the offering State once the match is agreed.
        approved_by: ACSG Secretariat
        on: 2021-04-01
    ```

    Failing example:

    ```yaml
    waivers:
      - rule: ACSG107
        approved_by: ACSG Secretariat
    ```
    """

    code = "ACSG030"
    name = "incomplete-waiver"
    cites = "WM 16"
    summary = "Every waiver gives a reason and who approved it."

    def check(self, context: RuleContext, record: Any) -> Iterator[Finding]:
        for index, waiver in enumerate(record.waivers):
            missing = [k for k in ("reason", "approved_by") if getattr(waiver, k) is None]
            if missing:
                yield Finding(
                    ("waivers", index),
                    f"the waiver of {waiver.rule} has no {' and no '.join(missing)}",
                )
