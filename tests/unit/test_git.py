"""The git helper: -z listings, literal pathspecs and clear errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from acsg_cli import git
from tests.conftest import git_env


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=git_env())


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.yaml").write_text("x\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def test_not_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(git.GitError, match="not inside a git repository") as caught:
        git.toplevel(tmp_path)
    assert caught.value.exit_code == 2


def test_missing_git_is_a_clear_error(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "nowhere"))
    with pytest.raises(git.GitError, match="git is not installed"):
        git.toplevel(repo)


@pytest.mark.parametrize("rev", ["-h", "--output=/tmp/x", "", "nope", "HEAD:a"])
def test_bad_revisions(repo: Path, rev: str) -> None:
    with pytest.raises(git.GitError):
        git.verify_revision(repo, rev)


def test_failure_names_the_command_and_escapes_git_output(repo: Path) -> None:
    with pytest.raises(git.GitError, match=r"^git cat-file failed in .*: "):
        git.run(repo, "cat-file", "-t", "\x1b[2J")
    try:
        git.run(repo, "cat-file", "-t", "\x1b[2J")
    except git.GitError as exc:
        assert "\x1b" not in exc.message


def test_pathspecs_are_literal(repo: Path) -> None:
    (repo / "*").mkdir()
    (repo / "*" / "y.yaml").write_text("y\n")
    changed, _ = git.changed_since(repo / "*", "HEAD")
    assert changed == {(repo / "*" / "y.yaml").resolve()}


def test_names_in_history_keep_deleted_files(repo: Path) -> None:
    (repo / "a" / "gone.yaml").write_text("g\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "add")
    _git(repo, "rm", "-q", "a/gone.yaml")
    _git(repo, "commit", "-q", "-m", "rm")
    assert git.names_in_history(repo, repo / "a") == {"x.yaml", "gone.yaml"}
    assert git.names_in_history(repo, repo / "elsewhere") == set()


def test_a_file_is_not_a_folder_to_run_git_in(repo: Path) -> None:
    with pytest.raises(git.GitError, match=r"'.*x\.yaml' is not a folder"):
        git.run(repo / "a" / "x.yaml", "status")


def test_missing_git_is_never_taken_for_a_bad_revision_or_a_missing_object(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(repo / "nowhere"))
    with pytest.raises(git.GitMissing):
        git.verify_revision(repo, "HEAD")
    with pytest.raises(git.GitMissing):
        git.object_type(repo, "HEAD:a")


def test_objects_and_blobs(repo: Path) -> None:
    assert git.object_type(repo, "HEAD:a") == "tree"
    assert git.object_type(repo, "HEAD:nothing") is None
    assert git.cat_blobs(repo, []) == {}
    oid = git.text(repo, "rev-parse", "HEAD:a/x.yaml").strip()
    assert git.cat_blobs(repo, [oid, oid]) == {oid: b"x\n"}
    with pytest.raises(git.GitError, match="could not read object"):
        git.cat_blobs(repo, ["0" * 40])


def test_history_of_a_folder_outside_the_work_tree_is_empty(repo: Path) -> None:
    _git(repo, "rm", "-q", "a/x.yaml")
    _git(repo, "commit", "-q", "-m", "gone")
    assert git.names_in_history(repo, repo / "a") == {"x.yaml"}
    assert git.names_in_history(repo, repo.parent) == set()
