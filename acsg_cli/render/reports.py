"""Renderers of the status and stocktaking reports, one per registered format.

Each draws the report's layout (`reports.layout`, `reports.status_layout`) or, for JSON and
CSV, the model itself.
"""

from __future__ import annotations

from typing import Any

from acsg_cli.render.document import Document
from acsg_cli.render.formats import DocumentRenderers
from acsg_cli.render.target import Destination


def _stocktaking(model: Any) -> Document:
    from acsg_cli.reports.layout import stocktaking_document

    return stocktaking_document(model)


def _status(model: Any) -> Document:
    from acsg_cli.reports.status_layout import status_document

    return status_document(model)


def _data(model: Any) -> object:
    """The report's JSON: its `to_dict()`, keys in model order."""
    return model.to_dict()


class _StatusRenderers(DocumentRenderers):
    def csv(self, report: Any, destination: Destination) -> None:
        from acsg_cli.reports.render.data import status_csv

        destination.write_text(status_csv(report))


stocktaking = DocumentRenderers(_stocktaking, _data)
status = _StatusRenderers(_status, _data)
