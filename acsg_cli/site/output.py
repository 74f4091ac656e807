"""Writing the site: only files whose content changed are rewritten, and files an earlier build
wrote that this one does not are removed, so a deploy's diff holds only what changed.

A manifest (`.acsg-site.json`) lists the files the last build wrote. A folder that has files
but no manifest is not a site this command wrote: it is refused rather than overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from acsg_cli.errors import UsageError

MANIFEST = ".acsg-site.json"


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


def read_manifest(out: Path) -> Manifest:
    """What the last build wrote into `out`; refuses a folder another tool filled."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out '{out}' is a file; give a folder")
    manifest = out / MANIFEST
    if not manifest.is_file():
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
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise UsageError(f"cannot read {manifest}; remove the folder and build again") from None
    kept = frozenset(f for f in files if isinstance(f, str) and _inside(f))
    return Manifest(kept, digest, inputs)


def _inside(relative: str) -> bool:
    parts = Path(relative).parts
    return bool(parts) and not Path(relative).is_absolute() and ".." not in parts


def write_changed(out: Path, files: Mapping[str, bytes], done: Written) -> None:
    """Write each file whose content differs from what is on disk (atomically)."""
    folders: set[Path] = set()
    for relative, content in files.items():
        path = out / relative
        try:
            if path.stat().st_size == len(content) and path.read_bytes() == content:
                done.unchanged += 1
                continue
        except FileNotFoundError:
            pass
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(content)
        tmp.replace(path)
        done.written.append(relative)


def remove_stale(out: Path, stale: Iterable[str], done: Written) -> None:
    """Remove files an earlier build wrote that this one does not, and folders left empty."""
    for relative in sorted(stale):
        path = out / relative
        if path.is_file() and not path.is_symlink():
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
    }
    text = json.dumps(data, indent=0) + "\n"
    path = out / MANIFEST
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
