"""ACSG110: stakeholders other than States benefit only with the national authority (WM 10, WM
15.iv)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RuleContext


class OtherBeneficiaries(RequestRule):
    """Non-State beneficiaries work with the national authority (WM 10, WM 15.iv).

    Checks every entry of `other_beneficiaries`: `works_with_national_authority` must be
    stated, and true. Not applicable when the request names no other beneficiary.

    Why: the primary recipients of ACSG support are States (WM 10). Other stakeholders may
    receive support "provided they are working on the projects/initiatives with the
    national asylum/RSD authorities" (WM 15.iv).

    Passing example:

    ```yaml
    other_beneficiaries:
      - name: National Bar Association legal aid clinic
        type: legal_aid
        works_with_national_authority: true
    ```

    Failing example:

    ```yaml
    other_beneficiaries:
      - name: National Bar Association legal aid clinic
        type: legal_aid
        works_with_national_authority: false
    ```
    """

    code = "ACSG110"
    name = "other-beneficiaries"
    cites = "WM 10, WM 15.iv"
    summary = (
        "Stakeholders other than States receive support only when working with the "
        "national authority."
    )

    def applies(self, context: RuleContext, record: Request) -> bool:
        return bool(record.other_beneficiaries)

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        for index, beneficiary in enumerate(record.other_beneficiaries):
            flag = beneficiary.works_with_national_authority
            if flag is None:
                yield Finding(
                    ("other_beneficiaries", index),
                    f"say whether {beneficiary.name} works with the national asylum authority "
                    "(works_with_national_authority)",
                )
            elif not flag:
                yield Finding(
                    ("other_beneficiaries", index, "works_with_national_authority"),
                    f"{beneficiary.name} does not work with the national asylum authority, so it "
                    "cannot receive ACSG support",
                    at_value=True,
                )
