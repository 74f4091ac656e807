"""`--commit`: one git commit of exactly the edited record, naming the match, the change and the
person."""

from __future__ import annotations

from pathlib import Path

from acsg_cli import git
from acsg_cli.errors import UsageError


def repository_of(path: Path) -> Path:
    """The top of the git work tree holding `path`; `UsageError` (exit 2) when there is none.

    Called before an edit, so a `--commit` outside a repository changes nothing.
    """
    return git.toplevel(path)


def author_name(top: Path) -> str:
    """The name git will record as the commit's author (honours GIT_AUTHOR_NAME and config)."""
    try:
        ident = git.text(top, "var", "GIT_AUTHOR_IDENT").strip()
    except UsageError:
        return "unknown"
    return ident.split(" <", 1)[0] or "unknown"


def commit_files(top: Path, paths: list[Path], subject: str, body: str = "") -> str:
    """Commit the working-tree content of `paths` alone, in one commit (other staged changes
    stay staged): a match and the request and offers that followed it. Returns the short hash.
    """
    relative = [str(p.resolve().relative_to(top.resolve())) for p in paths]
    message = subject + (f"\n\n{body}" if body else "")
    try:
        git.text(top, "add", "--", *relative)  # a new, untracked record needs adding first
        git.text(top, "commit", "--quiet", "--only", "-m", message, "--", *relative)
        return git.text(top, "rev-parse", "--short", "HEAD").strip()
    except UsageError as exc:
        raise UsageError(
            f"{', '.join(relative)} {'was' if len(relative) == 1 else 'were'} written but not "
            f"committed: {exc.message}"
        ) from None
