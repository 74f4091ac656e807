"""The matches' side of the stocktaking: matches welcomed and across regions, progress updates
and good practices, and what changed since an earlier point (SR, FS 2, FS 5)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import TypeVar

from acsg_cli import geo
from acsg_cli.disclosure import Audience, shown_title
from acsg_cli.models import Match, Offer, ProgressUpdate, Request
from acsg_cli.registry import Registry
from acsg_cli.reports import facts
from acsg_cli.reports.sections import (
    BasisFigures,
    ChangeCounts,
    Changes,
    MatchFigures,
    MatchLine,
    NewRecord,
    Progress,
    StatusMove,
    UpdateLine,
)
from acsg_cli.reports.timetravel import Snapshot
from acsg_cli.vocab import ENDED_MATCH_STATUSES, EntityType, MatchStatus

R = TypeVar("R", Request, Offer, Match)


def parties_label(registry: Registry, match: Match) -> str:
    """`Chad / France`: the requesting States, then the offering entities (States by country)."""
    request = registry.requests.get(match.request)
    left = (
        " + ".join(geo.country_name(s) for s in request.requesting_states)
        if request
        else match.request
    )
    names = []
    for offer_id in match.offers:
        offer = registry.offers.get(offer_id)
        if offer is None:
            names.append(offer_id)
        elif offer.offering_entity.type is EntityType.STATE and offer.offering_entity.country:
            names.append(geo.country_name(offer.offering_entity.country))
        else:
            names.append(facts.safe_text(offer.offering_entity.name))
    return f"{left} / {' + '.join(names)}"


def match_figures(registry: Registry, matches: list[Match]) -> MatchFigures:
    """Matches not declined or withdrawn: welcomed, cross-regional."""
    lines = []
    for match in matches:
        if match.status in ENDED_MATCH_STATUSES:
            continue
        welcomed = facts.reached(match, facts.WELCOMED_OR_LATER)
        lines.append(
            MatchLine(
                match=match.id,
                parties=parties_label(registry, match),
                request=match.request,
                offers=list(match.offers),
                stage=match.status.value,
                welcomed_on=welcomed.isoformat() if isinstance(welcomed, date) else None,
                welcomed=welcomed is not False,
                cross_regional=facts.is_cross_regional(registry, match),
            )
        )
    return MatchFigures(
        welcomed=sum(1 for m in lines if m.welcomed),
        cross_regional=sum(1 for m in lines if m.cross_regional),
        welcomed_cross_regional=sum(1 for m in lines if m.welcomed and m.cross_regional),
        ended=sum(1 for m in matches if m.status in ENDED_MATCH_STATUSES),
        matches=lines,
    )


def progress(registry: Registry, matches: list[Match]) -> Progress:
    """Progress updates, milestones and good practices of the matches."""
    updates = [(m, u) for m in matches for u in m.updates]
    implementing = [m for m in matches if m.status is MatchStatus.IN_IMPLEMENTATION]
    latest = [
        _update_line(registry, m, max(m.updates, key=lambda u: u.on)) for m in matches if m.updates
    ]
    good = [_update_line(registry, m, u) for m, u in updates if u.good_practice]
    good.sort(key=lambda g: (g.on, g.match), reverse=True)
    return Progress(
        updates=len(updates),
        matches_with_updates=len({m.id for m, _ in updates}),
        milestones_met=sum(len(u.milestones_met) for _, u in updates),
        good_practices=len(good),
        in_implementation_without_update=sorted(m.id for m in implementing if not m.updates),
        latest=latest,
        good_practice_items=good,
    )


def _update_line(registry: Registry, match: Match, update: ProgressUpdate) -> UpdateLine:
    return UpdateLine(
        match.id,
        parties_label(registry, match),
        update.on.isoformat(),
        facts.safe_text(update.summary),
        len(update.milestones_met),
        bool(update.good_practice),
    )


def changes(snap: Snapshot, since: Snapshot, secretariat: bool) -> Changes:
    """New records and status moves between `since` and `snap`."""
    audience = Audience.secretariat() if secretariat else Audience.shared()
    before, after = since.registry, snap.registry
    start, end = since.basis.as_of, snap.basis.as_of

    def new(
        table_after: Mapping[str, R], table_before: Mapping[str, R], label: Callable[[R], str]
    ) -> list[NewRecord]:
        return [
            NewRecord(record_id, rec.kind, label(rec), rec.status.value)
            for record_id, rec in sorted(table_after.items())
            if record_id not in table_before
        ]

    def title(record: Request | Offer) -> str:
        return shown_title(record, audience)

    moves: list[StatusMove] = []
    explained: set[str] = set()
    for match in sorted(after.matches.values(), key=lambda m: m.id):
        previous = None
        for entry in match.history:
            if start < entry.on <= end:
                moves.append(
                    StatusMove(
                        match.id, "match", previous, entry.status.value, entry.on.isoformat()
                    )
                )
                explained.add(match.id)
            previous = entry.status.value
    for kind, now, then in (
        ("request", after.requests, before.requests),
        ("offer", after.offers, before.offers),
        ("match", after.matches, before.matches),
    ):
        for record_id in sorted(set(now) & set(then)):
            if record_id not in explained and now[record_id].status is not then[record_id].status:
                moves.append(
                    StatusMove(
                        record_id,
                        kind,
                        then[record_id].status.value,
                        now[record_id].status.value,
                        None,
                    )
                )
    new_requests = new(after.requests, before.requests, title)
    new_offers = new(after.offers, before.offers, title)
    new_matches = new(after.matches, before.matches, partial(parties_label, after))
    return Changes(
        since=BasisFigures.of(since.basis),
        new_requests=new_requests,
        new_offers=new_offers,
        new_matches=new_matches,
        status_moves=moves,
        counts=ChangeCounts(len(new_requests), len(new_offers), len(new_matches), len(moves)),
    )
