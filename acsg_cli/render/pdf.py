"""PDF: the HTML page printed by headless Chromium, driven through Playwright.

The browser is the system's Chromium (`/usr/bin/chromium`, which
`scripts/install-test-browser.sh` installs on Debian), or the one `ACSG_CHROMIUM` names;
Playwright launches it headless, loads the self-contained page (nothing is fetched: the page's
Content-Security-Policy allows no request) and prints it on A4 with a running header (the
report and its date) and "page X of Y" in the footer. Sections holding wide tables are laid
out on landscape pages by the page's own CSS (`@page wide`), which the printer follows.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from acsg_cli.errors import UsageError
from acsg_cli.i18n import _
from acsg_cli.render.document import Document
from acsg_cli.render.safety import html_text

if TYPE_CHECKING:
    from playwright.sync_api import PdfMargins

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""Names the system browser goes by, looked up on PATH after `ACSG_CHROMIUM`."""

MARGIN: PdfMargins = {"top": "18mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}

_BAND = (
    "<div style=\"font-family: 'DejaVu Sans', sans-serif; font-size: 7.5pt; color: #555;"
    " box-sizing: border-box; width: 100%; margin: 0; padding: 0 14mm; display: flex;"
    ' justify-content: space-between; gap: 4mm;">'
    "{left}{right}</div>"
)


class BrowserMissing(UsageError):
    """No Chromium to print with."""


def find_browser() -> str:
    """The Chromium to print with, or `BrowserMissing` saying how to get one."""
    named = os.environ.get("ACSG_CHROMIUM")
    if named:
        if Path(named).is_file() and os.access(named, os.X_OK):
            return named
        raise BrowserMissing(f"ACSG_CHROMIUM names '{named}', which is not an executable file")
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissing(
        "printing a PDF needs Chromium, and none was found (looked for "
        f"{', '.join(BROWSERS)} on PATH); install it (on Debian: apt-get install chromium, "
        "or bash scripts/install-test-browser.sh), set ACSG_CHROMIUM to its path, or write "
        "--format html and print that"
    )


def header_footer(doc: Document) -> tuple[str, str]:
    """Chromium's header and footer templates: the report and its date; page X of Y."""
    header = _BAND.format(
        left=f"<span>{html_text(doc.kind)}</span>",
        right=f"<span>{html_text(doc.date)}</span>",
    )
    page = html_text(_("Page {page} of {total}")).format(
        page='<span class="pageNumber"></span>', total='<span class="totalPages"></span>'
    )
    footer = _BAND.format(
        left=f'<span style="white-space: nowrap; overflow: hidden; text-overflow: ellipsis; '
        f'min-width: 0; flex: 1 1 auto;">{html_text(doc.title)}</span>',
        right=f'<span style="white-space: nowrap; flex: 0 0 auto;">{page}</span>',
    )
    return header, footer


def print_pdf(html: str, doc: Document) -> bytes:
    """The page `html` (the HTML rendering of `doc`) printed to PDF on A4."""
    browser_path = find_browser()
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:  # a dependency of the package, so only a broken install gets here
        raise UsageError(
            "printing a PDF needs the playwright package: pip install playwright"
        ) from None
    header, footer = header_footer(doc)
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=browser_path,
                args=["--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
            )
            try:
                page = browser.new_page(java_script_enabled=False, offline=True)
                page.set_content(html, wait_until="load")
                page.emulate_media(media="print")
                data: bytes = page.pdf(
                    format="A4",
                    print_background=True,
                    prefer_css_page_size=True,
                    display_header_footer=True,
                    header_template=header,
                    footer_template=footer,
                    margin=MARGIN,
                    outline=True,
                    tagged=True,
                )
            finally:
                browser.close()
    except Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"Chromium ({browser_path}) could not print the PDF: {first}") from None
    return data
