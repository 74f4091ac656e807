"""Edits that race another writer: a lifecycle edit decides from the match file as it is under
the lock, not as it was loaded, and refuses when the file changed in a way that voids what was
loaded; the file is then left as the other writer made it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from acsg_cli.errors import DataError
from acsg_cli.lifecycle import edits
from acsg_cli.registry import load_registry
from acsg_cli.vocab import Decision

ON, TODAY = date(2021, 4, 20), date(2024, 1, 1)


def _loaded_then_rewritten(registry: Path, old: str, new: str) -> tuple[edits.Target, Path, str]:
    """The match's edit target as loaded, and its file as another writer then rewrote it."""
    tgt = edits.target(load_registry(registry), "MAT-2021-001")
    text = tgt.path.read_text(encoding="utf-8")
    assert old in text
    rewritten = text.replace(old, new)
    tgt.path.write_text(rewritten, encoding="utf-8")
    return tgt, tgt.path, rewritten


def test_a_match_moved_to_another_request_since_loading_is_not_edited(registry: Path) -> None:
    tgt, path, rewritten = _loaded_then_rewritten(
        registry, "request: REQ-2021-001", "request: REQ-2021-009"
    )
    with pytest.raises(DataError, match=r"changed while loading \(it now names REQ-2021-009\)"):
        edits.record_consent(tgt, "TCD", Decision.GRANTED, on=ON, today=TODAY)
    with pytest.raises(DataError, match="changed while loading"):
        edits.move_status(tgt, "withdrawn", on=ON, today=TODAY, by="ACSG", note="n")
    assert path.read_text(encoding="utf-8") == rewritten


def test_a_match_that_no_longer_loads_is_not_edited(registry: Path) -> None:
    tgt, path, rewritten = _loaded_then_rewritten(registry, "status: proposed", "status: agred")
    with pytest.raises(DataError, match=r"MAT-2021-001\.yaml does not load; run `acsg validate"):
        edits.record_consent(tgt, "TCD", Decision.GRANTED, on=ON, today=TODAY)
    assert path.read_text(encoding="utf-8") == rewritten


def test_an_edit_decides_from_the_file_under_the_lock(registry: Path) -> None:
    """Another writer recorded Chad's consent after loading: recording it again is refused as
    a second decision, which the loaded match (no consents) would have allowed."""
    consent = "consents:\n  - party: TCD\n    decision: granted\n    on: 2021-04-10\n"
    tgt, path, rewritten = _loaded_then_rewritten(registry, "history:\n", consent + "history:\n")
    with pytest.raises(DataError, match="TCD already decided 'granted' on 2021-04-10"):
        edits.record_consent(tgt, "TCD", Decision.GRANTED, on=ON, today=TODAY)
    assert path.read_text(encoding="utf-8") == rewritten
