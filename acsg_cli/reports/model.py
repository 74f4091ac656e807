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
  offers limited in scope (`GeographicScope.is_narrow`) to at least one of its countries.
  Offers with a global scope are counted once, apart (`global_offers`), not in every region.
- *offers limited in geographic scope* are counted among the offered ones too: of the offers
  other than withdrawn ones, `narrow_scope.count` are limited in scope and
  `narrow_scope.global_offers` (the same figure as `supply_demand.global_offers.offered`) have
  a global scope.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from acsg_cli.reports import activity, facts, pledges
from acsg_cli.reports.activity import parties_label
from acsg_cli.reports.pledges import OFFER_SUPPLY_EXCLUDED, REQUEST_DEMAND_EXCLUDED
from acsg_cli.reports.sections import (
    AreaFigure,
    BasisFigures,
    ChangeCounts,
    Changes,
    Entities,
    EntityCount,
    EntityTypeFigure,
    GlobalOffers,
    MatchFigures,
    MatchLine,
    NarrowOffer,
    NarrowScope,
    NewRecord,
    Progress,
    RegionFigure,
    SectionRef,
    StatusMove,
    SupplyDemand,
    Totals,
    UnmetNeed,
    UnmetNeeds,
    UpdateLine,
)
from acsg_cli.reports.timetravel import Basis, Snapshot
from acsg_cli.vocab import LIVE_MATCH_STATUSES, OfferStatus, RequestStatus

if TYPE_CHECKING:
    from acsg_cli.matching.scoring import MatchingSettings

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


@dataclass(frozen=True)
class Stocktaking:
    """The stocktaking result; `to_dict()` is the JSON shape documented in the README."""

    as_of: str
    basis: BasisFigures
    audience: str
    registry_errors: int
    totals: Totals
    requests_by_status: dict[str, int]
    offers_by_status: dict[str, int]
    matches_by_stage: dict[str, int]
    entities: Entities
    supply_demand: SupplyDemand
    unmet_needs: UnmetNeeds
    narrow_scope: NarrowScope
    matches: MatchFigures
    progress: Progress
    changes: Changes | None
    findings: list[str]
    sections: list[SectionRef]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_stocktaking(
    snap: Snapshot,
    *,
    audience: str = "shared",
    since: Snapshot | None = None,
    settings: MatchingSettings | None = None,
) -> Stocktaking:
    """Compute the stocktaking of `snap` (and what changed since `since`) for an audience."""
    registry, today = snap.registry, snap.basis.as_of
    index = facts.indexed(registry, today, settings)
    secretariat = audience == "secretariat"
    requests = sorted(registry.requests.values(), key=lambda r: r.id)
    offers = sorted(registry.offers.values(), key=lambda o: o.id)
    matches = sorted(registry.matches.values(), key=lambda m: m.id)

    totals = Totals(
        requests=len(requests),
        offers=len(offers),
        matches=len(matches),
        pledges=len(requests) + len(offers),
        live_matches=sum(1 for m in matches if m.status in LIVE_MATCH_STATUSES),
    )
    by_request_status = Counter(r.status for r in requests)
    by_offer_status = Counter(o.status for o in offers)
    by_stage = Counter(m.status for m in matches)

    model = Stocktaking(
        as_of=today.isoformat(),
        basis=BasisFigures.of(snap.basis),
        audience=audience,
        registry_errors=registry.error_count,
        totals=totals,
        requests_by_status={s.value: by_request_status[s] for s in RequestStatus},
        offers_by_status={s.value: by_offer_status[s] for s in OfferStatus},
        matches_by_stage={s.value: by_stage[s] for s in facts.STAGES},
        entities=pledges.entities(requests, offers),
        supply_demand=pledges.supply_demand(index, requests, offers),
        unmet_needs=pledges.unmet_needs(index, requests, today, secretariat),
        narrow_scope=pledges.narrow_scope(requests, offers),
        matches=activity.match_figures(registry, matches),
        progress=activity.progress(registry, matches),
        changes=activity.changes(snap, since, secretariat) if since is not None else None,
        findings=[],
        sections=[SectionRef(k, t, s) for k, t, s in SECTIONS if k != "changes" or since],
    )
    from acsg_cli.reports.findings import findings

    return replace(model, findings=findings(model))


__all__ = [
    "AUDIENCES",
    "OFFER_SUPPLY_EXCLUDED",
    "REQUEST_DEMAND_EXCLUDED",
    "SECTIONS",
    "AreaFigure",
    "Basis",
    "BasisFigures",
    "ChangeCounts",
    "Changes",
    "Entities",
    "EntityCount",
    "EntityTypeFigure",
    "GlobalOffers",
    "MatchFigures",
    "MatchLine",
    "NarrowOffer",
    "NarrowScope",
    "NewRecord",
    "Progress",
    "RegionFigure",
    "SectionRef",
    "StatusMove",
    "Stocktaking",
    "SupplyDemand",
    "Totals",
    "UnmetNeed",
    "UnmetNeeds",
    "UpdateLine",
    "build_stocktaking",
    "parties_label",
]
