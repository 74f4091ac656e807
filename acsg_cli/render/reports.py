"""Renderers of the status and stocktaking reports, one per registered format.

Each draws the report's layout (`reports.layout`) or, for JSON and CSV, the model itself.
"""

from __future__ import annotations

from typing import Any

from acsg_cli.render.document import Document
from acsg_cli.render.target import Destination


def _stocktaking(model: Any) -> Document:
    from acsg_cli.reports.layout import stocktaking_document

    return stocktaking_document(model)


def _status(model: Any) -> Document:
    from acsg_cli.reports.status_layout import status_document

    return status_document(model)


def _table(doc: Document, destination: Destination) -> None:
    from acsg_cli.render.terminal import print_document

    print_document(doc, destination)


def _markdown(doc: Document, destination: Destination) -> None:
    from acsg_cli.reports.render.text import render_markdown

    destination.write_text(render_markdown(doc))


def _html(doc: Document, destination: Destination) -> None:
    from acsg_cli.reports.render.html import render_html

    destination.write_text(render_html(doc))


def _pdf(doc: Document, destination: Destination) -> None:
    from acsg_cli.render.pdf import print_pdf
    from acsg_cli.reports.render.html import render_html

    destination.write_bytes(print_pdf(render_html(doc), doc))


def _json(model: Any, destination: Destination) -> None:
    from acsg_cli.reports.render.data import to_json

    destination.write_text(to_json(model))


def stocktaking_table(model: Any, destination: Destination) -> None:
    _table(_stocktaking(model), destination)


def stocktaking_markdown(model: Any, destination: Destination) -> None:
    _markdown(_stocktaking(model), destination)


def stocktaking_html(model: Any, destination: Destination) -> None:
    _html(_stocktaking(model), destination)


def stocktaking_pdf(model: Any, destination: Destination) -> None:
    _pdf(_stocktaking(model), destination)


def stocktaking_json(model: Any, destination: Destination) -> None:
    _json(model, destination)


def status_table(model: Any, destination: Destination) -> None:
    _table(_status(model), destination)


def status_markdown(model: Any, destination: Destination) -> None:
    _markdown(_status(model), destination)


def status_html(model: Any, destination: Destination) -> None:
    _html(_status(model), destination)


def status_pdf(model: Any, destination: Destination) -> None:
    _pdf(_status(model), destination)


def status_json(model: Any, destination: Destination) -> None:
    _json(model, destination)


def status_csv(model: Any, destination: Destination) -> None:
    from acsg_cli.reports.render.data import status_csv as csv_text

    destination.write_text(csv_text(model))
