"""`acsg match propose`: for each open request, the best eligible offers with their reasons,
and optionally a capacity-aware plan across all of them.

Offers are ranked by *score*: the pair's fit minus the opportunity cost of the offer's
capacity (the dual price of that capacity in the plan's linear programme: what the other
requests would lose if this one took a place), then by offer id, so the same registry, date
and weights always give the same list. `rank_by="fit"` ranks by the fit alone. The eligible
pairs of every open request are scored a block at a time and each request keeps its best by
fit (`candidates`: memory linear in the requests), priced by one programme over them; only
the candidates shown are explained in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from acsg_cli.errors import UsageError
from acsg_cli.matching.candidates import DEFAULT_CANDIDATES, check_candidates
from acsg_cli.matching.results import (
    Candidate,
    Excluded,
    Proposal,
    RequestCandidates,
)
from acsg_cli.matching.scoring import Weights
from acsg_cli.registry import Registry
from acsg_cli.vocab import RequestStatus

if TYPE_CHECKING:
    import numpy as np

    from acsg_cli.matching.index import MatchingIndex
    from acsg_cli.matching.pairs import Pairs
    from acsg_cli.matching.pricing import Pricing
    from acsg_cli.matching.scoring import Scorer

RANK_BY = ("cost", "fit")
OBJECTIVES = ("total", "fair")


def propose(
    registry: Registry,
    *,
    today: date,
    weights: Weights | None = None,
    request_ids: list[str] | None = None,
    top: int = 3,
    min_score: float | None = None,
    explain: bool = False,
    plan: bool = False,
    max_offers_per_request: int = 1,
    rank_by: str = "cost",
    objective: str = "total",
    candidates: int = DEFAULT_CANDIDATES,
) -> Proposal:
    """Rank the eligible offers of each open request (or of `request_ids`) and, with `plan`,
    assign offers to those requests under capacity. Each request's `candidates` best offers by
    fit (at least `top`) are ranked; the plan weighs the `candidates` best. Unknown request ids
    raise `UnknownIdError`."""
    from acsg_cli.matching.index import one_blas_thread

    if top < 1:
        raise UsageError("--top must be at least 1")
    if max_offers_per_request < 1:
        raise UsageError("--max-offers-per-request must be at least 1")
    if rank_by not in RANK_BY:
        raise UsageError(f"--rank-by must be one of {', '.join(RANK_BY)}")
    if objective not in OBJECTIVES:
        raise UsageError(f"--objective must be one of {', '.join(OBJECTIVES)}")
    check_candidates(candidates)
    with one_blas_thread():
        return _propose(
            registry,
            today,
            weights or Weights(),
            request_ids,
            Options(
                top,
                min_score,
                explain,
                plan,
                max_offers_per_request,
                rank_by,
                objective,
                candidates,
            ),
        )


@dataclass(frozen=True)
class Options:
    top: int
    min_score: float | None
    explain: bool
    plan: bool
    max_per_request: int
    rank_by: str
    objective: str
    candidates: int = DEFAULT_CANDIDATES
    """Offers the plan weighs per request: its best by fit."""


def _propose(
    registry: Registry,
    today: date,
    weights: Weights,
    request_ids: list[str] | None,
    options: Options,
) -> Proposal:
    import numpy as np

    scorer, pairs, ranking = _scored(registry, today, weights, request_ids, options)
    results = _rank(scorer, pairs, ranking, options)
    made = None
    if options.plan:
        from acsg_cli.matching.planview import make_plan
        from acsg_cli.matching.pricing import price

        pricing = ranking.pricing
        if request_ids:  # plan the requests asked for; the prices above still weigh all
            only = ranking.planned & np.isin(pairs.rows, ranking.shown)
            pricing = price(
                scorer,
                pairs,
                ranking.fit,
                only,
                objective=options.objective,
                max_per_request=options.max_per_request,
                needed=True,
            )
        made = make_plan(scorer.index, results, pricing, options=options)
    return Proposal(today, options.top, options.min_score, results, made, options.rank_by)


def first_choices(
    registry: Registry,
    *,
    today: date,
    weights: Weights | None = None,
    min_score: float | None = None,
) -> dict[str, str | None]:
    """Each open request's rank 1 in `propose(..., top=1)` (its offer id, None when no offer is
    eligible), found by the same scores, prices and order, without putting any candidate
    into words: what the reports show beside an open request."""
    from acsg_cli.matching.index import one_blas_thread

    options = Options(1, min_score, False, False, 1, "cost", "total")
    with one_blas_thread():
        scorer, pairs, ranking = _scored(registry, today, weights or Weights(), None, options)
        chosen = _chosen(scorer, pairs, ranking, options)
    ix = scorer.index
    return {
        ix.requests[row].id: ix.offers[int(pairs.cols[at[0]])].id if len(at) else None
        for row, at in zip(ranking.shown.tolist(), chosen, strict=True)
    }


def _scored(
    registry: Registry,
    today: date,
    weights: Weights,
    request_ids: list[str] | None,
    options: Options,
) -> tuple[Scorer, Pairs, Ranking]:
    """The eligible pairs of the open requests and of `request_ids`, scored and priced, with
    the ranking key of each pair and the requests to show."""
    import numpy as np

    from acsg_cli.matching.candidates import candidates, within
    from acsg_cli.matching.index import build_index
    from acsg_cli.matching.pricing import price
    from acsg_cli.matching.scoring import Scorer

    index = build_index(registry, today)
    scorer = Scorer(index, weights)
    shown = _rows(registry, index, request_ids)
    rows = np.union1d(np.flatnonzero(index.arrays.req_open), shown).astype(np.intp)
    k = options.candidates
    pairs, fit = candidates(scorer, rows, max(k, options.top))
    floor = options.min_score
    listed = fit >= floor if floor is not None else np.ones(len(fit), dtype=bool)
    planned = listed & within(pairs, fit, k) if options.top > k else listed
    pricing = price(
        scorer,
        pairs,
        fit,
        planned,
        objective=options.objective,
        max_per_request=options.max_per_request,
        needed=options.plan or options.rank_by == "cost",
    )
    key = fit - pricing.cost if options.rank_by == "cost" else fit
    return scorer, pairs, Ranking(fit, key, listed, planned, shown, pricing)


@dataclass(frozen=True)
class Ranking:
    """Per pair: fit, ranking key, whether it may be listed and whether the plan weighs it;
    the requests shown; prices."""

    fit: np.ndarray
    key: np.ndarray
    listed: np.ndarray
    planned: np.ndarray
    shown: np.ndarray
    pricing: Pricing


def _rank(
    scorer: Scorer, pairs: Pairs, ranking: Ranking, options: Options
) -> list[RequestCandidates]:
    """The `top` candidates of each shown request, explained."""
    import numpy as np

    from acsg_cli.matching.reasons import priority_reasons

    fit, key, shown, pricing = ranking.fit, ranking.key, ranking.shown, ranking.pricing

    index = scorer.index
    chosen = _chosen(scorer, pairs, ranking, options)
    picked = np.concatenate(chosen) if chosen else np.zeros(0, dtype=np.intp)
    explained = iter(scorer.explain(pairs.rows[picked], pairs.cols[picked], pairs.cosine[picked]))
    priority = scorer.priority(shown)
    results = []
    for i, row in enumerate(shown.tolist()):
        candidates = []
        for rank, p in enumerate(chosen[i].tolist(), start=1):
            parts = next(explained)
            cost = pricing.component(p) if options.rank_by == "cost" else None
            if cost is not None:
                parts = [*parts, cost]
            col = int(pairs.cols[p])
            candidates.append(
                Candidate(
                    rank,
                    index.offers[col].id,
                    index.offers[col].title,
                    round(float(key[p]), 2),
                    tuple(parts),
                    float(fit[p]),
                )
            )
        excluded = _excluded(scorer, row, options.min_score) if options.explain else None
        results.append(
            RequestCandidates(
                index.requests[row],
                candidates,
                int(scorer.eligible_count[row]),
                excluded,
                round(float(priority[i]), 2),
                tuple(priority_reasons(index, row)),
            )
        )
    return results


def _chosen(scorer: Scorer, pairs: Pairs, ranking: Ranking, options: Options) -> list[np.ndarray]:
    """For each shown request, the positions in the pairs of its `top` candidates, best first."""
    import numpy as np

    from acsg_cli.matching.groups import best_in_groups, in_group_order

    key, listed, shown = ranking.key, ranking.listed, ranking.shown
    at = np.flatnonzero(listed & np.isin(pairs.rows, shown))
    n_rows = len(scorer.index.requests)
    top = np.full(n_rows, options.top)
    order = at[in_group_order(pairs.rows[at], best_in_groups(pairs.rows[at], key[at], top, n_rows))]
    first = np.searchsorted(pairs.rows[order], shown, side="left")
    last = np.searchsorted(pairs.rows[order], shown, side="right")
    return [order[a:b] for a, b in zip(first, last, strict=True)]


def _rows(registry: Registry, index: MatchingIndex, request_ids: list[str] | None) -> np.ndarray:
    import numpy as np

    if request_ids:
        wanted = {registry.require(rid.strip(), "request").id for rid in request_ids}
        picked = sorted(index.request_pos[rid] for rid in wanted)
    else:
        picked = [i for i, r in enumerate(index.requests) if r.status is RequestStatus.OPEN]
    return np.array(picked, dtype=np.intp)


def _excluded(scorer: Scorer, row: int, min_score: float | None) -> list[Excluded]:
    import numpy as np

    from acsg_cli.matching.eligibility import describe, exclusion_codes

    index = scorer.index
    request = index.requests[row]
    one = np.array([row], dtype=np.intp)
    codes = exclusion_codes(index, one)[0]
    pairs = scorer.eligible(one)  # all of them, not the candidates alone
    scores = dict(zip(pairs.cols.tolist(), scorer.fit(pairs).tolist(), strict=True))
    out = []
    for col, bits in enumerate(codes.tolist()):
        offer = index.offers[col]
        if bits:
            found = describe(bits, request, offer, index.today)
            out.append(
                Excluded(offer.id, tuple(e.code for e in found), tuple(e.reason for e in found))
            )
        elif min_score is not None and scores.get(col, 0.0) < min_score:
            out.append(
                Excluded(
                    offer.id,
                    ("below_min_score",),
                    (f"scores {scores.get(col, 0.0):.2f}, below the minimum score {min_score:g}",),
                )
            )
    return out
