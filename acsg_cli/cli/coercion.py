"""Option values converted without building a pydantic adapter for each parameter.

typer converts every option's value through a pydantic `TypeAdapter` made for that parameter,
so a run that only reads the read cache paid for importing pydantic and building a dozen
adapters before doing anything. The shapes the commands use (text, paths, choices, whole
numbers, values given to a parser, lists of those) convert here with typer's own helpers, to
the same values; anything else, and any value these conversions refuse, goes through typer's
adapter as before, so its error messages are typer's, word for word.

`install(command)` sets this on every parameter of a command tree that has not converted a
value yet; with a typer that converts values otherwise it changes nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

Convert = Callable[[Any, Any], Any]
"""A conversion of one value, given the click context; raises when it cannot convert."""

_WHOLE = re.compile(r"[0-9]{1,18}")


class _Refused(ValueError):
    """The value is left to typer's adapter."""


def install(command: Any) -> None:
    """Give every parameter of `command` and its sub-commands the cheap conversion, where its
    annotation has one and typer converts through a lazily made runtime parameter."""
    runtime = _runtime_class()
    if runtime is None:
        return
    stack = [command]
    while stack:
        current = stack.pop()
        stack.extend(getattr(current, "commands", {}).values())
        for param in current.params:
            _cheapen(runtime, param)
        made = getattr(current, "get_help_option", None)
        if made is not None:  # the help option is made when the command is parsed
            current.get_help_option = functools.partial(_help_option, runtime, made)


def _help_option(runtime: Any, made: Callable[[Any], Any], ctx: Any) -> Any:
    option = made(ctx)
    if option is not None:
        _cheapen(runtime, option)
    return option


def _cheapen(runtime: Any, param: Any) -> None:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(param, "_runtime_param", 0) is not None:
        return
    convert = converter(descriptor.annotation, descriptor.parameter_info)
    if convert is not None:
        param._runtime_param = runtime(  # typer's slot, otherwise filled on first use
            parameter_info=descriptor.parameter_info,
            annotation=descriptor.annotation,
            convert=convert,
            descriptor=descriptor,
        )


@functools.cache
def _runtime_class() -> Any:
    """typer's runtime parameter converting through `convert` first; None for a typer without
    one."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
    except ImportError:
        return None

    @dataclass(frozen=True)
    class Cheap(RuntimeParam):
        convert: Convert
        descriptor: Any

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value, ctx)
            except Exception:  # typer's adapter converts it, or says why not
                adapter = build_runtime_param(self.descriptor)
                return adapter._coerce_value(value, param=param, ctx=ctx)

    return Cheap


def converter(annotation: Any, info: Any) -> Convert | None:
    """How to convert a value of a parameter annotated `annotation` with typer's parameter
    settings `info`, as typer's adapter would; None when only the adapter knows."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        each = converter(item, info)
        return None if each is None else functools.partial(_each, each)
    if get_origin(annotation) is not None:
        return None
    if info.parser is not None:
        return functools.partial(_parsed, info.parser)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return functools.partial(_choice, tuple(annotation), info.case_sensitive)
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if annotation is int and not info.clamp:
        return functools.partial(_whole, info.min, info.max)
    if annotation is Path and not (info.allow_dash or info.resolve_path or info.path_type):
        return functools.partial(_path, info)
    return None


def _each(convert: Convert, value: Any, ctx: Any) -> list[Any]:
    items = value if isinstance(value, (list, tuple)) else [value]
    return [convert(item, ctx) for item in items]


def _parsed(parser: Callable[[Any], Any], value: Any, ctx: Any) -> Any:
    return parser(value)


def _choice(choices: tuple[Enum, ...], case_sensitive: bool, value: Any, ctx: Any) -> Any:
    from typer._param_types import coerce_cli_choice

    return coerce_cli_choice(value, choices=choices, case_sensitive=case_sensitive, ctx=ctx)


def _text(value: Any, ctx: Any) -> str:
    if type(value) is not str:
        raise _Refused
    return value


def _flag(value: Any, ctx: Any) -> bool:
    if type(value) is not bool:
        raise _Refused
    return value


def _whole(low: float | None, high: float | None, value: Any, ctx: Any) -> int:
    if type(value) is str and _WHOLE.fullmatch(value):
        value = int(value)
    if type(value) is not int or (low is not None and value < low):
        raise _Refused
    if high is not None and value > high:
        raise _Refused
    return value


def _path(info: Any, value: Any, ctx: Any) -> Any:
    from typer._param_types import coerce_cli_path

    if type(value) is str:
        value = Path(value)  # what pydantic makes of a string for a Path
    if not isinstance(value, Path):
        raise _Refused
    return coerce_cli_path(value, info, path_type=Path, ctx=ctx)


__all__ = ["converter", "install"]
