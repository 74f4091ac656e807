"""Today, in one place: a command's `--today DATE`, else the `ACSG_TODAY` environment variable,
else the local calendar date.

No other module calls `date.today()`: commands pass the date they were given down to the
library, and library functions given none ask `today()`. Tests fix the date with `--today` or
`ACSG_TODAY`, so a run on another day gives the same output.
"""

from __future__ import annotations

import os
from datetime import date

from acsg_cli.errors import UsageError

ENV = "ACSG_TODAY"
"""The environment variable that fixes today's date for every command."""


def parse_date(text: str) -> date:
    """A date written YYYY-MM-DD; `ValueError` naming the text otherwise."""
    stripped = text.strip()
    if len(stripped) != len("YYYY-MM-DD"):
        raise ValueError(f"'{text}' is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        raise ValueError(f"'{text}' is not a date written YYYY-MM-DD") from None


def today(given: date | None = None) -> date:
    """`given` when there is one, else `ACSG_TODAY`, else the local calendar date: the default
    for `--on`, the matching date and the limit for dates in the future."""
    if given is not None:
        return given
    fixed = os.environ.get(ENV, "").strip()
    if fixed:
        try:
            return parse_date(fixed)
        except ValueError as exc:
            raise UsageError(f"{ENV}: {exc}") from None
    return date.today()
