"""ACSG404: the GRF pledges a practice names are in the registry (FS 5, FS 3)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Practice
from acsg_cli.problems import Severity
from acsg_cli.rules.base import Finding, PracticeRule, RuleContext


class PracticePledges(PracticeRule):
    """Pledge references a reader can follow (FS 5, FS 3).

    Checks that each of a practice's `grf_pledge_ids` is carried by a request or an offer of
    the registry. Pledge ids stay opaque strings; a warning, since a pledge may belong to an
    entity that has no record here yet.

    Why: GRF pledging entities report "pledge implementation updates" (FS 5) and requests and
    offers carry the pledges they come from (FS 3); a practice that names a pledge nobody in
    the registry holds is usually a typo, and its page could not link to the pledge.

    Passing example:

    ```yaml
    grf_pledge_ids: [GRF-2019-0001]   # carried by a request
    ```

    Failing example:

    ```yaml
    grf_pledge_ids: ["GRF-99999"]   # on no request or offer
    ```
    """

    code = "ACSG404"
    name = "practice-pledges"
    cites = "FS 5, FS 3"
    summary = "The GRF pledges a good practice names are carried by a request or an offer."
    default_severity = Severity.WARNING

    def check(self, context: RuleContext, record: Practice) -> Iterator[Finding]:
        known = context.known_pledges
        for index, pledge in enumerate(record.grf_pledge_ids):
            if pledge not in known:
                yield Finding(
                    ("grf_pledge_ids", index),
                    f"no request or offer carries the GRF pledge '{pledge}'",
                    at_value=True,
                )
