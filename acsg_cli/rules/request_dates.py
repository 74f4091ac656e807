"""ACSG117: a request was submitted on a date that has come (WM 8)."""

from __future__ import annotations

from acsg_cli.rules.base import RequestRule, SubmittedDate


class RequestSubmitted(SubmittedDate, RequestRule):
    """Submitted, not to be submitted (WM 8).

    Checks that `submitted_on` is not after today (`--today`, default the real date), whatever
    the request's status.

    Why: a request is received through a UNHCR country office or the Secretariat (WM 8); a
    submission date still to come is a typo (often the year), and it would make reports count
    negative days open and misorder what waits longest.

    Passing example:

    ```yaml
    submitted_on: 2021-03-01
    ```

    Failing example:

    ```yaml
    submitted_on: 9999-03-01
    ```
    """

    code = "ACSG117"
    name = "request-submitted"
    cites = "WM 8"
    summary = "A request's submitted_on is not in the future."
    dated_when = "a request is dated when it was received"
