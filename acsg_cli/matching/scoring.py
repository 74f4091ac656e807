"""Soft signals: how well an eligible offer fits a request, as a sum of named, visible parts.

Every signal has a value from 0 to 1 for a pair and a weight; the score is the sum of
`weight x value`, minus `duplication` (a penalty), rounded to two decimals. With the default
weights a perfect pair scores 100. Weights are set in the project configuration:

    [tool.acsg.matching.weights]      # or [matching.weights] in acsg.toml
    areas = 40
    text = 10

The values are computed for a block of requests against every offer at once (`Scorer.block`);
`explain` turns one pair's values into the reasons a person reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from acsg_cli.errors import UsageError
from acsg_cli.vocab import Area

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np

    from acsg_cli.matching.index import MatchingIndex
    from acsg_cli.matching.text import TextSimilarity
    from acsg_cli.models.offer import Offer
    from acsg_cli.models.request import Request

SIGNALS: dict[str, str] = {
    "areas": "share of the requested areas the offer covers (FS 3, MSP)",
    "text": "TF-IDF cosine similarity of the request's title, gap and objectives with the "
    "offer's title and expertise, divided by 0.4 and capped at 1 (WM 15.ii, FS 3)",
    "languages": "1 when request and offer share a working language",
    "continuity": "1 when an earlier match joined the same requesting State and offering "
    "entity (SR)",
    "quality_dimensions": "share of the request's quality dimensions the offer works on "
    "(WM 15.i, WM 18)",
    "support_types": "share of the requested kinds of support the offer gives (WM 17, FS 4)",
    "term": "1 when both are long-term (or the offer either), 0.5 when both short-term (WM 9)",
    "institutional": "1 when the offer covers an institutional area the request asks for: "
    "institutional_capacity, legislation, strategic_planning, quality_assurance (SR)",
    "urgency": "1 when the request responds to an urgent need (WM 9, WM 12)",
    "waiting": "time since the request was submitted, reaching 1 after two years (SR: unmet needs)",
    "duplication": "penalty: share of the covered areas in which the State already receives "
    "support, from live matches or the request's coordination.existing_support (WM 15.vi, FS 2)",
}
"""Every signal by name, with what its value measures and the paragraph behind it."""

PENALTIES = frozenset({"duplication"})
SAID_WHEN_ZERO = frozenset({"areas", "languages", "term"})
INSTITUTIONAL_AREAS = (
    Area.INSTITUTIONAL_CAPACITY,
    Area.LEGISLATION,
    Area.STRATEGIC_PLANNING,
    Area.QUALITY_ASSURANCE,
)
WAITING_FULL_DAYS = 730
TEXT_FULL_COSINE = 0.4
"""Texts this close (cosine) count as a full match: related pledges rarely share more words."""
TERM_FIT = ((0.0, 0.0, 0.0, 0.0), (0.0, 0.5, 0.0, 0.5), (0.0, 0.0, 1.0, 1.0))
"""Term fit by request term (none, short, long) and offer term (none, short, long, either)."""

Weight = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class Weights(BaseModel):
    """The weight of each signal (defaults: a perfect pair scores 100)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    areas: Weight = 30
    text: Weight = 20
    languages: Weight = 10
    continuity: Weight = 10
    quality_dimensions: Weight = 5
    support_types: Weight = 5
    term: Weight = 5
    institutional: Weight = 5
    urgency: Weight = 5
    waiting: Weight = 5
    duplication: Weight = 20


