"""Supply and demand by region: an offer counts in a region only where it can serve, and offers
with a global scope are counted once, apart, in every format and language of the stocktaking."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from acsg_cli.i18n import LANGUAGES, _, language
from acsg_cli.render.registry import render
from acsg_cli.render.target import Destination
from acsg_cli.reports.model import build_stocktaking
from acsg_cli.reports.timetravel import snapshot
from acsg_cli.vocab import Region, label_of
from tests.matching_registries import make_registry, offer, request, write_registry
from tests.reports.htmltables import html_tables

TODAY = date(2024, 1, 1)

EXPECTED = {
    # region: (requested, offered, gap, open requests, available offers)
    "west_central_africa": (2, 1, 1, 2, 1),
    "americas": (1, 2, -1, 1, 1),
    "europe": (0, 1, -1, 0, 1),
    "mena": (0, 0, 0, 0, 0),
}
GLOBAL = (2, 1)
"""Global offers: offered (all but withdrawn) and available (open, with capacity left)."""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Requests from Chad, Niger and Mexico; offers limited to two Sahel countries, to the
    Americas, to Europe and the Americas; two global offers (one committed), one withdrawn."""
    records = make_registry(
        [
            request(1, requesting_states=["TCD"]),
            request(2, requesting_states=["NER"]),
            request(3, requesting_states=["MEX"]),
        ],
        [
            offer(1, geographic_scope={"countries": ["TCD", "NER"]}),
            offer(2, geographic_scope={"regions": ["americas"]}, status="committed"),
            offer(3, geographic_scope={"regions": ["europe", "americas"]}),
            offer(4),
            offer(5, status="committed"),
            offer(6, status="withdrawn"),
        ],
    )
    return write_registry(tmp_path_factory.mktemp("regions") / "data", records)


@pytest.fixture(scope="module")
def model(root: Path) -> Any:
    return build_stocktaking(snapshot(root, "data", None, TODAY))


def _figures(row: Any) -> tuple[int, ...]:
    return (row.requested, row.offered, row.gap, row.open_requests, row.available_offers)


def test_an_offer_counts_where_it_can_serve_and_global_offers_apart(model: Any) -> None:
    sd = model.supply_demand
    by_region = {r.region: _figures(r) for r in sd.by_region}
    assert {k: by_region[k] for k in EXPECTED} == EXPECTED
    assert (sd.global_offers.offered, sd.global_offers.available_offers) == GLOBAL
    assert set(by_region) == {r.value for r in Region}
    # every offer but the withdrawn one is somewhere: in its regions or with the global ones
    assert sd.offered == 5


def _draw(fmt: str, model: Any, lang: str) -> str:
    out = io.StringIO()
    with language(lang):
        render("stocktaking", model, Destination(stream=out), fmt)
    return out.getvalue()


def _rows_markdown(text: str) -> list[list[str]]:
    return [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|")
    ]


def _rows_terminal(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines()]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_format_and_language_shows_the_global_row(model: Any, lang: str, root: Path) -> None:
    with language(lang):
        label = _("Any region (global scope)")
        europe = label_of(Region, "europe")
    data = json.loads(_draw("json", model, lang))["supply_demand"]
    assert data["global_offers"] == {"offered": GLOBAL[0], "available_offers": GLOBAL[1]}
    assert [r["offered"] for r in data["by_region"] if r["region"] == "europe"] == [1]
    expected_global = [label, "", str(GLOBAL[0]), "", "", str(GLOBAL[1])]
    expected_europe = [europe, "0", "1", "-1", "0", "1"]
    markdown = _rows_markdown(_draw("markdown", model, lang))
    html = [r for t in html_tables(_draw("html", model, lang)) for r in t]
    for rows in (markdown, html):
        assert expected_global in rows, lang
        assert expected_europe in rows, lang
    terminal = _draw("table", model, lang)
    line = next(x for x in terminal.splitlines() if x.strip().startswith(label))
    assert line.split()[-2:] == [str(GLOBAL[0]), str(GLOBAL[1])]


@pytest.fixture(scope="module")
def closed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Offers of every status, global and limited in scope: closed ones are offered (pledged),
    withdrawn ones are not."""
    records = make_registry(
        [request(1, requesting_states=["TCD"])],
        [
            offer(1),
            offer(2, status="committed"),
            offer(3, status="closed"),
            offer(4, status="withdrawn"),
            offer(5, geographic_scope={"countries": ["TCD"]}),
            offer(6, geographic_scope={"regions": ["americas"]}, status="closed"),
            offer(7, geographic_scope={"countries": ["NER"]}, status="withdrawn"),
        ],
    )
    root = write_registry(tmp_path_factory.mktemp("closed") / "data", records)
    return build_stocktaking(snapshot(root, "data", None, TODAY))


def _plain(text: str) -> str:
    import html

    return " ".join(html.unescape(text).split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_global_offers_have_one_basis_in_every_format_and_language(
    closed: Any, lang: str
) -> None:
    from acsg_cli.i18n import ngettext

    sd, narrow = closed.supply_demand, closed.narrow_scope
    assert (sd.offered, sd.global_offers.offered) == (5, 3)
    assert (narrow.offered, narrow.count, narrow.global_offers) == (5, 2, 3)
    data = json.loads(_draw("json", closed, lang))
    assert (
        data["narrow_scope"]["global_offers"] == data["supply_demand"]["global_offers"]["offered"]
    )
    assert data["narrow_scope"]["offered"] == data["supply_demand"]["offered"]
    with language(lang):
        sentence = ngettext(
            "{count} of {total} offer (all but withdrawn ones) is limited to named countries "
            "or regions; {world} has a global scope.",
            "{count} of {total} offers (all but withdrawn ones) are limited to named countries "
            "or regions; {world} have a global scope.",
            5,
        ).format(count=2, total=5, world=3)
        label = _("Any region (global scope)")
    for fmt in ("table", "markdown", "html"):
        text = _draw(fmt, closed, lang)
        assert _plain(sentence) in _plain(text), (fmt, lang)
    markdown = _rows_markdown(_draw("markdown", closed, lang))
    html = [r for t in html_tables(_draw("html", closed, lang)) for r in t]
    for rows in (markdown, html):
        assert [label, "", "3", "", "", "1"] in rows, lang
