"""New-record templates: every key of the model is offered, answers are quoted safely, and
nothing invalid is ever written."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from acsg_cli.errors import DataError, UsageError
from acsg_cli.models import KINDS
from acsg_cli.templates import NewRecord, check, new_record, render, scalar
from acsg_cli.templates import answers as A
from acsg_cli.yamlio.reader import read_bytes

TODAY = date(2025, 3, 14)
REQUEST = A.RequestAnswers(
    title="Chad: RSD training",
    requesting_states=["TCD"],
    areas=[A.Area.RSD_PROCEDURES],
    support_types=[A.SupportType.TECHNICAL],
)
OFFER = A.OfferAnswers(
    title="COI training",
    entity_name="Example Bar",
    entity_type=A.EntityType.BAR_ASSOCIATION,
    areas=[A.Area.TRAINING],
    support_types=[A.SupportType.TECHNICAL],
    geographic_scope={"global": True},
    expertise="Trainers on COI research",
)
PRACTICE = A.PracticeAnswers(
    title="Remote interviews", countries=["ARM"], categories=[A.Area.REGISTRATION]
)
KEY_LINE = re.compile(r"^(# )?([a-z_]+):(.*)$")
CRITERIA = {
    "request": {
        "needs_assessment": "WM 13",
        "capacity_assessment_request": "WM 13",
        "national_plan": "WM 15.i",
        "quality_dimensions": "WM 15.i",
        "gap": "WM 15.ii",
        "objectives": "WM 15.ii",
        "milestones": "WM 15.ii",
        "sustainability": "WM 15.iii",
        "other_beneficiaries": "WM 15.iv",
        "requesting_states": "WM 15.v",
        "coordination": "WM 15.vi",
        "monitoring": "WM 15.vii",
        "areas": "FS 3",
        "support_types": "FS 4",
        "confidential": "FS 3",
        "term": "WM 9",
    },
    "offer": {
        "geographic_scope": "SR",
        "channel": "WM 19-20",
        "proactive": "WM 18",
        "in_response_to": "WM 16-17",
        "support_types": "WM 17",
        "offering_entity": "WM 3",
        "expertise": "FS 3",
        "term": "WM 9",
    },
}


def top_level_keys(text: str) -> dict[str, str]:
    """Each top-level key written or commented out, with its line."""
    keys = {}
    for line in text.splitlines():
        found = KEY_LINE.match(line)
        if found and found.group(2) not in keys:
            keys[found.group(2)] = line
    return keys


@pytest.mark.parametrize(
    ("kind", "answers"), [("request", REQUEST), ("offer", OFFER), ("practice", PRACTICE)]
)
def test_every_model_key_is_in_the_template(kind: str, answers: object) -> None:
    text = render(kind, f"{KINDS[kind].prefix}-2025-001", answers, TODAY)  # type: ignore[arg-type]
    model_keys = {field.alias or name for name, field in KINDS[kind].model.model_fields.items()}
    # waivers are the Secretariat's, history is written by the lifecycle commands
    assert set(top_level_keys(text)) == model_keys - {"waivers", "history"}


@pytest.mark.parametrize("kind", ["request", "offer"])
def test_criteria_cite_their_paragraph(kind: str) -> None:
    answers = REQUEST if kind == "request" else OFFER
    keys = top_level_keys(render(kind, f"{KINDS[kind].prefix}-2025-001", answers, TODAY))  # type: ignore[arg-type]
    for key, paragraph in CRITERIA[kind].items():
        assert paragraph in keys[key].split("#", 2)[-1], keys[key]


def test_first_line_points_at_the_schema() -> None:
    text = render("offer", "OFF-2025-001", OFFER, TODAY)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/offer.schema.json"


def test_request_loads_with_only_the_answers() -> None:
    text = render("request", "REQ-2025-007", REQUEST, TODAY)
    check("request", text)
    assert read_bytes(text.encode()).data == {
        "id": "REQ-2025-007",
        "title": "Chad: RSD training",
        "requesting_states": ["TCD"],
        "submitted_on": "2025-03-14",
        "status": "draft",
        "areas": ["rsd_procedures"],
        "support_types": ["technical"],
    }


@pytest.mark.parametrize(
    ("scope", "written"),
    [
        ({"global": True}, {"global": True}),
        ({"regions": [A.Region.EUROPE, A.Region.MENA]}, {"regions": ["europe", "mena"]}),
        ({"countries": ["NER", "TCD"]}, {"countries": ["NER", "TCD"]}),
    ],
)
def test_offer_scope(scope: dict[str, object], written: dict[str, object]) -> None:
    offer = A.OfferAnswers(**{**OFFER.__dict__, "geographic_scope": scope})
    text = render("offer", "OFF-2025-001", offer, TODAY)
    check("offer", text)
    assert read_bytes(text.encode()).data["geographic_scope"] == written


def test_state_offer_names_its_country() -> None:
    offer = A.OfferAnswers(
        **{**OFFER.__dict__, "entity_type": A.EntityType.STATE, "country": "FRA"}
    )
    data = read_bytes(render("offer", "OFF-2025-001", offer, TODAY).encode()).data
    assert data["offering_entity"] == {"name": "Example Bar", "type": "state", "country": "FRA"}
    stateless = A.OfferAnswers(**{**OFFER.__dict__, "entity_type": A.EntityType.STATE})
    with pytest.raises(UsageError, match="an offering State must name its country"):
        check("offer", render("offer", "OFF-2025-001", stateless, TODAY))


@pytest.mark.parametrize(
    "title",
    [
        "yes",
        "no",
        "on",
        "null",
        "~",
        "1.5",
        "0x1F",
        "2025-01-01",
        "a: b",
        "a # b",
        "- item",
        "[x]",
        "{x}",
        "'quoted'",
        '"double"',
        "back\\slash",
        "50% done",
        "Côte d'Ivoire: accueil",
        "@at",
        "*star",
        "&amp",
        "!tag",
        "|pipe",
        ">fold",
        "%percent",
        "`tick`",
        "tab\there",
    ],
)
def test_titles_round_trip_as_text(title: str) -> None:
    answers = A.RequestAnswers(**{**REQUEST.__dict__, "title": title})
    text = render("request", "REQ-2025-001", answers, TODAY)
    assert read_bytes(text.encode()).data["title"] == title


def test_scalar_keeps_codes_plain() -> None:
    assert scalar("rsd_procedures") == "rsd_procedures"
    assert scalar(A.Area.TRAINING) == "training"
    assert scalar("no") == '"no"'
    assert scalar(True) == "true"


def test_invalid_answers_are_refused_not_written(registry: Path) -> None:
    answers = A.RequestAnswers(**{**REQUEST.__dict__, "title": "two\nlines"})
    with pytest.raises(
        UsageError, match=r"would not be valid: title: .* is not a single line of text"
    ):
        new_record(registry, "request", answers, TODAY)
    assert sorted(p.name for p in (registry / "requests").iterdir()) == ["REQ-2021-001.yaml"]


def test_new_record_takes_the_next_free_id(registry: Path) -> None:
    (registry / "requests" / "REQ-2025-004.yaml").write_text("broken: [")
    record = new_record(registry, "request", REQUEST, TODAY)
    assert record == NewRecord(
        "REQ-2025-005", registry / "requests" / "REQ-2025-005.yaml", record.text
    )
    assert record.path.read_text() == record.text
    assert new_record(registry, "offer", OFFER, TODAY).id == "OFF-2025-001"


def test_stdout_only_writes_nothing(registry: Path) -> None:
    record = new_record(registry, "request", REQUEST, TODAY, write=False)
    assert record.id == "REQ-2025-001" and not record.path.exists()


def test_an_id_held_by_any_file_is_skipped(registry: Path) -> None:
    taken = registry / "requests" / "REQ-2025-001.yaml"
    taken.write_text("# another writer's file\n")
    record = new_record(registry, "request", REQUEST, TODAY)
    assert record.id == "REQ-2025-002"
    assert taken.read_text() == "# another writer's file\n"


def test_a_symlinked_kind_folder_is_refused(registry: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(registry / "requests")
    (registry / "requests").symlink_to(elsewhere)
    with pytest.raises(DataError, match="symbolic link"):
        new_record(registry, "request", REQUEST, TODAY)
    assert list(elsewhere.iterdir()) == []


def test_missing_registry(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"registry folder .* not found"):
        new_record(tmp_path / "nowhere", "request", REQUEST, TODAY)


def test_only_requests_offers_and_practices(registry: Path) -> None:
    with pytest.raises(UsageError, match="choose request, offer or practice"):
        new_record(registry, "match", REQUEST, TODAY)


@pytest.mark.parametrize(
    ("kind", "answers"), [("request", REQUEST), ("offer", OFFER), ("practice", PRACTICE)]
)
def test_uncommenting_every_hint_gives_a_valid_record(kind: str, answers: object) -> None:
    """The commented keys are a correct example: a contributor deletes `# ` and edits the value."""
    text = render(kind, f"{KINDS[kind].prefix}-2025-001", answers, TODAY)  # type: ignore[arg-type]
    lines = text.splitlines()
    body = lines[next(i for i, line in enumerate(lines) if not line.startswith("#")) :]
    uncommented = "\n".join(line[2:] if line.startswith("# ") else line for line in body) + "\n"
    filled = (
        uncommented.replace("YYYY-MM-DD", "2025-06-30")
        .replace("REQ-YYYY-NNN", "REQ-2021-001")
        .replace("MAT-YYYY-NNN", "MAT-2021-001")
    )
    check(kind, filled)
    data = read_bytes(filled.encode()).data
    assert set(data) == {
        field.alias or name for name, field in KINDS[kind].model.model_fields.items()
    } - {"waivers", "history"}
