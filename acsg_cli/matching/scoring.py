"""Soft signals: how well an eligible offer fits a request, as a sum of named, visible parts.

Every signal has a value from 0 to 1 for a pair and a weight; a pair's *fit* is the sum of
`weight x value`, minus `duplication` (a penalty), rounded to two decimals. With the default
weights a perfect pair fits 100. Two more weights, `urgency` and `waiting`, are the same for
every offer of a request, so they never order its offers: they are the request's *priority*
in the plan (a more urgent or older request is served first when offers are scarce), shown
once per request. Weights are set in the project configuration:

    [tool.acsg.matching.weights]      # or [matching.weights] in acsg.toml
    areas = 40
    text = 10

Signals are computed for lists of eligible pairs (parallel arrays of request rows and offer
columns), chunk by chunk, so memory grows with the number of eligible pairs; `explain` turns
one pair's values into the reasons a person reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from acsg_cli.errors import UsageError
from acsg_cli.matching.pairs import Pairs, steady

if TYPE_CHECKING:
    import numpy as np

    from acsg_cli.config import ProjectConfig
    from acsg_cli.matching.index import MatchingIndex
    from acsg_cli.matching.text import TextSimilarity

SIGNALS: dict[str, str] = {
    "areas": "share of the requested areas the offer covers (FS 3, MSP)",
    "text": "how close the request's title, gap and objectives are in words to the offer's title "
    "and expertise (TF-IDF cosine), as the share of the registry's open eligible pairs that are "
    "less close; 0 with no word in common (WM 15.ii, FS 3)",
    "languages": "1 when request and offer share a working language",
    "continuity": "1 when the offering entity worked with a requesting State before (a match "
    "that reached agreement) or the request names it in coordination.existing_support (SR)",
    "quality_dimensions": "share of the request's quality dimensions the offer works on "
    "(WM 15.i, WM 18)",
    "support_types": "the requested kinds of support the offer gives, each counting by how rare "
    "it is among the open offers eligible for the request (WM 17, FS 4)",
    "term": "1 when both are long-term (or the offer either), 0.5 when both short-term (WM 9)",
    "institutional": "1 when the offer covers an institutional area the request asks for: "
    "institutional_capacity, legislation, strategic_planning, quality_assurance (SR)",
    "geography": "1 when the offer's scope names the requesting countries, 0.5 their region, "
    "0 when it is global (SR: where the offer can be used)",
    "duplication": "penalty: share of the covered areas in which a requesting State already "
    "receives support from another provider, from live matches or the request's "
    "coordination.existing_support (WM 15.vi, FS 2)",
}
"""Every signal of a pair by name, with what its value measures and the paragraph behind it."""

PRIORITY: dict[str, str] = {
    "urgency": "1 when the request responds to an urgent need (WM 9, WM 12)",
    "waiting": "time since the request was submitted, reaching 1 after two years (SR: unmet needs)",
}
"""The parts of a request's priority in the plan (the same for all its offers)."""

PENALTIES = frozenset({"duplication"})
SAID_WHEN_ZERO = frozenset({"areas", "languages", "term"})
WAITING_FULL_DAYS = 730
TERM_FIT = ((0.0, 0.0, 0.0, 0.0), (0.0, 0.5, 0.0, 0.5), (0.0, 0.0, 1.0, 1.0))
"""Term fit by request term (none, short, long) and offer term (none, short, long, either)."""
TEXT_SHOWN_FROM = 0.5
"""The text signal is said in words when the pair is closer than half the open eligible pairs."""
CHUNK_PAIRS = 1 << 18
"""Pairs whose signals are computed together: bounds the temporary arrays."""

MAX_TOP = 10_000
"""The most candidates shown per request."""
MAX_SCORE = 1e6
"""Bound of a score threshold (scores stay far below: 12 signals of weight at most 1000)."""
MAX_WEIGHT = 1000.0
"""The largest weight: ten times the whole default scale, so no sum of points can overflow."""
Weight = Annotated[float, Field(ge=0, le=MAX_WEIGHT, allow_inf_nan=False)]


