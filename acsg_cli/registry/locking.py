"""Locks: one per record for edits, one for the whole registry for new records.

Locks are files taken with `filelock`. A lock path that is a folder, a symbolic link or
anything but a regular file is refused before it is opened: filelock truncates the file it
opens, so a planted link could otherwise empty a file elsewhere. A lock that cannot be created
(a read-only folder) or is held too long is a clear `DataError` (exit 1); nothing is written.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from acsg_cli.errors import DataError

LOCK_TIMEOUT = 30.0
"""Seconds a command waits for another writer before giving up."""
REGISTRY_LOCK = ".acsg.lock"
"""The registry-level lock file, in the registry folder (ignored by the loader and by git)."""


def check_lock_path(path: Path, shown: str) -> None:
    """`DataError` unless `path` is missing or a regular file (not a link, not a folder)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DataError(f"cannot use the lock {shown}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise DataError(f"the lock path {shown} is a symbolic link; remove it and try again")
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise DataError(f"the lock path {shown} is {kind}; remove it and try again")


@contextmanager
def locked(path: Path, shown: str, what: str, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock file `path` (`shown` in messages) for `what`, waiting up to `timeout` s."""
    from filelock import FileLock, Timeout

    check_lock_path(path, shown)
    lock = FileLock(str(path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise DataError(
            f"another {what} has held its lock ({shown}) for {timeout:g} s; "
            "try again when it is done"
        ) from None
    except OSError as exc:
        raise DataError(
            f"cannot take the lock {shown} for {what}: {exc.strerror or exc}; nothing was written"
        ) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def registry_lock(root: Path, shown_root: str, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """The registry-level lock: held while a new record's id is chosen, its constraints (an
    offer's capacity) are checked against the registry as it is then, and its file is created,
    so concurrent creations behave as if run one after the other."""
    shown = f"{shown_root.rstrip('/')}/{REGISTRY_LOCK}" if shown_root else REGISTRY_LOCK
    with locked(root / REGISTRY_LOCK, shown, "new record", timeout):
        yield
