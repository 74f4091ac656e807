"""`acsg site build`: a page per record, sound links, only the site's own resources, nothing
confidential, and only changed files rewritten."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from acsg_cli.cli import app
from acsg_cli.registry import load_registry
from acsg_cli.render.safety import SITE_CSP
from acsg_cli.site import build_site
from acsg_cli.site.build import inputs_digest
from tests.conftest import StrictRunner
from tests.site import sitecheck
from tests.site.registries import CANARIES, portal_registry


def _build(data: Path, out: Path) -> Path:
    result = StrictRunner().invoke(app, ["site", "build", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "search index rebuilt" in result.output
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One registry and its site, built once, for the tests that only read them."""
    root = tmp_path_factory.mktemp("portal")
    data = portal_registry(root / "data")
    return data, _build(data, root / "site")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return portal_registry(tmp_path / "data")


@pytest.fixture
def site(data: Path, tmp_path: Path) -> Path:
    """A site of its own, for the tests that change it or its registry."""
    return _build(data, tmp_path / "site")


def test_a_page_for_every_record_and_the_listings(built: tuple[Path, Path]) -> None:
    data, site = built
    registry = load_registry(data)
    kinds = {"requests": 0, "offers": 0, "matches": 0, "practices": 0}
    for record in registry.records():
        folder = {"request": "requests", "offer": "offers", "match": "matches"}.get(
            record.kind, "practices"
        )
        kinds[folder] += 1
        assert (site / folder / f"{record.id}.html").is_file(), record.id
    assert all(kinds.values()), kinds  # every kind is in the registry, and has its pages
    for folder, count in kinds.items():
        assert (site / folder / "index.html").is_file()
        pages = {p.stem for p in (site / folder).glob("*-*.html")}
        assert len(pages) == count, folder  # and no page of a record that is not
    for page in (
        "index.html",
        "browse.html",
        "search.html",
        "countries/TCD.html",
        "countries/FRA.html",
    ):
        assert (site / page).is_file(), page


def test_links_resolve_and_nothing_comes_from_another_server(built: tuple[Path, Path]) -> None:
    site = built[1]
    assert sitecheck.broken_links(site) == []
    assert sitecheck.external_resources(site) == []
    assert sitecheck.outside_links(site) == []
    print_css = (site / "assets" / "print.css").read_text()
    assert "display: none" in print_css and "@page" in print_css
    for path in sitecheck.pages(site):
        page = sitecheck.parse(path)
        assert page.csp == SITE_CSP, path
        assert ("link", f"{'../' * (len(path.relative_to(site).parts) - 1)}assets/print.css") in (
            page.links
        ), path
        assert page.headings[0] == 1 and page.headings.count(1) == 1, path
        steps = zip(page.headings, page.headings[1:], strict=False)
        assert all(b <= a + 1 for a, b in steps), (path, page.headings)


def test_the_link_checker_finds_a_broken_link(built: tuple[Path, Path], tmp_path: Path) -> None:
    site = Path(shutil.copytree(built[1], tmp_path / "copy"))
    page = site / "matches" / "MAT-2021-001.html"
    page.write_text(page.read_text().replace("../offers/OFF-2021-001.html", "../offers/OFF-9.html"))
    assert any("OFF-9.html" in b for b in sitecheck.broken_links(site))


