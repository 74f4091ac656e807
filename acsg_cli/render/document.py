"""A document as the renderers draw it: titled sections of paragraphs, tables, lists, charts.

Layouts (`reports.layout`, `lifecycle` briefs) build a `Document` from a result object and
compute no figure of their own: they choose words, labels and order. The terminal, Markdown,
HTML and PDF renderers draw the same document, so every format shows the same content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from acsg_cli.i18n import N_


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    caption: str = ""
    empty: str = N_("None.")

    @property
    def wide(self) -> bool:
        """Too many columns for a portrait A4 page: printed on a landscape page."""
        return len(self.columns) >= 7


@dataclass(frozen=True)
class Chart:
    """A chart drawn by the HTML renderer; the same figures are in a table next to it."""

    kind: str
    """`grouped_bars` (labels x series) or `bars` (labels x one series)."""
    title: str
    labels: list[str]
    series: dict[str, list[int]]


@dataclass(frozen=True)
class Bullets:
    items: list[str]
    empty: str = N_("None.")


@dataclass(frozen=True)
class Fields:
    """A record's fields as label-value pairs (a definition list)."""

    items: list[tuple[str, str]]


Block = str | Table | Chart | Bullets | Fields
"""A paragraph (plain text), a table, a chart, a bulleted list or label-value pairs."""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    source: str
    blocks: list[Block] = field(default_factory=list)
    new_page: bool = False
    """Start on a new page when printed (long sections)."""

    @property
    def wide(self) -> bool:
        """Holds a wide table: printed on landscape pages."""
        return any(isinstance(b, Table) and b.wide and b.rows for b in self.blocks)


@dataclass(frozen=True)
class Document:
    title: str
    meta: list[tuple[str, str]]
    sections: list[Section]
    kind: str = "report"
    """What the running header of a printed page names (`Stocktaking report`, `Brief`)."""
    date: str = ""
    """The date the running header shows, already written in the document's language."""
    lang: str = "en"

    @property
    def wide(self) -> bool:
        """Every section holds a wide table: the whole document is printed in landscape."""
        return bool(self.sections) and all(s.wide for s in self.sections)
