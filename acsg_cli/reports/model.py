"""The stocktaking: every figure of the report, computed once from a registry snapshot.

A stocktaking answers what the 2021 outcome report (SR) and the fact sheet (FS 2, FS 5) ask:
how many pledges and from whom, how many matches at each stage, which needs are unmet and
where, how supply compares with demand, which offers are hard to use because of a narrow
scope, which matches were welcomed or cross regions, what the matched entities reported, and
what changed since an earlier point. Renderers only lay this model out.

Counting rules (shown in the report as well):
- *requested*: requests other than drafts and withdrawn ones; *offered*: offers other than
  withdrawn ones. The gap is requested minus offered.
- *open requests*: status `open`; *available offers*: status `open`, still available, with
  capacity left (the conditions of the eligibility filters that do not depend on a request).
- *unmet needs*: open requests with no live match. Whether an eligible offer exists is decided
  by `acsg_cli.matching.eligibility` (WM 16, SR, WM 17, FS 3).
- a region's *requested* counts requests with a requesting State there; its *offered* counts
  offers whose geographic scope covers at least one of its countries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from acsg_cli import geo
from acsg_cli.browse import scope_text
from acsg_cli.disclosure import Audience, may_see, shown_title
from acsg_cli.models import Match, Offer, Request
from acsg_cli.problems import Severity
from acsg_cli.registry import Registry
from acsg_cli.reports import facts
from acsg_cli.reports.timetravel import Basis, Snapshot
from acsg_cli.vocab import (
    ENDED_MATCH_STATUSES,
    LIVE_MATCH_STATUSES,
    Area,
    EntityType,
    MatchStatus,
    OfferStatus,
    Region,
    RequestStatus,
)

AUDIENCES = ("shared", "secretariat")
"""`shared`: safe to circulate; `secretariat`: adds the requests' confidential details (FS 3)."""

SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("headline", "Headline figures", "SR; FS 3"),
    ("entities", "Pledging entities", "SR; MSP; WM 3"),
    ("supply_demand", "Supply and demand", "SR; FS 2"),
    ("unmet_needs", "Unmet needs", "SR; FS 2; FS 3"),
    ("narrow_scope", "Offers limited in geographic scope", "SR"),
    ("matches", "Matches welcomed and across regions", "SR; FS 2"),
    ("progress", "Progress updates and good practices", "FS 5"),
    ("changes", "What changed", "FS 5; SR"),
)
"""Every section of the stocktaking: key, title, and the paragraphs it answers."""

REQUEST_DEMAND_EXCLUDED = frozenset({RequestStatus.DRAFT, RequestStatus.WITHDRAWN})
OFFER_SUPPLY_EXCLUDED = frozenset({OfferStatus.WITHDRAWN})


@dataclass(frozen=True)
class AreaFigure:
    area: str
    requested: int
    offered: int
    gap: int
    open_requests: int
    available_offers: int


@dataclass(frozen=True)
class RegionFigure:
    region: str
    name: str
    requested: int
    offered: int
    gap: int
    open_requests: int
    available_offers: int


@dataclass(frozen=True)
class EntityTypeFigure:
    type: str
    entities: int
    pledges: int


@dataclass(frozen=True)
class UnmetNeed:
    request: str
    states: list[str]
    regions: list[str]
    title: str
    submitted_on: str
    days_open: int
    areas: list[str]
    urgent: bool
    eligible_offer_exists: bool
    first_eligible_offer: str | None
    gap: str | None = None
    """Secretariat audience only (WM 15.ii)."""
    objectives: list[str] | None = None
    """Secretariat audience only (WM 15.ii)."""


@dataclass(frozen=True)
class NarrowOffer:
    offer: str
    entity: str
    entity_type: str
    status: str
    scope: str
    regions: list[str]
    areas: list[str]
    open_requests_in_its_areas: int
    of_which_in_scope: int


@dataclass(frozen=True)
class MatchLine:
    match: str
    parties: str
    request: str
    offers: list[str]
    stage: str
    welcomed_on: str | None
    welcomed: bool
    cross_regional: bool


@dataclass(frozen=True)
class UpdateLine:
    match: str
    parties: str
    on: str
    summary: str
    milestones_met: int
    good_practice: bool


@dataclass(frozen=True)
class NewRecord:
    id: str
    kind: str
    label: str
    status: str


@dataclass(frozen=True)
class StatusMove:
    id: str
    kind: str
    from_status: str | None
    to_status: str
    on: str | None


