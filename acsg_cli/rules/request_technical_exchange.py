"""ACSG114: support includes technical exchange, not funding alone (FS 4)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RuleContext
from acsg_cli.vocab import SupportType


class TechnicalExchange(RequestRule):
    """Technical exchange in every request (FS 4).

    Checks that `support_types` includes `technical`.

    Why: FS 4: "the ACSG Mechanism is not primarily a funding mechanism. Therefore, it is
    anticipated that all support would include some degree of technical exchange." Material
    and financial support may come with it (WM 17).

    Passing example:

    ```yaml
    support_types: [technical, financial]
    ```

    Failing example:

    ```yaml
    support_types: [financial]
    ```
    """

    code = "ACSG114"
    name = "technical-exchange"
    cites = "FS 4"
    summary = "The support asked for includes technical exchange, not funding or material alone."

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        if SupportType.TECHNICAL not in record.support_types:
            kinds = " and ".join(s.value for s in record.support_types)
            yield Finding(
                ("support_types",),
                f"only {kinds} support asked for; the ACSG is not primarily a funding "
                "mechanism and all support includes technical exchange",
                at_value=True,
            )
