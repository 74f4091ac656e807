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
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acsg_cli.registry.pickled import dumps, loads, read_back, write_atomic

if TYPE_CHECKING:
    from acsg_cli.problems import Problem
    from acsg_cli.registry.records import FileResult, Registry
    from acsg_cli.registry.sources import SourceFile

DIRNAME = ".acsg_cache"
_UNSEEN = "\0"
_FORMAT = 2
_open: list[Store] = []


def cache_dir(root: Path) -> Path:
    """`.acsg_cache/` in the folder that holds the registry folder."""
    return root.resolve().parent / DIRNAME


def clear(root: Path) -> Path | None:
    """Delete the cache beside the registry at `root`; its path if there was one."""
    import shutil

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


def forget() -> None:
    """Leave the caches opened in this run unsaved: another process saved them (`flush`)."""
    _open.clear()


@functools.cache
def fingerprint() -> str:
    """The version of everything a cached result depends on: the tool's own files, by content
    (models, vocabularies, reader, rules, messages: a change anywhere drops the cache, and the
    tool's version number says nothing more), and the libraries it reads and validates with."""
    from importlib.util import find_spec

    import acsg_cli

    package = os.path.dirname(acsg_cli.__file__)  # noqa: PTH120 - strings: read every run
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{_FORMAT}".encode())
    for library in ("pydantic", "pydantic_core", "pycountry", "yaml_rs"):
        # The installed version, from the name of its metadata folder: nothing is imported.
        spec = find_spec(library)
        if spec is not None and spec.origin:
            site = Path(spec.origin).parent.parent
            h.update(" ".join(p.name for p in sorted(site.glob(f"{library}-*.dist-info"))).encode())
    files: list[str] = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        files.extend(os.path.join(folder, name) for name in names)  # noqa: PTH118
    for path in sorted(files):
        h.update(os.path.relpath(path, package).encode() + b"\0")
        with open(path, "rb") as fh:  # noqa: PTH123
            h.update(fh.read())
    return h.hexdigest()


Head = tuple[str | None, tuple[Any, ...], str | None, str | None]
"""What a file gives without its record: the id it declares, its own problems, and the kind and
id of its record if it has a valid one."""
Entry = tuple[int, bytes, Head, bytes | None, bytes | None]
"""Size, content hash, head, the record pickled, its source map pickled (once one was made)."""


