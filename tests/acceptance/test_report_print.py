"""The HTML reports printed to PDF by a real headless browser: pages, fonts, no cut-off tables.

The browser is Debian's chromium, installed by `scripts/install-test-browser.sh` (the CI
command runs it first). Without chromium the test is skipped, saying so, except under CI (`CI`
set), where a missing browser is an error.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from acsg_cli.cli import app
from tests.conftest import StrictRunner
from tests.reports.htmltables import html_tables
from tests.reports.registries import add_private_records

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None and os.environ.get("CI"):
    # CI runs the install script first, so a missing browser there is a broken set-up, not a skip.
    raise RuntimeError(
        "chromium is missing in CI: scripts/install-test-browser.sh did not install it"
    )
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed; run scripts/install-test-browser.sh to print the HTML "
    "reports",
)

A4 = (595.3, 841.9)
"""A4 in PDF points."""


def _print_to_pdf(html_file: Path, tmp_path: Path) -> Path:
    pdf = html_file.with_suffix(".pdf")
    profile = tmp_path / f"profile-{html_file.stem}"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        html_file.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 0, done.stderr[-2000:]
    return pdf


def _squash(text: str) -> str:
    # NFKC undoes the typographic ligatures the PDF uses ("ﬀ" in "offer").
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _fonts(reader: Any) -> list[tuple[str, bool]]:
    """(font name, whether its program is embedded) for every font the pages use."""
    found = []
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font.get("/BaseFont")), embedded))
    return found


def _check_pdf(html_file: Path, tmp_path: Path, min_pages: int) -> str:
    from pypdf import PdfReader

    reader = PdfReader(_print_to_pdf(html_file, tmp_path))
    assert len(reader.pages) >= min_pages
    for page in reader.pages:
        width, height = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2, (width, height)  # either way
    fonts = _fonts(reader)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    text = "".join(page.extract_text() for page in reader.pages)
    squashed = _squash(text)
    tables = html_tables(html_file.read_text(encoding="utf-8"))
    assert tables
    for table in tables:
        header, last = table[0], table[-1]
        # The last column's header (nothing cut off at the right) and every cell of the last
        # row (nothing cut off at the bottom) are in the printed text.
        assert _squash(header[-1]) in squashed, header
        for value in last:
            assert _squash(value) in squashed, (header, last, value)
    return text


@pytest.fixture
def reports(shipped: Path, tmp_path: Path) -> dict[str, Path]:
    add_private_records(shipped)
    runner = StrictRunner()
    out = {"stocktaking": tmp_path / "stocktaking.html", "status": tmp_path / "status.html"}
    for name, path in out.items():
        extra = ["--since", "2020-12-31"] if name == "stocktaking" else []
        result = runner.invoke(
            app,
            [
                "report",
                name,
                "--data",
                str(shipped),
                "--as-of",
                "2022-06-01",
                *extra,
                "--audience",
                "secretariat",
                "--output",
                str(path),
            ],
        )
        assert result.exit_code == 0, result.stderr
    return out


def test_stocktaking_prints_on_a4_with_fonts_and_whole_tables(
    reports: dict[str, Path], tmp_path: Path
) -> None:
    text = _check_pdf(reports["stocktaking"], tmp_path, min_pages=4)
    assert "ACSG stocktaking as of 1 June 2022" in text
    # The charts' labels are text in the PDF, drawn with the page's fonts.
    assert "Supply and demand by area" in text and "Matches by stage" in text


def test_status_prints_on_a4_with_fonts_and_whole_tables(
    reports: dict[str, Path], tmp_path: Path
) -> None:
    text = _check_pdf(reports["status"], tmp_path, min_pages=1)
    assert "ACSG status report as of 1 June 2022" in text


def test_install_script_is_quiet_when_chromium_is_there() -> None:
    script = Path(__file__).resolve().parents[2] / "scripts" / "install-test-browser.sh"
    done = subprocess.run(
        ["bash", str(script)], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
