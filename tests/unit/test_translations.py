"""`translations` on every kind: validated with positions, and read back by `text_in`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from acsg_cli.models import KINDS, Practice
from acsg_cli.models.translations import TRANSLATABLE
from acsg_cli.translations import localized, text_in, translatable_fields
from acsg_cli.validation import validate
from tests.unit.rules_helpers import COMPLIANT

PRACTICE = {
    "id": "GP-2021-001",
    "title": "Remote interviews",
    "summary": "Interviews by video.",
    "submitted_on": "2021-01-01",
    "status": "published",
    "translations": {"fr": {"title": "Entretiens à distance"}, "es": {"summary": "Por vídeo."}},
}


def test_every_kind_has_translatable_text() -> None:
    assert set(TRANSLATABLE) == set(KINDS)
    for kind, model in TRANSLATABLE.items():
        assert "translations" in KINDS[kind].model.model_fields
        assert set(model.model_fields) <= set(KINDS[kind].model.model_fields)


def test_text_in_a_language_falls_back_to_the_record() -> None:
    practice = Practice.model_validate(PRACTICE)
    assert text_in(practice, "title", "fr") == "Entretiens à distance"
    assert text_in(practice, "summary", "fr") == "Interviews by video."
    assert text_in(practice, "summary", "es") == "Por vídeo."
    assert text_in(practice, "title", "en") == "Remote interviews"
    assert text_in(practice, "title", "de") == "Remote interviews"
    assert text_in(practice, "title", None) == "Remote interviews"
    french = localized(practice, "fr")
    assert (french.title, french.summary) == ("Entretiens à distance", "Interviews by video.")
    assert localized(practice, "en") is practice
    assert translatable_fields("offer") == ("title", "expertise")


@pytest.mark.parametrize(
    "translations,line,expected",
    [
        ("  de:\n    title: Fernbefragung\n", 23, "translations: 'de' is not a known value"),
        ("  fr:\n    contact: x\n", 24, "unknown key 'translations.fr.contact'"),
        ("  fr: {}\n", 23, "translations.fr: an empty translation"),
        ('  es:\n    summary: "  "\n', 24, "translations.es.summary: '  ' is not non-blank text"),
    ],
)
def test_bad_translations_are_reported_at_their_line(
    tmp_path: Path, translations: str, line: int, expected: str
) -> None:
    root = tmp_path / "data"
    shutil.copytree(COMPLIANT, root)
    path = root / "practices" / "GP-2021-001.yaml"
    path.write_text(path.read_text() + "translations:\n" + translations)
    problems = validate(root).problems
    assert len(problems) == 1
    assert problems[0].line == line and problems[0].code in ("ACSG011", "ACSG012")
    assert expected in problems[0].message


def test_a_withheld_field_is_withheld_in_every_language() -> None:
    from acsg_cli.disclosure import Audience, disclose
    from acsg_cli.models import Offer, Request

    offer = Offer.model_validate(
        {
            "id": "OFF-2021-009",
            "title": "Training",
            "offering_entity": {"name": "Example", "type": "ngo"},
            "submitted_on": "2021-01-01",
            "status": "open",
            "areas": ["training"],
            "support_types": ["technical"],
            "geographic_scope": {"global": True},
            "expertise": "SECRET expertise",
            "confidential": True,
            "translations": {
                "fr": {"expertise": "SECRET expertise en français"},
                "es": {"title": "Formación", "expertise": "SECRET pericia"},
            },
        }
    )
    shared = disclose(offer, Audience.shared()).data
    assert "SECRET" not in repr(shared)
    assert shared["translations"] == {"es": {"title": "Formación"}}
    request = Request.model_validate(
        {
            "id": "REQ-2021-009",
            "title": "SECRET title",
            "requesting_states": ["NER"],
            "submitted_on": "2021-01-01",
            "status": "open",
            "areas": ["training"],
            "support_types": ["technical"],
            "confidential": True,
            "translations": {"fr": {"title": "SECRET titre", "gap": "SECRET lacune"}},
        }
    )
    assert "SECRET" not in repr(disclose(request, Audience.shared()).data)
    assert "SECRET titre" in repr(disclose(request, Audience.secretariat()).data)


def test_titles_in_reports_and_listings_follow_the_language_of_the_run() -> None:
    from acsg_cli.disclosure import Audience, shown_title
    from acsg_cli.i18n import language
    from acsg_cli.models import Request

    request = Request.model_validate(
        {
            "id": "REQ-2021-009",
            "title": "RSD training",
            "requesting_states": ["NER"],
            "submitted_on": "2021-01-01",
            "status": "open",
            "areas": ["training"],
            "support_types": ["technical"],
            "translations": {"fr": {"title": "Formation à la DSR"}},
        }
    )
    shared = Audience.shared()
    assert shown_title(request, shared) == "RSD training"
    with language("fr"):
        assert shown_title(request, shared) == "Formation à la DSR"
    with language("es"):
        assert shown_title(request, shared) == "RSD training"
