"""The plan as the Secretariat reads it: the assignment, the greedy comparison, and the
requests left unmet, each with why, and counted by region, language and number of areas."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from acsg_cli.matching.results import Assignment, Plan, RequestCandidates, Unmet
from acsg_cli.vocab import RequestStatus

if TYPE_CHECKING:
    from acsg_cli.matching.index import MatchingIndex
    from acsg_cli.matching.pricing import Pricing
    from acsg_cli.matching.propose import Options
    from acsg_cli.models import Request


def make_plan(
    index: MatchingIndex, results: list[RequestCandidates], pricing: Pricing, *, options: Options
) -> Plan:
    import numpy as np

    max_per_request, min_score = options.max_per_request, options.min_score

    from acsg_cli.matching.plan import greedy

    edges, solution = pricing.edges, pricing.solution
    assert solution is not None
    best = solution.chosen
    capacity = np.maximum(index.arrays.off_remaining, 0)
    easy = greedy(edges, capacity, max_per_request)
    fit = pricing.fit[pricing.edge_pairs]
    assignment = sorted(
        (
            Assignment(index.requests[r].id, index.offers[c].id, float(s))
            for r, c, s in zip(
                edges.rows[best].tolist(),
                edges.cols[best].tolist(),
                fit[best].tolist(),
                strict=True,
            )
        ),
        key=lambda a: (a.request_id, -a.score, a.offer_id),
    )
    served = {a.request_id for a in assignment}
    taken_by: dict[str, list[str]] = {}
    for a in assignment:
        taken_by.setdefault(a.offer_id, []).append(a.request_id)
    unmet = []
    left_out: list[Request] = []
    bounds = np.searchsorted(edges.rows, np.arange(len(index.requests) + 1, dtype=np.intp))
    for result in results:
        request = result.request
        if request.id in served:
            continue
        row = index.request_pos[request.id]
        start, end = int(bounds[row]), int(bounds[row + 1])
        if request.status is not RequestStatus.OPEN:
            reason = f"the request is {request.status.value}, not open"
        elif result.eligible == 0:
            reason = "no eligible offer at all"
        elif start == end:
            floor = (
                f"at least {min_score:g}" if min_score is not None and min_score > 0 else "above 0"
            )
            reason = f"no eligible offer scores {floor}"
        else:
            mine = np.arange(start, end)
            mine = mine[np.lexsort((edges.cols[mine], -edges.scores[mine]))][:3]
            gone = [
                f"{index.offers[c].id} (to {', '.join(taken_by.get(index.offers[c].id, []))})"
                for c in edges.cols[mine].tolist()
            ]
            reason = "capacity taken by better-scored pairs: " + "; ".join(gone)
            if result.eligible > options.candidates:
                reason += (
                    f" (the plan weighs its {options.candidates} best of its "
                    f"{result.eligible} eligible offers)"
                )
        unmet.append(Unmet(request.id, reason))
        left_out.append(request)
    return Plan(
        assignment,
        unmet,
        round(float(edges.scores[best].sum()), 2),
        round(float(edges.scores[easy].sum()), 2),
        max_per_request,
        options.objective,
        unmet_by(left_out),
    )


def unmet_by(requests: list[Request]) -> dict[str, dict[str, int]]:
    """Counts of requests by UNHCR region, working language and number of areas asked for
    (a request naming several regions or languages counts in each), largest first."""
    from acsg_cli import geo

    regions: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    for request in requests:
        named = {
            r.value if (r := geo.region_of(s)) else "unknown" for s in request.requesting_states
        }
        regions.update(named)
        languages.update(request.languages or ["none given"])
        areas[str(len(request.areas))] += 1

    def ordered(counts: Counter[str]) -> dict[str, int]:
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    return {
        "region": ordered(regions),
        "language": ordered(languages),
        "areas": dict(sorted(areas.items(), key=lambda kv: int(kv[0]))),
    }
