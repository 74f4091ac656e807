"""Every page of the portal, rendered from the registry's shared views through Jinja2 templates.

`render_pages` returns the pages as `{relative path: HTML}`; writing them is `output`'s job.
Every link is relative, so the site works from any folder and under any base address (a
GitHub Pages project site included). Templates autoescape, so record text is always escaped.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from acsg_cli.models import Match, Practice
from acsg_cli.registry import Registry
from acsg_cli.render import safety
from acsg_cli.site import views
from acsg_cli.site.languages import NAMES, Versions
from acsg_cli.site.markup import badge, card_markup, facts
from acsg_cli.site.views import Card
from acsg_cli.site.worldmap import DISCLAIMER, CountryFigures, world_map
from acsg_cli.vocab import LIVE_MATCH_STATUSES, Area, Region

Translate = Callable[[str], str]


def formatting(translate: Translate) -> Callable[..., str]:
    """`translate`, then `%(name)s` placeholders filled from keyword arguments (as in templates)."""

    def gettext(text: str, **values: Any) -> str:
        found = translate(text)
        return found % values if values else found

    return gettext


class Cards(Mapping[str, Card]):
    """Every record's card, made the first time a page asks for it (a page in another language
    than English asks for few)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._made: dict[str, Card] = {}

    def __getitem__(self, record_id: str) -> Card:
        found = self._made.get(record_id)
        if found is None:
            record = self.registry.get(record_id)
            if record is None:
                raise KeyError(record_id)
            found = self._made[record_id] = views.card(self.registry, record)
        return found

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and self.registry.get(record_id) is not None

    def __iter__(self) -> Iterator[str]:
        registry = self.registry
        return chain(registry.requests, registry.offers, registry.matches, registry.practices)

    def __len__(self) -> int:
        registry = self.registry
        tables = (registry.requests, registry.offers, registry.matches, registry.practices)
        return sum(len(table) for table in tables)

    def keep(self, record_id: str, card: Card) -> None:
        """Keep a card another process made."""
        self._made.setdefault(record_id, card)


