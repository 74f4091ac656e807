"""The registry laid out as arrays, so eligibility and scores are computed for many
request-offer pairs at once instead of pair by pair in Python.

Requests and offers are indexed in id order (row and column numbers double as the id
tie-break). Sets of codes become 0/1 matrices (for the eligibility filters, computed for a
block of requests against every offer) and bit sets (for the signals, computed for a list of
eligible pairs). Facts that come from matches (live and declined pairs, earlier cooperation,
support already received) are gathered in one pass over the matches and kept per State and
per offering entity, so looking them up for a pair costs the same at any registry size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from acsg_cli.matching.bitsets import AREAS, bits
from acsg_cli.matching.eligibility import expired, submitted_after
from acsg_cli.models import Offer, Request
from acsg_cli.registry import Registry
from acsg_cli.vocab import (
    Area,
    EntityType,
    OfferStatus,
    QualityDimension,
    RequestStatus,
    SupportType,
)

if TYPE_CHECKING:
    import numpy as np

    from acsg_cli.matching.history import History

QUALITIES = list(QualityDimension)
SUPPORT_TYPES = list(SupportType)
TERM_CODES = {None: 0, "short_term": 1, "long_term": 2, "either": 3}
INSTITUTIONAL_AREAS = (
    Area.INSTITUTIONAL_CAPACITY,
    Area.LEGISLATION,
    Area.STRATEGIC_PLANNING,
    Area.QUALITY_ASSURANCE,
)


def one_blas_thread() -> Any:
    """A context in which BLAS uses one thread: the matrix products here are many and small, and
    BLAS threads spinning on a busy machine cost more than they save (threadpoolctl)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def entity_key(offer: Offer) -> str:
    """Who stands behind an offer: a State by its country, anyone else by name."""
    entity = offer.offering_entity
    if entity.type is EntityType.STATE and entity.country:
        return f"state:{entity.country}"
    return f"{entity.type.value}:{_norm(entity.name)}"


def entity_name(offer: Offer) -> str:
    """The offering entity in a few words: a State by its country's name."""
    from acsg_cli import geo

    entity = offer.offering_entity
    if entity.type is EntityType.STATE and entity.country:
        return geo.country_name(entity.country)
    return entity.name


def states_name(request: Request) -> str:
    """The requesting States by name."""
    from acsg_cli import geo

    return ", ".join(geo.country_name(s) for s in request.requesting_states)


def _onehot(rows: list[Any], vocab: list[Any]) -> np.ndarray:
    import numpy as np

    position = {v: i for i, v in enumerate(vocab)}
    out = np.zeros((len(rows), len(vocab)), dtype=np.float32)
    for r, values in enumerate(rows):
        for v in values:
            if v in position:
                out[r, position[v]] = 1.0
    return out


def count(words: np.ndarray) -> np.ndarray:
    """How many values each row of bit sets holds."""
    import numpy as np

    counted: np.ndarray = np.bitwise_count(words).sum(axis=1, dtype=np.int64)
    return counted


@dataclass(frozen=True)
class IndexArrays:
    """The index's arrays: `req_*` have a row per request, `off_*` one per offer."""

    req_open: np.ndarray
    req_states: np.ndarray
    """Requesting States, one column per country of `MatchingIndex.countries`."""
    req_slots: np.ndarray
    """(requests, most States a request names): each requesting State's place in `countries`,
    -1 beyond the request's own."""
    req_support: np.ndarray
    req_area_bits: np.ndarray
    req_inst_bits: np.ndarray
    """The request's institutional areas (`INSTITUTIONAL_AREAS`) as bits of `AREAS`."""
    req_support_bits: np.ndarray
    req_quality_bits: np.ndarray
    req_lang_bits: np.ndarray
    req_term: np.ndarray
    req_urgent: np.ndarray
    req_days: np.ndarray
    """Days waited since submission on the index's day."""
    req_later: np.ndarray
    """Submitted after the index's day."""
    off_later: np.ndarray
    off_open: np.ndarray
    off_cover: np.ndarray
    """1 where the offer's geographic scope covers the country (columns as `req_states`)."""
    off_own: np.ndarray
    """1 at the offering State's own country."""
    off_country: np.ndarray
    """The offering State's country's place in `countries`; -2 for any other offer."""
    off_support: np.ndarray
    off_area_bits: np.ndarray
    off_support_bits: np.ndarray
    off_quality_bits: np.ndarray
    off_lang_bits: np.ndarray
    off_term: np.ndarray
    off_expired: np.ndarray
    off_named: np.ndarray
    """How closely the scope names where the offer may work (see `_named`)."""
    off_key: np.ndarray
    """The offering entity's number in `MatchingIndex.keys`."""
    off_remaining: np.ndarray
    """Capacity left after the live matches."""


