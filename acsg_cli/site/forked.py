"""Work done beside the main process, in a forked child that returns a small result.

A build renders part of its pages in a child forked once the records, their views and cards
are made (the child starts with all of them, shared copy-on-write) while the main process
renders the rest and drives the search indexer: on two cores the pages take about half the
time. The child writes its pages itself and sends back only what it did.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Generic, TypeVar

from acsg_cli.errors import UsageError

T = TypeVar("T")

FORK_THRESHOLD = 400
"""Fewest records for which a second process is worth starting."""


def processes(records: int) -> int:
    """Processes to render `records` records with: two where there are two cores to use, the
    system can fork and there is enough to share; else one."""
    if not hasattr(os, "fork") or records < FORK_THRESHOLD:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return 2 if cores >= 2 else 1


class Child(Generic[T]):
    """A forked child running `work`: `result` waits for it and returns what `work` returned
    (or raises what it raised); `stop` ends it early."""

    def __init__(self, work: Callable[[], T]) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: it never returns from here
            status = 1
            try:
                os.close(read_end)
                payload = _outcome(work)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid: int | None = pid
        self._read_end: int | None = read_end

    def result(self) -> T:
        assert self._read_end is not None
        with os.fdopen(self._read_end, "rb") as pipe:
            self._read_end = None
            payload = pipe.read()
        self._reap()
        if not payload:
            raise UsageError("cannot build the site: its second rendering process stopped")
        done, value = pickle.loads(payload)
        if not done:
            raise value
        result: T = value
        return result

    def stop(self) -> None:
        if self._read_end is not None:
            os.close(self._read_end)
            self._read_end = None
        if self._pid is not None:
            import signal

            os.kill(self._pid, signal.SIGTERM)
            self._reap()

    def _reap(self) -> None:
        if self._pid is not None:
            os.waitpid(self._pid, 0)
            self._pid = None


def _outcome(work: Callable[[], object]) -> bytes:
    """What `work` returned or raised, pickled (an exception that cannot be pickled goes as a
    `UsageError` with its message)."""
    try:
        return pickle.dumps((True, work()))
    except BaseException as exc:
        try:
            return pickle.dumps((False, exc))
        except Exception:
            return pickle.dumps((False, UsageError(f"cannot build the site: {exc}")))
