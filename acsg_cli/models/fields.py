"""Field types shared by the record models: each carries its own check and JSON Schema."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, ClassVar, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict

from acsg_cli import geo
from acsg_cli.record_ids import ID_PATTERNS

T = TypeVar("T")

RULE_CODE_PATTERN = r"^ACSG[0-9]{3}$"
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class Record(BaseModel):
    """Base of every model read from YAML: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_enum_values=False, populate_by_name=True
    )

    kind: ClassVar[str] = ""
    """`request`, `offer`, `match` or `practice` on the record models; empty on their parts."""


def _iso_date(value: Any) -> Any:
    # YAML 1.2 leaves dates as strings; refuse numbers, which pydantic would read as timestamps.
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError("expected a date written YYYY-MM-DD")
    return value


def _number_as_text(value: Any) -> Any:
    # Identifiers and figures people write bare (`target: 40`, `period: 2020`, a numeric GRF
    # pledge id) are kept as the text they wrote; booleans are still refused.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _country(value: str) -> str:
    if not geo.is_country(value):
        raise ValueError(f"unknown country code '{value}' (ISO 3166-1 alpha-3, e.g. TCD)")
    return value


def _language(value: str) -> str:
    if not geo.is_language(value):
        raise ValueError(f"unknown language code '{value}' (ISO 639-1, e.g. fr)")
    return value


def _unique(values: list[T]) -> list[T]:
    seen: set[Any] = set()
    for v in values:
        if v in seen:
            raise ValueError(f"'{v}' is listed twice")
        seen.add(v)
    return values


def _country_schema(schema: dict[str, Any]) -> None:
    schema["enum"] = sorted(geo._countries())


def _language_schema(schema: dict[str, Any]) -> None:
    schema["enum"] = sorted(geo._languages())


IsoDate = Annotated[date, BeforeValidator(_iso_date), Field(json_schema_extra={"format": "date"})]
Text = Annotated[str, Field(min_length=1, pattern=r"\S")]
Line = Annotated[str, Field(min_length=1, pattern=r"^[^\n]*\S[^\n]*$")]
Flag = Annotated[bool, Strict()]
Figure = Annotated[
    str,
    BeforeValidator(_number_as_text),
    Field(min_length=1, pattern=r"\S", json_schema_extra={"type": ["string", "number"]}),
]
"""Text that may be written as a bare number (a target, a period, a pledge reference)."""
Country = Annotated[
    str, Field(pattern=r"^[A-Z]{3}$", json_schema_extra=_country_schema), AfterValidator(_country)
]
Language = Annotated[
    str, Field(pattern=r"^[a-z]{2}$", json_schema_extra=_language_schema), AfterValidator(_language)
]
RequestId = Annotated[str, Field(pattern=ID_PATTERNS["request"])]
OfferId = Annotated[str, Field(pattern=ID_PATTERNS["offer"])]
MatchId = Annotated[str, Field(pattern=ID_PATTERNS["match"])]
PracticeId = Annotated[str, Field(pattern=ID_PATTERNS["practice"])]
Url = Annotated[str, Field(pattern=r"^https?://[^\s/$.?#][^\s]*$")]
"""A web address: http or https, no spaces."""
Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


UniqueList = Annotated[
    list[T],
    Field(min_length=0, json_schema_extra={"uniqueItems": True}),
    AfterValidator(_unique),
]
"""A list whose items may not repeat (JSON Schema `uniqueItems`): `UniqueList[Area]`."""
NonEmpty = Field(min_length=1)
"""A list that must hold at least one item: `Annotated[UniqueList[T], NonEmpty]`."""


class Contact(Record):
    """Personal data: never printed in anything shared with another party."""

    name: Line | None = None
    email: Email | None = None


class Waiver(Record):
    """A criterion the Secretariat has consciously accepted as unmet for this record."""

    rule: Annotated[str, Field(pattern=RULE_CODE_PATTERN)]
    reason: Text | None = None
    approved_by: Line | None = None
    on: IsoDate | None = None


def end_after_start(end: date | None, info: Any) -> date | None:
    """A `planned_end` validator: not before the `planned_start` read just before it."""
    start = info.data.get("planned_start")
    if end is not None and start is not None and end < start:
        raise ValueError(f"planned_end {end} is before planned_start {start}")
    return end


S = TypeVar("S")


class StatusMove(Record, Generic[S]):
    """One move of a record's status, in an append-only `history`: when, to which status, by
    whom and why. Each kind names its own (`HistoryEntry` for a match, `RequestHistoryEntry`,
    `OfferHistoryEntry`) with the statuses it can take."""

    on: IsoDate
    status: S
    by: Line | None = None
    note: Text | None = None
