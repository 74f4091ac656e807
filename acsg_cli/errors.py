"""Library exceptions. Only the CLI turns them into messages and exit codes.

- `UsageError`: the caller asked for something impossible (bad option value, missing
  registry folder, unknown git revision). The CLI exits 2.
- `DataError`: the registry's data prevents the operation (unknown id, a record that does
  not load, a refused lifecycle move). The CLI exits 1.
"""

from __future__ import annotations


class AcsgError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(AcsgError):
    """Wrong arguments or unreadable input: exit code 2."""

    exit_code = 2


class DataError(AcsgError):
    """The data does not allow the operation: exit code 1."""

    exit_code = 1


class UnknownIdError(DataError):
    """No record with that id in the registry."""


_VALIDATOR_PREFIXES = ("Value error, ", "Assertion failed, ")


def validator_message(message: str) -> str:
    """A pydantic error message without the words pydantic puts before a validator's own
    ("Value error, "): how a record's error and an option's error are shown alike."""
    for prefix in _VALIDATOR_PREFIXES:
        message = message.removeprefix(prefix)
    return message
