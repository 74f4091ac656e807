"""The disclosure policy's pieces: redaction of free text, and who sees which field."""

from __future__ import annotations

import pytest

from acsg_cli.disclosure import Audience, disclose, may_see, reason_visible, redact, shown_title
from acsg_cli.models import Match, Offer, Request
from tests.matching_registries import match, offer, request


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail jane.doe@unhcr.org.", "mail [email withheld]."),
        ("call +41 22 739 8111 now", "call [phone withheld] now"),
        ("tel 022 739 81 11", "tel [phone withheld]"),
        ("(41) 22-739-8111", "[phone withheld]"),
        ("0041227398111", "[phone withheld]"),
        ("on 2021-04-01, for 2019-2021", "on 2021-04-01, for 2019-2021"),
        ("waiting since 2019-12-17 (6 years)", "waiting since 2019-12-17 (6 years)"),
        ("from 2019-12-17 to 2020-01-31", "from 2019-12-17 to 2020-01-31"),
        ("REQ-2021-001 and OFF-2019-005", "REQ-2021-001 and OFF-2019-005"),
        ("1,500,000 USD for 12 000 000 people", "1,500,000 USD for 12 000 000 people"),
        ("", ""),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected


def _records(confidential: bool) -> tuple[Request, Offer, Match]:
    req = Request.model_validate(
        request(confidential=confidential, gap="the gap", contact={"name": "N"})
    )
    off = Offer.model_validate(offer(confidential=confidential, expertise="what we do"))
    mat = Match.model_validate(match(1, req.id, [off.id]))
    return req, off, mat


def test_a_confidential_request_before_and_after_its_state_consents() -> None:
    req, off, mat = _records(confidential=True)
    before = Audience.for_party(off.id, mat, req)
    assert not may_see(req, "gap", before) and not may_see(req, "title", before)
    assert may_see(req, "areas", before) and may_see(req, "requesting_states", before)
    assert shown_title(req, before).startswith("(withheld")
    assert not reason_visible("text", req, [off], before)
    assert reason_visible("areas", req, [off], before)
    consented = match(
        1, req.id, [off.id], consents=[{"party": "TCD", "decision": "granted", "on": "2020-02-01"}]
    )
    after = Audience.for_party(off.id, Match.model_validate(consented), req)
    assert may_see(req, "gap", after) and not may_see(req, "contact", after)
    assert not Audience.for_party("TCD", mat, req).sees_details(off)  # the offer's own consent


def test_shared_and_secretariat_views() -> None:
    req, off, _ = _records(confidential=True)
    shared = disclose(req, Audience.shared())
    assert set(shared.data) == {
        "id",
        "requesting_states",
        "areas",
        "status",
        "submitted_on",
        "confidential",
    }
    assert next(w.fields for w in shared.withheld) == ("contact",)
    full = disclose(req, Audience.secretariat())
    assert full.data["gap"] == "the gap" and "contact" not in full.data
    assert disclose(req, Audience.secretariat(), with_contact=True).data["contact"] == {"name": "N"}
    assert "expertise" not in disclose(off, Audience.shared()).data
    public, _, _ = _records(confidential=False)
    assert disclose(public, Audience.shared()).data["gap"] == "the gap"


def test_a_confidential_requests_status_moves_keep_only_when_and_to_what() -> None:
    moves = [
        {"on": "2020-01-01", "status": "matched", "by": "Jane Officer", "note": "SECRETNOTE"},
        {"on": "2020-06-01", "status": "open", "by": "Jane Officer", "note": "SECRETNOTE"},
    ]
    req = Request.model_validate(request(confidential=True, history=moves))
    off = Offer.model_validate(offer())
    mat = Match.model_validate(match(1, req.id, [off.id]))
    for audience in (Audience.shared(), Audience.for_party(off.id, mat, req)):
        shown = disclose(req, audience).data
        assert shown["history"] == [
            {"on": "2020-01-01", "status": "matched"},
            {"on": "2020-06-01", "status": "open"},
        ]
    assert disclose(req, Audience.secretariat()).data["history"][1]["note"] == "SECRETNOTE"
    public = Request.model_validate(request(history=moves))
    assert disclose(public, Audience.shared()).data["history"][0]["by"] == "Jane Officer"
