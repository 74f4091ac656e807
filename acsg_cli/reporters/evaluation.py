"""Renderers for `acsg match evaluate`: text for people, JSON for tools, Markdown for notes.

JSON:

    {"pairs": 5, "methods": ["ranking", "fit", "areas", "random"],
     "totals": {"ranking": {"top1": 0.8, "top3": 1.0, "mrr": 0.9}, ...},
     "replays": [{"match", "request", "offer", "as_of", "basis", "eligible",
                  "ranks": {"ranking": 1.0, ...}}],
     "skipped": [{"match", "reason"}],
     "weights": {"documented": {...}, "other": {...}},
     "learned": {"granted", "declined", "documented", "learned", "note"}}   (with --learn)

A rank is the expected position among the eligible offers (ties in random order), null when
the partner was not eligible that day.
"""

from __future__ import annotations

from typing import Any, TextIO

from acsg_cli.matching.evaluate import Evaluation
from acsg_cli.matching.learn import Learned
from acsg_cli.matching.scoring import Weights
from acsg_cli.render.safety import json_text, md_text, terminal
from acsg_cli.reporters.tables import write_rows

TITLES = {
    "ranking": "ranking (fit - capacity cost)",
    "fit": "fit alone",
    "weights": "--weights file",
    "areas": "areas only (baseline)",
    "random": "random (baseline)",
}


def evaluation_data(
    evaluation: Evaluation, weights: Weights, other: Weights | None, learned: Learned | None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "pairs": len(evaluation.replays),
        "methods": evaluation.methods,
        "totals": evaluation.totals(),
        "replays": [
            {
                "match": r.match_id,
                "request": r.request_id,
                "offer": r.offer_id,
                "as_of": r.as_of.isoformat(),
                "basis": r.basis,
                "eligible": r.eligible,
                "ranks": {m: p.rank for m, p in r.placings.items()},
            }
            for r in evaluation.replays
        ],
        "skipped": [{"match": m, "reason": why} for m, why in evaluation.skipped],
        "weights": {
            "documented": weights.model_dump(),
            "other": other.model_dump() if other is not None else None,
        },
    }
    if learned is not None:
        data["learned"] = {
            "granted": learned.granted,
            "declined": learned.declined,
            "documented": learned.documented,
            "learned": learned.learned,
            "note": learned.note,
        }
    return data


def _rank(value: float | None) -> str:
    if value is None:
        return "not eligible"
    return f"{value:g}"


def report(
    evaluation: Evaluation,
    weights: Weights,
    other: Weights | None,
    learned: Learned | None,
    *,
    fmt: str,
    out: TextIO,
) -> None:
    """Write the evaluation in `fmt` (text, json or markdown)."""
    if fmt == "json":
        out.write(json_text(evaluation_data(evaluation, weights, other, learned)) + "\n")
        return
    table = "markdown" if fmt == "markdown" else "table"
    totals = evaluation.totals()
    heading = "## " if fmt == "markdown" else ""
    out.write(
        f"{heading}Where the real partner ranked, replaying {len(evaluation.replays)} "
        "recorded pair(s) as of the day each was proposed\n\n"
    )
    write_rows(
        [
            {"method": TITLES[m], "top-1": f"{t['top1']:.2f}", "top-3": f"{t['top3']:.2f}"}
            | {"MRR": f"{t['mrr']:.3f}"}
            for m, t in totals.items()
        ],
        ["method", "top-1", "top-3", "MRR"],
        table,
        out,
    )
    out.write("\n")
    write_rows(
        [
            {
                "match": r.match_id,
                "request": r.request_id,
                "offer": r.offer_id,
                "as of": f"{r.as_of.isoformat()} ({r.basis})",
                "eligible": str(r.eligible),
            }
            | {m: _rank(p.rank) for m, p in r.placings.items()}
            for r in evaluation.replays
        ],
        ["match", "request", "offer", "as of", "eligible", *evaluation.methods],
        table,
        out,
    )
    escape = md_text if fmt == "markdown" else terminal
    for match_id, why in evaluation.skipped:
        out.write(f"\nnot replayed: {escape(match_id)}: {escape(why)}\n")
    if learned is not None:
        _learned(learned, table, heading, out)


def _learned(learned: Learned, table: str, heading: str, out: TextIO) -> None:
    out.write(f"\n{heading}Weights learned from consent history: {learned.note}\n\n")
    rows = [
        {
            "signal": name,
            "documented": f"{value:g}",
            "learned": f"{learned.learned[name]:g}" if learned.learned else "-",
        }
        for name, value in learned.documented.items()
    ]
    write_rows(rows, ["signal", "documented", "learned"], table, out)
