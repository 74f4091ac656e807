"""ACSG118 and ACSG206: a request's and an offer's status agree with their matches (FS 3)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from acsg_cli.models import Offer, Request
from acsg_cli.problems import Severity
from acsg_cli.rules.base import Finding, OfferRule, RequestRule, RuleContext
from acsg_cli.rules.match_dates import history_backwards

if TYPE_CHECKING:
    from acsg_cli.lifecycle.following import Expected


def _contradictions(record: Request | Offer, found: Expected | None) -> Iterator[Finding]:
    """The status that contradicts the matches (`found`), and a history that does not end with
    the status or goes back in time."""
    if found is not None:
        yield Finding(
            ("status",),
            f"status is {record.status.value}, expected {found.status.value}: {found.reason}",
            at_value=True,
        )
    if record.history and record.history[-1].status is not record.status:
        last = record.history[-1]
        yield Finding(
            ("status",),
            f"status is {record.status.value}, but the last history entry "
            f"({last.on}) says {last.status.value}",
            at_value=True,
        )
    yield from history_backwards([entry.on for entry in record.history])


class FollowsMatches:
    """A status that must agree with the record's matches whatever it is (draft to withdrawn).

    Mixed in before the kind's rule class, as `SubmittedDate` is; `expected` says what the
    status should be."""

    def expected(self, context: RuleContext, record: Any) -> Expected | None:
        raise NotImplementedError

    def severity_for(self, record: Any, base: Severity) -> Severity | None:
        return base

    def check(self, context: RuleContext, record: Any) -> Iterator[Finding]:
        yield from _contradictions(record, self.expected(context, record))


class RequestStatusFollowsMatches(FollowsMatches, RequestRule):
    """A request's status follows its matches (FS 3).

    Checks both directions: a request with an agreed match (agreed, welcomed, in
    implementation) is `matched`; a `matched` request has such a match, or a completed one; a
    request whose match completed stays out of `open` unless the Secretariat reopened it (a
    `history` entry to `open` dated on or after the completion, `acsg request reopen`).
    Withdrawn and closed requests are the Secretariat's decisions: their status is not
    checked against the matches (a live match on one is ACSG022). A `history`, when given,
    ends with the status and never goes back in time. The lifecycle commands keep this true;
    a hand edit can break it.

    Why: FS 3 ends the matching process with the parties' agreement; a request still listed
    as open after that is proposed again, counted as an unmet need and shown as waiting in
    the reports.

    Passing example (no match for the request was ever agreed):

    ```yaml
    status: open
    ```

    Failing example (the same request, said to be matched):

    ```yaml
    status: matched
    ```
    """

    code = "ACSG118"
    name = "request-status-follows-matches"
    cites = "FS 3"
    summary = "A request's status agrees with its matches: matched once one is agreed."

    def expected(self, context: RuleContext, record: Request) -> Expected | None:
        from acsg_cli.lifecycle.following import expected_request

        return expected_request(record, context.registry.matches_for_request(record.id))


class OfferStatusFollowsMatches(FollowsMatches, OfferRule):
    """An offer's status follows its matches (WM 20, FS 3).

    Checks both directions: an `open` offer whose agreed matches (agreed, welcomed, in
    implementation, with every party's consent granted: what holds a request too) fill its
    `capacity` is `committed`; a `committed` offer has agreed
    matches filling its capacity (once one ends or completes, it is open again). Withdrawn
    and closed offers are the Secretariat's decisions and are not checked. Its `history`,
    when given, ends with its status.

    Why: an offer's free capacity is its capacity less its live matches (WM 20); an offer
    shown as open while fully taken is proposed to requests it cannot serve.

    Passing example (capacity 2; its only match, MAT-2021-002, is not agreed yet):

    ```yaml
    status: open
    ```

    Failing example (the same offer, said to be taken):

    ```yaml
    status: committed
    ```
    """

    code = "ACSG206"
    name = "offer-status-follows-matches"
    cites = "WM 20, FS 3"
    summary = "An offer's status agrees with its matches: committed while they fill it."

    def expected(self, context: RuleContext, record: Offer) -> Expected | None:
        from acsg_cli.lifecycle.following import expected_offer

        registry = context.registry
        return expected_offer(record, registry.matches_for_offer(record.id), registry.requests)
