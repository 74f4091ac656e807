"""`acsg list` and `acsg show`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app
from tests.conftest import StrictRunner


def test_list_requests_table(registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "requests", "--data", str(registry)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "states", "status", "submitted", "on", "areas", "title"]
    assert lines[2].startswith("REQ-2021-001  TCD     Open")


def test_list_filters_and_formats(registry: Path, runner: CliRunner) -> None:
    def rows(*args: str) -> list[dict[str, object]]:
        result = runner.invoke(app, ["list", *args, "--data", str(registry), "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert [r["id"] for r in rows("requests", "--status", "open")] == ["REQ-2021-001"]
    assert rows("requests", "--status", "closed") == []
    assert [r["id"] for r in rows("requests", "--region", "west_central_africa")] == [
        "REQ-2021-001"
    ]
    assert rows("requests", "--state", "MEX") == []
    assert [r["id"] for r in rows("offers", "--entity-type", "state", "--state", "TCD")] == [
        "OFF-2021-001"
    ]
    assert rows("offers", "--entity-type", "ngo") == []
    assert [r["id"] for r in rows("matches", "--area", "legislation")] == ["MAT-2021-001"]
    result = runner.invoke(app, ["list", "offers", "--data", str(registry), "--format", "csv"])
    parsed = list(csv.DictReader(io.StringIO(result.stdout)))
    assert parsed[0]["scope"] == "global" and parsed[0]["capacity"] == "2"


@pytest.mark.parametrize(
    "args",
    [
        ["list", "pledges"],
        ["list", "requests", "--area", "gardening"],
        ["list", "requests", "--region", "mars"],
        ["list", "offers", "--format", "yaml"],
    ],
)
def test_list_usage_errors(args: list[str], registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, [*args, "--data", str(registry)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_show_match_resolves_request_and_offers(registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["show", "MAT-2021-001", "--data", str(registry), "--format", "json"]
    )
    assert result.exit_code == 0
    view = json.loads(result.stdout)
    assert view["kind"] == "match"
    assert view["request"]["id"] == "REQ-2021-001"
    assert [o["id"] for o in view["offers"]] == ["OFF-2021-001"]
    assert "contact" not in view["request"]


def test_show_text_and_markdown(registry: Path, runner: CliRunner) -> None:
    text = runner.invoke(app, ["show", "REQ-2021-001", "--data", str(registry)])
    assert text.exit_code == 0
    assert text.stdout.startswith(
        f"== request REQ-2021-001 ({registry}/requests/REQ-2021-001.yaml)\n"
    )
    assert "officer@example.org" not in text.stdout
    assert (
        "officer@example.org"
        in runner.invoke(
            app, ["show", "REQ-2021-001", "--data", str(registry), "--with-contact"]
        ).stdout
    )
    md = runner.invoke(
        app, ["show", "OFF-2021-001", "--data", str(registry), "--format", "markdown"]
    )
    assert md.stdout.startswith("## offer OFF-2021-001")
    assert '| geographic_scope | {"global": true} |' in md.stdout


def test_show_unknown_id(registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "REQ-2021-002", "--data", str(registry)])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: no record with id 'REQ-2021-002' in {registry}; did you mean REQ-2021-001?\n"
    )
    assert runner.invoke(app, ["show", "../etc/passwd", "--data", str(registry)]).exit_code == 1


def test_list_refuses_an_unknown_status_like_an_unknown_area(registry: Path) -> None:
    result = StrictRunner().invoke(
        app, ["list", "requests", "--data", str(registry), "--status", "opne"]
    )
    assert result.exit_code == 2
    assert "'opne' is not a status of requests" in result.stderr
    assert "did you mean 'open'?" in result.stderr


def _second_pair(registry: Path) -> None:
    """A draft request of Mexico's for reception, an NGO's closed offer for it (scope: Mexico,
    the NGO based in Spain) and their agreed match, beside the example's Chad-France pair."""
    (registry / "requests" / "REQ-2021-002.yaml").write_text(
        "id: REQ-2021-002\ntitle: Reception in the north\nrequesting_states: [MEX]\n"
        "submitted_on: 2021-03-01\nreceived_via: secretariat\nstatus: draft\n"
        "areas: [reception]\nsupport_types: [material]\n",
        encoding="utf-8",
    )
    (registry / "offers" / "OFF-2021-002.yaml").write_text(
        "id: OFF-2021-002\ntitle: Reception centres\n"
        "offering_entity: {name: Example NGO, type: ngo, country: ESP}\n"
        "submitted_on: 2021-02-01\nreceived_via: secretariat\nstatus: closed\n"
        "areas: [reception]\nsupport_types: [material]\n"
        "geographic_scope: {countries: [MEX]}\ncapacity: 1\n",
        encoding="utf-8",
    )
    (registry / "matches" / "MAT-2021-002.yaml").write_text(
        "id: MAT-2021-002\nrequest: REQ-2021-002\noffers: [OFF-2021-002]\nstatus: agreed\n"
        "proposed_on: 2021-04-01\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["requests", "--area", "legislation"], ["REQ-2021-001"]),
        (["requests", "--status", "draft"], ["REQ-2021-002"]),
        (["requests", "--region", "americas"], ["REQ-2021-002"]),
        (["requests", "--entity-type", "state"], []),
        (["offers", "--status", "open"], ["OFF-2021-001"]),
        (["offers", "--area", "reception"], ["OFF-2021-002"]),
        (["offers", "--entity-type", "ngo"], ["OFF-2021-002"]),
        (["offers", "--state", "TCD"], ["OFF-2021-001"]),  # the NGO works in Mexico only
        (["offers", "--state", "esp"], ["OFF-2021-001", "OFF-2021-002"]),  # its own country
        (["offers", "--region", "americas"], ["OFF-2021-001", "OFF-2021-002"]),
        (["offers", "--region", "europe"], ["OFF-2021-001", "OFF-2021-002"]),  # based in Spain
        (["offers", "--region", "mena"], ["OFF-2021-001"]),  # only the global offer
        (["matches", "--status", "agreed"], ["MAT-2021-002"]),
        (["matches", "--area", "reception"], ["MAT-2021-002"]),
        (["matches", "--state", "MEX"], ["MAT-2021-002"]),
        (["matches", "--region", "west_central_africa"], ["MAT-2021-001"]),
        (["matches", "--entity-type", "ngo"], ["MAT-2021-002"]),
        (["matches", "--entity-type", "state", "--area", "reception"], []),
    ],
)
def test_each_list_filter_keeps_only_what_it_names(
    args: list[str], ids: list[str], registry: Path, runner: CliRunner
) -> None:
    _second_pair(registry)
    result = runner.invoke(app, ["list", *args, "--data", str(registry), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.stdout)] == ids
