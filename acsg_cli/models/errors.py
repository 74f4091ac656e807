"""pydantic validation errors rendered as `key.path: message`, with a code and a key path."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from functools import cache
from typing import Any

from acsg_cli import problems as codes
from acsg_cli.errors import validator_message

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping of keys to values",
    "dict_type": "a mapping of keys to values",
    "date_type": "a date written YYYY-MM-DD",
}
_PATTERN_WORDS = {
    r"^REQ-": "a request id like REQ-2021-001",
    r"^OFF-": "an offer id like OFF-2021-001",
    r"^MAT-": "a match id like MAT-2021-001",
    r"^GP-": "a practice id like GP-2021-001",
    r"^https?": "a web address starting with https://",
    r"^[A-Z]{3}$": "an ISO 3166-1 alpha-3 country code like TCD",
    r"^[a-z]{2}$": "an ISO 639-1 language code like fr",
    r"^ACSG": "a rule code like ACSG101",
    r"^(?:[A-Z]{3}|": "a requesting State's ISO3 code or an offer id",
    r"^[^@": "an email address",
}


def path_text(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@cache
def _known_keys() -> frozenset[str]:
    from acsg_cli.models import KINDS

    keys: set[str] = set()

    def walk(model: Any) -> None:
        for name, field in model.model_fields.items():
            keys.add(field.alias or name)
            for arg in _models_in(field.annotation):
                walk(arg)

    for kind in KINDS.values():
        walk(kind.model)
    return frozenset(keys)


def _models_in(annotation: Any) -> list[Any]:
    from typing import get_args

    from pydantic import BaseModel

    found = []
    stack = [annotation]
    while stack:
        a = stack.pop()
        if isinstance(a, type) and issubclass(a, BaseModel):
            found.append(a)
        else:
            stack.extend(get_args(a))
    return found


def _show(value: Any) -> str:
    if isinstance(value, str):
        text = "'" + value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + "'"
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe(error: Mapping[str, Any]) -> tuple[str, tuple[Any, ...], str]:
    """(problem code, key path to point at, message) for one pydantic error."""
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    kind = error["type"]
    value = error.get("input")
    where = path_text(loc)
    if loc and loc[-1] == "[key]":  # a mapping's key is wrong: name the mapping, not "x.[key]"
        where = path_text(loc[:-2])
    prefix = f"{where}: " if where else ""
    if kind == "missing":
        return codes.MISSING_KEY, loc[:-1], f"missing required key '{where}'"
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        near = difflib.get_close_matches(key, sorted(_known_keys()), n=1, cutoff=0.75)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        return codes.UNKNOWN_KEY, loc, f"unknown key '{where}'{hint}"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        choices = [
            c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",") if c.strip()
        ]
        near = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        hint = (
            f"; did you mean '{near[0]}'?" if near else f"; expected one of: {', '.join(choices)}"
        )
        return codes.INVALID_VALUE, loc, f"{prefix}{_show(value)} is not a known value{hint}"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        words = next((w for p, w in _PATTERN_WORDS.items() if pattern.startswith(p)), None)
        if words is None:
            words = "a single line of text" if "\\n" in pattern else "non-blank text"
        return codes.INVALID_VALUE, loc, f"{prefix}{_show(value)} is not {words}"
    if kind in _TYPE_WORDS:
        found = "nothing" if value is None else f"{type(value).__name__} {_show(value)}"
        return codes.INVALID_VALUE, loc, f"{prefix}expected {_TYPE_WORDS[kind]}, found {found}"
    if kind == "literal_error":
        return (
            codes.INVALID_VALUE,
            loc,
            f"{prefix}expected {error.get('ctx', {}).get('expected')}, found {_show(value)}",
        )
    if kind == "too_short":
        return (
            codes.INVALID_VALUE,
            loc,
            f"{prefix}must list at least {error.get('ctx', {}).get('min_length', 1)} value",
        )
    if kind == "too_long":
        return codes.INVALID_VALUE, loc, f"{prefix}is too long"
    if kind in ("value_error", "assertion_error"):
        return codes.INVALID_VALUE, loc, f"{prefix}{validator_message(str(error['msg']))}"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_from_datetime_inexact"):
        return codes.INVALID_VALUE, loc, f"{prefix}{_show(value)} is not a real date (YYYY-MM-DD)"
    message = str(error["msg"])
    return codes.INVALID_VALUE, loc, f"{prefix}{message[0].lower()}{message[1:]}"
