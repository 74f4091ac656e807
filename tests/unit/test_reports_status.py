"""`acsg_cli.reports.status`: one row per live match and unmatched open request, attention first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from acsg_cli.reports.status import ORDERING, build_status
from acsg_cli.reports.timetravel import snapshot
from tests.reports.registries import add_private_records

TODAY = date(2024, 1, 1)


def test_rows_and_their_order(shipped: Path) -> None:
    add_private_records(shipped)
    report = build_status(snapshot(shipped, "data", "2022-06-01", TODAY))
    assert [(r.id, r.group) for r in report.rows] == [
        ("REQ-2022-001", 1),  # urgent, no match
        ("REQ-2019-005", 2),  # eligible offer exists
        (
            "REQ-2019-007",
            3,
        ),  # the Philippines' offer is taken by MAT-2022-001; Canada's covers the Americas
        ("MAT-2022-001", 4),  # awaiting consent
        ("MAT-2020-001", 6),  # under way, longest in its stage first
        ("MAT-2021-001", 6),
        ("MAT-2021-002", 6),
    ]
    urgent = report.rows[0]
    assert urgent.stage == "open, no match" and urgent.since == "2022-02-01" and urgent.days == 120
    assert urgent.eligible_offer == "none" and urgent.parties == "Senegal" and urgent.title is None
    consent = report.rows[3]
    assert (consent.stage, consent.since, consent.days, consent.last_update) == (
        "consent_pending",
        "2022-04-05",
        57,
        "2022-05-01",
    )
    assert consent.parties == "Uganda / Philippines" and consent.eligible_offer is None
    assert (
        report.rows[1].eligible_offer == "OFF-2019-002"
    )  # Canada's offer covers Ecuador (the Americas)
    assert len(report.rows) == 7 and report.rows_in(report.ordering[3]) == 1
    assert [g.attention for g in report.ordering] == [label for label, _ in ORDERING]
    assert report.ordering[3].attention == "awaiting consent"
    counts = report.to_dict()["counts"]
    assert counts["rows"] == 7 and counts["awaiting consent"] == 1
    assert report.to_dict()["ordering"][3] == {
        "group": 4,
        "attention": "awaiting consent",
        "source": "FS 3",
    }


def test_secretariat_audience_adds_titles(shipped: Path) -> None:
    add_private_records(shipped)
    report = build_status(snapshot(shipped, "data", "2022-06-01", TODAY), audience="secretariat")
    assert report.columns[-1] == "title"
    assert report.rows[0].title.startswith("Secret plan")
    shared = build_status(snapshot(shipped, "data", "2022-06-01", TODAY))
    assert "title" not in shared.columns


def test_days_in_stage_come_from_the_history(shipped: Path) -> None:
    report = build_status(snapshot(shipped, "data", "2021-12-31", TODAY))
    row = next(r for r in report.rows if r.id == "MAT-2021-002")
    assert (row.stage, row.since, row.days) == ("welcomed", "2021-10-12", 80)
