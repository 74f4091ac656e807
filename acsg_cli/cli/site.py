"""`acsg site build`: the public portal as a static site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from acsg_cli.cli.groups import site_app
from acsg_cli.cli.options import (
    DEFAULT_DATA,
    DataDirOpt,
    PartialOpt,
    open_publishable_registry,
)


def build_command(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            file_okay=False,
            help="Folder to write the site into: new, empty, or written by an earlier build.",
        ),
    ],
    data: DataDirOpt = DEFAULT_DATA,
    partial: PartialOpt = False,
) -> None:
    """Write the public portal, a static site, from the registry (shared audience only).

    Pages: home (headline figures, a world map, unmet needs by area and region, good
    practices, latest updates); a page per match, request, offer and good practice or tool;
    listings with filters by region, area, stage and entity type; a page per country; and a
    search page whose index (Pagefind) is built here and runs in the browser. The home page,
    the listings, the browse, search and country pages, and every record with translated text
    are also written in French (fr/) and Spanish (es/), with a language switcher. No
    confidential request detail and no contact data is published; every resource is the
    site's own (no CDN, font server or tracker) under a strict Content-Security-Policy; every
    link is relative, so the folder can be served from any address.

    Only files whose content changed are rewritten, and pages of records that are gone are
    removed, so publishing the folder changes only what changed; when neither the registry nor
    acsg changed since the folder was built, nothing is read or written.

    A registry with errors (a record that does not load, a broken reference) is not published:
    the command names each problem and exits 1 without touching the folder, unless --partial
    accepts a site without those records.

    \b
    Examples:
      acsg site build --out site
      python -m http.server --directory site 8000
    """
    from acsg_cli.site.build import build_site, up_to_date
    from acsg_cli.site.forked import stopped_by_sigterm

    current, inputs = up_to_date(data, out)
    if current:
        typer.echo(f"{out}: up to date (neither the registry nor acsg changed)", err=True)
        return
    registry = open_publishable_registry(data, partial=partial)
    # A site built without some records is never taken as up to date: the next build reads
    # the registry again, and refuses it unless it is whole or --partial is given again.
    from acsg_cli.registry import cache

    with stopped_by_sigterm():
        # The read cache is saved by the indexer's process, beside the rendering, rather than
        # after it: it is the same in every process of the build, which reads no record again.
        inputs = "" if registry.error_count else inputs
        result = build_site(registry, out, inputs=inputs, beside=cache.flush)
    cache.forget()
    typer.echo(
        f"{out}: {result.pages} pages, {result.rendered} rendered; "
        f"{len(result.written)} file(s) written, "
        f"{result.unchanged} unchanged, {len(result.removed)} removed"
        f"{'; search index rebuilt' if result.indexed else ''}",
        err=True,
    )


def register(app: typer.Typer) -> None:
    """The command lives in the `acsg site` group."""
    site_app.command("build")(build_command)
