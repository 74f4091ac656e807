"""The size limit of a record file, apart from the reader: finding files checks it on every run,
including the runs that answer from the read cache and never parse YAML."""

MAX_BYTES = 1024 * 1024
"""Largest record file read. Real records are a few kilobytes."""
