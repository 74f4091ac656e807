"""Every rule, in order, by code; and the catalogue `acsg rules` prints.

To add a rule: write its module (one class, its docstring the documentation, with a
passing and a failing example), add the class here, add an example file that triggers it
under `tests/examples/rules/triggers/`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from acsg_cli.errors import DataError
from acsg_cli.problems import CHECKS
from acsg_cli.rules.base import Rule
from acsg_cli.rules.match_areas import MatchAreas
from acsg_cli.rules.match_capacity import MatchCapacity
from acsg_cli.rules.match_dates import MatchDates
from acsg_cli.rules.match_geographic_scope import MatchGeographicScope
from acsg_cli.rules.match_lifecycle import MatchLifecycle
from acsg_cli.rules.match_support_types import MatchSupportTypes
from acsg_cli.rules.offer_dates import OfferDates
from acsg_cli.rules.offer_expertise import OfferExpertise
from acsg_cli.rules.offer_expired import ExpiredOffer
from acsg_cli.rules.offer_narrow_scope import NarrowScopeRule
from acsg_cli.rules.offer_technical_exchange import OfferTechnicalExchange
from acsg_cli.rules.practice_categories import PracticeCategories
from acsg_cli.rules.practice_pledges import PracticePledges
from acsg_cli.rules.practice_sources import PracticeFromSupport
from acsg_cli.rules.practice_summary import PracticeSummary
from acsg_cli.rules.request_asylum_area import AsylumSystemArea
from acsg_cli.rules.request_concrete_gap import ConcreteGap
from acsg_cli.rules.request_coordination import CoordinationRule
from acsg_cli.rules.request_dates import RequestSubmitted
from acsg_cli.rules.request_lead_authority import LeadAuthority
from acsg_cli.rules.request_milestone_details import MilestoneDetails
from acsg_cli.rules.request_milestones import Milestones
from acsg_cli.rules.request_monitoring import Monitoring
from acsg_cli.rules.request_national_plan import NationalPlanRule
from acsg_cli.rules.request_needs_assessment import NeedsAssessmentRule
from acsg_cli.rules.request_objectives import Objectives
from acsg_cli.rules.request_other_beneficiaries import OtherBeneficiaries
from acsg_cli.rules.request_overlapping_match import OverlappingMatch
from acsg_cli.rules.request_prior_commitment import PriorCommitment
from acsg_cli.rules.request_quality_dimension import QualityDimensionRule
from acsg_cli.rules.request_sustainability import Sustainability
from acsg_cli.rules.request_technical_exchange import TechnicalExchange
from acsg_cli.rules.status_follows_matches import (
    OfferStatusFollowsMatches,
    RequestStatusFollowsMatches,
)
from acsg_cli.rules.waiver_incomplete import IncompleteWaiver
from acsg_cli.rules.waiver_stale import StaleWaiver
from acsg_cli.rules.waiver_unknown_rule import UnknownWaiverRule

RULE_CLASSES: tuple[type[Rule], ...] = (
    IncompleteWaiver,
    UnknownWaiverRule,
    StaleWaiver,
    NeedsAssessmentRule,
    PriorCommitment,
    NationalPlanRule,
    QualityDimensionRule,
    ConcreteGap,
    Objectives,
    Milestones,
    MilestoneDetails,
    Sustainability,
    OtherBeneficiaries,
    CoordinationRule,
    OverlappingMatch,
    Monitoring,
    TechnicalExchange,
    AsylumSystemArea,
    LeadAuthority,
    RequestSubmitted,
    RequestStatusFollowsMatches,
    OfferExpertise,
    OfferTechnicalExchange,
    NarrowScopeRule,
    ExpiredOffer,
    OfferDates,
    OfferStatusFollowsMatches,
    MatchAreas,
    MatchSupportTypes,
    MatchGeographicScope,
    MatchCapacity,
    MatchDates,
    MatchLifecycle,
    PracticeSummary,
    PracticeCategories,
    PracticeFromSupport,
    PracticePledges,
)

RULES: dict[str, Rule] = {cls.code: cls() for cls in RULE_CLASSES}
"""Every configurable rule by code, in the order above."""


class UnknownRuleError(DataError):
    """No rule or check with that code or name."""


@dataclass(frozen=True)
class CatalogueEntry:
    """One line of `acsg rules`: a registry check (ACSG0xx) or a criteria rule."""

    code: str
    name: str
    severity: str
    cites: str
    summary: str
    applies_to: str
    documentation: str
    configurable: bool

    def row(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity,
            "cites": self.cites,
            "summary": self.summary,
        }


def catalogue() -> list[CatalogueEntry]:
    """Every code `acsg validate` can print, sorted by code."""
    entries = [
        CatalogueEntry(
            c.code,
            c.name,
            c.severity.value,
            "",
            c.summary,
            "any",
            f"{c.summary}\n\nA registry check: it always runs, cannot be selected, ignored or "
            "waived, and a record that fails it is not loaded (so no criteria rule checks it).",
            False,
        )
        for c in CHECKS.values()
    ]
    entries += [
        CatalogueEntry(
            r.code,
            r.name,
            r.default_severity.value,
            r.cites,
            r.summary,
            r.applies_to,
            r.documentation(),
            True,
        )
        for r in RULES.values()
    ]
    return sorted(entries, key=lambda e: e.code)


def lookup(code_or_name: str) -> CatalogueEntry:
    """One entry by code (any case) or name, or `UnknownRuleError` with a suggestion."""
    wanted = code_or_name.strip()
    for entry in catalogue():
        if wanted.upper() == entry.code or wanted.lower() == entry.name:
            return entry
    pool = [e.code for e in catalogue()] + [e.name for e in catalogue()]
    near = difflib.get_close_matches(
        wanted.upper() if wanted.upper().startswith("ACSG") else wanted.lower(),
        pool,
        n=1,
        cutoff=0.6,
    )
    hint = f"; did you mean {near[0]}?" if near else "; `acsg rules` lists them"
    raise UnknownRuleError(f"no rule '{wanted}'{hint}")
