"""Charts drawn with matplotlib as inline SVG (imported only when an HTML report is drawn).

Text stays text (`svg.fonttype: none`), so the page's fonts draw it and it can be searched and
copied; a fixed `svg.hashsalt` and no date in the metadata make the same figures give the same
bytes, so a report can be reproduced exactly.
"""

from __future__ import annotations

import io
import re
from typing import Any

from acsg_cli.render.document import Chart

_STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "acsg-report",
    "font.family": ["DejaVu Sans"],
    "font.size": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
}
_COLORS = ["#1f5fa8", "#e07b00", "#5b8c3a"]
"""Blue and orange stay distinct for the common colour-vision deficiencies and in
greyscale print."""


def render_svg(chart: Chart, prefix: str) -> str:
    """The chart as an `<svg>` element for inlining; element ids start with `prefix`."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    # matplotlib types rc_context as taking a dict of one value type; the style mixes several.
    with matplotlib.rc_context(_STYLE):  # type: ignore[arg-type]  # see above
        rows = max(len(chart.labels), 1)
        names = list(chart.series)
        bar_rows = rows * max(len(names), 1)
        fig = Figure(figsize=(6.8, 0.9 + 0.13 * bar_rows + 0.1 * rows))
        ax = fig.subplots()
        height = 0.8 / max(len(names), 1)
        positions = list(range(rows))
        for i, name in enumerate(names):
            offsets = [p - 0.4 + height * (i + 0.5) for p in positions]
            values = chart.series[name]
            bars = ax.barh(
                offsets, values, height=height * 0.92, label=name, color=_COLORS[i % len(_COLORS)]
            )
            ax.bar_label(bars, padding=2, fontsize=7.5)
        ax.set_yticks(positions, chart.labels)
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0, max([1, *(v for s in chart.series.values() for v in s)]) * 1.12)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_title(chart.title, loc="left")
        if len(names) > 1:
            ax.legend(loc="lower right", frameon=False)
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return _inline(out.getvalue(), prefix)


def _inline(svg: str, prefix: str) -> str:
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'(<svg[^>]*?)\s(width|height)="[^"]*"', r"\1", svg, count=1)
    svg = re.sub(r'(<svg[^>]*?)\s(width|height)="[^"]*"', r"\1", svg, count=1)
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(r'(href="|url\()#([^")]+)', lambda m: f"{m.group(1)}#{prefix}{m.group(2)}", svg)
    return svg.strip()
