"""The disclosure policy, end to end: a marker planted in every confidential field and in contact
data, and every command that prints or writes record content run for every audience.

Markers are words no real text holds, so finding one in an output is a leak. Free-text e-mail
addresses and phone numbers are planted too, in progress updates, notes and descriptions: they
must never come out, whoever reads.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from acsg_cli.cli import app
from acsg_cli.models import Request
from tests.conftest import StrictRunner

TODAY = "2022-06-01"
FREE_EMAIL = "leak.canary@example.org"
FREE_PHONE = "+41 22 739 81 11"
CONTACT = ("Kanarycontactname", "kanary.contact@example.net")

REQUEST_MARKERS = {
    "title": "Kanarytitle",
    "lead_authority": "Kanaryauthority",
    "needs_assessment": "Kanaryassessment",
    "national_plan": "Kanaryplan",
    "gap": "Kanarygap",
    "objectives": "Kanaryobjective",
    "milestones": "Kanarymilestone",
    "sustainability": "Kanarysustain",
    "other_beneficiaries": "Kanarybeneficiary",
    "coordination": "Kanaryprovider",
    "monitoring": "Kanarymonitor",
    "grf_pledge_ids": "Kanarypledge",
}
"""One marker per confidential request field that holds text."""
OFFER_MARKER = "Kanaryexpertise"
SHARED_WORD = "Zanzibarite"
"""In the confidential gap and in a public offer's expertise: a score reason would quote it."""


def _request() -> dict[str, Any]:
    m = REQUEST_MARKERS
    return {
        "id": "REQ-2022-001",
        "title": f"{m['title']} reform of the asylum law",
        "requesting_states": ["TCD"],
        "lead_authority": m["lead_authority"],
        "submitted_on": "2022-01-10",
        "received_via": "secretariat",
        "grf_pledge_ids": [m["grf_pledge_ids"]],
        "status": "open",
        "areas": ["legislation", "training"],
        "quality_dimensions": ["fairness"],
        "support_types": ["technical"],
        "languages": ["fr"],
        "term": "long_term",
        "urgent": True,
        "needs_assessment": {"completed_on": "2021-12-01", "reference": m["needs_assessment"]},
        "national_plan": {"name": m["national_plan"], "commitment": "yes"},
        "gap": f"{m['gap']} {SHARED_WORD} drafting; write to {FREE_EMAIL} or {FREE_PHONE}",
        "objectives": [f"{m['objectives']} {SHARED_WORD} law adopted"],
        "milestones": [{"description": m["milestones"], "type": "qualitative"}],
        "sustainability": m["sustainability"],
        "other_beneficiaries": [{"name": m["other_beneficiaries"], "type": "ngo"}],
        "coordination": {
            "existing_support": [{"provider": m["coordination"], "areas": ["legislation"]}],
            "duplication_mitigation": f"{m['coordination']} coordinates",
        },
        "monitoring": m["monitoring"],
        "confidential": True,
        "contact": {"name": CONTACT[0], "email": CONTACT[1]},
    }


def _offer(number: int, **values: Any) -> dict[str, Any]:
    data = {
        "id": f"OFF-2022-00{number}",
        "title": f"Legal drafting support {number}",
        "offering_entity": {"name": f"Entity {number}", "type": "ngo"},
        "submitted_on": "2022-01-05",
        "status": "open",
        "areas": ["legislation"],
        "support_types": ["technical"],
        "geographic_scope": {"global": True},
        "capacity": 3,
        "languages": ["fr"],
        "term": "long_term",
        "expertise": f"{SHARED_WORD} drafting of asylum legislation",
        "contact": {"name": CONTACT[0], "email": CONTACT[1]},
    }
    data.update(values)
    return data