@dataclass
class Context:
    """What every page of one language shares: the registry, its cards, and the language's
    words; `versions` says which pages exist in which language (English has them all)."""

    registry: Registry
    gettext: Callable[..., str]
    lang: str
    as_of: str
    cards: Cards
    env: Any
    versions: Versions = field(default_factory=lambda: Versions({}))
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    render: Callable[[str, str, dict[str, Any]], str] | None = None
    """Renders a page (template, path, values) in place of the environment: a build uses it to
    skip a page whose values did not change."""
    _cards_html: dict[tuple[str, str], Any] = field(default_factory=dict)
    _offer_matches: dict[str, list[str]] | None = None
    _match_practices: dict[str, list[str]] | None = None
    _nav: list[tuple[str, str]] | None = None

    def __post_init__(self) -> None:
        self.env.globals["card_html"] = self.card_html

    def root_of(self, path: str) -> str:
        """The way up from the page `path` of this language to the site's root."""
        return "../" * self.versions.site_path(self.lang, path).count("/")

    def linker(self, root: str) -> Callable[[str], str]:
        """Links from a page `root` below the site's root: to a page in this language where
        it exists, else in English."""
        lang, versions = self.lang, self.versions
        return lambda target: root + versions.site_path(lang, target)

    def offer_matches(self) -> dict[str, list[str]]:
        """Match ids by offer id (built once)."""
        if self._offer_matches is None:
            found: dict[str, list[str]] = {}
            for match in self.registry.matches.values():
                for offer_id in match.offers:
                    found.setdefault(offer_id, []).append(match.id)
            self._offer_matches = found
        return self._offer_matches

    def match_practices(self) -> dict[str, list[str]]:
        """Practice ids by the id of a match they came from (the practice's `matches`, or an
        update of the match naming it), built once."""
        if self._match_practices is None:
            found: dict[str, set[str]] = {}
            for practice in self.registry.practices.values():
                for match_id in practice.matches:
                    found.setdefault(match_id, set()).add(practice.id)
            for match in self.registry.matches.values():
                for update in match.updates:
                    if update.practice in self.registry.practices:
                        found.setdefault(match.id, set()).add(update.practice)
            self._match_practices = {m: sorted(ids) for m, ids in found.items()}
        return self._match_practices

    def related_practices(self, match_ids: list[str], pledges: list[str]) -> list[Card]:
        """The practices that came from these matches or serve one of these GRF pledges."""
        by_match = self.match_practices()
        ids = {p for m in match_ids for p in by_match.get(m, [])}
        if pledges:
            wanted = set(pledges)
            ids |= {
                p.id
                for p in self.registry.practices.values()
                if wanted.intersection(str(g) for g in p.grf_pledge_ids)
            }
        return sorted_cards(self, sorted(ids))

    def card_html(self, card: Card, root: str) -> Any:
        """A card's markup, made once per card and depth: listings repeat cards a lot."""
        key = (card.id, root)
        found = self._cards_html.get(key)
        if found is None:
            found = self._cards_html[key] = card_markup(card, self.linker(root)(card.url))
        return found

    def nav(self) -> list[tuple[str, str]]:
        """The site's main menu in this language (made once)."""
        if self._nav is None:
            _ = self.gettext
            self._nav = [
                ("index.html", _("Home")),
                ("matches/index.html", _("Matches")),
                ("requests/index.html", _("Requests")),
                ("offers/index.html", _("Offers")),
                ("practices/index.html", _("Good practices")),
                ("browse.html", _("Browse")),
                ("search.html", _("Search")),
            ]
        return self._nav

    def view(self, record_id: str) -> dict[str, Any]:
        """The shared view of a record, computed once per build."""
        found = self.views.get(record_id)
        if found is None:
            record = self.registry.get(record_id)
            assert record is not None
            if isinstance(record, Match):
                request = self.registry.requests.get(record.request)
                offers = [o for i in record.offers if (o := self.registry.offers.get(i))]
                found = views.match_view(record, request, offers, self.lang)
            elif isinstance(record, Practice):
                found = views.practice_view(record, self.lang)
            else:
                found = views.shared_view(record, self.lang)
            self.views[record_id] = found
        return found

    def page(self, template: str, path: str, **values: Any) -> str:
        """The page `path` of this language, with its links, its language switcher and its
        alternates in the other languages it exists in."""
        root = self.root_of(path)
        versions = self.versions
        alternates = [
            (lang, NAMES[lang], root + versions.site_path(lang, path))
            for lang in versions.languages_of(path)
        ]
        values = {
            "lang": self.lang,
            "csp": safety.SITE_CSP,
            "root": root,
            "page_url": self.linker(root),
            "alternates": alternates if len(alternates) > 1 else [],
            "nav": self.nav(),
            "current": path,
            "as_of": self.as_of,
            **values,
        }
        if self.render is not None:
            return self.render(template, path, values)
        return str(self.env.get_template(template).render(values))


_MESSAGE = re.compile(r'\b_\("((?:[^"\\]|\\.)*)"\s*([,)])')


def translated_source(source: str, translate: Translate) -> str:
    """A template's source with each `_("text")` replaced by its translation, so a page costs
    no translation call at render time: `_("text")` becomes a string literal, and
    `_("text %(n)s", n=...)` a call of `format_message` with the translated text."""

    def replace(found: re.Match[str]) -> str:
        text = found.group(1).encode().decode("unicode_escape")
        literal = json.dumps(translate(text), ensure_ascii=False)
        return f"{literal}" if found.group(2) == ")" else f"format_message({literal},"

    return _MESSAGE.sub(replace, source)


