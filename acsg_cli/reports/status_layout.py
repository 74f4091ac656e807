"""How the status report is laid out as a `render.document` (FS 3, FS 5)."""

from __future__ import annotations

from acsg_cli.i18n import _, current, format_date, format_number, ngettext
from acsg_cli.render.document import Block, Document, Section, Table
from acsg_cli.reports.status import StatusReport
from acsg_cli.reports.wording import area_labels, cell, count_text, pairs_table, report_meta
from acsg_cli.vocab import (
    MatchStatus,
    label_of,
)


def status_columns(report: StatusReport) -> list[str]:
    names = {
        "attention": _("Attention"),
        "id": _("Match or request"),
        "parties": _("Parties"),
        "areas": _("Areas"),
        "stage": _("Stage"),
        "since": _("Since"),
        "days": _("Days"),
        "last_update": _("Last update"),
        "eligible_offer": _("Eligible offer"),
        "title": _("Title"),
    }
    return [names[c] for c in report.columns]


def status_cells(report: StatusReport) -> list[list[str]]:
    """The status rows as the table shows them: labels, not codes."""
    rows = []
    for row in report.rows:
        cells = {
            "attention": _(row.attention),
            "id": row.id,
            "parties": row.parties,
            "areas": area_labels(row.areas),
            "stage": _(row.stage) if row.kind == "request" else label_of(MatchStatus, row.stage),
            "since": row.since or "",
            "days": cell(row.days),
            "last_update": row.last_update or "",
            "eligible_offer": (
                _("none") if row.eligible_offer == "none" else (row.eligible_offer or "")
            ),
            "title": row.title or "",
        }
        rows.append([cells[c] for c in report.columns])
    return rows


def status_document(report: StatusReport) -> Document:
    order = "; ".join(f"{g.group}. {_(g.attention)} ({g.source})" for g in report.ordering)
    blocks: list[Block] = [
        " ".join(
            [
                ngettext(
                    "{n} live match and {requests} without a match.",
                    "{n} live matches and {requests} without a match.",
                    report.live_matches,
                ).format(
                    n=format_number(report.live_matches),
                    requests=count_text(
                        "{n} open request", "{n} open requests", report.unmatched_requests
                    ),
                ),
                _(
                    "Rows needing attention come first: {order}; within a group, the longest "
                    "wait in the current stage first."
                ).format(order=order),
            ]
        ),
        Table(
            status_columns(report),
            status_cells(report),
            caption=_("Live matches and unmatched open requests"),
        ),
        pairs_table(
            [(_(g.attention), report.rows_in(g)) for g in report.ordering],
            (_("Attention"), _("Rows")),
        ),
    ]
    title = _("Status of matches and open requests")
    section = Section("status", title, "FS 3; FS 5", blocks)
    day = format_date(report.as_of)
    return Document(
        _("ACSG status report as of {date}").format(date=day),
        report_meta(report, _("Status")),
        [section],
        kind=_("ACSG status report"),
        date=day,
        lang=current(),
    )
