"""The registry: every record of a data folder, loaded and checked across files.

The names are imported on first use, so that finding files (`sources`) and the read cache's
validation memo do not import the models: a warm `acsg validate` never needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from acsg_cli.registry.load import load_registry
    from acsg_cli.registry.records import RecordSource, Registry
    from acsg_cli.registry.sources import SourceFile, scan_directory

__all__ = ["RecordSource", "Registry", "SourceFile", "load_registry", "scan_directory"]

_HOMES = {
    "RecordSource": "records",
    "Registry": "records",
    "load_registry": "load",
    "SourceFile": "sources",
    "scan_directory": "sources",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{home}"), name)
