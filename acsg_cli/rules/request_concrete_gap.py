"""ACSG105: the request names a concrete gap (WM 15.ii)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RuleContext


class ConcreteGap(RequestRule):
    """A concrete gap (WM 15.ii).

    Checks that `gap` says what the State (and the stakeholders involved) cannot do with
    their current capacity.

    Why: WM 15.ii: "The request should aim to fill a concrete gap in the project/initiative
    that the requesting state or other involved stakeholders do not have the current
    capacity to fulfil." Offers are sought for that gap (WM 16).

    Passing example:

    ```yaml
    gap: The CNE has no written procedures for interviews and decisions.
    ```

    Failing example:

    ```yaml
    title: Support to the asylum system
    # (no gap)
    ```
    """

    code = "ACSG105"
    name = "concrete-gap"
    cites = "WM 15.ii"
    summary = "The request names the concrete gap the State cannot fill with its own capacity."

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        if record.gap is None:
            yield Finding(
                ("gap",),
                "no gap: say which concrete gap the State cannot fill with its current capacity",
            )
