"""Exports of the registry in its partners' standards, for the shared audience only.

| format | file | what |
|---|---|---|
| `iati` | XML | IATI Activity Standard 2.03, one activity per agreed match |
| `hxl` | CSV | an HXL-tagged 3W table of both tracks (matches, pledge implementation) |
| `gcr-updates` | CSV | rows to fill the GCR pledge progress update |

Every format reads the registry through `shared.shared_view` (no contact data, no detail of a
confidential request, no e-mail address or phone number in any text).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from acsg_cli.errors import UsageError

if TYPE_CHECKING:
    from acsg_cli.registry import Registry


class ExportFormat(StrEnum):
    IATI = "iati"
    HXL = "hxl"
    GCR_UPDATES = "gcr-updates"


def iati_settings(section: dict[str, Any], where: str) -> Any:
    """The `[tool.acsg.export.iati]` table, checked: reporting organisation ref, name, type."""
    from acsg_cli.exports.iati import IatiSettings

    if not isinstance(section, dict):
        raise UsageError(f"{where}: [tool.acsg.export.iati] must be a table")
    known = set(IatiSettings.__dataclass_fields__)
    unknown = sorted(set(section) - known)
    if unknown:
        raise UsageError(
            f"{where}: unknown setting(s) {', '.join(unknown)} in [tool.acsg.export.iati]; "
            f"known: {', '.join(sorted(known))}"
        )
    for key, value in section.items():
        if not isinstance(value, str) or not value.strip():
            raise UsageError(f"{where}: [tool.acsg.export.iati] {key} must be non-blank text")
    return IatiSettings(**section)


def export(
    registry: Registry,
    fmt: ExportFormat,
    *,
    generated: datetime,
    export_config: dict[str, Any] | None = None,
    where: str = "configuration",
) -> str:
    """The registry in `fmt`, as text, for the shared audience."""
    from acsg_cli.exports.shared import shared_view

    view = shared_view(registry)
    if fmt is ExportFormat.IATI:
        from acsg_cli.exports.iati import iati_xml

        settings = iati_settings((export_config or {}).get("iati", {}), where)
        return iati_xml(view, settings, generated)
    if fmt is ExportFormat.HXL:
        from acsg_cli.exports.hxl import hxl_csv

        return hxl_csv(view)
    from acsg_cli.exports.gcr import gcr_csv

    return gcr_csv(view)
