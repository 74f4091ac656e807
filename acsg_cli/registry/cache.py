"""The read cache: what reading each record file gave, kept between runs, like ruff's and mypy's.

One file per registry, `.acsg_cache/reads-<registry>.pickle` in the folder that holds the
registry (git-ignored: the folder carries its own `.gitignore`). It maps each record file's path
inside the registry to its size, its content hash and its `FileResult`: the record as the
model validated it, the file's own problems, and its source map once one was needed.

- **Never trusted over the file.** Every run reads every file and hashes its bytes; an entry is
  used only when size and hash agree, so an edit that keeps the mtime is still seen. Entries
  also carry the fingerprint of the code that made them (the tool's version and the source of
  the models, vocabularies and reader, and the versions of the libraries they use): any change
  drops the whole cache.
- **Only what a file decides alone is kept.** Duplicate ids, references, statuses and the
  criteria rules run over the whole registry every run, from the cached records.
- **Safe under concurrent runs.** A run writes a new file beside the old one and renames it
  over it (atomic); two runs at once each leave a whole cache. An entry or a file that cannot
  be read back is ignored and rebuilt.
- **Pickle, restricted.** Records are pydantic models; pickle restores them about three times
  faster than validating their data again. The cache is the user's own folder, like a virtual
  environment, and is read with an unpickler that only builds the record, vocabulary and
  date classes it holds: a planted file cannot run code, it is ignored as corrupt.

`acsg --no-cache COMMAND` or `ACSG_NO_CACHE=1` reads without it; `acsg cache clear` deletes it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from acsg_cli.registry.records import FileResult, Registry
    from acsg_cli.registry.sources import SourceFile

DIRNAME = ".acsg_cache"
_FORMAT = 1
_open: list[Store] = []


def cache_dir(root: Path) -> Path:
    """`.acsg_cache/` in the folder that holds the registry folder."""
    return root.resolve().parent / DIRNAME


def clear(root: Path) -> Path | None:
    """Delete the cache beside the registry at `root`; its path if there was one."""
    folder = cache_dir(root)
    if not folder.is_dir():
        return None
    shutil.rmtree(folder)
    return folder


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def open_for(root: Path) -> Store:
    store = Store(root)
    _open.append(store)
    return store


def flush() -> None:
    """Save every cache opened in this run (with the positions found since loading)."""
    while _open:
        _open.pop().save()


@functools.cache
def fingerprint() -> str:
    """The version of everything a cached result depends on: the tool's own source (models,
    vocabularies, reader, rules: a change anywhere drops the cache) and the libraries it reads
    and validates with."""
    from importlib.util import find_spec

    import acsg_cli

    package = Path(acsg_cli.__file__).parent
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{_FORMAT} {acsg_cli.__version__}".encode())
    for library in ("pydantic", "pydantic_core", "pycountry", "yaml_rs"):
        # The installed version, from the name of its metadata folder: nothing is imported.
        spec = find_spec(library)
        if spec is not None and spec.origin:
            site = Path(spec.origin).parent.parent
            h.update(" ".join(p.name for p in sorted(site.glob(f"{library}-*.dist-info"))).encode())
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


Entry = tuple[int, bytes, "FileResult"]
"""Size, content hash, result."""


class Store:
    """The cache of one registry for one run: entries read on first use, changes written at the
    end of the run (`flush`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        from acsg_cli.registry.sources import RECORD_FOLDERS

        self._folders = {str(root / folder) for folder in RECORD_FOLDERS}
        resolved = str(root.resolve())
        self.path = cache_dir(root) / f"reads-{digest(resolved.encode()).hex()}.pickle"
        self._entries: dict[str, Entry] | None = None
        self.used: dict[str, Entry] = {}
        self.shown: dict[str, str] = {}
        self.raws: dict[str, bytes] = {}
        """Bytes already read this run (by the validation memo), by entry key."""
        self.dirty = False
        self.registry: Registry | None = None
        self.memo_path = self.path.with_name(self.path.name.replace("reads-", "result-"))
        self.memo: tuple[bytes, Any] | None = None

    @property
    def entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = self._read()
        return self._entries

    def key(self, source: SourceFile) -> str | None:
        """The entry key of a file inside the registry (files given from elsewhere are not kept)."""
        path = source.real_path
        if path is None or str(path.parent) not in self._folders:
            return None
        return f"{source.folder}/{source.name}"

    def read(self, key: str, source: SourceFile) -> bytes:
        raw = self.raws.pop(key, None)
        return source.read() if raw is None else raw

    def get(self, key: str, raw: bytes, shown: str) -> FileResult | None:
        entry = self.entries.get(key)
        self.shown[shown] = key
        if entry is not None and entry[0] == len(raw) and entry[1] == digest(raw):
            self.used[key] = entry
            return entry[2]
        return None

    def put(self, key: str, raw: bytes, result: FileResult) -> None:
        self.used[key] = (len(raw), digest(raw), result)
        self.dirty = True

    def run_key(self, sources: list[SourceFile], context: Any) -> bytes | None:
        """A digest of every file's bytes (read now, kept for loading) and of `context`; None
        when a file cannot be read or lies outside the registry."""
        h = hashlib.blake2b(repr(context).encode(), digest_size=16)
        for source in sources:
            key = self.key(source)
            if key is None:
                return None
            try:
                raw = self.raws[key] = source.read()
            except OSError:
                return None
            h.update(f"{key}\0{len(raw)}\0".encode())
            h.update(digest(raw))
        return h.digest()

    def recall(self, run_key: bytes) -> Any:
        """What `remember` kept for this run key, or None."""
        loaded = read_back(self.memo_path)
        if loaded is None or loaded[:3] != (_FORMAT, fingerprint(), run_key):
            return None
        return loaded[3]

    def remember(self, run_key: bytes, value: Any) -> None:
        """Keep a run's result (plain data) for a later run with the same key; written by `save`."""
        self.memo = (run_key, value)

    def save(self) -> None:
        """Write the entries of this run, with source maps made since, if anything changed."""
        if self.memo is not None:
            write_atomic(self.memo_path, (_FORMAT, fingerprint(), *self.memo))
            self.memo = None
        if self.registry is None and not self.dirty:
            return  # nothing was loaded: the entries are as they were
        self._add_positions()
        if not self.dirty and self.used.keys() == self.entries.keys():
            return
        if write_atomic(self.path, (_FORMAT, fingerprint(), self.used)):
            self._entries, self.dirty = dict(self.used), False

    def _add_positions(self) -> None:
        registry = self.registry
        if registry is None:
            return
        for source in registry.sources.values():
            key = self.shown.get(source.display)
            smap = source.positioned
            entry = self.used.get(key) if key is not None and smap is not None else None
            if key is not None and entry is not None and entry[2].source_map is None:
                from acsg_cli.registry.records import FileResult

                result = entry[2]
                kept = FileResult(result.record_id, result.record, result.problems, smap)
                self.used[key] = (entry[0], entry[1], kept)
                self.dirty = True

    def _read(self) -> dict[str, Entry]:
        loaded = read_back(self.path)
        if loaded is None or loaded[:2] != (_FORMAT, fingerprint()):
            return {}
        entries = loaded[2]
        return entries if isinstance(entries, dict) else {}


def write_atomic(path: Path, value: Any) -> bool:
    """Pickle `value` to `path` through a temporary file renamed over it; False if it cannot."""
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
    ("acsg_cli.registry.records", "FileResult"),
    ("datetime", "date"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
}


class _Unpickler(pickle.Unpickler):
    """Builds only the classes a cache holds; anything else is refused as corrupt."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED or module.startswith(_ALLOWED_MODULES):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not kept in a read cache")
