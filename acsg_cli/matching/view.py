"""Registry views for matching: the registry as it was before a match was made."""

from __future__ import annotations

from dataclasses import replace

from acsg_cli.registry import Registry
from acsg_cli.vocab import OfferStatus, RequestStatus


def set_aside(registry: Registry, match_id: str) -> Registry:
    """The registry as if `match_id` did not exist: the match left out, its request open and its
    offers open (their capacity freed of this match). Other matches stay as they are, so the
    support they give still counts. Raises `UnknownIdError` for an unknown match."""
    match = registry.require(match_id, "match")
    matches = {k: v for k, v in registry.matches.items() if k != match_id}
    requests = dict(registry.requests)
    if match.request in requests:
        requests[match.request] = requests[match.request].model_copy(
            update={"status": RequestStatus.OPEN}
        )
    offers = dict(registry.offers)
    for offer_id in match.offers:
        if offer_id in offers:
            offers[offer_id] = offers[offer_id].model_copy(update={"status": OfferStatus.OPEN})
    return replace(registry, requests=requests, offers=offers, matches=matches)
