"""Rows to fill the GCR pledge progress update: one per GRF pledge and activity under it.

Each row names the pledge (its id as the GRF gave it), the stage in the GCR's words, a short
narrative from the shared view, and the date of the latest news. A pledge carried by a request
or an offer with nothing published under it yet is reported at the planning stage.
"""

from __future__ import annotations

import io
from typing import Any

from acsg_cli import geo
from acsg_cli.exports.shared import SharedView
from acsg_cli.exports.tracks import MATCHING, Activity, activities
from acsg_cli.pledges import STAGE_LABELS
from acsg_cli.vocab import GcrStage

COLUMNS = ["pledge_id", "stage", "narrative", "date", "record"]


def _narrative(activity: Activity) -> str:
    who = ", ".join(o.name for o in activity.implementers) or "an offering entity"
    where = ", ".join(geo.country_name(s) for s in activity.states)
    areas = ", ".join(a.replace("_", " ") for a in activity.areas)
    head = (
        f"ACSG match {activity.ref} ({activity.status.replace('_', ' ')}): {who} supporting "
        f"{where} on {areas}."
        if activity.track == MATCHING
        else f"Support under the pledge without a matching request: {activity.title}, "
        f"by {who} for {where}."
    )
    news = " ".join(activity.narrative.split())
    return f"{head} {news}".strip()


def gcr_rows(view: SharedView) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    reported: set[str] = set()
    for activity in activities(view):
        if activity.stage is None:
            continue
        for pledge in activity.pledges:
            reported.add(pledge)
            rows.append(
                {
                    "pledge_id": pledge,
                    "stage": activity.stage_label,
                    "narrative": _narrative(activity),
                    "date": activity.last_date or "",
                    "record": activity.ref,
                }
            )
    for records, what in ((view.requests, "request"), (view.offers, "offer")):
        for record in records.values():
            for pledge in map(str, record.get("grf_pledge_ids", [])):
                if pledge in reported:
                    continue
                reported.add(pledge)
                rows.append(
                    {
                        "pledge_id": pledge,
                        "stage": STAGE_LABELS[GcrStage.PLANNING],
                        "narrative": f"Registered with the ACSG as {what} {record['id']} "
                        f"({record['status']}); not matched yet.",
                        "date": record["submitted_on"],
                        "record": record["id"],
                    }
                )
    return sorted(rows, key=lambda r: (r["pledge_id"], r["date"], r["record"]))


def gcr_csv(view: SharedView) -> str:
    from acsg_cli.reporters.tables import write_rows

    out = io.StringIO()
    write_rows(gcr_rows(view), COLUMNS, "csv", out)
    return out.getvalue()
