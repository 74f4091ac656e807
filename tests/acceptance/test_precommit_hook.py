"""The pre-commit hook runs `acsg validate` on the staged record files, and only on them.

`.pre-commit-hooks.yaml` (the hook other repositories use) is loaded with pre-commit's own
manifest loader and run as pre-commit runs it: its `entry` with the staged files its `files`
pattern selects. The project's own `.pre-commit-config.yaml` is run with pre-commit itself.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_REGISTRY, ROOT, git_env

BIN = Path(sys.executable).parent


def manifest_hook() -> dict[str, object]:
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(ROOT / ".pre-commit-hooks.yaml")
    return hook  # type: ignore[no-any-return]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, env=git_env(), check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the example registry in data/, committed."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    shutil.copytree(FIXTURE_REGISTRY, root / "data")
    (root / "notes.yaml").write_text("not: a record\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "registry")
    return root


def run_hook(repo: Path, hook: dict[str, object]) -> subprocess.CompletedProcess[str]:
    """Run the hook on the staged files the way pre-commit does (no file, no run)."""
    staged = git(repo, "diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z").split("\0")
    include, exclude = re.compile(str(hook["files"])), re.compile(str(hook["exclude"]))
    chosen = [f for f in staged if f and include.search(f) and not exclude.search(f)]
    assert chosen, "the hook would not run"
    words = shlex.split(str(hook["entry"]))
    words[0] = str(BIN / words[0])  # the acsg of this environment
    args = [*words, *hook["args"], *(chosen if hook["pass_filenames"] else [])]  # type: ignore[misc]
    return subprocess.run(
        args, cwd=repo, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}
    )


def test_manifest_is_a_valid_python_hook() -> None:
    hook = manifest_hook()
    assert hook["id"] == "acsg-validate"
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert shlex.split(str(hook["entry"])) == ["acsg", "validate"]
    files = re.compile(str(hook["files"]))
    assert files.search("data/requests/REQ-2025-001.yaml")
    assert files.search("data/matches/MAT-2025-001.yaml")
    assert not files.search("notes.yaml") and not files.search("data/requests/README.md")


def test_hook_fails_on_a_broken_staged_record(repo: Path) -> None:
    request = repo / "data" / "requests" / "REQ-2021-001.yaml"
    request.write_text(request.read_text().replace("status: open", "status: opne"))
    (repo / "notes.yaml").write_text("[unrelated")
    git(repo, "add", "-A")
    result = run_hook(repo, manifest_hook())
    assert result.returncode == 1
    assert result.stdout == (
        "data/requests/REQ-2021-001.yaml:8:9: error ACSG012 "
        "status: 'opne' is not a known value; did you mean 'open'?\n"
    )
    assert result.stderr == "1 file checked: 1 error, 0 warnings\n"


def test_hook_passes_a_good_staged_record(repo: Path) -> None:
    result = subprocess.run(
        [
            str(BIN / "acsg"),
            "new",
            "request",
            "--state",
            "TCD",
            "--title",
            "RSD training",
            "--area",
            "rsd_procedures",
            "--support-type",
            "technical",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    git(repo, "add", "-A")
    result = run_hook(repo, manifest_hook())
    assert result.returncode == 0, result.stdout
    # a new draft passes; the criteria it does not meet yet are warnings, not failures
    assert result.stderr.startswith("1 file checked: 0 errors, ")
    assert all(" warning ACSG1" in line for line in result.stdout.splitlines())


def test_project_config_runs_the_same_hook() -> None:
    from pre_commit.clientlib import load_config

    config = load_config(ROOT / ".pre-commit-config.yaml")
    (local,) = [r for r in config["repos"] if r["repo"] == "local"]
    (hook,) = [h for h in local["hooks"] if h["id"] == "acsg-validate"]
    published = manifest_hook()
    for key in ("entry", "files", "pass_filenames", "args", "require_serial"):
        assert hook[key] == published[key], key


def test_pre_commit_itself_runs_the_project_hook(repo: Path, tmp_path: Path) -> None:
    """`pre-commit run` with the project's config: the broken staged record stops the commit."""
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-qm", "hooks")
    request = repo / "data" / "requests" / "REQ-2021-001.yaml"
    request.write_text(request.read_text().replace("status: open", "status: opne"))
    git(repo, "add", "-A")
    env = {
        **git_env(),
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "NO_COLOR": "1",
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    run = [str(BIN / "pre-commit"), "run", "--color", "never"]
    failed = subprocess.run(run, cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "data/requests/REQ-2021-001.yaml:8:9: error ACSG012" in failed.stdout
    request.write_text(request.read_text().replace("status: opne", "status: open"))
    git(repo, "add", "-A")
    passed = subprocess.run(
        [*run, "--all-files"], cwd=repo, env=env, capture_output=True, text=True, timeout=120
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "acsg validate" in passed.stdout and "Passed" in passed.stdout
