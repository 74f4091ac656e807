"""Plain scalars resolved with the YAML 1.2 core schema: `no`, `yes`, `on` stay text."""

from __future__ import annotations

import re
from typing import Any

CORE = "tag:yaml.org,2002:"
NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?(?:\.inf|\.Inf|\.INF)$")
_NAN = re.compile(r"^(?:\.nan|\.NaN|\.NAN)$")
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)
"""Characters a record may not hold, as they are or escaped in a quoted string: controls but
tab and line ends, DEL and C1, bidirectional embeddings, overrides and isolates (text that shows
otherwise than it reads), surrogates and noncharacters. libyaml refuses most of them with an
error that names no file; they are reported as a problem of the file instead."""
_SPECIAL_WORDS: dict[str, Any] = {"~": None, "null": None, "Null": None, "NULL": None, **BOOL}
_NUMERIC_START = frozenset("0123456789+-.")


def is_int(value: str) -> bool:
    return bool(_INT10.match(value) or _INT8.match(value) or _INT16.match(value))


def is_number(value: str) -> bool:
    return bool(is_int(value) or _FLOAT.match(value) or _INF.match(value) or _NAN.match(value))


def char_name(char: str) -> str:
    code = ord(char)
    if code >= 0xD800:
        kind = "noncharacter"
    elif code >= 0x202A:
        kind = "bidirectional control"
    else:
        kind = "control character"
    return f"{kind} U+{code:04X}"


def short_tag(tag: str) -> str:
    return tag.replace(CORE, "!!")


def resolve_plain(value: str) -> Any:
    """Resolve an untagged plain scalar with the YAML 1.2 core schema."""
    if not value:
        return None
    if value[0] not in _NUMERIC_START:
        # Most plain scalars are words: only the null and boolean spellings are not text.
        return _SPECIAL_WORDS.get(value, value) if len(value) <= 5 else value
    if _INT10.match(value):
        return int(value, 10)
    if _FLOAT.match(value):
        return float(value)
    if _INT8.match(value):
        return int(value[2:], 8)
    if _INT16.match(value):
        return int(value[2:], 16)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value
