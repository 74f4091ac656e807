"""Concepts defined once: each caller reads the same definition, so they cannot drift apart."""

from __future__ import annotations

from datetime import timedelta

from acsg_cli.lifecycle.following import started_on
from acsg_cli.registry import load_registry
from acsg_cli.site.views import match_card, timeframe
from tests.conftest import SHIPPED


def test_the_portal_dates_a_match_from_when_it_came_into_being() -> None:
    """The portal's card and timeframe start a match where the as-of reports and the
    evaluation do: on its proposal, even when a (mistaken) history entry is dated earlier."""
    registry = load_registry(SHIPPED)
    match = next(m for m in registry.matches.values() if m.history and m.proposed_on)
    assert match.proposed_on is not None
    early = match.history[0].model_copy(update={"on": match.proposed_on - timedelta(days=30)})
    odd = match.model_copy(update={"history": [early, *match.history[1:]]})
    assert started_on(odd) == match.proposed_on
    assert match_card(registry, odd).date == match.proposed_on.isoformat()
    assert timeframe(odd)[0] == match.proposed_on.isoformat()


def test_the_html_reports_mark_as_ids_what_the_models_accept_as_ids() -> None:
    """A record id has a number of three digits or more (the models' pattern): the HTML
    renderer marks those as ids, and not a shorter look-alike, which no record can carry."""
    import markupsafe

    from acsg_cli.record_ids import is_record_id
    from acsg_cli.reports.render.html import _ids

    assert is_record_id("REQ-2021-001") and is_record_id("GP-2024-1234")
    assert not is_record_id("REQ-2021-01")
    marked = str(_ids(markupsafe, "REQ-2021-001 and REQ-2021-01"))
    assert marked == '<span class="id">REQ-2021-001</span> and REQ-2021-01'


def test_an_export_publishes_every_match_its_parties_agreed_to() -> None:
    """Published means agreed at some time (`statemachine.was_agreed`): a withdrawn match whose
    history starts after its agreement (at welcomed) was agreed too."""
    from acsg_cli.exports.shared import SharedView
    from acsg_cli.exports.tracks import published_matches

    def match(n: int, status: str, moves: list[str]) -> dict[str, object]:
        history = [{"on": f"2021-01-0{i + 1}", "status": s} for i, s in enumerate(moves)]
        return {
            "id": f"MAT-2021-00{n}",
            "request": "REQ-2021-001",
            "status": status,
            "history": history,
        }

    matches = [
        match(1, "withdrawn", ["welcomed", "withdrawn"]),
        match(2, "withdrawn", ["proposed", "withdrawn"]),
        match(3, "in_implementation", []),
        match(4, "consent_pending", []),
        match(5, "withdrawn", ["agreed", "withdrawn"]),
    ]
    view = SharedView(
        requests={"REQ-2021-001": {"id": "REQ-2021-001"}},
        matches={str(m["id"]): m for m in matches},
    )
    published = [m["id"] for m in published_matches(view)]
    assert published == ["MAT-2021-001", "MAT-2021-003", "MAT-2021-005"]
