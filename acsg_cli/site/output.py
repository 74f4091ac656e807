"""Writing the site: only files whose content changed are rewritten, and files an earlier build
wrote that this one does not are removed, so a deploy's diff holds only what changed.

A manifest (`.acsg-site.json`) lists the files the last build wrote. A folder that has files
but no manifest is not a site this command wrote: it is refused rather than overwritten.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from acsg_cli.errors import UsageError

MANIFEST = ".acsg-site.json"
BUILDING = ".acsg-site-building"
"""Present while a build writes, and its journal: each file the build writes is listed in it
before it is written. A build that finds it (the last one stopped halfway, having maybe
written some pages and some of the index) trusts neither the pages' keys nor the index, and
counts the files listed as written by an earlier build (removed unless written again)."""
STAGING = ".acsg-new-"
"""How the temporary folders of a build inside the output folder begin."""


@dataclass
class Written:
    """What a build did to the output folder."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Manifest:
    """The files a build wrote, and a digest of the pages its search index was built from."""

    files: frozenset[str] = frozenset()
    indexed_digest: str = ""
    inputs_digest: str = ""
    """The registry files and the tool's own files the site was built from."""
    pages: Mapping[str, str] = field(default_factory=dict)
    """Each page's digest of what it was rendered from (`build.PageKeys`)."""


def read_manifest(out: Path) -> Manifest:
    """What the last build wrote into `out`; refuses a folder another tool filled."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out '{out}' is a file; give a folder")
    manifest = out / MANIFEST
    journal = _journal(out)
    if not manifest.is_file():
        if journal is not None:  # a first build stopped halfway
            return Manifest(journal)
        if out.is_dir() and any(out.iterdir()):
            raise UsageError(
                f"--out '{out}' is not empty and was not written by `acsg site build`; "
                "give a new or empty folder"
            )
        return Manifest()
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        files, digest = data["files"], str(data.get("indexed_digest", ""))
        inputs = str(data.get("inputs_digest", ""))
        pages = {str(k): str(v) for k, v in dict(data.get("pages", {})).items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise UsageError(f"cannot read {manifest}; remove the folder and build again") from None
    _refuse_links(out)
    kept = frozenset(f for f in files if isinstance(f, str) and _inside(f))
    if journal is not None:
        return Manifest(kept | journal)
    return Manifest(kept, digest, inputs, pages)


def _refuse_links(out: Path) -> None:
    """Refuse a folder with a symbolic link anywhere below it: a site this command wrote has
    none, and publishing one could serve what it points to."""
    for top, folders, files in os.walk(out):
        for name in (*folders, *files):
            path = Path(top, name)
            if path.is_symlink():
                raise Folder(out).refuse(path.relative_to(out).as_posix())


def _journal(out: Path) -> frozenset[str] | None:
    """The files a stopped build listed in its marker (`BUILDING`); None when there is none."""
    found = Folder(out).file(BUILDING) if out.is_dir() else None  # refuses a link
    if found is None:
        return None
    try:
        lines = (out / BUILDING).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise _unwritable(out, exc) from None
    return frozenset(line for line in lines if line and _inside(line))


def building(out: Path, *, started: bool) -> None:
    """Mark the folder as being written (`started`: the marker is made, or kept with what an
    earlier stopped build listed in it), or no longer (see `BUILDING`)."""
    marker = out / BUILDING
    present = Folder(out).file(BUILDING) is not None  # refuses a link
    if started:
        if not present:
            marker.touch()
    elif present:
        marker.unlink()


def _inside(relative: str) -> bool:
    parts = Path(relative).parts
    return bool(parts) and not Path(relative).is_absolute() and ".." not in parts


class Folder:
    """The output folder, written only below itself: a symbolic link inside it (to a file or a
    folder) is refused, never written through, so a planted link cannot send a page elsewhere."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._safe: set[Path] = {out}

    def refuse(self, relative: str) -> UsageError:
        return UsageError(
            f"--out '{self.out}': {relative} is a symbolic link; the site is never written "
            "through links (remove it, or give another folder)"
        )

    def folder(self, relative: Path, *, make: bool) -> bool:
        """Whether the folder `relative` exists (made first with `make`), checking that neither
        it nor a folder above it inside the output is a link."""
        path = self.out / relative
        if path in self._safe:
            return True
        if relative.parent != relative and not self.folder(relative.parent, make=make):
            return False
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            if not make:
                return False
            with contextlib.suppress(FileExistsError):  # made meanwhile by another writer
                path.mkdir()
            mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            raise self.refuse(relative.as_posix())
        if not stat.S_ISDIR(mode):
            raise UsageError(f"--out '{self.out}': {relative.as_posix()} is not a folder")
        self._safe.add(path)
        return True

    def file(self, relative: str) -> os.stat_result | None:
        """The file's status (None when missing); a link is refused."""
        try:
            found = (self.out / relative).lstat()
        except FileNotFoundError:
            return None
        if stat.S_ISLNK(found.st_mode):
            raise self.refuse(relative)
        return found


