"""ACSG401: a good practice tells what was done and what it achieved (FS 1, FS 5)."""

from __future__ import annotations

from acsg_cli.rules.base import PracticeRule, RequiredField


class PracticeSummary(RequiredField, PracticeRule):
    """The practice's narrative (FS 1, FS 5).

    Checks that a practice has a `summary`: what was done, by whom and with what result.

    Why: the Portal lets States and other stakeholders "share tools and good practices"
    (FS 1), and matched entities report updates "geared towards detailing good practices and
    assessing impact" (FS 5). A library entry without its narrative shares nothing.

    Passing example:

    ```yaml
    status: published
    summary: Remote registration interviews kept asylum processing open during COVID-19.
    ```

    Failing example:

    ```yaml
    status: published
    # (no summary)
    ```
    """

    code = "ACSG401"
    name = "practice-summary"
    cites = "FS 1, FS 5"
    summary = "A good practice describes what was done and what it achieved."
    required = "summary"
    hint = "describe the practice and its results"
