"""The CLI documents itself: every command and option has help, every command has examples
that parse, and docs/commands.md is exactly what the help says."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest

from acsg_cli.docs import CommandDoc, command_reference, walk

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = list(walk())
LEAVES = [doc for doc in COMMANDS if not doc.is_group]


def test_command_reference_is_current() -> None:
    reference = ROOT / "docs" / "commands.md"
    assert reference.read_text(encoding="utf-8") == command_reference(), (
        "docs/commands.md is stale: run `python -m acsg_cli.docs > docs/commands.md`"
    )


def test_reference_holds_every_command() -> None:
    text = command_reference()
    assert {"acsg validate", "acsg new request", "acsg new offer"} <= {doc.name for doc in COMMANDS}
    for doc in COMMANDS:
        assert f"\n## {doc.name}\n" in text


@pytest.mark.parametrize("doc", COMMANDS, ids=lambda d: d.name)
def test_command_has_help(doc: CommandDoc) -> None:
    assert (doc.command.help or "").strip(), f"`{doc.name}` has no help text"


@pytest.mark.parametrize(
    "doc", [d for d in COMMANDS if d.path == ("acsg",) or not d.is_group], ids=lambda d: d.name
)
def test_command_help_has_examples(doc: CommandDoc) -> None:
    assert examples(doc), f"`{doc.name}` help has no `Examples:` block with `acsg ...` lines"


@pytest.mark.parametrize("doc", COMMANDS, ids=lambda d: d.name)
def test_every_option_and_argument_has_help(doc: CommandDoc) -> None:
    for param in doc.command.params:
        if param.name == "help":
            continue
        assert (getattr(param, "help", None) or "").strip(), (
            f"`{doc.name}`: {param.name} has no help text"
        )


@pytest.mark.parametrize("doc", LEAVES, ids=lambda d: d.name)
def test_examples_name_the_command_and_parse(doc: CommandDoc) -> None:
    """Each example runs the command it documents, with options the command accepts."""
    for line in examples(doc):
        words = shlex.split(line)
        assert words[: len(doc.path)] == list(doc.path), (
            f"`{doc.name}` example runs something else: {line}"
        )
        args = words[len(doc.path) :]
        settings = {**doc.command.context_settings, "resilient_parsing": False}
        doc.command.make_context(doc.path[-1], args, parent=doc.context.parent, **settings)


def examples(doc: CommandDoc) -> list[str]:
    help_text: str = doc.command.help or ""
    if "Examples:" not in help_text:
        return []
    block = help_text.split("Examples:", 1)[1]
    # A long example goes on over several lines, each but the last ending in a backslash.
    joined = block.replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines() if line.strip().startswith("acsg")]


def test_help_is_plain_and_fits(runner: Any) -> None:
    from acsg_cli.cli import app

    result = runner.invoke(app, ["new", "request", "--help"])
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert "Examples:" in result.stdout


@pytest.mark.parametrize("doc", [d for d in COMMANDS if len(d.path) > 1], ids=lambda d: d.name)
def test_a_run_builds_its_command_alone_with_the_same_help(doc: CommandDoc) -> None:
    """`acsg NAME ...` builds only NAME's commands, each exactly as the whole app has it."""
    from acsg_cli.cli import app, for_command

    one = for_command([*doc.path[1:], "--data", "x"], {})
    assert one is not app
    assert len(one.registered_commands) + len(one.registered_groups) == 1
    alone = {d.path: d for d in walk(one)}
    assert set(alone) == {d.path for d in COMMANDS if d.path[:2] == doc.path[:2]} | {("acsg",)}
    mine = alone[doc.path]
    assert mine.command.get_help(mine.context) == doc.command.get_help(doc.context)


@pytest.mark.parametrize(
    ("argv", "environ"),
    [([], {}), (["--help"], {}), (["valdate"], {}), (["validate"], {"_ACSG_COMPLETE": "x"})],
)
def test_help_completion_and_unknown_names_get_every_command(
    argv: list[str], environ: dict[str, str]
) -> None:
    from acsg_cli.cli import app, for_command

    assert for_command(argv, environ) is app
