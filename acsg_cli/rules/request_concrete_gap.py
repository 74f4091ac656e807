"""ACSG105: the request names a concrete gap (WM 15.ii)."""

from __future__ import annotations

from acsg_cli.rules.base import RequestRule, RequiredField


class ConcreteGap(RequiredField, RequestRule):
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
    required = "gap"
    hint = "say which concrete gap the State cannot fill with its current capacity"
