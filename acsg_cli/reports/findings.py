"""The factual observations a stocktaking opens with (SR), in words, from the figures alone.

They are written in the language of the run (`acsg_cli.i18n`), so the JSON `findings` and
the printed summary say the same thing in the reader's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from acsg_cli.i18n import _, format_date, format_number, join_words, ngettext
from acsg_cli.reports.wording import count_text
from acsg_cli.vocab import Area, label_of

if TYPE_CHECKING:
    from acsg_cli.reports.model import Stocktaking
    from acsg_cli.reports.sections import Changes


def findings(model: Stocktaking) -> list[str]:
    t, sd = model.totals, model.supply_demand
    figures = {"requests": format_number(sd.requested), "offers": format_number(sd.offered)}
    out = []
    if sd.requested > sd.offered:
        out.append(
            _(
                "There are more requests for support ({requests}) than offers of support "
                "({offers})."
            ).format(**figures)
        )
    elif sd.requested < sd.offered:
        out.append(
            _(
                "There are fewer requests for support ({requests}) than offers of support "
                "({offers})."
            ).format(**figures)
        )
    else:
        out.append(
            _("Requests and offers of support are level ({requests} each).").format(**figures)
        )
    unmet = model.unmet_needs
    if unmet.count:
        out.append(
            count_text(
                "{n} open request has no match (unmet needs);",
                "{n} open requests have no match (unmet needs);",
                unmet.count,
            )
            + " "
            + count_text(
                "{n} of them has no eligible offer.",
                "{n} of them have no eligible offer.",
                unmet.without_eligible_offer,
            )
        )
    else:
        out.append(_("No open request is waiting without a match."))
    narrow = model.narrow_scope
    if narrow.count:
        out.append(
            ngettext(
                "{count} of {total} offer is limited in geographic scope (named countries or "
                "regions).",
                "{count} of {total} offers are limited in geographic scope (named countries or "
                "regions).",
                narrow.offered,
            ).format(count=format_number(narrow.count), total=format_number(narrow.offered))
        )
    m = model.matches
    out.append(
        count_text("{n} match has been welcomed;", "{n} matches have been welcomed;", m.welcomed)
        + " "
        + count_text("{n} crosses regions.", "{n} cross regions.", m.cross_regional)
    )
    short = [a for a in sd.by_area if a.gap > 0]
    if short:
        areas = [
            _("{area} ({requested} requested, {offered} offered)").format(
                area=label_of(Area, a.area),
                requested=format_number(a.requested),
                offered=format_number(a.offered),
            )
            for a in short[:5]
        ]
        out.append(
            _("Areas where requests outnumber offers: {areas}.").format(areas="; ".join(areas))
        )
    p = model.progress
    out.append(
        ngettext(
            "{n} progress update from {matches}, {practices}.",
            "{n} progress updates from {matches}, {practices}.",
            p.updates,
        ).format(
            n=format_number(p.updates),
            matches=count_text("{n} match", "{n} matches", p.matches_with_updates),
            practices=count_text("{n} good practice", "{n} good practices", p.good_practices),
        )
    )
    if model.changes is not None:
        out.append(changes_sentence(model.changes))
    if t.pledges == 0:
        out.append(_("The registry holds no pledges at this point."))
    return out


def changes_sentence(c: Changes) -> str:
    """`Since 31 December 2020: no new request, 1 new offer, 3 new matches and 19 status moves.`"""
    k = c.counts
    parts = [
        count_text("{n} new request", "{n} new requests", k.new_requests),
        count_text("{n} new offer", "{n} new offers", k.new_offers),
        count_text("{n} new match", "{n} new matches", k.new_matches),
        count_text("{n} status move", "{n} status moves", k.status_moves),
    ]
    sentence = _("Since {date}: {changes}.").format(
        date=format_date(c.since.as_of), changes=join_words(parts)
    )
    if c.since.kind == "git":
        sentence += " " + _("The earlier registry is the one committed at {revision}.").format(
            revision=c.since.revision or c.since.commit
        )
    return sentence


__all__ = ["changes_sentence", "findings"]