def environment(translate: Translate) -> Any:
    """The Jinja2 environment of one language: templates from the package with their interface
    text translated, autoescaped, with the site's filters."""
    from jinja2 import BaseLoader, Environment, PackageLoader, select_autoescape

    package = PackageLoader("acsg_cli.site", "templates")

    class Translated(BaseLoader):
        def get_source(self, env: Any, name: str) -> tuple[str, str | None, Any]:
            source, filename, _uptodate = package.get_source(env, name)
            return translated_source(source, translate), filename, lambda: True

    env = Environment(
        loader=Translated(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals["format_message"] = lambda text, **values: text % values
    env.globals["badge"] = badge
    env.globals["facts"] = facts
    env.filters["label"] = views.label
    env.filters["region"] = views.region_name
    env.filters["lang_of"] = views.lang_of
    return env


def latest_date(registry: Registry) -> str:
    """The last date the registry records: the site's "as of", so an unchanged registry gives
    unchanged pages whatever the day of the build."""
    dates = [r.submitted_on for r in registry.requests.values()]
    dates += [o.submitted_on for o in registry.offers.values()]
    for m in registry.matches.values():
        dates += [h.on for h in m.history] + [u.on for u in m.updates] + [c.on for c in m.consents]
    return max(dates).isoformat() if dates else ""


def sorted_cards(ctx: Context, ids: list[str]) -> list[Card]:
    return sorted((ctx.cards[i] for i in ids), key=lambda c: (c.date, c.id), reverse=True)


def country_figures(registry: Registry) -> dict[str, CountryFigures]:
    requests: Counter[str] = Counter()
    offers: Counter[str] = Counter()
    matches: Counter[str] = Counter()
    for request in registry.requests.values():
        requests.update(request.requesting_states)
    for offer in registry.offers.values():
        if offer.offering_entity.country:
            offers[offer.offering_entity.country] += 1
    for match in registry.matches.values():
        matches.update(set(ctx_countries(registry, match)))
    codes = set(requests) | set(offers) | set(matches)
    return {c: CountryFigures(requests[c], offers[c], matches[c]) for c in codes}


def ctx_countries(registry: Registry, match: Match) -> list[str]:
    request = registry.requests.get(match.request)
    found = list(request.requesting_states) if request else []
    for offer_id in match.offers:
        offer = registry.offers.get(offer_id)
        if offer is not None and offer.offering_entity.country:
            found.append(offer.offering_entity.country)
    return found


def home(ctx: Context) -> str:
    registry, _ = ctx.registry, ctx.gettext
    link = ctx.linker(ctx.root_of("index.html"))
    figures = country_figures(registry)
    live = sum(1 for m in registry.matches.values() if m.status in LIVE_MATCH_STATUSES)
    states = {s for r in registry.requests.values() for s in r.requesting_states}
    unmet = [
        r
        for r in registry.requests.values()
        if r.status.value == "open"
        and not any(m.status in LIVE_MATCH_STATUSES for m in registry.matches_for_request(r.id))
    ]
    by_area = Counter(a.value for r in unmet for a in r.areas)
    by_region = Counter(g for r in unmet for g in views.regions_of(list(r.requesting_states)))
    countries = sorted(
        ((c, views.country_name(c), f) for c, f in figures.items()),
        key=lambda t: views.sort_key(t[1]),
    )
    return ctx.page(
        "home.html.j2",
        "index.html",
        title=_("Home"),
        figures=[
            (len(registry.requests), _("requests for support"), "requests/index.html"),
            (len(registry.offers), _("offers of support"), "offers/index.html"),
            (len(registry.matches), _("matches"), "matches/index.html"),
            (live, _("matches under way"), "matches/index.html"),
            (len(states), _("States requesting support"), "browse.html"),
        ],
        world_map=world_map(figures, {c: link(f"countries/{c}.html") for c in figures}),
        disclaimer=_(DISCLAIMER),
        countries=countries,
        unmet_count=len(unmet),
        unmet_by_area=[(a.value, by_area[a.value]) for a in Area if by_area[a.value]],
        unmet_by_region=[(g.value, by_region[g.value]) for g in Region if by_region[g.value]],
        updates=latest_updates(ctx),
        practices=sorted_cards(ctx, list(registry.practices))[:6],
        practice_count=len(registry.practices),
    )


def latest_updates(ctx: Context, limit: int = 12) -> list[dict[str, str]]:
    """The newest events: stage moves and progress updates of matches, new requests and offers.
    Only the events shown are read through the records' shared views."""
    events: list[tuple[str, str, str, int]] = []  # date, record id, stage, update number
    for match in ctx.registry.matches.values():
        events += [(h.on.isoformat(), match.id, h.status.value, -1) for h in match.history]
        events += [(u.on.isoformat(), match.id, "", n) for n, u in enumerate(match.updates)]
    events += [(r.submitted_on.isoformat(), r.id, "", -1) for r in ctx.registry.requests.values()]
    events += [(o.submitted_on.isoformat(), o.id, "", -1) for o in ctx.registry.offers.values()]
    events.sort(key=lambda e: (e[0], e[1]), reverse=True)
    new = {"request": ctx.gettext("new request"), "offer": ctx.gettext("new offer")}
    shown = []
    for on, rid, stage, number in events[:limit]:
        card = ctx.cards[rid]
        if number >= 0:
            text = ctx.view(rid)["updates"][number]["summary"]
        else:
            text = "" if stage else new[card.kind]
        shown.append(
            {"on": on, "url": card.url, "heading": card.heading, "status": stage, "text": text}
        )
    return shown
