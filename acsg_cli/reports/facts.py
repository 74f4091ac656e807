"""Facts about single records that both reports use: stages, parties, eligibility, safe text.

Nothing here reads a record's `contact`, and every free text that goes into a report passes
through `safe_text`, the disclosure policy's redaction on one line (`acsg_cli.disclosure`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from acsg_cli import geo
from acsg_cli.disclosure import WITHHELD_TITLE, redact
from acsg_cli.matching.eligibility import offer_available
from acsg_cli.models import Match, Offer, Request
from acsg_cli.registry import Registry

if TYPE_CHECKING:
    from acsg_cli.matching.scoring import MatchingSettings

from acsg_cli.vocab import (
    LIVE_MATCH_STATUSES,
    EntityType,
    MatchStatus,
    Region,
)

STAGES: tuple[MatchStatus, ...] = tuple(MatchStatus)
"""Match stages in lifecycle order (the match lifecycle): the ended ones last."""

WELCOMED_OR_LATER = frozenset(
    {MatchStatus.WELCOMED, MatchStatus.IN_IMPLEMENTATION, MatchStatus.COMPLETED}
)

WITHHELD = WITHHELD_TITLE


def safe_text(text: str | None) -> str:
    """Free text fit for a report: one line, e-mail addresses and phone numbers redacted."""
    if not text:
        return ""
    return redact(" ".join(text.split()))


def days_between(start: date | None, end: date) -> int | None:
    """Days from `start` to `end`; never negative: a date still to come (flagged by validate,
    ACSG117) counts as today, not as a negative wait."""
    return None if start is None else max(0, (end - start).days)


def stage_since(match: Match) -> date | None:
    """When the match entered its current stage: the last history entry moving it there."""
    for entry in reversed(match.history):
        if entry.status is match.status:
            return entry.on
    if match.status is MatchStatus.PROPOSED:
        return match.proposed_on
    return None


def last_activity(match: Match) -> date | None:
    """The latest dated event of a match: a history entry, a consent or a progress update."""
    dates = (
        [h.on for h in match.history]
        + [c.on for c in match.consents]
        + [u.on for u in match.updates]
    )
    if match.proposed_on is not None:
        dates.append(match.proposed_on)
    return max(dates, default=None)


def reached(match: Match, stages: frozenset[MatchStatus]) -> date | bool | None:
    """The date the match first entered one of `stages`, True if it is there without a dated entry,
    else False."""
    for entry in match.history:
        if entry.status in stages:
            return entry.on
    return match.status in stages


def regions_of(states: list[str]) -> list[Region]:
    found = {r for s in states if (r := geo.region_of(s)) is not None}
    return [r for r in Region if r in found]


def scope_regions(offer: Offer) -> list[Region]:
    """The regions where an offer can be used (at least one country of them)."""
    scope = offer.geographic_scope
    if scope.is_global:
        return list(Region)
    if scope.regions:
        return [r for r in Region if r in scope.regions]
    return regions_of(list(scope.countries or []))


def is_cross_regional(registry: Registry, match: Match) -> bool:
    """FS 2: an offering State's region differs from every requesting State's region."""
    request = registry.requests.get(match.request)
    if request is None:
        return False
    requesting = set(regions_of(list(request.requesting_states)))
    for offer_id in match.offers:
        offer = registry.offers.get(offer_id)
        country = offer.offering_entity.country if offer is not None else None
        if (
            offer is not None
            and offer.offering_entity.type is EntityType.STATE
            and country is not None
        ):
            region = geo.region_of(country)
            if region is not None and region not in requesting:
                return True
    return False


@dataclass
class Indexed:
    """A registry with the lookups the reports repeat, built once: propose's first choice for
    each open request. Match lookups come from the registry's own index."""

    registry: Registry
    today: date
    settings: MatchingSettings | None = None
    """The project's `[tool.acsg.matching]`, so the reports rank as `match propose` does."""
    _best: dict[str, str | None] | None = None

    def available(self, offer: Offer) -> bool:
        """The eligibility filters that do not depend on the request (`offer_available`)."""
        return offer_available(self.registry, offer, self.today)

    def first_eligible_offer(self, request: Request) -> str | None:
        """`acsg match propose`'s first choice for `request` (its rank 1, with the project's
        matching settings), or None when no offer is eligible (a request that is not open has
        none). Computed once, for every open request together, by propose's own ranking
        (`first_choices`): the reports and propose cannot disagree."""
        if self._best is None:
            from acsg_cli.matching.propose import first_choices

            self._best = first_choices(
                self.registry,
                today=self.today,
                weights=self.settings.weights if self.settings else None,
                min_score=self.settings.min_score if self.settings else None,
            )
        return self._best.get(request.id)

    def live_matches_of(self, request_id: str) -> list[Match]:
        return [
            m
            for m in self.registry.matches_for_request(request_id)
            if m.status in LIVE_MATCH_STATUSES
        ]


def indexed(registry: Registry, today: date, settings: MatchingSettings | None = None) -> Indexed:
    """The reports' lookups over `registry` as of `today`, ranking with `settings`."""
    return Indexed(registry, today, settings=settings)
