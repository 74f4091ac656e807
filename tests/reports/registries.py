"""Registries for the report tests: the shipped one plus records carrying private data."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.conftest import git_env

CONFIDENTIAL_REQUEST = """\
id: REQ-2022-001
title: Secret plan to digitise the refugee status determination files
requesting_states: [SEN]
submitted_on: 2022-02-01
status: open
urgent: true
areas: [case_management_systems, data_and_statistics]
support_types: [technical, material]
confidential: true
gap: "No case management system; ask desk.officer@interior.example.sn for the inventory."
objectives:
  - Digitise 20,000 files (contact files.lead@interior.example.sn).
contact:
  name: Aminata Example
  email: aminata.example@interior.example.sn
"""

NARROW_OFFER = """\
id: OFF-2022-001
title: Case management software for two neighbouring States
offering_entity:
  name: Example Software Foundation
  type: foundation
submitted_on: 2022-03-01
status: open
areas: [case_management_systems]
support_types: [material]
geographic_scope:
  countries: [GMB, MLI]
capacity: 1
contact:
  name: Jo Example
  email: jo@foundation.example.org
"""

PROPOSED_MATCH = """\
id: MAT-2022-001
request: REQ-2019-006
offers: [OFF-2019-005]
status: consent_pending
proposed_on: 2022-04-01
proposed_by: ACSG Secretariat
consents:
  - party: UGA
    decision: granted
    on: 2022-04-20
    recorded_by: ACSG Secretariat
    evidence: Email from registrar@opm.example.ug of 20 April 2022
history:
  - on: 2022-04-01
    status: proposed
    by: ACSG Secretariat
  - on: 2022-04-05
    status: consent_pending
    by: ACSG Secretariat
    note: Asked uganda.focal@opm.example.ug and the Philippines.
updates:
  - on: 2022-05-01
    summary: First exchange; write to exchange.lead@doj.example.ph for the agenda.
    good_practice: true
"""


def add_private_records(root: Path) -> None:
    """A confidential urgent request, a countries-only offer and a match, all with
    email addresses."""
    (root / "requests" / "REQ-2022-001.yaml").write_text(CONFIDENTIAL_REQUEST, encoding="utf-8")
    (root / "offers" / "OFF-2022-001.yaml").write_text(NARROW_OFFER, encoding="utf-8")
    (root / "matches" / "MAT-2022-001.yaml").write_text(PROPOSED_MATCH, encoding="utf-8")


def emails_in(root: Path) -> set[str]:
    """Every email address written anywhere in the registry's files."""
    found: set[str] = set()
    for path in root.rglob("*.yaml"):
        found.update(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", path.read_text(encoding="utf-8")))
    return found


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, env=git_env(), check=True, capture_output=True, text=True
    ).stdout


def commit_all(repo: Path, message: str, when: str) -> str:
    """Commit everything with author and committer date `when` (YYYY-MM-DD); the commit id."""
    env = git_env() | {
        "GIT_AUTHOR_DATE": f"{when}T12:00:00Z",
        "GIT_COMMITTER_DATE": f"{when}T12:00:00Z",
    }
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True)
    return git(repo, "rev-parse", "HEAD").strip()