class Weights(BaseModel):
    """The weight of each signal (defaults: a perfect pair fits 100)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    areas: Weight = 30
    text: Weight = 20
    languages: Weight = 10
    continuity: Weight = 10
    quality_dimensions: Weight = 5
    support_types: Weight = 10
    term: Weight = 5
    institutional: Weight = 5
    geography: Weight = 5
    duplication: Weight = 20
    urgency: Weight = 5
    waiting: Weight = 5


class MatchingSettings(BaseModel):
    """`[tool.acsg.matching]`: the weights, and defaults for `--top` and `--min-score`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: Weights = Weights()
    top: Annotated[int, Field(ge=1, le=MAX_TOP, strict=True)] = 3
    min_score: Annotated[float, Field(ge=-MAX_SCORE, le=MAX_SCORE, allow_inf_nan=False)] | None = (
        None
    )


def _messages(exc: ValidationError) -> list[str]:
    from acsg_cli.errors import validator_message
    from acsg_cli.models.errors import path_text

    messages = []
    for error in exc.errors():
        where = path_text(tuple(error["loc"]))
        if error["type"] == "extra_forbidden":
            fields = (
                Weights.model_fields
                if where.startswith("weights.")
                else MatchingSettings.model_fields
            )
            messages.append(f"unknown key '{where}' (known: {', '.join(fields)})")
        else:
            message = validator_message(str(error["msg"]))
            messages.append(f"{where}: {message[0].lower()}{message[1:]}")
    return messages


def matching_settings(config: ProjectConfig) -> MatchingSettings:
    """The matching section of a project configuration (`acsg_cli.config.load_config`), validated;
    `UsageError` naming the file."""
    try:
        return MatchingSettings.model_validate(config.section("matching"))
    except ValidationError as exc:
        raise UsageError(
            f"{config.where}: [tool.acsg.matching]: {'; '.join(_messages(exc))}"
        ) from None


@dataclass(frozen=True)
class Component:
    """One signal's part of a pair's score."""

    name: str
    weight: float
    value: float
    points: float
    reason: str | None


def _step(cosine: np.ndarray) -> np.ndarray:
    """A rounded cosine as a whole number of 0.00001 steps: equal cosines, equal steps, in the
    same order, so counting steps counts cosines."""
    import numpy as np

    steps: np.ndarray = np.maximum(np.rint(cosine.astype(np.float64) * 1e5), 0).astype(np.intp)
    return steps


