"""The stocktaking's sections as typed figures: one frozen dataclass per section, each field
named as its key in the JSON output (`dataclasses.asdict` gives the documented shape)."""

from __future__ import annotations

from dataclasses import dataclass

from acsg_cli.reports.timetravel import Basis


@dataclass(frozen=True)
class BasisFigures:
    """How the report's registry was obtained (`Basis`), as shown and as JSON."""

    kind: str
    as_of: str
    label: str
    revision: str | None
    commit: str | None

    @classmethod
    def of(cls, basis: Basis) -> BasisFigures:
        return cls(basis.kind, basis.as_of.isoformat(), basis.label, basis.revision, basis.commit)


@dataclass(frozen=True)
class SectionRef:
    """A section of the report: its key, title and the paragraphs it answers."""

    key: str
    title: str
    source: str


@dataclass(frozen=True)
class Totals:
    requests: int
    offers: int
    matches: int
    pledges: int
    live_matches: int


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
class GlobalOffers:
    """Offers whose scope is global: they can serve in any region, so they are counted once,
    apart from the regions, instead of in every region's row."""

    offered: int
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
class EntityCount:
    entities: int
    pledges: int


@dataclass(frozen=True)
class Entities:
    """Who pledged (SR, MSP, WM 3): requesting States, offering entities, by type."""

    requesting_states: int
    joint_requests: int
    offering_entities: int
    by_type: list[EntityTypeFigure]
    states: EntityCount
    other_stakeholders: EntityCount


@dataclass(frozen=True)
class SupplyDemand:
    """Requests against offers, overall, by area and by UNHCR region (SR, FS 2).

    A region's offers are those limited to it (some of its countries, or the region): the
    offers that can serve there and nowhere near everywhere. Global offers are `global_offers`,
    so a region's gap says what its own supply leaves open."""

    requested: int
    offered: int
    gap: int
    open_requests: int
    available_offers: int
    by_area: list[AreaFigure]
    by_region: list[RegionFigure]
    global_offers: GlobalOffers


@dataclass(frozen=True)
class UnmetNeeds:
    """Open requests without a live match (SR, FS 2, FS 3)."""

    count: int
    without_eligible_offer: int
    urgent: int
    longest_open_days: int
    by_area: dict[str, int]
    by_region: dict[str, int]
    requests: list[UnmetNeed]


@dataclass(frozen=True)
class NarrowScope:
    """Offers limited in geographic scope: named countries or regions, not global (SR).

    Of the offers pledged, as supply and demand counts them (`SupplyDemand.offered`: all but
    withdrawn ones): `count` are limited in scope and `global_offers` have a global scope, so
    the two add up to `offered`, and `global_offers` is `SupplyDemand.global_offers.offered`."""

    count: int
    offered: int
    global_offers: int
    offers: list[NarrowOffer]


@dataclass(frozen=True)
class MatchFigures:
    """Matches welcomed and across regions (SR, FS 2)."""

    welcomed: int
    cross_regional: int
    welcomed_cross_regional: int
    ended: int
    matches: list[MatchLine]


@dataclass(frozen=True)
class Progress:
    """Progress updates and good practices (FS 5)."""

    updates: int
    matches_with_updates: int
    milestones_met: int
    good_practices: int
    in_implementation_without_update: list[str]
    latest: list[UpdateLine]
    good_practice_items: list[UpdateLine]


@dataclass(frozen=True)
class ChangeCounts:
    new_requests: int
    new_offers: int
    new_matches: int
    status_moves: int


@dataclass(frozen=True)
class Changes:
    """What changed since an earlier point (FS 5, SR)."""

    since: BasisFigures
    new_requests: list[NewRecord]
    new_offers: list[NewRecord]
    new_matches: list[NewRecord]
    status_moves: list[StatusMove]
    counts: ChangeCounts
