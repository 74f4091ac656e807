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
