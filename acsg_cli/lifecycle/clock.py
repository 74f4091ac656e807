""" "Today", in one place, so tests can fix it (`monkeypatch.setattr(clock, "today", ...)`)."""

from __future__ import annotations

from datetime import date


def today() -> date:
    """The local calendar date: the default for `--on` and the limit for dates in the future."""
    return date.today()
