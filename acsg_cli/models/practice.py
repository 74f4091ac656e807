"""A good practice or tool shared on the Portal's library (FS 1, FS 5, SR)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from acsg_cli.models.fields import (
    Contact,
    Country,
    Figure,
    IsoDate,
    Language,
    Line,
    MatchId,
    PracticeId,
    Record,
    Text,
    UniqueList,
    Url,
    Waiver,
)
from acsg_cli.models.translations import PracticeText
from acsg_cli.vocab import Area, EntityType, PracticeStatus, ResourceKind, TranslationLanguage


class SharingEntity(Record):
    """Who shares the practice: a national asylum authority, an organisation (SR)."""

    name: Line
    type: EntityType | None = None
    country: Country | None = None


class Resource(Record):
    """A document or tool the practice links to, with its language."""

    title: Line
    url: Url
    resource_kind: ResourceKind = Field(alias="kind")
    """`kind` in the file; renamed here because `kind` names the record kind on every model."""
    language: Language | None = None


# `unique_list(...)` builds its list type at run time, which mypy cannot follow (valid-type).
class Practice(Record):
    """A good practice or tool; only `id`, `title`, `submitted_on` and `status` are required."""

    kind: ClassVar[str] = "practice"

    id: PracticeId
    title: Line
    countries: UniqueList[Country] = []
    categories: UniqueList[Area] = []
    tags: UniqueList[Line] = []
    timeframe: Line | None = None
    """As the Portal prints it, e.g. `2020-2021` or `since March 2020`."""
    shared_by: list[SharingEntity] = []
    submitted_by: Line | None = None
    """The organisation that submitted the entry (not a person's name: that is `contact`)."""
    partners: UniqueList[Line] = []
    website: Url | None = None
    summary: Text | None = None
    resources: list[Resource] = []
    languages: UniqueList[Language] = []
    matches: UniqueList[MatchId] = []
    grf_pledge_ids: UniqueList[Figure] = []
    submitted_on: IsoDate
    status: PracticeStatus
    contact: Contact | None = None
    waivers: list[Waiver] = []
    translations: dict[TranslationLanguage, PracticeText] = {}
    """The record's text in other languages (`acsg_cli.translations`)."""
