"""The client-side search index: Pagefind, through its Python API, over one entry per record.

Pagefind (the `pagefind` package, with its binary from the `pagefind-bin` wheel) writes a
static, compressed index and the small script that queries it in the browser: no server and no
network. It is not given the rendered pages: each record page gets an entry built from what the
page shows, taken from the data the pages are rendered from (the record's shared view and its
card), so a field the disclosure policy withholds cannot reach the index either:

- the words: heading, title, kind, id, the countries and areas by name, and the text that says
  what the record is about (`SEARCHED`: a request's gap and objectives, an offer's expertise,
  a match's scope and progress updates, a practice's summary and documents); the rest of a
  page (milestones, coordination, stage history) would make the index larger and slower to
  build and to load for little a search is for;
- the facets the search page offers: region, area and, for matches, stage, by their names.

The entries are written as small HTML documents into a temporary folder, under the addresses
of the pages, and Pagefind indexes that folder in one call (one call per document through the
Python API costs a tenth of a second each). `start` runs Pagefind beside the caller, in a
thread driving its own process, so the pages are rendered on one core while the index is
built on the other.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import shutil
import tempfile
import threading
from collections.abc import Coroutine, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acsg_cli.errors import UsageError

if TYPE_CHECKING:
    from acsg_cli.site.pages import Context

FOLDER = "pagefind"
"""Where the index goes inside the site."""

_KINDS = {
    "request": "Request",
    "offer": "Offer",
    "match": "Match",
    "practice": "Good practice or tool",
}


@dataclass(frozen=True)
class Entry:
    """What the search finds a record page by, and the facets it filters it with."""

    url: str
    """The page, relative to the site's root (`offers/OFF-2021-001.html`)."""
    lang: str
    title: str
    kind: str
    words: tuple[str, ...]
    filters: tuple[tuple[str, tuple[str, ...]], ...]

    def document(self) -> str:
        """The entry as the small HTML document Pagefind reads: every value escaped."""
        words = "".join(f"<p>{escape(text)}</p>" for text in self.words)
        facets = "".join(
            f'<span data-pagefind-filter="{escape(name)}">{escape(value)}</span>'
            for name, values in self.filters
            for value in values
        )
        return (
            f'<!DOCTYPE html><html lang="{escape(self.lang)}"><head><meta charset="utf-8">'
            f"<title>{escape(self.title)}</title></head><body><main data-pagefind-body>"
            f"<h1>{escape(self.title)}</h1>"
            f'<p data-pagefind-meta="kind">{escape(self.kind)}</p>{words}{facets}'
            "</main></body></html>\n"
        )


SEARCHED = frozenset(
    {"title", "lead_authority", "gap", "objectives", "expertise", "offering_entity", "scope"}
    | {"updates", "implementation", "summary", "shared_by", "partners", "resources", "tags"}
)
"""The fields of a shared view whose text the search finds a record by."""

_CODE = re.compile(r"[a-z0-9_]+|\d{4}-\d{2}-\d{2}|[A-Z]{3}|https?://\S*")
"""Values the pages show by their names (codes, dates, country codes) or as links."""


def _texts(value: Any, into: list[str]) -> list[str]:
    """Every string of a view that the page shows as it is, in order, added to `into`."""
    if isinstance(value, str):
        if value.strip() and (" " in value or not _CODE.fullmatch(value)):
            into.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _texts(item, into)
    elif isinstance(value, list):
        for item in value:
            _texts(item, into)
    return into


def entries(ctx: Context) -> list[Entry]:
    """An entry per record page, from the shared views and the cards the pages show."""
    from acsg_cli.geo import country_name
    from acsg_cli.site.views import label, region_name

    _ = ctx.gettext
    found: list[Entry] = []
    for record_id, card in ctx.cards.items():
        names = [country_name(c) for c in dict.fromkeys(card.countries)]
        areas = [label(a) for a in card.areas]
        regions = [region_name(r) for r in card.regions]
        filters = [("region", tuple(regions)), ("area", tuple(areas))]
        if card.kind == "match":
            filters.append(("stage", (label(card.status),)))
        view = ctx.view(record_id)
        about = [view[k] for k in view if k in SEARCHED]
        words = _texts(about, [card.subheading, record_id, *names, *areas])
        found.append(
            Entry(
                url=card.url,
                lang=ctx.lang,
                title=card.heading,
                kind=_(_KINDS[card.kind]),
                words=tuple(dict.fromkeys(w for w in words if w)),
                filters=tuple(filters),
            )
        )
    return found


def digest(found: Iterable[Entry]) -> str:
    """What the index is built from: the same digest, the same index."""
    hashed = hashlib.sha256()
    for entry in sorted(found, key=lambda e: e.url):
        hashed.update(entry.url.encode() + b"\0" + entry.document().encode() + b"\0")
    return hashed.hexdigest()


def _write_documents(found: Iterable[Entry], folder: Path) -> None:
    made: set[Path] = set()
    for entry in found:
        path = folder / entry.url
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(entry.document(), encoding="utf-8")


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


def build_index(found: Iterable[Entry], into: Path) -> list[str]:
    """Index the entries and write the index into the folder `into` (made if missing); the
    files written, by path relative to `into`."""
    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError:  # pragma: no cover - a broken install
        raise UsageError("the search index needs pagefind: reinstall acsg") from None

    async def run(source: Path) -> None:
        config = IndexConfig(output_path=str(into.resolve()), keep_index_url=True)
        async with PagefindIndex(config=config) as index:
            await index.add_directory(str(source))

    with tempfile.TemporaryDirectory(prefix="acsg-search-") as tmp:
        _write_documents(found, Path(tmp))
        try:
            _run_async(run(Path(tmp)))
        except OSError as exc:
            raise UsageError(f"cannot build the search index: {exc}") from None
    if not into.is_dir():
        raise UsageError("cannot build the search index: Pagefind wrote nothing")
    return sorted(p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file())


class Indexing:
    """`build_index` running beside the caller: `start` it, do other work, then `files`."""

    def __init__(self, found: list[Entry], into: Path) -> None:
        self.into = into
        self._found = found
        self._files: list[str] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="acsg-search-index", daemon=True)

    def _run(self) -> None:
        try:
            self._files = build_index(self._found, self.into)
        except BaseException as exc:  # handed to the caller by `files`
            self._error = exc

    def start(self) -> Indexing:
        self._thread.start()
        return self

    def files(self) -> list[str]:
        """Wait for the index; its files, relative to `into`. Raises what the indexing raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._files

    def discard(self) -> None:
        """Wait for the index and remove it (the build that asked for it failed)."""
        self._thread.join()
        shutil.rmtree(self.into, ignore_errors=True)


def start(found: list[Entry], into: Path) -> Indexing:
    """Start indexing `found` into `into` beside the caller."""
    return Indexing(found, into).start()
