"""ACSG104: the request aims at a quality of the asylum system (WM 15.i)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.rules.base import Finding, RequestRule, RuleContext


class QualityDimensionRule(RequestRule):
    """At least one quality dimension (WM 15.i).

    Checks that `quality_dimensions` names at least one of `fairness`, `efficiency`,
    `adaptability`, `integrity`.

    Why: WM 15.i asks for a plan "that aims to improve one or more of the fairness,
    efficiency, adaptability or integrity (as assessed against international standards) of
    the requesting state's asylum/RSD system"; FS 1 describes the whole mechanism in those
    four terms.

    Passing example:

    ```yaml
    quality_dimensions: [fairness, efficiency]
    ```

    Failing example:

    ```yaml
    quality_dimensions: []
    ```
    """

    code = "ACSG104"
    name = "quality-dimension"
    cites = "WM 15.i"
    summary = (
        "The request names the quality it improves: fairness, efficiency, adaptability or "
        "integrity."
    )

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        if not record.quality_dimensions:
            yield Finding(
                ("quality_dimensions",),
                "no quality_dimensions: name what the request improves "
                "(fairness, efficiency, adaptability, integrity)",
            )
