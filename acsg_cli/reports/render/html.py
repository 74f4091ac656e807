"""One self-contained HTML page per report: inline CSS and SVG charts, nothing fetched.

Written for the screen and for A4 paper: table headers repeat on each page, rows are not
split across pages, long sections start on a new page.
"""

from __future__ import annotations

import re
from typing import Any

from acsg_cli.record_ids import ANY_ID
from acsg_cli.render.document import Bullets, Chart, Document, Fields, Table


def render_html(doc: Document) -> str:
    import jinja2
    import markupsafe

    from acsg_cli.render.safety import CSP_META, visible
    from acsg_cli.reports.render.charts import render_svg

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("acsg_cli.reports", "templates"),
        autoescape=True,
        # every `{{ value }}` that is text (not a trusted Markup chart) shows invisible and
        # control characters as escapes before autoescaping
        finalize=lambda v: (
            v if isinstance(v, markupsafe.Markup) or not isinstance(v, str) else visible(v)
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    charts: dict[int, str] = {}
    count = 0
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, Chart):
                count += 1
                charts[id(block)] = render_svg(block, f"c{count}-")
    from acsg_cli.i18n import gettext

    env.globals["_"] = gettext
    env.filters["ids"] = lambda text: _ids(markupsafe, text)
    template = env.get_template("report.html.j2")
    return template.render(
        doc=doc,
        csp_meta=markupsafe.Markup(CSP_META),
        svg_of=lambda block: markupsafe.Markup(charts[id(block)]),
        kind_of=_kind_of,
        cell_class=_cell_class,
    )


_NUMBER = re.compile(r"^-?[0-9][0-9,.\u00a0\u202f ]*$")
_UNBROKEN = re.compile(r"^(?:" + ANY_ID + r"|[0-9]{4}-[0-9]{2}-[0-9]{2})$")
_SHORT = 16
"""A cell this short (a date in words, a stage) is kept on one line."""
_ID = re.compile(r"\b" + ANY_ID + r"\b")


def _ids(markupsafe: Any, text: object) -> Any:
    """Escaped text in which every record id is kept on one line (`<span class="id">`)."""
    from acsg_cli.render.safety import visible

    escaped = str(markupsafe.escape(visible(str(text))))
    return markupsafe.Markup(_ID.sub(lambda m: f'<span class="id">{m.group(0)}</span>', escaped))


def _cell_class(value: str) -> str:
    """`num` (right-aligned) for numbers; `code` (never wrapped) for ids, dates and short cells."""
    if _NUMBER.match(value):
        return "num"
    return "code" if _UNBROKEN.match(value) or len(value) <= _SHORT else ""


def _kind_of(block: object) -> str:
    if isinstance(block, Table):
        return "table"
    if isinstance(block, Chart):
        return "chart"
    if isinstance(block, Bullets):
        return "bullets"
    if isinstance(block, Fields):
        return "fields"
    return "paragraph"
