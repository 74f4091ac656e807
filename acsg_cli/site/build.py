"""`acsg site build`: the registry as a static site, for the shared audience only."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from acsg_cli.registry import Registry
from acsg_cli.site import output, search
from acsg_cli.site.listings import browse_page, facet_pages, listing_pages, search_page
from acsg_cli.site.pages import (
    Context,
    all_cards,
    environment,
    formatting,
    home,
    latest_date,
)
from acsg_cli.site.records import match_page, offer_page, request_page

ASSETS = ("site.css", "print.css", "filter.js", "search.js")


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: pages in all, files rewritten, unchanged and removed."""

    pages: int
    written: list[str]
    unchanged: int
    removed: list[str]
    indexed: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "written": len(self.written),
            "unchanged": self.unchanged,
            "removed": len(self.removed),
            "search_index_rebuilt": self.indexed,
        }


def render_site(registry: Registry) -> dict[str, str]:
    """Every page of the site (English), by path relative to the site root."""

    def translate(text: str) -> str:
        return text

    ctx = Context(
        registry=registry,
        gettext=formatting(translate),
        lang="en",
        as_of=latest_date(registry),
        cards=all_cards(registry),
        env=environment(translate),
    )
    pages = {"index.html": home(ctx), "browse.html": browse_page(ctx)}
    pages["search.html"] = search_page(ctx)
    pages.update(listing_pages(ctx))
    pages.update(facet_pages(ctx))
    for request in registry.requests.values():
        pages[f"requests/{request.id}.html"] = request_page(ctx, request)
    for offer in registry.offers.values():
        pages[f"offers/{offer.id}.html"] = offer_page(ctx, offer)
    for match in registry.matches.values():
        pages[f"matches/{match.id}.html"] = match_page(ctx, match)
    return pages


def _assets() -> dict[str, bytes]:
    folder = resources.files("acsg_cli.site").joinpath("assets")
    files = {f"assets/{name}": folder.joinpath(name).read_bytes() for name in ASSETS}
    files[".nojekyll"] = b""  # GitHub Pages: serve the files as they are
    return files


def build_site(registry: Registry, out: Path) -> BuildResult:
    """Write the site into `out`, rewriting only files whose content changed.

    The search index is rebuilt only when a page changed (or it is missing)."""
    previous = output.read_manifest(out)
    before = previous.files
    pages = {path: text.encode("utf-8") for path, text in render_site(registry).items()}
    digest = hashlib.sha256()
    for path in sorted(pages):
        digest.update(path.encode() + b"\0" + pages[path] + b"\0")
    files = {**pages, **_assets()}
    done = output.Written()
    out.mkdir(parents=True, exist_ok=True)
    output.write_changed(out, files, done)
    prefix = f"{search.FOLDER}/"
    output.remove_stale(out, {f for f in before - set(files) if not f.startswith(prefix)}, done)
    old_index = {f for f in before if f.startswith(prefix)}
    # The digest, not the writes, decides: a build stopped before indexing is indexed next time.
    indexed = digest.hexdigest() != previous.indexed_digest or not old_index
    if indexed and not old_index:
        # No index yet: Pagefind writes it in place, with nothing to compare.
        folder = out / search.FOLDER
        written = [f"{prefix}{name}" for name in search.build_index(out, folder)]
        done.written += written
        kept = set(written)
    elif indexed:
        index = search.rebuild_index(out)
        output.write_changed(out, index, done)
        output.remove_stale(out, old_index - set(index), done)
        kept = set(index)
    else:
        kept = old_index
    output.write_manifest(out, output.Manifest(frozenset([*files, *kept]), digest.hexdigest()))
    return BuildResult(len(pages), done.written, done.unchanged, done.removed, indexed)
