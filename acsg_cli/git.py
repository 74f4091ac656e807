"""Every call the tool makes to git, in one place.

Paths are read with `-z` (NUL-terminated, never quoted), so a file name holding a non-ASCII
letter, a quote, a backslash, a tab or a newline is read as it is, and decoded as the file
system does (`os.fsdecode`). Pathspecs are literal (`--literal-pathspecs`): a folder named
`*` or `:(glob)` means itself. A missing git, a folder outside a repository, an unknown
revision and a failed command are `GitError`s (usage errors, exit 2) naming what failed.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from acsg_cli.errors import UsageError


class GitError(UsageError):
    """git is missing, or a git command failed (exit code 2)."""


class GitMissing(GitError):
    """No `git` program on the PATH."""


def run(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """The standard output of `git ARGS` run in `cwd`; `GitError` with git's own last line."""
    from acsg_cli.render.safety import terminal

    try:
        done = subprocess.run(
            ["git", "--literal-pathspecs", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"},
        )
    except FileNotFoundError:
        raise GitMissing("git is not installed; it is needed for this option") from None
    except NotADirectoryError:
        raise GitError(f"'{terminal(cwd)}' is not a folder") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = lines[-1] if lines else f"exit code {done.returncode}"
        raise GitError(f"git {args[0]} failed in {terminal(cwd)}: {terminal(detail)}")
    return done.stdout


def text(cwd: Path, *args: str) -> str:
    """`run` decoded as UTF-8 (for hashes, dates, names; not for paths: see `paths`)."""
    return run(cwd, *args).decode("utf-8", "replace")


def paths(output: bytes) -> Iterator[str]:
    """The paths of a `-z` listing, decoded as file names are."""
    for raw in output.split(b"\0"):
        if raw:
            yield os.fsdecode(raw)


def toplevel(path: Path) -> Path:
    """The top of the work tree holding `path`; `GitError` when it is not in a repository."""
    where = path if path.is_dir() else path.parent
    try:
        return Path(os.fsdecode(run(where, "rev-parse", "--show-toplevel").rstrip(b"\n")))
    except GitMissing:
        raise
    except GitError:
        from acsg_cli.render.safety import terminal

        raise GitError(f"'{terminal(path)}' is not inside a git repository") from None


def in_repository(path: Path) -> Path | None:
    """The top of the work tree holding `path`, or None (no repository, or no git)."""
    try:
        return toplevel(path)
    except GitError:
        return None


def verify_revision(top: Path, rev: str) -> str:
    """The full commit hash `rev` names; `GitError` for anything that is not a commit."""
    from acsg_cli.render.safety import terminal

    if rev.startswith("-") or not rev.strip():
        raise GitError(f"'{terminal(rev)}' is not a git revision")
    try:
        return text(
            top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
        ).strip()
    except GitMissing:
        raise
    except GitError:
        raise GitError(f"unknown git revision '{terminal(rev)}'") from None


def commit_date(top: Path, commit: str) -> str:
    """The committer date of `commit`, `YYYY-MM-DD`."""
    return text(top, "log", "-1", "--format=%cs", commit, "--").strip()


def object_type(top: Path, spec: str) -> str | None:
    """`blob`, `tree`, `commit`... for `rev:path`, or None when there is no such object."""
    try:
        return text(top, "cat-file", "-t", spec).strip()
    except GitMissing:
        raise
    except GitError:
        return None


def changed_since(path: Path, rev: str) -> tuple[set[Path], set[Path]]:
    """(changed or added files, deleted files) under `path` since `rev`, as absolute paths.

    Compares the working tree with `rev`, so staged, unstaged and untracked files all count.
    """
    top = toplevel(path)
    commit = verify_revision(top, rev)
    scope = str(path.resolve())
    diff = ("diff", "--name-only", "-z", "--no-renames", "--no-ext-diff")
    changed = run(top, *diff, "--diff-filter=d", commit, "--", scope)
    deleted = run(top, *diff, "--diff-filter=D", commit, "--", scope)
    untracked = run(top, "ls-files", "-z", "--others", "--exclude-standard", "--", scope)
    return (
        {(top / p).resolve() for p in [*paths(changed), *paths(untracked)]},
        {top / p for p in paths(deleted)},
    )


def names_in_history(top: Path, folder: Path) -> set[str]:
    """The base names of every file ever added under `folder` in any commit of any branch.

    Deleted records keep their ids: a new id must not take one of these.
    """
    relative = os.path.relpath(folder.resolve(), top.resolve())
    if relative.startswith(".."):
        return set()
    listing = run(
        top, "log", "--all", "--format=", "--name-only", "-z", "--diff-filter=A", "--", relative
    )
    return {Path(p).name for p in paths(listing.replace(b"\n", b"\0"))}


def ls_tree(top: Path, commit: str, prefix: str) -> bytes:
    """`git ls-tree -r -l -z` of `commit` under `prefix` (the raw `-z` listing)."""
    return run(top, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", prefix or ".")


def cat_blobs(top: Path, oids: list[str]) -> dict[str, bytes]:
    """Every blob's content, read in one `git cat-file --batch` call."""
    if not oids:
        return {}
    unique = list(dict.fromkeys(oids))
    out = run(top, "cat-file", "--batch", stdin=("\n".join(unique) + "\n").encode())
    blobs: dict[str, bytes] = {}
    at = 0
    for oid in unique:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) != 3:
            raise GitError(f"git cat-file could not read object {oid}")
        size = int(header[2])
        blobs[oid] = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
    return blobs
