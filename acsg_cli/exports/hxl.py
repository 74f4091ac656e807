"""An HXL-tagged 3W table (who does what where): one row per activity and recipient country.

The first row names the columns for people, the second holds the HXL hashtags that tools such
as libhxl and HDX read. Both tracks are listed: matches and pledge implementation.
"""

from __future__ import annotations

import io

from acsg_cli import geo
from acsg_cli.exports.shared import SharedView
from acsg_cli.exports.tracks import activities
from acsg_cli.vocab import REGION_NAMES

COLUMNS: list[tuple[str, str, str]] = [
    ("implementing_org", "Implementing organisation", "#org+impl"),
    ("implementing_org_type", "Implementing organisation type", "#org+impl+type"),
    ("funding_org", "Funding organisation", "#org+funder"),
    ("country", "Country", "#country+name"),
    ("country_code", "Country code", "#country+code"),
    ("region", "UNHCR region", "#region+name"),
    ("sector", "Areas of the asylum system", "#sector"),
    ("activity", "Activity", "#activity+name"),
    ("activity_code", "Reference", "#activity+code"),
    ("track", "Track", "#activity+type"),
    ("status", "Status", "#status"),
    ("gcr_stage", "GCR pledge stage", "#status+gcr"),
    ("start", "Start", "#date+start"),
    ("end", "End", "#date+end"),
    ("grf_pledges", "GRF pledges", "#meta+grf_pledge"),
]
"""(key, header, hashtag) of each column, in order."""


def hxl_rows(view: SharedView) -> list[dict[str, str]]:
    rows = []
    for activity in activities(view):
        for state in activity.states:
            region = geo.region_of(state)
            rows.append(
                {
                    "implementing_org": "; ".join(o.name for o in activity.implementers),
                    "implementing_org_type": "; ".join(o.type for o in activity.implementers),
                    "funding_org": "; ".join(o.name for o in activity.funders),
                    "country": geo.country_name(state),
                    "country_code": state,
                    "region": REGION_NAMES[region] if region else "",
                    "sector": "; ".join(activity.areas),
                    "activity": activity.title,
                    "activity_code": activity.ref,
                    "track": activity.track,
                    "status": activity.status,
                    "gcr_stage": activity.stage_label,
                    "start": activity.start or "",
                    "end": activity.end or "",
                    "grf_pledges": "; ".join(activity.pledges),
                }
            )
    return rows


def hxl_csv(view: SharedView) -> str:
    """The 3W CSV: header row, hashtag row, then the rows."""
    from acsg_cli.reporters.tables import write_rows

    hashtags = {header: tag for _, header, tag in COLUMNS}
    rows = [{header: row[key] for key, header, _ in COLUMNS} for row in hxl_rows(view)]
    out = io.StringIO()
    write_rows([hashtags, *rows], [header for _, header, _ in COLUMNS], "csv", out)
    return out.getvalue()
