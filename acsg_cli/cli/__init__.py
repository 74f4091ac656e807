"""The `acsg` command line: parses arguments, calls the library, prints through reporters.

Library errors (`acsg_cli.errors`) become one-line messages and exit codes here, in one
place (`AcsgGroup.invoke`), so no command catches exceptions itself.
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Mapping
from typing import Any

import typer
from typer.core import TyperGroup

from acsg_cli.errors import AcsgError, validator_message


class AcsgGroup(TyperGroup):
    """Turns library errors raised by any sub-command into `Error: ...` and their exit code.

    Long loops in the library draw a progress bar only when stderr is a terminal.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from acsg_cli.cli.coercion import install

        install(self)  # option values converted without pydantic where typer's helpers suffice
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        from acsg_cli import cacheflag
        from acsg_cli.progress import shown
        from acsg_cli.terminal import stderr_is_terminal

        token = cacheflag.begin()
        try:
            with shown(stderr_is_terminal()):
                return super().invoke(ctx)
        except typer.BadParameter as exc:  # an option's value: pydantic's words, as ours
            exc.message = validator_message(exc.message)
            raise
        except AcsgError as exc:
            from acsg_cli.render.safety import terminal_block

            typer.echo(f"Error: {terminal_block(exc.message)}", err=True)
            raise typer.Exit(code=exc.exit_code) from None
        finally:
            cache = sys.modules.get("acsg_cli.registry.cache")
            if cache is not None:
                cache.flush()  # what this run read, for the next run
            cacheflag.end(token)


def _version(value: bool) -> None:
    if value:
        from acsg_cli import version

        typer.echo(f"acsg {version()}")
        raise typer.Exit()


app = typer.Typer(
    name="acsg",
    cls=AcsgGroup,
    help=(
        "The ACSG Secretariat's registry tool: validate requests, offers and matches kept as "
        "YAML, propose matches, record consent and print reports.\n\n"
        "\b\nExamples:\n  acsg validate --data data\n  acsg list requests --status open\n  acsg "
        "show REQ-2019-001"
    ),
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    no_cache: bool = typer.Option(
        False,
        "--no-cache",
        help="Read every record file afresh, without the read cache in .acsg_cache/ (env: "
        "ACSG_NO_CACHE=1).",
    ),
) -> None:
    """The ACSG Secretariat's registry tool."""
    if no_cache:
        from acsg_cli.cacheflag import switch_off

        switch_off()


def _register() -> None:
    from acsg_cli.cli import (
        browse,
        cache,
        export,
        lifecycle,
        matching,
        new,
        practices,
        reports,
        requests,
        rules,
        schema,
        site,
        validate,
    )
    from acsg_cli.cli.groups import GROUPS

    for module in (
        validate,
        rules,
        browse,
        schema,
        matching,
        lifecycle,
        requests,
        reports,
        new,
        cache,
        site,
        practices,
        export,
    ):
        module.register(app)
    for name, group in GROUPS.items():
        if group.registered_commands or group.registered_groups:
            app.add_typer(group, name=name)


_register()


def for_command(argv: list[str], environ: Mapping[str, str]) -> typer.Typer:
    """The app holding only the command named in `argv`, or `app` itself.

    typer builds every command's options before running one: for sixty commands that cost more
    than a run that answers from the read cache. Help of the whole tool, shell completion, and
    a name that is not a command (for typer's message) get every command.
    """
    name = next((arg for arg in argv if not arg.startswith("-")), None)
    if name is None or any(key.endswith("_COMPLETE") for key in environ):
        return app
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if len(commands) + len(groups) != 1:
        return app
    one = copy.copy(app)
    one.registered_commands, one.registered_groups = commands, groups
    return one


def main() -> None:
    """Console-script entry point.

    Bad data and bad arguments never get here (they are `AcsgError`s or typer's usage errors).
    What does is a bug: it is reported in one line, with the traceback only on request.
    """
    try:
        for_command(sys.argv[1:], os.environ)()
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # the last resort, so a bug never prints a traceback by default
        if os.environ.get("ACSG_DEBUG"):
            raise
        from acsg_cli.render.safety import terminal

        typer.echo(
            f"Error: internal error ({type(exc).__name__}: {terminal(exc)}); please report it, "
            "and set ACSG_DEBUG=1 to see the traceback",
            err=True,
        )
        sys.exit(1)
