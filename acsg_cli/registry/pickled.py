"""The read cache's files: pickled, written atomically, read back through a restricted unpickler.

The cache is the user's own folder, like a virtual environment; still, its files are read with
an unpickler that only builds the record, vocabulary and date classes they hold, so a planted
file cannot run code: it is ignored as corrupt.
"""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path
from typing import Any


def dumps(value: Any) -> bytes:
    """`value` pickled (a record or a source map, for an entry)."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(blob: bytes) -> Any:
    """A pickled record or source map, through the restricted unpickler."""
    return _Unpickler(io.BytesIO(blob)).load()


def write_atomic(path: Path, value: Any) -> bool:
    """Pickle `value` to `path` through a temporary file renamed over it; False if it cannot."""
    import tempfile

    folder = path.parent
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# made by acsg: the read cache is never committed\n*\n")
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False  # a read-only or full disk only costs the next run its speed
    return True


def read_back(path: Path) -> Any:
    """What `write_atomic` wrote, or None if it is missing or cannot be read back whole."""
    try:
        with path.open("rb") as fh:
            return _Unpickler(io.BytesIO(fh.read())).load()
    except Exception:
        return None


_ALLOWED_MODULES = ("acsg_cli.models", "acsg_cli.vocab", "acsg_cli.yamlio.document")
_ALLOWED = {
    ("datetime", "date"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
}


_FOUND: dict[tuple[str, str], Any] = {}


class _Unpickler(pickle.Unpickler):
    """Builds only the classes a cache holds; anything else is refused as corrupt."""

    def find_class(self, module: str, name: str) -> Any:
        found = _FOUND.get((module, name))
        if found is not None:
            return found
        if (module, name) in _ALLOWED or module.startswith(_ALLOWED_MODULES):
            found = _FOUND[module, name] = super().find_class(module, name)
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not kept in a read cache")


__all__ = ["dumps", "loads", "read_back", "write_atomic"]
