"""The shipped good practices: listed as JSON, and accepted by check-jsonschema against the
committed schema (the tool reviewers point at their files)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from acsg_cli.cli import app
from tests.conftest import ROOT, SHIPPED

SCHEMA = ROOT / "schemas" / "practice.schema.json"


def _check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA)]
    return subprocess.run([*command, *map(str, files)], capture_output=True, text=True, check=False)


def test_list_practices_json_lists_the_shipped_practices(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "practices", "--data", str(SHIPPED), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == sorted(p.stem for p in (SHIPPED / "practices").glob("*.yaml"))
    assert {c for r in rows for c in r["countries"]} >= {"ARM", "GHA", "PHL"}


def test_check_jsonschema_accepts_the_shipped_practices() -> None:
    files = sorted((SHIPPED / "practices").glob("*.yaml"))
    assert files
    done = _check_jsonschema(*files)
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_jsonschema_refuses_a_bad_practice(tmp_path: Path) -> None:
    bad = tmp_path / "GP-2021-009.yaml"
    shutil.copy(SHIPPED / "practices" / "GP-2021-001.yaml", bad)
    bad.write_text(bad.read_text().replace("status: published", "status: publishd"))
    done = _check_jsonschema(bad)
    assert done.returncode == 1 and "publishd" in done.stdout
