"""Progress of long runs, drawn only for a person watching a terminal.

Library loops wrap their items in `track(items, label)`, which yields them unchanged. Nothing
is drawn unless the CLI has switched progress on for the run (`shown(True)`, which it does
only when stderr is a terminal) and the loop is long (`THRESHOLD` items or more); the bar
then goes to stderr and is removed when the loop ends, so stdout stays pure data. rich is
imported only when a bar is drawn.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

THRESHOLD = 500
"""Fewest items a loop must have for a bar: a real registry loads in a blink, a large one
does not."""

_enabled: ContextVar[bool] = ContextVar("acsg_progress", default=False)


@contextmanager
def shown(enabled: bool) -> Iterator[None]:
    """Within this block, long `track` loops draw a bar on stderr if `enabled`."""
    token = _enabled.set(enabled)
    try:
        yield
    finally:
        _enabled.reset(token)


def will_draw(total: int) -> bool:
    return _enabled.get() and total >= THRESHOLD


def track(items: Sequence[T], label: str) -> Iterator[T]:
    """Yield `items`, advancing a transient progress bar when one is wanted."""
    if not will_draw(len(items)):
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=len(items))
        for item in items:
            yield item
            bar.advance(task)
