"""ACSG031: a waiver names a criteria rule that applies to the record (WM 16)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from acsg_cli.rules.base import Finding, RuleContext, WaiverRule


class UnknownWaiverRule(WaiverRule):
    """Waivers of real, waivable rules (WM 16).

    Checks every entry of a record's `waivers`: its `rule` is the code of a criteria rule
    (ACSG1xx for requests, ACSG2xx for offers, ACSG3xx for matches) that checks this kind of
    record, and is waived only once. Registry checks (ACSG0xx: YAML, schema, references)
    cannot be waived: a record that fails them is not loaded at all.

    Why: a waiver of a code that does not exist silences nothing and hides a typo; the
    reviewer believes a criterion was accepted as unmet when it was not.

    Passing example:

    ```yaml
    waivers:
      - rule: ACSG107
        reason: Milestones are set with the offering State once the match is agreed.
        approved_by: ACSG Secretariat
    ```

    Failing example:

    ```yaml
    waivers:
      - rule: ACSG170
        reason: Milestones are set with the offering State once the match is agreed.
        approved_by: ACSG Secretariat
    ```
    """

    code = "ACSG031"
    name = "unknown-waiver-rule"
    cites = "WM 16"
    summary = "Every waiver names a criteria rule that checks this kind of record, once."

    def check(self, context: RuleContext, record: Any) -> Iterator[Finding]:
        seen: set[str] = set()
        for index, waiver in enumerate(record.waivers):
            where = ("waivers", index, "rule")
            rule = context.rules.get(waiver.rule)
            if rule is None:
                pool = [c for c, r in context.rules.items() if r.waivable and r.handles(record)]
                near = difflib.get_close_matches(waiver.rule, pool, n=1, cutoff=0.7)
                hint = f"; did you mean {near[0]}?" if near else "; `acsg rules` lists them"
                yield Finding(
                    where, f"no criteria rule {waiver.rule} to waive{hint}", at_value=True
                )
            elif not rule.waivable:
                yield Finding(where, f"{waiver.rule} ({rule.name}) cannot be waived", at_value=True)
            elif not rule.handles(record):
                yield Finding(
                    where,
                    f"{waiver.rule} checks {rule.applies_to}s, not {record.kind}s",
                    at_value=True,
                )
            elif waiver.rule in seen:
                yield Finding(where, f"{waiver.rule} is waived twice", at_value=True)
            seen.add(waiver.rule)
