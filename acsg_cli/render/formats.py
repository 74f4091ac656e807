"""A result laid out as a `Document`, drawn in each format the documents share.

`DocumentRenderers` holds, for one kind of result (a stocktaking, a status report, a brief),
how to lay it out and what its JSON is; its methods are the renderers `render.registry` names
(`acsg_cli.render.reports:status.html`). The terminal, Markdown, HTML and PDF forms draw the same
document, so they say the same things; JSON is the result's own data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from acsg_cli.render.document import Document
from acsg_cli.render.target import Destination


@dataclass(frozen=True)
class DocumentRenderers:
    layout: Callable[[Any], Document]
    """The result as a document."""
    data: Callable[[Any], object]
    """The result as plain data, for JSON."""

    def table(self, result: Any, destination: Destination) -> None:
        from acsg_cli.render.terminal import print_document

        print_document(self.layout(result), destination)

    def markdown(self, result: Any, destination: Destination) -> None:
        from acsg_cli.reports.render.text import render_markdown

        destination.write_text(render_markdown(self.layout(result)))

    def html(self, result: Any, destination: Destination) -> None:
        from acsg_cli.reports.render.html import render_html

        destination.write_text(render_html(self.layout(result)))

    def pdf(self, result: Any, destination: Destination) -> None:
        from acsg_cli.render.pdf import print_pdf
        from acsg_cli.reports.render.html import render_html

        doc = self.layout(result)
        destination.write_bytes(print_pdf(render_html(doc), doc))

    def json(self, result: Any, destination: Destination) -> None:
        from acsg_cli.render.safety import json_text

        destination.write_text(json_text(self.data(result)) + "\n")
