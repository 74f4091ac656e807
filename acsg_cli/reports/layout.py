"""How a report is laid out: the stocktaking and the status report as `render.document`s.

The layout is built from a result model (`Stocktaking`, `StatusReport`) and computes no
figure of its own: it chooses the words (in the current language, `acsg_cli.i18n`), the
labels of vocabulary codes and the order. The terminal, Markdown, HTML and PDF renderers draw
the same document, so they show the same figures; JSON renders the model itself.
"""

from __future__ import annotations

from typing import Any

from acsg_cli.browse import scope_words
from acsg_cli.i18n import _, current, format_date, format_number, ngettext
from acsg_cli.render.document import Block, Bullets, Chart, Document, Section, Table
from acsg_cli.reports.findings import changes_sentence
from acsg_cli.reports.model import Changes, Stocktaking
from acsg_cli.reports.status import StatusReport
from acsg_cli.vocab import (
    Area,
    EntityType,
    MatchStatus,
    OfferStatus,
    Region,
    RequestStatus,
    _Vocab,
    label_of,
)


def _n(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes(value)
    if isinstance(value, int):
        return format_number(value)
    return str(value)


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def _areas(codes: list[str]) -> str:
    return ", ".join(label_of(Area, a) for a in codes)


def _meta(model: Any, report: str) -> list[tuple[str, str]]:
    audience = (
        _("shared: figures and titles only, no confidential request details")
        if model.audience == "shared"
        else _("secretariat: includes confidential request details (FS 3)")
    )
    meta = [
        (_("Report"), report),
        (_("As of"), format_date(model.as_of)),
        (_("Registry"), model.basis.label),
        (_("Audience"), audience),
        (_("Personal contact data"), _("never included")),
    ]
    if model.registry_errors:
        meta.append(
            (
                _("Registry errors"),
                ngettext(
                    "{n} problem kept records out of this report; run `acsg validate`",
                    "{n} problems kept records out of this report; run `acsg validate`",
                    model.registry_errors,
                ).format(n=model.registry_errors),
            )
        )
    return meta


def _pairs(rows: list[tuple[str, Any]], head: tuple[str, str]) -> Table:
    return Table(list(head), [[k, _n(v)] for k, v in rows])


def _count(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n).format(n=format_number(n))


# --- stocktaking ------------------------------------------------------------------------------


def _section_title(key: str, fallback: str) -> str:
    titles = {
        "headline": _("Headline figures"),
        "entities": _("Pledging entities"),
        "supply_demand": _("Supply and demand"),
        "unmet_needs": _("Unmet needs"),
        "narrow_scope": _("Offers limited in geographic scope"),
        "matches": _("Matches welcomed and across regions"),
        "progress": _("Progress updates and good practices"),
        "changes": _("What changed"),
    }
    return titles.get(key, fallback)


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
    sections = [Section("summary", _("Summary"), "SR", [Bullets(list(model.findings))])]
    for spec in model.sections:
        blocks, new_page = build[spec.key](model)
        title = _section_title(spec.key, spec.title)
        sections.append(Section(spec.key, title, spec.source, blocks, new_page))
    day = format_date(model.as_of)
    return Document(
        _("ACSG stocktaking as of {date}").format(date=day),
        _meta(model, _("Stocktaking")),
        sections,
        kind=_("ACSG stocktaking"),
        date=day,
        lang=current(),
    )


def _headline(m: Stocktaking) -> tuple[list[Block], bool]:
    t = m.totals
    stages = [label_of(MatchStatus, s) for s in m.matches_by_stage]
    return [
        _pairs(
            [
                (_("Requests"), t.requests),
                (_("Offers"), t.offers),
                (_("Pledges (requests and offers)"), t.pledges),
                (_("Matches"), t.matches),
                (_("Live matches"), t.live_matches),
            ],
            (_("Figure"), _("Number")),
        ),
        Chart(
            "bars",
            _("Matches by stage"),
            stages,
            {_("Matches"): list(m.matches_by_stage.values())},
        ),
        Table(
            [_("Match stage"), _("Matches")],
            [[s, _n(v)] for s, v in zip(stages, m.matches_by_stage.values(), strict=True)],
            caption=_("Matches by stage (proposed to completed; declined and withdrawn ended)"),
        ),
        Table(
            [_("Request status"), _("Requests")],
            [[label_of(RequestStatus, s), _n(v)] for s, v in m.requests_by_status.items()],
            caption=_("Requests by status"),
        ),
        Table(
            [_("Offer status"), _("Offers")],
            [[label_of(OfferStatus, s), _n(v)] for s, v in m.offers_by_status.items()],
            caption=_("Offers by status"),
        ),
    ], False


def _entities(m: Stocktaking) -> tuple[list[Block], bool]:
    e = m.entities
    return [
        " ".join(
            [
                _count("{n} requesting State,", "{n} requesting States,", e.requesting_states),
                _count("{n} joint request,", "{n} joint requests,", e.joint_requests),
                _count("{n} offering entity.", "{n} offering entities.", e.offering_entities),
            ]
        ),
        Table(
            [_("Entity type"), _("Entities"), _("Pledges")],
            [[label_of(EntityType, f.type), _n(f.entities), _n(f.pledges)] for f in e.by_type],
            caption=_(
                "Pledging entities by type (a State that both requests and offers counts once)"
            ),
        ),
        Table(
            [_("Pledging"), _("Entities"), _("Pledges")],
            [
                [_("States"), _n(e.states.entities), _n(e.states.pledges)],
                [
                    _("Other stakeholders"),
                    _n(e.other_stakeholders.entities),
                    _n(e.other_stakeholders.pledges),
                ],
            ],
            caption=_("States and other stakeholders"),
        ),
    ], False


def _figures_columns(first: str) -> list[str]:
    return [first, _("Requested"), _("Offered"), _("Gap"), _("Open requests"), _("Available")]


def _supply_demand(m: Stocktaking) -> tuple[list[Block], bool]:
    sd = m.supply_demand
    areas = sd.by_area
    return [
        " ".join(
            [
                _count(
                    "Requested: {n} request (all but drafts and withdrawn ones).",
                    "Requested: {n} requests (all but drafts and withdrawn ones).",
                    sd.requested,
                ),
                _count(
                    "Offered: {n} offer (all but withdrawn ones).",
                    "Offered: {n} offers (all but withdrawn ones).",
                    sd.offered,
                ),
                _("Gap: {n}.").format(n=format_number(sd.gap)),
                _count("Open now: {n} request.", "Open now: {n} requests.", sd.open_requests),
                _count(
                    "Available now: {n} offer (open, with capacity left, not expired).",
                    "Available now: {n} offers (open, with capacity left, not expired).",
                    sd.available_offers,
                ),
            ]
        ),
        Chart(
            "grouped_bars",
            _("Supply and demand by area"),
            [label_of(Area, a.area) for a in areas],
            {
                _("requested"): [a.requested for a in areas],
                _("offered"): [a.offered for a in areas],
            },
        ),
        Table(
            _figures_columns(_("Area")),
            [
                [label_of(Area, a.area)]
                + [_n(v) for v in (a.requested, a.offered, a.gap)]
                + [_n(a.open_requests), _n(a.available_offers)]
                for a in areas
            ],
            caption=_(
                "By area, largest gap first (a request or offer counts in each of its areas)"
            ),
        ),
        Table(
            _figures_columns(_("Region")),
            [
                [label_of(Region, r.region)]
                + [_n(v) for v in (r.requested, r.offered, r.gap)]
                + [_n(r.open_requests), _n(r.available_offers)]
                for r in sd.by_region
            ],
            caption=_(
                "By UNHCR region (requests by the requesting States' region; offers by the "
                "regions their geographic scope covers)"
            ),
        ),
    ], True


def _unmet(m: Stocktaking) -> tuple[list[Block], bool]:
    u = m.unmet_needs
    if u.count:
        summary = " ".join(
            [
                _count(
                    "{n} open request has no live match;",
                    "{n} open requests have no live match;",
                    u.count,
                ),
                _count(
                    "{n} of them has no eligible offer;",
                    "{n} of them have no eligible offer;",
                    u.without_eligible_offer,
                ),
                _count("{n} is urgent.", "{n} are urgent.", u.urgent),
                _count(
                    "The longest has been open for {n} day.",
                    "The longest has been open for {n} days.",
                    u.longest_open_days,
                ),
            ]
        )
    else:
        summary = _("No open request is waiting without a match.")
    blocks: list[Block] = [
        summary,
        Table(
            [
                _("Request"),
                _("States"),
                _("Title"),
                _("Days open"),
                _("Areas"),
                _("Urgent"),
                _("Eligible offer"),
            ],
            [
                [
                    n.request,
                    ", ".join(n.states),
                    n.title,
                    _n(n.days_open),
                    _areas(n.areas),
                    _yes(n.urgent),
                    n.first_eligible_offer or _("none"),
                ]
                for n in u.requests
            ],
            caption=_("Open requests without a match, longest open first"),
        ),
        Table(
            [_("Area"), _("Unmet requests")],
            [[label_of(Area, a), _n(v)] for a, v in u.by_area.items()],
            caption=_("Unmet needs by area"),
        ),
        Table(
            [_("Region"), _("Unmet requests")],
            [[label_of(Region, g), _n(v)] for g, v in u.by_region.items()],
            caption=_("Unmet needs by region"),
        ),
    ]
    if m.audience == "secretariat":
        details = []
        for n in u.requests:
            parts = [_("gap: {text}").format(text=n.gap) if n.gap else _("gap: not stated")]
            if n.objectives:
                parts.append(_("objectives: {text}").format(text="; ".join(n.objectives)))
            details.append(f"{n.request}: " + " — ".join(parts))
        blocks.append(_("Confidential details (WM 15.ii; secretariat audience only):"))
        blocks.append(Bullets(details, empty=_("None.")))
    return blocks, True


def _narrow(m: Stocktaking) -> tuple[list[Block], bool]:
    n = m.narrow_scope
    return [
        ngettext(
            "{count} of {total} open or committed offer is limited to named countries or a "
            "single region; {world} has a global scope.",
            "{count} of {total} open or committed offers are limited to named countries or a "
            "single region; {world} have a global scope.",
            n.active_offers,
        ).format(
            count=format_number(n.count),
            total=format_number(n.active_offers),
            world=format_number(n.global_offers),
        ),
        Table(
            [
                _("Offer"),
                _("Entity"),
                _("Scope"),
                _("Areas"),
                _("Open requests in its areas"),
                _("Of which in scope"),
            ],
            [
                [
                    o.offer,
                    o.entity,
                    scope_words(o.scope),
                    _areas(o.areas),
                    _n(o.open_requests_in_its_areas),
                    _n(o.of_which_in_scope),
                ]
                for o in n.offers
            ],
            caption=_("Offers limited in geographic scope"),
        ),
    ], False


def _matches(m: Stocktaking) -> tuple[list[Block], bool]:
    x = m.matches
    return [
        " ".join(
            [
                _count("{n} match welcomed;", "{n} matches welcomed;", x.welcomed),
                _count(
                    "{n} crosses regions (an offering State from another region than the "
                    "requesting State),",
                    "{n} cross regions (an offering State from another region than the "
                    "requesting State),",
                    x.cross_regional,
                ),
                _count(
                    "{n} of them welcomed;",
                    "{n} of them welcomed;",
                    x.welcomed_cross_regional,
                ),
                _count(
                    "{n} match declined or withdrawn.",
                    "{n} matches declined or withdrawn.",
                    x.ended,
                ),
            ]
        ),
        Table(
            [_("Match"), _("Parties"), _("Stage"), _("Welcomed on"), _("Cross-regional")],
            [
                [
                    line.match,
                    line.parties,
                    label_of(MatchStatus, line.stage),
                    line.welcomed_on
                    or (_("yes, date not recorded") if line.welcomed else _("not yet")),
                    _yes(line.cross_regional),
                ]
                for line in x.matches
            ],
            caption=_("Matches not declined or withdrawn"),
        ),
    ], False


def _progress(m: Stocktaking) -> tuple[list[Block], bool]:
    p = m.progress
    waiting = p.in_implementation_without_update
    summary = " ".join(
        [
            ngettext(
                "{n} progress update from {matches},",
                "{n} progress updates from {matches},",
                p.updates,
            ).format(
                n=format_number(p.updates),
                matches=_count("{n} match", "{n} matches", p.matches_with_updates),
            ),
            _count("{n} milestone met,", "{n} milestones met,", p.milestones_met),
            _count("{n} good practice to share.", "{n} good practices to share.", p.good_practices),
            _count(
                "{n} match in implementation has no update",
                "{n} matches in implementation have no update",
                len(waiting),
            )
            + (f" ({', '.join(waiting)})." if waiting else "."),
        ]
    )
    return [
        summary,
        Table(
            [_("Match"), _("Parties"), _("On"), _("Summary")],
            [[g.match, g.parties, g.on, g.summary] for g in p.good_practice_items],
            caption=_("Good practices"),
        ),
        Table(
            [
                _("Match"),
                _("Parties"),
                _("On"),
                _("Milestones met"),
                _("Good practice"),
                _("Summary"),
            ],
            [
                [u.match, u.parties, u.on, _n(u.milestones_met), _yes(u.good_practice), u.summary]
                for u in p.latest
            ],
            caption=_("Latest update of each match"),
        ),
    ], False


def _kind(kind: str) -> str:
    return {"request": _("request"), "offer": _("offer"), "match": _("match")}.get(kind, kind)


def _status(kind: str, code: str | None) -> str:
    vocab: dict[str, type[_Vocab]] = {"request": RequestStatus, "offer": OfferStatus}
    return label_of(vocab.get(kind, MatchStatus), code)


def _changes(m: Stocktaking) -> tuple[list[Block], bool]:
    c: Changes | None = m.changes
    if c is None:
        return [], False

    def records(items: list[Any], what: str, caption: str) -> Table:
        return Table(
            [_("Id"), what, _("Status")],
            [[r.id, r.label, _status(r.kind, r.status)] for r in items],
            caption=caption,
            empty=_("None."),
        )

    return [
        changes_sentence(c),
        records(c.new_requests, _("Title"), _("New requests")),
        records(c.new_offers, _("Title"), _("New offers")),
        records(c.new_matches, _("Parties"), _("New matches")),
        Table(
            [_("Id"), _("Kind"), _("From"), _("To"), _("On")],
            [
                [
                    s.id,
                    _kind(s.kind),
                    _status(s.kind, s.from_status) or _("(new)"),
                    _status(s.kind, s.to_status),
                    s.on or _("date not recorded"),
                ]
                for s in c.status_moves
            ],
            caption=_("Status moves"),
        ),
    ], True


# --- status -----------------------------------------------------------------------------------


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
            "areas": _areas(row.areas),
            "stage": _(row.stage) if row.kind == "request" else label_of(MatchStatus, row.stage),
            "since": row.since or "",
            "days": _n(row.days),
            "last_update": row.last_update or "",
            "eligible_offer": (
                _("none") if row.eligible_offer == "none" else (row.eligible_offer or "")
            ),
            "title": row.title or "",
        }
        rows.append([cells[c] for c in report.columns])
    return rows


def status_document(report: StatusReport) -> Document:
    counts = report.counts
    order = "; ".join(f"{o['group']}. {_(o['attention'])} ({o['source']})" for o in report.ordering)
    blocks: list[Block] = [
        " ".join(
            [
                ngettext(
                    "{n} live match and {requests} without a match.",
                    "{n} live matches and {requests} without a match.",
                    counts["live_matches"],
                ).format(
                    n=format_number(counts["live_matches"]),
                    requests=_count(
                        "{n} open request", "{n} open requests", counts["unmatched_requests"]
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
        _pairs(
            [(_(o["attention"]), counts[o["attention"]]) for o in report.ordering],
            (_("Attention"), _("Rows")),
        ),
    ]
    title = _("Status of matches and open requests")
    section = Section("status", title, "FS 3; FS 5", blocks)
    day = format_date(report.as_of)
    return Document(
        _("ACSG status report as of {date}").format(date=day),
        _meta(report, _("Status")),
        [section],
        kind=_("ACSG status report"),
        date=day,
        lang=current(),
    )
