"""The status report: one row per live match and per open request without one, attention first.

Ordering (`ORDERING`): rows are grouped by what they wait for, most pressing group first;
within a group the row that has waited longest in its current stage comes first (rows whose
stage date is unknown come after the dated ones), then by id.

1. an urgent request (WM 9, WM 12) with no match;
2. a request with no match although an eligible offer exists: a match can be proposed now (FS 3);
3. a request with no match and no eligible offer: other stakeholders may be approached (FS 3);
4. a match waiting for the parties' consent (`proposed`, `consent_pending`; FS 3);
5. an agreed match not yet welcomed;
6. a match under way (`welcomed`, `in_implementation`), expected to report progress (FS 5).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from acsg_cli import geo
from acsg_cli.i18n import N_
from acsg_cli.models import Match, Request
from acsg_cli.reports import facts
from acsg_cli.reports.activity import parties_label
from acsg_cli.reports.sections import BasisFigures
from acsg_cli.reports.timetravel import Snapshot
from acsg_cli.vocab import LIVE_MATCH_STATUSES, Area, MatchStatus, RequestStatus, label_of

if TYPE_CHECKING:
    from acsg_cli.matching.scoring import MatchingSettings

ORDERING: tuple[tuple[str, str], ...] = (
    (N_("urgent, no match"), "WM 9, WM 12"),
    (N_("no match; an eligible offer exists"), "FS 3"),
    (N_("no match; no eligible offer"), "FS 3"),
    (N_("awaiting consent"), "FS 3"),
    (N_("agreed, to be welcomed"), "FS 3"),
    (N_("under way"), "FS 5"),
)
"""The attention groups in order, each with the paragraph it comes from."""

_GROUP_OF_STAGE = {
    MatchStatus.PROPOSED: 4,
    MatchStatus.CONSENT_PENDING: 4,
    MatchStatus.AGREED: 5,
    MatchStatus.WELCOMED: 6,
    MatchStatus.IN_IMPLEMENTATION: 6,
}

COLUMNS = [
    "attention",
    "id",
    "parties",
    "areas",
    "stage",
    "since",
    "days",
    "last_update",
    "eligible_offer",
]
"""Columns of the table, CSV and Markdown forms; the secretariat audience adds `title`."""


@dataclass(frozen=True)
class StatusRow:
    group: int
    attention: str = field(init=False)
    """What the row's group waits for (`ORDERING`), derived from `group`."""
    kind: str
    id: str
    request: str
    parties: str
    states: list[str]
    offers: list[str]
    areas: list[str]
    stage: str
    since: str | None
    days: int | None
    last_update: str | None
    eligible_offer: str | None
    """For a request: the first eligible offer's id, `none`; for a match: None."""
    title: str | None = None
    """Secretariat audience only."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "attention", ORDERING[self.group - 1][0])

    def cells(self) -> dict[str, Any]:
        """The row as flat cells for tables and CSV."""
        return {
            "attention": self.attention,
            "id": self.id,
            "parties": self.parties,
            "areas": [label_of(Area, a) for a in self.areas],
            "stage": label_of(MatchStatus, self.stage) if self.kind == "match" else self.stage,
            "since": self.since,
            "days": self.days,
            "last_update": self.last_update,
            "eligible_offer": self.eligible_offer,
            "title": self.title,
        }


@dataclass(frozen=True)
class AttentionGroup:
    """One group of `ORDERING`: its number (1 first), what its rows wait for, and the
    paragraphs that say so."""

    group: int
    attention: str
    source: str


@dataclass(frozen=True)
class StatusReport:
    """The status result; `to_dict()` is the JSON shape documented in the README."""

    as_of: str
    basis: BasisFigures
    audience: str
    registry_errors: int
    ordering: list[AttentionGroup]
    rows: list[StatusRow]

    @property
    def columns(self) -> list[str]:
        return [*COLUMNS, "title"] if self.audience == "secretariat" else list(COLUMNS)

    @property
    def live_matches(self) -> int:
        return sum(1 for r in self.rows if r.kind == "match")

    @property
    def unmatched_requests(self) -> int:
        return sum(1 for r in self.rows if r.kind == "request")

    def rows_in(self, group: AttentionGroup) -> int:
        return sum(1 for r in self.rows if r.group == group.group)

    def to_dict(self) -> dict[str, Any]:
        """The fields, with `counts` before the rows: the totals, then each group's by label."""
        out = asdict(self)
        rows = out.pop("rows")
        out["counts"] = {
            "rows": len(self.rows),
            "live_matches": self.live_matches,
            "unmatched_requests": self.unmatched_requests,
            **{g.attention: self.rows_in(g) for g in self.ordering},
        }
        out["rows"] = rows
        return out


