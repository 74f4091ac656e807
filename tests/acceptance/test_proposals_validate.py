"""What `match propose` ranks or `--plan` assigns, written by `match create`, passes `validate`:
over generated registries written to disk, each ranked pair is created alone, and the plan's
pairs are created together (the plan respects capacity, so all of them fit at once)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from acsg_cli.matching.create import create_match
from acsg_cli.matching.propose import propose
from acsg_cli.problems import Severity
from acsg_cli.registry import Registry, load_registry
from acsg_cli.validation import validate
from tests.matching_registries import registries, write_registry

TODAY = date(2022, 6, 1)


def _errors_in(root: Path, files: list[Path]) -> list[str]:
    result = validate(root, root_display=str(root), today=TODAY)
    shown = {str(f) for f in files}
    return [
        f"{p.file}: {p.code} {p.message}"
        for p in result.problems
        if p.severity is Severity.ERROR and p.file in shown
    ]


def _create(root: Path, request_id: str, offer_id: str) -> Path:
    created = create_match(
        root,
        lambda: load_registry(root, root_display=str(root), cache=False),
        request_id,
        [offer_id],
        root_display=str(root),
        today=TODAY,
        by="ACSG Secretariat",
    )
    return created.path


@settings(
    max_examples=25,
    deadline=None,
    # most generated registries propose nothing; they are set aside (assume) by design
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(registries(max_requests=5, max_offers=5, max_matches=3), st.integers(1, 2))
def test_every_ranked_or_planned_pair_created_passes_validate(
    generated: Registry, per_request: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_registry(Path(folder) / "data", generated)
        registry = load_registry(root, root_display=str(root), cache=False)
        proposal = propose(
            registry, today=TODAY, top=5, plan=True, max_offers_per_request=per_request
        )
        assert proposal.plan is not None
        ranked = sorted(
            {(rc.request.id, c.offer_id) for rc in proposal.requests for c in rc.candidates}
        )
        assume(ranked)  # a registry with nothing to propose proves nothing here
        for request_id, offer_id in ranked:
            path = _create(root, request_id, offer_id)
            assert _errors_in(root, [path]) == [], (request_id, offer_id)
            path.unlink()
        planned = [_create(root, a.request_id, a.offer_id) for a in proposal.plan.assignment]
        assert _errors_in(root, planned) == [], proposal.plan.assignment
