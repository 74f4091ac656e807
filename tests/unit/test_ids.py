"""The one id allocator: past every file in the folder and every file git ever held."""

from __future__ import annotations

import subprocess
from pathlib import Path

from acsg_cli.registry.ids import next_id
from tests.conftest import git_env


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=git_env())


def test_next_id_skips_any_file_holding_an_id(registry: Path) -> None:
    assert next_id(registry, "request", 2021) == "REQ-2021-002"
    (registry / "requests" / "REQ-2021-007.yaml").write_text("broken: [\n")
    assert next_id(registry, "request", 2021) == "REQ-2021-008"
    assert next_id(registry, "request", 2030) == "REQ-2030-001"


def test_a_deleted_id_is_never_given_again(registry: Path) -> None:
    repo = registry.parent
    _git(repo, "init", "-q", "-b", "main")
    late = registry / "matches" / "MAT-2021-002.yaml"
    late.write_text((registry / "matches" / "MAT-2021-001.yaml").read_text())
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "two matches")
    _git(repo, "rm", "-q", str(late.relative_to(repo)))
    _git(repo, "commit", "-q", "-m", "the second withdrawn by deletion")
    assert not late.exists()
    assert next_id(registry, "match", 2021) == "MAT-2021-003"
    assert next_id(registry, "match", 2021, history=False) == "MAT-2021-002"


def test_ids_on_another_branch_count_too(registry: Path) -> None:
    repo = registry.parent
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "checkout", "-q", "-b", "other")
    (registry / "offers" / "OFF-2021-005.yaml").write_text("id: OFF-2021-005\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "an offer on a branch")
    _git(repo, "checkout", "-q", "main")
    assert next_id(registry, "offer", 2021) == "OFF-2021-006"
