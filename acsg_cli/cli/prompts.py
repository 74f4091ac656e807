"""Answers for `acsg new`: options parsed at once, the missing ones asked for in a terminal.

Each typed answer is checked as it is typed and asked again when wrong; without a terminal a
missing answer is a usage error, so scripts and CI never hang on a prompt.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

T = TypeVar("T")


def stdin_is_terminal() -> bool:
    """Whether a person can answer prompts (tests replace this)."""
    return sys.stdin.isatty()


class Answers:
    """Collects answers: parses given options at once, then asks for (or reports) the rest."""

    def __init__(self) -> None:
        self.interactive = stdin_is_terminal()
        self.missing: list[str] = []
        self.pending: list[Callable[[], None]] = []
        self.values: dict[str, Any] = {}

    def take(
        self,
        key: str,
        given: Any,
        flag: str,
        parse: Callable[[Any], Any],
        question: str,
        *,
        choices: str | None = None,
        default: str | None = None,
        needed: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """Parse `given`, or ask for it later; `needed` (given the answers so far) makes it
        conditional."""
        from acsg_cli.errors import UsageError

        if given not in (None, [], ()):
            try:
                self.values[key] = parse(given)
            except UsageError as exc:
                raise UsageError(f"{flag}: {exc.message}") from None
            return
        if needed is None or needed(self.values):
            self.missing.append(flag)

        def ask() -> None:
            if needed is None or needed(self.values):
                if choices:
                    typer.echo(choices, err=True)
                self.values[key] = typer.prompt(
                    question,
                    err=True,
                    value_proc=_checked(parse),
                    default=default,
                    show_default=bool(default),
                )

        self.pending.append(ask)

    def finish(self) -> dict[str, Any]:
        """Every answer; asks for the missing ones in a terminal, else a usage error naming them."""
        from acsg_cli.errors import UsageError

        if self.missing and not self.interactive:
            raise UsageError(
                f"missing {', '.join(self.missing)}; give them as options, "
                "or run the command in a terminal to be asked"
            )
        for ask in self.pending:
            ask()
        return self.values


def _checked(parse: Callable[[Any], T]) -> Callable[[str], T]:
    """A prompt's check: a library `UsageError` becomes the prompt's own, so it asks again."""

    def check(text: str) -> T:
        from acsg_cli.errors import UsageError

        try:
            return parse(text)
        except UsageError as exc:
            raise typer.BadParameter(exc.message) from None

    return check


def choices_line(enum: Any) -> str:
    """The choices of a vocabulary, wrapped for a prompt."""
    import textwrap

    return textwrap.fill(
        "  choices: " + ", ".join(str(e.value) for e in enum), width=100, subsequent_indent="    "
    )


def listed(parse: Callable[[list[str]], T]) -> Callable[[Any], T]:
    """A parser for repeated options that also takes one typed answer."""
    return lambda value: parse([value] if isinstance(value, str) else list(value))
