"""`acsg --help` and every command's `--help` stay fast: they import none of the heavy libraries
and none of the library's own record models, matching, rules or reports (the CLI imports those
inside the commands)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = ("numpy", "scipy", "matplotlib", "jinja2", "threadpoolctl", "ruamel", "yaml")
LIBRARY = (
    "acsg_cli.models",
    "acsg_cli.registry",
    "acsg_cli.rules",
    "acsg_cli.matching",
    "acsg_cli.reports",
    "acsg_cli.yamlio",
)
SCRIPT = """
import json, sys
sys.argv = ["acsg", *sys.argv[1:]]
from acsg_cli.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\n" + json.dumps(sorted(sys.modules)))
"""


def modules_after(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "Usage: acsg" in done.stdout
    return list(json.loads(done.stderr.splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("validate", "--help"),
        ("match", "propose", "--help"),
        ("report", "stocktaking", "--help"),
        ("new", "request", "--help"),
    ],
    ids=" ".join,
)
def test_help_imports_no_heavy_library(args: tuple[str, ...]) -> None:
    loaded = modules_after(*args)
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY]
    assert heavy == []
    own = [m for m in loaded if m.startswith(LIBRARY)]
    assert own == []


def test_the_check_sees_a_heavy_import() -> None:
    """The same probe does see numpy once something imports it."""
    done = subprocess.run(
        [sys.executable, "-c", "import numpy\n" + SCRIPT, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "numpy" in json.loads(done.stderr.splitlines()[-1])
