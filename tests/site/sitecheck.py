"""Reading a built site back: its pages, their links and resources, and its search index."""

from __future__ import annotations

import gzip
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("form", "action"),
    ("iframe", "src"),
    ("source", "src"),
}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.csp: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if (tag, name) in LINK_ATTRIBUTES and value is not None:
                self.links.append((tag, value))
            if name == "id" and value:
                self.ids.add(value)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        if tag == "meta" and values.get("http-equiv") == "Content-Security-Policy":
            self.csp = values.get("content")


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def broken_links(site: Path) -> list[str]:
    """Every internal link (and fragment) that names no file (or no id) of the site."""
    parsed = {p: parse(p) for p in pages(site)}
    broken = []
    for path, page in parsed.items():
        for tag, link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("data:"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{path.relative_to(site)}: <{tag}> {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{path.relative_to(site)}: <{tag}> {link} (no such id)")
    return broken


def external_resources(site: Path) -> list[str]:
    """Every link or resource on another server (or any absolute address)."""
    found = []
    for path in pages(site):
        for tag, link in parse(path).links:
            parts = urlsplit(link)
            if parts.scheme not in {"", "data"} or parts.netloc or link.startswith("//"):
                found.append(f"{path.relative_to(site)}: <{tag}> {link}")
    return found


def all_text(site: Path) -> str:
    """Every file of the site as text, the search index's compressed files decompressed."""
    chunks = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        chunks.append(data.decode("utf-8", errors="replace"))
    return "\n".join(chunks)
