"""What the portal shows of each record: the shared audience's view, as plain data for templates.

Record pages are built from `shared_view` (a record as the disclosure policy lets the `shared`
audience see it), never from a record model, so a field the policy withholds cannot reach a
template by accident. Cards read only what the policy shows everyone (States, areas, status,
dates, the entity) and the title through the policy's `shown_title`.
Labels (country, region, area, stage names) are derived here too, once for every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from acsg_cli import disclosure, geo
from acsg_cli.disclosure import Audience, disclose, disclose_match
from acsg_cli.lifecycle.following import started_on
from acsg_cli.models import AnyRecord, Match, Offer, Practice, Request
from acsg_cli.registry import Registry
from acsg_cli.render import safety
from acsg_cli.vocab import (
    LABELS,
    Area,
    EntityType,
    MatchStatus,
    OfferStatus,
    Region,
    RequestStatus,
    TranslationLanguage,
    _Vocab,
    label_of,
)

SHARED = Audience.shared()
"""The only audience the portal is built for."""


def _visible(value: Any) -> Any:
    """Every string of a view with invisible and control characters shown, not hidden."""
    if isinstance(value, str):
        return safety.visible(value) if safety.has_unsafe(value) else value
    if isinstance(value, dict):
        return {k: _visible(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_visible(v) for v in value]
    return value


SHOWN_IN = "shown_in"
"""The key of a view saying its page's language and which of its fields are in it."""


def in_language(data: dict[str, Any], lang: str) -> dict[str, Any]:
    """A disclosed view with its text in `lang` where the record's `translations` give it (the
    policy has already taken out of `translations` what it withholds), the rest as written;
    `SHOWN_IN` says which fields are translated, for `lang_of`."""
    translations = data.pop("translations", None)
    given = translations.get(lang) if isinstance(translations, dict) else None
    translated = {k: v for k, v in (given or {}).items() if v is not None}
    data.update(translated)
    data[SHOWN_IN] = (lang, tuple(sorted(translated)))  # pickled into page keys: ordered
    return data


def lang_of(view: dict[str, Any], name: str) -> Any:
    """` lang="en"` for an element showing the field `name` of a record's view as written, on
    a page in another language (the field is not translated), else nothing."""
    from markupsafe import Markup

    from acsg_cli.translations import BASE_LANGUAGE

    lang, translated = view.get(SHOWN_IN, (BASE_LANGUAGE, ()))
    if lang == BASE_LANGUAGE or name in translated:
        return ""
    return Markup(f' lang="{BASE_LANGUAGE}"')


def shared_view(record: Request | Offer, lang: str = "en") -> dict[str, Any]:
    """The record as the `shared` audience may see it (the disclosure policy decides, field by
    field), with the title it may see. Every page of a request or an offer comes from this."""
    data: dict[str, Any] = in_language(_visible(disclose(record, SHARED).data), lang)
    data["title"] = shown_title(record)
    return data


SAFE_SCHEMES = ("http", "https")
"""The only kinds of address a page links to outside the site."""


