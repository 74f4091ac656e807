"""What a criteria rule is: metadata, a check yielding findings, and the context it runs in.

A rule looks at one record and yields `Finding`s: the key path to point at and a message.
The engine (`acsg_cli.rules.engine`) turns findings into problems: it locates the key in the
file, stamps the rule's code and severity, and applies the configuration and waivers.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from acsg_cli.models import Match, Offer, Practice, Request
from acsg_cli.problems import Severity
from acsg_cli.vocab import (
    ENDED_MATCH_STATUSES,
    LIVE_MATCH_STATUSES,
    Area,
    OfferStatus,
    PracticeStatus,
    RequestStatus,
)

if TYPE_CHECKING:
    from acsg_cli.registry import Registry

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """One unmet criterion in one record.

    `path` is the key the problem is about. When that key is missing, point at its parent
    (or `()` for the record itself): the engine locates the nearest key present in the file.
    `at_value` points at the value rather than the key (for a wrong list item, a date).
    """

    path: KeyPath
    message: str
    at_value: bool = False


@dataclass
class RuleContext:
    """What a rule may consult besides its record: the whole registry, today's date and the
    table of rules in force (which the waiver checks look codes up in).

    Indexes over the registry are built once per run, on first use, so no rule scans the
    registry for each record.
    """

    registry: Registry
    today: date
    rules: Mapping[str, Rule]

    @cached_property
    def live_matches_by_state(self) -> dict[str, list[tuple[Match, frozenset[Area]]]]:
        """Live matches by requesting State, each with the areas it covers.

        A match covers the areas of its request that at least one of its offers offers.
        """
        index: dict[str, list[tuple[Match, frozenset[Area]]]] = {}
        for match in self.registry.matches.values():
            if match.status not in LIVE_MATCH_STATUSES:
                continue
            request = self.registry.requests.get(match.request)
            if request is None:
                continue
            offered: set[Area] = set()
            for offer_id in match.offers:
                offer = self.registry.offers.get(offer_id)
                if offer is not None:
                    offered.update(offer.areas)
            covered = frozenset(a for a in request.areas if a in offered)
            for state in request.requesting_states:
                index.setdefault(state, []).append((match, covered))
        return index

    @cached_property
    def known_pledges(self) -> frozenset[str]:
        """Every GRF pledge id a request or an offer of the registry carries."""
        requests = self.registry.requests.values()
        offers = self.registry.offers.values()
        return frozenset(
            [p for r in requests for p in r.grf_pledge_ids]
            + [p for o in offers for p in o.grf_pledge_ids]
        )


class Rule:
    """A criterion with a stable code. Subclasses set the class attributes and `check`.

    The class docstring is the rule's documentation (`acsg rules CODE`): what it checks and
    why, then a passing and a failing example in YAML.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.ERROR
    cites: ClassVar[str]
    summary: ClassVar[str]
    applies_to: ClassVar[str]
    """The kind of record checked: `request`, `offer`, `match`, `practice`, or `any`."""
    waivable: ClassVar[bool] = True
    """Whether a record may carry a waiver for this rule."""

    def applies(self, context: RuleContext, record: Any) -> bool:
        """Whether the criterion concerns this record at all (else: not applicable)."""
        return True

    def check(self, context: RuleContext, record: Any) -> Iterator[Finding]:
        raise NotImplementedError

    def severity_for(self, record: Any, base: Severity) -> Severity | None:
        """The severity for this record given the configured one; None: not reported."""
        return base

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def handles(cls, record: Any) -> bool:
        return cls.applies_to in ("any", record.kind)


class RequiredField:
    """A criterion asking for one field: a finding at the field when it is missing or empty.

    Mixed in before the kind's rule class (`class ConcreteGap(RequiredField, RequestRule)`),
    whose severity it keeps. A rule asking more of the field when present extends `check`.
    """

    required: ClassVar[str]
    """The field asked for."""
    hint: ClassVar[str]
    """What to write there; the message is `no <field>: <hint>`."""

    def check(self, context: RuleContext, record: Any) -> Iterator[Finding]:
        if not getattr(record, self.required):
            yield Finding((self.required,), f"no {self.required}: {self.hint}")


