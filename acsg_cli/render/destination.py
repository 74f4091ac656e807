"""Writing an output (`--output FILE`) without destroying anything.

- `-` is standard output.
- A pipe, a terminal, a device or a socket (also one named through a link, such as
  `/dev/stdout`) is written *into*, never replaced by a regular file.
- A regular file is replaced atomically (written beside it, then renamed over it), so a
  failed write leaves the old file whole.
- A symbolic link to a regular file is refused: the link would be replaced, or the write
  would land somewhere other than the name given.
- A target inside one of the registry's record folders (`requests/`, `offers/`, `matches/`,
  `practices/`), found through the real paths, is refused, so a report never overwrites a
  record.

Every refusal and failure is a `UsageError` (exit 2) naming the path.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from acsg_cli.errors import UsageError

STDOUT = "-"


def _shown(path: Path) -> str:
    from acsg_cli.render.safety import terminal

    return terminal(str(path))


def check_output(path: Path, registry_root: Path | None) -> None:
    """Refuse an output path that a write would misuse (see the module documentation)."""
    if str(path) == STDOUT:
        return
    shown = _shown(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(f"cannot write '{shown}': {exc.strerror or exc}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"--output '{shown}' is a folder; give a file name")
    if info is not None and stat.S_ISLNK(info.st_mode):
        try:
            target = path.stat()
        except OSError:
            raise UsageError(f"--output '{shown}' is a broken symbolic link") from None
        if stat.S_ISREG(target.st_mode) or stat.S_ISDIR(target.st_mode):
            raise UsageError(
                f"--output '{shown}' is a symbolic link; name the file itself, not a link to it"
            )
    if info is None and not path.parent.is_dir():
        raise UsageError(f"cannot write '{shown}': folder '{_shown(path.parent)}' does not exist")
    if registry_root is not None and _inside_record_folder(path, registry_root):
        raise UsageError(
            f"--output '{shown}' is inside the registry's record folders; "
            "write reports elsewhere so no record is overwritten"
        )


def _inside_record_folder(path: Path, root: Path) -> bool:
    from acsg_cli.models import KIND_BY_FOLDER

    try:
        real_root = root.resolve()
        real_parent = path.parent.resolve()
    except (OSError, RuntimeError):
        return False
    folders = [real_root / folder for folder in KIND_BY_FOLDER]
    for folder in folders:
        try:
            real_folder = folder.resolve()
        except (OSError, RuntimeError):
            real_folder = folder
        if real_parent == real_folder or real_parent.is_relative_to(real_folder):
            return True
        if real_parent.is_relative_to(folder):
            return True
    return False


def write_output(path: Path, content: str | bytes, *, registry_root: Path | None) -> None:
    """Write `content` to `path` as the module documentation says."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if str(path) == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    check_output(path, registry_root)
    shown = _shown(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(f"cannot write '{shown}': {exc.strerror or exc}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_into(path, data, shown)
        return
    from acsg_cli.yamlio.writer import WriteError, atomic_write_bytes

    try:
        atomic_write_bytes(path, data, shown=shown)
    except WriteError as exc:
        raise UsageError(exc.message) from None


def _write_into(path: Path, data: bytes, shown: str) -> None:
    """Write into a pipe, terminal, device or socket as it is (no truncation, no replacement)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UsageError(f"cannot write '{shown}': {exc.strerror or exc}") from None
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise UsageError(f"cannot write '{shown}': {exc.strerror or exc}") from None
    finally:
        os.close(fd)
