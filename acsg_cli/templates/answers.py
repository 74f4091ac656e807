"""What a person answers to `acsg new`, parsed and checked one answer at a time.

Each parser takes the text typed (a flag's value or a prompt's answer) and returns the typed
value, or raises `UsageError` saying what is wrong and what is allowed, so a prompt can ask
again and a flag can fail with a clear message.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

from acsg_cli import geo
from acsg_cli.errors import UsageError
from acsg_cli.vocab import (
    Area,
    EntityType,
    OfferStatus,
    PracticeStatus,
    Region,
    RequestStatus,
    SupportType,
)

E = TypeVar("E", bound=Enum)


@dataclass(frozen=True)
class RequestAnswers:
    """The keys a new request needs to load (the schema's required keys)."""

    title: str
    requesting_states: list[str]
    areas: list[Area]
    support_types: list[SupportType]
    status: RequestStatus = RequestStatus.DRAFT


@dataclass(frozen=True)
class OfferAnswers:
    """The keys a new offer needs to load."""

    title: str
    entity_name: str
    entity_type: EntityType
    areas: list[Area]
    support_types: list[SupportType]
    geographic_scope: dict[str, Any]
    expertise: str
    country: str | None = None
    status: OfferStatus = OfferStatus.OPEN


@dataclass(frozen=True)
class PracticeAnswers:
    """The keys a new good practice needs to load, and what it came from when known."""

    title: str
    countries: list[str]
    categories: list[Area]
    summary: str | None = None
    matches: list[str] = field(default_factory=list)
    grf_pledge_ids: list[str] = field(default_factory=list)
    status: PracticeStatus = PracticeStatus.DRAFT


def split(values: Iterable[str]) -> list[str]:
    """Items from repeated flags and/or comma- or space-separated answers, blanks dropped."""
    return [part for value in values for part in value.replace(",", " ").split()]


def one_of(enum: type[E], text: str, what: str) -> E:
    """The enum member spelled `text`, or a `UsageError` naming the allowed values."""
    value = text.strip()
    try:
        return enum(value)
    except ValueError:
        allowed = [str(e.value) for e in enum]
        near = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{near[0]}'?" if near else f"expected one of: {', '.join(allowed)}"
        raise UsageError(f"'{value}' is not a known {what}; {hint}") from None


def many_of(enum: type[E], values: Sequence[str], what: str) -> list[E]:
    """Several enum members, at least one, none twice."""
    items = split(values)
    if not items:
        raise UsageError(f"name at least one {what}")
    return _unique([one_of(enum, item, what) for item in items], what)


def country(text: str) -> str:
    """An ISO 3166-1 alpha-3 code, upper-cased; `UsageError` for an unknown code."""
    code = text.strip().upper()
    if not geo.is_country(code):
        raise UsageError(
            f"'{text.strip()}' is not an ISO 3166-1 alpha-3 country code (e.g. TCD for Chad)"
        )
    return code


def countries(values: Sequence[str]) -> list[str]:
    items = split(values)
    if not items:
        raise UsageError("name at least one State by its ISO 3166-1 alpha-3 code (e.g. TCD)")
    return _unique([country(item) for item in items], "country")


def line(text: str, what: str) -> str:
    """One non-blank line of text."""
    value = text.strip()
    if not value:
        raise UsageError(f"the {what} may not be blank")
    if "\n" in value or "\r" in value:
        raise UsageError(f"the {what} must be a single line")
    return value


def scope(values: Sequence[str]) -> dict[str, Any]:
    """`global`, or region codes, or ISO3 country codes: one kind only (SR)."""
    items = split(values)
    if not items:
        raise UsageError("name the geographic scope: global, region codes or ISO3 country codes")
    if any(item.lower() == "global" for item in items):
        if len(items) > 1:
            raise UsageError(
                "a global scope stands alone; give either 'global', regions or countries"
            )
        return {"global": True}
    regions = {r.value for r in Region}
    if all(item.lower() in regions for item in items):
        return {"regions": _unique([Region(item.lower()) for item in items], "region")}
    if any(item.lower() in regions for item in items):
        raise UsageError("give either regions or countries as the scope, not both")
    try:
        return {"countries": countries(items)}
    except UsageError as exc:
        allowed = ", ".join(sorted(regions))
        raise UsageError(
            f"{exc.message}; a scope is 'global', region codes ({allowed}) or ISO3 country codes"
        ) from None


def _unique(items: list[Any], what: str) -> list[Any]:
    seen: list[Any] = []
    for item in items:
        if item in seen:
            raise UsageError(f"{what} '{item}' is given twice")
        seen.append(item)
    return seen


__all__ = [
    "Area",
    "EntityType",
    "OfferAnswers",
    "OfferStatus",
    "PracticeAnswers",
    "PracticeStatus",
    "Region",
    "RequestAnswers",
    "RequestStatus",
    "SupportType",
    "countries",
    "country",
    "line",
    "many_of",
    "one_of",
    "scope",
    "split",
]
