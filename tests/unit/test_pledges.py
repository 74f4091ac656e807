"""Pledge stages mapped both ways, and the pledge-implementation track read from offers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from acsg_cli.pledges import gcr_stage, pledge_implementations, stage_from_label, statuses_of
from acsg_cli.registry import load_registry
from acsg_cli.vocab import GcrStage, MatchStatus
from tests.conftest import StrictRunner
from tests.unit.rules_helpers import COMPLIANT


def test_every_match_status_maps_to_one_stage_and_back() -> None:
    for status in MatchStatus:
        stage = gcr_stage(status)
        if status in (MatchStatus.DECLINED, MatchStatus.WITHDRAWN):
            assert stage is None
        else:
            assert stage is not None and status in statuses_of(stage)
    assert statuses_of(GcrStage.IN_PROGRESS) == {MatchStatus.IN_IMPLEMENTATION}
    assert statuses_of(GcrStage.FULFILLED) == {MatchStatus.COMPLETED}
    assert MatchStatus.WELCOMED in statuses_of(GcrStage.PLANNING)


@pytest.mark.parametrize(
    ("label", "stage"),
    [
        ("Planning", GcrStage.PLANNING),
        ("In progress", GcrStage.IN_PROGRESS),
        ("fulfilled", GcrStage.FULFILLED),
    ],
)
def test_labels_read_back(label: str, stage: GcrStage) -> None:
    assert stage_from_label(label) is stage


def test_unknown_label() -> None:
    with pytest.raises(ValueError, match="not a GCR pledge stage"):
        stage_from_label("done")


IMPLEMENTATION = """\
implementation:
  - title: Study visit for eligibility officers
    states: [NER]
    stage: fulfilled
    units:
      requesting: [CNE]
      offering: [Asylum office]
    planned_start: 2022-03-01
    planned_end: 2022-03-05
"""


def test_pledge_implementation_items(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(COMPLIANT, root)
    offer = root / "offers" / "OFF-2021-001.yaml"
    offer.write_text(offer.read_text() + IMPLEMENTATION)
    registry = load_registry(root)
    assert registry.problems == []
    (item,) = pledge_implementations(registry)
    assert item.key == "OFF-2021-001#1" and item.item.stage is GcrStage.FULFILLED
    assert item.last_date.isoformat() == "2022-03-05"
    offer.write_text(
        offer.read_text().replace("planned_end: 2022-03-05", "planned_end: 2022-02-05")
    )
    problems = load_registry(root).problems
    assert [(p.code, p.message) for p in problems] == [
        (
            "ACSG012",
            "implementation[0].planned_end: "
            "planned_end 2022-02-05 is before planned_start 2022-03-01",
        )
    ]
    assert (
        problems[0].line == offer.read_text().splitlines().index("    planned_end: 2022-02-05") + 1
    )


def test_list_implementations(tmp_path: Path) -> None:
    import json

    from acsg_cli.cli import app

    root = tmp_path / "data"
    shutil.copytree(COMPLIANT, root)
    offer = root / "offers" / "OFF-2021-001.yaml"
    offer.write_text(offer.read_text() + IMPLEMENTATION)
    runner = StrictRunner()
    args = ["list", "implementations", "--data", str(root), "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["id"] == "OFF-2021-001#1" and row["states"] == ["NER"]
    assert (row["status"], row["planned_end"]) == ("fulfilled", "2022-03-05")
    assert json.loads(runner.invoke(app, [*args, "--status", "planning"]).stdout) == []
    assert json.loads(runner.invoke(app, [*args, "--state", "TCD"]).stdout) == []
    assert json.loads(runner.invoke(app, [*args, "--area", "reception"]).stdout) == []
    assert json.loads(runner.invoke(app, [*args, "--entity-type", "ngo"]).stdout) == []
    kept = runner.invoke(app, [*args, "--area", "legislation", "--entity-type", "state"])
    assert [r["id"] for r in json.loads(kept.stdout)] == ["OFF-2021-001#1"]
    refused = runner.invoke(app, [*args, "--status", "done"])
    assert refused.exit_code == 2 and "planning, in_progress, fulfilled" in refused.stderr
