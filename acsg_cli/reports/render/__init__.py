"""Renderers: each turns a report into text in one format and computes nothing.

`STOCKTAKING_FORMATS` and `STATUS_FORMATS` map a format name to a function
`(model) -> str`; the CLI offers exactly these names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from acsg_cli.reports.render import data, text


def _html_stocktaking(model: Any) -> str:
    from acsg_cli.reports.layout import stocktaking_document
    from acsg_cli.reports.render.html import render_html

    return render_html(stocktaking_document(model))


def _html_status(model: Any) -> str:
    from acsg_cli.reports.layout import status_document
    from acsg_cli.reports.render.html import render_html

    return render_html(status_document(model))


STOCKTAKING_FORMATS: dict[str, Callable[[Any], str]] = {
    "table": text.stocktaking_table,
    "markdown": text.stocktaking_markdown,
    "html": _html_stocktaking,
    "json": data.to_json,
}

STATUS_FORMATS: dict[str, Callable[[Any], str]] = {
    "table": text.status_table,
    "markdown": text.status_markdown,
    "html": _html_status,
    "json": data.to_json,
    "csv": data.status_csv,
}
