"""Checks that need more than one file: references resolve, statuses agree."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from acsg_cli import problems as codes
from acsg_cli.problems import Problem
from acsg_cli.registry.nearest import NearIds
from acsg_cli.registry.records import Registry
from acsg_cli.vocab import LIVE_MATCH_STATUSES, OfferStatus, RequestStatus


def cross_check(registry: Registry, include: Callable[[str], bool] | None = None) -> list[Problem]:
    """The cross-file problems of every record, or of those whose file's shown path `include`
    keeps (the others are not read)."""
    found: list[Problem] = []

    def owners(table: dict[str, Any]) -> Iterable[Any]:
        if include is None:
            return table.values()
        return (table[i] for i in table if include(registry.sources[i].display))

    @cache
    def near(kind: str) -> NearIds:
        # Built once per run, and only when a reference is dangling.
        from acsg_cli.models import KINDS

        return NearIds(getattr(registry, KINDS[kind].folder))

    for match in owners(registry.matches):
        found.extend(
            _reference(registry, match.id, ("request",), match.request, "request", near=near)
        )
        for index, offer_id in enumerate(match.offers):
            found.extend(
                _reference(registry, match.id, ("offers", index), offer_id, "offer", near=near)
            )
        found.extend(_match_statuses(registry, match))
    for offer in owners(registry.offers):
        if offer.in_response_to is not None:
            found.extend(
                _reference(
                    registry,
                    offer.id,
                    ("in_response_to",),
                    offer.in_response_to,
                    "request",
                    near=near,
                )
            )
    for practice in owners(registry.practices):
        for index, match_id in enumerate(practice.matches):
            found.extend(
                _reference(registry, practice.id, ("matches", index), match_id, "match", near=near)
            )
    found.extend(_practice_links(registry, owners(registry.matches), near))
    # Whether a request's or an offer's status agrees with its matches is the rules' question
    # (ACSG118, ACSG206: `acsg_cli/lifecycle/following.py`), asked in both directions there.
    return found


def _at(
    registry: Registry, record_id: str, path: tuple[Any, ...], code: str, message: str
) -> Problem:
    source = registry.sources[record_id]
    line, column = source.source_map.locate_value(path)
    return codes.problem(source.display, line, column, code, message)


def _reference(
    registry: Registry,
    owner: str,
    path: tuple[Any, ...],
    target: str,
    kind: str,
    *,
    near: Callable[[str], NearIds],
) -> list[Problem]:
    message = _unresolved(registry, target, kind, near)
    return [] if message is None else [_at(registry, owner, path, codes.UNRESOLVED, message)]


def _unresolved(
    registry: Registry, target: str, kind: str, near: Callable[[str], NearIds]
) -> str | None:
    """What is wrong with a reference to `target` as a `kind`; None when it resolves (or its
    own file fails to load, which is reported there)."""
    record = registry.get(target)
    if record is not None:
        return None if record.kind == kind else f"'{target}' is a {record.kind}, not a {kind}"
    if target in registry.known_ids:
        return None
    from acsg_cli.models import KINDS

    closest = near(kind).closest(target, cutoff=0.8)
    hint = f"; did you mean {closest}?" if closest else ""
    return f"{kind} '{target}' does not exist (no {KINDS[kind].folder}/{target}.yaml){hint}"


def _match_statuses(registry: Registry, match: Any) -> list[Problem]:
    if match.status not in LIVE_MATCH_STATUSES:
        return []
    found = []
    request = registry.requests.get(match.request)
    if request is not None and request.status in (RequestStatus.WITHDRAWN, RequestStatus.CLOSED):
        found.append(
            _at(
                registry,
                match.id,
                ("request",),
                codes.INCONSISTENT,
                f"live match ({match.status.value}) on request {request.id}, which is "
                f"{request.status.value}; withdraw or complete the match",
            )
        )
    for index, offer_id in enumerate(match.offers):
        offer = registry.offers.get(offer_id)
        if offer is not None and offer.status in (OfferStatus.WITHDRAWN, OfferStatus.CLOSED):
            found.append(
                _at(
                    registry,
                    match.id,
                    ("offers", index),
                    codes.INCONSISTENT,
                    f"live match ({match.status.value}) names offer {offer.id}, which is "
                    f"{offer.status.value}; withdraw the match or replace the offer",
                )
            )
    return found


def _practice_links(
    registry: Registry, matches: Iterable[Any], near: Callable[[str], NearIds]
) -> list[Problem]:
    """A progress update that names a practice and the practice agree: linked both ways."""
    found = []
    for match in matches:
        for index, update in enumerate(match.updates):
            if update.practice is None:
                continue
            path = ("updates", index, "practice")
            found.extend(
                _reference(registry, match.id, path, update.practice, "practice", near=near)
            )
            practice = registry.practices.get(update.practice)
            if practice is not None and match.id not in practice.matches:
                found.append(
                    _at(
                        registry,
                        match.id,
                        path,
                        codes.INCONSISTENT,
                        f"update {index} names practice {practice.id}, whose `matches` does not "
                        f"list {match.id}; add it there",
                    )
                )
    return found
