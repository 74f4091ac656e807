from __future__ import annotations

import pycountry

from acsg_cli import geo
from acsg_cli.vocab import Region


def test_every_country_has_a_region() -> None:
    for country in pycountry.countries:
        assert geo.region_of(country.alpha_3) is not None, country.alpha_3


def test_known_regions() -> None:
    assert geo.region_of("TCD") is Region.WEST_CENTRAL_AFRICA
    assert geo.region_of("MEX") is Region.AMERICAS
    assert geo.region_of("UGA") is Region.EAST_HORN_GREAT_LAKES
    assert geo.region_of("ZWE") is Region.SOUTHERN_AFRICA
    assert geo.region_of("PHL") is Region.ASIA_PACIFIC
    assert geo.region_of("FRA") is Region.EUROPE
    assert geo.region_of("JOR") is Region.MENA
    assert geo.region_of("XYZ") is None
    assert "TCD" in geo.countries_in(Region.WEST_CENTRAL_AFRICA)


def test_codes() -> None:
    assert geo.is_country("TCD") and not geo.is_country("XYZ")
    assert geo.is_language("no") and geo.is_language("fr") and not geo.is_language("xx")
    assert geo.country_name("NER") == "Niger"


def test_codes_are_pycountrys() -> None:
    assert set(geo._countries()) == {c.alpha_3 for c in pycountry.countries}
    assert set(geo._languages()) == {
        lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")
    }
    assert geo.language_name("fr") == pycountry.languages.get(alpha_2="fr").name
