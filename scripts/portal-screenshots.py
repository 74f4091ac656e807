"""Regenerate the portal screenshots in docs/ from the shipped registry.

    .venv/bin/python scripts/portal-screenshots.py [--data data] [--out docs]

Builds the site into a temporary folder, serves it on localhost and photographs the home page
and a match page with the system chromium (Debian's, through Playwright; nothing is
downloaded). Writes docs/portal-home.png and docs/portal-match.png.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from acsg_cli.registry import load_registry  # noqa: E402
from acsg_cli.site import build_site  # noqa: E402
from tests.site.browser import CHROMIUM, browser, served  # noqa: E402

SHOTS = (
    ("index.html", "portal-home.png", 1600),
    ("matches/MAT-2020-001.html", "portal-match.png", 1300),
)
"""(page, file, height in pixels) of each screenshot, 1280 pixels wide."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    if CHROMIUM is None:
        print("chromium is missing: run scripts/install-test-browser.sh", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(load_registry(args.data), site)
        with served(site) as url, browser() as chromium:
            for page_path, name, height in SHOTS:
                page = chromium.new_page(viewport={"width": 1280, "height": height})
                page.goto(url + page_path)
                page.screenshot(path=str(args.out / name))
                page.close()
                print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
