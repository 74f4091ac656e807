"""One definition of eligibility: what `match propose` ranks or `--plan` assigns breaks no match
rule, and a pair a rule-backed filter excludes breaks that rule."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from acsg_cli.matching.eligibility import RULE_OF_FILTER, exclusions
from acsg_cli.matching.propose import propose
from acsg_cli.models import Match
from acsg_cli.problems import Problem, Severity
from acsg_cli.registry import RecordSource, Registry
from acsg_cli.rules.engine import check_candidate
from acsg_cli.yamlio.reader import read_bytes
from acsg_cli.yamlio.writer import dump_record
from tests.matching_registries import registries

TODAY = date(2022, 6, 1)
"""Some generated records are submitted later: the date filter is exercised too."""


def _with_sources(registry: Registry) -> Registry:
    for record in registry.records():
        text = dump_record(record.model_dump(mode="json", exclude_defaults=True))
        registry.sources[record.id] = RecordSource(
            f"mem/{record.id}.yaml", read_bytes(text.encode()).source_map
        )
    return registry


def _errors(registry: Registry, request_id: str, offer_id: str) -> list[Problem]:
    data = {
        "id": "MAT-2099-999",
        "request": request_id,
        "offers": [offer_id],
        "status": "proposed",
        "proposed_on": TODAY.isoformat(),
        "history": [{"on": TODAY.isoformat(), "status": "proposed"}],
    }
    match = Match.model_validate(data)
    source = RecordSource(
        "mem/MAT-2099-999.yaml", read_bytes(dump_record(data).encode()).source_map
    )
    found = check_candidate(registry, match, source, today=TODAY)
    return [p for p in found if p.severity is Severity.ERROR]


@settings(max_examples=60, deadline=None)
@given(registries(max_requests=5, max_offers=5), st.integers(1, 2))
def test_no_proposal_breaks_a_match_rule(registry: Registry, per_request: int) -> None:
    registry = _with_sources(registry)
    proposal = propose(registry, today=TODAY, top=5, plan=True, max_offers_per_request=per_request)
    assert proposal.plan is not None
    pairs = {(rc.request.id, c.offer_id) for rc in proposal.requests for c in rc.candidates}
    pairs |= {(a.request_id, a.offer_id) for a in proposal.plan.assignment}
    for request_id, offer_id in sorted(pairs):
        assert _errors(registry, request_id, offer_id) == [], (request_id, offer_id)


@settings(max_examples=40, deadline=None)
@given(registries(max_requests=4, max_offers=4))
def test_a_rule_backed_filter_and_its_rule_agree(registry: Registry) -> None:
    registry = _with_sources(registry)
    for request in registry.requests.values():
        for offer in registry.offers.values():
            codes = {e.code for e in exclusions(registry, request, offer, TODAY)}
            # ACSG304 flags the later of two matches; a new match dated today need not be it.
            expected = {RULE_OF_FILTER[c] for c in codes if c in RULE_OF_FILTER} - {"ACSG304"}
            found = {p.code for p in _errors(registry, request.id, offer.id)}
            assert expected <= found, (request.id, offer.id, codes, found)
            assert found - {"ACSG304"} <= set(RULE_OF_FILTER.values()), found
