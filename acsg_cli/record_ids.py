"""The form of a record id (`REQ-2021-001`: a prefix, the year, a number of three digits or
more), defined once and without pydantic: the models check ids against it, the renderers find
ids in text with it, and the loader reads the id a file's name gives."""

from __future__ import annotations

import re

PREFIXES = {"request": "REQ", "offer": "OFF", "match": "MAT", "practice": "GP"}
_NUMBER = r"[0-9]{4}-[0-9]{3,}"
ID_PATTERNS = {kind: "^" + prefix + "-" + _NUMBER + "$" for kind, prefix in PREFIXES.items()}
"""Each kind's id, anchored (the models' field patterns and the JSON Schemas)."""
ANY_ID = "(?:" + "|".join(PREFIXES.values()) + ")-" + _NUMBER
"""Any record's id, not anchored: to find ids in text."""
_WHOLE_ID = re.compile(ANY_ID)


def is_record_id(text: str) -> bool:
    """Whether `text` is written as a record id of some kind."""
    return _WHOLE_ID.fullmatch(text) is not None
