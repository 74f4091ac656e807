"""What one party to a match may see now (FS 3).

UNHCR informs each party of a potential match and obtains its consent "before providing
detailed information about the request/offer to the other party" (FS 3). So:

- A `confidential: true` request's details (`REQUEST_DETAILS`) reach an offering party only once
  every requesting State has granted consent on that match; a confidential offer's details
  (`OFFER_DETAILS`) reach the other parties only once that offer has granted. The rule is the
  same both ways: a record's details follow its owner's consent.
- A party always sees its own record in full, and every record's public part (what it is,
  who, which areas and support types, where).
- Personal contact data (`contact`) is never part of a brief.

The brief says what is withheld and why, so nobody mistakes a withheld field for a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from acsg_cli.errors import DataError
from acsg_cli.lifecycle.statemachine import current_decisions, outstanding
from acsg_cli.models import Match, Record
from acsg_cli.registry import Registry
from acsg_cli.vocab import Decision

REQUEST_DETAILS = (
    "needs_assessment",
    "national_plan",
    "gap",
    "objectives",
    "milestones",
    "sustainability",
    "other_beneficiaries",
    "coordination",
    "monitoring",
)
"""A request's details: withheld from offering parties while a confidential request
lacks consent."""

OFFER_DETAILS = ("expertise", "channel", "capacity", "term", "available_until", "in_response_to")
"""An offer's details: withheld from the other parties while a confidential offer lacks consent."""

PERSONAL = ("contact",)
"""Personal data: never in a brief."""


@dataclass(frozen=True)
class Withheld:
    """Fields of one record left out of a brief, and why."""

    record: str
    fields: tuple[str, ...]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"record": self.record, "fields": list(self.fields), "reason": self.reason}


@dataclass(frozen=True)
class Brief:
    """A party's view of a match: the match, the request and the offers, and what is withheld."""

    match_id: str
    party: str
    role: str
    match: dict[str, Any]
    request: dict[str, Any]
    offers: tuple[dict[str, Any], ...]
    withheld: tuple[Withheld, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "match": self.match,
            "for": {"party": self.party, "role": self.role},
            "request": self.request,
            "offers": list(self.offers),
            "withheld": [w.to_dict() for w in self.withheld],
        }


def build_brief(registry: Registry, match_id: str, party: str) -> Brief:
    """The brief of `match_id` for `party` (a requesting State's ISO3 code or an offer id)."""
    match: Match = registry.require(match_id.strip(), "match")
    request = registry.requests.get(match.request)
    if request is None:
        raise DataError(
            f"{match.id} names request {match.request}, which does not load; run `acsg validate`"
        )
    party = party.strip().upper()
    states = list(request.requesting_states)
    parties = match.parties(states)
    if party not in parties:
        raise DataError(
            f"'{party}' is not a party to {match.id}; its parties are {', '.join(parties)} "
            "(each requesting State by ISO3 code, each offer by id)"
        )
    decisions = current_decisions(match.consents)
    withheld: list[Withheld] = []

    request_view = _public(request, withheld)
    if party not in states and request.confidential:
        missing = outstanding(states, decisions)
        if missing:
            _withhold(
                request_view,
                request.id,
                REQUEST_DETAILS,
                withheld,
                f"{request.id} is confidential: its details go to {party} once "
                f"{_and(states)} {'has' if len(states) == 1 else 'have'} granted consent to "
                f"{match.id} (FS 3); still to consent: {', '.join(missing)}",
            )

    offer_views = []
    for offer_id in match.offers:
        offer = registry.offers.get(offer_id)
        if offer is None:
            offer_views.append({"id": offer_id})
            continue
        view = _public(offer, withheld)
        if (
            offer.id != party
            and offer.confidential
            and decisions.get(offer.id) is not Decision.GRANTED
        ):
            _withhold(
                view,
                offer.id,
                OFFER_DETAILS,
                withheld,
                f"{offer.id} is confidential: its details go to {party} once it has granted "
                "consent "
                f"to {match.id} (FS 3); its decision: {_decision(decisions, offer.id)}",
            )
        offer_views.append(view)

    role = "requesting State" if party in states else "offering party"
    return Brief(
        match.id,
        party,
        role,
        _match_view(match, parties, decisions, registry),
        request_view,
        tuple(offer_views),
        tuple(withheld),
    )


def _public(record: Record, withheld: list[Withheld]) -> dict[str, Any]:
    data = record.model_dump(mode="json", by_alias=True, exclude_unset=True)
    data.pop("waivers", None)  # the Secretariat's own notes on the criteria
    personal = tuple(k for k in PERSONAL if data.pop(k, None) is not None)
    if personal:
        withheld.append(
            Withheld(
                record.id,  # type: ignore[attr-defined]
                personal,
                "personal contact data is never part of a brief",
            )
        )
    return data


def _withhold(
    view: dict[str, Any],
    record_id: str,
    fields: tuple[str, ...],
    withheld: list[Withheld],
    reason: str,
) -> None:
    present = tuple(f for f in fields if f in view)
    for name in present:
        del view[name]
    if present:
        withheld.append(Withheld(record_id, present, reason))


def _match_view(
    match: Match, parties: list[str], decisions: dict[str, Decision], registry: Registry
) -> dict[str, Any]:
    latest = {c.party: c for c in match.consents}
    consent = []
    for p in parties:
        offer = registry.offers.get(p)
        who = "requesting State" if offer is None else f"offer of {offer.offering_entity.name}"
        entry = latest.get(p)
        consent.append(
            {
                "party": p,
                "role": who,
                "decision": _decision(decisions, p),
                "on": entry.on.isoformat() if entry else None,
            }
        )
    view: dict[str, Any] = {
        "id": match.id,
        "status": match.status.value,
        "request": match.request,
        "offers": list(match.offers),
        "proposed_on": match.proposed_on.isoformat() if match.proposed_on else None,
        "rationale": match.rationale,
        "scope": match.scope,
        "consent": consent,
        "updates": [u.model_dump(mode="json", exclude_defaults=True) for u in match.updates],
    }
    return {k: v for k, v in view.items() if v not in (None, [])}


def _decision(decisions: dict[str, Decision], party: str) -> str:
    return decisions[party].value if party in decisions else "pending"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


__all__ = ["OFFER_DETAILS", "PERSONAL", "REQUEST_DETAILS", "Brief", "Withheld", "build_brief"]
