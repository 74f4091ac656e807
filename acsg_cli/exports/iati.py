"""IATI Activity Standard 2.03: one activity per match the parties agreed to.

Matches still proposed or waiting for consent are not published (FS 3), nor declined ones;
a match withdrawn after agreement is published as cancelled (`exports.tracks`). Text comes
from the shared view (`exports.shared`), so a confidential request contributes only its
States, areas and dates.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from acsg_cli import geo
from acsg_cli.exports.shared import SharedView
from acsg_cli.exports.tracks import published_matches

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ACTIVITY_STATUS = {
    "agreed": "1",  # Pipeline/identification
    "welcomed": "1",
    "in_implementation": "2",  # Implementation
    "completed": "4",  # Closed
    "withdrawn": "5",  # Cancelled
}
"""IATI ActivityStatus code of each status a published match may have
(`statemachine.was_agreed`)."""

ORGANISATION_TYPE = {
    "state": "10",  # Government
    "eu_agency": "40",  # Multilateral
    "international_org": "40",
    "regional_org": "40",
    "ngo": "21",  # International NGO
    "legal_aid": "22",  # National NGO
    "bar_association": "90",  # Other
    "academia": "80",  # Academic, Training and Research
    "private_sector": "70",  # Private Sector
    "foundation": "60",  # Foundation
    "refugee_led_org": "24",  # Partner Country based NGO
    "nhri": "15",  # Other Public Sector
}
"""IATI OrganisationType code by offering entity type."""

ROLE_FUNDING, ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING = "1", "2", "4"
"""IATI OrganisationRole codes."""

SECTOR_MIGRATION = "15190"
"""DAC 5: Facilitation of orderly, safe, regular and responsible migration and mobility."""
SECTOR_LEGAL = "15130"
"""DAC 5: Legal and judicial development (for legislation and appeals)."""
_LEGAL_AREAS = frozenset({"legislation", "appeals"})

_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class IatiSettings:
    """The reporting organisation (`[tool.acsg.export.iati]`)."""

    reporting_org_ref: str = "XM-DAC-41121"
    reporting_org_name: str = "UNHCR, ACSG Secretariat"
    reporting_org_type: str = "40"


def _text(value: Any) -> str:
    return _XML_UNSAFE.sub("", " ".join(str(value).split()))


def _narratives(parent: ET.Element, text: str, translations: dict[str, str] | None = None) -> None:
    ET.SubElement(parent, "narrative").text = _text(text)
    for lang, translated in sorted((translations or {}).items()):
        ET.SubElement(parent, "narrative", {XML_LANG: lang}).text = _text(translated)


def _translations(record: dict[str, Any], field: str) -> dict[str, str]:
    return {
        lang: str(text[field])
        for lang, text in record.get("translations", {}).items()
        if text.get(field)
    }


def _status_dates(match: dict[str, Any]) -> dict[str, str]:
    first: dict[str, str] = {}
    for entry in match.get("history", []):
        first.setdefault(entry["status"], entry["on"])
    return first


def _activity_dates(match: dict[str, Any]) -> list[tuple[str, str]]:
    """(IATI ActivityDateType, date): planned start 1, actual start 2, planned end 3, actual
    end 4."""
    moves = _status_dates(match)
    dates = [
        ("1", match.get("planned_start")),
        ("2", moves.get("in_implementation")),
        ("3", match.get("planned_end")),
        ("4", moves.get("completed")),
    ]
    found = [(kind, on) for kind, on in dates if on]
    if not found:  # the schema asks for one date: the parties' agreement opens the activity
        agreed = moves.get("agreed") or match.get("proposed_on")
        found = [("1", agreed)] if agreed else []
    return found


def _percentages(count: int) -> list[str]:
    """`count` whole percentages adding up to 100."""
    base, extra = divmod(100, count)
    return [str(base + (1 if i < extra else 0)) for i in range(count)]


def _texts(activity: ET.Element, view: SharedView, match: dict[str, Any]) -> None:
    """Title and description: the request's title and the agreed scope where they are shown."""
    request = view.requests[match["request"]]
    names = ", ".join(geo.country_name(s) for s in request["requesting_states"])
    title = ET.SubElement(activity, "title")
    if request.get("title"):
        _narratives(title, request["title"], _translations(request, "title"))
    else:
        _narratives(title, f"ACSG match {match['id']}: asylum capacity support to {names}")
    description = ET.SubElement(activity, "description", {"type": "1"})
    if match.get("scope"):
        _narratives(description, match["scope"], _translations(match, "scope"))
    else:
        areas = ", ".join(a.replace("_", " ") for a in request["areas"])
        _narratives(description, f"Asylum capacity support to {names} through the ACSG: {areas}.")


