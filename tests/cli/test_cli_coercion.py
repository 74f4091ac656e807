"""Option values converted without pydantic are exactly what typer's adapters make of them, and a
value the cheap conversion refuses gets typer's own error message."""

from __future__ import annotations

import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import typer
from typer._coercion import build_runtime_param

from acsg_cli.cli import app
from acsg_cli.cli.coercion import converter, install
from tests.conftest import ROOT


def _parameters() -> list[tuple[str, Any, Any]]:
    """(command path, command, parameter) for every parameter of every command, with the
    cheap conversion installed."""
    root = typer.main.get_command(app)
    install(root)
    found: list[tuple[str, Any, Any]] = []
    stack: list[tuple[str, Any]] = [("acsg", root)]
    while stack:
        name, command = stack.pop()
        stack.extend((f"{name} {n}", c) for n, c in getattr(command, "commands", {}).items())
        ctx = typer._click.Context(command, info_name=name)
        help_option = command.get_help_option(ctx)
        for param in [*command.params, *([help_option] if help_option else [])]:
            found.append((f"{name} {param.name}", command, param))
    return found


PARAMETERS = _parameters()


def _samples(annotation: Any, default: Any) -> list[Any]:
    """Values a command line or a default can give a parameter of this type, good and bad."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        inner = _samples(item, None)
        return [default, inner[:2], inner[-2:], tuple(inner[:1]), inner[0]]
    values: list[Any] = [default, "", "nope", " 5", "5", "0", "007", "-3", "1001", "10001"]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        for choice in annotation:
            values += [choice, choice.value, str(choice.value).upper()]
    values += ["2026-02-30", "2026-10-01", "x/y.yaml", "~/z", "data", True, 5, 2.5]
    return values


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:
        return type(exc).__name__, str(getattr(exc, "message", exc))


@pytest.mark.parametrize(("name", "command", "param"), PARAMETERS, ids=[p[0] for p in PARAMETERS])
def test_cheap_conversions_give_what_typer_gives(name: str, command: Any, param: Any) -> None:
    descriptor = param.type_descriptor
    cheap = param._runtime_param
    if converter(descriptor.annotation, descriptor.parameter_info) is None:
        assert cheap is None
        return
    assert cheap is not None
    typers = build_runtime_param(descriptor)
    ctx = typer._click.Context(command, info_name=name)
    for value in _samples(descriptor.annotation, param.default):
        got = _outcome(cheap, value, param, ctx)
        assert got == _outcome(typers, value, param, ctx), value
        assert type(got[1]) is type(_outcome(typers, value, param, ctx)[1])


def test_every_command_line_shape_is_converted_cheaply() -> None:
    """Only floats are left to typer's adapters: a new shape would bring pydantic back into
    every run's start-up."""
    left = {
        repr(param.type_descriptor.annotation)
        for _name, _command, param in PARAMETERS
        if param._runtime_param is None
    }
    assert left == {"<class 'float'>"}


def test_a_run_imports_no_pydantic_for_its_options(tmp_path: Path) -> None:
    """A command that needs no model (`acsg cache clear --data DIR`) never builds typer's
    pydantic adapters for its options."""
    script = (
        "import sys; sys.argv = ['acsg', *sys.argv[1:]]\n"
        "from acsg_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('PYDANTIC' if 'pydantic' in sys.modules else 'NO PYDANTIC', file=sys.stderr)\n"
    )
    (tmp_path / "data").mkdir()
    done = subprocess.run(
        [sys.executable, "-c", script, "cache", "clear", "--data", str(tmp_path / "data")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.stderr.splitlines()[-2:] == ["no read cache to remove", "NO PYDANTIC"]