class MatchingSettings(BaseModel):
    """`[tool.acsg.matching]`: the weights, and defaults for `--top` and `--min-score`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: Weights = Weights()
    top: Annotated[int, Field(ge=1, strict=True)] = 3
    min_score: Annotated[float, Field(allow_inf_nan=False)] | None = None


def load_settings(data_dir: Path | None, explicit: Path | None = None) -> MatchingSettings:
    """The matching settings of the project holding `data_dir` (or of the `explicit` file);
    `UsageError` naming the file."""
    from acsg_cli.config import load_config
    from acsg_cli.models.errors import path_text

    config = load_config(data_dir, explicit=explicit)
    try:
        return MatchingSettings.model_validate(config.section("matching"))
    except ValidationError as exc:
        messages = []
        for error in exc.errors():
            where = path_text(tuple(error["loc"]))
            if error["type"] == "extra_forbidden":
                fields = (
                    Weights.model_fields
                    if where.startswith("weights.")
                    else MatchingSettings.model_fields
                )
                known = ", ".join(fields)
                messages.append(f"unknown key '{where}' (known: {known})")
            else:
                messages.append(f"{where}: {error['msg'][0].lower()}{error['msg'][1:]}")
        raise UsageError(f"{config.where}: [tool.acsg.matching]: {'; '.join(messages)}") from None


@dataclass(frozen=True)
class Component:
    """One signal's part of a pair's score."""

    name: str
    weight: float
    value: float
    points: float
    reason: str | None


@dataclass(frozen=True)
class Block:
    """Eligibility and score of the requests at `rows` against every offer."""

    rows: np.ndarray
    codes: np.ndarray
    values: dict[str, np.ndarray]
    total: np.ndarray


class Scorer:
    """Scores pairs of an indexed registry with given weights."""

    def __init__(self, index: MatchingIndex, weights: Weights) -> None:
        self.index = index
        self.weights = weights
        self._text: TextSimilarity | None = None

    @property
    def text(self) -> TextSimilarity:
        if self._text is None:
            from acsg_cli.matching.text import TextSimilarity

            self._text = TextSimilarity(self.index.requests, self.index.offers)
        return self._text

    def block(self, rows: np.ndarray) -> Block:
        """Exclusion codes, signal values and total scores for `rows` x every offer."""
        import numpy as np

        from acsg_cli.matching.eligibility import exclusion_codes
        from acsg_cli.matching.index import AREAS

        ix = self.index
        shape = (len(rows), len(ix.offers))
        req_areas = ix["req_areas"][rows]
        covered = req_areas @ ix["off_areas"].T
        values: dict[str, np.ndarray] = {}
        values["areas"] = covered / np.maximum(req_areas.sum(axis=1), 1)[:, None]
        if self.weights.text > 0 and shape[0] and shape[1]:
            values["text"] = np.minimum(self.text.block(rows) / TEXT_FULL_COSINE, 1.0)
        else:
            values["text"] = np.zeros(shape, dtype=np.float32)
        values["languages"] = ((ix["req_langs"][rows] @ ix["off_langs"].T) > 0).astype(np.float32)
        continuity = np.zeros(shape, dtype=np.float32)
        for i, row in enumerate(rows.tolist()):
            for col in ix.continuity.get(row, {}):
                continuity[i, col] = 1.0
        values["continuity"] = continuity
        req_quality = ix["req_quality"][rows]
        values["quality_dimensions"] = (req_quality @ ix["off_quality"].T) / np.maximum(
            req_quality.sum(axis=1), 1
        )[:, None]
        req_support = ix["req_support"][rows]
        values["support_types"] = (req_support @ ix["off_support"].T) / np.maximum(
            req_support.sum(axis=1), 1
        )[:, None]
        fit = np.array(TERM_FIT, dtype=np.float32)
        values["term"] = fit[
            ix["req_term"][rows].astype(np.intp)[:, None], ix["off_term"].astype(np.intp)[None, :]
        ]
        institutional = np.array([a in INSTITUTIONAL_AREAS for a in AREAS], dtype=np.float32)
        values["institutional"] = (((req_areas * institutional) @ ix["off_areas"].T) > 0).astype(
            np.float32
        )
        values["urgency"] = np.broadcast_to(ix["req_urgent"][rows][:, None], shape)
        waiting = np.minimum(ix["req_days"][rows] / WAITING_FULL_DAYS, 1.0)
        values["waiting"] = np.broadcast_to(waiting[:, None], shape)
        supported = (req_areas * ix["req_supported"][rows]) @ ix["off_areas"].T
        values["duplication"] = supported / np.maximum(covered, 1)
        total = np.zeros(shape, dtype=np.float64)
        for name, value in values.items():
            weight = getattr(self.weights, name)
            total += (-weight if name in PENALTIES else weight) * value
        return Block(rows, exclusion_codes(ix, rows), values, np.round(total, 2))

    def explain(self, block: Block, pairs: list[tuple[int, int]]) -> list[list[Component]]:
        """Each pair's components (i: position in the block, col: offer), largest part first.

        A signal is listed when it adds or takes points, or when its absence is worth saying
        (areas not covered, no common language, a different term)."""
        import numpy as np

        if not pairs:
            return []
        at = np.array([i for i, _ in pairs], dtype=np.intp)
        cols = np.array([c for _, c in pairs], dtype=np.intp)
        rows = block.rows[at]
        terms = self.text.shared_terms(rows, cols) if self.weights.text > 0 else [[] for _ in pairs]
        values = {name: block.values[name][at, cols].tolist() for name in SIGNALS}
        signed = {
            name: (-1 if name in PENALTIES else 1) * getattr(self.weights, name) for name in SIGNALS
        }
        out = []
        for k, (row, col) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
            parts = []
            for name in SIGNALS:
                value = values[name][k]
                if value == 0 and name not in SAID_WHEN_ZERO:
                    continue
                points = round(signed[name] * value, 2)
                reason = _reason(name, _Pair(self.index, row, col, value, terms[k]))
                if points != 0 or reason is not None:
                    parts.append(Component(name, abs(signed[name]), value, points, reason))
            parts.sort(key=lambda c: -c.points)
            out.append(parts)
        return out


def _names(values: list[str]) -> str:
    return ", ".join(values)


@dataclass(frozen=True)
class _Pair:
    """One request-offer pair being explained: where it sits in the index and one signal's value."""

    ix: MatchingIndex
    row: int
    col: int
    value: float
    terms: list[str]

    @property
    def request(self) -> Request:
        return self.ix.requests[self.row]

    @property
    def offer(self) -> Offer:
        return self.ix.offers[self.col]


