"""Documents and rows on a terminal, through rich: tables fitted to the terminal's width.

On a terminal, tables take its width: long cells wrap within their column, and a column of
ids or dates never wraps (an id is ellipsised only when nothing else can give). `--wide`, a
pipe or a file leave every line at its natural length. Record text passes through the safety
layer (`safety.terminal`) and reaches rich as plain `Text`, never as markup; colour only on a
terminal that accepts it.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from acsg_cli.i18n import _
from acsg_cli.record_ids import ANY_ID
from acsg_cli.render.document import Block, Bullets, Chart, Document, Fields, Table
from acsg_cli.render.safety import terminal

if TYPE_CHECKING:
    from rich.console import Console

    from acsg_cli.render.target import Destination

_UNBROKEN = re.compile(
    r"^(?:" + ANY_ID + r"|[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|-?[0-9][0-9.,\u00a0\u202f ]*)$"
)
"""Ids, ISO dates and numbers: kept on one line."""


def console(destination: Destination, buffer: io.StringIO) -> Console:
    from rich.console import Console

    width = destination.width
    return Console(
        file=buffer,
        width=width or 100_000,
        force_terminal=destination.color,
        no_color=not destination.color,
        color_system="standard" if destination.color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=width is None,
    )


def rich_table(columns: list[str], rows: list[list[str]], *, fit: bool) -> object:
    """A rich table of plain text cells; columns of ids, dates and numbers never wrap."""
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    table = RichTable(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False, padding=(0, 1, 0, 0)
    )
    for index, column in enumerate(columns):
        values = [row[index] for row in rows if index < len(row)]
        unbroken = bool(values) and all(_UNBROKEN.match(v) or not v for v in values)
        heading = terminal(column)
        if fit and unbroken:  # the heading of a narrow column goes one word a line
            heading = "\n".join(heading.split())
        table.add_column(
            Text(heading, style="bold"),
            # ids, dates and numbers stay on one line (ellipsised only when nothing else can
            # give); text wraps within its column
            no_wrap=unbroken or not fit,
            overflow="ellipsis" if unbroken else "fold",
            justify="right" if unbroken and any(v[:1].isdigit() for v in values) else "left",
        )
    for row in rows:
        table.add_row(*[Text(terminal(v)) for v in row])
    return table


def print_rows(columns: list[str], rows: list[list[str]], destination: Destination) -> None:
    """A table of rows alone (listings): `(none)` when there is no row."""
    buffer = io.StringIO()
    out = console(destination, buffer)
    if rows:
        out.print(rich_table(columns, rows, fit=destination.width is not None))
    else:
        out.print(_("(none)"))
    destination.write_text(_strip(buffer.getvalue()))


def print_document(doc: Document, destination: Destination) -> None:
    from rich.text import Text

    buffer = io.StringIO()
    out = console(destination, buffer)
    fit = destination.width is not None
    out.print(Text(terminal(doc.title), style="bold"))
    out.print("=" * len(terminal(doc.title)))
    for key, value in doc.meta:
        out.print(Text(_("{label}: {value}").format(label=terminal(key), value=terminal(value))))
    for section in doc.sections:
        out.print()
        heading = terminal(f"{section.title} [{section.source}]")
        out.print(Text(heading, style="bold"))
        out.print("-" * len(heading))
        for block in section.blocks:
            if not isinstance(block, Chart):  # a chart's figures are in the table beside it
                out.print()
                _print_block(out, block, fit)
    destination.write_text(_strip(buffer.getvalue()))


def _print_block(out: Console, block: Block, fit: bool) -> None:
    from rich.text import Text

    if isinstance(block, Table):
        if block.caption:
            out.print(Text(terminal(block.caption), style="italic"))
        if block.rows:
            out.print(rich_table(block.columns, block.rows, fit=fit))
        else:
            out.print(Text(_(block.empty)))
    elif isinstance(block, Bullets):
        for item in block.items:
            out.print(Text("• " + terminal(item)))
        if not block.items:
            out.print(Text(_(block.empty)))
    elif isinstance(block, Fields):
        rows = [list(pair) for pair in block.items]
        out.print(rich_table([_("Field"), _("Value")], rows, fit=fit))
    elif isinstance(block, str):
        out.print(Text(terminal(block)))


def _strip(text: str) -> str:
    """Lines without the padding rich adds to fill the width."""
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
