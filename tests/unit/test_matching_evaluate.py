"""`acsg match evaluate`: replays as of the proposal day, tie-aware ranks, baselines, the
comparison with another set of weights, learning from consent history, and git history."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app
from acsg_cli.matching.evaluate import evaluate, placing, random_placing
from acsg_cli.matching.learn import learn
from acsg_cli.matching.scoring import SIGNALS, Weights
from tests.matching_registries import make_registry, match, offer, request, write_registry

TODAY = date(2023, 1, 1)


def consents(status: str, on: str = "2021-02-01") -> dict[str, object]:
    decision = "declined" if status == "declined" else "granted"
    history = [{"on": on, "status": "proposed", "by": "S"}]
    if status != "proposed":
        history.append({"on": on, "status": status, "by": "S"})
    return {
        "proposed_on": on,
        "consents": [
            {"party": "TCD", "decision": decision, "on": on, "recorded_by": "S"},
        ],
        "history": history,
    }


def records() -> tuple[list[dict[str, object]], list[dict[str, object]], list[dict[str, object]]]:
    requests = [
        request(1, areas=["legislation", "appeals"], languages=["fr"]),
        request(2, requesting_states=["NER"], areas=["reception"], submitted_on="2021-06-01"),
    ]
    offers = [
        offer(1, areas=["legislation", "appeals"], languages=["fr"]),
        offer(2, areas=["legislation"]),
        offer(3, areas=["training"]),
        offer(4, areas=["reception"], submitted_on="2022-01-01"),
    ]
    matches = [
        match(1, "REQ-2020-001", ["OFF-2020-001"], "agreed", **consents("agreed")),
        match(
            2, "REQ-2020-001", ["OFF-2020-002"], "declined", **consents("declined", "2021-03-01")
        ),
    ]
    return requests, offers, matches


def test_placing_counts_ties_as_a_random_order() -> None:
    assert placing([5.0, 3.0, 1.0], 5.0).top1 == 1.0
    tied = placing([5.0, 5.0, 1.0], 5.0)
    assert (tied.rank, tied.top1, tied.top3, tied.reciprocal) == (1.5, 0.5, 1.0, 0.75)
    assert placing([9.0, 8.0, 7.0, 1.0], 1.0).top3 == 0.0
    assert placing([1.0], None).reciprocal == 0.0
    chance = random_placing(4, True)
    assert (chance.top1, chance.top3) == (0.25, 0.75)
    assert abs(chance.reciprocal - (1 + 1 / 2 + 1 / 3 + 1 / 4) / 4) < 1e-12
    assert random_placing(4, False).top3 == 0.0


def test_every_match_is_replayed_as_of_its_day() -> None:
    registry = make_registry(*records())
    evaluation = evaluate(registry, None, today=TODAY, weights=Weights())
    assert evaluation.methods == ["ranking", "fit", "areas", "random"]
    assert [(r.match_id, r.offer_id, r.basis, r.as_of) for r in evaluation.replays] == [
        ("MAT-2020-001", "OFF-2020-001", "dates", date(2021, 2, 1)),
        ("MAT-2020-002", "OFF-2020-002", "dates", date(2021, 3, 1)),
    ]
    first, second = evaluation.replays
    # OFF-2020-004 did not exist yet and OFF-2020-003 works in no area asked for; the
    # request's own match is set aside, the other counts.
    assert first.eligible == 2 and second.eligible == 1
    assert first.placings["ranking"].rank == 1 and first.placings["areas"].rank == 1
    assert (first.granted, second.granted) == (True, False)
    assert set(first.values) == set(SIGNALS) and first.values["areas"] == 1.0
    totals = evaluation.totals()
    assert totals["random"]["top1"] == round((1 / 2 + 1 / 1) / 2, 4)
    assert totals["ranking"]["mrr"] >= totals["random"]["mrr"]


def test_a_match_whose_records_came_later_is_skipped() -> None:
    requests, offers, matches = records()
    matches.append(match(3, "REQ-2020-002", ["OFF-2020-004"], "proposed", **consents("proposed")))
    evaluation = evaluate(
        make_registry(requests, offers, matches), None, today=TODAY, weights=Weights()
    )
    assert evaluation.skipped == [
        ("MAT-2020-003", "REQ-2020-002, OFF-2020-004 not recorded on 2021-02-01")
    ]


def test_learning_needs_both_outcomes_and_stays_near_the_documented_weights() -> None:
    registry = make_registry(*records())
    replays = evaluate(registry, None, today=TODAY, weights=Weights()).replays
    learned = learn(replays, Weights())
    assert (learned.granted, learned.declined) == (1, 1)
    assert learned.learned is not None and set(learned.learned) == set(SIGNALS)
    assert all(w >= 0 for w in learned.learned.values())
    # The granted pair covers both areas, the declined one half: areas gains weight.
    assert learned.learned["areas"] > Weights().areas
    none = learn(replays[:1], Weights())
    assert none.learned is None and "1 granted and 0 declined" in none.note


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    write_registry(root, make_registry(*records()))
    return root


def test_cli_formats_and_another_set_of_weights(data: Path, runner: CliRunner) -> None:
    other = data.parent / "candidate.toml"
    other.write_text("[matching.weights]\nareas = 0\nlanguages = 50\n")
    args = ["match", "evaluate", "--data", str(data), "--today", "2023-01-01"]
    document = json.loads(runner.invoke(app, [*args, "-f", "json", "--weights", str(other)]).stdout)
    assert document["methods"] == ["ranking", "fit", "weights", "areas", "random"]
    assert document["pairs"] == 2 and set(document["totals"]["weights"]) == {"top1", "top3", "mrr"}
    assert document["weights"]["other"]["languages"] == 50
    assert document["replays"][0]["ranks"]["ranking"] == 1
    text = runner.invoke(app, [*args, "--learn"])
    assert text.exit_code == 0, text.output
    assert "random (baseline)" in text.stdout and "areas only (baseline)" in text.stdout
    assert "Weights learned from consent history: fitted on 1 granted and 1 declined" in text.stdout
    markdown = runner.invoke(app, [*args, "-f", "markdown"]).stdout
    assert markdown.startswith("## Where the real partner ranked") and "| method" in markdown
    bad = runner.invoke(app, [*args, "--weights", str(data.parent / "missing.toml")])
    assert bad.exit_code == 2


def test_git_history_gives_the_registry_as_committed_before_the_match(
    data: Path, runner: CliRunner
) -> None:
    matches = sorted((data / "matches").glob("*.yaml"))
    kept = {p: p.read_bytes() for p in matches}
    for path in matches:
        path.unlink()
    git(data.parent, "init", "-q")
    git(data.parent, "add", ".")
    git(data.parent, "commit", "-qm", "requests and offers")
    for path, content in kept.items():
        path.write_bytes(content)
    git(data.parent, "add", ".")
    git(data.parent, "commit", "-qm", "matches")
    result = runner.invoke(
        app, ["match", "evaluate", "--data", str(data), "--today", "2023-01-01", "-f", "json"]
    )
    replays = json.loads(result.stdout)["replays"]
    assert [r["basis"] for r in replays] == ["git", "git"]
    # As committed before the matches, every offer existed; the two working in an area the
    # request asks for are eligible.
    assert replays[0]["eligible"] == 2
