"""Where a renderer writes: standard output or the `--output` file (the renderers' destination).

Text for a terminal is fitted to its width (`width`); `--wide`, or output that is not a
terminal (a pipe, a file), leaves lines at their natural length. Files go through the one safe
writer (`render.destination.write_output`): atomically, into pipes and devices, never into the
registry's record folders.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from acsg_cli.errors import UsageError


def _stdout() -> TextIO:
    return sys.stdout


@dataclass
class Destination:
    path: Path | None = None
    """The `--output` file; None (or `-`) for standard output."""
    wide: bool = False
    """`--wide`: never fit tables to the terminal."""
    registry_root: Path | None = None
    """The registry folder, whose record folders an output never lands in."""
    stream: TextIO = field(default_factory=_stdout)

    def __post_init__(self) -> None:
        if self.path is not None and str(self.path) == "-":
            self.path = None

    @property
    def is_terminal(self) -> bool:
        return self.path is None and self.stream.isatty()

    @property
    def width(self) -> int | None:
        """Columns to fit text to: the terminal's, or None (no limit)."""
        if self.wide or not self.is_terminal:
            return None
        import shutil

        return shutil.get_terminal_size().columns

    @property
    def color(self) -> bool:
        from acsg_cli.terminal import stdout_is_terminal

        return self.is_terminal and stdout_is_terminal()

    def write_text(self, text: str) -> None:
        if self.path is None:
            self.stream.write(text)
        else:
            self._write(text.encode("utf-8"))

    def write_bytes(self, data: bytes) -> None:
        if self.path is None:
            raise UsageError("this format writes a file; name it with --output FILE")
        self._write(data)

    def _write(self, data: bytes) -> None:
        from acsg_cli.render.destination import write_output

        if self.path is not None:
            write_output(self.path, data, registry_root=self.registry_root)
