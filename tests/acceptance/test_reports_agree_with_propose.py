"""The status report's eligible offer, and the stocktaking's, is `match propose`'s rank 1: run
by the commands, on generated registries, with and without matching settings of the project."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from acsg_cli.cli import app
from acsg_cli.registry import Registry
from tests.conftest import StrictRunner
from tests.matching_registries import registries, write_registry

TODAY = "2022-06-01"
WEIGHTS = ["", "[matching.weights]\nareas = 5\ntext = 40\ngeography = 30\n"]
"""No configuration, and one that ranks differently from the defaults."""


def _json(*args: str) -> object:
    result = StrictRunner().invoke(app, [*args, "--today", TODAY, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    generated=registries(max_requests=5, max_offers=5, max_matches=2),
    config=st.sampled_from(WEIGHTS),
)
def test_the_reports_name_proposes_first_choice(
    generated: Registry, config: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        monkeypatch.chdir(folder)
        root = write_registry(Path(folder) / "data", generated)
        (Path(folder) / "acsg.toml").write_text(config)
        data = ["--data", str(root)]
        proposals = _json("match", "propose", *data)
        assert isinstance(proposals, list)
        first = {
            p["request"]: p["candidates"][0]["offer"] if p["candidates"] else "none"
            for p in proposals
        }
        status = _json("report", "status", *data)
        assert isinstance(status, dict)
        named = {r["id"]: r["eligible_offer"] for r in status["rows"] if r["kind"] == "request"}
        assume(named)
        assert named == {r: first[r] for r in named}
        stocktaking = _json("report", "stocktaking", *data)
        assert isinstance(stocktaking, dict)
        unmet = {
            n["request"]: n["first_eligible_offer"] or "none"
            for n in stocktaking["unmet_needs"]["requests"]
        }
        assert unmet == named
