"""The one id allocator: `<PREFIX>-<year>-<NNN>`, never handed out twice.

A new record is created in three steps that run under the registry-level lock
(`locking.registry_lock`): choose the id, let the caller check and render the record against
the registry as it is at that moment, create the file exclusively. Concurrent `acsg new` and
`acsg match create` runs therefore behave as if they ran one after the other.

An id is taken when a file of that name is in the kind's folder (a broken record still holds
its id) or ever was in git history on any branch, where there is a repository: a deleted
record's id is never given to a new one. Two pull requests that picked the same id are caught
at merge by `validate` (ACSG020).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from acsg_cli.errors import DataError
from acsg_cli.models import KINDS


def _numbers(names: set[str], prefix: str, year: int) -> set[int]:
    pattern = re.compile(rf"^{prefix}-{year}-([0-9]{{3,}})\.yaml$")
    return {int(m.group(1)) for name in names if (m := pattern.match(name))}


def taken_names(root: Path, kind: str, *, history: bool = True) -> set[str]:
    """File names that hold or held an id of `kind`: the folder now, and git history."""
    folder = root / KINDS[kind].folder
    names = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    if history:
        from acsg_cli import git

        top = git.in_repository(root)
        if top is not None:
            names |= git.names_in_history(top, folder)
    return names


def next_id(root: Path, kind: str, year: int, *, history: bool = True) -> str:
    """The next id of `kind` for `year` after every number ever taken (see `taken_names`).

    Only safe against other writers under the registry lock; `create_record` takes it.
    """
    spec = KINDS[kind]
    used = _numbers(taken_names(root, kind, history=history), spec.prefix, year)
    return f"{spec.prefix}-{year}-{max(used, default=0) + 1:03d}"


def record_folder(root: Path, kind: str, shown_root: str) -> Path:
    """The kind's folder, created if missing; `DataError` when it is not a real folder inside
    the registry (a symbolic link, a file), so a write never leaves the registry."""
    folder_name = KINDS[kind].folder
    folder = root / folder_name
    shown = f"{shown_root.rstrip('/')}/{folder_name}" if shown_root else folder_name
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        try:
            folder.mkdir()
        except OSError as exc:
            raise DataError(f"cannot create {shown}: {exc.strerror or exc}") from None
        return folder
    if stat.S_ISLNK(info.st_mode):
        raise DataError(
            f"{shown} is a symbolic link; records are written only into a real folder inside "
            "the registry"
        )
    if not stat.S_ISDIR(info.st_mode):
        raise DataError(f"{shown} is not a folder")
    return folder


def create_record(
    root: Path,
    kind: str,
    year: int,
    render: Callable[[str], str],
    *,
    shown_root: str,
) -> tuple[str, Path]:
    """Allocate the next id of `kind`, render its text with `render(id)` and create the file.

    The caller holds the registry lock (`locking.registry_lock`), so the id is not taken
    between the choice and the creation; the creation is still exclusive, as a last guard.
    """
    from acsg_cli.yamlio.writer import create_exclusive

    folder = record_folder(root, kind, shown_root)
    record_id = next_id(root, kind, year)
    text = render(record_id)
    path = folder / f"{record_id}.yaml"
    create_exclusive(path, text, shown=f"{shown_root.rstrip('/')}/{folder.name}/{path.name}")
    return record_id, path