class SubmittedDate:
    """A criterion that holds whatever the record's status: its `submitted_on` has come.

    Mixed in before the kind's rule class, as `RequiredField` is.
    """

    dated_when: ClassVar[str]
    """What the date records, said after the message ("a request is dated when ...")."""

    def severity_for(self, record: Any, base: Severity) -> Severity | None:
        return base

    def check(self, context: RuleContext, record: Any) -> Iterator[Finding]:
        from acsg_cli.matching.eligibility import submitted_after

        if submitted_after(record, context.today):
            yield Finding(
                ("submitted_on",),
                f"submitted_on ({record.submitted_on}) is after today ({context.today}); "
                f"{self.dated_when}",
                at_value=True,
            )


GATED_STATUSES = frozenset({RequestStatus.DRAFT, RequestStatus.OPEN})
"""Request statuses the criteria gate: the Secretariat seeks offers only for requests that
meet them (WM 16). Matched, closed and withdrawn requests are past that gate."""


class RequestRule(Rule):
    """A WM 13 / WM 15 / FS 4 criterion on a request.

    Severity follows the request's status: the configured severity (error by default) on an
    `open` request, at most a warning on a `draft` (still being written), and nothing on a
    `matched`, `closed` or `withdrawn` request. Those were accepted, often as GRF 2019
    pledges before the criteria were written down, and reopening them would only make CI
    fail on history; `acsg show` still prints their scorecard.
    """

    applies_to: ClassVar[str] = "request"

    def severity_for(self, record: Request, base: Severity) -> Severity | None:
        if record.status not in GATED_STATUSES:
            return None
        if record.status is RequestStatus.DRAFT and base is Severity.ERROR:
            return Severity.WARNING
        return base


class OfferRule(Rule):
    """A criterion on an offer; by default only `open` offers are checked.

    Committed, closed and withdrawn offers are history; a rule that must hold whatever the
    status (dates in order) overrides `severity_for`.
    """

    applies_to: ClassVar[str] = "offer"

    def severity_for(self, record: Offer, base: Severity) -> Severity | None:
        return base if record.status is OfferStatus.OPEN else None

    def check(self, context: RuleContext, record: Offer) -> Iterator[Finding]:
        raise NotImplementedError


class MatchRule(Rule):
    """A criterion on a match; declined and withdrawn matches came to nothing and are skipped.

    Matches whose request or offers do not resolve are skipped too: ACSG021 reports them.
    """

    applies_to: ClassVar[str] = "match"

    def severity_for(self, record: Match, base: Severity) -> Severity | None:
        return None if record.status in ENDED_MATCH_STATUSES else base

    def applies(self, context: RuleContext, record: Match) -> bool:
        registry = context.registry
        return record.request in registry.requests and all(
            o in registry.offers for o in record.offers
        )

    def check(self, context: RuleContext, record: Match) -> Iterator[Finding]:
        raise NotImplementedError

    @staticmethod
    def parties(context: RuleContext, record: Match) -> tuple[Request, list[Offer]]:
        """The match's request and offers (`applies` made sure they resolve)."""
        registry = context.registry
        return registry.requests[record.request], [registry.offers[o] for o in record.offers]


class PracticeRule(Rule):
    """A criterion on a good practice: the configured severity on a `published` practice, at most
    a warning on a `draft` (still being written), nothing on an `archived` one."""

    applies_to: ClassVar[str] = "practice"

    def severity_for(self, record: Practice, base: Severity) -> Severity | None:
        if record.status is PracticeStatus.ARCHIVED:
            return None
        if record.status is PracticeStatus.DRAFT and base is Severity.ERROR:
            return Severity.WARNING
        return base

    def check(self, context: RuleContext, record: Practice) -> Iterator[Finding]:
        raise NotImplementedError


class WaiverRule(Rule):
    """A check of a record's `waivers` (ACSG03x): it looks at any kind of record that has
    waivers, and cannot itself be waived."""

    applies_to: ClassVar[str] = "any"
    waivable: ClassVar[bool] = False

    def applies(self, context: RuleContext, record: Any) -> bool:
        return bool(record.waivers)


RuleMap = Mapping[str, Rule]