def build_status(
    snap: Snapshot, *, audience: str = "shared", settings: MatchingSettings | None = None
) -> StatusReport:
    """The status rows of `snap`; an open request's eligible offer is `match propose`'s first
    choice with `settings` (the project's `[tool.acsg.matching]`)."""
    registry, today = snap.registry, snap.basis.as_of
    index = facts.indexed(registry, today, settings)
    secretariat = audience == "secretariat"
    rows: list[StatusRow] = []
    for match in registry.matches.values():
        if match.status in LIVE_MATCH_STATUSES:
            rows.append(_match_row(snap, match, secretariat))
    for request in registry.requests.values():
        if request.status is RequestStatus.OPEN and not index.live_matches_of(request.id):
            rows.append(_request_row(snap, index, request, secretariat))
    rows.sort(key=lambda r: (r.group, r.days is None, -(r.days or 0), r.id))
    return StatusReport(
        as_of=today.isoformat(),
        basis=BasisFigures.of(snap.basis),
        audience=audience,
        registry_errors=registry.error_count,
        ordering=[
            AttentionGroup(n, label, source) for n, (label, source) in enumerate(ORDERING, start=1)
        ],
        rows=rows,
    )


def _title(request: Request | None, secretariat: bool) -> str | None:
    from acsg_cli.disclosure import Audience, shown_title

    if request is None or not secretariat:
        return None  # the shared report has no title column
    return shown_title(request, Audience.secretariat())


def _match_row(snap: Snapshot, match: Match, secretariat: bool) -> StatusRow:
    registry, today = snap.registry, snap.basis.as_of
    request = registry.requests.get(match.request)
    group = _GROUP_OF_STAGE[match.status]
    since = facts.stage_since(match)
    last = match.updates[-1].on if match.updates else None  # the last progress update (FS 5)
    return StatusRow(
        group=group,
        kind="match",
        id=match.id,
        request=match.request,
        parties=parties_label(registry, match),
        states=list(request.requesting_states) if request else [],
        offers=list(match.offers),
        areas=[a.value for a in request.areas] if request else [],
        stage=match.status.value,
        since=since.isoformat() if since else None,
        days=facts.days_between(since, today),
        last_update=last.isoformat() if last else None,
        eligible_offer=None,
        title=_title(request, secretariat),
    )


def _request_row(
    snap: Snapshot, index: facts.Indexed, request: Request, secretariat: bool
) -> StatusRow:
    first = index.first_eligible_offer(request)
    group = 1 if request.urgent else (2 if first else 3)
    return StatusRow(
        group=group,
        kind="request",
        id=request.id,
        request=request.id,
        parties=" + ".join(geo.country_name(s) for s in request.requesting_states),
        states=list(request.requesting_states),
        offers=[],
        areas=[a.value for a in request.areas],
        stage=N_("open, no match"),
        since=request.submitted_on.isoformat(),
        days=facts.days_between(request.submitted_on, snap.basis.as_of),
        last_update=None,
        eligible_offer=first or "none",
        title=_title(request, secretariat),
    )