def test_the_link_checker_reads_a_site_given_by_a_relative_path(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Links are resolved against their page's folder whatever path names the site: a sound
    site is sound from a relative path (`#main` included), and each kind of broken link is
    still found: a missing file, a missing id, a way out of the site."""
    site = Path(shutil.copytree(built[1], tmp_path / "copy"))
    (tmp_path / "outside.html").write_text("<p id=x>not the site</p>")
    monkeypatch.chdir(tmp_path)
    assert sitecheck.broken_links(Path("copy")) == []
    assert sitecheck.broken_links(Path("copy/../copy")) == []
    page = site / "offers" / "OFF-2021-001.html"
    html = page.read_text()
    html = html.replace('href="#main"', 'href="#nowhere"')
    html = html.replace("../matches/MAT-2021-001.html", "../matches/MAT-2021-999.html")
    html = html.replace("../index.html", "../../outside.html", 1)
    page.write_text(html)
    broken = sitecheck.broken_links(Path("copy"))
    assert "offers/OFF-2021-001.html: <a> #nowhere (no such id)" in broken
    assert "offers/OFF-2021-001.html: <a> ../matches/MAT-2021-999.html" in broken
    assert "offers/OFF-2021-001.html: <a> ../../outside.html" in broken
    assert len(broken) == 3, broken


def test_the_resource_scan_reads_every_file(built: tuple[Path, Path], tmp_path: Path) -> None:
    """A font, a style sheet, a script or an image from another server, in a page, a style
    sheet or a script, is found; so is a link a browser would run, or one without rel."""
    site = Path(shutil.copytree(built[1], tmp_path / "copy"))
    (site / "assets" / "site.css").write_text(
        '@import "https://fonts.example/css";\nh1 { background: url(//cdn.example/a.png) }'
    )
    (site / "assets" / "filter.js").write_text('import x from "https://cdn.example/x.js";')
    page = site / "browse.html"
    page.write_text(
        page.read_text().replace(
            "</main>",
            '<img src="https://tracker.example/p.gif" alt="">'
            '<a href="javascript:alert(1)">x</a><a href="https://a.example/">y</a></main>',
        )
    )
    found = sitecheck.external_resources(site)
    assert "assets/site.css: url(https://fonts.example/css)" in found
    assert "assets/site.css: url(//cdn.example/a.png)" in found
    assert "assets/filter.js: https://cdn.example/x.js" in found
    assert "browse.html: <img> https://tracker.example/p.gif" in found
    assert len(found) == 4, found
    outside = sitecheck.outside_links(site)
    assert outside == [
        "browse.html: unsafe link javascript:alert(1)",
        "browse.html: https://a.example/ without rel=noopener noreferrer",
    ]


def test_no_confidential_detail_or_contact_data_anywhere(built: tuple[Path, Path]) -> None:
    site = built[1]
    """The canaries: planted in confidential fields and contact data, found in no file, the
    decompressed search index included."""
    text = sitecheck.all_text(site)
    assert "Reform of the first-instance asylum procedure" in text  # the scan reads the pages
    index = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    assert any(p.read_bytes()[:2] == b"\x1f\x8b" for p in index)  # and decompresses the index
    leaked = [c for c in CANARIES if c.lower() in text.lower()]
    assert leaked == []
    assert "withheld: confidential request" in (site / "requests" / "REQ-2021-004.html").read_text()


def test_the_canary_scan_would_see_a_leak(built: tuple[Path, Path], tmp_path: Path) -> None:
    site = Path(shutil.copytree(built[1], tmp_path / "copy"))
    (site / "requests" / "REQ-2021-004.html").write_text(CANARIES[0])
    assert CANARIES[0] in sitecheck.all_text(site)


def test_match_page_shows_parties_stages_and_updates(built: tuple[Path, Path]) -> None:
    site = built[1]
    html = (site / "matches" / "MAT-2021-001.html").read_text()
    assert "<h1>Chad – France</h1>" in html
    assert "badge-in_implementation" in html
    assert "Forty caseworkers trained on interviews." in html
    assert "../requests/REQ-2021-001.html" in html and "../offers/OFF-2021-001.html" in html
    assert 'data-pagefind-filter="stage">In implementation' in html


def test_the_home_page_has_figures_a_map_and_unmet_needs(built: tuple[Path, Path]) -> None:
    site = built[1]
    html = (site / "index.html").read_text()
    assert 'data-country="TCD"' in html and 'class="country c-matched" data-country="TCD"' in html
    assert 'class="country c-requesting" data-country="ECU"' in html
    assert "do not imply official endorsement or acceptance by the United Nations" in html
    assert "Open requests without a match under way: 1." in html


def test_record_text_is_escaped(data: Path, tmp_path: Path) -> None:
    path = data / "requests" / "REQ-2021-003.yaml"
    path.write_text(
        path.read_text().replace(
            "Registration support in Ecuador", '"<script>alert(1)</script> & <b>bold</b>"'
        )
    )
    out = tmp_path / "escaped"
    build_site(load_registry(data), out)
    html = (out / "requests" / "REQ-2021-003.html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_an_unchanged_registry_rewrites_nothing(data: Path, site: Path) -> None:
    stamps = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    result = build_site(load_registry(data), site, inputs=inputs_digest(data))
    assert result.written == [] and result.removed == [] and not result.indexed
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()} == stamps


def test_a_second_build_of_the_same_registry_reads_nothing(data: Path, site: Path) -> None:
    stamps = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    result = StrictRunner().invoke(app, ["site", "build", "--data", str(data), "--out", str(site)])
    assert result.exit_code == 0
    assert "up to date" in result.output
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()} == stamps
    # a page that went missing is written again
    (site / "browse.html").unlink()
    result = StrictRunner().invoke(app, ["site", "build", "--data", str(data), "--out", str(site)])
    assert "up to date" not in result.output and (site / "browse.html").is_file()
    # and a changed record is not missed
    path = data / "requests" / "REQ-2021-002.yaml"
    path.write_text(path.read_text().replace("An appeals body", "A new appeals body"))
    result = StrictRunner().invoke(app, ["site", "build", "--data", str(data), "--out", str(site)])
    assert "1 file(s) written" not in result.output and "up to date" not in result.output
    assert "A new appeals body" in (site / "requests" / "REQ-2021-002.html").read_text()


def test_a_changed_record_rewrites_its_pages_only(data: Path, site: Path) -> None:
    path = data / "offers" / "OFF-2021-001.yaml"
    path.write_text(path.read_text().replace("interview techniques", "interviewing"))
    result = build_site(load_registry(data), site)
    pages = [w for w in result.written if w.endswith(".html")]
    assert pages == ["offers/OFF-2021-001.html"]
    assert result.indexed and any(w.startswith("pagefind/") for w in result.written)


def test_a_removed_record_loses_its_page(data: Path, site: Path) -> None:
    (data / "requests" / "REQ-2021-003.yaml").unlink()
    result = build_site(load_registry(data), site)
    assert "requests/REQ-2021-003.html" in result.removed
    assert not (site / "requests" / "REQ-2021-003.html").exists()
    assert sitecheck.broken_links(site) == []
    manifest = json.loads((site / ".acsg-site.json").read_text())
    assert "requests/REQ-2021-003.html" not in manifest["files"]


def test_a_folder_of_other_files_is_refused(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    result = StrictRunner().invoke(app, ["site", "build", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 2
    assert "not empty and was not written by `acsg site build`" in result.output
    assert os.listdir(out) == ["notes.txt"]


def test_a_missing_registry_is_a_usage_error(tmp_path: Path) -> None:
    result = StrictRunner().invoke(
        app, ["site", "build", "--data", str(tmp_path / "nope"), "--out", str(tmp_path / "s")]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_draft_practice_is_not_published(data: Path, tmp_path: Path) -> None:
    published = (data / "practices" / "GP-2021-001.yaml").read_text()
    draft = published.replace("id: GP-2021-001", "id: GP-2021-002").replace(
        "title: Interview guides for first-instance decisions", "title: Draftonly guide"
    )
    (data / "practices" / "GP-2021-002.yaml").write_text(
        draft.replace("status: published", "status: draft")
    )
    assert "GP-2021-002" in load_registry(data).practices  # it loads: only its status hides it
    site = _build(data, tmp_path / "site")
    assert (site / "practices" / "GP-2021-001.html").is_file()
    assert not (site / "practices" / "GP-2021-002.html").exists()
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert "GP-2021-002" not in text and "Draftonly" not in text, page


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_a_registry_with_errors_is_not_published_unless_partial(data: Path, site: Path) -> None:
    before = _snapshot(site)
    (data / "requests" / "REQ-2021-009.yaml").write_text("id: REQ-2021-009\nareas: [\n")
    args = ["site", "build", "--data", str(data), "--out", str(site)]
    refused = StrictRunner().invoke(app, args)
    assert refused.exit_code == 1
    assert "nothing is published" in refused.output and "--partial" in refused.output
    assert "REQ-2021-009.yaml:3:1: error ACSG002" in refused.output
    assert _snapshot(site) == before  # nothing written, nothing removed, nothing touched
    fresh = site.parent / "fresh"
    new = StrictRunner().invoke(app, ["site", "build", "--data", str(data), "--out", str(fresh)])
    assert new.exit_code == 1
    assert not fresh.exists()
    partial = StrictRunner().invoke(app, [*args, "--partial"])
    assert partial.exit_code == 0, partial.output
    assert "records that do not load are left out" in partial.output
    assert (site / "requests" / "REQ-2021-001.html").is_file()
    # a partial site is never "up to date": without --partial, the same registry is refused
    again = StrictRunner().invoke(app, args)
    assert again.exit_code == 1 and "up to date" not in again.output


def test_a_partial_site_and_export_leave_out_the_matches_naming_what_does_not_load(
    data: Path, tmp_path: Path
) -> None:
    """With --partial, a match whose request does not load is told by neither publication:
    one registry for both, without the records that do not load and the matches naming them."""
    (data / "requests" / "REQ-2021-004.yaml").write_text("id: REQ-2021-004\nareas: [\n")
    site = tmp_path / "partial"
    args = ["--data", str(data), "--partial"]
    built = StrictRunner().invoke(app, ["site", "build", "--out", str(site), *args])
    assert built.exit_code == 0, built.output
    assert not (site / "matches" / "MAT-2021-003.html").exists()
    assert (site / "matches" / "MAT-2021-001.html").is_file()
    assert "MAT-2021-003" not in (site / "matches" / "index.html").read_text(encoding="utf-8")
    exported = tmp_path / "3w.csv"
    done = StrictRunner().invoke(app, ["export", "hxl", "-o", str(exported), *args])
    assert done.exit_code == 0, done.output
    text = exported.read_text(encoding="utf-8")
    assert "MAT-2021-001" in text and "MAT-2021-003" not in text