def _reason(name: str, pair: _Pair) -> str | None:
    """The words for one signal of one pair, or None when there is nothing worth saying."""
    explain = _REASONS.get(name)
    return explain(pair) if explain else None


def _areas_reason(p: _Pair) -> str | None:
    offered = p.ix.offer_areas[p.col]
    covered = [a.value for a in p.request.areas if a in offered]
    n = len(p.request.areas)
    if not covered:
        return (
            f"covers none of the {n} areas asked for"
            if n > 1
            else ("does not cover the area asked for")
        )
    if len(covered) == n:
        return (
            f"covers all {n} areas: {_names(covered)}"
            if n > 1
            else f"covers the area asked for: {covered[0]}"
        )
    return f"covers {len(covered)} of {n} areas: {_names(covered)}"


def _text_reason(p: _Pair) -> str | None:
    if p.terms and p.value > 0:
        return f"expertise matches the request's words: {_names(p.terms)}"
    return None


def _languages_reason(p: _Pair) -> str | None:
    request, offer = p.request, p.offer
    shared = [lang for lang in request.languages if lang in offer.languages]
    if shared:
        return f"same working language{'s' if len(shared) > 1 else ''}: {_names(shared)}"
    if request.languages and offer.languages:
        return (
            f"no working language in common (request: {_names(list(request.languages))}; "
            f"offer: {_names(list(offer.languages))})"
        )
    return None


def _continuity_reason(p: _Pair) -> str | None:
    match_id = p.ix.continuity.get(p.row, {}).get(p.col)
    return f"continues the earlier match {match_id} between the same parties" if match_id else None


def _quality_dimensions_reason(p: _Pair) -> str | None:
    wanted = p.request.quality_dimensions
    shared = [q.value for q in wanted if q in p.offer.quality_dimensions]
    if not shared:
        return None
    if len(wanted) == 1:
        return f"works on the quality dimension asked for: {shared[0]}"
    return f"works on {len(shared)} of {len(wanted)} quality dimensions asked for: {_names(shared)}"


def _support_types_reason(p: _Pair) -> str | None:
    wanted = p.request.support_types
    shared = [s.value for s in wanted if s in p.offer.support_types]
    if not shared:
        return None
    if len(shared) == len(wanted):
        return f"gives the {_names(shared)} support asked for"
    return f"gives {len(shared)} of {len(wanted)} kinds of support asked for: {_names(shared)}"


def _term_reason(p: _Pair) -> str | None:
    if p.value >= 1:
        return "long-term engagement on both sides (WM 9)"
    if p.value > 0:
        return "short-term on both sides"
    request, offer = p.request, p.offer
    if request.term and offer.term:
        return f"term differs: the request is {request.term.value}, the offer {offer.term.value}"
    return None


def _institutional_reason(p: _Pair) -> str | None:
    offered = p.ix.offer_areas[p.col]
    shared = [a.value for a in p.request.areas if a in INSTITUTIONAL_AREAS and a in offered]
    return f"institutional support: {_names(shared)}" if shared else None


def _urgency_reason(p: _Pair) -> str | None:
    return "urgent request" if p.value > 0 else None


def _waiting_reason(p: _Pair) -> str | None:
    if p.value <= 0:
        return None
    since = p.request.submitted_on
    return f"waiting since {since.isoformat()} ({_age(since, p.ix.today)})"


def _duplication_signal_reason(p: _Pair) -> str | None:
    return _duplication_reason(p.ix, p.row, p.col) if p.value > 0 else None


_REASONS: dict[str, Callable[[_Pair], str | None]] = {
    "areas": _areas_reason,
    "text": _text_reason,
    "languages": _languages_reason,
    "continuity": _continuity_reason,
    "quality_dimensions": _quality_dimensions_reason,
    "support_types": _support_types_reason,
    "term": _term_reason,
    "institutional": _institutional_reason,
    "urgency": _urgency_reason,
    "waiting": _waiting_reason,
    "duplication": _duplication_signal_reason,
}
"""How each signal is put in words (one function per signal in SIGNALS)."""


def _duplication_reason(ix: MatchingIndex, row: int, col: int) -> str:
    request = ix.requests[row]
    covered = {a for a in request.areas if a in ix.offer_areas[col]}
    parts = []
    for source in ix.support[row]:
        areas = [a.value for a in request.areas if a in covered and a in source.areas]
        if not areas:
            continue
        by = source.match_id if source.match_id else f"{source.provider} (existing support)"
        parts.append(f"{source.state} already supported on {_names(areas)} by {by}")
    return "; ".join(parts)


def _age(since: date, today: date) -> str:
    days = (today - since).days
    if days < 61:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 730:
        return f"{days // 30} months"
    return f"{days // 365} years"
