"""An offer of asylum-capacity support from a State or another stakeholder (WM 16-20)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, StrictInt, field_validator, model_validator

from acsg_cli.models.fields import (
    Contact,
    Country,
    Figure,
    Flag,
    IsoDate,
    Language,
    Line,
    NonEmpty,
    OfferId,
    Record,
    RequestId,
    StatusMove,
    Text,
    UniqueList,
    Waiver,
    end_after_start,
)
from acsg_cli.models.translations import OfferText
from acsg_cli.vocab import (
    Area,
    Channel,
    EntityType,
    GcrStage,
    OfferStatus,
    OfferTerm,
    QualityDimension,
    ReceivedVia,
    Region,
    SupportType,
    TranslationLanguage,
)

MAX_CAPACITY = 10_000
"""The most matches one offer can serve at once: far above any real offer, and small enough
that matching computes with it exactly."""


class OfferingEntity(Record):
    """WM 3, MSP: who offers. A State names its country."""

    name: Line
    type: EntityType
    country: Country | None = None

    @model_validator(mode="after")
    def _state_has_country(self) -> OfferingEntity:
        if self.type is EntityType.STATE and self.country is None:
            raise ValueError("an offering State must name its country (ISO3 code)")
        return self


class GeographicScope(Record):
    """SR: where the offer can be used. Exactly one of `global`, `regions`, `countries`."""

    model_config = Record.model_config | {
        "json_schema_extra": {"minProperties": 1, "maxProperties": 1}
    }

    global_: Literal[True] | None = Field(default=None, alias="global")
    regions: Annotated[UniqueList[Region], NonEmpty] | None = None
    countries: Annotated[UniqueList[Country], NonEmpty] | None = None

    @model_validator(mode="before")
    @classmethod
    def _exactly_one(cls, data: Any) -> Any:
        if isinstance(data, dict):
            named = [k for k in ("global", "regions", "countries") if k in data]
            if len(named) > 1:
                raise ValueError(
                    f"name exactly one of global, regions, countries (found {', '.join(named)})"
                )
            if not named and not (set(data) - {"global", "regions", "countries"}):
                raise ValueError(
                    "name exactly one of global: true, regions: [...], countries: [...]"
                )
        return data

    @property
    def is_global(self) -> bool:
        return self.global_ is True

    @property
    def is_narrow(self) -> bool:
        """SR: the offer is "limited in [its] geographical scope", the opposite of the pledges
        "without geographic limitations" the 2021 stocktaking asks for: any scope but global
        (named countries, or one or more regions). Rule ACSG203 and the stocktaking's "offers
        limited in geographic scope" both ask this property, so they always agree."""
        return not self.is_global

    def covers(self, country: str) -> bool:
        """Whether a State may receive this offer's support."""
        from acsg_cli import geo

        if self.global_:
            return True
        if self.countries is not None:
            return country in self.countries
        if self.regions is not None:
            return geo.region_of(country) in self.regions
        return False


class Units(Record):
    """The units involved on each side: the requesting State's and the offering entity's."""

    requesting: UniqueList[Line] = []
    offering: UniqueList[Line] = []


class Implementation(Record):
    """Support given under the offer with no matching request: the Portal's second track."""

    title: Line
    states: Annotated[UniqueList[Country], NonEmpty]
    """The States that received the support (ISO3)."""
    stage: GcrStage
    """Its GCR pledge stage: planning, in_progress or fulfilled."""
    summary: Text | None = None
    units: Units | None = None
    planned_start: IsoDate | None = None
    planned_end: IsoDate | None = None
    on: IsoDate | None = None
    """When this entry was last brought up to date."""
    grf_pledge_ids: UniqueList[Figure] = []

    _end_after_start = field_validator("planned_end")(end_after_start)


class OfferHistoryEntry(StatusMove[OfferStatus]):
    """One move of the offer's status, made by the lifecycle commands as its matches move.
    The list is append-only."""


class Offer(Record):
    """An offer; only identification and matching keys are required."""

    kind: ClassVar[str] = "offer"

    id: OfferId
    title: Line
    offering_entity: OfferingEntity
    submitted_on: IsoDate
    received_via: ReceivedVia | None = None
    grf_pledge_ids: UniqueList[Figure] = []
    status: OfferStatus
    areas: Annotated[UniqueList[Area], NonEmpty]
    support_types: Annotated[UniqueList[SupportType], NonEmpty]
    quality_dimensions: UniqueList[QualityDimension] = []
    geographic_scope: GeographicScope
    channel: Channel | None = None
    capacity: Annotated[StrictInt, Field(ge=1, le=MAX_CAPACITY)] = 1
    term: OfferTerm | None = None
    available_until: IsoDate | None = None
    proactive: Flag = False
    in_response_to: RequestId | None = None
    expertise: Text | None = None
    languages: UniqueList[Language] = []
    confidential: Flag = False
    contact: Contact | None = None
    implementation: list[Implementation] = []
    """Support given under this offer to States that made no matching request."""
    history: list[OfferHistoryEntry] = []
    waivers: list[Waiver] = []
    translations: dict[TranslationLanguage, OfferText] = {}
    """The record's text in other languages (`acsg_cli.translations`)."""
