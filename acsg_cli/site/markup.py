"""Markup made in Python rather than by templates, for the parts of pages that listings and
record pages repeat thousands of times: a status badge, a card, a record's facts. Every value
is escaped, as the templates' autoescaping would."""

from __future__ import annotations

from typing import Any

from acsg_cli.site import views
from acsg_cli.site.views import Card


def card_markup(card: Card, url: str) -> Any:
    """A record's card in a listing, linking to `url`, every value escaped: markup made here
    rather than by a template, as a listing shows thousands."""
    from markupsafe import Markup, escape

    def lang(code: str) -> str:
        return f' lang="{escape(code)}"' if code else ""

    facets = "".join(
        f' data-{name}="{escape(card.facet(name))}"'
        for name in ("region", "area", "stage", "entity")
    )
    date = card.date and f' · <time datetime="{escape(card.date)}">{escape(card.date)}</time>'
    lines = [
        f'<li class="card"{facets}>\n<h3><a href="{escape(url)}"{lang(card.heading_lang)}>'
        f"{escape(card.heading)}</a></h3>\n",
        f'<p class="card-meta">{badge(card.status)} <span class="id">{escape(card.id)}</span>'
        f"{date}</p>\n",
    ]
    if card.subheading:
        lines.append(f"<p{lang(card.subheading_lang)}>{escape(card.subheading)}</p>")
    if card.areas:
        tags = "".join(f'<span class="tag">{escape(views.label(a))}</span> ' for a in card.areas)
        lines.append(f'<p class="tags">{tags}</p>')
    return Markup("".join([*lines, "</li>\n"]))


def facts(rows: list[tuple[str, Any]]) -> Any:
    """A record's facts, a term and its value each, leaving out those without a value."""
    from markupsafe import Markup, escape

    items = "".join(f"<dt>{escape(t)}</dt><dd>{escape(v)}</dd>\n" for t, v in rows if v)
    return Markup(f'<dl class="facts">\n{items}</dl>\n')


def badge(status: str) -> Any:
    """A stage or status as a badge, in words in the current language (`label`): markup made
    here rather than by a macro, as listings show thousands."""
    from markupsafe import Markup, escape

    return Markup(
        f'<span class="badge badge-{escape(status)}">{escape(views.label(status))}</span>'
    )
