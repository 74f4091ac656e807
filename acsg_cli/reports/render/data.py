"""Machine-readable forms: the model as JSON, the status rows as CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from acsg_cli.reporters.tables import cell


def to_json(model: Any) -> str:
    """The model's `to_dict()`, indented, keys in model order."""
    return json.dumps(model.to_dict(), indent=2, ensure_ascii=False) + "\n"


def status_csv(report: Any) -> str:
    """One line per status row, with the table's columns; lists joined by `, `."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = report.columns
    writer.writerow(columns)
    for row in report.rows:
        cells = row.cells()
        writer.writerow([cell(cells[c]) for c in columns])
    return out.getvalue()
