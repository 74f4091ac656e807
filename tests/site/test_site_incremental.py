"""Rebuilding the portal: only the pages whose inputs changed are rendered again, and what a
rebuild leaves is what a fresh build of the same registry writes, byte for byte, whatever
changed in between (edits, new records, removed records, a new translation); a build shared
between two processes writes the same site as one process does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from acsg_cli.registry import load_registry
from acsg_cli.site import build_site
from acsg_cli.site.output import BUILDING, MANIFEST
from tests.site.registries import portal_registry

UNSTABLE = re.compile(r"pagefind/(filter/[^/]+|pagefind-entry\.json|pagefind\.[^/]+\.pf_meta)")
"""Index files Pagefind does not write the same twice from the same pages (named by a digest
of content whose order varies); compared by their number only."""


def _files(site: Path) -> dict[str, bytes]:
    """Every file of the site, the manifest with the unstable files' names left out."""
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    manifest = json.loads(files[MANIFEST])
    manifest["files"] = [f for f in manifest["files"] if not UNSTABLE.fullmatch(f)]
    files[MANIFEST] = json.dumps(manifest).encode()
    return files


def assert_same_site(one: Path, other: Path) -> None:
    first, second = _files(one), _files(other)
    stable = sorted(p for p in first if not UNSTABLE.fullmatch(p))
    assert stable == sorted(p for p in second if not UNSTABLE.fullmatch(p))
    assert [p for p in stable if first[p] != second[p]] == []
    assert len(first) == len(second)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return portal_registry(tmp_path / "data")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _change(data: Path) -> None:
    """A title edited, an offer and a match added, a match removed, a translation added."""
    _edit(data / "requests" / "REQ-2021-002.yaml", "An appeals body for Niger", "Niamey appeals")
    offer = (data / "offers" / "OFF-2021-001.yaml").read_text(encoding="utf-8")
    new_offer = offer.replace("OFF-2021-001", "OFF-2021-003").replace("FRA", "DEU")
    (data / "offers" / "OFF-2021-003.yaml").write_text(new_offer, encoding="utf-8")
    (data / "matches" / "MAT-2021-004.yaml").write_text(
        "id: MAT-2021-004\nrequest: REQ-2021-003\noffers: [OFF-2021-003]\nstatus: proposed\n"
        "proposed_on: 2021-07-01\nhistory:\n  - {on: 2021-07-01, status: proposed}\n",
        encoding="utf-8",
    )
    (data / "matches" / "MAT-2021-002.yaml").unlink()
    _edit(
        data / "requests" / "REQ-2021-003.yaml",
        "support_types: [technical, material]\n",
        "support_types: [technical, material]\n"
        "translations:\n  fr: {title: Enregistrement en Équateur}\n",
    )


@pytest.mark.parametrize("processes", [1, 2])
def test_a_rebuild_after_changes_is_the_fresh_build(
    data: Path, tmp_path: Path, processes: int
) -> None:
    rebuilt = tmp_path / "rebuilt"
    first = build_site(load_registry(data), rebuilt, processes=processes)
    assert first.rendered == first.pages
    _change(data)
    registry = load_registry(data)
    assert {"OFF-2021-003", "MAT-2021-004"} <= set(registry.offers) | set(registry.matches)
    again = build_site(registry, rebuilt, processes=processes)
    assert 0 < again.rendered < again.pages  # only what the changes reach
    assert "matches/MAT-2021-002.html" in again.removed
    assert (rebuilt / "fr" / "requests" / "REQ-2021-003.html").is_file()
    fresh = tmp_path / "fresh"
    build_site(load_registry(data), fresh, processes=processes)
    assert_same_site(rebuilt, fresh)


def test_an_unchanged_registry_renders_no_page(data: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(load_registry(data), site)
    again = build_site(load_registry(data), site)
    assert again.rendered == 0 and again.written == [] and not again.indexed


def test_a_missing_page_is_rendered_again(data: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(load_registry(data), site)
    page = site / "offers" / "OFF-2021-001.html"
    text = page.read_bytes()
    page.unlink()
    again = build_site(load_registry(data), site)
    assert again.rendered == 1 and again.written == ["offers/OFF-2021-001.html"]
    assert page.read_bytes() == text


def test_two_processes_write_what_one_does(data: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    build_site(load_registry(data), one, processes=1)
    result = build_site(load_registry(data), two, processes=2)
    assert result.rendered == result.pages and result.indexed
    assert_same_site(one, two)


def test_a_build_stopped_halfway_leaves_no_key_trusted(data: Path, tmp_path: Path) -> None:
    """A page written by a build that stopped, then the registry back as it was: the page is
    rendered again, not kept by its old key."""
    site = tmp_path / "site"
    build_site(load_registry(data), site)
    page = site / "offers" / "OFF-2021-001.html"
    original = page.read_bytes()
    page.write_bytes(b"written by a build that stopped")
    (site / BUILDING).touch()
    again = build_site(load_registry(data), site)
    assert page.read_bytes() == original and not (site / BUILDING).exists()
    assert again.rendered == again.pages and again.indexed


def _stopped_build(data: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build of `data` into `site` that stops when it comes to the search index, having
    written its pages."""
    from acsg_cli.errors import UsageError
    from acsg_cli.site import search

    def fail(found: object) -> dict[str, bytes]:
        raise UsageError("cannot build the search index: Pagefind stopped")

    with monkeypatch.context() as patched:
        patched.setattr(search, "build_index", fail)
        with pytest.raises(UsageError, match="Pagefind stopped"):
            build_site(load_registry(data), site)


def _is_fresh(data: Path, site: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    build_site(load_registry(data), fresh)
    assert_same_site(site, fresh)


def test_a_page_a_stopped_build_wrote_goes_when_its_record_does(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stopped rebuild lists what it writes in its marker: the page it wrote for a new
    record is removed once the record is gone, as a fresh build would not have it."""
    site = tmp_path / "site"
    build_site(load_registry(data), site)
    new = data / "offers" / "OFF-2021-009.yaml"
    text = (data / "offers" / "OFF-2021-001.yaml").read_text(encoding="utf-8")
    new.write_text(text.replace("OFF-2021-001", "OFF-2021-009"), encoding="utf-8")
    _stopped_build(data, site, monkeypatch)
    assert (site / "offers" / "OFF-2021-009.html").is_file() and (site / BUILDING).is_file()
    new.unlink()
    again = build_site(load_registry(data), site)
    assert "offers/OFF-2021-009.html" in again.removed
    _is_fresh(data, site, tmp_path)


def test_a_stopped_first_build_is_finished_by_the_next(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build that stopped leaves a folder the next build takes as its own."""
    site = tmp_path / "site"
    _stopped_build(data, site, monkeypatch)
    assert (site / "index.html").is_file()
    build_site(load_registry(data), site)
    _is_fresh(data, site, tmp_path)


def test_the_index_is_built_again_by_a_new_tool(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search index is the tool's work too: a new version indexes again."""
    from acsg_cli.site import build

    site = tmp_path / "site"
    build_site(load_registry(data), site)
    monkeypatch.setattr(build, "_tool_digest", lambda: b"another version")
    again = build_site(load_registry(data), site)
    assert again.indexed and again.rendered == again.pages
