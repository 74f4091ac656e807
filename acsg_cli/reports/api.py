"""Building a report from a registry folder: snapshots at the requested points, then the model.

The CLI calls these with parsed arguments; they return result models and raise `UsageError`
for a bad point in time or an output file that cannot be written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from acsg_cli import clock
from acsg_cli.errors import UsageError
from acsg_cli.reports.model import AUDIENCES, Stocktaking, build_stocktaking
from acsg_cli.reports.status import StatusReport, build_status
from acsg_cli.reports.timetravel import Snapshot, snapshot

if TYPE_CHECKING:
    from acsg_cli.matching.scoring import MatchingSettings


def _audience(audience: str) -> str:
    if audience not in AUDIENCES:
        raise UsageError(f"unknown audience '{audience}'; expected one of: {', '.join(AUDIENCES)}")
    return audience


def stocktaking_report(
    data: Path,
    *,
    root_display: str,
    as_of: str | None = None,
    since: str | None = None,
    audience: str = "shared",
    today: date | None = None,
    config: Path | None = None,
) -> Stocktaking:
    """The stocktaking at `as_of` (default: now), with what changed since `since` when given;
    offers ranked with the matching settings of `config` (else the project's own)."""
    today = clock.today(today)
    audience = _audience(audience)
    settings = _matching(data, config)
    now = snapshot(data, root_display, as_of, today)
    before: Snapshot | None = None
    if since is not None:
        before = snapshot(data, root_display, since, today, base=now)
        if before.basis.as_of > now.basis.as_of:
            raise UsageError(
                f"--since {since} ({before.basis.as_of}) is later than the report's date "
                f"({now.basis.as_of}); give an earlier point"
            )
    return build_stocktaking(now, audience=audience, since=before, settings=settings)


def status_report(
    data: Path,
    *,
    root_display: str,
    as_of: str | None = None,
    audience: str = "shared",
    today: date | None = None,
    config: Path | None = None,
) -> StatusReport:
    """The status rows at `as_of` (default: now); offers ranked with the matching settings of
    `config` (else the project's own)."""
    today = clock.today(today)
    audience = _audience(audience)
    settings = _matching(data, config)
    return build_status(
        snapshot(data, root_display, as_of, today), audience=audience, settings=settings
    )


def _matching(data: Path, config: Path | None) -> MatchingSettings:
    """The matching settings `match propose --config` would use: the reports rank as it does."""
    from acsg_cli.config import load_config

    return load_config(data, explicit=config).matching()


def write_output(path: Path, text: str, *, registry_root: Path | None = None) -> None:
    """Write a report to `path` safely (`render.destination`): into pipes and devices, `-` to
    standard output, never into the registry's record folders; a usage error otherwise."""
    from acsg_cli.render.destination import write_output as write

    write(path, text, registry_root=registry_root)