def start(out: Path) -> Path:
    """Make the output folder (where missing), mark it as being written (`BUILDING`) and make
    a temporary folder inside it (on the same disk, so what is made in it can be renamed into
    place; `clear_staging` removes the ones a stopped build left); that folder."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        clear_staging(out)
        building(out, started=True)
        return Path(tempfile.mkdtemp(prefix=STAGING, dir=out))
    except OSError as exc:
        raise _unwritable(out, exc) from None


def clear_staging(out: Path) -> None:
    for left in out.glob(f"{STAGING}*"):
        if left.is_dir() and not left.is_symlink():
            shutil.rmtree(left, ignore_errors=True)


class Writer:
    """Writes files into the output folder so that readers see the old page or the new one,
    never a torn one: a file in a folder that exists is replaced atomically (only when its
    content changed, never through a link); a file in a top folder that does not exist yet
    (all of a first build) is written in the staging folder `stage`, and `finish` renames each
    such top folder into place whole. Several processes may write the same build, each with a
    `Writer` over the same `stage`, as long as they write different files; one calls `finish`
    once they are all done."""

    def __init__(self, out: Path, stage: Path, done: Written, *, journal: bool = True) -> None:
        self.out, self.stage, self.done = out, stage, done
        self._target = Folder(out)
        self._new: dict[str, bool] = {}
        self._made: set[Path] = set()
        self._journal: int | None = None
        self._journaled = not journal

    def _list(self, relative: str) -> None:
        """List the file in the build's marker before it is written (see `BUILDING`)."""
        if self._journaled:
            return
        if self._journal is None:
            if self._target.file(BUILDING) is None:  # refuses a link
                self._journaled = True  # no build under way (a lone write): nothing to list
                return
            self._journal = os.open(self.out / BUILDING, os.O_WRONLY | os.O_APPEND)
        os.write(self._journal, relative.encode("utf-8") + b"\n")  # one write: whole lines

    def close(self) -> None:
        """Close the journal (a writer's files are all listed once it is closed)."""
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None

    def _is_new(self, top: str) -> bool:
        found = self._new.get(top)
        if found is None:
            found = self._new[top] = self._target.file(top) is None
        return found

    def write(self, relative: str, content: bytes) -> None:
        from acsg_cli.yamlio.writer import WriteError, atomic_write_bytes

        try:
            if "/" in relative and self._is_new(relative.split("/", 1)[0]):
                path = self.stage / relative
                if path.parent not in self._made:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    self._made.add(path.parent)
                self._list(relative)
                path.write_bytes(content)  # a folder this build made: nothing there to follow
                self.done.written.append(relative)
                return
            self._target.folder(Path(relative).parent, make=True)
            path = self.out / relative
            found = self._target.file(relative)
            if found and found.st_size == len(content) and path.read_bytes() == content:
                self.done.unchanged += 1
                return
            self._list(relative)
            atomic_write_bytes(path, content, shown=str(path), sync=False)
            self.done.written.append(relative)
        except WriteError as exc:
            raise UsageError(str(exc)) from None
        except OSError as exc:
            raise _unwritable(self.out, exc) from None

    def exists(self, relative: str) -> bool:
        """Whether the file is in the output folder already (a link is refused)."""
        if "/" in relative and self._is_new(relative.split("/", 1)[0]):
            return False
        found = self._target.file(relative)
        return found is not None and stat.S_ISREG(found.st_mode)

    def finish(self) -> None:
        """Rename into place the new top folders written in the staging folder."""
        try:
            for top in sorted(p.name for p in self.stage.iterdir()):
                (self.stage / top).rename(self.out / top)
        except OSError as exc:
            raise _unwritable(self.out, exc) from None


def _unwritable(out: Path, exc: OSError) -> UsageError:
    return UsageError(f"cannot write the site into '{out}': {exc.strerror or exc}")


def write_changed(out: Path, files: Mapping[str, bytes], done: Written) -> None:
    """Write each file whose content differs from what is on disk, as `Writer` does."""
    try:
        stage = Path(tempfile.mkdtemp(prefix=STAGING, dir=out))
    except OSError as exc:
        raise _unwritable(out, exc) from None
    writer = Writer(out, stage, done, journal=False)
    try:
        for relative, content in files.items():
            writer.write(relative, content)
        writer.finish()
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def remove_stale(out: Path, stale: Iterable[str], done: Written) -> None:
    """Remove files an earlier build wrote that this one does not, and folders left empty
    (nothing behind a link is touched)."""
    target = Folder(out)
    for relative in sorted(stale):
        path = out / relative
        try:
            if not target.folder(Path(relative).parent, make=False):
                continue
            found = target.file(relative)
        except UsageError:
            continue
        if found is not None and stat.S_ISREG(found.st_mode):
            path.unlink()
            done.removed.append(relative)
            parent = path.parent
            while parent != out and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent


def up_to_date(out: Path, inputs_digest: str) -> bool:
    """Whether `out` holds every file of a build from the same inputs (nothing to do)."""
    manifest = read_manifest(out)
    return (
        bool(manifest.files)
        and manifest.inputs_digest == inputs_digest
        and all((out / f).is_file() for f in manifest.files)
    )


def write_manifest(out: Path, manifest: Manifest) -> None:
    data = {
        "files": sorted(manifest.files),
        "indexed_digest": manifest.indexed_digest,
        "inputs_digest": manifest.inputs_digest,
        "pages": dict(sorted(manifest.pages.items())),
    }
    text = json.dumps(data, indent=0) + "\n"
    write_changed(out, {MANIFEST: text.encode("utf-8")}, Written())