class Store:
    """The cache of one registry for one run: entries read on first use, changes written at the
    end of the run (`flush`).

    Records stay pickled until read (`lazy.Deferred`): a command that shows one record restores
    it and what it looks at. The cross-file checks' findings are kept for the registry's state
    (every file's name and bytes, in order) and given again while it is unchanged.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        from acsg_cli.registry.sources import RECORD_FOLDERS

        self._folders = {str(root / folder) for folder in RECORD_FOLDERS}
        resolved = str(root.resolve())
        self.path = cache_dir(root) / f"reads-{digest(resolved.encode()).hex()}.pickle"
        self._loaded: tuple[dict[str, Entry], Any] | None = None
        self.used: dict[str, Entry] = {}
        self.fresh: dict[str, tuple[int, bytes, FileResult]] = {}
        """Results made this run, pickled into entries when the cache is saved."""
        self.shown: dict[str, str] = {}
        self.sources: dict[str, SourceFile] = {}
        self.raws: dict[str, bytes] = {}
        """Bytes already read this run (by `run_key`), by entry key."""
        self._hashes: dict[str, bytes] = {}
        self._keys: dict[str, str | None] = {}
        self._state: Any = hashlib.blake2b(digest_size=16)
        self._state_known = True
        self.checked: tuple[bytes, list[tuple[Any, ...]]] | None = None
        self.dirty = False
        self.registry: Registry | None = None
        self.memos: dict[str, tuple[bytes, Any]] = {}

    @property
    def entries(self) -> dict[str, Entry]:
        if self._loaded is None:
            self._loaded = self._read()
        return self._loaded[0]

    def key(self, source: SourceFile) -> str | None:
        """The entry key of a file inside the registry (files given from elsewhere are not kept)."""
        key = self._keys.get(source.display, _UNSEEN)
        if key is _UNSEEN:  # each file is first seen once a run: no exception raised for it
            key = self._keys[source.display] = self._key(source)
        return key

    def _key(self, source: SourceFile) -> str | None:
        path = source.location
        if path is None or path.rpartition(os.sep)[0] not in self._folders:
            return None
        return f"{source.folder}/{source.name}"

    def read(self, key: str, source: SourceFile) -> bytes:
        """The file's bytes (hashed, and counted in the registry's state)."""
        raw = self.raws.pop(key, None)
        if raw is None:
            raw = source.read()
        hashed = self._hashes[key] = digest(raw)
        self._state.update(f"{source.display}\0{key}\0{len(raw)}\0".encode())
        self._state.update(hashed)
        self.sources[key] = source
        return raw

    def unknown_state(self) -> None:
        """A file of this run is not kept (unreadable, or from outside the registry)."""
        self._state_known = False

    def get(self, key: str, raw: bytes, shown: str) -> FileResult | None:
        entry = self.entries.get(key)
        self.shown[shown] = key
        hashed = self._hashes.get(key) or digest(raw)
        if entry is None or entry[0] != len(raw) or entry[1] != hashed:
            return None
        try:
            result = self._result(key, entry)
        except Exception:
            return None  # an entry that does not read back is made again
        self.used[key] = entry
        return result

    def _result(self, key: str, entry: Entry) -> FileResult:
        from acsg_cli.registry.lazy import Deferred
        from acsg_cli.registry.records import FileResult
        from acsg_cli.yamlio.document import SourceMap

        record_id, problems, kind, rid = entry[2]
        smap = None if entry[4] is None else loads(entry[4])
        if smap is not None and not isinstance(smap, SourceMap):
            raise pickle.UnpicklingError("not a source map")
        record = None
        if kind is not None and rid is not None and entry[3] is not None:
            record = Deferred(kind, rid, functools.partial(self._restore, key, kind, rid))
        return FileResult(record_id, record, tuple(problems), smap)

    def _restore(self, key: str, kind: str, rid: str) -> Any:
        """The record of a used entry; read from its file again if the entry does not give it."""
        blob = self.used[key][3]
        try:
            record = loads(blob) if blob is not None else None
        except Exception:
            record = None
        if getattr(record, "kind", None) == kind and getattr(record, "id", None) == rid:
            return record
        from acsg_cli.errors import DataError
        from acsg_cli.registry.files import load_file

        source = self.sources[key]
        raw = source.read()
        result = load_file(source.folder, source.name, raw)
        again = result.record
        if getattr(again, "kind", None) != kind or getattr(again, "id", None) != rid:
            raise DataError(f"{source.display} changed while it was read; run the command again")
        self.put(key, raw, result)
        return again

    def put(self, key: str, raw: bytes, result: FileResult) -> None:
        self.fresh[key] = (len(raw), self._hashes.get(key) or digest(raw), result)
        self.dirty = True

    def cross_checked(self) -> list[Problem] | None:
        """The cross-file checks' findings kept for this very state of the registry, or None."""
        self.entries  # noqa: B018 - the kept findings come with the entries
        kept = self._loaded[1] if self._loaded is not None else None
        state = self.state()
        if state is None or not isinstance(kept, tuple) or kept[0] != state:
            return None
        from acsg_cli.problems import Problem, Severity

        try:
            return [
                Problem(f, ln, col, code, Severity(sev), msg)
                for f, ln, col, code, sev, msg in kept[1]
            ]
        except (TypeError, ValueError):
            return None

    def keep_cross_checked(self, problems: list[Problem]) -> None:
        state = self.state()
        if state is not None:
            rows = [
                (p.file, p.line, p.column, p.code, p.severity.value, p.message) for p in problems
            ]
            self.checked = (state, rows)
            self.dirty = True

    def state(self) -> bytes | None:
        """A digest of every file read this run (names and bytes, in order); None if one is not
        kept."""
        return self._state.digest() if self._state_known else None

    def run_key(self, sources: list[SourceFile], context: Any) -> bytes | None:
        """A digest of every file's bytes (read now, kept for loading) and of `context`; None
        when a file cannot be read or lies outside the registry."""
        h = hashlib.blake2b(repr(context).encode(), digest_size=16)
        raws = self.raws
        for source in sources:
            key = self.key(source)
            if key is None:
                return None
            try:
                raw = raws[key] = source.read()
            except OSError:
                return None
            # Each file's bytes after its name and length, so no two registries read alike.
            h.update(f"{key}\0{len(raw)}\0".encode())
            h.update(raw)
        return h.digest()

    def memo_path(self, slot: str) -> Path:
        """The file keeping the last result of one kind of run (`result`: validation)."""
        return self.path.with_name(self.path.name.replace("reads-", f"{slot}-"))

    def recall(self, run_key: bytes, slot: str = "result") -> Any:
        """What `remember` kept for this run key, or None."""
        loaded = read_back(self.memo_path(slot))
        if loaded is None or loaded[:3] != (_FORMAT, fingerprint(), run_key):
            return None
        return loaded[3]

    def remember(self, run_key: bytes, value: Any, slot: str = "result") -> None:
        """Keep a run's result (plain data) for a later run with the same key; written by `save`."""
        self.memos[slot] = (run_key, value)

    def save(self) -> None:
        """Write the entries of this run, with source maps made since, if anything changed."""
        for slot, memo in self.memos.items():
            write_atomic(self.memo_path(slot), (_FORMAT, fingerprint(), *memo))
        self.memos = {}
        if self.registry is None and not self.dirty:
            return  # nothing was loaded: the entries are as they were
        self._add_positions()
        if not self.dirty and self.used.keys() == self.entries.keys():
            return
        entries = dict(self.used)
        for key, (size, hashed, result) in self.fresh.items():
            entries[key] = _entry(size, hashed, result)
        kept = self.checked if self.checked is not None else self._loaded_checked()
        if write_atomic(self.path, (_FORMAT, fingerprint(), entries, kept)):
            self._loaded, self.used, self.fresh, self.dirty = (entries, kept), entries, {}, False

    def _loaded_checked(self) -> Any:
        kept = self._loaded[1] if self._loaded is not None else None
        return kept if isinstance(kept, tuple) and kept[0] == self.state() else None

    def _add_positions(self) -> None:
        registry = self.registry
        if registry is None:
            return
        from acsg_cli.registry.records import FileResult

        for source in registry.sources.values():
            smap = source.positioned
            key = self.shown.get(source.display) if smap is not None else None
            if key is None:
                continue
            if key in self.fresh:
                size, hashed, result = self.fresh[key]
                if result.source_map is None:
                    kept = FileResult(result.record_id, result.record, result.problems, smap)
                    self.fresh[key] = (size, hashed, kept)
                    self.dirty = True
            elif key in self.used and self.used[key][4] is None:
                size, hashed, head, blob, _none = self.used[key]
                self.used[key] = (size, hashed, head, blob, dumps(smap))
                self.dirty = True

    def _read(self) -> tuple[dict[str, Entry], Any]:
        loaded = read_back(self.path)
        if loaded is None or len(loaded) != 4 or loaded[:2] != (_FORMAT, fingerprint()):
            return {}, None
        entries = loaded[2]
        return (entries, loaded[3]) if isinstance(entries, dict) else ({}, None)


def _entry(size: int, hashed: bytes, result: FileResult) -> Entry:
    record = result.record
    if record is not None and not hasattr(record, "model_dump"):
        record = record.restore()  # a deferred record that was never read: pickle it again
    head: Head = (
        result.record_id,
        result.problems,
        None if record is None else record.kind,
        None if record is None else record.id,
    )
    smap = None if result.source_map is None else dumps(result.source_map)
    return (size, hashed, head, None if record is None else dumps(record), smap)
