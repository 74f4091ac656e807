"""A party's brief on a match (`acsg brief`), as Markdown to paste into an email or a note."""

from __future__ import annotations

from typing import Any, TextIO

from acsg_cli.lifecycle.brief import Brief
from acsg_cli.render.safety import md_cell


def value_text(value: Any) -> str:
    """One value on one line: lists joined, mappings as `key: value`, nested items separated."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        if any(isinstance(v, (dict, list)) for v in value):
            return " / ".join(f"({value_text(v)})" for v in value)
        return ", ".join(value_text(v) for v in value)
    return " ".join(str(value).split())


def _cell(value: Any) -> str:
    return md_cell(value_text(value))


def _md(value: Any) -> str:
    return md_cell(value_text(value))


def _fields(out: TextIO, data: dict[str, Any], skip: tuple[str, ...] = ()) -> None:
    out.write("| field | value |\n|---|---|\n")
    for key, value in data.items():
        if key not in skip:
            out.write(f"| {_md(key)} | {_cell(value)} |\n")
    out.write("\n")


def write_markdown(brief: Brief, out: TextIO) -> None:
    match = brief.match
    out.write(f"# Brief on {_md(brief.match_id)} for {_md(brief.party)}\n\n")
    out.write(
        f"For {_md(brief.party)} ({_md(brief.role)}). Match {_md(match['id'])} of request "
        f"{_md(match['request'])} with {_md(match['offers'])}: status {_md(match['status'])}"
        + (f", proposed on {_md(match['proposed_on'])}" if "proposed_on" in match else "")
        + ".\n\n"
    )
    for key in ("rationale", "scope"):
        if key in match:
            out.write(f"{key.capitalize()}: {_md(match[key])}\n\n")
    out.write("## Consent\n\n| party | role | decision | on |\n|---|---|---|---|\n")
    for c in match["consent"]:
        out.write(
            f"| {_md(c['party'])} | {_cell(c['role'])} | {_md(c['decision'])} "
            f"| {_md(c['on'] or '')} |\n"
        )
    out.write("\n")
    request = brief.request
    out.write(f"## Request {_md(request['id'])}: {_md(request.get('title'))}\n\n")
    _fields(out, request, skip=("id", "title"))
    for offer in brief.offers:
        title = f": {_md(offer['title'])}" if "title" in offer else ""
        out.write(f"## Offer {_md(offer['id'])}{title}\n\n")
        _fields(out, offer, skip=("id", "title"))
    for update in match.get("updates", []):
        if update is match["updates"][0]:
            out.write("## Progress updates\n\n")
        extra = ""
        if update.get("milestones_met"):
            extra += f" Milestones met: {_md(update['milestones_met'])}."
        if update.get("good_practice"):
            extra += " Good practice."
        out.write(f"- {_md(update['on'])}: {_md(update['summary'])}{extra}\n")
    if match.get("updates"):
        out.write("\n")
    out.write("## Withheld\n\n")
    if not brief.withheld:
        out.write("Nothing is withheld.\n")
    for item in brief.withheld:
        out.write(f"- {_md(item.record)} ({_md(item.fields)}): {_md(item.reason)}.\n")
