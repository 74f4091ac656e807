"""The client-side search index: Pagefind, through its service mode, over one entry per record.

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
- the facets the search page offers: region, area and, for matches, stage, by their codes
  (the search page names them in its language).

Each entry is given to Pagefind as a record (its text, title, kind and facets) under the
address of its page, all through one Pagefind process (`_Service`), and the index comes back
in memory: nothing is written to disk in between, and the index's files are written like the
pages, only where they changed. A build runs it in a process of its own (`build`), beside
the rendering.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from acsg_cli.errors import UsageError

if TYPE_CHECKING:
    from acsg_cli.site.pages import Context

FOLDER = "pagefind"
"""Where the index goes inside the site."""

KINDS = {
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
        """The text Pagefind indexes and quotes in its excerpts, as it is (Pagefind reads it as
        text, and the search page shows it as text, never as markup): the heading, the kind
        and the words, a sentence each."""
        texts = [self.title, self.kind, *self.words]
        return " ".join(t if t.endswith((".", "!", "?", ":", ";")) else f"{t}." for t in texts)

    def record(self) -> dict[str, Any]:
        """The entry as a record of Pagefind's: its text, its language, its title and kind
        (shown with a result) and its facets."""
        return {
            "url": f"/{self.url}",
            "content": self.document(),
            "language": self.lang,
            "meta": {"title": self.title, "kind": self.kind},
            "filters": {name: list(values) for name, values in self.filters},
        }


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
    from acsg_cli.site.views import label

    _ = ctx.gettext
    found: list[Entry] = []
    for record_id, card in ctx.cards.items():
        names = [country_name(c) for c in dict.fromkeys(card.countries)]
        areas = [label(a) for a in card.areas]
        filters = [("region", tuple(card.regions)), ("area", tuple(card.areas))]
        if card.kind == "match":
            filters.append(("stage", (card.status,)))
        view = ctx.view(record_id)
        about = [view[k] for k in view if k in SEARCHED]
        words = _texts(about, [card.subheading, record_id, *names, *areas])
        found.append(
            Entry(
                url=card.url,
                lang=ctx.lang,
                title=card.heading,
                kind=_(KINDS[card.kind]),
                words=tuple(dict.fromkeys(w for w in words if w)),
                filters=tuple(filters),
            )
        )
    return found


def digest(found: Iterable[Entry]) -> str:
    """What the index is built from: the same digest, the same index."""
    hashed = hashlib.sha256()
    for entry in sorted(found, key=lambda e: e.url):
        hashed.update(json.dumps(entry.record(), sort_keys=True).encode() + b"\0")
    return hashed.hexdigest()


class _Service:
    """Pagefind's service mode (`pagefind --service`), spoken to directly: each message is
    base64-encoded JSON followed by a comma, and so is each answer. Its Python API waits a
    tenth of a second for every answer, which for thousands of documents is minutes; here the
    documents are all sent by one thread while this one reads the answers, and the index
    comes back in memory, so no document or index file is written to disk in between."""

    def __init__(self) -> None:
        import os
        import subprocess

        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:  # pragma: no cover - a broken install
            raise UsageError("the search index needs pagefind: reinstall acsg")
        # One worker thread for its parallel parts: it runs beside the page rendering, and
        # dozens of threads fighting for the same cores cost more than they bring.
        env = {**os.environ, "RAYON_NUM_THREADS": "1"}
        self._process = subprocess.Popen(
            [str(binary), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self._buffer = bytearray()  # what Pagefind wrote and was not read yet, from `_start`
        self._start = 0

    @staticmethod
    def message(message_id: int, payload: dict[str, Any]) -> bytes:
        import base64

        text = json.dumps({"message_id": message_id, "payload": payload})
        return base64.b64encode(text.encode()) + b","

    def send(self, message_id: int, payload: dict[str, Any]) -> None:
        self.write(self.message(message_id, payload))

    def write(self, messages: bytes) -> None:
        assert self._process.stdin is not None
        self._process.stdin.write(messages)

    def flush(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.flush()

    def collect(self, count: int) -> None:
        """Read until `count` answers have come (or Pagefind stopped), without decoding them
        yet (`answer` does): a read takes whatever Pagefind has written, so Pagefind never
        waits for its answers to be read."""
        missing = count - self._buffer.count(b",", self._start)
        while missing > 0:
            chunk = self._read()
            if not chunk:
                break
            missing -= chunk.count(b",")

    def _read(self) -> bytes:
        """Whatever Pagefind has written since (b"" once it stopped), added to the buffer."""
        import os

        stdout = self._process.stdout
        assert stdout is not None
        chunk = os.read(stdout.fileno(), 1 << 20)
        self._buffer += chunk
        return chunk

    def answer(self) -> dict[str, Any]:
        """The next answer's payload; an error answer, or none, is a `UsageError`."""
        import base64

        end = self._buffer.find(b",", self._start)
        while end < 0:
            searched = len(self._buffer)
            if not self._read():
                raise UsageError("cannot build the search index: Pagefind stopped")
            end = self._buffer.find(b",", searched)
        message = base64.b64decode(self._buffer[self._start : end])
        self._start = end + 1
        if self._start > len(self._buffer) // 2:  # what was read goes, now and then
            del self._buffer[: self._start]
            self._start = 0
        payload: dict[str, Any] = json.loads(message)["payload"]
        if payload.get("type") == "Error":
            raise UsageError(f"cannot build the search index: {payload.get('message', '')}")
        return payload

    def close(self) -> None:
        process = self._process
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout=10)
        except Exception:  # stuck or interrupted: it must not outlive the build
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def build_index(found: list[Entry]) -> dict[str, bytes]:
    """Index the entries; the index's files, by path relative to its folder. The messages are
    all made first, then one thread sends them at once while another gathers the answers."""
    import base64

    try:
        service = _Service()
    except OSError as exc:
        raise UsageError(f"cannot build the search index: {exc}") from None
    try:
        service.send(0, {"type": "NewIndex", "config": {"keep_index_url": True}})
        service.flush()
        index = service.answer()["index_id"]
        messages = b"".join(
            service.message(number, {"type": "AddRecord", "index_id": index, **entry.record()})
            for number, entry in enumerate(found, start=1)
        )

        def send_all() -> None:
            with contextlib.suppress(OSError):  # Pagefind stopped: `answer` says so
                service.write(messages)
                service.flush()

        sender = threading.Thread(target=send_all, name="acsg-search-send", daemon=True)
        sender.start()
        service.collect(len(found))
        sender.join()
        for _entry in found:
            service.answer()
        service.send(len(found) + 1, {"type": "GetFiles", "index_id": index})
        service.flush()
        files = service.answer()["files"]
        return {str(f["path"]): base64.b64decode(f["content"]) for f in files}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"cannot build the search index: {exc}") from None
    finally:
        service.close()
