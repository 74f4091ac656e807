"""Printed reports and briefs: real PDFs from headless Chromium, read back and looked at.

pypdf reads the text (title, running header, "page X of Y"); pdftoppm draws every page, and no
page has ink in the strip along its edges (nothing runs off the paper). Chromium and
poppler-utils come from `scripts/install-test-browser.sh`; without them the tests skip, except
under CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from acsg_cli.cli import app
from tests.conftest import StrictRunner
from tests.reports.registries import add_private_records

TOOLS = {name: shutil.which(name) for name in ("chromium", "pdftoppm")}
if os.environ.get("CI") and not all(TOOLS.values()):
    raise RuntimeError(f"missing in CI: {TOOLS}; scripts/install-test-browser.sh installs them")
pytestmark = pytest.mark.skipif(
    not all(TOOLS.values()),
    reason="chromium and pdftoppm are needed; run scripts/install-test-browser.sh",
)

EDGE_MM = 6
"""The strip along each edge that stays blank: the page margins are wider."""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import FIXTURE_REGISTRY

    root = tmp_path_factory.mktemp("pdf") / "data"
    shutil.copytree(FIXTURE_REGISTRY, root)
    add_private_records(root)
    return root


def _run(*args: str) -> tuple[int, str]:
    result = StrictRunner().invoke(app, [*args, "--today", "2024-01-01"])
    return result.exit_code, result.stderr


def _pages(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    for page in reader.pages:
        size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert abs(size[0] - 595.3) < 2 and abs(size[1] - 841.9) < 2, size  # A4, either way
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def _no_ink_at_the_edges(pdf: Path, tmp_path: Path, pages: int) -> None:
    from PIL import Image

    dpi = 40
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    edge = round(EDGE_MM / 25.4 * dpi)
    for image in images:
        grey = Image.open(image).convert("L")
        width, height = grey.size
        for box in (
            (0, 0, width, edge),
            (0, height - edge, width, height),
            (0, 0, edge, height),
            (width - edge, 0, width, height),
        ):
            darkest = grey.crop(box).getextrema()[0]
            assert darkest > 200, (image.name, box, darkest)


@pytest.mark.parametrize("report", ["stocktaking", "status"])
def test_reports_print_to_pdf_with_page_numbers(report: str, data: Path, tmp_path: Path) -> None:
    pdf = tmp_path / f"{report}.pdf"
    extra = ["--since", "2021-01-01"] if report == "stocktaking" else []
    code, err = _run("report", report, "--data", str(data), *extra, "-o", str(pdf))
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF-")
    pages = _pages(pdf)
    total = len(pages)
    title = "ACSG stocktaking" if report == "stocktaking" else "ACSG status report"
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {total}" in text
        assert title in text and "1 January 2024" in text  # the running header
    assert f"{title} as of 1 January 2024" in pages[0]
    _no_ink_at_the_edges(pdf, tmp_path, total)


def test_a_wide_status_table_is_printed_in_landscape(data: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "status.pdf"
    code, err = _run("report", "status", "--data", str(data), "--format", "pdf", "-o", str(pdf))
    assert code == 0, err
    page = PdfReader(pdf).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    # the status report's first page holds its table, not only the heading
    assert "REQ-2022-001" in _pages(pdf)[0]


def test_a_french_pdf_numbers_its_pages_in_french(data: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "bilan.pdf"
    code, err = _run("report", "stocktaking", "--data", str(data), "--lang", "fr", "-o", str(pdf))
    assert code == 0, err
    pages = _pages(pdf)
    assert "Bilan de l’ACSG au 1 janvier 2024" in pages[0]
    assert f"Page 1 sur {len(pages)}" in pages[0]


def test_a_suffix_no_renderer_writes_is_a_usage_error(data: Path, tmp_path: Path) -> None:
    code, err = _run("report", "status", "--data", str(data), "-o", str(tmp_path / "s.docx"))
    assert code == 2
    assert "no status format writes '.docx' files" in err and ".pdf" in err
    assert not (tmp_path / "s.docx").exists()


def test_pdf_needs_a_file(data: Path) -> None:
    code, err = _run("report", "status", "--data", str(data), "--format", "pdf")
    assert code == 2 and "--output" in err


def test_no_browser_is_a_clear_error(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    code, err = _run("report", "status", "--data", str(data), "-o", str(tmp_path / "s.pdf"))
    assert code == 2
    assert "printing a PDF needs Chromium" in err and "ACSG_CHROMIUM" in err
    assert not (tmp_path / "s.pdf").exists()
