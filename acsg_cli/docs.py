"""The command reference, generated from the CLI's own help texts.

    python -m acsg_cli.docs > docs/commands.md

Walks the command tree (`typer.main.get_command`) and renders each command's `--help` at a
fixed width, so the reference says exactly what `acsg COMMAND --help` says. A test fails when
`docs/commands.md` is stale, and when a command or option has no help or no examples.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

WIDTH = 100
"""Help is rendered at this width whatever the terminal, so the file is reproducible."""

HEADER = """\
# Command reference

Generated from the command line's own help by `python -m acsg_cli.docs > docs/commands.md`;
edit the help texts in `acsg_cli/cli/`, not this file (a test fails when it is stale).

Every command takes `--data DIR` (default `data`, env `ACSG_DATA`). Exit codes: 0 fine, 1 the
data has problems, 2 usage error or unreadable input. Data goes to stdout and messages to
stderr; colour is used only on a terminal and never when `NO_COLOR` is set; long runs draw a
progress bar on stderr when it is a terminal.

## Shell completion

`acsg` completes commands, options and their choices in bash, zsh, fish and PowerShell:

```sh
acsg --install-completion        # install for the current shell (restart the shell after)
acsg --show-completion           # print the script, to install it by hand
```
"""


@dataclass(frozen=True)
class CommandDoc:
    """One command of the tree: its full name, the click command and its help context."""

    path: tuple[str, ...]
    command: Any
    context: Any

    @property
    def name(self) -> str:
        return " ".join(self.path)

    @property
    def is_group(self) -> bool:
        return hasattr(self.command, "list_commands")


def walk(app: Any = None) -> Iterator[CommandDoc]:
    """Every visible command, depth first in the order the app lists them."""
    import typer.main

    if app is None:
        from acsg_cli.cli import app
    root = typer.main.get_command(app)
    yield from _walk(root, ("acsg",), None)


def _walk(command: Any, path: tuple[str, ...], parent: Any) -> Iterator[CommandDoc]:
    settings = {**command.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    ctx = command.context_class(command, info_name=path[-1], parent=parent, **settings)
    yield CommandDoc(path, command, ctx)
    if hasattr(command, "list_commands"):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from _walk(sub, (*path, name), ctx)


def command_reference(app: Any = None) -> str:
    """The Markdown command reference."""
    parts = [HEADER]
    for doc in walk(app):
        help_text = doc.command.get_help(doc.context).rstrip()
        parts.append(f"## {doc.name}\n\n```text\n{help_text}\n```\n")
    return "\n".join(parts)


def main() -> None:
    sys.stdout.write(command_reference())


if __name__ == "__main__":
    main()
