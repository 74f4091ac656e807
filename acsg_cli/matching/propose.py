"""`acsg match propose`: for each open request, the best eligible offers with their reasons,
and optionally a capacity-aware plan across all of them.

Candidates are ranked by score, then by offer id, so the same registry, date and weights
always give the same list. Scores are computed for blocks of requests against every offer at
once; only the candidates shown are explained in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from acsg_cli.errors import UsageError
from acsg_cli.matching.scoring import Component, Weights
from acsg_cli.models import Request
from acsg_cli.registry import Registry
from acsg_cli.vocab import RequestStatus

if TYPE_CHECKING:
    import numpy as np

    from acsg_cli.matching.index import MatchingIndex
    from acsg_cli.matching.plan import Edges

BLOCK_ROWS = 256
"""Requests scored together: bounds memory to a few arrays of BLOCK_ROWS x offers."""


@dataclass(frozen=True)
class Candidate:
    """An offer proposed for a request, with its rank, score and the parts of the score."""

    rank: int
    offer_id: str
    title: str
    score: float
    components: tuple[Component, ...]

    @property
    def reasons(self) -> list[str]:
        """The reasons in words, as the Secretariat may read them (contact details redacted)."""
        from acsg_cli.disclosure import redact

        return [redact(c.reason) for c in self.components if c.reason]


@dataclass(frozen=True)
class Excluded:
    """An offer left out for a request, with each filter it fails."""

    offer_id: str
    codes: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RequestCandidates:
    request: Request
    candidates: list[Candidate]
    eligible: int
    """How many offers pass every hard filter (before `top` and `min_score`)."""
    excluded: list[Excluded] | None = None


@dataclass(frozen=True)
class Assignment:
    request_id: str
    offer_id: str
    score: float


@dataclass(frozen=True)
class Unmet:
    request_id: str
    reason: str


@dataclass(frozen=True)
class Plan:
    assignment: list[Assignment]
    unmet: list[Unmet]
    total_score: float
    greedy_total_score: float
    max_offers_per_request: int


@dataclass(frozen=True)
class Proposal:
    today: date
    top: int
    min_score: float | None
    requests: list[RequestCandidates]
    plan: Plan | None = None


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
) -> Proposal:
    """Rank the eligible offers of each open request (or of `request_ids`) and, with `plan`,
    assign offers to those requests under capacity. Unknown request ids raise `UnknownIdError`."""
    from acsg_cli.matching.index import one_blas_thread

    if top < 1:
        raise UsageError("--top must be at least 1")
    if max_offers_per_request < 1:
        raise UsageError("--max-offers-per-request must be at least 1")
    with one_blas_thread():
        return _propose(
            registry,
            today=today,
            weights=weights,
            request_ids=request_ids,
            top=top,
            min_score=min_score,
            explain=explain,
            plan=plan,
            max_offers_per_request=max_offers_per_request,
        )


def _propose(
    registry: Registry,
    *,
    today: date,
    weights: Weights | None,
    request_ids: list[str] | None,
    top: int,
    min_score: float | None,
    explain: bool,
    plan: bool,
    max_offers_per_request: int,
) -> Proposal:
    import numpy as np

    from acsg_cli.matching.index import build_index
    from acsg_cli.matching.plan import Edges
    from acsg_cli.matching.scoring import Scorer

    index = build_index(registry, today)
    scorer = Scorer(index, weights or Weights())
    rows = _rows(registry, index, request_ids)
    results: list[RequestCandidates] = []
    edge_parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in range(0, len(rows), BLOCK_ROWS):
        block = scorer.block(rows[start : start + BLOCK_ROWS])
        usable = block.codes == 0
        shown = usable & (block.total >= min_score) if min_score is not None else usable
        if plan:
            ii, jj = np.nonzero(shown & (block.total > 0))
            edge_parts.append((block.rows[ii], jj, block.total[ii, jj]))
        chosen: list[list[int]] = []
        for i in range(len(block.rows)):
            idx = np.flatnonzero(shown[i])
            order = idx[np.lexsort((idx, -block.total[i, idx]))][:top]
            chosen.append(order.tolist())
        pairs = [(i, col) for i, cols in enumerate(chosen) for col in cols]
        explained = iter(scorer.explain(block, pairs))
        for i, row in enumerate(block.rows.tolist()):
            candidates = [
                Candidate(
                    rank,
                    index.offers[col].id,
                    index.offers[col].title,
                    float(block.total[i, col]),
                    tuple(next(explained)),
                )
                for rank, col in enumerate(chosen[i], start=1)
            ]
            excluded = (
                _excluded(index, block.codes[i], block.total[i], row, min_score)
                if explain
                else None
            )
            results.append(
                RequestCandidates(index.requests[row], candidates, int(usable[i].sum()), excluded)
            )
    made = None
    if plan:
        parts = (
            [np.concatenate(p) for p in zip(*edge_parts, strict=True)]
            if edge_parts
            else [np.zeros(0)] * 3
        )
        edges = Edges(
            parts[0].astype(np.intp), parts[1].astype(np.intp), parts[2].astype(np.float64)
        )
        made = _plan(index, results, edges, max_offers_per_request, min_score)
    return Proposal(today, top, min_score, results, made)


def _rows(registry: Registry, index: MatchingIndex, request_ids: list[str] | None) -> np.ndarray:
    import numpy as np

    if request_ids:
        wanted = {registry.require(rid.strip(), "request").id for rid in request_ids}
        picked = sorted(index.request_pos[rid] for rid in wanted)
    else:
        picked = [i for i, r in enumerate(index.requests) if r.status is RequestStatus.OPEN]
    return np.array(picked, dtype=np.intp)


def _excluded(
    index: MatchingIndex,
    codes: np.ndarray,
    total: np.ndarray,
    row: int,
    min_score: float | None,
) -> list[Excluded]:
    from acsg_cli.matching.eligibility import describe

    request = index.requests[row]
    out = []
    for col, bits in enumerate(codes.tolist()):
        offer = index.offers[col]
        if bits:
            found = describe(bits, request, offer, index.today)
            out.append(
                Excluded(offer.id, tuple(e.code for e in found), tuple(e.reason for e in found))
            )
        elif min_score is not None and total[col] < min_score:
            out.append(
                Excluded(
                    offer.id,
                    ("below_min_score",),
                    (f"scores {total[col]:.2f}, below the minimum score {min_score:g}",),
                )
            )
    return out


def _plan(
    index: MatchingIndex,
    results: list[RequestCandidates],
    edges: Edges,
    max_per_request: int,
    min_score: float | None,
) -> Plan:
    import numpy as np

    from acsg_cli.matching.plan import greedy, optimal

    capacity = np.maximum(index["off_remaining"], 0)
    best = optimal(edges, capacity, max_per_request)
    easy = greedy(edges, capacity, max_per_request)
    assignment = sorted(
        (
            Assignment(index.requests[r].id, index.offers[c].id, float(s))
            for r, c, s in zip(
                edges.rows[best].tolist(),
                edges.cols[best].tolist(),
                edges.scores[best].tolist(),
                strict=True,
            )
        ),
        key=lambda a: (a.request_id, -a.score, a.offer_id),
    )
    served = {a.request_id for a in assignment}
    taken_by: dict[str, list[str]] = {}
    for a in assignment:
        taken_by.setdefault(a.offer_id, []).append(a.request_id)
    has_edge = {index.requests[r].id for r in np.unique(edges.rows).tolist()}
    unmet = []
    for result in results:
        request = result.request
        if request.id in served:
            continue
        if request.status is not RequestStatus.OPEN:
            reason = f"the request is {request.status.value}, not open"
        elif result.eligible == 0:
            reason = "no eligible offer at all"
        elif request.id not in has_edge:
            floor = (
                f"at least {min_score:g}" if min_score is not None and min_score > 0 else "above 0"
            )
            reason = f"no eligible offer scores {floor}"
        else:
            row = index.request_pos[request.id]
            mine = np.flatnonzero(edges.rows == row)
            mine = mine[np.lexsort((edges.cols[mine], -edges.scores[mine]))][:3]
            gone = [
                f"{index.offers[c].id} (to {', '.join(taken_by.get(index.offers[c].id, []))})"
                for c in edges.cols[mine].tolist()
            ]
            reason = "capacity taken by better-scored pairs: " + "; ".join(gone)
        unmet.append(Unmet(request.id, reason))
    return Plan(
        assignment,
        unmet,
        round(float(edges.scores[best].sum()), 2),
        round(float(edges.scores[easy].sum()), 2),
        max_per_request,
    )
