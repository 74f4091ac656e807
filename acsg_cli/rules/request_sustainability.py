"""ACSG109: results last after the support ends (WM 15.iii)."""

from __future__ import annotations

from acsg_cli.rules.base import RequestRule, RequiredField


class Sustainability(RequiredField, RequestRule):
    """Sustainability after support ends (WM 15.iii).

    Checks that `sustainability` says how the results will last once the support ends.

    Why: WM 15.iii: the request "should be structured in a way that the results of the
    support will be sustainable over the long term, even after the project/initiative and
    related support has been completed"; WM 9 encourages longer, sustainable engagement.

    Passing example:

    ```yaml
    sustainability: The procedures are adopted by decree and taught by national trainers.
    ```

    Failing example:

    ```yaml
    term: short_term
    # (no sustainability)
    ```
    """

    code = "ACSG109"
    name = "sustainability"
    cites = "WM 15.iii"
    summary = "The request says how results last after the support ends."
    required = "sustainability"
    hint = "say how the results will last after the support ends"
