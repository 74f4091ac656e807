"""The portal in English, French and Spanish: the interface from the gettext catalogs, a record's
text from its `translations`, a page in another language only where there is something to read
in it, and every page naming its other versions (switcher, `lang`, `hreflang` alternates)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site import sitecheck
from tests.site.registries import CANARIES, built_portal


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_portal(tmp_path_factory.mktemp("languages"))


def _pages(site: Path, lang: str) -> set[str]:
    return {p.relative_to(site / lang).as_posix() for p in (site / lang).rglob("*.html")}


EVERY_LANGUAGE = {
    "index.html",
    "matches/index.html",
    "requests/index.html",
    "offers/index.html",
    "practices/index.html",
    "browse.html",
    "search.html",
    *(f"countries/{code}.html" for code in ("ECU", "FRA", "NER", "TCD", "UGA")),
}
"""The home page, the listings and the browse, search and country pages."""


def test_french_and_spanish_pages_exist_where_there_is_text_in_them(site: Path) -> None:
    assert _pages(site, "") >= EVERY_LANGUAGE
    assert _pages(site, "fr") == EVERY_LANGUAGE | {
        "requests/REQ-2021-001.html",
        "matches/MAT-2021-001.html",
        "practices/GP-2021-001.html",
    }
    # Spanish: the request's title and the practice's; the match has no Spanish text
    assert _pages(site, "es") == EVERY_LANGUAGE | {
        "requests/REQ-2021-001.html",
        "practices/GP-2021-001.html",
    }
    # the confidential request's translations are of withheld fields: no page, no text
    assert not (site / "fr" / "requests" / "REQ-2021-004.html").exists()
    text = sitecheck.all_text(site)
    assert [c for c in CANARIES if c.lower() in text.lower()] == []


def test_a_french_page_speaks_french(site: Path) -> None:
    html = (site / "fr" / "requests" / "REQ-2021-001.html").read_text()
    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html and ">Accueil</a>" in html  # the interface, from the catalog
    assert "<dt>États demandeurs</dt><dd>Tchad</dd>" in html  # labels and country names
    # the record's own French text, escaped like any record text
    assert "Réforme de la procédure d&#39;asile en première instance au Tchad" in html
    assert "La CNE n&#39;a pas de procédures écrites" in html
    assert "The CNE has no written procedures" not in html
    match = (site / "fr" / "matches" / "MAT-2021-001.html").read_text()
    assert "Procédures opérationnelles standard" in match
    assert "Forty caseworkers trained on interviews." in match  # untranslated text as written


def test_a_spanish_page_speaks_spanish(site: Path) -> None:
    html = (site / "es" / "requests" / "REQ-2021-001.html").read_text()
    assert '<html lang="es">' in html and "Ir al contenido" in html
    assert "Reforma del procedimiento de asilo en primera instancia en Chad" in html
    assert "The CNE has no written procedures for interviews" in html  # no Spanish gap: English
    home = (site / "es" / "index.html").read_text()
    assert "no implican su apoyo o aceptación oficial por las Naciones Unidas" in home


def test_every_version_names_the_others(site: Path) -> None:
    for lang, prefix in (("en", ""), ("fr", "../../fr/"), ("es", "../../es/")):
        path = site / (f"{lang}/" if lang != "en" else "") / "requests" / "REQ-2021-001.html"
        html = path.read_text()
        root = "../../" if lang != "en" else "../"
        for other in ("en", "fr", "es"):
            where = "" if other == "en" else f"{other}/"
            href = f"{root}{where}requests/REQ-2021-001.html"
            assert f'<link rel="alternate" hreflang="{other}" href="{href}">' in html, (lang, other)
            assert f'lang="{other}" hreflang="{other}"' in html  # the switcher
        assert f'<link rel="alternate" hreflang="x-default" href="{root}requests/' in html
        assert prefix in html
    # an English page without another version has no switcher
    alone = (site / "offers" / "OFF-2021-002.html").read_text()
    assert 'class="languages"' not in alone and 'hreflang="fr"' not in alone


def test_links_go_to_the_readers_language_where_there_is_a_page(site: Path) -> None:
    html = (site / "fr" / "matches" / "MAT-2021-001.html").read_text()
    assert 'href="../../fr/requests/REQ-2021-001.html"' in html  # translated: French
    assert 'href="../../offers/OFF-2021-001.html"' in html  # not translated: English
    assert 'href="../../fr/practices/GP-2021-001.html"' in html
    assert 'href="../../assets/site.css"' in html
    assert sitecheck.broken_links(site) == []


def test_a_french_listing_speaks_french_and_marks_english_record_text(site: Path) -> None:
    html = (site / "fr" / "matches" / "index.html").read_text()
    assert '<html lang="fr">' in html and "<h1>Appariements</h1>" in html
    assert '<label for="filter-stage">Statut</label>' in html  # the filters' labels
    assert '<option value="agreed">Convenu</option>' in html  # values by code, named in French
    assert 'data-template="Affichés : {shown} sur {total}"' in html
    assert ">Tchad – France</a>" in html  # a card's parties in French
    # a translated title in the page's language; an untranslated one as written, marked English
    assert "<p>Réforme de la procédure d&#39;asile en première instance au Tchad</p>" in html
    assert '<p lang="en">An appeals body for Niger</p>' in html
    assert 'href="../../fr/matches/MAT-2021-001.html"' in html  # translated: the French page
    assert 'href="../../matches/MAT-2021-002.html"' in html  # not translated: the English one
    for other in ("en", "fr", "es"):
        where = "" if other == "en" else f"{other}/"
        assert f'hreflang="{other}" href="../../{where}matches/index.html"' in html
    country = (site / "es" / "countries" / "TCD.html").read_text()
    assert "<h1>Chad</h1>" in country and "<h2>Solicitudes</h2>" in country
    assert "Reforma del procedimiento de asilo en primera instancia en Chad" in country
    browse = (site / "fr" / "browse.html").read_text()
    assert "<h1>Parcourir</h1>" in browse and 'href="../fr/countries/TCD.html">Tchad</a>' in browse
    # the English pages mark nothing: their record text is in their language
    assert 'lang="en"' not in (site / "matches" / "index.html").read_text().split("<main", 1)[1]


def test_the_search_page_gives_its_script_words_in_the_pages_language(site: Path) -> None:
    import html as markup
    import json
    import re

    page = (site / "es" / "search.html").read_text()
    assert '<option value="agreed">Acordado</option>' in page
    found = re.search(r"data-messages='([^']*)'", page)
    assert found is not None
    messages = json.loads(markup.unescape(found.group(1)))
    assert messages["prompt"].startswith("Escriba las palabras")
    assert messages["results"]["one"] == "{n} resultado"
    assert messages["results"]["other"] == "{n} resultados"
    assert messages["kinds"]["Offer"] == "Oferta" and messages["indexLang"] == "en"
    assert "{reason}" in messages["unavailable"]


def test_a_record_page_marks_its_text_shown_as_written(site: Path) -> None:
    match = (site / "fr" / "matches" / "MAT-2021-001.html").read_text()
    assert "<p>Procédures opérationnelles standard pour les décisions" in match  # translated
    assert '<span lang="en">Forty caseworkers trained on interviews.</span>' in match
    assert '<td lang="en"></td>' not in match  # an empty note marks nothing
    spanish = (site / "es" / "requests" / "REQ-2021-001.html").read_text()
    assert '<p class="lead">Reforma del procedimiento de asilo' in spanish
    assert '<p lang="en">The CNE has no written procedures for interviews' in spanish
    french = (site / "fr" / "requests" / "REQ-2021-001.html").read_text()
    assert "<p>La CNE n&#39;a pas de procédures écrites" in french
    english = (site / "matches" / "MAT-2021-001.html").read_text()
    assert 'lang="en"' not in english.split("<main", 1)[1]
