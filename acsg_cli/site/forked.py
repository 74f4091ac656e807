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
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from acsg_cli.errors import AcsgError

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
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError as exc:
            os.close(read_end)
            os.close(write_end)
            raise AcsgError(f"cannot build the site: cannot start a process ({exc})") from None
        if pid == 0:  # the child: it never returns from here
            status = 1
            try:
                _die_with(parent)
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
        ended = self._reap()
        try:
            done, value = pickle.loads(payload)
        except Exception:  # nothing, or cut short: the child died before it could say
            raise AcsgError(f"cannot build the site: one of its processes {ended}") from None
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

    def _reap(self) -> str:
        """Wait for the child; how it ended, in words."""
        if self._pid is None:
            return "stopped"
        _pid, status = os.waitpid(self._pid, 0)
        self._pid = None
        if os.WIFSIGNALED(status):
            return f"was killed by {signal.Signals(os.WTERMSIG(status)).name}"
        return f"stopped with exit status {os.waitstatus_to_exitcode(status)}"


def _die_with(parent: int) -> None:
    """In a child: end with the default action on SIGTERM, and when `parent` ends (Linux's
    parent-death signal), so a build stopped from outside leaves no process writing into its
    folder."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # it ended before the signal was asked for
        os._exit(1)


@contextmanager
def stopped_by_sigterm() -> Iterator[None]:
    """While the build runs, SIGTERM (a `kill`, a `timeout`) ends it as Ctrl-C would: through
    its clean-up, which stops its children and removes its temporary files."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    before = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _outcome(work: Callable[[], object]) -> bytes:
    """What `work` returned or raised, pickled (an exception that cannot be pickled goes as a
    build error with its message)."""
    try:
        return pickle.dumps((True, work()))
    except BaseException as exc:
        try:
            return pickle.dumps((False, exc))
        except Exception:
            return pickle.dumps((False, AcsgError(f"cannot build the site: {exc}")))
