"""What `acsg match propose` returns: ranked candidates per request, the offers left out and
why, and the plan; the reporters render these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from acsg_cli.matching.scoring import Component
from acsg_cli.models import Request


@dataclass(frozen=True)
class Candidate:
    """An offer proposed for a request, with its rank, score and the parts of the score."""

    rank: int
    offer_id: str
    title: str
    score: float
    components: tuple[Component, ...]
    fit: float | None = None
    """The fit alone (the score before the opportunity cost of the offer's capacity)."""

    @property
    def reasons(self) -> list[str]:
        """The reasons in words, as the Secretariat may read them (contact details redacted)."""
        return [_redacted(c.reason) for c in self.components if c.reason]


@lru_cache(maxsize=1 << 16)
def _redacted(reason: str) -> str:
    """`redact`, once per distinct reason: thousands of pairs share the same words."""
    from acsg_cli.disclosure import redact

    return redact(reason)


@dataclass(frozen=True)
class Excluded:
    """An offer left out for a request, with each filter it fails."""

    offer_id: str
    codes: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RequestCandidates:
    request: Request
    candidates: list[Candidate]
    eligible: int
    """How many offers pass every hard filter (before `top` and `min_score`)."""
    excluded: list[Excluded] | None = None
    priority: float = 0.0
    """The request's priority in the plan (urgency and waiting time, weighted)."""
    priority_reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assignment:
    request_id: str
    offer_id: str
    score: float


@dataclass(frozen=True)
class Unmet:
    request_id: str
    reason: str


@dataclass(frozen=True)
class Plan:
    assignment: list[Assignment]
    unmet: list[Unmet]
    total_score: float
    greedy_total_score: float
    max_offers_per_request: int
    objective: str = "total"
    unmet_by: dict[str, dict[str, int]] = field(default_factory=dict)
    """Unmet requests counted by region, by working language and by number of areas asked."""


@dataclass(frozen=True)
class Proposal:
    today: date
    top: int
    min_score: float | None
    requests: list[RequestCandidates]
    plan: Plan | None = None
    rank_by: str = "cost"


__all__ = [
    "Assignment",
    "Candidate",
    "Excluded",
    "Plan",
    "Proposal",
    "RequestCandidates",
    "Unmet",
]