def _match() -> dict[str, Any]:
    return {
        "id": "MAT-2022-001",
        "request": "REQ-2022-001",
        "offers": ["OFF-2022-001", "OFF-2022-002"],
        "status": "proposed",
        "proposed_on": "2022-02-01",
        "rationale": [f"quotes the gap: {REQUEST_MARKERS['gap']}"],
        "history": [
            {"on": "2022-02-01", "status": "proposed", "note": f"call {FREE_PHONE}"},
        ],
        "waivers": [{"rule": "ACSG304", "reason": "Kanarywaiver", "approved_by": "x"}],
    }


@pytest.fixture
def canary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "data"
    records = {
        "requests": [_request()],
        "offers": [
            _offer(1),
            _offer(2, confidential=True, expertise=f"{OFFER_MARKER} {SHARED_WORD} drafting"),
        ],
        "matches": [_match()],
    }
    for folder, items in records.items():
        (root / folder).mkdir(parents=True)
        for item in items:
            (root / folder / f"{item['id']}.yaml").write_text(yaml.safe_dump(item, sort_keys=False))
    Request.model_validate(records["requests"][0])  # the canary request is itself valid
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ACSG_TODAY", TODAY)
    return root


def run(*args: str) -> str:
    result = StrictRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), (args, result.output)
    return result.stdout


def request_markers() -> list[str]:
    return list(REQUEST_MARKERS.values())


def personal() -> list[str]:
    return [*CONTACT, FREE_EMAIL, "739 81 11"]


NOTES = "Kanarywaiver"
"""In a waiver: the Secretariat's own note, shown to it alone."""


def leaks(text: str, markers: list[str]) -> list[str]:
    low = text.lower()
    stems = {m.lower()[:8] if m == SHARED_WORD else m.lower() for m in markers}
    return sorted(m for m in stems if m in low)


def assert_clean(text: str, markers: list[str], what: str) -> None:
    found = leaks(text, markers)
    assert not found, f"{what} shows {found}"
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", text), f"{what} shows an e-mail address"


SHARED_COMMANDS = [
    ["report", "status", "--audience", "shared", "--format", fmt]
    for fmt in ("table", "json", "markdown", "csv", "html")
] + [
    ["report", "stocktaking", "--audience", "shared", "--format", fmt]
    for fmt in ("table", "json", "markdown", "html")
]


def test_canary_request_is_planted_in_every_confidential_text_field() -> None:
    data = _request()
    public = {"id", "requesting_states", "areas", "status", "submitted_on", "confidential"}
    text_fields = {
        k for k, v in data.items() if k not in public and not isinstance(v, bool | int)
    } - {"received_via", "quality_dimensions", "support_types", "languages", "term", "contact"}
    assert text_fields == set(REQUEST_MARKERS) | {"title"}


@pytest.mark.parametrize("command", SHARED_COMMANDS, ids=lambda c: " ".join(c[1:2] + c[-1:]))
def test_shared_reports_show_nothing_confidential(canary: Path, command: list[str]) -> None:
    markers = [*request_markers(), OFFER_MARKER, NOTES, *personal()]
    assert_clean(run(*command), markers, command[1])


@pytest.mark.parametrize("report", ["status", "stocktaking"])
def test_secretariat_reports_show_no_personal_data(canary: Path, report: str) -> None:
    for fmt in ("json", "markdown", "html"):
        assert_clean(
            run("report", report, "--audience", "secretariat", "--format", fmt), personal(), fmt
        )


@pytest.mark.parametrize("record", ["REQ-2022-001", "OFF-2022-002", "MAT-2022-001"])
def test_show_and_list_for_each_audience(canary: Path, record: str) -> None:
    shared = [*request_markers(), OFFER_MARKER, NOTES, *personal()]
    for fmt in ("json", "markdown", "table"):
        assert_clean(run("show", record, "--audience", "shared", "--format", fmt), shared, record)
        assert_clean(run("show", record, "--format", fmt), personal(), record)
    for kind in ("requests", "offers", "matches"):
        for fmt in ("json", "csv", "markdown"):
            assert_clean(run("list", kind, "--audience", "shared", "--format", fmt), shared, kind)
            assert_clean(run("list", kind, "--format", fmt), personal(), kind)


