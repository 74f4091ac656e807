"""Finding record files: `<root>/{requests,offers,matches}/<id>.yaml`, and nothing unsafe.

A source file is a display path plus a way to get its bytes, so the same loader reads a
folder on disk or a tree in git history. Symbolic links that leave the registry, and
paths that are not regular files, are refused here, before anything is read.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from acsg_cli import problems as codes
from acsg_cli.errors import UsageError
from acsg_cli.problems import Problem, Severity
from acsg_cli.yamlio.limits import MAX_BYTES

RECORD_FOLDERS = ("requests", "offers", "matches", "practices")
"""The folders of record kinds (`models.KIND_BY_FOLDER`, named here so finding files does not
import the models)."""


@dataclass(frozen=True)
class SourceFile:
    """One record file to load: where to report it, its kind folder, how to read it, and its
    path on disk (`location`, a string: a registry's ten thousand files are listed every run,
    and a `Path` each cost more than finding them)."""

    display: str
    folder: str
    name: str
    read: Callable[[], bytes]
    location: str | None = None

    @property
    def real_path(self) -> Path | None:
        """The file on disk (None for a file from git history)."""
        return None if self.location is None else Path(self.location)

    @property
    def stem(self) -> str:
        return self.name[: -len(".yaml")] if self.name.endswith(".yaml") else self.name


class _TooLarge(Exception):
    pass


def _reader(name: str, size: int = 0) -> Callable[[], bytes]:
    """How to read a file's bytes (at most `MAX_BYTES` + 1), asking first for the `size` it had
    when it was found: a registry of thousands of files is read on every run."""
    return functools.partial(_read, name, min(size, MAX_BYTES) + 1)


def _read(name: str, first: int) -> bytes:
    fd = os.open(name, os.O_RDONLY)
    try:
        raw = os.read(fd, first)
        if len(raw) < first:
            return raw  # a regular file reads short only at its end
        chunks = [raw]
        while chunks[-1] and sum(map(len, chunks)) <= MAX_BYTES:
            chunks.append(os.read(fd, MAX_BYTES + 1))
    finally:
        os.close(fd)
    return b"".join(chunks)[: MAX_BYTES + 1]


def display_join(root_display: str, *parts: str) -> str:
    base = root_display.rstrip("/") if root_display not in ("", ".") else ""
    return "/".join([base, *parts]) if base else "/".join(parts)


def require_folder(root: Path) -> None:
    """`UsageError` unless the registry folder `root` (`--data`) exists and is a folder."""
    if not root.exists():
        raise UsageError(f"registry folder '{root}' not found (set --data or ACSG_DATA)")
    if not root.is_dir():
        raise UsageError(f"registry path '{root}' is not a folder")


def scan_directory(
    root: Path, root_display: str | None = None
) -> tuple[list[SourceFile], list[Problem]]:
    """Every candidate record file under `root`, and problems for paths that cannot be records."""
    require_folder(root)
    display_root = str(root) if root_display is None else root_display
    if not any(
        (root / folder).exists() or (root / folder).is_symlink() for folder in RECORD_FOLDERS
    ):
        from acsg_cli.render.safety import terminal

        folders = ", ".join(f"{folder}/" for folder in sorted(RECORD_FOLDERS))
        raise UsageError(
            f"'{terminal(display_root)}' is not a registry: it holds none of {folders} "
            "(set --data or ACSG_DATA to the registry folder)"
        )
    real_root = root.resolve()
    files: list[SourceFile] = []
    problems: list[Problem] = []
    for folder in sorted(RECORD_FOLDERS):
        folder_path = root / folder
        shown = display_join(display_root, folder)
        if not folder_path.exists():
            continue
        if not folder_path.is_dir() or folder_path.is_symlink():
            problems.append(
                codes.problem(
                    shown,
                    1,
                    1,
                    codes.UNREADABLE,
                    f"'{folder}' must be a folder of {folder} inside the registry",
                )
            )
            continue
        try:
            entries = sorted(os.scandir(folder_path), key=lambda e: e.name)
        except OSError as exc:
            raise UsageError(f"cannot list '{shown}': {exc.strerror}") from None
        head = display_join(shown, "")
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            size = _plain_record(entry)
            if size is not None:
                path = entry.path
                files.append(SourceFile(head + name, folder, name, _reader(path, size), path))
                continue
            source, problem = check_entry(Path(entry.path), folder, head + name, real_root)
            if problem is not None:
                problems.append(problem)
            if source is not None:
                files.append(source)
    return files, problems


def _plain_record(entry: os.DirEntry[str]) -> int | None:
    """The size of a regular `.yaml` file within the size limit, told from the directory entry
    (one stat); None for anything else, which goes through `check_entry` for its message."""
    if not entry.name.endswith(".yaml") or entry.is_symlink():
        return None
    try:
        info = entry.stat()
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES else None


def check_entry(
    path: Path, folder: str, shown: str, real_root: Path
) -> tuple[SourceFile | None, Problem | None]:
    def refuse(
        message: str, code: str = codes.UNREADABLE, severity: Severity | None = None
    ) -> tuple[None, Problem]:
        return None, codes.problem(shown, 1, 1, code, message, severity=severity)

    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return refuse("symbolic link to nothing (broken or looping link)")
        if not target.is_relative_to(real_root):
            return refuse("symbolic link points outside the registry; record files must live in it")
    try:
        info = path.stat()
    except OSError as exc:
        return refuse(f"cannot read: {exc.strerror}")
    is_yaml = path.name.endswith(".yaml")
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode) and not is_yaml:
            return refuse(
                "folder inside a record folder; records are files named <id>.yaml, so it is "
                "ignored",
                codes.MISPLACED,
                Severity.WARNING,
            )
        return refuse("not a regular file; a record is a file named <id>.yaml")
    if not is_yaml:
        if path.name.endswith(".yml"):
            return refuse("record files end in .yaml, not .yml; rename it")
        return refuse(
            "not a record file (records are named <id>.yaml); ignored",
            codes.MISPLACED,
            Severity.WARNING,
        )
    if info.st_size > MAX_BYTES:
        return refuse(
            f"file is {info.st_size // 1024} KiB, over the {MAX_BYTES // 1024} KiB limit for a "
            "record file"
        )
    return SourceFile(
        display=shown,
        folder=folder,
        name=path.name,
        read=_reader(os.fspath(path), info.st_size),
        location=os.fspath(path),
    ), None
