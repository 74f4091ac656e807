"""ACSG403: the matches a practice came from are under way or done (FS 5)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Practice
from acsg_cli.rules.base import Finding, PracticeRule, RuleContext
from acsg_cli.vocab import MatchStatus

_SUPPORT_GIVEN = frozenset(
    {
        MatchStatus.AGREED,
        MatchStatus.WELCOMED,
        MatchStatus.IN_IMPLEMENTATION,
        MatchStatus.COMPLETED,
    }
)
"""Statuses in which the parties have agreed and support can have produced a practice."""


class PracticeFromSupport(PracticeRule):
    """A practice comes from support that was agreed (FS 5).

    Checks that every match listed in a practice's `matches` was agreed by its parties and
    is welcomed, in implementation or completed (not proposed, pending consent, declined or
    withdrawn). A match that does not exist is a registry error (ACSG021).

    Why: "matched entities will be invited to share periodic updates that are geared towards
    detailing good practices" (FS 5): a good practice is learnt from support that took place,
    and a match still waiting for consent must not appear in public as a source of one.

    Passing example:

    ```yaml
    matches: [MAT-2021-001]   # in_implementation
    ```

    Failing example:

    ```yaml
    matches: [MAT-2021-002]   # proposed
    ```
    """

    code = "ACSG403"
    name = "practice-from-support"
    cites = "FS 5"
    summary = "The matches a good practice came from were agreed by their parties."

    def check(self, context: RuleContext, record: Practice) -> Iterator[Finding]:
        for index, match_id in enumerate(record.matches):
            match = context.registry.matches.get(match_id)
            if match is not None and match.status not in _SUPPORT_GIVEN:
                yield Finding(
                    ("matches", index),
                    f"{match_id} is {match.status.value}: a practice comes from a match its "
                    "parties agreed",
                    at_value=True,
                )
