"""The renderers, registered by name per result type: one contract, one table.

A renderer is a function `(result, destination) -> None`: it draws one result object (a
stocktaking, a status report, a brief...) in one format and writes it to the `Destination`
(standard output, or the `--output` file). Renderers never compute.

`RENDERERS` names, for every result type, each format with the function that draws it
(imported only when used, so `acsg --help` stays fast) and the file suffixes that ask for it.
The registry feeds each command's `--format` choices (`format_choices`) and turns an
`--output` suffix into a format (`choose`): a suffix no renderer writes is a usage error.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acsg_cli.errors import UsageError

if TYPE_CHECKING:
    from acsg_cli.render.target import Destination


@dataclass(frozen=True)
class Renderer:
    name: str
    target: str
    """`module:function` drawing the result."""
    suffixes: tuple[str, ...] = ()
    binary: bool = False
    """Writes bytes (PDF): only to a file."""

    def load(self) -> Callable[[Any, Destination], None]:
        module, path = self.target.split(":")
        found: Any = importlib.import_module(module)
        for name in path.split("."):
            found = getattr(found, name)
        drawn: Callable[[Any, Destination], None] = found
        return drawn


def _table(prefix: str, names: dict[str, tuple[str, ...]]) -> dict[str, Renderer]:
    """A renderer per format, drawn by `prefix` + the format's name: a module's function
    (`module:kind_`) or a method of a module's `DocumentRenderers` (`module:kind.`)."""
    return {
        name: Renderer(name, prefix + name, suffixes, binary=name == "pdf")
        for name, suffixes in names.items()
    }


_DOCUMENT_FORMATS = {
    "table": (".txt",),
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "pdf": (".pdf",),
    "json": (".json",),
}

RENDERERS: dict[str, dict[str, Renderer]] = {
    "stocktaking": _table("acsg_cli.render.reports:stocktaking.", _DOCUMENT_FORMATS),
    "status": _table("acsg_cli.render.reports:status.", {**_DOCUMENT_FORMATS, "csv": (".csv",)}),
    "brief": _table(
        "acsg_cli.render.briefs:brief.",
        {"markdown": (".md", ".markdown"), "html": (".html", ".htm"), "pdf": (".pdf",)}
        | {"json": (".json",)},
    ),
    "record": _table(
        "acsg_cli.render.record:record_",
        {"table": (".txt",), "json": (".json",), "markdown": (".md",)},
    ),
    "listing": _table(
        "acsg_cli.render.rows:listing_",
        {"table": (".txt",), "json": (".json",), "csv": (".csv",), "markdown": (".md",)},
    ),
}
"""Every result type and its formats; the first format is the default."""


def formats(kind: str) -> list[str]:
    return list(RENDERERS[kind])


def format_choices(kind: str) -> type[StrEnum]:
    """The `--format` choices of a command: an enum of the registered formats of `kind`."""
    return StrEnum(f"{kind.title()}Format", {name: name for name in RENDERERS[kind]})  # type: ignore[return-value]  # the functional API's return type is EnumMeta


def choose(kind: str, chosen: str | None, output: Path | None) -> Renderer:
    """The renderer `--format` names; else the one `--output`'s suffix asks for; else the first
    (the default, also for an output without a suffix, such as a pipe)."""
    table = RENDERERS[kind]
    if chosen is not None:
        return table[str(chosen)]
    suffix = output.suffix.lower() if output is not None else ""
    if not suffix:  # standard output, a pipe or device, a file named without a suffix
        return next(iter(table.values()))
    for renderer in table.values():
        if suffix in renderer.suffixes:
            return renderer
    known = sorted({s for r in table.values() for s in r.suffixes})
    raise UsageError(
        f"--output '{output}': no {kind} format writes '{suffix}' files; "
        f"use one of {', '.join(known)} or give --format ({', '.join(table)})"
    )


def render(kind: str, result: object, destination: Destination, chosen: str | None) -> None:
    """Draw `result` (a `kind`) in the chosen format to `destination`."""
    renderer = choose(kind, chosen, destination.path)
    if renderer.binary and destination.path is None:
        raise UsageError(
            f"--format {renderer.name} writes a file; name it with --output "
            f"FILE{renderer.suffixes[0] if renderer.suffixes else ''}"
        )
    renderer.load()(result, destination)
