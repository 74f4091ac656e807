"""Pledge stages: ACSG match statuses and the GCR pledge stages, mapped both ways.

GRF pledging entities report their pledges' progress to the GCR in three stages (FS 5):
planning, in progress, fulfilled. A match's status gives its stage; a stage gives the match
statuses it covers. Declined and withdrawn matches are no stage of a pledge: nothing was
implemented under them. Support given under an offer without a request (the Portal's "pledge
implementation" track) records its stage directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from acsg_cli.models import Offer
from acsg_cli.models.offer import Implementation
from acsg_cli.registry import Registry
from acsg_cli.vocab import GcrStage, MatchStatus

STAGE_OF_STATUS: dict[MatchStatus, GcrStage] = {
    MatchStatus.PROPOSED: GcrStage.PLANNING,
    MatchStatus.CONSENT_PENDING: GcrStage.PLANNING,
    MatchStatus.AGREED: GcrStage.PLANNING,
    MatchStatus.WELCOMED: GcrStage.PLANNING,
    MatchStatus.IN_IMPLEMENTATION: GcrStage.IN_PROGRESS,
    MatchStatus.COMPLETED: GcrStage.FULFILLED,
}
"""A match's GCR stage; declined and withdrawn matches have none."""

STAGE_LABELS: dict[GcrStage, str] = {
    GcrStage.PLANNING: "Planning",
    GcrStage.IN_PROGRESS: "In progress",
    GcrStage.FULFILLED: "Fulfilled",
}
"""The GCR's own words for each stage."""


def gcr_stage(status: MatchStatus) -> GcrStage | None:
    """The GCR pledge stage of a match in `status` (None for a declined or withdrawn match)."""
    return STAGE_OF_STATUS.get(status)


def statuses_of(stage: GcrStage) -> frozenset[MatchStatus]:
    """Every match status that reports as `stage`: the mapping read the other way."""
    return frozenset(s for s, g in STAGE_OF_STATUS.items() if g is stage)


def stage_from_label(label: str) -> GcrStage:
    """A stage from the GCR's label or the code (`In progress`, `in_progress`); ValueError else."""
    wanted = label.strip().lower().replace(" ", "_")
    for stage in GcrStage:
        if wanted == stage.value:
            return stage
    raise ValueError(f"'{label}' is not a GCR pledge stage (planning, in progress, fulfilled)")


@dataclass(frozen=True)
class PledgeImplementation:
    """One item of the second track: support given under an offer with no matching request."""

    offer: Offer
    index: int
    item: Implementation

    @property
    def key(self) -> str:
        """A stable reference: the offer id and the item's number (1 = the first)."""
        return f"{self.offer.id}#{self.index + 1}"

    @property
    def last_date(self) -> date:
        """The item's latest known date: its update, its end, its start, or the offer's date."""
        item = self.item
        return item.on or item.planned_end or item.planned_start or self.offer.submitted_on


def pledge_implementations(registry: Registry) -> list[PledgeImplementation]:
    """Every pledge-implementation item of the registry, by offer id then order."""
    return [
        PledgeImplementation(offer, index, item)
        for offer in sorted(registry.offers.values(), key=lambda o: o.id)
        for index, item in enumerate(offer.implementation)
    ]
