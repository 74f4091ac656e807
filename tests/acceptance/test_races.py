"""Concurrent writers, as real processes: creations behave as if run one after the other."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_REGISTRY, ROOT

N = 6
TODAY = ["--today", "2021-06-01"]


def _start(args: list[str]) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_COLOR": "1", "ACSG_NO_CACHE": "1"}
    env.pop("ACSG_DATA", None)
    return subprocess.Popen(
        [sys.executable, "-m", "acsg_cli", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _all(commands: list[list[str]]) -> list[tuple[int, str, str]]:
    running = [_start(c) for c in commands]
    results = []
    for process in running:
        out, err = process.communicate(timeout=120)
        results.append((process.returncode, out, err))
    return results


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURE_REGISTRY, root)
    (root / "matches" / "MAT-2021-001.yaml").unlink()
    return root


def test_creates_of_one_pair_make_one_match(data: Path) -> None:
    args = ["match", "create", "REQ-2021-001", "OFF-2021-001", "--today", "2021-06-01"]
    results = _all([[*args, "--data", str(data)] for _ in range(N)])
    codes = sorted(code for code, _, _ in results)
    assert codes == [0] + [1] * (N - 1), results
    assert [p.name for p in (data / "matches").iterdir()] == ["MAT-2021-001.yaml"]
    for code, _, err in results:
        assert "Traceback" not in err and "internal error" not in err
        if code:
            assert "already" in err, err


def test_creates_never_overbook_an_offer(data: Path) -> None:
    offer = data / "offers" / "OFF-2021-001.yaml"
    assert "capacity: 2\n" in offer.read_text(encoding="utf-8")
    request = (data / "requests" / "REQ-2021-001.yaml").read_text(encoding="utf-8")
    for n in range(2, N + 1):
        (data / "requests" / f"REQ-2021-00{n}.yaml").write_text(
            request.replace("id: REQ-2021-001", f"id: REQ-2021-00{n}"), encoding="utf-8"
        )
    results = _all(
        [
            ["match", "create", f"REQ-2021-00{n}", "OFF-2021-001", "--data", str(data), *TODAY]
            for n in range(1, N + 1)
        ]
    )
    assert sorted(code for code, _, _ in results) == [0, 0] + [1] * (N - 2), results
    created = sorted(p.name for p in (data / "matches").iterdir())
    assert created == ["MAT-2021-001.yaml", "MAT-2021-002.yaml"]
    assert all("capacity" in err for code, _, err in results if code), results


def test_parallel_new_records_get_distinct_ids(data: Path) -> None:
    args = ["new", "request", "--state", "TCD", "--title", "Parallel request"]
    args += ["--area", "training", "--support-type", "technical", "--today", "2025-03-01"]
    results = _all([[*args, "--data", str(data)] for _ in range(N)])
    assert [code for code, _, _ in results] == [0] * N, results
    ids = sorted(out.split()[-1] for _, out, _ in results)
    assert ids == [f"REQ-2025-{n:03d}" for n in range(1, N + 1)]
    assert len(list((data / "requests").glob("REQ-2025-*.yaml"))) == N
