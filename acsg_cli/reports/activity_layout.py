"""The stocktaking's activity sections laid out: matches, progress updates and what changed."""

from __future__ import annotations

from typing import Any

from acsg_cli.i18n import _, format_number, ngettext
from acsg_cli.render.document import Block, Table
from acsg_cli.reports.findings import changes_sentence
from acsg_cli.reports.model import Changes, Stocktaking
from acsg_cli.reports.wording import cell, count_text, yes_no
from acsg_cli.vocab import (
    MatchStatus,
    OfferStatus,
    RequestStatus,
    _Vocab,
    label_of,
)


def matches_section(m: Stocktaking) -> tuple[list[Block], bool]:
    x = m.matches
    return [
        " ".join(
            [
                count_text("{n} match welcomed;", "{n} matches welcomed;", x.welcomed),
                count_text(
                    "{n} crosses regions (an offering State from another region than the "
                    "requesting State),",
                    "{n} cross regions (an offering State from another region than the "
                    "requesting State),",
                    x.cross_regional,
                ),
                count_text(
                    "{n} of them welcomed;",
                    "{n} of them welcomed;",
                    x.welcomed_cross_regional,
                ),
                count_text(
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
                    yes_no(line.cross_regional),
                ]
                for line in x.matches
            ],
            caption=_("Matches not declined or withdrawn"),
        ),
    ], False


def progress_section(m: Stocktaking) -> tuple[list[Block], bool]:
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
                matches=count_text("{n} match", "{n} matches", p.matches_with_updates),
            ),
            count_text("{n} milestone met,", "{n} milestones met,", p.milestones_met),
            count_text(
                "{n} good practice to share.", "{n} good practices to share.", p.good_practices
            ),
            count_text(
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
                [
                    u.match,
                    u.parties,
                    u.on,
                    cell(u.milestones_met),
                    yes_no(u.good_practice),
                    u.summary,
                ]
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


def changes_section(m: Stocktaking) -> tuple[list[Block], bool]:
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
