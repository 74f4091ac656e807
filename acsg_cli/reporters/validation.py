"""Renderers for `acsg validate`: text for people, GitHub annotations for CI, JSON for tools."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from acsg_cli.i18n import ngettext
from acsg_cli.problems import Problem, Severity
from acsg_cli.render import safety
from acsg_cli.reporters.tables import md_table
from acsg_cli.validation import ValidationResult


class Reporter:
    """Writes a `ValidationResult` as data to `out`; the summary line goes to `err`."""

    def __init__(self, out: TextIO, err: TextIO, *, color: bool = False) -> None:
        self.out = out
        self.err = err
        self.color = color

    def report(self, result: ValidationResult) -> None:
        raise NotImplementedError

    @staticmethod
    def summary(result: ValidationResult) -> str:
        errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
        parts = [
            ngettext("{n} error", "{n} errors", errors).format(n=errors),
            ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        ]
        infos = result.count(Severity.INFO)
        if infos:
            parts.append(f"{infos} info")
        noun = "file" if result.files_checked == 1 else "files"
        return f"{result.files_checked} {noun} checked: {', '.join(parts)}"


_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
"""Severity colours on a terminal (drawn by typer's `style`, never written by hand)."""


def problem_line(p: Problem, severity: str | None = None) -> str:
    """`file:line:col: severity code message`, safe for a terminal: how a problem is named in
    one line wherever it is shown (`severity`: its word as shown, coloured for instance)."""
    shown = p.severity.value if severity is None else severity
    return f"{safety.terminal(p.file)}:{p.line}:{p.column}: {shown} {p.code} " + safety.terminal(
        p.message
    )


class TextReporter(Reporter):
    """`file:line:col: severity code message`, one problem a line."""

    def report(self, result: ValidationResult) -> None:
        for p in result.problems:
            severity = p.severity.value
            if self.color:
                import typer

                severity = typer.style(severity, fg=_COLORS[p.severity])
            self.out.write(problem_line(p, severity) + "\n")
        self.err.write(self.summary(result) + "\n")


escape_data = safety.annotation_data
escape_property = safety.annotation_property


_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


class GithubReporter(Reporter):
    """Workflow annotations, plus a Markdown job summary of every problem.

    GitHub shows only a few annotations per step, so the full list also goes to the job
    summary (`$GITHUB_STEP_SUMMARY`) when the variable is set.
    """

    def report(self, result: ValidationResult) -> None:
        for p in result.problems:
            props = (
                f"file={escape_property(p.file)},line={p.line},col={p.column},"
                f"title={escape_property(p.code + ' ' + p.severity.value)}"
            )
            self.out.write(f"::{_LEVELS[p.severity]} {props}::{escape_data(p.message)}\n")
        self.err.write(self.summary(result) + "\n")
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            append_summary(summary_path, self.markdown_summary(result))

    def markdown_summary(self, result: ValidationResult) -> str:
        lines = ["## acsg validate", "", self.summary(result), ""]
        if result.problems:
            lines += md_table(
                ["file", "line", "severity", "code", "message"],
                [[p.file, p.line, p.severity.value, p.code, p.message] for p in result.problems],
            )
        return "\n".join(lines) + "\n"


def append_summary(path: str, text: str) -> None:
    """Append to the job summary file; one that cannot be written is a usage error (exit 2)."""
    from acsg_cli.errors import UsageError

    try:
        with Path(path).open("a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise UsageError(
            f"cannot write the job summary '{safety.terminal(path)}': {exc.strerror or exc}"
        ) from None


class JsonReporter(Reporter):
    """`{"files_checked": N, "problems": [{"file", "line", "column", "code", "severity",
    "message"}]}`."""

    def report(self, result: ValidationResult) -> None:
        self.out.write(safety.json_text(result.to_dict()) + "\n")
