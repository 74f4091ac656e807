"""`acsg match evaluate`: would the ranking have proposed the partners the Secretariat chose?

Every recorded match is replayed as of the day it was proposed: the registry as it stood then
(from git history, the commit before the match file was added, where that commit already holds
the request and the offers; otherwise the records' own dates, as `--as-of` reads them), with
the match itself set aside. For each offer of the match, where it ranked among the eligible
offers of its request is noted, by:

- `ranking`: the configured weights, ranked by fit minus the opportunity cost of capacity;
- `fit`: the same weights ranked by fit alone;
- `weights`: the weights of `--weights FILE`, when given (same ranking as `ranking`);
- `areas`: a trivial baseline, the share of requested areas covered and nothing else;
- `random`: the expectation of a random order of the eligible offers.

Ties are counted as a random order among the tied offers would place them, so no method gains
from the id tie-break. Totals: top-1 and top-3 (the share of partners ranked first, in the
first three) and the mean reciprocal rank (1/rank; 0 when the partner was not eligible).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from acsg_cli.matching.scoring import Weights
from acsg_cli.models import Match
from acsg_cli.registry import Registry

AREAS_ONLY = Weights(**dict.fromkeys(Weights.model_fields, 0.0) | {"areas": 1.0})
"""The trivial baseline: the share of the requested areas the offer covers."""


@dataclass(frozen=True)
class Placing:
    """Where a partner stood: chances of first and top-3 and the expected reciprocal rank,
    over random orders of tied offers (all 0 when it was not eligible)."""

    rank: float | None
    top1: float
    top3: float
    reciprocal: float


@dataclass(frozen=True)
class Replay:
    """One offer of one recorded match, replayed."""

    match_id: str
    request_id: str
    offer_id: str
    as_of: date
    basis: str
    eligible: int
    placings: dict[str, Placing]
    values: dict[str, float] = field(default_factory=dict)
    """The partner pair's signal values on the day (for `--learn`)."""
    granted: bool | None = None
    """True when every party consented, False when one declined, None when not yet known."""


@dataclass(frozen=True)
class Evaluation:
    methods: list[str]
    replays: list[Replay]
    skipped: list[tuple[str, str]]
    """(match, why) for matches that could not be replayed."""

    def totals(self) -> dict[str, dict[str, float]]:
        n = len(self.replays)
        out = {}
        for method in self.methods:
            placings = [r.placings[method] for r in self.replays]
            out[method] = {
                "top1": round(sum(p.top1 for p in placings) / n, 4) if n else 0.0,
                "top3": round(sum(p.top3 for p in placings) / n, 4) if n else 0.0,
                "mrr": round(sum(p.reciprocal for p in placings) / n, 4) if n else 0.0,
            }
        return out


def placing(scores: list[float], mine: float | None) -> Placing:
    """Where a score stands among `scores` (its own included), ties in random order."""
    if mine is None:
        return Placing(None, 0.0, 0.0, 0.0)
    better = sum(1 for s in scores if s > mine)
    tied = sum(1 for s in scores if s == mine)
    positions = range(better + 1, better + tied + 1)
    return Placing(
        better + (tied + 1) / 2,
        sum(1 for k in positions if k == 1) / tied,
        sum(1 for k in positions if k <= 3) / tied,
        sum(1 / k for k in positions) / tied,
    )


def random_placing(eligible: int, is_eligible: bool) -> Placing:
    """The expected placing in a random order of `eligible` offers."""
    if not is_eligible or eligible == 0:
        return Placing(None, 0.0, 0.0, 0.0)
    return Placing(
        (eligible + 1) / 2,
        1 / eligible,
        min(3, eligible) / eligible,
        sum(1 / k for k in range(1, eligible + 1)) / eligible,
    )


def _consent(match: Match) -> bool | None:
    from acsg_cli.matching.history import COOPERATION, declined

    if declined(match):
        return False
    return True if match.status in COOPERATION else None


def evaluate(
    registry: Registry,
    data: Path | None,
    *,
    today: date,
    weights: Weights,
    other: Weights | None = None,
) -> Evaluation:
    """Replay every recorded match (see the module docstring)."""
    from acsg_cli.lifecycle.following import started_on

    methods = ["ranking", "fit", *(["weights"] if other is not None else []), "areas", "random"]
    replays: list[Replay] = []
    skipped: list[tuple[str, str]] = []
    history = _GitHistory(data, registry.root_display) if data is not None else None
    for match in sorted(registry.matches.values(), key=lambda m: m.id):
        day = started_on(match) or today
        view, basis = _as_it_stood(registry, match, day, history)
        missing = [i for i in [match.request, *match.offers] if i not in _ids(view)]
        if missing:
            skipped.append((match.id, f"{', '.join(missing)} not recorded on {day.isoformat()}"))
            continue
        replays += _replay(view, match, day=day, basis=basis, weights=weights, other=other)
    return Evaluation(methods, replays, skipped)


