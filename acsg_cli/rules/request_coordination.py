"""ACSG111: existing support named, and how duplication is avoided (WM 15.vi)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RequiredField, RuleContext


class CoordinationRule(RequiredField, RequestRule):
    """Coordination with existing support (WM 15.vi).

    Checks that the request has a `coordination` section: the existing or upcoming support
    the State receives (`existing_support`, an empty list when there is none) and, when
    there is some, how duplication is avoided (`duplication_mitigation`).

    Why: WM 15.vi: "the request should specify how existing or upcoming multi-stakeholder
    support will be coordinated and how risks of duplicating efforts would be mitigated".
    Preventing duplication is the first benefit FS 2 names for the whole mechanism.

    Passing example:

    ```yaml
    coordination:
      existing_support:
        - provider: UNHCR
          areas: [registration]
          period: 2020-2022
      duplication_mitigation: UNHCR's registration support is coordinated in a joint work plan.
    ```

    Failing example:

    ```yaml
    coordination:
      existing_support:
        - provider: UNHCR
          areas: [registration]
          period: 2020-2022
    ```
    """

    code = "ACSG111"
    name = "coordination"
    cites = "WM 15.vi"
    summary = "Existing or upcoming support is named, with how duplication is avoided."
    required = "coordination"
    hint = (
        "name existing or upcoming support (existing_support, [] when there is none) and how "
        "duplication is avoided"
    )

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        yield from super().check(context, record)
        coordination = record.coordination
        if (
            coordination is not None
            and coordination.existing_support
            and coordination.duplication_mitigation is None
        ):
            yield Finding(
                ("coordination",),
                "coordination names existing support but not how duplication is "
                "avoided (duplication_mitigation)",
            )
