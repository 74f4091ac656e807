"""The public portal: a static site built from the registry for the shared audience.

`build_site(registry, out)` renders every page (`pages`, `records`, `listings`) from the records'
shared views (`views`), draws the world map (`worldmap`), writes only what changed (`output`)
and builds the client-side search index (`search`).
"""

from __future__ import annotations

from acsg_cli.site.build import BuildResult, build_site
from acsg_cli.site.render import render_site

__all__ = ["BuildResult", "build_site", "render_site"]
