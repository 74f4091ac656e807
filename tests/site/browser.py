"""Serving a built site on localhost and driving the system chromium through Playwright.

Playwright drives Debian's chromium (`/usr/bin/chromium`, installed by
`scripts/install-test-browser.sh`); it never downloads a browser of its own.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the base's name
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The site served over HTTP on a free localhost port, for the length of the block."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def browser() -> Iterator[Any]:
    """A headless chromium (the system's) driven by Playwright."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        try:
            yield launched
        finally:
            launched.close()
