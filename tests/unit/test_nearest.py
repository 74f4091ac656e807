"""Suggestions for a dangling id come from an index and agree with difflib's full scan."""

from __future__ import annotations

import difflib
import random

from acsg_cli.registry.nearest import NearIds


def test_index_suggests_what_a_full_scan_suggests() -> None:
    rng = random.Random(7)
    ids = sorted({f"REQ-{rng.randint(2018, 2026)}-{rng.randint(1, 4000):03d}" for _ in range(3000)})
    near = NearIds(ids)
    wanted = [
        "REQ-2021-0001",
        "REQ-2021-01",
        "REQ-2O21-001",
        "REG-2021-001",
        "REQ-2102-001",
        "REQ2021-001",
        "OFF-2021-001",
        "nothing-like-it",
        *(i[:-1] + "9" for i in ids[:50]),
        *(i[:4] + i[5] + i[4] + i[6:] for i in ids[50:100]),
    ]
    for target in wanted:
        full = difflib.get_close_matches(target, ids, n=1, cutoff=0.8)
        assert near.closest(target, cutoff=0.8) == (full[0] if full else None), target


def test_validate_names_the_closest_request(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from acsg_cli.registry import load_registry

    root = tmp_path / "data"
    (root / "matches").mkdir(parents=True)
    (root / "matches" / "MAT-2021-001.yaml").write_text(
        "id: MAT-2021-001\nrequest: REQ-2021-001\noffers: [OFF-2021-001]\nstatus: proposed\n"
    )
    messages = [p.message for p in load_registry(root).problems]
    assert any("request 'REQ-2021-001' does not exist" in m for m in messages), messages
