"""Writing record files safely: atomic replacement, exclusive creation, YAML for new records.

A write goes to a temporary file in the same folder, is flushed to disk, and replaces the
target in one `os.replace`, so a crash leaves the old file or the new one, never a torn one.
New records are created without ever overwriting an existing file. A write that fails (a
read-only folder, a full disk) is a `WriteError` naming the file, and leaves the target as it
was: the temporary file is removed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from acsg_cli.errors import DataError


class WriteError(DataError):
    """A file could not be written (exit code 1); the target is unchanged."""

    def __init__(self, shown: str, exc: OSError) -> None:
        from acsg_cli.render.safety import terminal

        super().__init__(
            f"cannot write {terminal(shown)}: {exc.strerror or exc}; nothing was written"
        )


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_with(folder: Path, name: str, text: str | bytes, *, sync: bool = True) -> Path:
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def atomic_write(path: Path, text: str, *, shown: str | None = None) -> None:
    """Replace `path` with `text` atomically (keeping the old file's permission bits)."""
    atomic_write_bytes(path, text.encode("utf-8"), shown=shown)


def atomic_write_bytes(
    path: Path, text: bytes, *, shown: str | None = None, sync: bool = True
) -> None:
    """Replace `path` with the bytes `text` atomically (keeping the old file's permission bits);
    `WriteError` (the old file untouched) when the folder or the disk refuses.

    Readers see the old file or the new one, never a torn one, either way. `sync=False` skips
    flushing to disk (the file and its folder): for files that can be written again from their
    sources, such as a generated site, where thousands of flushes would cost more than a crash."""
    try:
        tmp = _temp_with(path.parent, path.name, text, sync=sync)
    except OSError as exc:
        raise WriteError(shown or str(path), exc) from None
    try:
        if path.exists():
            tmp.chmod(path.stat().st_mode & 0o7777)
        else:
            tmp.chmod(0o644)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WriteError(shown or str(path), exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync:
        _fsync_dir(path.parent)


def create_exclusive(path: Path, text: str, *, shown: str | None = None) -> None:
    """Create `path` with `text`; `DataError` if it already exists (never overwrites).

    The content is written and synced under a temporary name, then linked into place:
    `os.link` fails when the target exists, so two writers never clobber each other.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_with(path.parent, path.name, text)
    except OSError as exc:
        raise WriteError(shown or str(path), exc) from None
    try:
        tmp.chmod(0o644)
        os.link(tmp, path)
    except FileExistsError:
        raise DataError(f"{shown or path} already exists") from None
    except OSError as exc:
        raise WriteError(shown or str(path), exc) from None
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def commented(value: Any, *, inline_codes: bool = False) -> Any:
    """`value` as ruamel's commented mappings and sequences, which keep their order when dumped
    or inserted into a file being edited; with `inline_codes`, short lists of codes are written
    inline (`areas: [a, b]`), the style of the hand-written files."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for k, v in value.items():
            mapping[k] = commented(v, inline_codes=inline_codes)
        return mapping
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq([commented(v, inline_codes=inline_codes) for v in value])
        tokens = all(
            isinstance(v, (int, float)) or (isinstance(v, str) and " " not in v and len(v) < 40)
            for v in value
        )
        if inline_codes and value and tokens and len(value) <= 8:
            seq.fa.set_flow_style()
        return seq
    return value


def dump_record(
    data: dict[str, Any], *, schema_ref: str | None = None, header: str | None = None
) -> str:
    """YAML text for a new record, in the style of the hand-written files.

    Block mappings, short lists of codes inline (`areas: [a, b]`), other lists in block style;
    dates must be given as `datetime.date` so they are written unquoted. An optional comment
    header and the schema line for editors come first.
    """
    from io import StringIO

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.version = None
    # A value used twice (the same date object) must be written out twice: records refuse anchors.
    yaml.representer.ignore_aliases = lambda data: True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    out = StringIO()
    yaml.dump(commented(data, inline_codes=True), out)
    lines = []
    if schema_ref:
        lines.append(f"# yaml-language-server: $schema={schema_ref}")
    if header:
        lines.extend(f"# {line}" if line else "#" for line in header.splitlines())
    return "\n".join(lines) + ("\n" if lines else "") + out.getvalue()
