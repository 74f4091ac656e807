"""Renderers: every format shows the same figures, and the HTML page stands on its own."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from acsg_cli.render.registry import formats, render
from acsg_cli.render.target import Destination
from acsg_cli.reports.model import build_stocktaking
from acsg_cli.reports.status import build_status
from acsg_cli.reports.timetravel import snapshot
from acsg_cli.vocab import Area, label_of
from tests.conftest import SHIPPED
from tests.reports.htmltables import html_tables
from tests.reports.registries import add_private_records

TODAY = date(2024, 1, 1)


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("render") / "data"
    shutil.copytree(SHIPPED, root)
    add_private_records(root)
    now = snapshot(root, "data", "2022-06-01", TODAY)
    return build_stocktaking(now, since=snapshot(root, "data", "2020-12-31", TODAY, base=now))


@pytest.fixture(scope="module")
def rendered(model: Any) -> dict[str, str]:
    """Each text format of the model, drawn once for the module (charts take a while)."""
    return {fmt: draw("stocktaking", fmt, model) for fmt in formats("stocktaking") if fmt != "pdf"}


def draw(kind: str, fmt: str, result: Any) -> str:
    """`result` rendered by the registry's `fmt` renderer, as standard output would get it."""
    out = io.StringIO()
    render(kind, result, Destination(stream=out), fmt)
    return out.getvalue()


def _numbers(value: Any, path: str = "") -> list[tuple[str, int]]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [(path, value)]
    if isinstance(value, dict):
        return [n for k, v in value.items() for n in _numbers(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [n for i, v in enumerate(value) for n in _numbers(v, f"{path}[{i}]")]
    return []


def _rows(text: str) -> list[list[str]]:
    return [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|")
    ]


def _by_first(rows: list[list[str]]) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    for row in rows:
        out.setdefault(row[0], []).append(row)
    return out


def test_every_json_figure_is_in_every_format(rendered: dict[str, str]) -> None:
    data = json.loads(rendered["json"])
    assert {"as_of", "totals"} <= set(data) and set(data["totals"]) >= {
        "requests",
        "offers",
        "matches",
    }
    numbers = _numbers(data)
    assert len(numbers) > 100
    for fmt in ("markdown", "table", "html"):
        text = rendered[fmt]
        tokens = set(re.findall(r"-?\d+", text))
        missing = [(p, n) for p, n in numbers if str(n) not in tokens]
        assert not missing, (fmt, missing)
        for finding in data["findings"]:
            assert (html.escape(finding, quote=False) if fmt == "html" else finding) in text


def test_tables_carry_the_json_figures_row_by_row(rendered: dict[str, str]) -> None:
    data = json.loads(rendered["json"])
    md_rows = _by_first(_rows(rendered["markdown"]))
    html_rows = _by_first([r for t in html_tables(rendered["html"]) for r in t])
    for area in data["supply_demand"]["by_area"]:
        expected = [
            label_of(Area, area["area"]),
            *(
                str(area[k])
                for k in ("requested", "offered", "gap", "open_requests", "available_offers")
            ),
        ]
        assert expected in md_rows[expected[0]] and expected in html_rows[expected[0]]
    for region in data["supply_demand"]["by_region"]:
        expected = [
            region["name"],
            *(
                str(region[k])
                for k in ("requested", "offered", "gap", "open_requests", "available_offers")
            ),
        ]
        assert expected in md_rows[region["name"]] and expected in html_rows[region["name"]]
    for key in ("requests", "offers", "matches", "live_matches"):
        label = key.replace("_", " ").capitalize()
        assert md_rows[label] == [[label, str(data["totals"][key])]] == html_rows[label]
    for need in data["unmet_needs"]["requests"]:
        assert (
            md_rows[need["request"]][0][3]
            == str(need["days_open"])
            == html_rows[need["request"]][0][3]
        )
    for line in data["matches"]["matches"]:
        assert md_rows[line["match"]][0][1] == line["parties"] == html_rows[line["match"]][0][1]
    assert [m["id"] for m in data["changes"]["new_matches"]] == [
        "MAT-2021-001",
        "MAT-2021-002",
        "MAT-2021-003",
        "MAT-2022-001",
    ]


def test_html_is_self_contained_and_printable(model: Any, rendered: dict[str, str]) -> None:
    page = rendered["html"]
    assert page.startswith("<!DOCTYPE html>")
    for forbidden in ("<script", "<link", "<img", "@import", "src=", "@font-face"):
        assert forbidden not in page
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', page))
    assert set(re.findall(r"url\(([^)]*)\)", page)) <= {
        f"#{i}" for i in re.findall(r'id="([^"]+)"', page)
    }
    assert page.count("<svg") == 2
    assert re.search(r"<text[^>]*>Legislation</text>", page), "chart text must stay text"
    assert (
        "size: A4" in page
        and "display: table-header-group" in page
        and "break-inside: avoid" in page
    )
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "element ids are unique across both charts"
    for section in model.sections:
        assert f"Source: {section.source}" in page


def test_html_is_deterministic(model: Any, rendered: dict[str, str]) -> None:
    assert draw("stocktaking", "html", model) == rendered["html"]


def test_status_formats_agree(shipped: Path) -> None:
    add_private_records(shipped)
    report = build_status(snapshot(shipped, "data", "2022-06-01", TODAY))
    data = json.loads(draw("status", "json", report))
    csv_rows = list(csv.reader(io.StringIO(draw("status", "csv", report))))
    assert csv_rows[0] == [
        "attention",
        "id",
        "parties",
        "areas",
        "stage",
        "since",
        "days",
        "last_update",
        "eligible_offer",
    ]
    md_rows = {r[1]: r for r in _rows(draw("status", "markdown", report)) if len(r) > 2}
    html_rows = {
        r[1]: r for t in html_tables(draw("status", "html", report)) for r in t if len(r) > 2
    }
    table = draw("status", "table", report)
    assert [r[1] for r in csv_rows[1:]] == [r["id"] for r in data["rows"]]
    for row in data["rows"]:
        days = "" if row["days"] is None else str(row["days"])
        assert md_rows[row["id"]][6] == days == html_rows[row["id"]][6]
        assert md_rows[row["id"]][0] == row["attention"] == html_rows[row["id"]][0]
        assert row["id"] in table


def test_every_registered_renderer_is_a_function_of_result_and_destination() -> None:
    import inspect

    from acsg_cli.render.registry import RENDERERS

    for kind, table in RENDERERS.items():
        for name, renderer in table.items():
            drawn = renderer.load()
            assert list(inspect.signature(drawn).parameters)[-1] == "destination", (kind, name)