def _participants(
    activity: ET.Element, request: dict[str, Any], offers: list[dict[str, Any]]
) -> None:
    """Offering entities implement (and fund, for financial support); each State is accountable."""
    for offer in offers:
        entity = offer["offering_entity"]
        roles = [ROLE_IMPLEMENTING]
        if "financial" in offer.get("support_types", []):
            roles.insert(0, ROLE_FUNDING)
        for role in roles:
            attributes = {"role": role, "type": ORGANISATION_TYPE[entity["type"]]}
            _narratives(ET.SubElement(activity, "participating-org", attributes), entity["name"])
    states = request["requesting_states"]
    for state in states:
        attributes = {"role": ROLE_ACCOUNTABLE, "type": "10"}
        org = ET.SubElement(activity, "participating-org", attributes)
        authority = request.get("lead_authority") if len(states) == 1 else None
        _narratives(org, authority or f"Government of {geo.country_name(state)}")


def _where_and_what(activity: ET.Element, request: dict[str, Any]) -> None:
    """Recipient countries (ISO alpha-2) and DAC sectors, percentages adding up to 100."""
    states = list(request["requesting_states"])
    for state, share in zip(states, _percentages(len(states)), strict=True):
        attributes = {"code": geo.alpha2(state)}
        if len(states) > 1:
            attributes["percentage"] = share
        ET.SubElement(activity, "recipient-country", attributes)
    sectors = [SECTOR_MIGRATION]
    if _LEGAL_AREAS.intersection(request["areas"]):
        sectors.append(SECTOR_LEGAL)
    for code, share in zip(sectors, _percentages(len(sectors)), strict=True):
        ET.SubElement(activity, "sector", {"vocabulary": "1", "code": code, "percentage": share})


def _activity(view: SharedView, match: dict[str, Any], settings: IatiSettings) -> ET.Element:
    request = view.requests[match["request"]]
    offers = [view.offers[o] for o in match["offers"] if o in view.offers]
    activity = ET.Element("iati-activity", {XML_LANG: "en"})
    ET.SubElement(activity, "iati-identifier").text = f"{settings.reporting_org_ref}-{match['id']}"
    reporting = ET.SubElement(
        activity,
        "reporting-org",
        {"ref": settings.reporting_org_ref, "type": settings.reporting_org_type},
    )
    _narratives(reporting, settings.reporting_org_name)
    _texts(activity, view, match)
    _participants(activity, request, offers)
    ET.SubElement(activity, "activity-status", {"code": ACTIVITY_STATUS[match["status"]]})
    for kind, on in _activity_dates(match):
        ET.SubElement(activity, "activity-date", {"type": kind, "iso-date": on})
    _where_and_what(activity, request)
    pledges = [*request.get("grf_pledge_ids", [])]
    pledges += [p for o in offers for p in o.get("grf_pledge_ids", [])]
    for pledge in dict.fromkeys(str(p) for p in pledges):
        tag = ET.SubElement(activity, "tag", {"vocabulary": "99", "code": _text(pledge)})
        _narratives(tag, "Global Refugee Forum pledge")
    return activity


def iati_xml(view: SharedView, settings: IatiSettings, generated: datetime) -> str:
    """The IATI activities file: one `iati-activity` per published match, by match id."""
    root = ET.Element(
        "iati-activities",
        {"version": IATI_VERSION, "generated-datetime": generated.isoformat(timespec="seconds")},
    )
    for match in published_matches(view):
        root.append(_activity(view, match, settings))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode", xml_declaration=False)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
