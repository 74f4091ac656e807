"""Work done beside the main process, in a forked child that returns a small result.

A build makes the search index in a child forked once the records' search entries are made
(it starts with all of them, shared copy-on-write): it drives Pagefind and writes the index
while the main process renders the pages. With cores to spare, the pages are shared out too,
a child rendering some folders while the main process renders the others; each writes its
pages itself and sends back only what it did.
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
    """Processes to render `records` records with: the indexer keeps a core busy, so two where
    there are at least three cores, the system can fork and there is enough to share; else
    one. (On two cores a second one spent more on copying memory, on folders two processes
    write to and on work both do than it saved.)"""
    if not hasattr(os, "fork") or records < FORK_THRESHOLD:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return 2 if cores >= 3 else 1


class Child(Generic[T]):
    """A forked child running `work`: `result` waits for it and returns what `work` returned
    (or raises what it raised); `stop` ends it early."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._pid: int | None = None
        self._read_end: int | None = None
        if not hasattr(os, "fork"):  # pragma: no cover - no fork here: the work is done now
            self._payload = _outcome(work)
            return
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
        self._pid = pid
        self._read_end = read_end
        self._payload = b""

    def result(self) -> T:
        payload = self._payload
        if self._read_end is not None:
            with os.fdopen(self._read_end, "rb") as pipe:
                self._read_end = None
                payload = pipe.read()
        self._reap()
        if not payload:
            raise UsageError("cannot build the site: one of its processes stopped")
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
