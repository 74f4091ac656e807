"""Atomic writes, exclusive creation and the YAML of new records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from acsg_cli.errors import DataError
from acsg_cli.yamlio import read_bytes
from acsg_cli.yamlio.writer import atomic_write, create_exclusive, dump_record


def test_atomic_write_replaces_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n")
    target.chmod(0o600)
    atomic_write(target, "new\n")
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_create_exclusive_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "matches" / "MAT-2021-001.yaml"
    create_exclusive(target, "first\n")
    with pytest.raises(DataError, match="already exists"):
        create_exclusive(target, "second\n")
    assert target.read_text() == "first\n"
    assert [p.name for p in target.parent.iterdir()] == ["MAT-2021-001.yaml"]


def test_dump_record_round_trips_through_the_reader() -> None:
    data = {
        "id": "MAT-2021-004",
        "request": "REQ-2019-005",
        "offers": ["OFF-2019-002"],
        "status": "proposed",
        "proposed_on": date(2026, 11, 22),
        "score": 0.71,
        "rationale": ["covers 3 of 4 areas: a, b, c", "same working language: no"],
    }
    text = dump_record(data, schema_ref="../../schemas/match.schema.json", header="Made by a test")
    assert text.startswith(
        "# yaml-language-server: $schema=../../schemas/match.schema.json\n# Made by a test\n"
    )
    assert "offers: [OFF-2019-002]\n" in text and "proposed_on: 2026-11-22\n" in text
    back = read_bytes(text.encode()).data
    assert (
        back["proposed_on"] == "2026-11-22" and back["rationale"][1] == "same working language: no"
    )


def test_dump_record_writes_a_repeated_value_in_full() -> None:
    # Records refuse anchors and aliases, so one date object used twice is written twice.
    today = date(2026, 11, 22)
    text = dump_record({"proposed_on": today, "history": [{"on": today, "status": "proposed"}]})
    assert "&" not in text and "*" not in text
    assert read_bytes(text.encode()).data["history"][0]["on"] == "2026-11-22"
