"""Markdown, drawn from a document layout."""

from __future__ import annotations

from acsg_cli.i18n import _
from acsg_cli.render.document import Bullets, Chart, Document, Fields, Table
from acsg_cli.render.safety import md_cell, md_text


def _table(table: Table) -> str:
    from tabulate import tabulate

    if not table.rows:
        return _(table.empty)
    body = [[md_cell(c) for c in row] for row in table.rows]
    return str(
        tabulate(
            body,
            headers=[md_cell(c) for c in table.columns],
            tablefmt="github",
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
                lines.append(_table(block))
            elif isinstance(block, Bullets):
                lines += [f"- {md_text(item)}" for item in block.items] or [_(block.empty)]
            elif isinstance(block, Fields):
                lines += [f"- **{md_cell(k)}:** {md_text(v)}" for k, v in block.items]
            elif isinstance(block, str):
                lines.append(md_text(block))
    return "\n".join(lines) + "\n"
