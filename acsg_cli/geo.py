"""Country and language codes, and the UNHCR regional bureau of each country.

Codes are checked against the ISO 3166-1 and ISO 639 databases that pycountry ships (Debian's
iso-codes, maintained upstream). They are read straight from pycountry's JSON files: building
pycountry's ~7,900 language objects to find 184 two-letter codes would cost most of a small
run's start-up. The region of a country comes from `resources/unhcr_regions.csv`, whose
header names its source: UNHCR's regional bureaux coverage as used in its population
statistics.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from acsg_cli.vocab import Region


def _iso_database(name: str, key: str) -> list[dict[str, Any]]:
    spec = importlib.util.find_spec("pycountry")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pycountry is not installed; reinstall acsg")
    folder = Path(next(iter(spec.submodule_search_locations))) / "databases"
    with (folder / f"{name}.json").open("rb") as fh:
        entries: list[dict[str, Any]] = json.load(fh)[key]
    return entries


@cache
def _countries() -> dict[str, str]:
    return {entry["alpha_3"]: entry["name"] for entry in _iso_database("iso3166-1", "3166-1")}


@cache
def alpha3_by_alpha2() -> dict[str, str]:
    """ISO 3166-1 alpha-3 codes by alpha-2 code (`FR` -> `FRA`)."""
    return {entry["alpha_2"]: entry["alpha_3"] for entry in _iso_database("iso3166-1", "3166-1")}


@cache
def _languages() -> dict[str, str]:
    return {
        entry["alpha_2"]: entry["name"]
        for entry in _iso_database("iso639-3", "639-3")
        if "alpha_2" in entry
    }


@cache
def _regions() -> dict[str, Region]:
    text = (
        resources.files("acsg_cli")
        .joinpath("resources/unhcr_regions.csv")
        .read_text(encoding="utf-8")
    )
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["iso3"]: Region(row["region"]) for row in rows}


def is_country(code: str) -> bool:
    return code in _countries()


def country_name(code: str) -> str:
    return _countries().get(code, code)


def local_country_name(code: str) -> str:
    """An ISO 3166-1 alpha-3 country in the current language (`TCD`: Chad, Tchad, Chad)."""
    from acsg_cli.i18n import _BABEL_LOCALES, current

    try:
        import pycountry
        from babel import Locale

        country = pycountry.countries.get(alpha_3=code)
        if country is not None:
            name = Locale.parse(_BABEL_LOCALES[current()]).territories.get(country.alpha_2)
            if name:
                return str(name)
    except (LookupError, ValueError):
        pass
    return country_name(code)


def is_language(code: str) -> bool:
    return code in _languages()


def language_name(code: str) -> str:
    return _languages().get(code, code)


def region_of(code: str) -> Region | None:
    """The UNHCR regional bureau covering a country, or None for an unknown code."""
    return _regions().get(code)


def countries_in(region: Region) -> list[str]:
    return sorted(code for code, r in _regions().items() if r is region)


@cache
def _alpha2() -> dict[str, str]:
    return {entry["alpha_3"]: entry["alpha_2"] for entry in _iso_database("iso3166-1", "3166-1")}


def alpha2(code: str) -> str:
    """The ISO 3166-1 alpha-2 code of an alpha-3 code (IATI and HXL p-codes use alpha-2)."""
    return _alpha2()[code]
