"""Command groups shared by several command modules (`acsg match ...`, `acsg report ...`)."""

from __future__ import annotations

import typer


def _group(summary: str) -> typer.Typer:
    """A sub-command group with the main app's settings: plain help, `-h`, no args shows help."""
    return typer.Typer(
        help=summary,
        no_args_is_help=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )


match_app = _group("Propose, create and move matches through their lifecycle.")
consent_app = _group("Record each party's consent to a match (FS 3).")
report_app = _group("Printable status and stocktaking reports.")
new_app = _group("Start a new request, offer or good practice from a commented template.")
cache_app = _group("The read cache that makes repeated runs fast (.acsg_cache/).")
site_app = _group("The public portal: a static site built from the registry.")
practice_app = _group("Good practices and tools learnt from matches (FS 1, FS 5).")
request_app = _group("The Secretariat's moves of a request's status.")

GROUPS = {
    "match": match_app,
    "consent": consent_app,
    "report": report_app,
    "new": new_app,
    "cache": cache_app,
    "site": site_app,
    "practice": practice_app,
    "request": request_app,
}
