"""Whether a person watches the output: colour on stdout, a progress bar on stderr."""

from __future__ import annotations


def stdout_is_terminal() -> bool:
    """Whether stdout may be coloured: a terminal, and no `NO_COLOR` (no-color.org) or dumb TERM."""
    import os
    import sys

    return (
        sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    )


def stderr_is_terminal() -> bool:
    """Whether a person watches stderr, so a progress bar may be drawn there."""
    import os
    import sys

    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


__all__ = ["stderr_is_terminal", "stdout_is_terminal"]
