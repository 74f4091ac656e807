"""Good practices and tools on the portal: a page each with its documents and links, listed from
the home page and the practices listing, and linked from the matches and pledges they relate
to; their text escaped and their links only http(s), opened without giving the site away."""

from __future__ import annotations

from pathlib import Path

import pytest

from acsg_cli.registry import load_registry
from acsg_cli.site import build_site
from acsg_cli.site.views import safe_url
from tests.site import sitecheck
from tests.site.registries import built_portal, portal_registry

PRACTICE = "practices/GP-2021-001.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_portal(tmp_path_factory.mktemp("practices"))


def test_a_practice_page_has_its_documents_and_links(site: Path) -> None:
    html = (site / PRACTICE).read_text()
    assert "<h1>Interview guides for first-instance decisions</h1>" in html
    assert "Written interview guides that cut the time" in html
    assert '<a href="https://practices.example/guide.pdf" rel="noopener noreferrer">' in html
    assert '<a href="https://practices.example/guides" rel="noopener noreferrer">' in html
    # a resource's title is text, its address an attribute: both escaped
    assert "A checklist &#34;quoted&#34; &lt;b&gt;here&lt;/b&gt;" in html
    assert 'href="http://practices.example/checklist?a=1&amp;b=2"' in html
    assert "Commission Nationale d&#39;Eligibilité (State, Chad)" in html
    assert "../matches/MAT-2021-001.html" in html  # the match it came from
    assert sitecheck.outside_links(site) == []


def test_practices_are_listed_and_linked_from_what_they_relate_to(site: Path) -> None:
    link = {
        "index.html": 'href="practices/GP-2021-001.html"',
        "practices/index.html": 'href="../practices/GP-2021-001.html"',
        "countries/TCD.html": 'href="../practices/GP-2021-001.html"',
        # the match it came from, and the request and offer of that match
        "matches/MAT-2021-001.html": 'href="../practices/GP-2021-001.html"',
        "requests/REQ-2021-001.html": 'href="../practices/GP-2021-001.html"',
        "offers/OFF-2021-001.html": 'href="../practices/GP-2021-001.html"',
    }
    for page, href in link.items():
        html = (site / page).read_text()
        assert href in html, page
    assert "Related good practices" in (site / "matches/MAT-2021-001.html").read_text()
    # a match it did not come from, with no pledge in common, does not name it
    assert "GP-2021-001" not in (site / "matches/MAT-2021-002.html").read_text()
    assert 'href="practices/index.html"' in (site / "index.html").read_text()


def test_a_practice_sharing_a_pledge_is_related(tmp_path: Path) -> None:
    data = portal_registry(tmp_path / "data")
    path = data / "practices" / "GP-2021-001.yaml"
    path.write_text(path.read_text().replace("matches: [MAT-2021-001]\n", ""))
    match = data / "matches" / "MAT-2021-001.yaml"
    match.write_text(match.read_text().replace("    practice: GP-2021-001\n", ""))
    out = tmp_path / "site"
    build_site(load_registry(data), out)
    # no match names it now; the GRF pledge GRF-1234 the request serves still relates them
    assert "../practices/GP-2021-001.html" in (out / "requests/REQ-2021-001.html").read_text()
    assert "../practices/GP-2021-001.html" not in (out / "offers/OFF-2021-002.html").read_text()


def test_hostile_practice_text_and_addresses_stay_inert(tmp_path: Path) -> None:
    data = portal_registry(tmp_path / "data")
    path = data / "practices" / "GP-2021-001.yaml"
    text = path.read_text()
    text = text.replace(
        "title: Interview guides for first-instance decisions",
        'title: "<script>alert(1)</script> guides"',
    )
    text = text.replace(
        "https://practices.example/guide.pdf",
        "'https://practices.example/\"onmouseover=\"alert(1)'",
    )
    path.write_text(text)
    out = tmp_path / "site"
    build_site(load_registry(data), out)
    html = (out / PRACTICE).read_text()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="https://practices.example/&#34;onmouseover=&#34;alert(1)"' in html
    assert '"onmouseover' not in html
    assert sitecheck.outside_links(out) == []


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=c", True),
        ("HTTP://example.org/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//example.org/", False),
        ("/etc/passwd", False),
        ("https:///nohost", False),
        ("https://exa mple.org/", False),
        ("https://example.org/\u202egnp.exe", False),
        ("https://example.org/\x00", False),
        (None, False),
    ],
)
def test_only_http_addresses_become_links(url: str | None, kept: bool) -> None:
    assert safe_url(url) == (url if kept else "")
