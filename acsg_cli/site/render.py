"""Rendering the pages: the English site in full, and the French or Spanish pages that
`languages.translated_pages` lists; which folder each page goes to."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import NamedTuple

from acsg_cli.models import AnyRecord, Match, Offer, Request
from acsg_cli.registry import Registry
from acsg_cli.site.languages import Versions, record_path
from acsg_cli.site.listings import browse_page, facet_pages, listing_pages, search_page
from acsg_cli.site.pages import Cards, Context, environment, formatting, home, latest_date
from acsg_cli.site.records import match_page, offer_page, practice_page, request_page
from acsg_cli.translations import BASE_LANGUAGE


class PageJob(NamedTuple):
    """Renders one page, or a group of pages made together (the listings, the country pages),
    by path relative to its language's root; `folder` is where its pages go ("" for the
    language's root) and `weight` about how many record pages its work is worth."""

    folder: str
    weight: int
    render: Callable[[], dict[str, str]]


GROUP_WEIGHT = 50
"""The weight of a job of many pages (the country pages, a home page and its map)."""

LISTING_WEIGHT = 0.3
"""The weight of the listings, for each record they list: a card costs about a third of a
record's page."""


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


def page_jobs(ctx: Context) -> list[PageJob]:
    """The pages of the context's language (English: every page; another: the home page, the
    listings and the record pages its `versions` lists) as jobs, each with the folder its pages
    go to ("" for the home page, the listings and the other pages of the language's root),
    always in the same order, so a build can share them out. Run them inside
    `i18n.language(ctx.lang)`, so labels, names and titles come in that language."""
    registry, lang = ctx.registry, ctx.lang
    wanted = None if lang == BASE_LANGUAGE else ctx.versions.pages.get(lang, frozenset())
    # The home page and the pages `languages.listing_paths` names: in every language.
    jobs = [PageJob("", GROUP_WEIGHT, lambda: {"index.html": home(ctx)})]
    listed = max(GROUP_WEIGHT, int(LISTING_WEIGHT * len(ctx.cards)))
    jobs.append(PageJob("", listed, lambda: listing_pages(ctx)))
    jobs.append(PageJob("countries", GROUP_WEIGHT, lambda: facet_pages(ctx)))
    both = {"browse.html": browse_page, "search.html": search_page}
    jobs.append(PageJob("", 2, lambda: {path: page(ctx) for path, page in both.items()}))
    for record in registry.records():
        path = record_path(record)
        if wanted is None or path in wanted:
            jobs.append(PageJob(path.split("/", 1)[0], 1, partial(_record_page, ctx, record)))
    return jobs


def render_language(ctx: Context) -> dict[str, str]:
    """Every page of the context's language (see `page_jobs`), by path relative to that
    language's root."""
    pages: dict[str, str] = {}
    for job in page_jobs(ctx):
        pages.update(job.render())
    return pages


def _record_page(ctx: Context, record: AnyRecord) -> dict[str, str]:
    path = record_path(record)
    if isinstance(record, Request):
        return {path: request_page(ctx, record)}
    if isinstance(record, Offer):
        return {path: offer_page(ctx, record)}
    if isinstance(record, Match):
        return {path: match_page(ctx, record)}
    return {path: practice_page(ctx, record)}


def _translator(lang: str) -> Callable[[str], str]:
    if lang == BASE_LANGUAGE:
        return lambda text: text
    from acsg_cli.i18n import translations

    return translations(lang).gettext


def context(registry: Registry) -> Context:
    """What every page of the English site shares, and which pages the other languages have.
    A good practice still in draft is not published, nor a match naming a request or an offer
    that is not in the registry (`Registry.whole_matches`, as the exports)."""
    from dataclasses import replace

    from acsg_cli.site.languages import translated_pages
    from acsg_cli.vocab import PracticeStatus

    registry = registry.whole_matches()
    practices = {i: p for i, p in registry.practices.items() if p.status != PracticeStatus.DRAFT}
    if len(practices) < len(registry.practices):
        registry = replace(registry, practices=practices)
    return language_context(registry, "en", translated_pages(registry))


def language_contexts(ctx: Context) -> list[Context]:
    """The English context and one per other language, each made inside its language."""
    from acsg_cli.i18n import language
    from acsg_cli.site.languages import OTHER_LANGUAGES

    found = [ctx]
    for lang in OTHER_LANGUAGES:
        with language(lang):
            found.append(language_context(ctx.registry, lang, ctx.versions))
    return found


def site_path(ctx: Context, path: str) -> str:
    """Where a page of the context's language (`path` from that language's root) is in the
    site: English at the root, French and Spanish under `fr/` and `es/`."""
    return path if ctx.lang == BASE_LANGUAGE else f"{ctx.lang}/{path}"


class Folder(NamedTuple):
    """A folder of the site (`site_path`), or a whole language but English, with the context
    of its language and the jobs making its pages."""

    path: str
    ctx: Context
    jobs: list[PageJob]


def folders(contexts: list[Context]) -> list[Folder]:
    """The pages of every language by the folder they go to, the biggest folders first: each
    folder goes whole to the process that takes it (creating files in one folder from two
    processes makes each wait for the other's lock on it, at a high cost in system time), and
    taking the big ones first leaves the small ones to even out the end. A language but
    English goes whole too, with all its folders: the process taking it makes its cards and
    compiles its templates, once."""
    found: dict[str, Folder] = {}
    for ctx in contexts:
        for job in page_jobs(ctx):
            path = site_path(ctx, job.folder) if ctx.lang == BASE_LANGUAGE else ctx.lang
            found.setdefault(path, Folder(path, ctx, [])).jobs.append(job)
    return sorted(found.values(), key=lambda f: (-sum(j.weight for j in f.jobs), f.path))


def each_page(contexts: list[Context]) -> Iterator[tuple[str, str]]:
    """The pages of every language, by path relative to the site's root, as (path, HTML)."""
    from acsg_cli.i18n import language

    for ctx in contexts:
        with language(ctx.lang):
            for job in page_jobs(ctx):
                for path, html in job.render().items():
                    yield site_path(ctx, path), html


def render_pages(ctx: Context) -> dict[str, str]:
    """Every page of the site, by path relative to the site root: English at the root, French
    and Spanish under `fr/` and `es/` where they have something to say (`languages`)."""
    return dict(each_page(language_contexts(ctx)))


def render_site(registry: Registry) -> dict[str, str]:
    """Every page of the site, in every language, by path relative to the site root."""
    return render_pages(context(registry))
