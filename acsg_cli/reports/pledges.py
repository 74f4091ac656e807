"""The pledges' side of the stocktaking: who pledged, supply against demand, unmet needs and
offers limited in scope (SR, FS 2, FS 3, MSP). Counting rules are in `acsg_cli.reports.model`."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from acsg_cli.browse import scope_code
from acsg_cli.disclosure import Audience, may_see, shown_title
from acsg_cli.models import Offer, Request
from acsg_cli.reports import facts
from acsg_cli.reports.sections import (
    AreaFigure,
    Entities,
    EntityCount,
    EntityTypeFigure,
    GlobalOffers,
    NarrowOffer,
    NarrowScope,
    RegionFigure,
    SupplyDemand,
    UnmetNeed,
    UnmetNeeds,
)
from acsg_cli.vocab import Area, EntityType, OfferStatus, Region, RequestStatus

REQUEST_DEMAND_EXCLUDED = frozenset({RequestStatus.DRAFT, RequestStatus.WITHDRAWN})
OFFER_SUPPLY_EXCLUDED = frozenset({OfferStatus.WITHDRAWN})


def entities(requests: list[Request], offers: list[Offer]) -> Entities:
    """Who pledged: requesting States, offering entities, by entity type."""
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
    return Entities(
        requesting_states=len({s for r in requests for s in r.requesting_states}),
        joint_requests=sum(1 for r in requests if len(r.requesting_states) > 1),
        offering_entities=len(
            {
                (o.offering_entity.type, o.offering_entity.country or o.offering_entity.name)
                for o in offers
            }
        ),
        by_type=by_type,
        states=EntityCount(len(entities[EntityType.STATE]), pledges[EntityType.STATE]),
        other_stakeholders=EntityCount(
            sum(len(entities[t]) for t in others), sum(pledges[t] for t in others)
        ),
    )


def supply_demand(
    index: facts.Indexed, requests: list[Request], offers: list[Offer]
) -> SupplyDemand:
    """Requests against offers, overall, by area and by region; a region's offers are the ones
    limited to it, global offers are counted apart."""
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
        return Counter(
            g for o in records if o.geographic_scope.is_narrow for g in facts.scope_regions(o)
        )

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
    return SupplyDemand(
        requested=len(demand),
        offered=len(supply),
        gap=len(demand) - len(supply),
        open_requests=len(open_requests),
        available_offers=len(available),
        by_area=by_area,
        by_region=by_region,
        global_offers=GlobalOffers(_global_count(supply), _global_count(available)),
    )


def _global_count(offers: list[Offer]) -> int:
    """The offers with a global scope: counted once, apart from the regions."""
    return sum(1 for o in offers if o.geographic_scope.is_global)


def _region_name(region: Region) -> str:
    from acsg_cli.vocab import REGION_NAMES

    name = REGION_NAMES[region]
    return name[0].upper() + name[1:]


def unmet_needs(
    index: facts.Indexed, requests: list[Request], today: date, secretariat: bool
) -> UnmetNeeds:
    """Open requests without a live match, longest open first."""
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
                days_open=facts.days_between(request.submitted_on, today) or 0,
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
    return UnmetNeeds(
        count=len(needs),
        without_eligible_offer=sum(1 for n in needs if not n.eligible_offer_exists),
        urgent=sum(1 for n in needs if n.urgent),
        longest_open_days=max((n.days_open for n in needs), default=0),
        by_area={a.value: areas[a.value] for a in Area if areas[a.value]},
        by_region={g.value: regions[g.value] for g in Region if regions[g.value]},
        requests=needs,
    )


def narrow_scope(requests: list[Request], offers: list[Offer]) -> NarrowScope:
    """The offers pledged (all but withdrawn ones, as `supply_demand` counts them) that are
    limited in geographic scope (`GeographicScope.is_narrow`, as rule ACSG203 asks), with the
    open requests near them (counted by groups: `nearby`)."""
    from acsg_cli.reports.nearby import open_requests_near

    open_requests = [r for r in requests if r.status is RequestStatus.OPEN]
    supply = [o for o in offers if o.status not in OFFER_SUPPLY_EXCLUDED]
    narrow = [o for o in supply if o.geographic_scope.is_narrow]
    lines = [
        NarrowOffer(
            offer=offer.id,
            entity=facts.safe_text(offer.offering_entity.name),
            entity_type=offer.offering_entity.type.value,
            status=offer.status.value,
            scope=scope_code(offer),
            regions=[r.value for r in facts.scope_regions(offer)],
            areas=[a.value for a in offer.areas],
            open_requests_in_its_areas=in_areas,
            of_which_in_scope=in_scope,
        )
        for offer, (in_areas, in_scope) in zip(
            narrow, open_requests_near(open_requests, narrow), strict=True
        )
    ]
    return NarrowScope(
        count=len(lines),
        offered=len(supply),
        global_offers=_global_count(supply),
        offers=lines,
    )
