"""Listings: every match, request and offer with filters, a page per region, area and country,
the browse page and the search page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from acsg_cli.site import views
from acsg_cli.site.languages import country_codes
from acsg_cli.site.pages import Context, sorted_cards
from acsg_cli.site.views import Card
from acsg_cli.vocab import (
    Area,
    EntityType,
    MatchStatus,
    OfferStatus,
    PracticeStatus,
    Region,
    RequestStatus,
)

KIND_FOLDERS = (
    ("match", "matches"),
    ("request", "requests"),
    ("offer", "offers"),
    ("practice", "practices"),
)


def _cards_of(ctx: Context, kind: str) -> list[Card]:
    return sorted_cards(ctx, [i for i, c in ctx.cards.items() if c.kind == kind])


Facet = tuple[str, str, list[tuple[str, str]]]
"""A filter: its name, its label, and its values with their labels."""


def _facets(ctx: Context, items: list[Card], stages: Iterable[str], entity: bool) -> list[Facet]:
    """The filters of a listing, each with only the values its cards have."""
    _ = ctx.gettext
    used = {
        name: {v for c in items for v in c.facet(name).split()}
        for name in ("region", "area", "stage", "entity")
    }
    facets: list[Facet] = [
        (
            "region",
            _("Region"),
            [(r.value, views.region_name(r.value)) for r in Region if r.value in used["region"]],
        ),
        (
            "area",
            _("Area"),
            [(a.value, views.label(a.value)) for a in Area if a.value in used["area"]],
        ),
        ("stage", _("Status"), [(s, views.label(s)) for s in stages if s in used["stage"]]),
    ]
    if entity:
        facets.append(
            (
                "entity",
                _("Entity type"),
                [(e.value, views.label(e.value)) for e in EntityType if e.value in used["entity"]],
            )
        )
    return facets


def listing_pages(ctx: Context) -> dict[str, str]:
    """The listing of every record of each kind."""
    _ = ctx.gettext
    pages: dict[str, str] = {}
    every = {
        "match": _("Every match"),
        "request": _("Every request"),
        "offer": _("Every offer"),
        "practice": _("Every good practice and tool"),
    }
    spec = {
        "match": (
            _("Matches"),
            _(
                "Both tracks of the ACSG: a State's request matched with "
                "offers of support, from proposal to completion."
            ),
            [s.value for s in MatchStatus],
            True,
        ),
        "request": (
            _("Requests for support"),
            _("States' requests for asylum-capacity support."),
            [s.value for s in RequestStatus],
            False,
        ),
        "offer": (
            _("Offers of support"),
            _("Offers of support from States and other stakeholders (pledges)."),
            [s.value for s in OfferStatus],
            True,
        ),
        "practice": (
            _("Good practices and tools"),
            _(
                "Practices and tools that national asylum systems and their partners share, "
                "with their documents and links."
            ),
            [s.value for s in PracticeStatus],
            False,
        ),
    }
    for kind, folder in KIND_FOLDERS:
        heading, intro, stages, entity = spec[kind]
        items = _cards_of(ctx, kind)
        pages[f"{folder}/index.html"] = ctx.page(
            "listing.html.j2",
            f"{folder}/index.html",
            title=heading,
            heading=heading,
            intro=intro,
            facets=_facets(ctx, items, stages, entity),
            count_text=_("%(n)s shown", n=len(items)),
            sections=[(every[kind], items, _("None yet."))],
        )
    return pages


def _grouped(ctx: Context, items: list[Card]) -> list[tuple[str, list[Card], str]]:
    _ = ctx.gettext
    titles = {
        "match": _("Matches"),
        "request": _("Requests"),
        "offer": _("Offers"),
        "practice": _("Good practices and tools"),
    }
    return [
        (titles[kind], [c for c in items if c.kind == kind], _("None."))
        for kind, _folder in KIND_FOLDERS
    ]


def facet_pages(ctx: Context) -> dict[str, str]:
    """A page per country that has records (the map links to them). Regions and areas are
    browsed through the listings' filters (`requests/index.html?area=...`)."""
    _ = ctx.gettext
    pages: dict[str, str] = {}
    everything = sorted_cards(ctx, list(ctx.cards))
    by_country: dict[str, list[Card]] = {}
    for card in everything:
        for code in dict.fromkeys(card.countries):
            by_country.setdefault(code, []).append(card)
    for code in country_codes(ctx.registry):
        heading, items = views.country_name(code), by_country.get(code, [])
        path = f"countries/{code}.html"
        pages[path] = ctx.page(
            "listing.html.j2",
            path,
            title=heading,
            heading=heading,
            intro="",
            facets=[],
            count_text="",
            sections=_grouped(ctx, items),
        )
    return pages


def browse_page(ctx: Context) -> str:
    everything = list(ctx.cards.values())
    regions = Counter(r for c in everything for r in c.regions)
    areas = Counter(a for c in everything for a in c.areas)
    stages = Counter(c.status for c in everything if c.kind == "match")
    entities = Counter(e for c in everything if c.kind == "offer" for e in c.entity_types)
    countries = sorted(
        {c for card in everything for c in card.countries},
        key=lambda c: views.sort_key(views.country_name(c)),
    )
    return ctx.page(
        "browse.html.j2",
        "browse.html",
        title=ctx.gettext("Browse"),
        regions=[(r.value, regions[r.value]) for r in Region],
        areas=[(a.value, areas[a.value]) for a in Area],
        stages=[(s.value, stages[s.value]) for s in MatchStatus if stages[s.value]],
        entities=[(e.value, entities[e.value]) for e in EntityType if entities[e.value]],
        countries=[(c, views.country_name(c)) for c in countries],
    )


def search_page(ctx: Context) -> str:
    """The search page. Its facets offer the codes the index's filters hold, named in the
    page's language; the words its script shows (`search.js`) come with the page, from the
    catalogs, as do the names of the kinds of record the index gives in English."""
    from acsg_cli.i18n import ngettext
    from acsg_cli.site.search import KINDS
    from acsg_cli.translations import BASE_LANGUAGE

    _ = ctx.gettext
    everything = list(ctx.cards.values())
    regions = {r for c in everything for r in c.regions}
    areas = {a for c in everything for a in c.areas}
    stages = {c.status for c in everything if c.kind == "match"}
    results = {
        # one form per CLDR plural category the script's Intl.PluralRules may name
        form: ngettext("{n} result", "{n} results", n)
        for form, n in (("one", 1), ("other", 2), ("many", 1_000_000))
    }
    return ctx.page(
        "search.html.j2",
        "search.html",
        title=_("Search"),
        facets=[
            (
                "region",
                _("Region"),
                [(r.value, views.region_name(r.value)) for r in Region if r.value in regions],
            ),
            (
                "area",
                _("Area"),
                [(a.value, views.label(a.value)) for a in Area if a.value in areas],
            ),
            (
                "stage",
                _("Stage"),
                [(s.value, views.label(s.value)) for s in MatchStatus if s.value in stages],
            ),
        ],
        messages={
            "prompt": _("Type words to find, or choose a region, an area or a stage."),
            "results": results,
            "unavailable": _("Search is not available here: %(reason)s", reason="{reason}"),
            "kinds": {english: _(english) for english in KINDS.values()},
            "indexLang": BASE_LANGUAGE,  # the index holds the English pages
        },
    )
