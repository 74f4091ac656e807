"""What git knows about the registry: files changed since a revision, and files at a revision."""

from __future__ import annotations

import subprocess
from pathlib import Path

from acsg_cli.errors import UsageError


def git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; it is needed for this option") from None
    if done.returncode != 0:
        detail = (
            done.stderr.strip().splitlines()[-1]
            if done.stderr.strip()
            else f"exit code {done.returncode}"
        )
        raise UsageError(f"git {args[0]} failed in {cwd}: {detail}")
    return done.stdout


def toplevel(path: Path) -> Path:
    where = path if path.is_dir() else path.parent
    try:
        return Path(git(where, "rev-parse", "--show-toplevel").strip())
    except UsageError:
        raise UsageError(f"'{path}' is not inside a git repository") from None


def verify_revision(top: Path, rev: str) -> None:
    if rev.startswith("-"):
        raise UsageError(f"'{rev}' is not a git revision")
    try:
        git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except UsageError:
        raise UsageError(f"unknown git revision '{rev}'") from None


def changed_since(path: Path, rev: str) -> tuple[set[Path], set[Path]]:
    """(changed or added files, deleted files) under `path` since `rev`, as absolute paths.

    Compares the working tree with `rev`, so staged, unstaged and untracked files all count.
    """
    top = toplevel(path)
    verify_revision(top, rev)
    scope = str(path.resolve())
    changed_out = git(
        top, "diff", "--name-only", "--no-renames", "--diff-filter=d", rev, "--", scope
    )
    deleted_out = git(
        top, "diff", "--name-only", "--no-renames", "--diff-filter=D", rev, "--", scope
    )
    untracked = git(top, "ls-files", "--others", "--exclude-standard", "--", scope)
    changed = {
        (top / p).resolve() for p in [*changed_out.splitlines(), *untracked.splitlines()] if p
    }
    deleted = {top / p for p in deleted_out.splitlines() if p}
    return changed, deleted
