"""How a report is laid out: titled sections of paragraphs, tables, lists and charts.

The layout is built from a result model (`Stocktaking`, `StatusReport`) and computes no
figure of its own: it only chooses labels and order. The Markdown, text-table and HTML
renderers draw the same layout, so they show the same figures; JSON renders the model itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from acsg_cli.reporters.tables import cell
from acsg_cli.reports.facts import area_label
from acsg_cli.reports.model import Changes, Stocktaking
from acsg_cli.reports.status import StatusReport
from acsg_cli.vocab import REGION_NAMES, Region


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    caption: str = ""
    empty: str = "None."


@dataclass(frozen=True)
class Chart:
    """A chart drawn by the HTML renderer; the same figures are in a table next to it."""

    kind: str
    """`grouped_bars` (labels x series) or `bars` (labels x one series)."""
    title: str
    labels: list[str]
    series: dict[str, list[int]]


@dataclass(frozen=True)
class Bullets:
    items: list[str]


Block = str | Table | Chart | Bullets
"""A paragraph (plain text), a table, a chart or a bulleted list."""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    source: str
    blocks: list[Block] = field(default_factory=list)
    new_page: bool = False
    """Start on a new page when printed (long sections)."""


@dataclass(frozen=True)
class Document:
    title: str
    meta: list[tuple[str, str]]
    sections: list[Section]


def label(code: str | None) -> str:
    return "" if code is None else code.replace("_", " ")


def _n(value: Any) -> str:
    return cell(value)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _meta(model: Any, report: str) -> list[tuple[str, str]]:
    audience = (
        "shared: figures and titles only, no confidential request details"
        if model.audience == "shared"
        else "secretariat: includes confidential request details (FS 3)"
    )
    meta = [
        ("Report", report),
        ("As of", model.as_of),
        ("Registry", model.basis["label"]),
        ("Audience", audience),
        ("Personal contact data", "never included"),
    ]
    if model.registry_errors:
        meta.append(
            (
                "Registry errors",
                f"{model.registry_errors} problem(s) kept records out of this report; "
                f"run `acsg validate`",
            )
        )
    return meta


def _pairs(rows: list[tuple[str, Any]], head: tuple[str, str] = ("figure", "number")) -> Table:
    return Table(list(head), [[k, _n(v)] for k, v in rows])


# --- stocktaking ------------------------------------------------------------------------------


def stocktaking_document(model: Stocktaking) -> Document:
    build = {
        "headline": _headline,
        "entities": _entities,
        "supply_demand": _supply_demand,
        "unmet_needs": _unmet,
        "narrow_scope": _narrow,
        "matches": _matches,
        "progress": _progress,
        "changes": _changes,
    }
    sections = [Section("summary", "Summary", "SR", [Bullets(list(model.findings))])]
    for spec in model.sections:
        blocks, new_page = build[spec["key"]](model)
        sections.append(Section(spec["key"], spec["title"], spec["source"], blocks, new_page))
    return Document(f"ACSG stocktaking as of {model.as_of}", _meta(model, "stocktaking"), sections)


def _headline(m: Stocktaking) -> tuple[list[Block], bool]:
    t = m.totals
    return [
        _pairs(
            [
                ("requests", t["requests"]),
                ("offers", t["offers"]),
                ("pledges (requests and offers)", t["pledges"]),
                ("matches", t["matches"]),
                ("live matches", t["live_matches"]),
            ]
        ),
        Chart(
            "bars",
            "Matches by stage",
            [label(s) for s in m.matches_by_stage],
            {"matches": list(m.matches_by_stage.values())},
        ),
        Table(
            ["match stage", "matches"],
            [[label(s), _n(v)] for s, v in m.matches_by_stage.items()],
            caption="Matches by stage (proposed to completed; declined and withdrawn ended)",
        ),
        Table(
            ["request status", "requests"],
            [[label(s), _n(v)] for s, v in m.requests_by_status.items()],
            caption="Requests by status",
        ),
        Table(
            ["offer status", "offers"],
            [[label(s), _n(v)] for s, v in m.offers_by_status.items()],
            caption="Offers by status",
        ),
    ], False


def _entities(m: Stocktaking) -> tuple[list[Block], bool]:
    e = m.entities
    return [
        f"Requesting States: {e['requesting_states']}; joint requests: {e['joint_requests']}; "
        f"offering entities: {e['offering_entities']}.",
        Table(
            ["entity type", "entities", "pledges"],
            [[label(f.type), _n(f.entities), _n(f.pledges)] for f in e["by_type"]],
            caption="Pledging entities by type (a State that both requests and offers counts once)",
        ),
        Table(
            ["pledging", "entities", "pledges"],
            [
                ["States", _n(e["states"]["entities"]), _n(e["states"]["pledges"])],
                [
                    "other stakeholders",
                    _n(e["other_stakeholders"]["entities"]),
                    _n(e["other_stakeholders"]["pledges"]),
                ],
            ],
            caption="States and other stakeholders",
        ),
    ], False


def _supply_demand(m: Stocktaking) -> tuple[list[Block], bool]:
    sd = m.supply_demand
    areas = sd["by_area"]
    return [
        f"Requested: {sd['requested']} request(s) (all but drafts and withdrawn ones); offered: "
        f"{sd['offered']} "
        f"offer(s) (all but withdrawn ones); gap: {sd['gap']}. Open now: {sd['open_requests']} "
        "request(s); "
        f"available now: {sd['available_offers']} offer(s) (open, with capacity left, not "
        "expired).",
        Chart(
            "grouped_bars",
            "Supply and demand by area",
            [area_label(a.area) for a in areas],
            {"requested": [a.requested for a in areas], "offered": [a.offered for a in areas]},
        ),
        Table(
            ["area", "requested", "offered", "gap", "open requests", "available offers"],
            [
                [
                    area_label(a.area),
                    _n(a.requested),
                    _n(a.offered),
                    _n(a.gap),
                    _n(a.open_requests),
                    _n(a.available_offers),
                ]
                for a in areas
            ],
            caption="By area, largest gap first (a request or offer counts in each of its areas)",
        ),
        Table(
            ["region", "requested", "offered", "gap", "open requests", "available offers"],
            [
                [
                    r.name,
                    _n(r.requested),
                    _n(r.offered),
                    _n(r.gap),
                    _n(r.open_requests),
                    _n(r.available_offers),
                ]
                for r in sd["by_region"]
            ],
            caption="By UNHCR region (requests by the requesting States' region; offers by the "
            "regions their geographic scope covers)",
        ),
    ], True


def _region(code: str) -> str:
    name = REGION_NAMES[Region(code)]
    return name[0].upper() + name[1:]


def _unmet(m: Stocktaking) -> tuple[list[Block], bool]:
    u = m.unmet_needs
    blocks: list[Block] = [
        f"{u['count']} open request(s) have no live match; {u['without_eligible_offer']} of them "
        "have no eligible "
        f"offer, {u['urgent']} are urgent; the longest has been open {u['longest_open_days']} "
        "day(s).",
        Table(
            ["request", "States", "title", "days open", "areas", "urgent", "eligible offer"],
            [
                [
                    n.request,
                    ", ".join(n.states),
                    n.title,
                    _n(n.days_open),
                    ", ".join(area_label(a) for a in n.areas),
                    _yes(n.urgent),
                    f"yes ({n.first_eligible_offer})" if n.first_eligible_offer else "no",
                ]
                for n in u["requests"]
            ],
            caption="Open requests without a match, longest open first",
        ),
        Table(
            ["area", "unmet requests"],
            [[area_label(a), _n(v)] for a, v in u["by_area"].items()],
            caption="Unmet needs by area",
        ),
        Table(
            ["region", "unmet requests"],
            [[_region(g), _n(v)] for g, v in u["by_region"].items()],
            caption="Unmet needs by region",
        ),
    ]
    if m.audience == "secretariat":
        details = []
        for n in u["requests"]:
            parts = [f"gap: {n.gap}" if n.gap else "gap: not stated"]
            if n.objectives:
                parts.append("objectives: " + "; ".join(n.objectives))
            details.append(f"{n.request}: " + " — ".join(parts))
        blocks.append("Confidential details (WM 15.ii; secretariat audience only):")
        blocks.append(Bullets(details))
    return blocks, True


def _narrow(m: Stocktaking) -> tuple[list[Block], bool]:
    n = m.narrow_scope
    return [
        f"{n['count']} of {n['active_offers']} open or committed offer(s) are limited to named "
        "countries or a single "
        f"region; {n['global_offers']} have a global scope.",
        Table(
            [
                "offer",
                "entity",
                "scope",
                "areas",
                "open requests in its areas",
                "of which in scope",
            ],
            [
                [
                    o.offer,
                    o.entity,
                    o.scope,
                    ", ".join(area_label(a) for a in o.areas),
                    _n(o.open_requests_in_its_areas),
                    _n(o.of_which_in_scope),
                ]
                for o in n["offers"]
            ],
            caption="Offers limited in geographic scope",
        ),
    ], False


def _matches(m: Stocktaking) -> tuple[list[Block], bool]:
    x = m.matches
    return [
        f"{x['welcomed']} match(es) welcomed; {x['cross_regional']} cross regions (an offering "
        "State from another "
        f"region than the requesting State), {x['welcomed_cross_regional']} of them welcomed; "
        f"{x['ended']} match(es) declined or withdrawn.",
        Table(
            ["match", "parties", "stage", "welcomed on", "cross-regional"],
            [
                [
                    line.match,
                    line.parties,
                    label(line.stage),
                    line.welcomed_on or ("yes, date not recorded" if line.welcomed else "not yet"),
                    _yes(line.cross_regional),
                ]
                for line in x["matches"]
            ],
            caption="Matches not declined or withdrawn",
        ),
    ], False


def _progress(m: Stocktaking) -> tuple[list[Block], bool]:
    p = m.progress
    waiting = p["in_implementation_without_update"]
    return [
        f"{p['updates']} progress update(s) from {p['matches_with_updates']} match(es), "
        f"{p['milestones_met']} "
        f"milestone(s) met, {p['good_practices']} good practice(s) to share. Matches in "
        "implementation without "
        f"an update: {len(waiting)}" + (f" ({', '.join(waiting)})." if waiting else "."),
        Table(
            ["match", "parties", "on", "summary"],
            [[g.match, g.parties, g.on, g.summary] for g in p["good_practice_items"]],
            caption="Good practices",
        ),
        Table(
            ["match", "parties", "on", "milestones met", "good practice", "summary"],
            [
                [u.match, u.parties, u.on, _n(u.milestones_met), _yes(u.good_practice), u.summary]
                for u in p["latest"]
            ],
            caption="Latest update of each match",
        ),
    ], False


def _changes(m: Stocktaking) -> tuple[list[Block], bool]:
    c: Changes | None = m.changes
    if c is None:
        return [], False

    def records(items: list[Any], what: str) -> Table:
        return Table(["id", what, "status"], [[r.id, r.label, label(r.status)] for r in items])

    k = c.counts
    return [
        f"Since {c.since['as_of']} ({c.since['label']}): {k['new_requests']} new request(s), "
        f"{k['new_offers']} new "
        f"offer(s), {k['new_matches']} new match(es), {k['status_moves']} status move(s).",
        _captioned(records(c.new_requests, "title"), "New requests"),
        _captioned(records(c.new_offers, "title"), "New offers"),
        _captioned(records(c.new_matches, "parties"), "New matches"),
        Table(
            ["id", "kind", "from", "to", "on"],
            [
                [
                    s.id,
                    s.kind,
                    label(s.from_status) or "(new)",
                    label(s.to_status),
                    s.on or "date not recorded",
                ]
                for s in c.status_moves
            ],
            caption="Status moves",
        ),
    ], True


def _captioned(table: Table, caption: str) -> Table:
    return Table(table.columns, table.rows, caption=caption, empty=table.empty)


# --- status -----------------------------------------------------------------------------------


def status_document(report: StatusReport) -> Document:
    columns = report.columns
    order = "; ".join(f"{o['group']}. {o['attention']} ({o['source']})" for o in report.ordering)
    counts = report.counts
    blocks: list[Block] = [
        f"{counts['live_matches']} live match(es) and {counts['unmatched_requests']} open "
        "request(s) without a match. "
        f"Rows needing attention come first: {order}; within a group, the longest wait in the "
        "current stage first.",
        _pairs(
            [(o["attention"], counts[o["attention"]]) for o in report.ordering],
            ("attention", "rows"),
        ),
        Table(
            [label(c) for c in columns],
            [[_n(row.cells()[c]) for c in columns] for row in report.rows],
            caption="Live matches and unmatched open requests",
        ),
    ]
    section = Section("status", "Status of matches and open requests", "FS 3; FS 5", blocks)
    return Document(f"ACSG status report as of {report.as_of}", _meta(report, "status"), [section])
