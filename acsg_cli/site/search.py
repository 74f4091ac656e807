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

RECORD_PAGES = "{requests,offers,matches,practices}/*-*.html"
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


def build_index(site: Path, into: Path) -> list[str]:
    """Index the record pages under `site` and write the index into the folder `into`; the
    files written, by path relative to `into`."""
    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError:  # pragma: no cover - a broken install
        raise UsageError("the search index needs pagefind: reinstall acsg") from None

    async def run(out: Path) -> None:
        config = IndexConfig(output_path=str(out), keep_index_url=True)
        async with PagefindIndex(config=config) as index:
            await index.add_directory(str(site), glob=RECORD_PAGES)

    try:
        _run_async(run(into))
    except OSError as exc:
        raise UsageError(f"cannot build the search index: {exc}") from None
    return sorted(p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file())


def rebuild_index(site: Path) -> dict[str, bytes]:
    """The index of the record pages under `site`, built in a temporary folder: its files by
    path relative to the site, for comparing with the index already there."""
    with tempfile.TemporaryDirectory(prefix="acsg-search-") as tmp:
        into = Path(tmp) / FOLDER
        return {f"{FOLDER}/{name}": (into / name).read_bytes() for name in build_index(site, into)}
