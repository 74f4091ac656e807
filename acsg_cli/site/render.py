"""Rendering the pages of one language: the English site in full, or the French or Spanish
pages that `languages.translated_pages` lists."""

from __future__ import annotations

from collections.abc import Callable

from acsg_cli.models import Match, Offer, Request
from acsg_cli.registry import Registry
from acsg_cli.site.languages import Versions, record_path
from acsg_cli.site.listings import browse_page, facet_pages, listing_pages, search_page
from acsg_cli.site.pages import Cards, Context, environment, formatting, home, latest_date
from acsg_cli.site.records import match_page, offer_page, practice_page, request_page
from acsg_cli.translations import BASE_LANGUAGE


def language_context(registry: Registry, lang: str, versions: Versions) -> Context:
    """What every page of one language shares; `versions` says which pages each language has.
    Use it, and render with it, inside `i18n.language(lang)`."""
    translate = _translator(lang)
    return Context(
        registry=registry,
        gettext=formatting(translate),
        lang=lang,
        as_of=latest_date(registry),
        cards=Cards(registry),
        env=environment(translate),
        versions=versions,
    )


def render_language(ctx: Context) -> dict[str, str]:
    """The pages of the context's language (English: every page; another: those its
    `versions` lists), by path relative to that language's root. Call it inside
    `i18n.language(ctx.lang)`, so labels, names and titles come in that language."""
    registry, lang = ctx.registry, ctx.lang
    wanted = None if lang == BASE_LANGUAGE else ctx.versions.pages.get(lang, frozenset())
    pages = {"index.html": home(ctx)}
    if wanted is None:
        pages["browse.html"] = browse_page(ctx)
        pages["search.html"] = search_page(ctx)
        pages.update(listing_pages(ctx))
        pages.update(facet_pages(ctx))
    else:
        pages.update(listing_pages(ctx, kinds=("practice",)))
    for record in registry.records():
        path = record_path(record)
        if wanted is not None and path not in wanted:
            continue
        if isinstance(record, Request):
            pages[path] = request_page(ctx, record)
        elif isinstance(record, Offer):
            pages[path] = offer_page(ctx, record)
        elif isinstance(record, Match):
            pages[path] = match_page(ctx, record)
        else:
            pages[path] = practice_page(ctx, record)
    return pages


def _translator(lang: str) -> Callable[[str], str]:
    if lang == BASE_LANGUAGE:
        return lambda text: text
    from acsg_cli.i18n import translations

    return translations(lang).gettext
