"""Machine-readable forms: the status rows as CSV (JSON is the model's `to_dict()`)."""

from __future__ import annotations

import csv
import io
from typing import Any

from acsg_cli.render.safety import csv_cell as csv_text
from acsg_cli.reporters.tables import csv_cell


def status_csv(report: Any) -> str:
    """One line per status row, with the table's columns; lists joined by `, `."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = report.columns
    writer.writerow([csv_text(c) for c in columns])
    for row in report.rows:
        cells = row.cells()
        writer.writerow([csv_cell(cells[c]) for c in columns])
    return out.getvalue()
