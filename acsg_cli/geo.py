"""Country and language codes, and the UNHCR regional bureau of each country.

Codes are checked against pycountry (ISO 3166-1 and ISO 639 as maintained by Debian's
iso-codes). The region of a country comes from `resources/unhcr_regions.csv`, whose header
names its source: UNHCR's regional bureaux coverage as used in its population statistics.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from acsg_cli.vocab import Region


@cache
def _countries() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: c.name for c in pycountry.countries}


@cache
def _languages() -> dict[str, str]:
    import pycountry

    return {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}


@cache
def _regions() -> dict[str, Region]:
    text = resources.files("acsg_cli").joinpath("resources/unhcr_regions.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["iso3"]: Region(row["region"]) for row in rows}


def is_country(code: str) -> bool:
    return code in _countries()


def country_name(code: str) -> str:
    return _countries().get(code, code)


def is_language(code: str) -> bool:
    return code in _languages()


def language_name(code: str) -> str:
    return _languages().get(code, code)


def region_of(code: str) -> Region | None:
    """The UNHCR regional bureau covering a country, or None for an unknown code."""
    return _regions().get(code)


def countries_in(region: Region) -> list[str]:
    return sorted(code for code, r in _regions().items() if r is region)
