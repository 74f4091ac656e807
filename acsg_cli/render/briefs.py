"""A party's brief on a match as a document people can send: sections, labels, sentences.

The brief (`lifecycle.brief.Brief`, what the party may see now) is laid out as a `Document`:
the match in sentences with the parties named, the consent of each party, the request, each
offer (their fields under labels, vocabulary values in words), the progress updates and what
is withheld. The tool's words follow `--lang`; record text stays as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from acsg_cli.i18n import N_, _, current, format_date, format_number, gettext, join_words
from acsg_cli.render.document import Bullets, Document, Fields, Section, Table
from acsg_cli.render.formats import DocumentRenderers
from acsg_cli.vocab import (
    Area,
    Channel,
    Decision,
    EntityType,
    MatchStatus,
    OfferStatus,
    OfferTerm,
    QualityDimension,
    ReceivedVia,
    RequestStatus,
    RequestTerm,
    SupportType,
    label_of,
)

LABELS = {
    "requesting_states": N_("Requesting States"),
    "lead_authority": N_("Lead authority"),
    "offering_entity": N_("Offering entity"),
    "submitted_on": N_("Submitted on"),
    "received_via": N_("Received through"),
    "grf_pledge_ids": N_("GRF pledges"),
    "status": N_("Status"),
    "areas": N_("Areas"),
    "quality_dimensions": N_("Qualities of the asylum system"),
    "support_types": N_("Kinds of support"),
    "languages": N_("Working languages"),
    "term": N_("Term"),
    "urgent": N_("Urgent"),
    "capacity_assessment_request": N_("Asks for a capacity assessment"),
    "needs_assessment": N_("Needs assessment"),
    "national_plan": N_("National plan"),
    "gap": N_("Gap"),
    "objectives": N_("Objectives"),
    "milestones": N_("Milestones"),
    "sustainability": N_("Sustainability"),
    "other_beneficiaries": N_("Other beneficiaries"),
    "coordination": N_("Coordination"),
    "monitoring": N_("Monitoring"),
    "confidential": N_("Confidential"),
    "geographic_scope": N_("Where the support can be used"),
    "channel": N_("Channel"),
    "capacity": N_("Capacity (matches at once)"),
    "available_until": N_("Available until"),
    "proactive": N_("Offered before any request"),
    "in_response_to": N_("In response to"),
    "expertise": N_("Expertise"),
}
"""The fields of a request or an offer, in words, in the order a brief shows them."""

_OTHER_FIELDS = {
    "title": N_("Title"),
    "contact": N_("Contact details"),
    "rationale": N_("Why they were matched"),
    "scope": N_("The support the parties agreed"),
}
"""Fields a brief names only when it withholds them."""

_VOCABS: dict[str, Any] = {
    "received_via": ReceivedVia,
    "areas": Area,
    "quality_dimensions": QualityDimension,
    "support_types": SupportType,
    "channel": Channel,
}


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def _states(codes: list[str]) -> str:
    from acsg_cli.geo import local_country_name as country_name

    return join_words([f"{country_name(c)} ({c})" for c in codes])


def _languages(codes: list[str]) -> str:
    from babel import Locale

    names = []
    for code in codes:
        try:
            names.append(str(Locale(current()).languages.get(code, code)))
        except (ValueError, TypeError):
            names.append(code)
    return ", ".join(names)


def _value(key: str, value: Any, kind: str) -> str:  # noqa: PLR0912  (one branch a field)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes(value)
    if key in _VOCABS:
        values = value if isinstance(value, list) else [value]
        return ", ".join(label_of(_VOCABS[key], v) for v in values)
    if key == "status":
        return label_of(RequestStatus if kind == "request" else OfferStatus, value)
    if key == "term":
        return label_of(RequestTerm if kind == "request" else OfferTerm, value)
    if key in {"submitted_on", "available_until"}:
        return format_date(value)
    if key == "requesting_states":
        return _states(value)
    if key == "languages":
        return _languages(value)
    if key == "offering_entity":
        parts = [value.get("name", ""), label_of(EntityType, value.get("type"))]
        if value.get("country"):
            parts.append(_states([value["country"]]))
        return " — ".join(p for p in parts if p)
    if key == "geographic_scope":
        from acsg_cli.browse import scope_words

        if value.get("global"):
            return scope_words("global")
        if value.get("regions"):
            return scope_words("regions: " + ", ".join(value["regions"]))
        return _states(value.get("countries") or [])
    if key == "needs_assessment":
        done = value.get("completed_on")
        text = _("completed on {date}").format(date=format_date(done)) if done else ""
        return "; ".join(t for t in (text, value.get("reference") or "") if t)
    if key == "national_plan":
        return " — ".join(t for t in (value.get("name"), value.get("commitment")) if t)
    if key == "milestones":
        return " / ".join(_milestone(m) for m in value)
    if key == "other_beneficiaries":
        return "; ".join(str(b.get("name", "")) for b in value)
    if key == "coordination":
        providers = [str(s.get("provider", "")) for s in value.get("existing_support", [])]
        text = _("existing support: {providers}").format(providers=", ".join(providers))
        extra = value.get("duplication_mitigation")
        return "; ".join(t for t in ((text if providers else ""), extra or "") if t)
    if key == "capacity":
        return format_number(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return " ".join(str(value).split())


def _milestone(m: dict[str, Any]) -> str:
    parts = [str(m.get("description", ""))]
    if m.get("target") is not None:
        parts.append(_("target: {target}").format(target=m["target"]))
    if m.get("due"):
        parts.append(_("due {date}").format(date=format_date(m["due"])))
    return ", ".join(parts)


def _fields(record: dict[str, Any], kind: str) -> Fields:
    items = [
        (gettext(label), _value(key, record[key], kind))
        for key, label in LABELS.items()
        if key in record and record[key] not in (None, [], {})
    ]
    return Fields([(label, text) for label, text in items if text])


def party_name(brief: Any, party: str) -> str:
    """A party by name: a State's country name, an offer's entity (with the code or id)."""
    for offer in brief.offers:
        if offer.get("id") == party:
            entity = offer.get("offering_entity", {}).get("name")
            return f"{entity} ({party})" if entity else party
    return _states([party])


def brief_document(brief: Any, today: str) -> Document:
    match, request = brief.match, brief.request
    party = party_name(brief, brief.party)
    requesters = _states(request.get("requesting_states", []))
    offerers = join_words([party_name(brief, o) for o in match["offers"]])
    status = label_of(MatchStatus, match["status"]).lower()
    lead = [
        _("{requesters} asked for support; {offerers} offered it.").format(
            requesters=requesters, offerers=offerers
        ),
    ]
    if match.get("proposed_on"):
        lead.append(
            _(
                "The ACSG Secretariat proposed this match on {date}; its stage now: {status}."
            ).format(date=format_date(match["proposed_on"]), status=status)
        )
    else:
        lead.append(_("The stage of this match now: {status}.").format(status=status))
    blocks: list[Any] = [" ".join(lead)]
    if match.get("rationale"):
        # Stored as one paragraph, or as the list of reasons `match create` writes.
        reasons = match["rationale"]
        text = "; ".join(reasons) if isinstance(reasons, list) else reasons
        blocks.append(_("Why they were matched: {text}").format(text=text))
    if match.get("scope"):
        blocks.append(_("The support the parties agreed: {text}").format(text=match["scope"]))
    sections = [
        Section("match", _("The match"), "FS 3", blocks),
        Section("consent", _("Consent of each party"), "FS 3", [_consent(brief)]),
        Section(
            "request",
            _("The request: {title}").format(title=request.get("title", request["id"])),
            request["id"],
            [_fields(request, "request")],
        ),
    ]
    for offer in brief.offers:
        sections.append(
            Section(
                f"offer-{offer['id']}",
                _("The offer: {title}").format(title=offer.get("title", offer["id"])),
                offer["id"],
                [_fields(offer, "offer")],
            )
        )
    if match.get("updates"):
        sections.append(Section("updates", _("Progress updates"), "FS 5", [_updates(match)]))
    sections.append(
        Section("withheld", _("What this brief does not show"), "FS 3", [_withheld(brief)])
    )
    day = format_date(today)
    return Document(
        _("Brief on match {match} for {party}").format(match=brief.match_id, party=party),
        [
            (_("For"), party),
            (_("Match"), brief.match_id),
            (_("Date"), day),
            (_("Personal contact data"), _("never included")),
        ],
        sections,
        kind=_("ACSG brief on {match}").format(match=brief.match_id),
        date=day,
        lang=current(),
    )


def _consent(brief: Any) -> Table:
    rows = []
    for c in brief.match.get("consent", []):
        decision = c["decision"]
        rows.append(
            [
                party_name(brief, c["party"]),
                _("requesting State") if c["role"] == "requesting State" else _("offering party"),
                _("pending") if decision == "pending" else label_of(Decision, decision),
                format_date(c.get("on")),
            ]
        )
    return Table([_("Party"), _("Role"), _("Decision"), _("On")], rows)


def _updates(match: dict[str, Any]) -> Bullets:
    items = []
    for update in match["updates"]:
        text = _("{date}: {summary}").format(
            date=format_date(update["on"]), summary=" ".join(str(update["summary"]).split())
        )
        met = update.get("milestones_met") or []
        if met:
            text += " " + _("Milestones met: {names}.").format(names="; ".join(met))
        if update.get("good_practice"):
            text += " " + _("A good practice to share.")
        items.append(text)
    return Bullets(items)


def _withheld(brief: Any) -> Bullets:
    items = []
    for item in brief.withheld:
        names = LABELS | _OTHER_FIELDS
        fields = ", ".join(gettext(names[f]) if f in names else f for f in item.fields)
        if current() == "en":
            why = item.reason.rstrip(".")  # the policy's own reason, with what consent awaits
        elif tuple(item.fields) == ("contact",):
            why = _("personal contact data is never part of a brief")
        else:
            why = _(
                "{record} is confidential: these details follow its owner's consent (FS 3)"
            ).format(record=item.record)
        items.append(
            _("{record}: {fields} — {why}.").format(record=item.record, fields=fields, why=why)
        )
    return Bullets(items, empty=N_("Nothing is withheld."))


def default_language(brief: Any) -> str:
    """The brief's language for its party: the first working language of the party's own
    record that the tool speaks (a State reads its request's, an offer its own); else English."""
    from acsg_cli.i18n import LANGUAGES

    record = next((o for o in brief.offers if o.get("id") == brief.party), brief.request)
    return next((code for code in record.get("languages", []) if code in LANGUAGES), "en")


@dataclass(frozen=True)
class DatedBrief:
    """A brief and the day it is written (the date the document shows)."""

    brief: Any
    today: str

    def document(self) -> Document:
        return brief_document(self.brief, self.today)


def _data(result: DatedBrief) -> object:
    return result.brief.to_dict()


brief = DocumentRenderers(DatedBrief.document, _data)
"""The brief's renderers: its document in Markdown, HTML and PDF, its data in JSON."""
