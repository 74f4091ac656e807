"""The registry laid out as arrays, so eligibility and scores are computed for every
request-offer pair at once instead of pair by pair in Python.

Requests and offers are indexed in id order (row and column numbers double as the id
tie-break). Sets of codes become 0/1 matrices, so "how many requested areas does the offer
cover" for a block of requests against every offer is one matrix product. Facts that come
from matches (live and declined pairs, continuity, support already received) are gathered
in one pass over the matches.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from acsg_cli.models import Match, Offer, Request
from acsg_cli.registry import Registry
from acsg_cli.vocab import (
    ENDED_MATCH_STATUSES,
    LIVE_MATCH_STATUSES,
    Area,
    Decision,
    EntityType,
    MatchStatus,
    OfferStatus,
    QualityDimension,
    RequestStatus,
    SupportType,
)

if TYPE_CHECKING:
    import numpy as np

AREAS = list(Area)
QUALITIES = list(QualityDimension)
SUPPORT_TYPES = list(SupportType)
TERM_CODES = {None: 0, "short_term": 1, "long_term": 2, "either": 3}


@dataclass(frozen=True)
class SupportSource:
    """Support a State already receives in some areas: a live match, or the request's own
    `coordination.existing_support` entry (WM 15.vi)."""

    state: str
    areas: frozenset[Area]
    match_id: str | None = None
    provider: str | None = None


def one_blas_thread() -> Any:
    """A context in which BLAS uses one thread: the matrix products here are many and small, and
    BLAS threads spinning on a busy machine cost more than they save (threadpoolctl)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def entity_key(offer: Offer) -> str:
    """Who stands behind an offer: a State by its country, anyone else by name."""
    entity = offer.offering_entity
    if entity.type is EntityType.STATE and entity.country:
        return f"state:{entity.country}"
    return f"{entity.type.value}:{' '.join(entity.name.casefold().split())}"


def _onehot(rows: list[Any], vocab: list[Any]) -> np.ndarray:
    import numpy as np

    position = {v: i for i, v in enumerate(vocab)}
    out = np.zeros((len(rows), len(vocab)), dtype=np.float32)
    for r, values in enumerate(rows):
        for v in values:
            if v in position:
                out[r, position[v]] = 1.0
    return out


@dataclass
class MatchingIndex:
    """Arrays over requests (rows) and offers (columns), both in id order."""

    registry: Registry
    today: date
    requests: list[Request]
    offers: list[Offer]
    request_pos: dict[str, int]
    offer_pos: dict[str, int]
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    live_pairs: dict[int, set[int]] = field(default_factory=dict)
    declined_pairs: dict[int, set[int]] = field(default_factory=dict)
    continuity: dict[int, dict[int, str]] = field(default_factory=dict)
    """request row -> {offer column: the earliest earlier match between the same parties}"""
    support: list[list[SupportSource]] = field(default_factory=list)
    """request row -> support its States already receive"""
    offer_areas: list[frozenset[Area]] = field(default_factory=list)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]


def build_index(registry: Registry, today: date) -> MatchingIndex:
    """Index the registry for matching on `today` (the date expiry and waiting time use)."""
    import numpy as np

    requests = sorted(registry.requests.values(), key=lambda r: r.id)
    offers = sorted(registry.offers.values(), key=lambda o: o.id)
    index = MatchingIndex(
        registry,
        today,
        requests,
        offers,
        {r.id: i for i, r in enumerate(requests)},
        {o.id: j for j, o in enumerate(offers)},
    )
    countries = sorted({s for r in requests for s in r.requesting_states})
    languages = sorted(
        {lang for r in requests for lang in r.languages}
        | {lang for o in offers for lang in o.languages}
    )
    a = index.arrays
    a["req_open"] = np.array([r.status is RequestStatus.OPEN for r in requests], dtype=bool)
    a["req_states"] = _onehot([r.requesting_states for r in requests], countries)
    a["req_areas"] = _onehot([r.areas for r in requests], AREAS)
    a["req_support"] = _onehot([r.support_types for r in requests], SUPPORT_TYPES)
    a["req_quality"] = _onehot([r.quality_dimensions for r in requests], QUALITIES)
    a["req_langs"] = _onehot([r.languages for r in requests], languages)
    a["req_term"] = np.array(
        [TERM_CODES[r.term.value if r.term else None] for r in requests], dtype=np.int8
    )
    a["req_urgent"] = np.array([r.urgent for r in requests], dtype=np.float32)
    a["req_days"] = np.array(
        [max((today - r.submitted_on).days, 0) for r in requests], dtype=np.float32
    )

    a["off_open"] = np.array([o.status is OfferStatus.OPEN for o in offers], dtype=bool)
    a["off_cover"] = _cover(offers, countries)
    a["off_own"] = _onehot(
        [
            [o.offering_entity.country] if o.offering_entity.type is EntityType.STATE else []
            for o in offers
        ],
        countries,
    )
    a["off_areas"] = _onehot([o.areas for o in offers], AREAS)
    index.offer_areas = [frozenset(o.areas) for o in offers]
    a["off_support"] = _onehot([o.support_types for o in offers], SUPPORT_TYPES)
    a["off_quality"] = _onehot([o.quality_dimensions for o in offers], QUALITIES)
    a["off_langs"] = _onehot([o.languages for o in offers], languages)
    a["off_term"] = np.array(
        [TERM_CODES[o.term.value if o.term else None] for o in offers], dtype=np.int8
    )
    a["off_expired"] = np.array(
        [o.available_until is not None and o.available_until < today for o in offers], dtype=bool
    )
    _index_matches(index, registry)
    return index


