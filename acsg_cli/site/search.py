"""The client-side search index: Pagefind, through its Python API, over the written pages.

Pagefind (the `pagefind` package, with its binary from the `pagefind-bin` wheel) reads the HTML
pages and writes a static, compressed index and the small script that queries it in the
browser: no server and no network. Pages mark what is searchable (`data-pagefind-body` on
record pages) and their facets (`data-pagefind-filter` for region, area and stage).
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from acsg_cli.errors import UsageError

FOLDER = "pagefind"
"""Where the index goes inside the site."""

RECORD_PAGES = "{requests,offers,matches}/*-*.html"
"""The pages searched: one per record (listings would only repeat them)."""


def _run_async(work: Coroutine[Any, Any, None]) -> None:
    """Run `work` to completion, in a thread of its own when this one already runs an event
    loop (a caller inside asyncio, or a browser driver)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(work)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, work).result()


def build_index(site: Path) -> dict[str, bytes]:
    """Index every HTML page under `site`; the index files by path relative to the site."""
    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError:  # pragma: no cover - a broken install
        raise UsageError("the search index needs pagefind: reinstall acsg") from None

    async def run(out: Path) -> None:
        config = IndexConfig(output_path=str(out), keep_index_url=True)
        async with PagefindIndex(config=config) as index:
            await index.add_directory(str(site), glob=RECORD_PAGES)

    with tempfile.TemporaryDirectory(prefix="acsg-search-") as tmp:
        out = Path(tmp) / FOLDER
        try:
            _run_async(run(out))
        except (OSError, FileNotFoundError) as exc:
            raise UsageError(f"cannot build the search index: {exc}") from None
        return {
            f"{FOLDER}/{path.relative_to(out).as_posix()}": path.read_bytes()
            for path in sorted(out.rglob("*"))
            if path.is_file()
        }
