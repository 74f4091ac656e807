"""A pull request that only changes `data/` keeps the suite green.

The repository is copied, a valid request and an offer are added, the Secretariat
proposes a match for it and records the State's consent, and then the checks that read `data/`
run in the copy: `acsg validate --data data` and the tests that read the shipped records. None
may depend on how many records `data/` holds or which.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT

REQUEST = (EXAMPLES / "rules" / "compliant" / "requests" / "REQ-2021-002.yaml").read_text()
OFFER = """id: OFF-2021-901
title: Reception and registration training
offering_entity:
  name: Example Reception Network
  type: ngo
submitted_on: 2021-03-01
status: open
areas: [reception, registration]
support_types: [technical]
quality_dimensions: [efficiency]
geographic_scope:
  global: true
capacity: 1
expertise: Training of reception and registration staff at entry points.
"""
"""An offer for the request, added by the same pull request, so a candidate exists whatever
`data/` holds."""
DATA_TESTS = [
    "tests/unit/test_reader_fast.py",
    "tests/unit/test_schemas.py",
    "tests/acceptance/test_contributing.py",
]
"""The tests that read the records of `data/` itself (the contributor's path starts from a copy
of it)."""


def _acsg(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The real date, as CI validates a pull request.
    env = {k: v for k, v in os.environ.items() if k != "ACSG_TODAY"}
    env["PYTHONPATH"] = str(cwd)
    return subprocess.run(
        [sys.executable, "-m", "acsg_cli", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_adding_a_request_and_a_consent_keeps_the_data_checks_green(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "__pycache__", ".*_cache", ".hypothesis", "*.egg-info"
    )
    shutil.copytree(ROOT, copy, ignore=ignore)
    request = REQUEST.replace("REQ-2021-002", "REQ-2021-901")
    (copy / "data" / "requests" / "REQ-2021-901.yaml").write_text(request)
    (copy / "data" / "offers" / "OFF-2021-901.yaml").write_text(OFFER)
    assert _acsg(copy, "validate", "--data", "data").returncode == 0

    proposed = _acsg(copy, "match", "propose", "--request", "REQ-2021-901", "--format", "json")
    assert proposed.returncode == 0, proposed.stderr
    candidates = json.loads(proposed.stdout)[0]["candidates"]
    assert candidates, proposed.stdout
    created = _acsg(copy, "match", "create", "REQ-2021-901", candidates[0]["offer"], "--by", "S")
    assert created.returncode == 0, created.stderr
    match_id = created.stdout.strip()
    consent = ["consent", "record", match_id, "--party", "NER", "--decision", "granted"]
    assert _acsg(copy, *consent).returncode == 0
    checked = _acsg(copy, "validate", "--data", "data")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    env = {**os.environ, "PYTHONPATH": str(copy)}
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *DATA_TESTS],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    assert suite.returncode == 0, suite.stdout[-3000:]