def _cover(offers: list[Offer], countries: list[str]) -> np.ndarray:
    """1 where the offer's geographic scope covers the country (as `GeographicScope.covers`)."""
    import numpy as np

    from acsg_cli import geo

    regions = np.array(
        [r.value if (r := geo.region_of(c)) else "" for c in countries], dtype=object
    )
    position = {c: i for i, c in enumerate(countries)}
    out = np.zeros((len(offers), len(countries)), dtype=np.float32)
    for j, offer in enumerate(offers):
        scope = offer.geographic_scope
        if scope.is_global:
            out[j] = 1.0
        elif scope.countries is not None:
            out[j, [position[c] for c in scope.countries if c in position]] = 1.0
        elif scope.regions is not None:
            out[j, np.isin(regions, [r.value for r in scope.regions])] = 1.0
    return out


def _index_matches(index: MatchingIndex, registry: Registry) -> None:
    import numpy as np

    live_count = np.zeros(len(index.offers), dtype=np.int64)
    # Earlier matches by the parties they joined: requesting State -> entity -> match ids.
    joined: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    received: dict[str, list[SupportSource]] = defaultdict(list)
    for match in sorted(registry.matches.values(), key=lambda m: m.id):
        columns = [index.offer_pos[o] for o in match.offers if o in index.offer_pos]
        _index_pairs(index, match, columns, live_count)
        request = registry.requests.get(match.request)
        if request is None or match.status in ENDED_MATCH_STATUSES:
            continue
        for state in request.requesting_states:
            for col in columns:
                joined[state][entity_key(index.offers[col])].append(match.id)
        if match.status in LIVE_MATCH_STATUSES:
            _note_support(index, match, request, columns, received)
    index.arrays["off_remaining"] = (
        np.array([o.capacity for o in index.offers], dtype=np.int64) - live_count
    )
    by_key: dict[str, list[int]] = defaultdict(list)
    for col, offer in enumerate(index.offers):
        by_key[entity_key(offer)].append(col)
    for row, request in enumerate(index.requests):
        earlier = _earliest_matches(request, joined, by_key)
        if earlier:
            index.continuity[row] = earlier
        index.support.append(_support_sources(request, received))
    index.arrays["req_supported"] = _onehot(
        [
            sorted({a for s in sources for a in s.areas}, key=AREAS.index)
            for sources in index.support
        ],
        AREAS,
    )


def _index_pairs(
    index: MatchingIndex, match: Match, columns: list[int], live_count: np.ndarray
) -> None:
    """Count the offers' live matches and note the live and declined request-offer pairs."""
    row = index.request_pos.get(match.request)
    live = match.status in LIVE_MATCH_STATUSES
    declined = row is not None and _declined(match)
    for col in columns:
        if live:
            live_count[col] += 1
            if row is not None:
                index.live_pairs.setdefault(row, set()).add(col)
        if declined and row is not None:
            index.declined_pairs.setdefault(row, set()).add(col)


def _note_support(
    index: MatchingIndex,
    match: Match,
    request: Request,
    columns: list[int],
    received: dict[str, list[SupportSource]],
) -> None:
    """A live match supports each requesting State in the requested areas its offers cover."""
    supplied = {area for col in columns for area in index.offers[col].areas}
    areas = frozenset(a for a in request.areas if a in supplied)
    if areas:
        for state in request.requesting_states:
            received[state].append(SupportSource(state, areas, match_id=match.id))


def _earliest_matches(
    request: Request, joined: dict[str, dict[str, list[str]]], by_key: dict[str, list[int]]
) -> dict[int, str]:
    """For each offer whose entity was matched before with a requesting State: the first match."""
    earlier: dict[int, str] = {}
    for state in request.requesting_states:
        for key, match_ids in joined.get(state, {}).items():
            first = min(match_ids)
            for col in by_key.get(key, []):
                if col not in earlier or first < earlier[col]:
                    earlier[col] = first
    return earlier


def _support_sources(
    request: Request, received: dict[str, list[SupportSource]]
) -> list[SupportSource]:
    """Support the requesting States already receive: live matches, then the request's own
    `coordination.existing_support`."""
    sources = [s for state in request.requesting_states for s in received.get(state, [])]
    if request.coordination is not None:
        sources.extend(
            SupportSource(
                ", ".join(request.requesting_states), frozenset(item.areas), provider=item.provider
            )
            for item in request.coordination.existing_support
            if item.areas
        )
    return sources


def _declined(match: Match) -> bool:
    if match.status is MatchStatus.DECLINED:
        return True
    return any(c.decision is Decision.DECLINED for c in match.consents)


__all__ = [
    "AREAS",
    "MatchingIndex",
    "SupportSource",
    "build_index",
    "entity_key",
    "one_blas_thread",
]
