"""The processes of a build: shared folder tickets and forked children."""

from __future__ import annotations

import os

import pytest

from acsg_cli.errors import AcsgError
from acsg_cli.site.forked import Child, Tickets

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
