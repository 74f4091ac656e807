"""One narrow-scope definition: rule ACSG203 and the stocktaking's "offers limited in geographic
scope" flag the same offers, the ones whose scope is not global (SR)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from acsg_cli.models import GeographicScope
from acsg_cli.reports.model import build_stocktaking
from acsg_cli.reports.timetravel import snapshot
from acsg_cli.rules.engine import RuleSettings
from acsg_cli.validation import validate
from tests.matching_registries import make_registry, offer, request, write_registry

TODAY = date(2024, 1, 1)

SCOPES: dict[str, dict[str, Any]] = {
    "OFF-2020-001": {"global": True},
    "OFF-2020-002": {"regions": ["europe"]},
    "OFF-2020-003": {"regions": ["europe", "americas", "mena"]},
    "OFF-2020-004": {"countries": ["TCD"]},
    "OFF-2020-005": {"countries": ["TCD", "NER", "MEX", "ECU", "FRA"]},
}


def test_narrow_means_not_global() -> None:
    narrow = {o for o, s in SCOPES.items() if GeographicScope.model_validate(s).is_narrow}
    assert narrow == set(SCOPES) - {"OFF-2020-001"}


def test_the_rule_and_the_stocktaking_flag_the_same_offers(tmp_path: Path) -> None:
    offers = [
        offer(int(o[-3:]), geographic_scope=s, expertise="Training.") for o, s in SCOPES.items()
    ]
    root = write_registry(tmp_path / "data", make_registry([request(1)], offers))
    problems = validate(
        root, root_display="data", rules=RuleSettings(select=("ACSG203",)), today=TODAY
    )
    by_rule = {Path(p.file).stem for p in problems.problems if p.code == "ACSG203"}
    model = build_stocktaking(snapshot(root, "data", None, TODAY))
    in_report = {o.offer for o in model.narrow_scope.offers}
    assert by_rule == in_report == set(SCOPES) - {"OFF-2020-001"}
    assert model.narrow_scope.global_offers == 1
    assert model.narrow_scope.count + model.narrow_scope.global_offers == len(SCOPES)
