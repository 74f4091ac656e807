"""A State's request for asylum-capacity support (WM 8, WM 13, WM 15)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import field_validator

from acsg_cli.models.fields import (
    Contact,
    Country,
    Figure,
    Flag,
    IsoDate,
    Language,
    Line,
    NonEmpty,
    Record,
    RequestId,
    StatusMove,
    Text,
    UniqueList,
    Waiver,
    end_after_start,
)
from acsg_cli.models.translations import RequestText
from acsg_cli.vocab import (
    Area,
    EntityType,
    MilestoneType,
    QualityDimension,
    ReceivedVia,
    RequestStatus,
    RequestTerm,
    SupportType,
    TranslationLanguage,
)


class NeedsAssessment(Record):
    """WM 13: the assessment of gaps, needs and existing capacity made before the request."""

    completed_on: IsoDate | None = None
    reference: Text | None = None


class NationalPlan(Record):
    """WM 13, WM 15.i: the plan of action the request is part of, and the State's commitment."""

    name: Line | None = None
    commitment: Text | None = None


class Milestone(Record):
    """WM 15.ii: a quantitative or qualitative milestone."""

    description: Text
    type: MilestoneType
    target: Figure | None = None
    due: IsoDate | None = None


class Beneficiary(Record):
    """WM 10, WM 15.iv: a stakeholder other than the State that would receive support."""

    name: Line
    type: EntityType
    works_with_national_authority: Flag | None = None


class ExistingSupport(Record):
    """WM 15.vi: support the State already receives or expects."""

    provider: Line
    areas: UniqueList[Area] = []
    period: Figure | None = None


class Coordination(Record):
    """WM 15.vi: how existing support is coordinated and duplication avoided."""

    existing_support: list[ExistingSupport] = []
    duplication_mitigation: Text | None = None


class RequestHistoryEntry(StatusMove[RequestStatus]):
    """One move of the request's status: made by the lifecycle commands as its matches move, or
    by the Secretariat (a reopening). The list is append-only."""


class Request(Record):
    """A request for support; only identification and matching keys are required."""

    id: RequestId
    title: Line
    requesting_states: Annotated[UniqueList[Country], NonEmpty]
    lead_authority: Line | None = None
    units: UniqueList[Line] = []
    """The national units involved, beside the lead authority."""
    submitted_on: IsoDate
    received_via: ReceivedVia | None = None
    grf_pledge_ids: UniqueList[Figure] = []
    status: RequestStatus
    areas: Annotated[UniqueList[Area], NonEmpty]
    quality_dimensions: UniqueList[QualityDimension] = []
    support_types: Annotated[UniqueList[SupportType], NonEmpty]
    languages: UniqueList[Language] = []
    term: RequestTerm | None = None
    urgent: Flag = False
    capacity_assessment_request: Flag = False
    needs_assessment: NeedsAssessment | None = None
    national_plan: NationalPlan | None = None
    gap: Text | None = None
    objectives: list[Text] = []
    milestones: list[Milestone] = []
    planned_start: IsoDate | None = None
    planned_end: IsoDate | None = None
    sustainability: Text | None = None
    other_beneficiaries: list[Beneficiary] = []
    coordination: Coordination | None = None
    monitoring: Text | None = None
    confidential: Flag = False
    contact: Contact | None = None
    history: list[RequestHistoryEntry] = []
    waivers: list[Waiver] = []
    translations: dict[TranslationLanguage, RequestText] = {}
    """The record's text in other languages (`acsg_cli.translations`)."""

    kind: ClassVar[str] = "request"
    _end_after_start = field_validator("planned_end")(end_after_start)
