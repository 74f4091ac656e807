"""ACSG102: the State committed to the project before asking for support (WM 13, FS 3)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RuleContext
from acsg_cli.vocab import ReceivedVia


class PriorCommitment(RequestRule):
    """A prior commitment by the requesting State (WM 13, FS 3).

    Checks that the request records the State's own commitment to the project: either
    `national_plan.commitment`, or a Global Refugee Forum pledge (`grf_pledge_ids`, or
    `received_via: grf_pledge`), which FS 3 counts as such a commitment.

    Why: WM 13 asks that "prior to making a request for capacity support, a requesting state
    should have already made commitments to the project/initiative, including through the
    country level plan of action"; FS 3 adds that many States made that commitment as a GRF
    pledge, and that the ACSG and the GRF platform cross-reference each other.

    Passing example:

    ```yaml
    received_via: unhcr_country_office
    national_plan:
      name: National asylum strategy 2021-2025
      commitment: Adopt the implementing decrees of the asylum law by 2022.
    ```

    Failing example:

    ```yaml
    received_via: unhcr_country_office
    national_plan:
      name: National asylum strategy 2021-2025
    # (no commitment, and no GRF pledge)
    ```
    """

    code = "ACSG102"
    name = "prior-commitment"
    cites = "WM 13, FS 3"
    summary = "The State's own commitment to the project is recorded (national plan or GRF pledge)."

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        if record.grf_pledge_ids or record.received_via is ReceivedVia.GRF_PLEDGE:
            return
        plan = record.national_plan
        if plan is None or plan.commitment is None:
            yield Finding(
                ("national_plan",),
                "no prior commitment: state the State's own commitment to the project "
                "(national_plan.commitment) or the GRF pledge it made (grf_pledge_ids)",
            )
