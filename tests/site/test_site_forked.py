"""The processes of a build: shared folder tickets and forked children."""

from __future__ import annotations

import os

import pytest

from acsg_cli.errors import AcsgError
from acsg_cli.site.forked import Child, Swap, Tickets

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="builds fork only where they can")


def test_each_ticket_is_taken_once_by_the_processes_sharing_them() -> None:
    tickets = Tickets(200)
    try:
        children = [Child(lambda: list(tickets)) for _ in range(2)]
        mine = list(tickets)
        theirs = [child.result() for child in children]
    finally:
        tickets.close()
    taken = mine + theirs[0] + theirs[1]
    assert sorted(taken) == list(range(200))
    assert mine == sorted(mine)  # each process takes them in order


def test_tickets_end_when_all_are_taken_and_a_closed_set_has_none() -> None:
    tickets = Tickets(3)
    assert list(tickets) == [0, 1, 2] and list(tickets) == []
    tickets.close()
    assert list(tickets) == []


def test_more_tickets_than_one_pipe_write_holds_are_refused() -> None:
    with pytest.raises(ValueError, match="too many tickets"):
        Tickets(5000)


def test_a_child_that_raises_raises_in_the_parent() -> None:
    def fail() -> int:
        raise AcsgError("cannot build the site: no room")

    with pytest.raises(AcsgError, match="no room"):
        Child(fail).result()


def test_a_swap_exchanges_one_value_each_way() -> None:
    swap = Swap()
    try:
        child = Child(lambda: swap.child_swap({"child": list(range(50_000))}))
        got = swap.parent_swap({"parent": "x" * 200_000})  # both beyond a pipe's buffer
        assert got == {"child": list(range(50_000))}
        assert child.result() == {"parent": "x" * 200_000}
    finally:
        swap.close()


def _refuse() -> None:
    raise ValueError("cannot be read back")


class _Unreadable:
    """A value whose unpickling fails."""

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return (_refuse, ())


def test_a_swap_the_parent_cannot_read_leaves_neither_side_waiting() -> None:
    import signal

    def stuck(_signum: int, _frame: object) -> None:
        raise AssertionError("the swap hung")

    before = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(20)
    swap = Swap()
    try:
        child = Child(lambda: swap.child_swap(_Unreadable()))
        assert swap.parent_swap("mine") is None
        assert child.result() is None  # it was sent nothing and went on
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
        swap.close()


def test_a_child_that_swaps_nothing_leaves_the_parent_waiting_for_nothing() -> None:
    swap = Swap()
    try:

        def fail() -> object:
            raise AcsgError("cannot build the site: no views")

        child = Child(fail)
        assert swap.parent_swap("mine") is None
        with pytest.raises(AcsgError, match="no views"):
            child.result()
    finally:
        swap.close()


class _EndsTheReader:
    """A value whose unpickling ends the process reading it."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return (os._exit, (9,))


def test_a_child_that_ends_during_the_swap_is_reported_by_its_result() -> None:
    swap = Swap()
    try:
        child = Child(lambda: swap.child_swap("theirs"))
        assert swap.parent_swap(["x" * 200_000, _EndsTheReader()]) == "theirs"
        with pytest.raises(AcsgError, match="exit status 9"):
            child.result()
    finally:
        swap.close()
