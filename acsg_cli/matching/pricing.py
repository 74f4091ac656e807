"""The opportunity cost of an offer's capacity, for ranking and for the plan.

The plan's linear programme (see `plan`) is solved over the eligible pairs of every open
request. The dual price of an offer's capacity constraint is what the other requests would
lose, in points, if one of the offer's places went to this request; ranking by fit minus that
price puts first the offers a request can take without depriving a request that has no better
choice. The prices come from the registry itself: no constant is tuned.

With the `fair` objective each request's values are shares of its own best (fit plus
priority); a price is then turned back into the request's points by that request's scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from acsg_cli.matching.scoring import Component

if TYPE_CHECKING:
    import numpy as np

    from acsg_cli.matching.pairs import Pairs
    from acsg_cli.matching.plan import Edges, Solution
    from acsg_cli.matching.scoring import Scorer


@dataclass(frozen=True)
class Pricing:
    """The plan's pairs (`edges`, values by objective, `edge_pairs` their place in the pairs),
    its solution, and each pair's opportunity cost in the request's points."""

    scorer: Scorer
    pairs: Pairs
    fit: np.ndarray
    edges: Edges
    edge_pairs: np.ndarray
    solution: Solution | None
    cost: np.ndarray
    scale: np.ndarray
    rivals: np.ndarray
    """(offers, 2): the two requests that gain most from each offer's place (-1 for none)."""
    gains: np.ndarray
    """(offers, 2): what the place is worth to each of them over the rest of the plan."""

    def component(self, p: int) -> Component | None:
        """The capacity part of the pair at `p` in the pairs, with its reason."""
        from acsg_cli.matching.index import entity_name, states_name

        cost = round(float(self.cost[p]), 2)
        if cost <= 0 or self.solution is None:
            return None
        ix = self.scorer.index
        row, col = int(self.pairs.rows[p]), int(self.pairs.cols[p])
        left = int(ix.arrays.off_remaining[col])
        name = entity_name(ix.offers[col])
        whose = f"{name}'" if name.endswith("s") else f"{name}'s"
        said = f"uses {whose} last place" if left == 1 else f"uses one of {whose} {left} places"
        first, second = self.rivals[col].tolist()
        other = second if first == row else first
        if other >= 0:
            loss = cost / float(self.scale[row]) * float(self.scale[other])
            said += f"; {states_name(ix.requests[other])} would lose {loss:.1f} points"
        return Component("capacity", 0.0, cost, -cost, said)


def price(
    scorer: Scorer,
    pairs: Pairs,
    fit: np.ndarray,
    listed: np.ndarray,
    *,
    objective: str,
    max_per_request: int,
    needed: bool,
) -> Pricing:
    """Solve the plan's programme over the open requests' listed pairs with a positive fit
    (when `needed`) and price every pair."""
    import numpy as np

    from acsg_cli.matching.groups import best_in_groups
    from acsg_cli.matching.plan import Edges, solve

    ix = scorer.index
    n_requests, n_offers = len(ix.requests), len(ix.offers)
    at = np.flatnonzero(ix.arrays.req_open[pairs.rows] & listed & (fit > 0))
    rows, cols = pairs.rows[at], pairs.cols[at]
    priority = scorer.priority(np.arange(n_requests, dtype=np.intp))
    value = fit[at] + priority[rows]
    scale = np.ones(n_requests, dtype=np.float64)
    if objective == "fair" and len(at):
        best = np.zeros(n_requests, dtype=np.float64)
        np.maximum.at(best, rows, value)
        scale = np.where(best > 0, best, 1.0)
        value = value / scale[rows]
    edges = Edges(rows, cols, value)
    capacity = np.maximum(ix.arrays.off_remaining, 0)
    solution = solve(edges, capacity, max_per_request) if needed else None
    cost = np.zeros(len(pairs), dtype=np.float64)
    rivals = np.full((n_offers, 2), -1, dtype=np.int64)
    gains = np.zeros((n_offers, 2), dtype=np.float64)
    if solution is not None and len(at):
        gain = value - solution.request_price[rows]
        # Each offer's two best requests by gain (ties: the lower id): its best first, then
        # the seconds of the offers that have two.
        two = best_in_groups(cols, gain, np.full(n_offers, 2), n_offers)
        firsts = np.count_nonzero(np.bincount(cols, minlength=n_offers))
        for rank, picked in enumerate((two[:firsts], two[firsts:])):
            rivals[cols[picked], rank] = rows[picked]
            gains[cols[picked], rank] = gain[picked]
        # What the place is worth to the best other request, never more than its price: the
        # price itself for a request the plan leaves without it, the runner-up's gain for the
        # request that holds it, 0 for an offer nobody else can use.
        holder = rivals[pairs.cols, 0] == pairs.rows
        other = np.where(holder, rivals[pairs.cols, 1], rivals[pairs.cols, 0])
        worth = np.where(holder, gains[pairs.cols, 1], gains[pairs.cols, 0])
        worth = np.where(other >= 0, np.maximum(worth, 0.0), 0.0)
        cost = np.round(np.minimum(solution.offer_price[pairs.cols], worth) * scale[pairs.rows], 2)
    return Pricing(scorer, pairs, fit, edges, at, solution, cost, scale, rivals, gains)