class Scorer:
    """Scores pairs of an indexed registry with given weights.

    `eligible` lists the eligible pairs of some requests; `calibrate` reads the registry's
    distributions from them (text cosines over open pairs, kinds of support per request);
    `fit` and `explain` then score and explain any pairs."""

    def __init__(self, index: MatchingIndex, weights: Weights) -> None:
        import numpy as np

        self.index = index
        self.weights = weights
        self._text: TextSimilarity | None = None
        self._support: np.ndarray | None = None
        self.below = np.zeros(1, dtype=np.int64)
        """below[k]: open eligible pairs whose cosine is under k steps (see `_step`)."""
        self.eligible_count = np.zeros(len(index.requests), dtype=np.float64)
        self.type_count = np.zeros((len(index.requests), 1), dtype=np.float64)

    @property
    def text(self) -> TextSimilarity:
        if self._text is None:
            from acsg_cli.matching.text import TextSimilarity

            self._text = TextSimilarity(self.index.requests, self.index.offers)
        return self._text

    def eligible(self, rows: np.ndarray) -> Pairs:
        """Every eligible pair of the requests at `rows`, in row then column order, with
        its text cosine (see `pairs.eligible_pairs`)."""
        from acsg_cli.matching.pairs import eligible_pairs

        return eligible_pairs(self.index, rows, self._text_if_weighed)

    def eligible_blocks(self, rows: np.ndarray) -> Iterator[Pairs]:
        """The pairs of `eligible`, a block of requests at a time."""
        from acsg_cli.matching.pairs import eligible_blocks

        return eligible_blocks(self.index, rows, self._text_if_weighed)

    def _text_if_weighed(self) -> TextSimilarity | None:
        return self.text if self.weights.text > 0 and len(self.index.offers) > 0 else None

    def cosine(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Text cosines of any pairs (eligible or not)."""
        import numpy as np

        if self.weights.text <= 0 or not len(rows):
            return np.zeros(len(rows), dtype=np.float32)
        return steady(self.text.pair_cosines(rows, cols))

    def calibrate(self, blocks: Iterable[Pairs]) -> None:
        """Read the distributions the signals are scaled by from the pairs of `blocks` (all
        eligible pairs of the open requests, and of any request whose offers are ranked), one
        block at a time."""
        import numpy as np

        from acsg_cli.matching.index import SUPPORT_TYPES

        ix = self.index
        n = len(ix.requests)
        steps = np.zeros(1, dtype=np.int64)
        self.eligible_count = np.zeros(n, dtype=np.float64)
        self.type_count = np.zeros((n, len(SUPPORT_TYPES)), dtype=np.float64)
        for pairs in blocks:
            found = np.bincount(_step(pairs.cosine[ix.arrays.req_open[pairs.rows]]))
            if len(found) > len(steps):
                found[: len(steps)] += steps
                steps = found
            else:
                steps[: len(found)] += found
            self.eligible_count += np.bincount(pairs.rows, minlength=n)
            for t in range(len(SUPPORT_TYPES)):
                self.type_count[:, t] += np.bincount(
                    pairs.rows, weights=ix.arrays.off_support[pairs.cols, t], minlength=n
                )
        self.below = np.r_[0, np.cumsum(steps)]
        self._support = None

    def prepare(self, rows: np.ndarray) -> Pairs:
        """List the eligible pairs of every open request and of `rows`, and calibrate on them."""
        import numpy as np

        wanted = np.union1d(np.flatnonzero(self.index.arrays.req_open), rows).astype(np.intp)
        pairs = self.eligible(wanted)
        self.calibrate([pairs])
        return pairs

    def text_value(self, cosine: np.ndarray) -> np.ndarray:
        """A cosine as the share of open eligible pairs less close in words (0 for no word in
        common); with no open pair to compare with, 1 for any word in common."""
        import numpy as np

        n = int(self.below[-1])
        if not n:
            return (cosine > 0).astype(np.float32)
        step, last = _step(cosine), len(self.below) - 1
        below = self.below[np.minimum(step, last)]
        upto = self.below[np.minimum(step + 1, last)]
        share = (below + upto) / (2.0 * n)
        return np.where(cosine > 0, share, 0.0).astype(np.float32)

    def values(
        self, rows: np.ndarray, cols: np.ndarray, cosine: np.ndarray
    ) -> dict[str, np.ndarray]:
        """Each signal's value for the pairs (rows[k], cols[k])."""
        import numpy as np

        from acsg_cli.matching.history import continuity, supported_bits
        from acsg_cli.matching.index import count

        ix = self.index
        out: dict[str, np.ndarray] = {}
        req_areas = ix.arrays.req_area_bits[rows]
        covered_bits = req_areas & ix.arrays.off_area_bits[cols]
        covered = count(covered_bits)
        out["areas"] = (covered / np.maximum(count(req_areas), 1)).astype(np.float32)
        out["text"] = self.text_value(cosine)
        out["languages"] = (
            count(ix.arrays.req_lang_bits[rows] & ix.arrays.off_lang_bits[cols]) > 0
        ).astype(np.float32)
        out["continuity"] = continuity(ix, rows, cols)
        req_quality = ix.arrays.req_quality_bits[rows]
        out["quality_dimensions"] = (
            count(req_quality & ix.arrays.off_quality_bits[cols])
            / np.maximum(count(req_quality), 1)
        ).astype(np.float32)
        out["support_types"] = self._support_types(rows, cols)
        fit = np.array(TERM_FIT, dtype=np.float32)
        out["term"] = fit[
            ix.arrays.req_term[rows].astype(np.intp), ix.arrays.off_term[cols].astype(np.intp)
        ]
        out["institutional"] = (
            count(ix.arrays.req_inst_bits[rows] & ix.arrays.off_area_bits[cols]) > 0
        ).astype(np.float32)
        out["geography"] = ix.arrays.off_named[cols]
        duplicated = count(supported_bits(ix, rows, cols) & covered_bits)
        out["duplication"] = (duplicated / np.maximum(covered, 1)).astype(np.float32)
        return out

    def _support_types(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Each requested kind weighs 1 minus the share of the request's eligible offers giving
        it; the value is the weight of the kinds the offer gives over the weight of all asked
        (1 when every eligible offer gives every kind asked). Read from `_support_table` by the
        kinds the offer gives."""
        import numpy as np

        if self._support is None:
            self._support = self._support_table()
        ix = self.index
        kinds = (ix.arrays.off_support > 0) @ (1 << np.arange(ix.arrays.off_support.shape[1]))
        value: np.ndarray = self._support[rows, kinds[cols]]
        return value

    def _support_table(self) -> np.ndarray:
        """(requests, sets of kinds): `_support_types` of each request for an offer giving each
        set of kinds of support (bit t: the t-th of `SUPPORT_TYPES`), once per request instead
        of once per pair."""
        import numpy as np

        ix = self.index
        asked = ix.arrays.req_support[:, None, :]
        width = asked.shape[2]
        given = ((np.arange(1 << width)[:, None] >> np.arange(width)) & 1).astype(np.float32)
        n = self.eligible_count[:, None, None]
        rarity = np.where(n > 0, 1.0 - self.type_count[:, None, :] / np.maximum(n, 1), 1.0) * asked
        whole = rarity.sum(axis=2)
        share = (rarity * given).sum(axis=2) / np.where(whole > 0, whole, 1.0)
        common = (asked * given).sum(axis=2) > 0
        value: np.ndarray = np.where(whole > 0, share, common.astype(np.float64))
        return value.astype(np.float32)

    def total(self, values: dict[str, np.ndarray]) -> np.ndarray:
        """The fit: weighted sum of the values, the penalty subtracted, rounded to 2 decimals."""
        import numpy as np

        total = np.zeros(len(values["areas"]), dtype=np.float64)
        for name in SIGNALS:
            weight = getattr(self.weights, name)
            total += (-weight if name in PENALTIES else weight) * values[name]
        return np.round(total, 2)

    def fit(self, pairs: Pairs) -> np.ndarray:
        """The fit of every pair, computed chunk by chunk."""
        import numpy as np

        out = np.empty(len(pairs), dtype=np.float64)
        for start in range(0, len(pairs), CHUNK_PAIRS):
            at = slice(start, start + CHUNK_PAIRS)
            out[at] = self.total(self.values(pairs.rows[at], pairs.cols[at], pairs.cosine[at]))
        return out

    def priority(self, rows: np.ndarray) -> np.ndarray:
        """Each request's priority in the plan: urgency and waiting time, weighted."""
        import numpy as np

        ix = self.index
        waiting = np.minimum(ix.arrays.req_days[rows] / WAITING_FULL_DAYS, 1.0)
        priority: np.ndarray = np.round(
            self.weights.urgency * ix.arrays.req_urgent[rows] + self.weights.waiting * waiting, 2
        ).astype(np.float64)
        return priority

    def explain(
        self, rows: np.ndarray, cols: np.ndarray, cosine: np.ndarray
    ) -> list[list[Component]]:
        """Each pair's components, largest part first.

        A signal is listed when it adds or takes points, or when its absence is worth saying
        (areas not covered, no common language, a different term)."""
        from acsg_cli.matching.reasons import reason

        if not len(rows):
            return []
        values = {k: v.tolist() for k, v in self.values(rows, cols, cosine).items()}
        terms = self.text.shared_terms(rows, cols) if self.weights.text > 0 else [[] for _ in rows]
        signed = {n: (-1 if n in PENALTIES else 1) * getattr(self.weights, n) for n in SIGNALS}
        out = []
        for k, (row, col) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
            parts = []
            for name in SIGNALS:
                value = values[name][k]
                if value == 0 and name not in SAID_WHEN_ZERO:
                    continue
                points = round(signed[name] * value, 2)
                if name == "text" and value < TEXT_SHOWN_FROM:
                    words = None
                else:
                    words = reason(name, self.index, row, col, value=value, terms=terms[k])
                if points != 0 or words is not None:
                    parts.append(Component(name, abs(signed[name]), value, points, words))
            parts.sort(key=lambda c: -c.points)
            out.append(parts)
        return out
