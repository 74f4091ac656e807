"""The tool's own words in the reader's language: gettext catalogs managed with Babel.

Messages are marked in the code with `gettext` (`_`), `ngettext` for anything counted, and
`N_` for words translated later (vocabulary labels). Babel extracts them into
`locale/acsg.pot` and keeps one catalog per language (`locale/<lang>/LC_MESSAGES/acsg.po`);
the compiled `.mo` files ship in the package (`scripts/update-catalogs.sh` does all three
steps). The language is chosen per run (`--lang`) with `language()`; record content is never
translated. Dates and numbers are formatted for the language with Babel.

Babel's locale data is imported only when a date or number is formatted, so `acsg --help`
stays fast.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path

DOMAIN = "acsg"
LANGUAGES = ("en", "fr", "es")
"""The languages the tool speaks; English is the source language of every message."""
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_BABEL_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}
"""Dates and numbers as written in the UN's working languages (`12 October 2021`)."""

_current: ContextVar[str] = ContextVar("acsg_language", default="en")


def N_(message: str) -> str:
    """Mark `message` for extraction; it is translated where it is shown (`gettext(...)`)."""
    return message


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of `lang`; English falls back to the messages as written."""
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=lang == "en")


def current() -> str:
    """The language of the current run (`en` unless `language()` chose another)."""
    return _current.get()


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message for `n` in the current language ("1 offer", "2 offers")."""
    return translations(current()).ngettext(singular, plural, n)


def check_language(lang: str) -> str:
    from acsg_cli.errors import UsageError

    code = lang.strip().lower()
    if code not in LANGUAGES:
        raise UsageError(f"unknown language '{lang}'; expected one of: {', '.join(LANGUAGES)}")
    return code


@contextmanager
def language(lang: str) -> Iterator[str]:
    """Speak `lang` (one of `LANGUAGES`) inside the block."""
    token = _current.set(check_language(lang))
    try:
        yield lang
    finally:
        _current.reset(token)


def format_date(value: date | str | None, form: str = "long") -> str:
    """A date as the reader writes it: `12 October 2021`, `12 octobre 2021`, `12 de octubre de
    2021`.

    A value that is not an ISO date (a label such as "date not recorded") is returned as is.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return value
    else:
        day = value
    from babel.dates import format_date as babel_date

    return str(babel_date(day, format=form, locale=_BABEL_LOCALES[current()]))


def format_number(value: int | float) -> str:
    """A number with the language's separators (`2,538`, `2 538`, `2538`)."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=_BABEL_LOCALES[current()]))


def join_words(items: list[str]) -> str:
    """`A, B and C` in the current language (Babel's list patterns)."""
    if not items:
        return ""
    from babel.lists import format_list

    return str(format_list(list(items), locale=_BABEL_LOCALES[current()]))


__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "current",
    "format_date",
    "format_number",
    "gettext",
    "join_words",
    "language",
    "ngettext",
    "translations",
]
