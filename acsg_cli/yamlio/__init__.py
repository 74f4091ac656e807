"""The one place that decides how YAML is read (`reader`) and, for edits, written (`editor`).

The names are imported on first use: finding record files needs only the size limit (`limits`),
and a run answered from the read cache parses nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from acsg_cli.yamlio.reader import Document, Issue, ReadError, SourceMap, read_bytes, read_path

__all__ = ["Document", "Issue", "ReadError", "SourceMap", "read_bytes", "read_path"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from acsg_cli.yamlio import reader

    return getattr(reader, name)
