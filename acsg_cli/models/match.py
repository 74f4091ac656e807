"""A match of one request with one or more offers, and its consent and history (FS 3, FS 5)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, StrictFloat, StrictInt, field_validator

from acsg_cli.models.fields import (
    Flag,
    IsoDate,
    Line,
    MatchId,
    NonEmpty,
    OfferId,
    PracticeId,
    Record,
    RequestId,
    StatusMove,
    Text,
    UniqueList,
    Waiver,
    end_after_start,
)
from acsg_cli.models.offer import Units
from acsg_cli.models.translations import MatchText
from acsg_cli.record_ids import ID_PATTERNS
from acsg_cli.vocab import Decision, MatchStatus, TranslationLanguage

Party = Annotated[str, Field(pattern=r"^(?:[A-Z]{3}|" + ID_PATTERNS["offer"][1:-1] + r")$")]


class Consent(Record):
    """FS 3: one party's decision on the match. A party is a requesting State or an offer id."""

    party: Party
    decision: Decision
    on: IsoDate
    recorded_by: Line | None = None
    via: Line | None = None
    evidence: Text | None = None


class HistoryEntry(StatusMove[MatchStatus]):
    """One status move; the list is append-only."""


class ProgressUpdate(Record):
    """FS 5: a periodic update from the matched entities."""

    on: IsoDate
    summary: Text
    milestones_met: list[Text] = []
    good_practice: Flag | Text = False
    """`true`, or the good practice described in words (FS 5)."""
    practice: PracticeId | None = None
    """The practice record started from this update (`acsg practice from-update`)."""


class Match(Record):
    """A match; only `id`, `request`, `offers` and `status` are required."""

    kind: ClassVar[str] = "match"

    id: MatchId
    request: RequestId
    offers: Annotated[UniqueList[OfferId], NonEmpty]
    status: MatchStatus
    proposed_on: IsoDate | None = None
    proposed_by: Line | None = None
    score: (
        Annotated[StrictInt | StrictFloat, Field(ge=-1e6, le=1e6, allow_inf_nan=False)] | None
    ) = None
    rationale: Text | list[Text] | None = None
    consents: list[Consent] = []
    scope: Text | None = None
    history: list[HistoryEntry] = []
    updates: list[ProgressUpdate] = []
    units: Units | None = None
    """The units involved on each side (the requesting authority's, the offering entity's)."""
    planned_start: IsoDate | None = None
    planned_end: IsoDate | None = None
    waivers: list[Waiver] = []
    translations: dict[TranslationLanguage, MatchText] = {}
    """The record's text in other languages (`acsg_cli.translations`)."""

    _end_after_start = field_validator("planned_end")(end_after_start)

    def parties(self, requesting_states: list[str]) -> list[str]:
        """Every party whose consent the match needs: each requesting State, then each offer."""
        return [*requesting_states, *self.offers]
