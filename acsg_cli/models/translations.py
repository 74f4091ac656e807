"""`translations`: a record's own text in other languages, field by field.

Every kind may carry `translations: {fr: {title: ..., summary: ...}, es: {...}}`. Only the
kind's free-text fields may be translated (listed here, the same names as in the record), each
translation names at least one of them, and no text is blank. `acsg_cli.translations` gives a
record's text in a language, falling back to the record's own words.
"""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from acsg_cli.models.fields import Line, Record, Text


class _Translation(Record):
    """One language's text; at least one field."""

    model_config = Record.model_config | {"json_schema_extra": {"minProperties": 1}}

    @model_validator(mode="before")
    @classmethod
    def _not_empty(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data:
            fields = ", ".join(cls.model_fields)
            raise ValueError(f"an empty translation; give at least one of: {fields}")
        return data


class RequestText(_Translation):
    """A request's translatable text."""

    title: Line | None = None
    gap: Text | None = None
    objectives: list[Text] | None = None
    sustainability: Text | None = None
    monitoring: Text | None = None


class OfferText(_Translation):
    """An offer's translatable text."""

    title: Line | None = None
    expertise: Text | None = None


class MatchText(_Translation):
    """A match's translatable text."""

    scope: Text | None = None
    rationale: Text | None = None


class PracticeText(_Translation):
    """A good practice's translatable text."""

    title: Line | None = None
    summary: Text | None = None
    timeframe: Line | None = None
    tags: list[Line] | None = None


TRANSLATABLE: dict[str, type[_Translation]] = {
    "request": RequestText,
    "offer": OfferText,
    "match": MatchText,
    "practice": PracticeText,
}
"""The translatable text of each kind."""
