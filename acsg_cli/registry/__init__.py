"""The registry: every record of a data folder, loaded and checked across files."""

from acsg_cli.registry.load import load_registry
from acsg_cli.registry.records import RecordSource, Registry
from acsg_cli.registry.sources import SourceFile, scan_directory

__all__ = ["RecordSource", "Registry", "SourceFile", "load_registry", "scan_directory"]
