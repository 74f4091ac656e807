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
