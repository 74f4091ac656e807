"""How the stocktaking is laid out as a `render.document` (the status report: `status_layout`).

The layout is built from a result model (`Stocktaking`, `StatusReport`) and computes no
figure of its own: it chooses the words (in the current language, `acsg_cli.i18n`), the
labels of vocabulary codes and the order. The terminal, Markdown, HTML and PDF renderers draw
the same document, so they show the same figures; JSON renders the model itself.
"""

from __future__ import annotations

from acsg_cli.browse import scope_words
from acsg_cli.i18n import _, current, format_date, format_number, ngettext
from acsg_cli.render.document import Block, Bullets, Chart, Document, Section, Table
from acsg_cli.reports.activity_layout import changes_section, matches_section, progress_section
from acsg_cli.reports.model import Stocktaking, SupplyDemand
from acsg_cli.reports.wording import (
    area_labels,
    cell,
    count_text,
    counts_table,
    pairs_table,
    report_meta,
    yes_no,
)
from acsg_cli.vocab import (
    Area,
    EntityType,
    MatchStatus,
    OfferStatus,
    Region,
    RequestStatus,
    label_of,
)

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
        "matches": matches_section,
        "progress": progress_section,
        "changes": changes_section,
    }
    sections = [Section("summary", _("Summary"), "SR", [Bullets(list(model.findings))])]
    for spec in model.sections:
        blocks, new_page = build[spec.key](model)
        title = _section_title(spec.key, spec.title)
        sections.append(Section(spec.key, title, spec.source, blocks, new_page))
    day = format_date(model.as_of)
    return Document(
        _("ACSG stocktaking as of {date}").format(date=day),
        report_meta(model, _("Stocktaking")),
        sections,
        kind=_("ACSG stocktaking"),
        date=day,
        lang=current(),
    )


def _headline(m: Stocktaking) -> tuple[list[Block], bool]:
    t = m.totals
    stages = [label_of(MatchStatus, s) for s in m.matches_by_stage]
    return [
        pairs_table(
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
            [[s, cell(v)] for s, v in zip(stages, m.matches_by_stage.values(), strict=True)],
            caption=_("Matches by stage (proposed to completed; declined and withdrawn ended)"),
        ),
        counts_table(
            RequestStatus,
            m.requests_by_status,
            (_("Request status"), _("Requests")),
            _("Requests by status"),
        ),
        counts_table(
            OfferStatus, m.offers_by_status, (_("Offer status"), _("Offers")), _("Offers by status")
        ),
    ], False


def _entities(m: Stocktaking) -> tuple[list[Block], bool]:
    e = m.entities
    return [
        " ".join(
            [
                count_text("{n} requesting State,", "{n} requesting States,", e.requesting_states),
                count_text("{n} joint request,", "{n} joint requests,", e.joint_requests),
                count_text("{n} offering entity.", "{n} offering entities.", e.offering_entities),
            ]
        ),
        Table(
            [_("Entity type"), _("Entities"), _("Pledges")],
            [[label_of(EntityType, f.type), cell(f.entities), cell(f.pledges)] for f in e.by_type],
            caption=_(
                "Pledging entities by type (a State that both requests and offers counts once)"
            ),
        ),
        Table(
            [_("Pledging"), _("Entities"), _("Pledges")],
            [
                [_("States"), cell(e.states.entities), cell(e.states.pledges)],
                [
                    _("Other stakeholders"),
                    cell(e.other_stakeholders.entities),
                    cell(e.other_stakeholders.pledges),
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
                count_text(
                    "Requested: {n} request (all but drafts and withdrawn ones).",
                    "Requested: {n} requests (all but drafts and withdrawn ones).",
                    sd.requested,
                ),
                count_text(
                    "Offered: {n} offer (all but withdrawn ones).",
                    "Offered: {n} offers (all but withdrawn ones).",
                    sd.offered,
                ),
                _("Gap: {n}.").format(n=format_number(sd.gap)),
                count_text("Open now: {n} request.", "Open now: {n} requests.", sd.open_requests),
                count_text(
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
                + [cell(v) for v in (a.requested, a.offered, a.gap)]
                + [cell(a.open_requests), cell(a.available_offers)]
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
                + [cell(v) for v in (r.requested, r.offered, r.gap)]
                + [cell(r.open_requests), cell(r.available_offers)]
                for r in sd.by_region
            ]
            + [_global_row(sd)],
            caption=_(
                "By UNHCR region (requests by the requesting States' region; offers limited in "
                "scope by the regions they cover; offers with a global scope in a row of their "
                "own, not in each region)"
            ),
        ),
    ], True


def _global_row(sd: SupplyDemand) -> list[str]:
    """Offers with a global scope, apart from the regions: they have no requests of their own."""
    offered, available = sd.global_offers.offered, sd.global_offers.available_offers
    return [_("Any region (global scope)"), "", cell(offered), "", "", cell(available)]


def _unmet(m: Stocktaking) -> tuple[list[Block], bool]:
    u = m.unmet_needs
    if u.count:
        summary = " ".join(
            [
                count_text(
                    "{n} open request has no live match;",
                    "{n} open requests have no live match;",
                    u.count,
                ),
                count_text(
                    "{n} of them has no eligible offer;",
                    "{n} of them have no eligible offer;",
                    u.without_eligible_offer,
                ),
                count_text("{n} is urgent.", "{n} are urgent.", u.urgent),
                count_text(
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
                    cell(n.days_open),
                    area_labels(n.areas),
                    yes_no(n.urgent),
                    n.first_eligible_offer or _("none"),
                ]
                for n in u.requests
            ],
            caption=_("Open requests without a match, longest open first"),
        ),
        counts_table(Area, u.by_area, (_("Area"), _("Unmet requests")), _("Unmet needs by area")),
        counts_table(
            Region, u.by_region, (_("Region"), _("Unmet requests")), _("Unmet needs by region")
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
            "{count} of {total} offer (all but withdrawn ones) is limited to named countries "
            "or regions; {world} has a global scope.",
            "{count} of {total} offers (all but withdrawn ones) are limited to named countries "
            "or regions; {world} have a global scope.",
            n.offered,
        ).format(
            count=format_number(n.count),
            total=format_number(n.offered),
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
                    area_labels(o.areas),
                    cell(o.open_requests_in_its_areas),
                    cell(o.of_which_in_scope),
                ]
                for o in n.offers
            ],
            caption=_("Offers limited in geographic scope"),
        ),
    ], False
