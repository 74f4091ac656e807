"""Briefs are documents to send: sections, labels instead of field names, the parties named,
in the party's language, printable to PDF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from acsg_cli.cli import app
from tests.conftest import StrictRunner

FIELD_NAMES = ("requesting_states", "received_via", "offering_entity", "support_types", "| field |")


def _brief(registry: Path, *args: str) -> tuple[int, str, str]:
    result = StrictRunner().invoke(
        app, ["brief", "MAT-2021-001", "--data", str(registry), "--today", "2024-01-01", *args]
    )
    return result.exit_code, result.stdout, result.stderr


def test_a_brief_reads_as_a_document(registry: Path) -> None:
    code, out, err = _brief(registry, "--for", "OFF-2021-001", "--lang", "en")
    assert code == 0, err
    for name in FIELD_NAMES:
        assert name not in out
    assert out.startswith("# Brief on match MAT-2021-001 for ")
    for heading in (
        "## The match",
        "## Consent of each party",
        "## The request: ",
        "## The offer: ",
    ):
        assert heading in out
    assert "Chad (TCD) asked for support;" in out
    assert "**Requesting States:** Chad (TCD)" in out
    assert "RSD procedures" in out and "rsd_procedures" not in out
    assert ".," not in out


def test_a_brief_speaks_the_language_asked_for(registry: Path) -> None:
    code, out, _ = _brief(registry, "--for", "TCD", "--lang", "es")
    assert code == 0
    assert out.startswith("# Nota sobre el emparejamiento MAT-2021-001 para Chad (TCD)")
    assert "## Consentimiento de cada parte" in out and "Procedimientos de DCR" in out
    code, out, _ = _brief(registry, "--for", "TCD", "--lang", "fr")
    assert out.startswith("# Note sur l’appariement MAT-2021-001 pour Tchad (TCD)")


def test_a_brief_defaults_to_the_partys_working_language(registry: Path) -> None:
    request = registry / "requests" / "REQ-2021-001.yaml"
    text = request.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^languages:.*\n", "", text)
    request.write_text(text + "languages: [ar, fr]\n", encoding="utf-8")
    code, out, err = _brief(registry, "--for", "TCD")
    assert code == 0, err
    assert out.startswith("# Note sur l’appariement")
    code, out, _ = _brief(registry, "--for", "TCD", "--lang", "en")
    assert out.startswith("# Brief on match")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_a_brief_prints_to_pdf_with_page_numbers(registry: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "brief.pdf"
    code, _, err = _brief(registry, "--for", "OFF-2021-001", "--lang", "en", "-o", str(pdf))
    assert code == 0, err
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(pdf).pages]
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in text
        assert "ACSG brief on MAT-2021-001" in text and "1 January 2024" in text
    assert "Consent of each party" in " ".join(pages)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_a_long_title_never_hides_the_page_number(registry: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    offer = registry / "offers" / "OFF-2021-001.yaml"
    text = offer.read_text(encoding="utf-8")
    offer.write_text(
        re.sub(r"(?m)^(  name: ).*$", r"\1" + "A very long entity name " * 6, text, count=1),
        encoding="utf-8",
    )
    pdf = tmp_path / "note.pdf"
    code, _, err = _brief(registry, "--for", "OFF-2021-001", "-o", str(pdf))  # French by default
    assert code == 0, err
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(pdf).pages]
    for number, page in enumerate(pages, 1):
        assert f"Page {number} sur {len(pages)}" in page


def _add_to_match(registry: Path, text: str) -> None:
    match = registry / "matches" / "MAT-2021-001.yaml"
    match.write_text(match.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_brief_shows_the_agreed_scope_the_updates_and_a_regional_offer(registry: Path) -> None:
    _add_to_match(
        registry,
        "scope: Two training sessions on RSD interviews.\n"
        "updates:\n"
        "  - on: 2021-06-01\n"
        "    summary: First session\n      held in N'Djamena.\n"
        "    milestones_met: [Caseworkers trained, SOPs drafted]\n"
        "    good_practice: true\n"
        "  - on: 2021-09-01\n"
        "    summary: Second session postponed.\n",
    )
    offer = registry / "offers" / "OFF-2021-001.yaml"
    text = offer.read_text(encoding="utf-8")
    offer.write_text(
        text.replace("  global: true", "  regions: [west_central_africa, europe]"), encoding="utf-8"
    )
    code, out, err = _brief(registry, "--for", "TCD", "--lang", "en")
    assert code == 0, err
    assert "The support the parties agreed: Two training sessions on RSD interviews." in out
    assert "**Where the support can be used:** West and Central Africa, Europe" in out
    updates = out.split("## Progress updates", 1)[1].split("\n## ", 1)[0]
    assert (
        "- 1 June 2021: First session held in N'Djamena. Milestones met: Caseworkers trained; "
        "SOPs drafted. A good practice to share."
    ) in updates
    assert "- 1 September 2021: Second session postponed.\n" in updates
    code, html, err = _brief(registry, "--for", "TCD", "--lang", "en", "--format", "html")
    assert code == 0, err
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "Progress updates" in html and "N&#39;Djamena" in html


def test_a_brief_without_a_proposal_date_says_the_stage_alone(registry: Path) -> None:
    match = registry / "matches" / "MAT-2021-001.yaml"
    text = match.read_text(encoding="utf-8")
    match.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("proposed_on:")) + "\n",
        encoding="utf-8",
    )
    code, out, err = _brief(registry, "--for", "TCD", "--lang", "en")
    assert code == 0, err
    assert "The stage of this match now: proposed." in out
    assert "proposed this match on" not in out
    assert "## Progress updates" not in out