@dataclass(frozen=True)
class Changes:
    since: dict[str, Any]
    new_requests: list[NewRecord]
    new_offers: list[NewRecord]
    new_matches: list[NewRecord]
    status_moves: list[StatusMove]
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Stocktaking:
    """The stocktaking result; `to_dict()` is the JSON shape documented in the README."""

    as_of: str
    basis: dict[str, Any]
    audience: str
    registry_errors: int
    totals: dict[str, int]
    requests_by_status: dict[str, int]
    offers_by_status: dict[str, int]
    matches_by_stage: dict[str, int]
    entities: dict[str, Any]
    supply_demand: dict[str, Any]
    unmet_needs: dict[str, Any]
    narrow_scope: dict[str, Any]
    matches: dict[str, Any]
    progress: dict[str, Any]
    changes: Changes | None
    findings: list[str]
    sections: list[dict[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_stocktaking(
    snap: Snapshot, *, audience: str = "shared", since: Snapshot | None = None
) -> Stocktaking:
    """Compute the stocktaking of `snap` (and what changed since `since`) for an audience."""
    registry, today = snap.registry, snap.basis.as_of
    index = facts.indexed(registry, today)
    secretariat = audience == "secretariat"
    requests = sorted(registry.requests.values(), key=lambda r: r.id)
    offers = sorted(registry.offers.values(), key=lambda o: o.id)
    matches = sorted(registry.matches.values(), key=lambda m: m.id)

    totals = {
        "requests": len(requests),
        "offers": len(offers),
        "matches": len(matches),
        "pledges": len(requests) + len(offers),
        "live_matches": sum(1 for m in matches if m.status in LIVE_MATCH_STATUSES),
    }
    by_request_status = Counter(r.status for r in requests)
    by_offer_status = Counter(o.status for o in offers)
    by_stage = Counter(m.status for m in matches)

    unmet = _unmet_needs(index, requests, today, secretariat)
    supply_demand = _supply_demand(index, requests, offers)
    narrow = _narrow_scope(requests, offers)
    match_lines = _match_lines(registry, matches)
    progress = _progress(registry, matches)
    changes = _changes(snap, since, secretariat) if since is not None else None
    entities = _entities(requests, offers)
    model = Stocktaking(
        as_of=today.isoformat(),
        basis=snap.basis.to_dict(),
        audience=audience,
        registry_errors=sum(1 for p in registry.problems if p.severity is Severity.ERROR),
        totals=totals,
        requests_by_status={s.value: by_request_status[s] for s in RequestStatus},
        offers_by_status={s.value: by_offer_status[s] for s in OfferStatus},
        matches_by_stage={s.value: by_stage[s] for s in facts.STAGES},
        entities=entities,
        supply_demand=supply_demand,
        unmet_needs=unmet,
        narrow_scope=narrow,
        matches=match_lines,
        progress=progress,
        changes=changes,
        findings=[],
        sections=[
            {"key": k, "title": t, "source": s} for k, t, s in SECTIONS if k != "changes" or since
        ],
    )
    from acsg_cli.reports.findings import findings

    return replace(model, findings=findings(model))


# --- sections ---------------------------------------------------------------------------------


def _entities(requests: list[Request], offers: list[Offer]) -> dict[str, Any]:
    entities: dict[EntityType, set[str]] = {t: set() for t in EntityType}
    pledges: Counter[EntityType] = Counter()
    for request in requests:
        entities[EntityType.STATE].update(request.requesting_states)
        pledges[EntityType.STATE] += 1
    for offer in offers:
        entity = offer.offering_entity
        key = entity.country if entity.type is EntityType.STATE and entity.country else entity.name
        entities[entity.type].add(key)
        pledges[entity.type] += 1
    by_type = [
        EntityTypeFigure(t.value, len(entities[t]), pledges[t])
        for t in EntityType
        if entities[t] or pledges[t]
    ]
    others = [t for t in EntityType if t is not EntityType.STATE]
    return {
        "requesting_states": len({s for r in requests for s in r.requesting_states}),
        "joint_requests": sum(1 for r in requests if len(r.requesting_states) > 1),
        "offering_entities": len(
            {
                (o.offering_entity.type, o.offering_entity.country or o.offering_entity.name)
                for o in offers
            }
        ),
        "by_type": by_type,
        "states": {
            "entities": len(entities[EntityType.STATE]),
            "pledges": pledges[EntityType.STATE],
        },
        "other_stakeholders": {
            "entities": sum(len(entities[t]) for t in others),
            "pledges": sum(pledges[t] for t in others),
        },
    }


def _supply_demand(
    index: facts.Indexed, requests: list[Request], offers: list[Offer]
) -> dict[str, Any]:
    demand = [r for r in requests if r.status not in REQUEST_DEMAND_EXCLUDED]
    supply = [o for o in offers if o.status not in OFFER_SUPPLY_EXCLUDED]
    open_requests = [r for r in requests if r.status is RequestStatus.OPEN]
    available = [o for o in offers if index.available(o)]

    def area_counts(records: list[Any]) -> Counter[Area]:
        return Counter(a for rec in records for a in rec.areas)

    req, off, opn, avl = (area_counts(x) for x in (demand, supply, open_requests, available))
    by_area = [
        AreaFigure(a.value, req[a], off[a], req[a] - off[a], opn[a], avl[a])
        for a in Area
        if req[a] or off[a] or opn[a] or avl[a]
    ]
    by_area.sort(key=lambda f: (-f.gap, -f.requested, f.area))

    def region_requests(records: list[Request]) -> Counter[Region]:
        return Counter(g for r in records for g in facts.regions_of(list(r.requesting_states)))

    def region_offers(records: list[Offer]) -> Counter[Region]:
        return Counter(g for o in records for g in facts.scope_regions(o))

    rr, ro, rop, rav = (
        region_requests(demand),
        region_offers(supply),
        region_requests(open_requests),
        region_offers(available),
    )
    by_region = [
        RegionFigure(g.value, _region_name(g), rr[g], ro[g], rr[g] - ro[g], rop[g], rav[g])
        for g in Region
    ]
    return {
        "requested": len(demand),
        "offered": len(supply),
        "gap": len(demand) - len(supply),
        "open_requests": len(open_requests),
        "available_offers": len(available),
        "by_area": by_area,
        "by_region": by_region,
    }


def _region_name(region: Region) -> str:
    from acsg_cli.vocab import REGION_NAMES

    name = REGION_NAMES[region]
    return name[0].upper() + name[1:]


def _unmet_needs(
    index: facts.Indexed, requests: list[Request], today: date, secretariat: bool
) -> dict[str, Any]:
    needs: list[UnmetNeed] = []
    for request in requests:
        if request.status is not RequestStatus.OPEN or index.live_matches_of(request.id):
            continue
        first = index.first_eligible_offer(request)
        audience = Audience.secretariat() if secretariat else Audience.shared()
        needs.append(
            UnmetNeed(
                request=request.id,
                states=list(request.requesting_states),
                regions=[r.value for r in facts.regions_of(list(request.requesting_states))],
                title=shown_title(request, audience),
                submitted_on=request.submitted_on.isoformat(),
                days_open=(today - request.submitted_on).days,
                areas=[a.value for a in request.areas],
                urgent=request.urgent,
                eligible_offer_exists=first is not None,
                first_eligible_offer=first,
                gap=facts.safe_text(request.gap) if may_see(request, "gap", audience) else None,
                objectives=[facts.safe_text(o) for o in request.objectives]
                if may_see(request, "objectives", audience)
                else None,
            )
        )
    needs.sort(key=lambda n: (-n.days_open, n.request))
    areas = Counter(a for n in needs for a in n.areas)
    regions = Counter(g for n in needs for g in n.regions)
    return {
        "count": len(needs),
        "without_eligible_offer": sum(1 for n in needs if not n.eligible_offer_exists),
        "urgent": sum(1 for n in needs if n.urgent),
        "longest_open_days": max((n.days_open for n in needs), default=0),
        "by_area": {a.value: areas[a.value] for a in Area if areas[a.value]},
        "by_region": {g.value: regions[g.value] for g in Region if regions[g.value]},
        "requests": needs,
    }


def _narrow_scope(requests: list[Request], offers: list[Offer]) -> dict[str, Any]:
    open_requests = {r.id: r for r in requests if r.status is RequestStatus.OPEN}
    by_area: dict[Area, set[str]] = defaultdict(set)
    by_country: dict[str, set[str]] = defaultdict(set)
    by_region: dict[Region, set[str]] = defaultdict(set)
    states_of: dict[str, frozenset[str]] = {}
    regions_of: dict[str, frozenset[Region | None]] = {}
    for request in open_requests.values():
        states_of[request.id] = frozenset(request.requesting_states)
        regions_of[request.id] = frozenset(geo.region_of(s) for s in request.requesting_states)
        for area in request.areas:
            by_area[area].add(request.id)
        for state in request.requesting_states:
            by_country[state].add(request.id)
            region = geo.region_of(state)
            if region is not None:
                by_region[region].add(request.id)
    active = [o for o in offers if o.status not in (OfferStatus.WITHDRAWN, OfferStatus.CLOSED)]
    lines = []
    for offer in active:
        if not facts.is_narrow(offer):
            continue
        scope = offer.geographic_scope
        in_areas: set[str] = set().union(*(by_area.get(a, set()) for a in offer.areas))
        # Requests with at least one State in the scope, then those with every State in it.
        near: set[str] = set().union(
            *(by_country.get(c, set()) for c in scope.countries or []),
            *(by_region.get(r, set()) for r in scope.regions or []),
        )
        if scope.countries is not None:
            countries = frozenset(scope.countries)
            in_scope = [i for i in in_areas & near if states_of[i] <= countries]
        else:
            regions = frozenset(scope.regions or [])
            in_scope = [i for i in in_areas & near if regions_of[i] <= regions]
        lines.append(
            NarrowOffer(
                offer=offer.id,
                entity=facts.safe_text(offer.offering_entity.name),
                entity_type=offer.offering_entity.type.value,
                status=offer.status.value,
                scope=scope_text(offer),
                regions=[r.value for r in facts.scope_regions(offer)],
                areas=[a.value for a in offer.areas],
                open_requests_in_its_areas=len(in_areas),
                of_which_in_scope=len(in_scope),
            )
        )
    return {
        "count": len(lines),
        "active_offers": len(active),
        "global_offers": sum(1 for o in active if o.geographic_scope.is_global),
        "offers": lines,
    }


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


def _match_lines(registry: Registry, matches: list[Match]) -> dict[str, Any]:
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
    return {
        "welcomed": sum(1 for m in lines if m.welcomed),
        "cross_regional": sum(1 for m in lines if m.cross_regional),
        "welcomed_cross_regional": sum(1 for m in lines if m.welcomed and m.cross_regional),
        "ended": sum(1 for m in matches if m.status in ENDED_MATCH_STATUSES),
        "matches": lines,
    }


def _progress(registry: Registry, matches: list[Match]) -> dict[str, Any]:
    updates = [(m, u) for m in matches for u in m.updates]
    implementing = [m for m in matches if m.status is MatchStatus.IN_IMPLEMENTATION]
    latest = []
    for match in matches:
        if match.updates:
            u = max(match.updates, key=lambda u: u.on)
            latest.append(
                UpdateLine(
                    match.id,
                    parties_label(registry, match),
                    u.on.isoformat(),
                    facts.safe_text(u.summary),
                    len(u.milestones_met),
                    bool(u.good_practice),
                )
            )
    good = [
        UpdateLine(
            m.id,
            parties_label(registry, m),
            u.on.isoformat(),
            facts.safe_text(u.summary),
            len(u.milestones_met),
            True,
        )
        for m, u in updates
        if u.good_practice
    ]
    good.sort(key=lambda g: (g.on, g.match), reverse=True)
    return {
        "updates": len(updates),
        "matches_with_updates": len({m.id for m, _ in updates}),
        "milestones_met": sum(len(u.milestones_met) for _, u in updates),
        "good_practices": len(good),
        "in_implementation_without_update": sorted(m.id for m in implementing if not m.updates),
        "latest": latest,
        "good_practice_items": good,
    }


def _changes(snap: Snapshot, since: Snapshot, secretariat: bool) -> Changes:
    audience = Audience.secretariat() if secretariat else Audience.shared()
    before, after = since.registry, snap.registry
    start, end = since.basis.as_of, snap.basis.as_of

    def new(
        table_after: dict[str, Any], table_before: dict[str, Any], kind: str
    ) -> list[NewRecord]:
        out = []
        for record_id in sorted(set(table_after) - set(table_before)):
            rec = table_after[record_id]
            label = parties_label(after, rec) if kind == "match" else shown_title(rec, audience)
            out.append(NewRecord(record_id, kind, label, rec.status.value))
        return out

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
    new_requests = new(after.requests, before.requests, "request")
    new_offers = new(after.offers, before.offers, "offer")
    new_matches = new(after.matches, before.matches, "match")
    return Changes(
        since=since.basis.to_dict(),
        new_requests=new_requests,
        new_offers=new_offers,
        new_matches=new_matches,
        status_moves=moves,
        counts={
            "new_requests": len(new_requests),
            "new_offers": len(new_offers),
            "new_matches": len(new_matches),
            "status_moves": len(moves),
        },
    )


__all__ = ["AUDIENCES", "SECTIONS", "Basis", "Stocktaking", "build_stocktaking", "parties_label"]
