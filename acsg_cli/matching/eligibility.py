"""Hard filters: whether an offer may be proposed for a request at all, and why not.

Each filter has a stable code and a reason a person can read. The source paragraphs: offers
answer open requests (WM 16) in an area they ask for (WM 16, FS 3), respect their geographic
scope (SR), share a kind of support (WM 17, FS 4), have capacity left, are still available and
were submitted by the date of the proposal; a State is never matched with its own offer, and a
pair once declined is not proposed again (FS 3: consent).

This module is the one definition of eligibility. The match rules `acsg validate` runs on a
match's request and offers (ACSG301 areas, ACSG302 support types, ACSG303 geographic scope,
ACSG304 capacity, ACSG305 dates) call the same criteria functions below (`offered_areas`,
`offered_support_types`, `uncovered_states`, `submitted_after`), and `RULE_OF_FILTER` names
the rule each filter enforces. So what `match propose` ranks, `match create` writes and
`validate` accepts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from acsg_cli.models import Offer, Request
from acsg_cli.registry import Registry
from acsg_cli.vocab import (
    LIVE_MATCH_STATUSES,
    Area,
    EntityType,
    OfferStatus,
    RequestStatus,
    SupportType,
)

if TYPE_CHECKING:
    import numpy as np

    from acsg_cli.matching.index import MatchingIndex


@dataclass(frozen=True)
class Exclusion:
    """Why an offer is not eligible for a request."""

    code: str
    reason: str


FILTERS = {
    "request_not_open": "the request is not open",
    "offer_not_open": "the offer is not open",
    "out_of_scope": "the offer's geographic scope does not cover every requesting State",
    "no_common_area": "the offer works in none of the areas the request asks for",
    "no_common_support_type": "no kind of support (technical, material, financial) in common",
    "no_capacity": "the offer's capacity is taken by live matches",
    "expired": "the offer's availability has ended",
    "own_offer": "a State is not matched with its own offer",
    "declined_before": "this pair was declined before",
    "already_matched": "a live match already pairs them",
    "submitted_later": "the request or the offer was submitted after the date of the proposal",
}
"""Every hard filter by code, with what it means."""

RULE_OF_FILTER = {
    "no_common_area": "ACSG301",
    "no_common_support_type": "ACSG302",
    "out_of_scope": "ACSG303",
    "no_capacity": "ACSG304",
    "submitted_later": "ACSG305",
}
"""The match rule each filter enforces: a pair that passes the filter passes the rule."""


def uncovered_states(request: Request, offer: Offer) -> list[str]:
    """The requesting States the offer's geographic scope does not cover (ACSG303)."""
    return [s for s in request.requesting_states if not offer.geographic_scope.covers(s)]


def offered_areas(request: Request, offers: Iterable[Offer]) -> list[Area]:
    """The request's areas at least one of the offers works in (ACSG301: none is not enough)."""
    offered = {a for o in offers for a in o.areas}
    return [a for a in request.areas if a in offered]


def offered_support_types(request: Request, offers: Iterable[Offer]) -> list[SupportType]:
    """The kinds of support asked for that at least one of the offers gives (ACSG302)."""
    offered = {s for o in offers for s in o.support_types}
    return [s for s in request.support_types if s in offered]


def submitted_after(record: Request | Offer, on: date) -> bool:
    """Whether the record was submitted after `on`: a match proposed on `on` predates it
    (ACSG305)."""
    return record.submitted_on > on


def expired(offer: Offer, on: date) -> bool:
    """Whether the offer's availability ended before `on` (`available_until`)."""
    return offer.available_until is not None and offer.available_until < on


def offer_available(registry: Registry, offer: Offer, today: date) -> bool:
    """Whether `offer` passes the filters of the offer alone (`available_offers` on the index):
    open, still available, submitted by `today`, with capacity left."""
    return (
        offer.status is OfferStatus.OPEN
        and not expired(offer, today)
        and not submitted_after(offer, today)
        and remaining_capacity(registry, offer) > 0
    )


def remaining_capacity(registry: Registry, offer: Offer) -> int:
    """How many more live matches the offer can serve."""
    return offer.capacity - len(registry.live_matches_for_offer(offer.id))


def _declined_before(registry: Registry, request: Request, offer: Offer) -> bool:
    """Whether a party declined a match of the pair before (`history.declined`)."""
    from acsg_cli.matching.history import declined

    return any(
        offer.id in m.offers and declined(m) for m in registry.matches_for_request(request.id)
    )


def exclusions(registry: Registry, request: Request, offer: Offer, today: date) -> list[Exclusion]:
    """Every hard filter the pair fails (empty when eligible), in a fixed order."""
    found: list[str] = []
    if request.status is not RequestStatus.OPEN:
        found.append("request_not_open")
    if offer.status is not OfferStatus.OPEN:
        found.append("offer_not_open")
    uncovered = uncovered_states(request, offer)
    if uncovered:
        found.append("out_of_scope")
    if not offered_areas(request, [offer]):
        found.append("no_common_area")
    if not offered_support_types(request, [offer]):
        found.append("no_common_support_type")
    live_pair = any(
        offer.id in m.offers and m.status in LIVE_MATCH_STATUSES
        for m in registry.matches_for_request(request.id)
    )
    if live_pair:
        found.append("already_matched")
    elif remaining_capacity(registry, offer) <= 0:
        found.append("no_capacity")
    if expired(offer, today):
        found.append("expired")
    entity = offer.offering_entity
    if entity.type is EntityType.STATE and entity.country in request.requesting_states:
        found.append("own_offer")
    if _declined_before(registry, request, offer):
        found.append("declined_before")
    if submitted_after(request, today) or submitted_after(offer, today):
        found.append("submitted_later")
    return [Exclusion(code, _reason(code, request, offer, uncovered, today)) for code in found]


