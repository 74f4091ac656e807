"""Command groups shared by several command modules (`acsg match ...`, `acsg report ...`)."""

from __future__ import annotations

import typer

from acsg_cli.cli.options import GROUP_SETTINGS

match_app = typer.Typer(help="Propose, create and move matches through their lifecycle.", **GROUP_SETTINGS)
consent_app = typer.Typer(help="Record each party's consent to a match (FS 3).", **GROUP_SETTINGS)
report_app = typer.Typer(help="Printable status and stocktaking reports.", **GROUP_SETTINGS)
new_app = typer.Typer(help="Start a new request or offer from a commented template.", **GROUP_SETTINGS)

GROUPS = {"match": match_app, "consent": consent_app, "report": report_app, "new": new_app}
