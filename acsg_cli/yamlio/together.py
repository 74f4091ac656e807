"""Edits of several records as one change: a match and the request and offers that follow it.

Every file is read, changed and checked under its lock (`editor`) before any is written, so a
refusal anywhere leaves every file as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from acsg_cli.errors import DataError
from acsg_cli.problems import Problem
from acsg_cli.yamlio.editor import (
    LOCK_TIMEOUT,
    EditResult,
    RoundTrip,
    edit_locked,
    record_lock,
)
from acsg_cli.yamlio.reader import Document


@dataclass(frozen=True)
class Step:
    """One file of an edit that changes several records together (see `edit_together`)."""

    path: Path
    display: str
    change: Callable[[Document, RoundTrip], Any]
    check: Callable[[Document], list[Problem]]
    order: Sequence[str] = ()


def edit_together(
    first: Step,
    then: Callable[[EditResult, Any], Sequence[Step]],
    *,
    write: bool = True,
    lock_timeout: float = LOCK_TIMEOUT,
) -> tuple[EditResult, Any, list[EditResult]]:
    """Edit `first`, then the files `then(first's result, outcome)` names, as one change: every
    file is read and checked under its lock before any is written, so a refusal anywhere leaves
    every file as it was; the writes are atomic one by one, and if one fails, those already
    written are put back. Returns `first`'s result and outcome and the other results."""
    import contextlib

    from acsg_cli.yamlio.writer import atomic_write

    def prepare(stack: contextlib.ExitStack, step: Step) -> tuple[EditResult, Any]:
        """Take the step's lock (held until every file is written) and make its edit in memory."""
        path, display = step.path, step.display
        stack.enter_context(record_lock(path, display, lock_timeout))
        return edit_locked(
            path, display, step.change, check=step.check, write=False, order=step.order
        )

    with contextlib.ExitStack() as stack:
        result, outcome = prepare(stack, first)
        others = [prepare(stack, step)[0] for step in then(result, outcome)]
        if not write:
            return result, outcome, others
        done: list[EditResult] = []
        try:
            for edit in [result, *others]:
                if edit.changed:
                    atomic_write(edit.path, edit.raw(edit.after), shown=edit.display)
                    done.append(edit)
        except BaseException as exc:  # a full disk, a refused write, Ctrl-C: put every file back
            stuck = []
            for edit in reversed(done):
                try:
                    atomic_write(edit.path, edit.raw(edit.before))
                except (OSError, DataError):  # put the others back all the same
                    stuck.append(edit.display)
            if stuck and isinstance(exc, (OSError, DataError)):
                raise DataError(
                    f"{exc}; and {', '.join(stuck)} could not be put back as it was: "
                    "check it with git diff"
                ) from exc
            raise
    written = [_written(e) for e in others]
    return _written(result), outcome, written


def _written(edit: EditResult) -> EditResult:
    from dataclasses import replace

    return replace(edit, written=edit.changed)
