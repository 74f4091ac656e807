"""The portal in a real browser: the home page and its map render, search finds the French offer
and its matches, a filter narrows a listing, the keyboard reaches every control, and no page
breaks its Content-Security-Policy or asks another server for anything.

The browser is Debian's chromium (`scripts/install-test-browser.sh`; the CI command runs it
first), driven by Playwright. Without chromium the tests are skipped, saying so, except under CI
(`CI` set), where a missing browser is an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from acsg_cli.registry import load_registry
from acsg_cli.site import build_site
from tests.site.browser import CHROMIUM, browser, served
from tests.site.registries import portal_registry

if CHROMIUM is None and os.environ.get("CI"):
    raise RuntimeError(
        "chromium is missing in CI: scripts/install-test-browser.sh did not install it"
    )
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed; run scripts/install-test-browser.sh to test the portal",
)


HOSTILE = "Zebracorn d'Ivoire <img src=x onerror=alert(1)> R&D."
"""Record text that looks like markup, with quotes and ampersands: shown and found as written."""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("portal")
    site = root / "site"
    data = portal_registry(root / "data")
    offer = data / "offers" / "OFF-2021-001.yaml"
    offer.write_text(offer.read_text().replace("expertise: ", f"expertise: {HOSTILE} "))
    build_site(load_registry(data), site)
    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as launched:
        yield launched


@pytest.fixture
def page(site_url: str, chromium: Any) -> Iterator[Any]:
    """A fresh page that records console errors and every request to another origin."""
    context = chromium.new_context()
    opened = context.new_page()
    opened.errors = []
    opened.foreign = []
    opened.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
    opened.on("pageerror", lambda e: opened.errors.append(str(e)))
    opened.on(
        "request",
        lambda r: (
            r.url.startswith(site_url) or r.url.startswith("data:") or opened.foreign.append(r.url)
        ),
    )
    yield opened
    assert opened.errors == [], opened.errors  # CSP violations are console errors
    assert opened.foreign == []
    context.close()


def test_home_page_renders_with_its_map(page: Any, site_url: str) -> None:
    page.goto(site_url + "index.html")
    assert page.locator("h1").inner_text() == "Asylum Capacity Support Group Portal"
    assert page.locator(".figures li").count() == 5
    countries = page.locator("svg.world-map g.country")
    assert countries.count() > 200
    box = page.locator("svg.world-map").bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 250
    fills = page.evaluate(
        """() => Object.fromEntries(["TCD", "FRA", "ECU", "BRA"].map(code => [code,
             getComputedStyle(document.querySelector(`g[data-country=${code}]`)).fill]))"""
    )
    assert fills["TCD"] == fills["FRA"] != fills["ECU"] != fills["BRA"]
    assert len(set(fills.values())) == 3, fills
    assert page.locator("svg.world-map a[href='countries/TCD.html']").count() == 1
    assert "United Nations" in page.locator(".disclaimer").inner_text()


def test_search_for_france_finds_the_french_offer_and_its_matches(page: Any, site_url: str) -> None:
    page.goto(site_url + "index.html")
    page.fill("#quick-q", "France")
    page.press("#quick-q", "Enter")
    page.wait_for_selector("[data-search-results] li")
    hrefs = {a.get_attribute("href") for a in page.locator("[data-search-results] a").all()}
    for record in (
        "offers/OFF-2021-001.html",
        "matches/MAT-2021-001.html",
        "matches/MAT-2021-002.html",
    ):
        assert any(h.endswith(record) for h in hrefs), hrefs
    # a stage facet narrows the results to the match in that stage
    page.select_option("#search-stage", "Agreed")
    expect(page.locator("[data-search-results] li")).to_have_count(1)
    only = page.locator("[data-search-results] a").get_attribute("href")
    assert only.endswith("matches/MAT-2021-002.html")


def test_record_text_in_search_results_is_text_and_found_as_written(
    page: Any, site_url: str
) -> None:
    page.goto(site_url + "search.html?q=Zebracorn")
    page.wait_for_selector("[data-search-results] li")
    results = page.locator("[data-search-results]")
    assert results.locator("img").count() == 0
    assert "Zebracorn d'Ivoire <img src=x onerror=alert(1)> R&D" in results.inner_text()
    page.goto(site_url + "search.html?q=R%26D")
    page.wait_for_selector("[data-search-results] li")
    hrefs = [a.get_attribute("href") for a in page.locator("[data-search-results] a").all()]
    assert any(h.endswith("offers/OFF-2021-001.html") for h in hrefs), hrefs


def test_a_filter_narrows_a_listing(page: Any, site_url: str) -> None:
    page.goto(site_url + "matches/index.html")
    cards = page.locator(".cards > .card")
    assert cards.count() == 3
    assert page.locator(".cards > .card:visible").count() == 3
    page.select_option("#filter-stage", "agreed")
    assert page.locator(".cards > .card:visible").count() == 1
    assert page.locator(".cards > .card:visible h3").inner_text() == "Niger – France"
    assert page.locator("[data-filter-count]").inner_text() == "1 of 3 shown"
    page.goto(site_url + "offers/index.html?entity=ngo")
    assert page.locator(".cards > .card:visible").count() == 1


def test_the_keyboard_reaches_the_content_and_the_controls(page: Any, site_url: str) -> None:
    page.goto(site_url + "matches/index.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.focus("#filter-region")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-area"


def test_a_match_page_renders(page: Any, site_url: str) -> None:
    page.goto(site_url + "matches/MAT-2021-001.html")
    assert page.locator("h1").inner_text() == "Chad – France"
    assert page.locator(".card-meta .badge").first.inner_text() == "In implementation"
    page.get_by_role("link", name="France", exact=True).click()
    page.wait_for_url("**/offers/OFF-2021-001.html")
    assert "Office français de protection des réfugiés et apatrides" in page.content()


def test_a_french_page_shows_french_interface_and_record_text(page: Any, site_url: str) -> None:
    page.goto(site_url + "fr/requests/REQ-2021-001.html")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator(".skip").inner_text() == "Aller au contenu"
    assert page.locator("nav[aria-label='Principal'] a").first.inner_text() == "Accueil"
    assert page.locator("h1").inner_text() == "Tchad"
    lead = page.locator("main .lead").inner_text()
    assert lead == "Réforme de la procédure d'asile en première instance au Tchad"
    assert "La CNE n'a pas de procédures écrites" in page.locator("main").inner_text()
    # the switcher names each version in its own language and leads to it
    switcher = page.locator("nav.languages a")
    assert [a.inner_text() for a in switcher.all()] == ["English", "Français", "Español"]
    assert page.locator("nav.languages a[aria-current='true']").get_attribute("lang") == "fr"
    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_url("**/requests/REQ-2021-001.html")
    assert "/fr/" not in page.url
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("main .lead").inner_text().startswith("Reform of the first-instance")


PAGES = (
    "index.html",
    "matches/index.html",
    "practices/index.html",
    "browse.html",
    "search.html",
    "countries/TCD.html",
    "matches/MAT-2021-001.html",
    "requests/REQ-2021-001.html",
    "requests/REQ-2021-004.html",
    "offers/OFF-2021-001.html",
    "practices/GP-2021-001.html",
    "fr/index.html",
    "fr/matches/index.html",
    "fr/browse.html",
    "fr/search.html",
    "es/requests/index.html",
    "es/countries/TCD.html",
    "es/practices/GP-2021-001.html",
)

AUDIT = """() => {
  const problems = [];
  const levels = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
    .map((h) => Number(h.tagName[1]));
  if (levels[0] !== 1 || levels.filter((l) => l === 1).length !== 1) problems.push(`h1: ${levels}`);
  levels.forEach((l, i) => { if (i && l > levels[i - 1] + 1) problems.push(`skip: ${levels}`); });
  for (const img of document.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) problems.push(`img without alt: ${img.src}`);
  }
  for (const svg of document.querySelectorAll("svg")) {
    if (svg.getAttribute("aria-hidden") === "true") continue;
    const ids = (svg.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
    const named = ids.map((id) => document.getElementById(id)?.textContent.trim()).join(" ");
    if (svg.getAttribute("role") !== "img" || !(named || svg.getAttribute("aria-label")))
      problems.push("svg without a text alternative");
  }
  for (const a of document.querySelectorAll("a[href]")) {
    const name = a.textContent.trim() || a.getAttribute("aria-label");
    if (!name) problems.push(`nameless link ${a.href}`);
  }
  for (const field of document.querySelectorAll("input, select")) {
    if (!field.labels || field.labels.length === 0) problems.push(`unlabelled ${field.id}`);
  }
  return problems;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_headings_in_order_alt_text_and_names(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    assert page.evaluate(AUDIT) == []


def test_the_filters_work_from_the_keyboard_alone(page: Any, site_url: str) -> None:
    page.goto(site_url + "matches/index.html")
    for _press in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "filter-stage":
            break
    else:
        pytest.fail("the keyboard never reaches the stage filter")
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"  # a visible focus ring
    page.keyboard.press("ArrowDown")  # the first stage in use: proposed
    assert page.locator("#filter-stage").input_value() == "proposed"
    expect(page.locator(".cards > .card:visible")).to_have_count(1)
    assert page.locator("[data-filter-count]").inner_text() == "1 of 3 shown"
    page.keyboard.press("ArrowUp")  # back to every stage
    expect(page.locator(".cards > .card:visible")).to_have_count(3)


def test_the_french_filter_counts_in_french(page: Any, site_url: str) -> None:
    page.goto(site_url + "fr/practices/index.html")
    assert page.locator("[data-filter-count]").inner_text() == "Affichés : 1 sur 1"


def test_a_french_listing_filters_in_french(page: Any, site_url: str) -> None:
    page.goto(site_url + "fr/matches/index.html")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("h1").inner_text() == "Appariements"
    assert page.locator("label[for='filter-stage']").inner_text() == "Statut"
    assert page.locator("[data-filter-count]").inner_text() == "Affichés : 3 sur 3"
    page.select_option("#filter-stage", "agreed")
    visible = page.locator(".cards > .card:visible")
    expect(visible).to_have_count(1)
    assert visible.locator("h3").inner_text() == "Niger – France"
    assert page.locator("[data-filter-count]").inner_text() == "Affichés : 1 sur 3"
    # the record's title is not translated: shown as written, and marked as English
    title = visible.locator("p[lang]")
    assert (title.inner_text(), title.get_attribute("lang")) == ("An appeals body for Niger", "en")
    page.get_by_role("link", name="Español", exact=True).click()
    page.wait_for_url("**/es/matches/index.html")
    assert page.locator("h1").inner_text() == "Emparejamientos"


def test_the_french_search_speaks_french(page: Any, site_url: str) -> None:
    page.goto(site_url + "fr/index.html")
    page.fill("#quick-q", "France")
    page.press("#quick-q", "Enter")
    page.wait_for_url("**/fr/search.html?q=France")
    page.wait_for_selector("[data-search-results] li")
    results = page.locator("[data-search-results] > li")
    status = page.locator("[data-search-status]")
    expect(status).to_have_text(f"{results.count()} résultats")
    kinds = {k.text_content() for k in page.locator("[data-search-results] .kind").all()}
    assert {"Offre", "Appariement"} <= kinds, kinds
    # the index holds the English pages: their text is marked English, the kind French
    assert results.first.get_attribute("lang") == "en"
    assert results.first.locator(".kind").get_attribute("lang") == "fr"
    page.select_option("#search-stage", label="Convenu")
    expect(results).to_have_count(1)
    expect(status).to_have_text("1 résultat")
    assert "stage=agreed" in page.url
    page.fill("#search-q", "")
    page.select_option("#search-stage", "")
    expect(status).to_have_text(
        "Saisissez des mots à rechercher, ou choisissez une région, un domaine ou une étape."
    )