def _ids(registry: Registry) -> set[str]:
    return {*registry.requests, *registry.offers}


def _as_it_stood(
    registry: Registry, match: Match, day: date, history: _GitHistory | None
) -> tuple[Registry, str]:
    from acsg_cli.matching.view import set_aside
    from acsg_cli.reports.timetravel import records_as_of

    if history is not None:
        before = history.before(match.id)
        if before is not None and {match.request, *match.offers} <= _ids(before):
            view = set_aside(before, match.id) if match.id in before.matches else None
            return view or _reopen(before, match), "git"
    dated = records_as_of(registry, day)
    if match.id in dated.matches:
        return set_aside(dated, match.id), "dates"
    return _reopen(dated, match), "dates"


def _reopen(registry: Registry, match: Match) -> Registry:
    """`registry` with the match's request and offers open, as `set_aside` leaves them."""
    from dataclasses import replace

    from acsg_cli.matching.view import set_aside

    staged = replace(registry, matches={**registry.matches, match.id: match})
    return set_aside(staged, match.id)


class _GitHistory:
    """The registry as committed just before each match file was added, where git knows."""

    def __init__(self, data: Path, root_display: str) -> None:
        from acsg_cli import git

        self.data, self.root_display = data, root_display
        self.top = git.in_repository(data.resolve()) if data.exists() else None
        self.cache: dict[str, Registry | None] = {}

    def before(self, match_id: str) -> Registry | None:
        from acsg_cli import git
        from acsg_cli.errors import UsageError
        from acsg_cli.reports.timetravel import snapshot

        if self.top is None:
            return None
        path = (self.data.resolve() / "matches" / f"{match_id}.yaml").relative_to(self.top)
        try:
            added = git.text(self.top, "log", "--diff-filter=A", "--format=%H", "--", str(path))
        except UsageError:
            return None
        commits = added.split()
        if not commits:
            return None
        parent = f"{commits[-1]}^"
        if parent not in self.cache:
            try:
                shot = snapshot(self.data, self.root_display, parent, date.max)
                self.cache[parent] = shot.registry
            except UsageError:  # the first commit: nothing before it
                self.cache[parent] = None
        return self.cache[parent]


def _replay(
    view: Registry,
    match: Match,
    *,
    day: date,
    basis: str,
    weights: Weights,
    other: Weights | None,
) -> list[Replay]:
    from acsg_cli.matching.propose import propose

    def scores(w: Weights, rank_by: str) -> dict[str, float]:
        [ranked] = propose(
            view,
            today=day,
            weights=w,
            request_ids=[match.request],
            top=max(len(view.offers), 1),
            rank_by=rank_by,
        ).requests
        return {c.offer_id: c.score for c in ranked.candidates}

    ranked = {"ranking": scores(weights, "cost"), "fit": scores(weights, "fit")}
    if other is not None:
        ranked["weights"] = scores(other, "cost")
    ranked["areas"] = scores(AREAS_ONLY, "fit")
    eligible = len(ranked["fit"])
    values = _values(view, match, day, weights)
    out = []
    for offer_id in match.offers:
        placings = {
            method: placing(list(s.values()), s.get(offer_id)) for method, s in ranked.items()
        }
        placings["random"] = random_placing(eligible, offer_id in ranked["fit"])
        out.append(
            Replay(
                match.id,
                match.request,
                offer_id,
                day,
                basis,
                eligible,
                placings,
                values.get(offer_id, {}),
                _consent(match),
            )
        )
    return out


def _values(
    view: Registry, match: Match, day: date, weights: Weights
) -> dict[str, dict[str, float]]:
    """Each partner pair's signal values on the day."""
    import numpy as np

    from acsg_cli.matching.index import build_index, one_blas_thread
    from acsg_cli.matching.scoring import Scorer

    with one_blas_thread():
        index = build_index(view, day)
        scorer = Scorer(index, weights)
        row = index.request_pos[match.request]
        scorer.prepare(np.array([row], dtype=np.intp))
        cols = np.array([index.offer_pos[o] for o in match.offers], dtype=np.intp)
        rows = np.full(len(cols), row, dtype=np.intp)
        values = scorer.values(rows, cols, scorer.cosine(rows, cols))
    return {
        offer_id: {name: float(v[k]) for name, v in values.items()}
        for k, offer_id in enumerate(match.offers)
    }
