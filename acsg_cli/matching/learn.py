"""`acsg match evaluate --learn`: weights fitted to the registry's own consent history.

A replayed match whose parties all consented (agreed or later) is a *granted* pair; one that a
party declined is a *declined* pair. The chance that a pair is granted is modelled as a
logistic function of its signal values, `1 / (1 + exp(-(b + c * sum(w_k * x_k))))` with the
duplication value counted negatively, as in the score, and `c` one over the spread (standard
deviation) of the documented scores of the replayed pairs, so a weight moves in log-odds per
typical difference of score. Each weight is fitted, kept at 0 or above, with a penalty
`PULL * sum((c * (w_k - d_k)) ** 2)` pulling it towards its documented value `d_k`, so a
small history moves the weights little. The learned weights are printed beside the documented
ones and never applied: copy them into `[tool.acsg.matching.weights]` if they convince you.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from acsg_cli.matching.scoring import PENALTIES, SIGNALS, Weights

if TYPE_CHECKING:
    from acsg_cli.matching.evaluate import Replay

PULL = 1.0
"""Strength of the pull towards the documented weights, per weight, in log-odds squared."""


@dataclass(frozen=True)
class Learned:
    granted: int
    declined: int
    documented: dict[str, float]
    learned: dict[str, float] | None
    """None when the history lacks granted or declined pairs."""
    note: str


def learn(replays: list[Replay], weights: Weights) -> Learned:
    import numpy as np
    from scipy.optimize import minimize

    names = list(SIGNALS)
    documented = {n: float(getattr(weights, n)) for n in names}
    known = [r for r in replays if r.granted is not None and r.values]
    granted = sum(1 for r in known if r.granted)
    declined = len(known) - granted
    if not granted or not declined:
        note = (
            f"nothing learned: the history holds {granted} granted and {declined} declined "
            "pair(s); both kinds are needed"
        )
        return Learned(granted, declined, documented, None, note)
    sign = np.array([-1.0 if n in PENALTIES else 1.0 for n in names])
    x = np.array([[r.values.get(n, 0.0) for n in names] for r in known]) * sign
    y = np.array([1.0 if r.granted else 0.0 for r in known])
    d = np.array([documented[n] for n in names])

    def loss(logit: np.ndarray) -> float:
        return float(np.sum(np.logaddexp(0.0, logit) - y * logit))

    spread = float(np.std(x @ d))
    c = 1.0 / spread if spread > 0 else 1.0 / max(float(d.sum()), 1.0)
    bias = float(np.log((y.mean()) / (1.0 - y.mean())))

    def objective(p: np.ndarray) -> float:
        bias, w = p[0], p[1:]
        return loss(bias + c * (x @ w)) + PULL * float(np.sum((c * (w - d)) ** 2))

    start = np.concatenate([[bias], d])
    bounds = [(None, None)] + [(0.0, None)] * len(names)
    fitted = minimize(objective, start, method="L-BFGS-B", bounds=bounds).x[1:]
    learned = {n: round(float(w), 2) for n, w in zip(names, fitted, strict=True)}
    note = f"fitted on {granted} granted and {declined} declined pair(s); not applied"
    return Learned(granted, declined, documented, learned, note)