def safe_url(url: object) -> str:
    """`url` when it is an http(s) address with a host and nothing invisible in it, else "":
    a record's link can never be `javascript:`, `data:` or a relative path into the site."""
    from urllib.parse import urlsplit

    if not isinstance(url, str) or safety.has_unsafe(url) or any(c.isspace() for c in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in SAFE_SCHEMES and parts.hostname else ""


def practice_view(practice: Practice, lang: str = "en") -> dict[str, Any]:
    """A good practice as the `shared` audience may see it (no contact data, every string
    redacted), its text in `lang` where translated, and only its safe links."""
    data: dict[str, Any] = in_language(_visible(disclose(practice, SHARED).data), lang)
    data["website"] = safe_url(data.get("website"))
    data["resources"] = [
        {**r, "url": safe_url(r.get("url"))} for r in data.get("resources", []) if r.get("title")
    ]
    return data


def shown_title(record: Request | Offer) -> str:
    """The title the shared audience sees: a confidential request's is withheld."""
    return str(_visible(disclosure.shown_title(record, SHARED)))


def title_lang(record: Request | Offer | Practice | None) -> str:
    """The language a record's title is shown in on a page of the run's language: "" when it
    is the page's (English, or a translation the shared audience may read), else the language
    records are written in, for a `lang` attribute to mark it (a withheld title's placeholder
    is the English one)."""
    from acsg_cli.i18n import current
    from acsg_cli.translations import BASE_LANGUAGE

    lang = current()
    if lang == BASE_LANGUAGE or record is None:
        return ""
    given = record.translations.get(TranslationLanguage(lang))
    shown = isinstance(record, Practice) or disclosure.may_see(record, "title", SHARED)
    return "" if shown and getattr(given, "title", None) is not None else BASE_LANGUAGE


def match_view(
    match: Match, request: Request | None, offers: list[Offer], lang: str = "en"
) -> dict[str, Any]:
    """A match as the shared audience sees it (the disclosure policy's match view)."""
    view = disclose_match(match, request, offers, SHARED).data
    data: dict[str, Any] = in_language(_visible(view), lang)
    return data


def _entity_name(offer: Offer) -> str:
    return str(_visible(disclosure.redact(" ".join(offer.offering_entity.name.split()))))


def label(code: str) -> str:
    """A vocabulary value in words, in the current language (`rsd_procedures` -> `RSD
    procedures`): the label defined beside its vocabulary."""
    from acsg_cli.i18n import current

    return _label(current(), code)


@cache
def _label(lang: str, code: str) -> str:
    """`label` in `lang` (the current language: the catalogs are read in it), made once."""
    for kind in _LABEL_ORDER:
        if code in LABELS[kind]:
            return label_of(kind, code)
    return code


_LABEL_ORDER: tuple[type[_Vocab], ...] = (Area, MatchStatus, RequestStatus, OfferStatus, *LABELS)
"""Where a code is looked up: a code several vocabularies share (`open`, `closed`, `either`)
has the same words in each."""


def region_name(code: str) -> str:
    """A region's name, in the current language."""
    return label_of(Region, code)


def country_name(code: str) -> str:
    """A country's name in the current language (`TCD`: Chad, Tchad, Chad)."""
    from acsg_cli.i18n import current

    return geo.country_name(code) if current() == "en" else _local_country(current(), code)


@cache
def _local_country(lang: str, code: str) -> str:
    return geo.local_country_name(code)


def language_name(code: str) -> str:
    """A language's name in the current language (`fr`: French, français, francés)."""
    from acsg_cli.i18n import current

    return geo.language_name(code) if current() == "en" else _local_language(current(), code)


@cache
def _local_language(lang: str, code: str) -> str:
    from babel import Locale

    name = Locale.parse(lang).languages.get(code)
    return str(name) if name else geo.language_name(code)


def sort_key(name: str) -> str:
    """How names sort in any language: accents aside, case aside (`Équateur` near `Erythrée`)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def shared_translations(registry: Registry, record: AnyRecord) -> dict[str, Any]:
    """The record's `translations` the shared audience may read, by language (the disclosure
    policy drops a translated field it withholds)."""
    if isinstance(record, Match):
        request = registry.requests.get(record.request)
        offers = [o for i in record.offers if (o := registry.offers.get(i))]
        data = disclose_match(record, request, offers, SHARED).data
    else:
        data = disclose(record, SHARED).data
    found = data.get("translations")
    return found if isinstance(found, dict) else {}


def regions_of(states: list[str]) -> list[str]:
    found = {r for s in states if (r := geo.region_of(s)) is not None}
    return [r.value for r in Region if r in found]


def entity_label(offer: Offer) -> str:
    """How an offering entity is named on a card: a State by its country, others by name."""
    entity = offer.offering_entity
    if entity.type is EntityType.STATE and entity.country:
        return country_name(entity.country)
    return _entity_name(offer)


def offer_regions(offer: Offer) -> list[str]:
    """Regions an offer can be used in (its geographic scope)."""
    scope = offer.geographic_scope
    if scope.is_global:
        return [r.value for r in Region]
    if scope.regions:
        return [r.value for r in Region if r in scope.regions]
    return regions_of(list(scope.countries or []))


@dataclass
class Card:
    """One record in a listing: what the card shows and the facets its filters use."""

    kind: str
    id: str
    url: str
    heading: str
    subheading: str
    status: str
    areas: list[str]
    regions: list[str]
    countries: list[str]
    entity_types: list[str] = field(default_factory=list)
    date: str = ""
    heading_lang: str = ""
    subheading_lang: str = ""
    """The language of the heading or subheading when it is record text in another language
    than the page's (`title_lang`), else ""."""

    def facet(self, name: str) -> str:
        """The card's values of a filter, space-separated (as `data-NAME` holds them)."""
        values = {
            "region": self.regions,
            "area": self.areas,
            "stage": [self.status],
            "entity": self.entity_types,
        }[name]
        return " ".join(values)


