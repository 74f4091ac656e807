"""What the registry records of earlier cooperation and of support already received.

- **Continuity** (SR: partnerships that "build on past activities"): an offer whose entity has
  worked with a requesting State before, through a match that got as far as the parties'
  agreement (agreed, welcomed, in implementation or completed), or that the request names as a
  provider in `coordination.existing_support`.
- **Duplication** (WM 15.vi, FS 2): support in the same area from a *different* provider that
  is live now: a live match of a requesting State, or the request's `existing_support`. Support
  from the offer's own entity is continuity, not duplication, and a match that has ended counts
  for neither.

Both are gathered once per State; a request that adds its own existing support or names several
States is a group of its own, put together from its States' tables and its own support. A pair
then looks them up in tables by State or group and offering entity (one step, whatever their
size), and a reason lists a group's support through an index by area, so their cost grows with
the number of pairs, not with the number of requests times the matches of their States.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from acsg_cli.lifecycle.statemachine import AGREED_OR_LATER
from acsg_cli.models import Match
from acsg_cli.vocab import (
    LIVE_MATCH_STATUSES,
    Area,
    Decision,
    EntityType,
    MatchStatus,
)

if TYPE_CHECKING:
    import numpy as np

    from acsg_cli.matching.index import MatchingIndex

COOPERATION = AGREED_OR_LATER
"""Matches that count as earlier cooperation: the parties agreed to work together."""


def declined(match: Match) -> bool:
    """Whether a party declined the match: it ended declined, or a decline was recorded."""
    if match.status is MatchStatus.DECLINED:
        return True
    return any(c.decision is Decision.DECLINED for c in match.consents)


@dataclass(frozen=True)
class SupportSource:
    """Support a State already receives in some areas: a live match, or the request's own
    `coordination.existing_support` entry (WM 15.vi)."""

    state: str
    areas: frozenset[Area]
    keys: frozenset[int] = frozenset()
    """The offering entities behind it (empty when the provider is not one of the registry's)."""
    match_id: str | None = None
    provider: str | None = None


@dataclass
class History:
    n_keys: int
    state_slots: np.ndarray
    """(requests, most States a request names): each requesting State's number, -1 beyond."""
    earlier: dict[int, str] = field(default_factory=dict)
    """state * n_keys + entity -> the first match that joined them"""
    declared: dict[int, str] = field(default_factory=dict)
    """request row * n_keys + entity -> the provider as the request names it"""
    earlier_table: np.ndarray | None = None
    """(States and one more, entities): True where `earlier` joined them (the last row, for
    the slots beyond a request's States, all False), for `continuity`."""
    declared_table: np.ndarray | None = None
    """(support groups, entities): True where the group's request names the entity in
    `declared` (such a request is a group of its own), for `continuity`."""
    group: np.ndarray | None = None
    """request row -> its support group (a State, or the request itself)"""
    supported: np.ndarray | None = None
    """support group -> bits of the areas in which anyone supports it"""
    groups: list[Group] = field(default_factory=list)
    """support group -> the support behind `supported` (see `sources_on`)"""
    by_area: dict[int, dict[Area, list[int]]] = field(default_factory=dict)
    """support group -> area -> the places in its own sources of those that give it"""
    except_at: np.ndarray | None = None
    """(support groups, entities): where the entity is one of the group's providers, its place
    in `except_bits`; -1 elsewhere"""
    except_bits: np.ndarray | None = None
    """for each of those: bits of the areas others than that entity support"""


def _aliases(index: MatchingIndex) -> dict[str, set[int]]:
    """Names a request may use for an offering entity: its name, the part before a bracket, and
    for a State its country's name and code."""
    from acsg_cli import geo

    out: dict[str, set[int]] = defaultdict(set)
    for offer, key in zip(index.offers, index.arrays.off_key.tolist(), strict=True):
        entity = offer.offering_entity
        names = {entity.name, entity.name.split(" (")[0]}
        if entity.type is EntityType.STATE and entity.country:
            names |= {entity.country, geo.country_name(entity.country)}
        for name in names:
            out[" ".join(name.casefold().split())].add(key)
    return out


def build_history(index: MatchingIndex) -> History:

    n_keys = max(len(index.keys), 1)
    state_pos = {s: i for i, s in enumerate(index.countries)}
    history = History(n_keys, index.arrays.req_slots)
    received = _from_matches(index, history, state_pos)
    groups = _groups(index, history, received)
    _supported(history, groups)
    return history


def _from_matches(
    index: MatchingIndex, history: History, state_pos: dict[str, int]
) -> dict[int, list[SupportSource]]:
    """Note earlier cooperation in `history`; return the live support each State receives."""
    registry = index.registry
    off_key = index.arrays.off_key.tolist()
    received: dict[int, list[SupportSource]] = defaultdict(list)
    for match in sorted(registry.matches.values(), key=lambda m: m.id):
        request = registry.requests.get(match.request)
        if request is None:
            continue
        keys = frozenset(off_key[index.offer_pos[o]] for o in match.offers if o in index.offer_pos)
        states = [state_pos[s] for s in request.requesting_states if s in state_pos]
        if match.status in COOPERATION:
            for state in states:
                for key in keys:
                    history.earlier.setdefault(state * history.n_keys + key, match.id)
        if match.status not in LIVE_MATCH_STATUSES:
            continue
        offers = [registry.offers[o] for o in match.offers if o in registry.offers]
        supplied = {a for offer in offers for a in offer.areas}
        areas = frozenset(a for a in request.areas if a in supplied)
        for state in states if areas else []:
            source = SupportSource(index.countries[state], areas, keys, match_id=match.id)
            received[state].append(source)
    return received


def _groups(
    index: MatchingIndex, history: History, received: dict[int, list[SupportSource]]
) -> list[Group]:
    """Support groups: one per State, plus one per request that names several States or its
    own existing support (whose providers are noted in `history.declared`)."""
    import numpy as np

    aliases = _aliases(index)
    group = np.zeros(len(index.requests), dtype=np.int64)
    groups = [Group((), received.get(s, [])) for s in range(len(index.countries))]
    for row, request in enumerate(index.requests):
        own = request.coordination.existing_support if request.coordination else []
        slots = history.state_slots[row].tolist()
        if len(request.requesting_states) == 1 and not own:
            group[row] = slots[0]
            continue
        states = tuple(state for state in slots if state >= 0)
        where = ", ".join(request.requesting_states)
        sources = []
        for item in own:
            keys = frozenset(aliases.get(" ".join(item.provider.casefold().split()), set()))
            for key in keys:
                history.declared.setdefault(row * history.n_keys + key, item.provider)
            if item.areas:
                sources.append(
                    SupportSource(where, frozenset(item.areas), keys, provider=item.provider)
                )
        group[row] = len(groups)
        groups.append(Group(states, sources))
    history.group = group
    return groups


@dataclass(frozen=True)
class Group:
    """A support group: the support its States receive (`states`, numbers of State groups),
    then its own `sources` (a State's group: its live support; a request's: its own
    `existing_support`)."""

    states: tuple[int, ...]
    sources: list[SupportSource]


def _supported(history: History, groups: list[Group]) -> None:
    """Each group's supported areas, and those supported by others than each provider.

    A State's group is read from its sources once; a request's group is put together from its
    States' groups and its own sources, so the cost grows with the requests, not with the
    requests times the support their States receive."""
    import numpy as np

    from acsg_cli.matching.bitsets import AREAS

    position = {a: i for i, a in enumerate(AREAS)}
    width = max((len(AREAS) + 63) // 64, 1)

    def mask(areas: frozenset[Area]) -> int:
        out = 0
        for area in areas:
            out |= 1 << position[area]
        return out

    supported = [0] * len(groups)
    # group -> provider -> the areas supported by others than that provider
    others: list[dict[int, int]] = [{} for _ in groups]
    for g, group in enumerate(groups):
        masks = [mask(s.areas) for s in group.sources]
        theirs = others[g]
        for state in group.states:
            supported[g] |= supported[state]
            for key in others[state]:
                theirs.setdefault(key, 0)
        for s in group.sources:
            for key in s.keys:
                theirs.setdefault(key, 0)
        for m in masks:
            supported[g] |= m
        for key in theirs:
            for state in group.states:
                theirs[key] |= others[state].get(key, supported[state])
            for s, m in zip(group.sources, masks, strict=True):
                if key not in s.keys:
                    theirs[key] |= m
    history.groups = groups
    history.supported = _words(supported, width)
    codes = [g * history.n_keys + key for g, theirs in enumerate(others) for key in theirs]
    history.except_at = _table(
        codes, len(groups), history.n_keys, np.arange(len(codes), dtype=np.int32), -1
    )
    history.except_bits = _words([v for theirs in others for v in theirs.values()], width)


def _table(codes: list[int], n: int, n_keys: int, values: np.ndarray, empty: object) -> np.ndarray:
    """(n, n_keys): `values` at each `row * n_keys + key` of `codes`, `empty` elsewhere."""
    import numpy as np

    table = np.full(n * n_keys, empty, dtype=values.dtype)
    table[np.array(codes, dtype=np.int64)] = values
    return table.reshape(n, n_keys)


def sources_on(history: History, group: int, areas: Set[Area]) -> Iterator[SupportSource]:
    """The support behind the group's `supported` that gives any of `areas`, in order: its
    States' (each State's in the order of its matches), then its own."""
    for g in (*history.groups[group].states, group):
        on = history.by_area.get(g)
        sources = history.groups[g].sources
        if on is None:
            on = history.by_area[g] = {}
            for at, source in enumerate(sources):
                for area in source.areas:
                    on.setdefault(area, []).append(at)
        for at in sorted({at for area in areas for at in on.get(area, ())}):
            yield sources[at]


def _words(values: list[int], width: int) -> np.ndarray:
    """Bit sets as (len(values), width) words of 64 bits, the lowest word first."""
    import numpy as np

    out = np.zeros((len(values), width), dtype=np.uint64)
    for w in range(width):
        out[:, w] = [(v >> (64 * w)) & 0xFFFFFFFFFFFFFFFF for v in values]
    return out


def continuity(index: MatchingIndex, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """1 where the offer's entity worked with a requesting State before, or is named by the
    request as an existing provider (see the module docstring)."""
    import numpy as np

    history = index.history
    assert history.group is not None
    if history.earlier_table is None or history.declared_table is None:
        n = history.n_keys
        earlier = list(history.earlier)
        declared = [int(history.group[c // n]) * n + c % n for c in history.declared]
        history.earlier_table = _table(
            earlier, len(index.countries) + 1, n, np.ones(len(earlier), dtype=bool), False
        )
        history.declared_table = _table(
            declared, len(history.groups), n, np.ones(len(declared), dtype=bool), False
        )
    keys = index.arrays.off_key[cols]
    hit: np.ndarray = history.declared_table[history.group[rows], keys]
    for k in range(history.state_slots.shape[1]):
        hit |= history.earlier_table[history.state_slots[rows, k], keys]
    return hit.astype(np.float32)


def supported_bits(index: MatchingIndex, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Bits of the requested areas in which a provider other than the offer's entity supports
    a requesting State now."""
    import numpy as np

    history = index.history
    assert history.group is not None and history.supported is not None
    assert history.except_at is not None and history.except_bits is not None
    group = history.group[rows]
    out: np.ndarray = history.supported[group] & index.arrays.req_area_bits[rows]
    at = history.except_at[group, index.arrays.off_key[cols]]
    special = np.flatnonzero(at >= 0)
    out[special] = history.except_bits[at[special]] & index.arrays.req_area_bits[rows[special]]
    return out
