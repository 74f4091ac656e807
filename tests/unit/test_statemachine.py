"""The match state machine and `check_history`."""

from __future__ import annotations

from typing import Any

import pytest

from acsg_cli.lifecycle import statemachine as sm
from acsg_cli.models import Match, Request
from acsg_cli.vocab import Decision, MatchStatus

REQUEST = Request.model_validate(
    {
        "id": "REQ-2022-001",
        "title": "Joint request",
        "requesting_states": ["NER", "TCD"],
        "submitted_on": "2022-01-10",
        "status": "open",
        "areas": ["training"],
        "support_types": ["technical"],
    }
)


def match(**changes: Any) -> Match:
    data: dict[str, Any] = {
        "id": "MAT-2022-001",
        "request": "REQ-2022-001",
        "offers": ["OFF-2022-001"],
        "status": "proposed",
        "proposed_on": "2022-03-01",
        "history": [{"on": "2022-03-01", "status": "proposed"}],
    }
    data.update(changes)
    return Match.model_validate(data)


def grants(*parties: str, on: str = "2022-03-10") -> list[dict[str, str]]:
    return [{"party": p, "decision": "granted", "on": on} for p in parties]


def history(*steps: str, on: str = "2022-03-10") -> list[dict[str, str]]:
    entries = [{"on": "2022-03-01", "status": "proposed"}]
    entries += [
        {"on": on, "status": s, **({"note": "why"} if s == "withdrawn" else {})} for s in steps
    ]
    return entries


def findings(m: Match, request: Request | None = REQUEST) -> list[tuple[tuple[Any, ...], str]]:
    return list(sm.check_history(m, request))


def test_every_status_is_in_the_machine_and_final_ones_have_no_moves() -> None:
    named = {m.source for m in sm.MOVES} | {m.target for m in sm.MOVES}
    assert named == set(MatchStatus)
    for final in (MatchStatus.COMPLETED, MatchStatus.DECLINED, MatchStatus.WITHDRAWN):
        assert sm.moves_from(final) == []
        assert sm.describe_moves(sm.moves_from(final)) == "none (final status)"
    assert all(sm.find_move(s, MatchStatus.WITHDRAWN) for s in sm.LIVE)


def test_command_moves_are_the_secretariat_ones() -> None:
    def targets(status: MatchStatus) -> list[str]:
        return [m.target.value for m in sm.moves_from(status, sm.Trigger.COMMAND)]

    assert targets(MatchStatus.PROPOSED) == ["consent_pending", "withdrawn"]
    assert targets(MatchStatus.CONSENT_PENDING) == ["withdrawn"]
    assert targets(MatchStatus.AGREED) == ["welcomed", "withdrawn"]
    assert targets(MatchStatus.WELCOMED) == ["in_implementation", "withdrawn"]
    assert targets(MatchStatus.IN_IMPLEMENTATION) == ["completed", "withdrawn"]


@pytest.mark.parametrize(
    "status, decisions, expected",
    [
        ("proposed", {"NER": "granted"}, ["consent_pending"]),
        ("consent_pending", {"NER": "granted", "TCD": "granted"}, []),
        (
            "consent_pending",
            {"NER": "granted", "TCD": "granted", "OFF-2022-001": "granted"},
            ["agreed"],
        ),
        (
            "proposed",
            {"NER": "granted", "TCD": "granted", "OFF-2022-001": "granted"},
            ["consent_pending", "agreed"],
        ),
        ("proposed", {"TCD": "declined"}, ["declined"]),
        ("consent_pending", {"NER": "granted", "OFF-2022-001": "declined"}, ["declined"]),
        ("consent_pending", {"NER": "withdrawn"}, []),
        (
            "agreed",
            {"NER": "withdrawn", "TCD": "granted", "OFF-2022-001": "granted"},
            ["consent_pending"],
        ),
        (
            "welcomed",
            {"NER": "granted", "TCD": "granted", "OFF-2022-001": "withdrawn"},
            ["withdrawn"],
        ),
        (
            "in_implementation",
            {"NER": "withdrawn", "TCD": "granted", "OFF-2022-001": "granted"},
            ["withdrawn"],
        ),
    ],
)
def test_consent_moves(status: str, decisions: dict[str, str], expected: list[str]) -> None:
    parties = ["NER", "TCD", "OFF-2022-001"]
    got = sm.consent_moves(
        MatchStatus(status), parties, {p: Decision(d) for p, d in decisions.items()}
    )
    assert [s.value for s in got] == expected


def test_joint_request_needs_both_states() -> None:
    one_state = match(
        status="agreed",
        consents=grants("NER", "OFF-2022-001"),
        history=history("consent_pending", "agreed"),
    )
    messages = [m for _, m in findings(one_state)]
    assert "status is 'agreed' but not every party has granted consent: TCD (pending)" in messages
    assert any(
        m.startswith(
            "'agreed' on 2022-03-10, but by that date not every party had granted consent: "
            "TCD (pending)"
        )
        for m in messages
    )
    both = match(
        status="agreed",
        consents=grants("NER", "TCD", "OFF-2022-001"),
        history=history("consent_pending", "agreed"),
    )
    assert findings(both) == []


