"""ACSG306: a match's consents and history follow the lifecycle (FS 3)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Match
from acsg_cli.problems import Severity
from acsg_cli.rules.base import Finding, MatchRule, RuleContext


class MatchLifecycle(MatchRule):
    """Consents and history follow the lifecycle (FS 3).

    Checks a match's recorded consents and history against the state machine that also
    drives `acsg consent record` and `acsg match status` (`acsg_cli/lifecycle/statemachine.py`):
    every move in `history` is one the machine allows; consents come from the parties (each
    requesting State by its ISO3 code, each offer by its id), one decision per party unless
    withdrawn in between; `agreed` (and later) only once every party has granted; a
    withdrawal carries a note; and `status` is the last history entry's. Date order is
    ACSG305's.

    Why: FS 3 makes consent the gate: UNHCR obtains each party's consent before details are
    shared, and the parties decide the scope. A history that skips that gate, or a status that
    contradicts it, would mislead the reports and the briefs that rely on it.

    Passing example:

    ```yaml
    status: consent_pending
    consents:
      - party: TCD
        decision: granted
        on: 2021-04-20
    history:
      - on: 2021-04-01
        status: proposed
      - on: 2021-04-05
        status: consent_pending
    ```

    Failing example:

    ```yaml
    status: agreed
    consents:
      - party: TCD
        decision: granted
        on: 2021-04-20
    history:
      - on: 2021-04-01
        status: proposed
      - on: 2021-04-22
        status: agreed
    ```
    """

    code = "ACSG306"
    name = "match-lifecycle"
    cites = "FS 3"
    summary = (
        "A match's consents and history follow the lifecycle: allowed moves, every party's consent."
    )

    def severity_for(self, record: Match, base: Severity) -> Severity | None:
        return base  # a declined or withdrawn match's history is checked too

    def check(self, context: RuleContext, record: Match) -> Iterator[Finding]:
        from acsg_cli.lifecycle.statemachine import check_history

        request = context.registry.requests.get(record.request)
        for path, message in check_history(record, request, dates=False):
            yield Finding(path, message, at_value=True)
