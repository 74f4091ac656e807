"""Renderers of listings (`acsg list`): rows of flat values as a table, JSON, CSV or Markdown.

JSON and CSV carry the values as the records write them (codes); the table and Markdown show
vocabulary values by their labels.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from acsg_cli.render.target import Destination
from acsg_cli.reporters.tables import cell, write_rows


@dataclass(frozen=True)
class Rows:
    """A listing: its columns and one dict per row."""

    kind: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)


def _labels(rows: Rows) -> list[list[str]]:
    from acsg_cli import vocab

    statuses: dict[str, type[vocab._Vocab]] = {
        "requests": vocab.RequestStatus,
        "offers": vocab.OfferStatus,
        "matches": vocab.MatchStatus,
        "practices": vocab.PracticeStatus,
    }
    kinds: dict[str, type[vocab._Vocab]] = {
        "areas": vocab.Area,
        "categories": vocab.Area,
        "entity_type": vocab.EntityType,
        "stage": vocab.GcrStage,
    }
    if rows.kind in statuses:
        kinds["status"] = statuses[rows.kind]
    out = []
    for row in rows.rows:
        cells = []
        for column in rows.columns:
            value = row.get(column)
            if column == "scope" and isinstance(value, str):
                from acsg_cli.browse import scope_words

                value = scope_words(value)
            elif column in kinds:
                values = value if isinstance(value, list) else [value]
                value = [vocab.label_of(kinds[column], v) for v in values if v is not None]
            cells.append(cell(value))
        out.append(cells)
    return out


def _headers(rows: Rows) -> list[str]:
    return [c.replace("_", " ") for c in rows.columns]


def listing_table(rows: Rows, destination: Destination) -> None:
    from acsg_cli.render.terminal import print_rows

    print_rows(_headers(rows), _labels(rows), destination)


def listing_markdown(rows: Rows, destination: Destination) -> None:
    labelled = [dict(zip(rows.columns, r, strict=True)) for r in _labels(rows)]
    _write(labelled, rows.columns, "markdown", destination)


def listing_json(rows: Rows, destination: Destination) -> None:
    _write(rows.rows, rows.columns, "json", destination)


def listing_csv(rows: Rows, destination: Destination) -> None:
    _write(rows.rows, rows.columns, "csv", destination)


def _write(rows: list[dict[str, Any]], columns: list[str], fmt: str, dest: Destination) -> None:
    out = io.StringIO()
    write_rows(rows, columns, fmt, out)
    dest.write_text(out.getvalue())
