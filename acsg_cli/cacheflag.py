"""Whether this run may use the read cache (`registry.cache`).

Commands use it unless `acsg --no-cache` or `ACSG_NO_CACHE=1` says otherwise; library calls do
not, unless asked. Kept apart from `registry.cache` so the command line can set it without
importing the models.
"""

from __future__ import annotations

import os
from contextvars import ContextVar, Token

_on: ContextVar[bool] = ContextVar("acsg_read_cache", default=False)


def begin(on: bool = True) -> Token[bool]:
    """Switch the cache on (or off) for the run that starts; `end` restores the setting."""
    return _on.set(on)


def end(token: Token[bool]) -> None:
    _on.reset(token)


def switch_off() -> None:
    """`--no-cache`: this run neither reads nor writes the cache."""
    _on.set(False)


def enabled(asked: bool | None = None) -> bool:
    """`asked` if given; else whether the run uses the cache, and `ACSG_NO_CACHE` is unset or 0."""
    if asked is not None:
        return asked
    return _on.get() and os.environ.get("ACSG_NO_CACHE", "") in ("", "0")
