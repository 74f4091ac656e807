"""`acsg validate`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acsg_cli.cli.options import (
    DEFAULT_DATA,
    ConfigOpt,
    DataDirOpt,
    TodayOpt,
    display_root,
)
from acsg_cli.terminal import stdout_is_terminal

if TYPE_CHECKING:
    from acsg_cli.rules.engine import RuleSettings


class ValidateFormat(StrEnum):
    text = "text"
    github = "github"
    json = "json"


def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Record files or folders to report on (default: the whole registry).",
            show_default=False,
        ),
    ] = None,
    data: DataDirOpt = DEFAULT_DATA,
    output_format: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: file:line:col lines; github: workflow annotations; json: one object.",
            case_sensitive=False,
        ),
    ] = ValidateFormat.text,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REV",
            help="Report only files changed since this git revision (references still resolve "
            "against the whole registry).",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Run only these criteria rules: codes or prefixes, comma-separated or repeated "
            "(replaces the configured selection).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            help="Skip these criteria rules: codes or prefixes, comma-separated or repeated "
            "(added to the configured ones).",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnings fail the run too (exit code 1).")
    ] = False,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """Check every record: YAML, schema, file placement, cross-file references and the ACSG
    criteria (`acsg rules` lists them).

    Exit code 0 when no errors are found (no warnings either with --strict), 1 when the data
    has problems, 2 for usage errors. Rules are configured in [tool.acsg.rules] of
    pyproject.toml or [rules] of acsg.toml.

    \b
    Examples:
      acsg validate
      acsg validate data/requests/REQ-2019-001.yaml
      acsg validate --format json
      acsg validate --changed-since origin/main --format github
      acsg validate --select ACSG1 --ignore ACSG112 --strict
    """
    from acsg_cli import clock
    from acsg_cli.config import load_config
    from acsg_cli.reporters import VALIDATION_REPORTERS
    from acsg_cli.validation import validate

    project = load_config(data, explicit=config)
    chosen: list[RuleSettings] = []

    def settings() -> RuleSettings:
        # The rules (and the models) are imported only when the run is not in the read cache.
        if not chosen:
            merged = project.rules().merged(select=select or (), ignore=ignore or (), strict=strict)
            chosen.append(merged)
        return chosen[0]

    result = validate(
        data,
        root_display=display_root(data),
        paths=paths or (),
        changed_since=changed_since,
        rules=settings,
        today=clock.today(today),
        rules_key=(repr(project), select, ignore, strict),
    )
    reporter = VALIDATION_REPORTERS[output_format.value](
        sys.stdout, sys.stderr, color=stdout_is_terminal()
    )
    reporter.report(result)
    strict_run = chosen[0].strict if chosen else strict or project.section("rules").get("strict")
    if result.failed(strict=strict_run is True):
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)
