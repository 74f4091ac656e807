"""On a registry of the real public ACSG requests and offers, with no match recorded, the
partners the Secretariat published rank high: in the top 3 for all but one published pair,
first for at least 4 (the two partners of Niger cannot both be first).

The records (tests/examples/public_acsg/) encode the public facts: every request and offer is
open, no match is recorded, and New Zealand's offer, whose text is not public, carries no
words taken from the match it led to. The test holds the ranking to the principles (areas,
words, languages, kinds of support, geography, the opportunity cost of capacity), not to any
pair: no weight was chosen for it."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from acsg_cli.cli import app
from acsg_cli.matching.propose import propose
from acsg_cli.registry import load_registry
from tests.conftest import EXAMPLES, SHIPPED

PUBLISHED = [
    ("REQ-2019-001", "OFF-2019-001"),  # Chad - France (acsg-portal.org/pledges/chad)
    ("REQ-2019-002", "OFF-2019-001"),  # Niger - France (acsg-portal.org/matches/france-niger)
    ("REQ-2019-003", "OFF-2019-002"),  # Mexico - Canada (acsg-portal.org/matches/canada-mexico)
    ("REQ-2019-002", "OFF-2019-003"),  # Niger - EUAA (acsg-portal.org/matches/easo-niger)
    ("REQ-2019-004", "OFF-2021-001"),  # Philippines - New Zealand (.../new-zealand-philippines)
]


def ranks(tmp_path: Path, rank_by: str) -> list[int | None]:
    root = tmp_path / "data"
    shutil.copytree(EXAMPLES / "public_acsg", root)
    (root / "matches").mkdir()
    registry = load_registry(root)
    assert registry.error_count == 0 and not registry.matches
    proposal = propose(registry, today=date(2021, 1, 1), top=3, rank_by=rank_by)
    listed = {r.request.id: [c.offer_id for c in r.candidates] for r in proposal.requests}
    return [
        listed[request].index(offer) + 1 if offer in listed[request] else None
        for request, offer in PUBLISHED
    ]


def test_published_partners_rank_high_with_no_match_recorded(tmp_path: Path) -> None:
    found = ranks(tmp_path, "cost")
    assert sum(1 for r in found if r is not None) >= len(PUBLISHED) - 1, found
    assert sum(1 for r in found if r == 1) >= 4, found


def test_evaluate_runs_on_the_shipped_registry_with_baselines(
    tmp_path: Path, runner: CliRunner
) -> None:
    shutil.copytree(SHIPPED, tmp_path / "data")
    result = runner.invoke(
        app, ["match", "evaluate", "--data", str(tmp_path / "data"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["pairs"] == len(list((SHIPPED / "matches").glob("*.yaml")))
    assert {"ranking", "areas", "random"} <= set(document["totals"])
    totals = document["totals"]
    assert totals["ranking"]["mrr"] >= totals["random"]["mrr"]
    assert totals["ranking"]["top3"] >= totals["areas"]["top3"]
