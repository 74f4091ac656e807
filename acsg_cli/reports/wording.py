"""The words every report layout shares: cells, yes/no, area labels, counts and the meta lines.

Each is said in the current language (`acsg_cli.i18n`); numbers are formatted for the locale.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from acsg_cli.i18n import _, format_date, format_number, ngettext
from acsg_cli.render.document import Table
from acsg_cli.vocab import Area, _Vocab, label_of


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int):
        return format_number(value)
    return str(value)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def area_labels(codes: list[str]) -> str:
    return ", ".join(label_of(Area, a) for a in codes)


def report_meta(model: Any, report: str) -> list[tuple[str, str]]:
    audience = (
        _("shared: figures and titles only, no confidential request details")
        if model.audience == "shared"
        else _("secretariat: includes confidential request details (FS 3)")
    )
    meta = [
        (_("Report"), report),
        (_("As of"), format_date(model.as_of)),
        (_("Registry"), model.basis.label),
        (_("Audience"), audience),
        (_("Personal contact data"), _("never included")),
    ]
    if model.registry_errors:
        meta.append(
            (
                _("Registry errors"),
                ngettext(
                    "{n} problem kept records out of this report; run `acsg validate`",
                    "{n} problems kept records out of this report; run `acsg validate`",
                    model.registry_errors,
                ).format(n=model.registry_errors),
            )
        )
    return meta


def pairs_table(rows: list[tuple[str, Any]], head: tuple[str, str]) -> Table:
    return Table(list(head), [[k, cell(v)] for k, v in rows])


def counts_table(
    vocab: type[_Vocab], counts: Mapping[str, int], head: tuple[str, str], caption: str
) -> Table:
    """A count per vocabulary code, each code in words."""
    rows = [[label_of(vocab, code), cell(n)] for code, n in counts.items()]
    return Table(list(head), rows, caption=caption)


def count_text(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n).format(n=format_number(n))
