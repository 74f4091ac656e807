"""Writing the portal: a changed record rewrites only the pages that show it, the search index
only when what it is built from changed, and never a file through a link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from acsg_cli.cli import app
from acsg_cli.errors import UsageError
from acsg_cli.registry import load_registry
from acsg_cli.site import build_site, search
from acsg_cli.site.build import context
from acsg_cli.site.output import MANIFEST, STAGING
from tests.conftest import StrictRunner
from tests.site.registries import CANARIES, portal_registry


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return portal_registry(tmp_path / "data")


@pytest.fixture
def site(data: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build_site(load_registry(data), out)
    return out


def _stamps(site: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def test_a_first_build_leaves_no_temporary_folder(site: Path) -> None:
    assert not list(site.glob(f"{STAGING}*"))
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "requests" / "REQ-2021-001.html").stat().st_mode & 0o777 == 0o644


def test_a_changed_title_rewrites_exactly_the_pages_that_show_it(data: Path, site: Path) -> None:
    path = data / "requests" / "REQ-2021-002.yaml"
    path.write_text(path.read_text().replace("An appeals body for Niger", "Appeals in Niamey"))
    before = _stamps(site)
    result = build_site(load_registry(data), site)
    showing = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "Appeals in Niamey" in p.read_text(encoding="utf-8")
    }
    assert "requests/REQ-2021-002.html" in showing and "matches/index.html" in showing
    assert {w for w in result.written if w.endswith(".html")} == showing
    assert result.indexed  # the title is searched
    written = {*result.written, MANIFEST}
    untouched = {p for p in before if p.relative_to(site).as_posix() not in written}
    assert [p for p in untouched if p.exists() and p.stat().st_mtime_ns != before[p]] == []


def test_a_change_no_page_shows_rewrites_no_page_and_keeps_the_index(
    data: Path, site: Path
) -> None:
    path = data / "requests" / "REQ-2021-001.yaml"
    path.write_text(path.read_text().replace("canary.contact@", "canary.other@"))
    before = _stamps(site)
    result = build_site(load_registry(data), site)
    assert result.written == [] and result.removed == [] and not result.indexed
    assert _stamps(site) == before


def test_an_unchanged_registry_through_the_command_rewrites_nothing(data: Path, site: Path) -> None:
    """The manifest's digest of the inputs is written by the command; then nothing changes."""
    runner = StrictRunner()
    args = ["site", "build", "--data", str(data), "--out", str(site)]
    assert runner.invoke(app, args).exit_code == 0
    before = _stamps(site)
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "up to date" in result.output
    assert _stamps(site) == before


def test_the_search_entries_hold_the_facets_and_only_shared_text(data: Path) -> None:
    ctx = context(load_registry(data))
    found = {e.url: e for e in search.entries(ctx)}
    offer = found["offers/OFF-2021-001.html"]
    assert offer.title == "France" and offer.kind == "Offer"
    match = found["matches/MAT-2021-001.html"]
    assert match.title == "Chad – France"
    assert "Forty caseworkers trained on interviews." in match.words  # its progress updates
    assert any("interview techniques" in w for w in offer.words)  # the expertise offered
    assert "France" in offer.words and "MAT-2021-001" in match.words
    # facets by code: the search page names them in its language
    assert dict(match.filters)["stage"] == ("in_implementation",)
    assert dict(match.filters)["region"] == ("west_central_africa",)
    assert "West and Central Africa" not in match.words and "RSD procedures" in match.words
    every = "".join(e.document() for e in found.values()).lower()
    assert "withheld" in found["requests/REQ-2021-004.html"].document()
    assert [c for c in CANARIES if c.lower() in every] == []


def test_record_text_in_a_search_entry_stays_text() -> None:
    """Pagefind takes an entry as text, not markup: it goes as written (entities would be
    indexed as words), and the search page shows it as text."""
    entry = search.Entry(
        url="offers/OFF-1.html",
        lang="en",
        title="<script>x</script>",
        kind="Offer",
        words=('a "b" & <i>c</i> in Côte d\'Ivoire', "R&D."),
        filters=(("area", ("<b>",)),),
    )
    document = entry.document()
    assert document == '<script>x</script>. Offer. a "b" & <i>c</i> in Côte d\'Ivoire. R&D.'
    record = entry.record()
    assert record["content"] == document and record["meta"]["title"] == "<script>x</script>"
    assert record["filters"] == {"area": ["<b>"]} and "&amp;" not in str(record)


def test_a_linked_page_is_refused_and_its_target_untouched(
    data: Path, site: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.html"
    outside.write_text("mine")
    page = site / "requests" / "REQ-2021-002.html"
    page.unlink()
    page.symlink_to(outside)
    path = data / "requests" / "REQ-2021-002.yaml"
    path.write_text(path.read_text().replace("An appeals body", "A new appeals body"))
    with pytest.raises(UsageError, match=r"REQ-2021-002\.html is a symbolic link"):
        build_site(load_registry(data), site)
    assert outside.read_text() == "mine" and page.is_symlink()


def _moved_behind_a_link(folder: Path, elsewhere: Path) -> Path:
    """Move `folder` out of the site and leave a link to it in its place."""
    folder.rename(elsewhere)
    folder.symlink_to(elsewhere, target_is_directory=True)
    return elsewhere


def test_a_linked_folder_is_refused_through_the_command(
    data: Path, site: Path, tmp_path: Path
) -> None:
    elsewhere = _moved_behind_a_link(site / "offers", tmp_path / "elsewhere")
    stamps = {p: p.stat().st_mtime_ns for p in elsewhere.iterdir()}
    path = data / "offers" / "OFF-2021-001.yaml"
    path.write_text(path.read_text().replace("interview techniques", "interviewing"))
    result = StrictRunner().invoke(app, ["site", "build", "--data", str(data), "--out", str(site)])
    assert result.exit_code == 2
    assert "offers is a symbolic link" in result.output and "Traceback" not in result.output
    assert {p: p.stat().st_mtime_ns for p in elsewhere.iterdir()} == stamps
    assert not list(site.glob(f"{STAGING}*"))


def test_a_stale_file_behind_a_linked_folder_is_not_removed(
    data: Path, site: Path, tmp_path: Path
) -> None:
    elsewhere = _moved_behind_a_link(site / "countries", tmp_path / "elsewhere")
    (data / "requests" / "REQ-2021-003.yaml").unlink()  # Ecuador's page goes
    with pytest.raises(UsageError):
        build_site(load_registry(data), site)
    assert (elsewhere / "ECU.html").is_file()
    assert os.path.islink(site / "countries")


@pytest.mark.parametrize("planted", ["matches/evil.html", "index.html"])
def test_a_link_anywhere_is_refused_even_when_nothing_changed(
    data: Path, site: Path, tmp_path: Path, planted: str
) -> None:
    """An unchanged registry is no reason to publish a link planted in the folder."""
    command = ["site", "build", "--data", str(data), "--out", str(site)]
    assert StrictRunner().invoke(app, command).exit_code == 0  # records what it was built from
    assert "up to date" in StrictRunner().invoke(app, command).output
    outside = tmp_path / "outside.txt"
    outside.write_text("not for the site")
    link = site / planted
    link.unlink(missing_ok=True)
    link.symlink_to(outside)
    result = StrictRunner().invoke(app, command)
    assert result.exit_code == 2, result.output
    assert f"{planted} is a symbolic link" in result.output
    assert outside.read_text() == "not for the site"
