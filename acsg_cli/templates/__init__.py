"""New records from commented templates (`acsg new request|offer|practice`).

A new file holds what the person answered, and every other ACSG criterion as a commented key
with a one-line hint citing its paragraph, so the file loads at once and shows what is left
to write. The text is rendered from `<kind>.yaml.j2` beside this module, read back through
the record reader and checked against the model before anything is written: an answer that
would make an invalid file is refused, never saved.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from acsg_cli.errors import UsageError
from acsg_cli.templates.answers import OfferAnswers, PracticeAnswers, RequestAnswers

Answers = RequestAnswers | OfferAnswers | PracticeAnswers

SCHEMA_REF = "../../schemas/{kind}.schema.json"
"""The schema line's target, relative to `data/<folder>/` in a clone of the registry."""

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
"""Plain only for code-like text; anything starting with a digit, sign or dot may read as
a number."""
_RESERVED = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL)$"
)
"""Words YAML 1.1 or 1.2 reads as booleans or null: quoted so every reader sees text."""


@dataclass(frozen=True)
class NewRecord:
    """A record created (or only rendered): its id, its file and its text."""

    id: str
    path: Path
    text: str


def scalar(value: Any) -> str:
    """A YAML scalar: codes plain, anything else double-quoted (JSON strings are YAML 1.2)."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if _PLAIN.match(text) and not _RESERVED.match(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(values: list[Any]) -> str:
    """A flow sequence of scalars: `[TCD, NER]`."""
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def choices(enum: type[Enum]) -> str:
    """An enum's values as prose for a hint: `a, b or c`."""
    values = [str(e.value) for e in enum]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(scalar=scalar, flow=flow, choices=choices)
    return env


def render(kind: str, record_id: str, answers: Answers, today: date) -> str:
    """The commented YAML text of a new record."""
    from acsg_cli import vocab

    template = _environment().get_template(f"{kind}.yaml.j2")
    return str(template.render(id=record_id, a=answers, today=today.isoformat(), vocab=vocab))


def check(kind: str, text: str) -> None:
    """Read `text` back as a record file and validate it; `UsageError` listing every problem."""
    from pydantic import ValidationError

    from acsg_cli.models import KINDS
    from acsg_cli.models.errors import describe
    from acsg_cli.yamlio.reader import ReadError, read_bytes

    try:
        document = read_bytes(text.encode("utf-8"))
    except ReadError as exc:
        raise UsageError(f"the new {kind} would not be valid YAML: {exc}") from None
    try:
        KINDS[kind].model.model_validate(document.data)
    except ValidationError as exc:
        messages = "; ".join(describe(error)[2] for error in exc.errors())
        raise UsageError(f"the new {kind} would not be valid: {messages}") from None


def new_record(
    root: Path,
    kind: str,
    answers: Answers,
    today: date,
    *,
    write: bool = True,
    shown_root: str | None = None,
) -> NewRecord:
    """Render a new record with the next free id of `today`'s year, check it, and create its file.

    With `write=False` nothing is written (the text is for printing). The id is chosen and the
    file created under the registry lock (`registry.ids`), so parallel runs get distinct ids.
    """
    from acsg_cli.models import KINDS
    from acsg_cli.registry.ids import create_record, next_id
    from acsg_cli.registry.locking import registry_lock

    if kind not in ("request", "offer", "practice"):
        raise UsageError(
            f"cannot start a new '{kind}' from a template; choose request, offer or practice"
        )
    if not write:
        record_id = next_id(root, kind, today.year)
        text = render(kind, record_id, answers, today)
        check(kind, text)
        return NewRecord(record_id, root / KINDS[kind].folder / f"{record_id}.yaml", text)
    if not root.is_dir():
        raise UsageError(f"registry folder '{root}' not found (set --data or ACSG_DATA)")
    shown = str(root) if shown_root is None else shown_root
    rendered: dict[str, str] = {}

    def text_of(record_id: str) -> str:
        text = render(kind, record_id, answers, today)
        check(kind, text)
        rendered[record_id] = text
        return text

    with registry_lock(root, shown):
        record_id, path = create_record(root, kind, today.year, text_of, shown_root=shown)
    return NewRecord(record_id, path, rendered[record_id])


__all__ = [
    "NewRecord",
    "OfferAnswers",
    "PracticeAnswers",
    "RequestAnswers",
    "check",
    "new_record",
    "render",
    "scalar",
]
