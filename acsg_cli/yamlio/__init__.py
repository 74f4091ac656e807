"""The one place that decides how YAML is read (`reader`) and, for edits, written (`editor`)."""

from acsg_cli.yamlio.reader import Document, Issue, ReadError, SourceMap, read_bytes, read_path

__all__ = ["Document", "Issue", "ReadError", "SourceMap", "read_bytes", "read_path"]
