"""ACSG112: another live match already covers the same State and area (WM 15.vi, FS 2)."""

from __future__ import annotations

from collections.abc import Iterator

from acsg_cli.models import Request
from acsg_cli.problems import Severity
from acsg_cli.rules.base import GATED_STATUSES, Finding, RequestRule, RuleContext


class OverlappingMatch(RequestRule):
    """No live match already covers the same State and area (WM 15.vi, FS 2).

    Warns when a live match (proposed, consent pending, agreed, welcomed or in
    implementation) on *another* request already supports one of this request's States in
    one of its areas: a match covers the areas of its request that its offers offer. Only
    draft and open requests are checked: once a request is matched, the question has been
    settled.

    Why: FS 2: the mechanism helps "by preventing duplication of state efforts and
    resources (e.g. where a State is already receiving capacity development support in a
    specific area)"; WM 15.vi asks how duplication is mitigated. A warning, not an error:
    two requests in one area can be complementary, and the request's `coordination` should
    say how.

    Passing example (no live match of another TCD request covers legislation):

    ```yaml
    requesting_states: [TCD]
    areas: [legislation]
    ```

    Failing example (MAT-2021-001, in implementation, already supports Chad's training
    under REQ-2020-001):

    ```yaml
    id: REQ-2022-004
    requesting_states: [TCD]
    areas: [training]
    ```
    """

    code = "ACSG112"
    name = "overlapping-match"
    default_severity = Severity.WARNING
    cites = "WM 15.vi, FS 2"
    summary = "No live match on another request already covers the same State and area."

    def applies(self, context: RuleContext, record: Request) -> bool:
        return record.status in GATED_STATUSES

    def check(self, context: RuleContext, record: Request) -> Iterator[Finding]:
        areas = set(record.areas)
        seen: set[str] = set()
        for state in record.requesting_states:
            for match, covered in context.live_matches_by_state.get(state, ()):
                if match.request == record.id or match.id in seen:
                    continue
                common = sorted(a.value for a in covered & areas)
                if common:
                    seen.add(match.id)
                    yield Finding(
                        ("areas",),
                        f"{match.id} ({match.status.value}, for {match.request}) already "
                        f"supports {state} in {', '.join(common)}; say in coordination how "
                        "this request avoids duplicating it",
                    )