def test_valid_whole_life() -> None:
    m = match(
        status="completed",
        consents=grants("NER", "TCD", "OFF-2022-001"),
        history=history("consent_pending", "agreed", "welcomed", "in_implementation", "completed"),
        updates=[{"on": "2022-06-01", "summary": "Done."}],
    )
    assert findings(m) == []


@pytest.mark.parametrize(
    "changes, path, message",
    [
        (
            {"consents": grants("NER", "FRA")},
            ("consents", 1, "party"),
            "'FRA' is not a party to this match; the parties are NER, TCD, OFF-2022-001",
        ),
        (
            {
                "consents": grants("NER", on="2022-02-01"),
                "status": "consent_pending",
                "history": history("consent_pending"),
            },
            ("consents", 0, "on"),
            "consent dated 2022-02-01, before the match was proposed (2022-03-01)",
        ),
        (
            {
                "status": "welcomed",
                "history": history("welcomed"),
                "consents": grants("NER", "TCD", "OFF-2022-001"),
            },
            ("history", 1, "status"),
            "a match cannot move from 'proposed' to 'welcomed'; from 'proposed' it moves to: "
            "consent_pending, declined, withdrawn (with a note)",
        ),
        (
            {
                "status": "consent_pending",
                "history": [
                    {"on": "2022-03-05", "status": "proposed"},
                    {"on": "2022-03-04", "status": "consent_pending"},
                ],
                "consents": grants("NER", on="2022-03-05"),
            },
            ("history", 1, "on"),
            "dated 2022-03-04, before the previous entry (2022-03-05); history is kept in date "
            "order",
        ),
        (
            {"status": "consent_pending"},
            ("status",),
            "status is 'consent_pending' but the last history entry (history[0]) says 'proposed'; "
            "add a history entry for each move",
        ),
        (
            {
                "status": "withdrawn",
                "history": [
                    {"on": "2022-03-01", "status": "proposed"},
                    {"on": "2022-03-02", "status": "withdrawn"},
                ],
            },
            ("history", 1),
            "a match is withdrawn with a note saying why",
        ),
        (
            {
                "status": "consent_pending",
                "history": history("consent_pending"),
                "consents": [
                    *grants("NER"),
                    {"party": "NER", "decision": "declined", "on": "2022-03-11"},
                ],
            },
            ("consents", 1, "decision"),
            "NER already decided 'granted' (consents[0]); correct that entry, or record a "
            "withdrawal before a new decision",
        ),
        (
            {
                "status": "consent_pending",
                "history": history("consent_pending"),
                "consents": [{"party": "TCD", "decision": "withdrawn", "on": "2022-03-11"}],
            },
            ("consents", 0, "decision"),
            "TCD withdraws a consent it had not granted; only a granted consent can be withdrawn",
        ),
        (
            {
                "status": "consent_pending",
                "history": history("consent_pending"),
                "consents": [
                    *grants("NER"),
                    {"party": "TCD", "decision": "declined", "on": "2022-03-11"},
                ],
            },
            ("status",),
            "TCD declined; the status should be 'declined'",
        ),
        (
            {
                "status": "consent_pending",
                "history": history("consent_pending"),
                "consents": grants("NER", "TCD", "OFF-2022-001"),
            },
            ("status",),
            "every party has granted consent; the status should be 'agreed'",
        ),
        (
            {"consents": grants("NER")},
            ("status",),
            "a party has decided; the status should be 'consent_pending'",
        ),
        (
            {"updates": [{"on": "2022-01-01", "summary": "x"}]},
            ("updates", 0, "on"),
            "update dated 2022-01-01, before the match was proposed (2022-03-01)",
        ),
    ],
)
def test_check_history_findings(
    changes: dict[str, Any], path: tuple[Any, ...], message: str
) -> None:
    assert (path, message) in findings(match(**changes))


def test_withdrawal_and_new_grant_reach_agreement_again() -> None:
    consents = [
        *grants("NER", "TCD", "OFF-2022-001"),
        {"party": "TCD", "decision": "withdrawn", "on": "2022-03-12"},
        {"party": "TCD", "decision": "granted", "on": "2022-03-14"},
    ]
    hist = [
        {"on": "2022-03-01", "status": "proposed"},
        {"on": "2022-03-10", "status": "consent_pending"},
        {"on": "2022-03-10", "status": "agreed"},
        {"on": "2022-03-12", "status": "consent_pending"},
        {"on": "2022-03-14", "status": "agreed"},
    ]
    assert findings(match(status="agreed", consents=consents, history=hist)) == []
    early = [*hist[:-1], {"on": "2022-03-13", "status": "agreed"}]
    assert findings(match(status="agreed", consents=consents, history=early)) == [
        (
            ("history", 4, "status"),
            "'agreed' on 2022-03-13, but by that date not every party had granted "
            "consent: TCD (withdrawn)",
        )
    ]


def test_a_history_may_start_after_the_proposal() -> None:
    m = match(
        status="welcomed",
        consents=grants("NER", "TCD", "OFF-2022-001"),
        history=[
            {"on": "2022-03-10", "status": "agreed"},
            {"on": "2022-04-01", "status": "welcomed"},
        ],
    )
    assert findings(m) == []


def test_unknown_request_skips_party_checks() -> None:
    assert (
        findings(
            match(
                consents=grants("FRA"), status="consent_pending", history=history("consent_pending")
            ),
            request=None,
        )
        == []
    )
