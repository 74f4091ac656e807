"""Every command speaks in plain words: counted nouns agree with their number (no "(s)" or
"(es)"), and printed reports show vocabulary values by their labels, never by their codes."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from acsg_cli import vocab
from acsg_cli.cli import app
from tests.conftest import StrictRunner
from tests.reports.registries import add_private_records

ROBOT_PLURAL = re.compile(r"\((?:s|es)\)")
ROBOT_LABELS = {
    "rsd procedures",
    "eu agency",
    "ngo",
    "international org",
    "regional org",
    "refugee led org",
    "nhri",
    "east horn great lakes",
    "west central africa",
    "asia pacific",
    "mena",
    "unhcr country office",
    "grf pledge",
    "through unhcr",
    "consent pending",
    "regions: ",
}
"""Codes with their underscores taken out: what a report showed before it had labels."""


def _commands(data: str) -> list[list[str]]:
    reports = []
    for fmt in ("table", "markdown", "html", "json"):
        reports.append(["report", "stocktaking", "--since", "2021-01-01", "--format", fmt])
        reports.append(["report", "status", "--format", fmt])
    reports.append(["report", "status", "--format", "csv"])
    listings = [
        ["list", kind, "--format", fmt]
        for kind in ("requests", "offers", "matches")
        for fmt in ("table", "markdown", "json", "csv")
    ]
    return [
        [*c, "--data", data]
        for c in [
            ["validate"],
            ["validate", "--format", "json"],
            ["validate", "--format", "github"],
            *listings,
            ["show", "REQ-2021-001"],
            ["show", "OFF-2021-001", "--format", "markdown"],
            ["show", "MAT-2021-001"],
            ["match", "propose"],
            ["match", "propose", "--plan", "--format", "markdown"],
            ["match", "propose", "--explain"],
            ["brief", "MAT-2021-001", "--for", "OFF-2021-001"],
            ["brief", "MAT-2022-001", "--for", "OFF-2022-001"],
            *reports,
        ]
    ] + [["rules"], ["rules", "ACSG101"]]


@pytest.fixture
def data(registry: Path) -> str:
    add_private_records(registry)
    return str(registry)


def test_no_command_writes_robot_plurals(data: str) -> None:
    runner = StrictRunner()
    translated = [
        ["report", "stocktaking", "--since", "2021-01-01"],
        ["report", "status"],
    ]
    commands = _commands(data) + [
        [*command, "--data", data, "--lang", lang]
        for command in translated
        for lang in ("fr", "es")
    ]
    for command in commands:
        result = runner.invoke(app, command)
        assert result.exit_code in (0, 1), (command, result.output)
        output = result.stdout + result.stderr
        robot = [line for line in output.splitlines() if ROBOT_PLURAL.search(line)]
        assert not robot, (command, robot)


def _visible_text(page: str) -> str:
    page = re.sub(r"<(style|svg)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_printed_reports_show_labels_not_codes(data: str) -> None:
    codes = {m.value for kind in vocab.LABELS for m in kind if "_" in m.value}
    runner = StrictRunner()
    for report in ("stocktaking", "status"):
        result = runner.invoke(
            app, ["report", report, "--data", data, "--format", "html", "--audience", "secretariat"]
        )
        assert result.exit_code == 0, result.output
        text = _visible_text(result.stdout)
        for spelling in codes | ROBOT_LABELS:
            assert not re.search(rf"\b{re.escape(spelling)}\b", text), (report, spelling)
