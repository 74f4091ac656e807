"""`acsg validate`."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from acsg_cli.cli.options import DEFAULT_DATA, DataDirOpt, display_root, stdout_is_terminal


class ValidateFormat(str, Enum):
    text = "text"
    github = "github"
    json = "json"


def validate_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Record files or folders to report on (default: the whole registry).", show_default=False)] = None,
    data: DataDirOpt = DEFAULT_DATA,
    output_format: Annotated[ValidateFormat, typer.Option(
        "--format", "-f", help="text: file:line:col lines; github: workflow annotations; json: one object.",
        case_sensitive=False)] = ValidateFormat.text,
    changed_since: Annotated[Optional[str], typer.Option(
        "--changed-since", metavar="REV",
        help="Report only files changed since this git revision (references still resolve "
             "against the whole registry).")] = None,
) -> None:
    """Check every record: YAML, schema, file placement and cross-file references.

    Exit code 0 when no errors are found, 1 when the data has problems, 2 for usage errors.

    \b
    Examples:
      acsg validate
      acsg validate data/requests/REQ-2019-001.yaml
      acsg validate --format json
      acsg validate --changed-since origin/main --format github
    """
    from acsg_cli.reporters import VALIDATION_REPORTERS
    from acsg_cli.validation import validate

    result = validate(data, root_display=display_root(data), paths=paths or (), changed_since=changed_since)
    reporter = VALIDATION_REPORTERS[output_format.value](sys.stdout, sys.stderr, color=stdout_is_terminal())
    reporter.report(result)
    if result.failed():
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)