@dataclass
class MatchingIndex:
    """Arrays over requests (rows) and offers (columns), both in id order."""

    registry: Registry
    today: date
    requests: list[Request]
    offers: list[Offer]
    request_pos: dict[str, int]
    offer_pos: dict[str, int]
    countries: list[str]
    arrays: IndexArrays
    live_pairs: dict[int, set[int]]
    declined_pairs: dict[int, set[int]]
    offer_areas: list[frozenset[Area]]
    keys: list[str]
    """Offering entities (see `entity_key`); `arrays.off_key` numbers each offer's."""
    _history: History | None = None

    @property
    def history(self) -> History:
        """Earlier cooperation and support already received, built on first use."""
        if self._history is None:
            from acsg_cli.matching.history import build_history

            self._history = build_history(self)
        return self._history


def build_index(registry: Registry, today: date) -> MatchingIndex:
    """Index the registry for matching on `today` (the date expiry and waiting time use)."""
    import numpy as np

    requests = sorted(registry.requests.values(), key=lambda r: r.id)
    offers = sorted(registry.offers.values(), key=lambda o: o.id)
    request_pos = {r.id: i for i, r in enumerate(requests)}
    offer_pos = {o.id: j for j, o in enumerate(offers)}
    countries = sorted({s for r in requests for s in r.requesting_states})
    languages = sorted(
        {lang for r in requests for lang in r.languages}
        | {lang for o in offers for lang in o.languages}
    )
    live_pairs, declined_pairs, live_count = _index_pairs(registry, request_pos, offer_pos)
    key_of: dict[str, int] = {}
    state_pos = {c: i for i, c in enumerate(countries)}
    arrays = IndexArrays(
        req_open=np.array([r.status is RequestStatus.OPEN for r in requests], dtype=bool),
        req_states=_onehot([r.requesting_states for r in requests], countries),
        req_slots=_slots(requests, countries),
        req_support=_onehot([r.support_types for r in requests], SUPPORT_TYPES),
        req_area_bits=bits([r.areas for r in requests], AREAS),
        req_inst_bits=bits(
            [[x for x in r.areas if x in INSTITUTIONAL_AREAS] for r in requests], AREAS
        ),
        req_support_bits=bits([r.support_types for r in requests], SUPPORT_TYPES),
        req_quality_bits=bits([r.quality_dimensions for r in requests], QUALITIES),
        req_lang_bits=bits([r.languages for r in requests], languages),
        req_term=np.array(
            [TERM_CODES[r.term.value if r.term else None] for r in requests], dtype=np.int8
        ),
        req_urgent=np.array([r.urgent for r in requests], dtype=np.float32),
        req_days=np.array(
            [max((today - r.submitted_on).days, 0) for r in requests], dtype=np.float32
        ),
        req_later=np.array([submitted_after(r, today) for r in requests], dtype=bool),
        off_later=np.array([submitted_after(o, today) for o in offers], dtype=bool),
        off_open=np.array([o.status is OfferStatus.OPEN for o in offers], dtype=bool),
        off_cover=scope_cover(offers, countries),
        off_own=_onehot(
            [
                [o.offering_entity.country] if o.offering_entity.type is EntityType.STATE else []
                for o in offers
            ],
            countries,
        ),
        off_country=np.array(
            [
                state_pos.get(o.offering_entity.country or "", -2)
                if o.offering_entity.type is EntityType.STATE
                else -2
                for o in offers
            ],
            dtype=np.int64,
        ),
        off_support=_onehot([o.support_types for o in offers], SUPPORT_TYPES),
        off_area_bits=bits([o.areas for o in offers], AREAS),
        off_support_bits=bits([o.support_types for o in offers], SUPPORT_TYPES),
        off_quality_bits=bits([o.quality_dimensions for o in offers], QUALITIES),
        off_lang_bits=bits([o.languages for o in offers], languages),
        off_term=np.array(
            [TERM_CODES[o.term.value if o.term else None] for o in offers], dtype=np.int8
        ),
        off_expired=np.array(
            [expired(o, today) for o in offers],
            dtype=bool,
        ),
        off_named=np.array([_named(o) for o in offers], dtype=np.float32),
        off_key=np.array(
            [key_of.setdefault(entity_key(o), len(key_of)) for o in offers], dtype=np.int64
        ),
        off_remaining=np.array([o.capacity for o in offers], dtype=np.int64) - live_count,
    )
    return MatchingIndex(
        registry,
        today,
        requests,
        offers,
        request_pos,
        offer_pos,
        countries,
        arrays,
        live_pairs,
        declined_pairs,
        [frozenset(o.areas) for o in offers],
        list(key_of),
    )


