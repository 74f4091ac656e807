"""The portal's languages: English everywhere, French and Spanish where there is something to
read in them.

English pages sit at the site's root; a French or Spanish page sits under `fr/` or `es/` at the
same path. The home page, the listings (matches, requests, offers, good practices), the
browse, search and country pages exist in every language (their interface text comes from the
gettext catalogs, the record text on their cards is translated where the record says it in that
language, and marked with the language it is in otherwise); a record's page exists in French
or Spanish when the record's shared view has text in that language (`translations` the
disclosure policy lets through). A link goes to the page in the reader's language when there
is one, else to the English page; every page names its other versions (a language switcher and
`hreflang` alternates).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from acsg_cli.models import AnyRecord
from acsg_cli.registry import Registry
from acsg_cli.translations import BASE_LANGUAGE

OTHER_LANGUAGES = ("fr", "es")
"""The languages of the tool (`acsg_cli.i18n.LANGUAGES`) other than English."""

NAMES = {"en": "English", "fr": "Français", "es": "Español"}
"""Each language in its own words, as a language switcher names it."""


FOLDERS = {"request": "requests", "offer": "offers", "match": "matches", "practice": "practices"}


LISTINGS = tuple(f"{folder}/index.html" for folder in FOLDERS.values())
BROWSING = ("browse.html", "search.html")


def country_codes(registry: Registry) -> list[str]:
    """The countries with a page: each one a record names (a request's States, an offering
    entity's country, a practice's countries; a match's are those of its request and offers)."""
    found = {s for r in registry.requests.values() for s in r.requesting_states}
    found.update(c for o in registry.offers.values() if (c := o.offering_entity.country))
    found.update(c for p in registry.practices.values() for c in p.countries)
    return sorted(found)


def listing_paths(registry: Registry) -> list[str]:
    """The listings, the browse and search pages and the country pages: they exist in every
    language, as the home page does (`render.page_jobs` renders them)."""
    return [*LISTINGS, *BROWSING, *(f"countries/{c}.html" for c in country_codes(registry))]


def record_path(record: AnyRecord) -> str:
    return f"{FOLDERS[record.kind]}/{record.id}.html"


def _translated(registry: Registry, record: AnyRecord, lang: str) -> bool:
    """Whether the shared audience may read some of the record in `lang`: a translation the
    disclosure policy keeps (it drops a translated field it withholds)."""
    if lang not in (getattr(record, "translations", None) or {}):
        return False
    from acsg_cli.site import views

    return bool(views.shared_translations(registry, record).get(lang))


def translated_pages(registry: Registry, records: Iterable[AnyRecord] | None = None) -> Versions:
    """Which pages exist in which language."""
    every = {"index.html", *listing_paths(registry)}
    pages: dict[str, set[str]] = {lang: set(every) for lang in OTHER_LANGUAGES}
    for record in registry.records() if records is None else records:
        if getattr(record, "translations", None):
            for lang in OTHER_LANGUAGES:
                if _translated(registry, record, lang):
                    pages[lang].add(record_path(record))
    return Versions({lang: frozenset(found) for lang, found in pages.items()})


@dataclass(frozen=True)
class Versions:
    """The pages of each language but English (which has every page)."""

    pages: dict[str, frozenset[str]]

    def has(self, lang: str, path: str) -> bool:
        return lang == BASE_LANGUAGE or path in self.pages.get(lang, frozenset())

    def languages_of(self, path: str) -> list[str]:
        """The languages `path` exists in, English first."""
        return [BASE_LANGUAGE, *(lang for lang in OTHER_LANGUAGES if self.has(lang, path))]

    def site_path(self, lang: str, path: str) -> str:
        """Where the page `path` (relative to a language's root) is in the site, in `lang`
        when it exists in it, else in English."""
        if lang != BASE_LANGUAGE and self.has(lang, path.split("?", 1)[0].split("#", 1)[0]):
            return f"{lang}/{path}"
        return path
