"""Reading a built site back: its pages, their links and resources, and its search index."""

from __future__ import annotations

import gzip
import re
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
    ("image", "href"),
    ("image", "xlink:href"),
    ("use", "href"),
    ("use", "xlink:href"),
    ("object", "data"),
    ("embed", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("track", "src"),
}
"""Attributes that name another file: `<a href>` is a link the reader follows, every other one
a resource the browser fetches by itself."""


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.anchors: list[dict[str, str | None]] = []
        self.styles: list[str] = []
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
            if name == "srcset" and value:
                self.links += [(tag, c.split()[0]) for c in value.split(",") if c.strip()]
            if name == "style" and value:
                self.styles.append(value)
        if tag == "a":
            self.anchors.append(values)
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
    """Every internal link (and fragment) that names no file (or no id) of the site.

    Paths are compared resolved, so the site may be given as a relative path (or through a
    symbolic link): a link is resolved against the folder of its page, and must stay inside
    the site."""
    root = site.resolve()
    parsed = {p.resolve(): parse(p) for p in pages(site)}
    broken = []
    for path, page in parsed.items():
        for tag, link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            shown = f"{path.relative_to(root)}: <{tag}> {link}"
            if not target.is_file() or root not in target.parents:
                broken.append(shown)
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{shown} (no such id)")
    return broken


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""")
_JS_FETCH = re.compile(
    r"""(?:\bimport\s*\(\s*|\bfrom\s*|\bimport\s+|\bfetch\s*\(\s*|importScripts\s*\(\s*"""
    r"""|new\s+(?:Worker|SharedWorker|WebSocket|EventSource)\s*\(\s*)(["'`])((?:https?:|wss?:)?//[^"'`]*)\1"""
)


def _elsewhere(link: str) -> bool:
    parts = urlsplit(link.strip())
    return parts.scheme not in {"", "data"} or bool(parts.netloc) or link.strip().startswith("//")


def external_resources(site: Path) -> list[str]:
    """Every resource of every file of the site that a browser would fetch from another server:
    in pages (`<link>`, `<script>`, `<img>`, srcset, inline styles, SVG), style sheets (`url()`,
    `@import`) and scripts (imports, fetches, workers). Links the reader follows are
    `outside_links`' business."""
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        shown = path.relative_to(site)
        if path.suffix == ".html":
            page = parse(path)
            found += [f"{shown}: <{t}> {u}" for t, u in page.links if t != "a" and _elsewhere(u)]
            styles = "\n".join(page.styles) + "\n" + path.read_text(encoding="utf-8")
        elif path.suffix in {".css", ".svg"}:
            styles = path.read_text(encoding="utf-8", errors="replace")
        else:
            styles = ""
        for found_url in _CSS_URL.finditer(styles):
            url = found_url.group(2) or found_url.group(4) or ""
            if _elsewhere(url):
                found.append(f"{shown}: url({url})")
        if path.suffix in {".js", ".mjs", ".html"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{shown}: {m.group(2)}" for m in _JS_FETCH.finditer(text)]
    return found


SAFE_REL = {"noopener", "noreferrer"}


def outside_links(site: Path) -> list[str]:
    """Every link to another server that is not http(s) or lacks `rel="noopener noreferrer"`,
    and every link with a scheme a reader's browser would run (`javascript:`, `data:`...)."""
    found = []
    for path in pages(site):
        for anchor in parse(path).anchors:
            href = (anchor.get("href") or "").strip()
            parts = urlsplit(href)
            if not (parts.scheme or parts.netloc):
                continue
            rel = set((anchor.get("rel") or "").split())
            if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
                found.append(f"{path.relative_to(site)}: unsafe link {href}")
            elif not rel >= SAFE_REL:
                found.append(f"{path.relative_to(site)}: {href} without rel=noopener noreferrer")
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
