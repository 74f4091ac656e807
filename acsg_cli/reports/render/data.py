"""Machine-readable forms: the model as JSON, the status rows as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from acsg_cli.render.safety import csv_cell as csv_text
from acsg_cli.render.safety import json_text
from acsg_cli.reporters.tables import csv_cell


def to_json(model: Any) -> str:
    """The model's `to_dict()`, indented, keys in model order (`safety.json_text`)."""
    return json_text(model.to_dict()) + "\n"


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
