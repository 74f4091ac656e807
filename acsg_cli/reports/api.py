"""Building a report from a registry folder: snapshots at the requested points, then the model.

The CLI calls these with parsed arguments; they return result models and raise `UsageError`
for a bad point in time or an output file that cannot be written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from acsg_cli import clock
from acsg_cli.errors import UsageError
from acsg_cli.reports.model import AUDIENCES, Stocktaking, build_stocktaking
from acsg_cli.reports.status import StatusReport, build_status
from acsg_cli.reports.timetravel import Snapshot, snapshot


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
) -> Stocktaking:
    """The stocktaking at `as_of` (default: now), with what changed since `since` when given."""
    today = clock.today(today)
    audience = _audience(audience)
    now = snapshot(data, root_display, as_of, today)
    before: Snapshot | None = None
    if since is not None:
        before = snapshot(data, root_display, since, today, base=now)
        if before.basis.as_of > now.basis.as_of:
            raise UsageError(
                f"--since {since} ({before.basis.as_of}) is later than the report's date "
                f"({now.basis.as_of}); give an earlier point"
            )
    return build_stocktaking(now, audience=audience, since=before)


def status_report(
    data: Path,
    *,
    root_display: str,
    as_of: str | None = None,
    audience: str = "shared",
    today: date | None = None,
) -> StatusReport:
    """The status rows at `as_of` (default: now)."""
    today = clock.today(today)
    return build_status(snapshot(data, root_display, as_of, today), audience=_audience(audience))


def write_output(path: Path, text: str, *, registry_root: Path | None = None) -> None:
    """Write a report to `path` safely (`render.destination`): into pipes and devices, `-` to
    standard output, never into the registry's record folders; a usage error otherwise."""
    from acsg_cli.render.destination import write_output as write

    write(path, text, registry_root=registry_root)
