"""Work done beside the main process, in forked children that return a small result.

A build forks an indexer once the registry is read (it starts with every record, shared
copy-on-write): it makes half the records' views and cards while the main process makes the
other half, the two swap them (`Swap`), and then it makes the search entries, drives Pagefind
and writes the index while the main process renders pages. Once the index is written, it
renders too: each process takes the next folder (`Tickets`), writes its pages itself and sends
back only what it did.
"""

from __future__ import annotations

import contextlib
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


def can_fork() -> bool:
    return hasattr(os, "fork")


def processes(records: int) -> int:
    """Processes to render `records` records with: two (the main process and the indexer,
    which renders once its index is written) where there are two cores or more, the system
    can fork and there is enough to share; else one. (More renderers spent more on copying
    memory and on work each does again, such as compiling templates and making cards, than
    they saved.)"""
    if not can_fork() or records < FORK_THRESHOLD:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return 2 if cores >= 2 else 1


class Tickets:
    """The numbers 0 to `count` - 1, each taken by exactly one of the processes iterating it
    (those forked after it is made, and the one that made it): a pipe filled with them at once,
    which each process reads four bytes at a time (a pipe hands a read of a few bytes to one
    reader whole)."""

    def __init__(self, count: int) -> None:
        if count * 4 > 4096:  # `PIPE_BUF`: written whole before anyone reads
            raise ValueError(f"too many tickets for one pipe: {count}")
        read_end, write_end = _pipe()
        try:
            os.write(write_end, b"".join(n.to_bytes(4, "little") for n in range(count)))
        finally:
            os.close(write_end)
        self._read_end: int | None = read_end

    def __iter__(self) -> Iterator[int]:
        while self._read_end is not None:
            taken = os.read(self._read_end, 4)
            if len(taken) < 4:  # all taken
                return
            yield int.from_bytes(taken, "little")

    def close(self) -> None:
        if self._read_end is not None:
            os.close(self._read_end)
            self._read_end = None


class Swap:
    """One exchange of values between a process and the child it forks next, over two pipes:
    the child sends first (`child_swap`), the parent receives first (`parent_swap`), so
    neither waits on a full pipe for the other. A side that ended without sending gives None."""

    def __init__(self) -> None:
        self._up = _pipe()  # child to parent
        try:
            self._down = _pipe()  # parent to child
        except AcsgError:
            os.close(self._up[0])
            os.close(self._up[1])
            raise
        self._open = {*self._up, *self._down}

    def child_swap(self, value: object) -> object:
        self._close(self._up[0], self._down[1])
        _send(self._take(self._up[1]), value)
        return _receive(self._take(self._down[0]))

    def parent_swap(self, value: object) -> object:
        """Once the child is forked: what it sent, after sending it `value`. A child that sent
        nothing, or ended before taking `value`, gets nothing (its end is reported by
        `Child.result`)."""
        self._close(self._up[1], self._down[0])
        found = _receive(self._take(self._up[0]))
        if found is None:
            self._close(self._down[1])  # the child waits for nothing more
            return None
        with contextlib.suppress(OSError):  # it ended meanwhile
            _send(self._take(self._down[1]), value)
        return found

    def close(self) -> None:
        self._close(*self._open)

    def _take(self, fd: int) -> int:
        self._open.discard(fd)  # closed by whoever takes it
        return fd

    def _close(self, *fds: int) -> None:
        for fd in fds:
            if fd in self._open:
                self._open.discard(fd)
                os.close(fd)


def _pipe() -> tuple[int, int]:
    try:
        return os.pipe()
    except OSError as exc:  # out of file descriptors
        raise AcsgError(f"cannot build the site: {exc}") from None


def _send(fd: int, value: object) -> None:
    with os.fdopen(fd, "wb") as pipe:
        pickle.dump(value, pipe, protocol=pickle.HIGHEST_PROTOCOL)


def _receive(fd: int) -> object:
    with os.fdopen(fd, "rb") as pipe:
        try:
            return pickle.load(pipe)
        except Exception:  # the other side ended without sending
            return None


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