def test_briefs_follow_each_consent(canary: Path) -> None:
    def brief(party: str) -> str:
        return run("brief", "MAT-2022-001", "--for", party, "--format", "json") + run(
            "brief", "MAT-2022-001", "--for", party
        )

    for offer in ("OFF-2022-001", "OFF-2022-002"):
        assert_clean(brief(offer), [*request_markers(), NOTES, *personal()], offer)
    assert_clean(brief("OFF-2022-001"), [OFFER_MARKER], "OFF-2022-001 before OFF-2022-002 consents")
    assert_clean(brief("TCD"), [OFFER_MARKER, *personal()], "TCD before OFF-2022-002 consents")
    run("consent", "record", "MAT-2022-001", "--party", "TCD", "--decision", "granted")
    after_state = brief("OFF-2022-001")
    assert "Kanarygap" in after_state  # released by the State's consent
    assert_clean(after_state, [OFFER_MARKER, *personal()], "OFF-2022-001 after TCD consents")
    run("consent", "record", "MAT-2022-001", "--party", "OFF-2022-002", "--decision", "granted")
    for party in ("TCD", "OFF-2022-001", "OFF-2022-002"):
        everything = brief(party)
        assert OFFER_MARKER in everything and "Kanarytitle" in everything
        assert_clean(everything, personal(), f"{party} after every consent")


def test_propose_shows_no_personal_data(canary: Path) -> None:
    for fmt in ("json", "markdown", "table"):
        out = run("match", "propose", "--today", TODAY, "--format", fmt, "--explain")
        assert_clean(out, personal(), f"propose {fmt}")


def test_a_new_match_file_reveals_nothing_a_party_may_not_see(canary: Path) -> None:
    (canary / "matches" / "MAT-2022-001.yaml").unlink()
    out = run(
        "match", "create", "REQ-2022-001", "OFF-2022-001", "--today", TODAY, "--format", "json"
    )
    written = (canary / "matches" / f"{json.loads(out)['id']}.yaml").read_text()
    assert "rationale" in written and "legislation" in written  # public reasons are kept
    # SHARED_WORD is in the public offer's expertise and the confidential gap: a reason naming
    # it would quote the gap.
    markers = [*request_markers(), SHARED_WORD, OFFER_MARKER, *personal()]
    assert_clean(written, markers, "the match file")


def test_the_offering_partys_brief_before_consent(canary: Path) -> None:
    """A match made by `match create`, with e-mail addresses in its note, a consent's evidence
    and a progress update: before the requesting State consents, the offering party's brief
    holds nothing of the confidential request's title, gap, objectives or coordination, and no
    e-mail address, in any of its formats."""
    (canary / "matches" / "MAT-2022-001.yaml").unlink()
    created = run(
        "match", "create", "REQ-2022-001", "OFF-2022-001", "--format", "json",
        "--by", "ACSG Secretariat", "--note", f"asked {FREE_EMAIL} first",
    )  # fmt: skip
    match_id = json.loads(created)["id"]
    path = canary / "matches" / f"{match_id}.yaml"
    path.write_text(
        path.read_text()
        + "consents:\n  - party: OFF-2022-001\n    decision: granted\n    on: 2022-06-01\n"
        + f"    evidence: Letter from {CONTACT[1]}\n"
        + f"updates:\n  - on: 2022-06-01\n    summary: Agenda sent by {FREE_EMAIL}.\n"
    )
    hidden = [REQUEST_MARKERS[k] for k in ("title", "gap", "objectives", "coordination")]
    for fmt in ("markdown", "html", "json"):
        text = run("brief", match_id, "--for", "OFF-2022-001", "--format", fmt)
        assert match_id in text and "Agenda sent by" in text
        assert_clean(text, [*hidden, *personal()], f"the brief ({fmt})")
