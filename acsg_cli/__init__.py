"""acsg: the ACSG Secretariat's registry of asylum-capacity requests, offers and matches."""

from __future__ import annotations

from functools import cache


@cache
def version() -> str:
    """The installed package's version: written once, in pyproject.toml."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("acsg")
    except PackageNotFoundError:  # a source tree used without installing it
        return "0+unknown"


def __getattr__(name: str) -> str:
    # `acsg_cli.__version__` is read from the package metadata on first use, so importing the
    # package (and `acsg --help`) does not pay for importlib.metadata.
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
