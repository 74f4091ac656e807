"""The registry's lookups of matches by request and by offer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from acsg_cli.models import Match
from acsg_cli.registry import RecordSource, load_registry
from acsg_cli.yamlio.reader import SourceMap


def test_match_lookups_follow_added_and_replaced_matches(registry: Path) -> None:
    loaded = load_registry(registry)
    assert [m.id for m in loaded.matches_for_request("REQ-2021-001")] == ["MAT-2021-001"]
    assert [m.id for m in loaded.live_matches_for_offer("OFF-2021-001")] == ["MAT-2021-001"]
    assert loaded.matches_for_request("REQ-2099-001") == []
    ended = Match.model_validate(
        {
            "id": "MAT-2021-002",
            "request": "REQ-2021-001",
            "offers": ["OFF-2021-001"],
            "status": "declined",
        }
    )
    loaded.add(
        ended, RecordSource("m.yaml", SourceMap())
    )  # after a lookup: the index must not go stale
    assert [m.id for m in loaded.matches_for_request("REQ-2021-001")] == [
        "MAT-2021-001",
        "MAT-2021-002",
    ]
    assert [m.id for m in loaded.live_matches_for_offer("OFF-2021-001")] == ["MAT-2021-001"]
    without = replace(loaded, matches={"MAT-2021-002": ended})
    assert [m.id for m in without.matches_for_request("REQ-2021-001")] == ["MAT-2021-002"]
    assert without.live_matches_for_offer("OFF-2021-001") == []