def request_card(request: Request) -> Card:
    states = list(request.requesting_states)
    return Card(
        kind="request",
        id=request.id,
        url=f"requests/{request.id}.html",
        heading=" – ".join(country_name(s) for s in states),
        subheading=shown_title(request),
        status=request.status.value,
        areas=[a.value for a in request.areas],
        regions=regions_of(states),
        countries=states,
        entity_types=["state"],
        date=request.submitted_on.isoformat(),
        subheading_lang=title_lang(request),
    )


def offer_card(offer: Offer) -> Card:
    country = offer.offering_entity.country
    return Card(
        kind="offer",
        id=offer.id,
        url=f"offers/{offer.id}.html",
        heading=entity_label(offer),
        subheading=shown_title(offer),
        status=offer.status.value,
        areas=[a.value for a in offer.areas],
        regions=offer_regions(offer),
        countries=[country] if country else [],
        entity_types=[offer.offering_entity.type.value],
        date=offer.submitted_on.isoformat(),
        subheading_lang=title_lang(offer),
    )


def match_card(registry: Registry, match: Match) -> Card:
    request = registry.requests.get(match.request)
    offers = [o for o in (registry.offers.get(i) for i in match.offers) if o is not None]
    states = list(request.requesting_states) if request else []
    left = ", ".join(country_name(s) for s in states) or match.request
    right = ", ".join(entity_label(o) for o in offers) or ", ".join(match.offers)
    offer_countries = [c for o in offers if (c := o.offering_entity.country)]
    return Card(
        kind="match",
        id=match.id,
        url=f"matches/{match.id}.html",
        heading=f"{left} – {right}",
        subheading=shown_title(request) if request else "",
        status=match.status.value,
        areas=match_areas(match, request, offers),
        regions=regions_of(states),
        countries=[*states, *offer_countries],
        entity_types=sorted({o.offering_entity.type.value for o in offers}),
        date=first.isoformat() if (first := started_on(match)) else "",
        subheading_lang=title_lang(request) if request else "",
    )


def match_areas(match: Match, request: Request | None, offers: list[Offer]) -> list[str]:
    """The areas a match works on: the request's areas that an offer covers (all of the
    request's when no offer loads)."""
    if request is None:
        return []
    offered = {a for o in offers for a in o.areas}
    areas = [a.value for a in request.areas if a in offered or not offers]
    return areas or [a.value for a in request.areas]


def timeframe(match: Match) -> tuple[str, str]:
    """From the first recorded event to completion (or `ongoing`, or the date it ended)."""
    start = started_on(match)
    end = ""
    for entry in match.history:
        if entry.status in (MatchStatus.COMPLETED, MatchStatus.DECLINED, MatchStatus.WITHDRAWN):
            end = entry.on.isoformat()
    return (start.isoformat() if start else "", end)


def practice_card(practice: Practice) -> Card:
    countries = list(practice.countries)
    title = str(_visible(disclosure.redact(" ".join(str(text_in_run(practice)).split()))))
    return Card(
        kind="practice",
        id=practice.id,
        url=f"practices/{practice.id}.html",
        heading=title,
        subheading=", ".join(country_name(c) for c in countries),
        status=practice.status.value,
        areas=[a.value for a in practice.categories],
        regions=regions_of(countries),
        countries=countries,
        date=practice.submitted_on.isoformat(),
        heading_lang=title_lang(practice),
    )


def text_in_run(practice: Practice) -> object:
    """A practice's title in the language of the run (its translation where it has one)."""
    from acsg_cli.i18n import current
    from acsg_cli.translations import text_in

    return text_in(practice, "title", current())


def card(registry: Registry, record: AnyRecord) -> Card:
    """The card of any record."""
    if isinstance(record, Request):
        return request_card(record)
    if isinstance(record, Offer):
        return offer_card(record)
    if isinstance(record, Match):
        return match_card(registry, record)
    return practice_card(record)