def _slots(requests: list[Request], countries: list[str]) -> np.ndarray:
    """`IndexArrays.req_slots`."""
    import numpy as np

    position = {c: i for i, c in enumerate(countries)}
    width = max((len(r.requesting_states) for r in requests), default=1)
    slots = np.full((len(requests), width), -1, dtype=np.int64)
    for row, request in enumerate(requests):
        for k, state in enumerate(request.requesting_states):
            slots[row, k] = position[state]
    return slots


def _named(offer: Offer) -> float:
    """How closely the offer's scope names where it may work: countries 1, regions 0.5, global 0."""
    scope = offer.geographic_scope
    if scope.countries is not None:
        return 1.0
    return 0.5 if scope.regions is not None else 0.0


def scope_cover(offers: list[Offer], countries: list[str]) -> np.ndarray:
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


def _index_pairs(
    registry: Registry, request_pos: dict[str, int], offer_pos: dict[str, int]
) -> tuple[dict[int, set[int]], dict[int, set[int]], np.ndarray]:
    """Live and declined request-offer pairs (by row and column), and each offer's count of
    live matches."""
    import numpy as np

    from acsg_cli.matching.history import declined
    from acsg_cli.vocab import LIVE_MATCH_STATUSES

    live_pairs: dict[int, set[int]] = {}
    declined_pairs: dict[int, set[int]] = {}
    live_count = np.zeros(len(offer_pos), dtype=np.int64)
    for match in registry.matches.values():
        row = request_pos.get(match.request)
        columns = [offer_pos[o] for o in match.offers if o in offer_pos]
        live = match.status in LIVE_MATCH_STATUSES
        refused = declined(match)
        for col in columns:
            if live:
                live_count[col] += 1
                if row is not None:
                    live_pairs.setdefault(row, set()).add(col)
            if refused and row is not None:
                declined_pairs.setdefault(row, set()).add(col)
    return live_pairs, declined_pairs, live_count


__all__ = [
    "AREAS",
    "INSTITUTIONAL_AREAS",
    "IndexArrays",
    "MatchingIndex",
    "bits",
    "build_index",
    "count",
    "entity_key",
    "entity_name",
    "one_blas_thread",
    "scope_cover",
    "states_name",
]