def _reason(code: str, request: Request, offer: Offer, uncovered: list[str], today: date) -> str:
    if code == "out_of_scope":
        return f"the offer's geographic scope does not cover {', '.join(uncovered)}"
    if code == "request_not_open":
        return f"the request is {request.status.value}, not open"
    if code == "offer_not_open":
        return f"the offer is {offer.status.value}, not open"
    if code == "expired":
        return f"the offer was available until {offer.available_until}"
    if code == "no_capacity":
        return f"the offer's capacity ({offer.capacity}) is taken by live matches"
    if code == "submitted_later":
        later = [r for r in (request, offer) if submitted_after(r, today)]
        return "; ".join(f"{r.id} was submitted on {r.submitted_on}, after {today}" for r in later)
    return FILTERS[code]


def is_eligible(registry: Registry, request: Request, offer: Offer, today: date) -> bool:
    return not exclusions(registry, request, offer, today)


def eligible_offers(registry: Registry, request: Request, today: date) -> list[Offer]:
    """The offers that pass every hard filter for `request`, by id."""
    return [
        o for _, o in sorted(registry.offers.items()) if is_eligible(registry, request, o, today)
    ]


BITS = {code: 1 << i for i, code in enumerate(FILTERS)}
"""Each filter's bit in the codes `exclusion_codes` returns."""


def exclusion_codes(index: MatchingIndex, rows: np.ndarray) -> np.ndarray:
    """The same filters as `exclusions`, for the requests at `rows` against every offer at once.

    Returns a (len(rows), offers) array of bit sets (see `BITS`); 0 means eligible. Used to rank
    thousands of pairs; `exclusions` stays the readable reference and gives the reasons.
    """
    import numpy as np

    n_offers = len(index.offers)
    codes = np.zeros((len(rows), n_offers), dtype=np.uint16)
    codes |= np.where(index.arrays.req_open[rows], 0, BITS["request_not_open"]).astype(np.uint16)[
        :, None
    ]
    codes |= np.where(index.arrays.off_open, 0, BITS["offer_not_open"]).astype(np.uint16)[None, :]
    states = index.arrays.req_states[rows]
    uncovered = states @ (1.0 - index.arrays.off_cover).T
    codes[uncovered > 0] |= BITS["out_of_scope"]
    req_areas, off_areas = index.arrays.req_area_bits[rows], index.arrays.off_area_bits
    shared_area = (req_areas[:, None, :] & off_areas[None, :, :]).any(axis=2)
    codes[~shared_area] |= BITS["no_common_area"]
    common = index.arrays.req_support[rows] @ index.arrays.off_support.T
    codes[common == 0] |= BITS["no_common_support_type"]
    live = np.zeros(codes.shape, dtype=bool)
    for i, row in enumerate(rows.tolist()):
        for col in index.live_pairs.get(row, ()):
            live[i, col] = True
    codes[live] |= BITS["already_matched"]
    full = (index.arrays.off_remaining <= 0)[None, :] & ~live
    codes[full] |= BITS["no_capacity"]
    codes |= np.where(index.arrays.off_expired, BITS["expired"], 0).astype(np.uint16)[None, :]
    own = states @ index.arrays.off_own.T
    codes[own > 0] |= BITS["own_offer"]
    for i, row in enumerate(rows.tolist()):
        for col in index.declined_pairs.get(row, ()):
            codes[i, col] |= BITS["declined_before"]
    later = index.arrays.req_later[rows][:, None] | index.arrays.off_later[None, :]
    codes[later] |= BITS["submitted_later"]
    return codes


def proposable_requests(index: MatchingIndex, rows: np.ndarray) -> np.ndarray:
    """The requests at `rows` that pass the filters of the request alone: open, submitted by the
    day of the proposal."""
    kept: np.ndarray = rows[index.arrays.req_open[rows] & ~index.arrays.req_later[rows]]
    return kept


def available_offers(index: MatchingIndex) -> np.ndarray:
    """The offers that pass the filters of the offer alone: open, capacity left, still available,
    submitted by the day of the proposal (a live pair's offer with no place left fails
    `already_matched` instead of `no_capacity`, so it is out either way)."""
    import numpy as np

    return np.flatnonzero(
        index.arrays.off_open
        & ~index.arrays.off_expired
        & ~index.arrays.off_later
        & (index.arrays.off_remaining > 0)
    )


def decode(bits: int) -> list[str]:
    """The filter codes set in `bits`, in the order of `FILTERS`."""
    return [code for code, bit in BITS.items() if bits & bit]


def describe(bits: int, request: Request, offer: Offer, today: date) -> list[Exclusion]:
    """The exclusions behind a bit set from `exclusion_codes`, with their reasons."""
    codes = decode(bits)
    uncovered = uncovered_states(request, offer) if "out_of_scope" in codes else []
    return [Exclusion(code, _reason(code, request, offer, uncovered, today)) for code in codes]
