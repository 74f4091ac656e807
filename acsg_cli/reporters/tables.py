"""Rows (lists of flat dicts) rendered as a table, CSV, JSON or Markdown."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO


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


def write_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(rows, out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[cell(r.get(c)) for c in columns] for r in rows])
    else:
        from tabulate import tabulate

        table_fmt = "github" if fmt == "markdown" else "simple"
        body = [
            [md_cell(cell(r.get(c))) if fmt == "markdown" else cell(r.get(c)) for c in columns]
            for r in rows
        ]
        if rows:
            out.write(
                tabulate(body, headers=columns, tablefmt=table_fmt, disable_numparse=True) + "\n"
            )
        else:
            out.write("(none)\n")


def md_cell(text: str) -> str:
    """Text safe in a Markdown table cell: pipes escaped, kept on one line."""
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
