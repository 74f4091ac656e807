"""Record models: what a request, an offer and a match may hold (the registry's record format)."""

from __future__ import annotations

from dataclasses import dataclass

from acsg_cli.models.fields import Contact, Record, Waiver
from acsg_cli.models.match import Consent, HistoryEntry, Match, ProgressUpdate
from acsg_cli.models.offer import GeographicScope, Offer, OfferingEntity
from acsg_cli.models.practice import Practice, Resource, SharingEntity
from acsg_cli.models.request import Milestone, NationalPlan, NeedsAssessment, Request
from acsg_cli.record_ids import ID_PATTERNS, PREFIXES


@dataclass(frozen=True)
class Kind:
    """A kind of record: its model, its folder under the registry and its id prefix."""

    name: str
    folder: str
    prefix: str
    model: type[Request] | type[Offer] | type[Match] | type[Practice]


KINDS: dict[str, Kind] = {
    "request": Kind("request", "requests", PREFIXES["request"], Request),
    "offer": Kind("offer", "offers", PREFIXES["offer"], Offer),
    "match": Kind("match", "matches", PREFIXES["match"], Match),
    "practice": Kind("practice", "practices", PREFIXES["practice"], Practice),
}
AnyRecord = Request | Offer | Match | Practice
"""A record of any kind: each has an `id` and a `status`, unlike the parts (`Record`)."""
KIND_BY_FOLDER = {k.folder: k for k in KINDS.values()}
KIND_BY_PREFIX = {k.prefix: k for k in KINDS.values()}


def kind_of_id(record_id: str) -> Kind | None:
    """The kind an id's prefix names (`REQ-2021-001` -> request, `GP-2021-001` -> practice)."""
    return KIND_BY_PREFIX.get(record_id.split("-", 1)[0])


__all__ = [
    "ID_PATTERNS",
    "KINDS",
    "KIND_BY_FOLDER",
    "KIND_BY_PREFIX",
    "AnyRecord",
    "Consent",
    "Contact",
    "GeographicScope",
    "HistoryEntry",
    "Kind",
    "Match",
    "Milestone",
    "NationalPlan",
    "NeedsAssessment",
    "Offer",
    "OfferingEntity",
    "Practice",
    "ProgressUpdate",
    "Record",
    "Request",
    "Resource",
    "SharingEntity",
    "Waiver",
    "kind_of_id",
]
