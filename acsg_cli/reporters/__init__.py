"""Reporters render a validation result; they never compute. Chosen by name."""

from __future__ import annotations

from acsg_cli.reporters.validation import GithubReporter, JsonReporter, Reporter, TextReporter

VALIDATION_REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "github": GithubReporter,
    "json": JsonReporter,
}

__all__ = ["VALIDATION_REPORTERS", "GithubReporter", "JsonReporter", "Reporter", "TextReporter"]
