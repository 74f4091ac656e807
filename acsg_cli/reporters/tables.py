"""Rows (lists of flat dicts) rendered as a table, CSV, JSON or Markdown.

Every cell goes through `acsg_cli.render.safety` for its destination: record text is data.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from acsg_cli.render import safety


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def csv_cell(value: Any) -> str:
    """A value as a CSV cell: numbers as they are, text neutralised for spreadsheets."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return cell(value)
    return safety.csv_cell(cell(value))


def write_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(safety.json_text(rows) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([safety.csv_cell(c) for c in columns])
        writer.writerows([[csv_cell(r.get(c)) for c in columns] for r in rows])
    else:
        from tabulate import tabulate

        escape = md_cell if fmt == "markdown" else safety.terminal
        body = [[escape(cell(r.get(c))) for c in columns] for r in rows]
        if rows:
            out.write(
                tabulate(
                    body,
                    headers=[escape(c) for c in columns],
                    tablefmt="github" if fmt == "markdown" else "simple",
                    disable_numparse=True,
                )
                + "\n"
            )
        else:
            out.write("(none)\n")


def md_cell(text: str) -> str:
    """Text safe in a Markdown table cell: inert Markdown (`safety.md_cell`) on one line."""
    return safety.md_cell(text)


def md_table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """The lines of a GitHub Markdown table, every cell made inert (`md_cell`)."""

    def line(cells: Sequence[object]) -> str:
        return "| " + " | ".join(md_cell(str(c)) for c in cells) + " |"

    return [line(columns), "|" + "---|" * len(columns), *(line(row) for row in rows)]
