"""The reasons a person reads for each part of a pair's score, and for a request's priority."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from acsg_cli.matching.index import INSTITUTIONAL_AREAS, entity_name

if TYPE_CHECKING:
    from acsg_cli.matching.index import MatchingIndex


def _names(values: list[str]) -> str:
    return ", ".join(values)


def reason(  # noqa: PLR0912 - one branch per signal reads best
    name: str, ix: MatchingIndex, row: int, col: int, *, value: float, terms: list[str]
) -> str | None:
    """Why the signal `name` has `value` for the pair (row, col); None when nothing is worth
    saying."""
    request, offer = ix.requests[row], ix.offers[col]
    if name == "areas":
        return _areas(ix, row, col)
    if name == "text":
        return f"expertise matches the request's words: {_names(terms)}" if terms else None
    if name == "languages":
        shared = [lang for lang in request.languages if lang in offer.languages]
        if shared:
            return f"same working language{'s' if len(shared) > 1 else ''}: {_names(shared)}"
        if request.languages and offer.languages:
            return (
                f"no working language in common (request: {_names(list(request.languages))}; "
                f"offer: {_names(list(offer.languages))})"
            )
        return None
    if name == "continuity":
        return _continuity(ix, row, col)
    if name == "quality_dimensions":
        shared = [q.value for q in request.quality_dimensions if q in offer.quality_dimensions]
        n = len(request.quality_dimensions)
        if not shared:
            return None
        return (
            f"works on the quality dimension asked for: {shared[0]}"
            if n == 1
            else f"works on {len(shared)} of {n} quality dimensions asked for: {_names(shared)}"
        )
    if name == "support_types":
        return _support_types(ix, row, col)
    if name == "term":
        return _term(ix, row, col, value)
    if name == "institutional":
        offered = ix.offer_areas[col]
        shared = [a.value for a in request.areas if a in INSTITUTIONAL_AREAS and a in offered]
        return f"institutional support: {_names(shared)}" if shared else None
    if name == "geography":
        scope = offer.geographic_scope
        if scope.countries is not None:
            named = [s for s in request.requesting_states if s in scope.countries]
            return f"the offer is meant for {_names(named)} among a few countries"
        if scope.regions is not None:
            return f"the offer is meant for the region: {_names([r.value for r in scope.regions])}"
        return None
    if name == "duplication":
        return _duplication(ix, row, col) if value > 0 else None
    return None


def _areas(ix: MatchingIndex, row: int, col: int) -> str:
    request = ix.requests[row]
    offered = ix.offer_areas[col]
    covered = [a.value for a in request.areas if a in offered]
    n = len(request.areas)
    if not covered:
        return (
            f"covers none of the {n} areas asked for"
            if n > 1
            else "does not cover the area asked for"
        )
    if len(covered) == n:
        return (
            f"covers all {n} areas: {_names(covered)}"
            if n > 1
            else f"covers the area asked for: {covered[0]}"
        )
    return f"covers {len(covered)} of {n} areas: {_names(covered)}"


def _support_types(ix: MatchingIndex, row: int, col: int) -> str | None:
    request, offer = ix.requests[row], ix.offers[col]
    shared = [s.value for s in request.support_types if s in offer.support_types]
    n = len(request.support_types)
    if not shared:
        return None
    if len(shared) == n:
        return f"gives the {_names(shared)} support asked for"
    return f"gives {len(shared)} of {n} kinds of support asked for: {_names(shared)}"


def _term(ix: MatchingIndex, row: int, col: int, value: float) -> str | None:
    request, offer = ix.requests[row], ix.offers[col]
    if value >= 1:
        return "long-term engagement on both sides (WM 9)"
    if value > 0:
        return "short-term on both sides"
    if request.term and offer.term:
        return f"term differs: the request is {request.term.value}, the offer {offer.term.value}"
    return None


def _continuity(ix: MatchingIndex, row: int, col: int) -> str | None:
    history = ix.history
    key = int(ix.arrays.off_key[col])
    who = entity_name(ix.offers[col])
    said = []
    for state in history.state_slots[row].tolist():
        match_id = history.earlier.get(state * history.n_keys + key) if state >= 0 else None
        if match_id:
            said.append(
                f"builds on the earlier match {match_id} between {ix.countries[state]} and {who}"
            )
    provider = history.declared.get(row * history.n_keys + key)
    if provider:
        said.append(f"builds on the support {provider} already gives (existing support)")
    return "; ".join(said) or None


def _duplication(ix: MatchingIndex, row: int, col: int) -> str | None:
    from acsg_cli.matching.history import sources_on

    history = ix.history
    assert history.group is not None
    request = ix.requests[row]
    key = int(ix.arrays.off_key[col])
    covered = {a for a in request.areas if a in ix.offer_areas[col]}
    parts = []
    for source in sources_on(history, int(history.group[row]), covered):
        if key in source.keys:
            continue
        areas = [a.value for a in request.areas if a in covered and a in source.areas]
        if not areas:
            continue
        by = source.match_id if source.match_id else f"{source.provider} (existing support)"
        parts.append(f"{source.state} already supported on {_names(areas)} by {by}")
    return "; ".join(parts) or None


def priority_reasons(ix: MatchingIndex, row: int) -> list[str]:
    """Why a request comes first in the plan: urgency and waiting time."""
    request = ix.requests[row]
    said = []
    if request.urgent:
        said.append("urgent request")
    if ix.arrays.req_days[row] > 0:
        since = request.submitted_on
        said.append(f"waiting since {since.isoformat()} ({age(since, ix.today)})")
    return said


def age(since: date, today: date) -> str:
    days = (today - since).days
    if days < 61:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 730:
        return f"{days // 30} months"
    return f"{days // 365} years"
