"""Markdown and plain-text tables, drawn from a report layout."""

from __future__ import annotations

from typing import Any

from acsg_cli.i18n import _
from acsg_cli.render.document import Bullets, Chart, Document, Table
from acsg_cli.render.safety import md_cell, md_text, terminal
from acsg_cli.reports.layout import status_document, stocktaking_document


def _table(table: Table, fmt: str) -> str:
    from tabulate import tabulate

    if not table.rows:
        return _(table.empty)
    if fmt == "markdown":
        body = [[md_cell(c) for c in row] for row in table.rows]
        return str(
            tabulate(
                body,
                headers=[md_cell(c) for c in table.columns],
                tablefmt="github",
                disable_numparse=True,
            )
        )
    return str(
        tabulate(
            [[terminal(c) for c in row] for row in table.rows],
            headers=[terminal(c) for c in table.columns],
            tablefmt="simple",
            disable_numparse=True,
        )
    )


def render_markdown(doc: Document) -> str:
    """Markdown in which every piece of text is inert (`md_text`): the layout's words and
    the records' alike."""
    lines = [f"# {md_cell(doc.title)}", ""]
    lines += [f"- **{md_cell(k)}:** {md_cell(v)}" for k, v in doc.meta]
    for section in doc.sections:
        source = _("Source: {source}").format(source=section.source)
        lines += ["", f"## {md_cell(section.title)}", "", f"*{md_cell(source)}*"]
        for block in section.blocks:
            if isinstance(block, Chart):
                continue  # the figures of every chart are in the table beside it
            lines.append("")
            if isinstance(block, Table):
                if block.caption:
                    lines += [f"**{md_cell(block.caption)}**", ""]
                lines.append(_table(block, "markdown"))
            elif isinstance(block, Bullets):
                lines += [f"- {md_text(item)}" for item in block.items] or [_(block.empty)]
            elif isinstance(block, str):
                lines.append(md_text(block))
    return "\n".join(lines) + "\n"


def render_table(doc: Document) -> str:
    """Plain text for a terminal: every piece of text through `terminal`."""
    title = terminal(doc.title)
    lines = [title, "=" * len(title)]
    lines += [f"{terminal(k)}: {terminal(v)}" for k, v in doc.meta]
    for section in doc.sections:
        heading = terminal(f"{section.title} [{section.source}]")
        lines += ["", heading, "-" * len(heading)]
        for block in section.blocks:
            if isinstance(block, Chart):
                continue
            lines.append("")
            if isinstance(block, Table):
                if block.caption:
                    lines.append(terminal(block.caption) + ":")
                lines.append(_table(block, "simple"))
            elif isinstance(block, Bullets):
                lines += [f"* {terminal(item)}" for item in block.items] or [_(block.empty)]
            elif isinstance(block, str):
                lines.append(terminal(block))
    return "\n".join(lines) + "\n"


def stocktaking_markdown(model: Any) -> str:
    return render_markdown(stocktaking_document(model))


def stocktaking_table(model: Any) -> str:
    return render_table(stocktaking_document(model))


def status_markdown(model: Any) -> str:
    return render_markdown(status_document(model))


def status_table(model: Any) -> str:
    return render_table(status_document(model))
