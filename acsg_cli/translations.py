"""A record's own text in a language: its `translations` where given, else its own words.

Reports, briefs and the site call `text_in` for one field or `localized` for a whole record;
vocabulary labels and the tool's own words are translated elsewhere (the gettext catalogs).
"""

from __future__ import annotations

from typing import Any, TypeVar

from acsg_cli.models import Record
from acsg_cli.models.translations import TRANSLATABLE
from acsg_cli.vocab import TranslationLanguage

R = TypeVar("R", bound=Record)

BASE_LANGUAGE = "en"
"""The language records are written in."""


def _language(lang: str | None) -> TranslationLanguage | None:
    if lang is None or lang == BASE_LANGUAGE:
        return None
    try:
        return TranslationLanguage(lang)
    except ValueError:
        return None


def translatable_fields(kind: str) -> tuple[str, ...]:
    """The fields of a kind that `translations` may give in another language."""
    model = TRANSLATABLE.get(kind)
    return tuple(model.model_fields) if model is not None else ()


def text_in(record: Record, field: str, lang: str | None) -> Any:
    """`record.<field>` in `lang`: the translation when the record has one, else its own value.

    `lang` is a language code (`en`, `fr`, `es`); an unknown one gives the record's own words.
    """
    own = getattr(record, field)
    language = _language(lang)
    translations = getattr(record, "translations", None) or {}
    if language is None or language not in translations:
        return own
    given = getattr(translations[language], field, None)
    return own if given is None else given


def localized(record: R, lang: str | None) -> R:
    """A copy of the record with every translated field in `lang` (the rest left as written)."""
    language = _language(lang)
    translations = getattr(record, "translations", None) or {}
    if language is None or language not in translations:
        return record
    given = translations[language].model_dump(exclude_none=True)
    return record.model_copy(update=given)
