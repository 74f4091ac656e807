"""The activities an export publishes: agreed matches and pledge-implementation items.

Both tracks of the Portal's matches page, read from the shared view, with what the partner
formats ask of an activity: who implements and who funds, where, on what, at which stage and
when. Matches still proposed, waiting for consent or declined are not published (FS 3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from acsg_cli.exports.shared import SharedView
from acsg_cli.lifecycle.statemachine import was_agreed
from acsg_cli.pledges import STAGE_LABELS, gcr_stage
from acsg_cli.vocab import GcrStage, MatchStatus

MATCHING, PLEDGE_IMPLEMENTATION = "matching", "pledge implementation"


@dataclass(frozen=True)
class Org:
    name: str
    type: str


@dataclass(frozen=True)
class Activity:
    """One published activity, from a match or from an offer's implementation item."""

    ref: str
    track: str
    title: str
    states: list[str]
    areas: list[str]
    status: str
    """The match status, or the GCR stage of an implementation item."""
    stage: GcrStage | None
    implementers: list[Org]
    funders: list[Org]
    start: str | None = None
    end: str | None = None
    last_date: str | None = None
    narrative: str = ""
    pledges: list[str] = field(default_factory=list)

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage] if self.stage is not None else ""


def _first_moves(match: dict[str, Any]) -> dict[str, str]:
    first: dict[str, str] = {}
    for entry in match.get("history", []):
        first.setdefault(entry["status"], entry["on"])
    return first


def _agreed(match: dict[str, Any]) -> bool:
    """Whether an export shows the match: its parties agreed to it (`statemachine.was_agreed`),
    even if it was withdrawn later."""
    moves = (MatchStatus(e["status"]) for e in match.get("history", []))
    return was_agreed(MatchStatus(match["status"]), moves)


def _orgs(offers: list[dict[str, Any]], financial: bool) -> list[Org]:
    return [
        Org(o["offering_entity"]["name"], o["offering_entity"]["type"])
        for o in offers
        if not financial or "financial" in o.get("support_types", [])
    ]


def _latest(match: dict[str, Any]) -> str | None:
    dates = [e["on"] for e in match.get("history", [])] + [
        u["on"] for u in match.get("updates", [])
    ]
    return max(dates) if dates else match.get("proposed_on")


def published_matches(view: SharedView) -> list[dict[str, Any]]:
    """The matches an export shows, by id: agreed by their parties (the view holds only
    matches whose request and offers it holds)."""
    return [m for m in view.matches.values() if _agreed(m)]


def match_activities(view: SharedView) -> list[Activity]:
    found = []
    for match in published_matches(view):
        request = view.requests[match["request"]]
        offers = [view.offers[o] for o in match["offers"]]
        moves = _first_moves(match)
        states = list(request["requesting_states"])
        updates = match.get("updates", [])
        pledges = [*request.get("grf_pledge_ids", [])]
        pledges += [p for o in offers for p in o.get("grf_pledge_ids", [])]
        status = MatchStatus(match["status"])
        found.append(
            Activity(
                ref=match["id"],
                track=MATCHING,
                title=request.get("title") or f"ACSG match {match['id']}",
                states=states,
                areas=list(request["areas"]),
                status=status.value,
                stage=gcr_stage(status),
                implementers=_orgs(offers, financial=False),
                funders=_orgs(offers, financial=True),
                start=match.get("planned_start") or moves.get("in_implementation"),
                end=match.get("planned_end") or moves.get("completed"),
                last_date=_latest(match),
                narrative=updates[-1]["summary"] if updates else match.get("scope", ""),
                pledges=[str(p) for p in dict.fromkeys(pledges)],
            )
        )
    return found


def implementation_activities(view: SharedView) -> list[Activity]:
    found = []
    for offer in view.offers.values():
        for index, item in enumerate(offer.get("implementation", [])):
            stage = GcrStage(item["stage"])
            pledges = [*item.get("grf_pledge_ids", []), *offer.get("grf_pledge_ids", [])]
            found.append(
                Activity(
                    ref=f"{offer['id']}#{index + 1}",
                    track=PLEDGE_IMPLEMENTATION,
                    title=item["title"],
                    states=list(item["states"]),
                    areas=list(offer["areas"]),
                    status=stage.value,
                    stage=stage,
                    implementers=_orgs([offer], financial=False),
                    funders=_orgs([offer], financial=True),
                    start=item.get("planned_start"),
                    end=item.get("planned_end"),
                    last_date=item.get("on")
                    or item.get("planned_end")
                    or item.get("planned_start")
                    or offer["submitted_on"],
                    narrative=item.get("summary", ""),
                    pledges=[str(p) for p in dict.fromkeys(pledges)],
                )
            )
    return found


def activities(view: SharedView) -> list[Activity]:
    """Every published activity: matches by id, then implementation items by offer."""
    return match_activities(view) + implementation_activities(view)
