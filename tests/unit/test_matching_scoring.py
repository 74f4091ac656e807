"""Signals, their reasons, the weights from the configuration, the text similarity and ranking."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings

from acsg_cli.config import load_config
from acsg_cli.errors import UsageError
from acsg_cli.matching.index import build_index
from acsg_cli.matching.propose import propose
from acsg_cli.matching.scoring import PRIORITY, SIGNALS, Scorer, Weights
from acsg_cli.matching.text import TextSimilarity
from acsg_cli.models import Offer, Request
from acsg_cli.registry import Registry
from tests.matching_registries import make_registry, match, offer, registries, request

TODAY = date(2022, 6, 1)


def parts(
    registry: Registry, request_id: str, offer_id: str, weights: Weights | None = None
) -> dict[str, tuple[float, str | None]]:
    index = build_index(registry, TODAY)
    scorer = Scorer(index, weights or Weights())
    rows = np.array([index.request_pos[request_id]], dtype=np.intp)
    scorer.prepare(rows)
    cols = np.array([index.offer_pos[offer_id]], dtype=np.intp)
    [components] = scorer.explain(rows, cols, scorer.cosine(rows, cols))
    return {c.name: (c.points, c.reason) for c in components}


def test_every_signal_with_its_reason() -> None:
    registry = make_registry(
        [
            request(
                1,
                requesting_states=["NER"],
                areas=["legislation", "appeals", "training", "reception"],
                languages=["fr", "ar"],
                term="long_term",
                urgent=True,
                quality_dimensions=["efficiency"],
                support_types=["technical", "financial"],
                submitted_on="2019-12-17",
                gap="Train the members of the appeal committee.",
                coordination={
                    "existing_support": [{"provider": "EU project", "areas": ["appeals"]}]
                },
            ),
            request(2, requesting_states=["NER"], areas=["training"]),
        ],
        [
            offer(
                1,
                areas=["legislation", "appeals", "training", "case_management_systems"],
                languages=["fr"],
                term="either",
                quality_dimensions=["efficiency"],
                expertise="Training appeal judges.",
                offering_entity={"name": "France", "type": "state", "country": "FRA"},
            ),
            offer(
                2,
                areas=["training"],
                offering_entity={"name": "France", "type": "state", "country": "FRA"},
            ),
        ],
        [match(1, "REQ-2020-002", ["OFF-2020-002"], "in_implementation")],
    )
    got = parts(registry, "REQ-2020-001", "OFF-2020-001")
    assert got["areas"] == (22.5, "covers 3 of 4 areas: legislation, appeals, training")
    assert got["languages"] == (10.0, "same working language: fr")
    # France worked with Niger before: continuity, and its support there is no duplication.
    assert got["continuity"] == (
        10.0,
        "builds on the earlier match MAT-2020-001 between NER and France",
    )
    assert got["quality_dimensions"] == (
        5.0,
        "works on the quality dimension asked for: efficiency",
    )
    # Every eligible offer gives technical support: only the (missing) financial kind counts.
    assert "support_types" not in got
    assert got["term"] == (5.0, "long-term engagement on both sides (WM 9)")
    assert got["institutional"] == (5.0, "institutional support: legislation")
    assert "urgency" not in got and "waiting" not in got  # the request's priority, not the pair's
    assert got["duplication"] == (
        round(-20 / 3, 2),
        "NER already supported on appeals by EU project (existing support)",
    )
    points, reason = got["text"]
    assert (
        points > 0
        and reason is not None
        and reason.startswith("expertise matches the request's words: ")
    )
    assert {"appeal", "train"} <= set(reason.split(": ")[1].split(", "))


def test_mismatches_are_said_too() -> None:
    registry = make_registry(
        [request(languages=["es"], term="long_term", areas=["reception", "appeals"])],
        [offer(languages=["en"], term="short_term")],
    )
    got = parts(registry, "REQ-2020-001", "OFF-2020-001")
    assert got["areas"] == (0.0, "covers none of the 2 areas asked for")
    assert got["languages"] == (0.0, "no working language in common (request: es; offer: en)")
    assert got["term"] == (0.0, "term differs: the request is long_term, the offer short_term")


def test_weights_change_the_score() -> None:
    registry = make_registry([request()], [offer()])
    default = parts(registry, "REQ-2020-001", "OFF-2020-001")
    heavier = parts(registry, "REQ-2020-001", "OFF-2020-001", Weights(areas=50, text=0))
    assert default["areas"][0] == 30.0 and heavier["areas"][0] == 50.0
    assert "text" not in heavier
    weights = Weights()
    assert sum(getattr(weights, name) for name in SIGNALS) - weights.duplication == 100
    assert sum(getattr(weights, name) for name in PRIORITY) == 10


def test_every_signal_is_documented() -> None:
    assert list(SIGNALS) + list(PRIORITY) == list(Weights.model_fields)


def test_settings_from_the_project_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_config(tmp_path / "data").matching() == load_config(None).matching()
    (tmp_path / "pyproject.toml").write_text(
        "[tool.acsg.matching]\ntop = 5\nmin_score = 10\n[tool.acsg.matching.weights]\nareas = 40\n"
    )
    settings_ = load_config(tmp_path / "data").matching()
    assert settings_.top == 5 and settings_.min_score == 10 and settings_.weights.areas == 40
    assert settings_.weights.text == 20


@pytest.mark.parametrize(
    "text,fragment",
    [
        (
            "[tool.acsg.matching.weights]\nareaz = 1\n",
            "unknown key 'weights.areaz' (known: areas, text,",
        ),
        ("[tool.acsg.matching]\ntpo = 1\n", "unknown key 'tpo' (known: weights, top, min_score)"),
        (
            "[tool.acsg.matching.weights]\nareas = -1\n",
            "weights.areas: input should be greater than or equal to 0",
        ),
        ("[tool.acsg.matching]\ntop = 0\n", "top: input should be greater than or equal to 1"),
    ],
)
def test_bad_settings_name_the_file(
    text: str, fragment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(UsageError) as caught:
        load_config(tmp_path / "data").matching()
    assert str(tmp_path / "pyproject.toml") in caught.value.message
    assert fragment in caught.value.message


def test_text_similarity_meets_word_forms_and_survives_empty_texts() -> None:
    req = Request.model_validate(request(gap="Training for appeals judges."))
    near = Offer.model_validate(offer(1, title="We train", expertise="Appeal judges are trained."))
    far = Offer.model_validate(offer(2, title="Biometric registration kits"))
    others = [
        Offer.model_validate(offer(n, title=f"Asylum support {word}"))
        for n, word in enumerate(["registration", "reception", "statistics"], start=3)
    ]
    text = TextSimilarity([req], [near, far, *others])
    sims = text.block(np.array([0]))
    assert sims[0, 0] > 0.3 and sims[0, 1] == 0
    assert sorted(text.shared_terms(np.array([0]), np.array([0]))[0]) == [
        "appeal",
        "judges",
        "train",
    ]
    assert abs(text.pair_cosines(np.array([0]), np.array([0]))[0] - sims[0, 0]) < 1e-6
    # A word in more than half the documents is never named, however much it adds.
    common = TextSimilarity(
        [Request.model_validate(request(gap="Asylum appeals"))],
        [
            Offer.model_validate(offer(n, title="Asylum appeals" if n == 1 else "Asylum"))
            for n in (1, 2, 3)
        ],
    )
    assert common.shared_terms(np.array([0]), np.array([0])) == [["appeals"]]
    empty = TextSimilarity(
        [Request.model_validate(request(title="The"))], [Offer.model_validate(offer(title="And"))]
    )
    assert empty.block(np.array([0])).tolist() == [[0.0]]


@settings(max_examples=30, deadline=None)
@given(registries())
def test_ranking_is_by_score_then_id_and_independent_of_file_order(registry: Registry) -> None:
    first = propose(registry, today=TODAY, top=10, explain=True)
    for item in first.requests:
        keys = [(-c.score, c.offer_id) for c in item.candidates]
        assert keys == sorted(keys)
        assert [c.rank for c in item.candidates] == list(range(1, len(item.candidates) + 1))
        assert len(item.candidates) == item.eligible
        assert {c.offer_id for c in item.candidates}.isdisjoint(
            e.offer_id for e in item.excluded or []
        )
        for c in item.candidates:
            assert abs(sum(p.points for p in c.components) - c.score) < 0.06
    shuffled = Registry(root_display=registry.root_display)
    for table in ("requests", "offers", "matches"):
        items = list(getattr(registry, table).items())
        random.Random(3).shuffle(items)
        getattr(shuffled, table).update(items)
    assert propose(shuffled, today=TODAY, top=10, explain=True) == first


def test_min_score_and_top() -> None:
    registry = make_registry(
        [request(areas=["legislation", "appeals"])],
        [
            offer(1, areas=["legislation", "appeals"]),
            offer(2, areas=["legislation"]),
            offer(3, areas=["appeals"], languages=[]),
        ],
    )
    ranked = propose(registry, today=TODAY, top=2).requests[0]
    assert [c.offer_id for c in ranked.candidates[:1]] == ["OFF-2020-001"]
    assert len(ranked.candidates) == 2 and ranked.eligible == 3
    floor = ranked.candidates[1].score + 0.01
    kept = propose(registry, today=TODAY, top=3, min_score=floor, explain=True).requests[0]
    assert [c.offer_id for c in kept.candidates] == ["OFF-2020-001"]
    assert sorted((e.offer_id, e.codes) for e in kept.excluded or []) == [
        ("OFF-2020-002", ("below_min_score",)),
        ("OFF-2020-003", ("below_min_score",)),
    ]
