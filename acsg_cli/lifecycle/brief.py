"""What one party to a match may see now (FS 3).

UNHCR informs each party of a potential match and obtains its consent "before providing
detailed information about the request/offer to the other party" (FS 3). What a party sees is
decided by the disclosure policy (`acsg_cli.disclosure`), for the party's audience on this
match:

- A `confidential: true` request shows only its States, areas, status and dates to an offering
  party until every requesting State has granted consent on that match; a confidential offer's
  details (`OFFER_DETAILS`) reach the other parties only once that offer has granted.
- A party always sees its own record in full, and every record's public part.
- The match's rationale is derived from both records: it waits until every confidential detail
  it may quote is released.
- Personal contact data (`contact`) is never part of a brief; e-mail addresses and phone
  numbers in any text are redacted.

The brief says what is withheld and why, so nobody mistakes a withheld field for a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from acsg_cli.disclosure import (
    OFFER_DETAILS,
    PERSONAL,
    Audience,
    Withheld,
    disclose,
    disclose_match,
)
from acsg_cli.errors import DataError
from acsg_cli.models import Match
from acsg_cli.registry import Registry
from acsg_cli.vocab import Decision

PERSONAL_REASON = "personal contact data is never part of a brief"


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
    audience = Audience.for_party(party, match, request)
    withheld: list[Withheld] = []

    def view(record: Any) -> dict[str, Any]:
        shown = disclose(record, audience)
        withheld.extend(
            Withheld(w.record, w.fields, PERSONAL_REASON) if w.fields == PERSONAL else w
            for w in shown.withheld
        )
        return shown.data

    request_view = view(request)
    offers = [o for oid in match.offers if (o := registry.offers.get(oid)) is not None]
    offer_views = [
        view(registry.offers[oid]) if oid in registry.offers else {"id": oid}
        for oid in match.offers
    ]
    shown_match = disclose_match(match, request, offers, audience)
    withheld.extend(shown_match.withheld)
    role = "requesting State" if party in states else "offering party"
    return Brief(
        match.id,
        party,
        role,
        _match_view(shown_match.data, match, parties, audience, registry),
        request_view,
        tuple(offer_views),
        tuple(withheld),
    )


def _match_view(
    data: dict[str, Any],
    match: Match,
    parties: list[str],
    audience: Audience,
    registry: Registry,
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
                "decision": _decision(audience.decisions, p),
                "on": entry.on.isoformat() if entry else None,
            }
        )
    view: dict[str, Any] = {
        "id": match.id,
        "status": match.status.value,
        "request": match.request,
        "offers": list(match.offers),
        "proposed_on": data.get("proposed_on"),
        "rationale": data.get("rationale"),
        "scope": data.get("scope"),
        "consent": consent,
        "updates": [
            {k: v for k, v in u.items() if v not in (False, [], None)}
            for u in data.get("updates", [])
        ],
    }
    from acsg_cli.disclosure import redact_all

    return {k: v for k, v in redact_all(view).items() if v not in (None, [])}


def _decision(decisions: Any, party: str) -> str:
    found: Decision | None = decisions.get(party)
    return found.value if found is not None else "pending"


__all__ = ["OFFER_DETAILS", "PERSONAL", "Brief", "Withheld", "build_brief"]
