"""The pull-request workflow: actionlint finds nothing, and it runs what CONTRIBUTING.md says CI
runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "validate.yml"


def actionlint() -> str:
    found = Path(sys.executable).parent / "actionlint"
    if found.exists():
        return str(found)
    on_path = shutil.which("actionlint")
    assert on_path, "actionlint is missing: install the test extra (pip install -e '.[test]')"
    return on_path


def test_actionlint_passes() -> None:
    result = subprocess.run(
        [actionlint(), "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    """The check can fail: a typo in an expression is a finding."""
    broken = tmp_path / ".github" / "workflows" / "validate.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(WORKFLOW.read_text().replace("github.base_ref", "github.base_reff"))
    result = subprocess.run(
        [actionlint(), "-no-color", str(broken)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert "base_reff" in result.stdout


def steps() -> list[dict[str, object]]:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert list(workflow[True]) == ["pull_request"]  # PyYAML reads the `on` key as YAML 1.1 true
    (job,) = workflow["jobs"].values()
    return job["steps"]  # type: ignore[no-any-return]


def test_workflow_validates_changes_against_the_base_then_tests() -> None:
    found = steps()
    checkout = next(s for s in found if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"] == {"fetch-depth": 0}
    python = next(s for s in found if str(s.get("uses", "")).startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"  # type: ignore[index]
    runs = [str(s["run"]) for s in found if "run" in s]
    assert 'acsg validate --changed-since "origin/${BASE_REF}" --format github' in runs
    validate = next(s for s in found if "acsg validate" in str(s.get("run", "")))
    assert validate["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert "acsg schema --check" in runs
    assert runs[-1] == "python -m pytest"
    # the checks come before the tests, each its own step so a failure names itself
    assert runs[-4:] == [
        "ruff check --output-format github",
        "ruff format --check",
        "mypy",
        "python -m pytest",
    ]


def readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (command,) = [
        line for line in readme.splitlines() if line.startswith("bash scripts/install-test-browser")
    ]
    return command


def test_ci_runs_the_readme_command_and_stops_at_the_first_failing_check() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = readme_test_command()
    assert ci.splitlines()[-1] == command
    assert "set -euo pipefail" in ci
    # One `&&` chain: a failing step ends it, and the chain's status (the script's last
    # command) is that step's exit code; pytest comes last so its code is the script's.
    assert command.split(" && ")[-5:] == [
        ".venv/bin/pip install -q -e '.[test,dev]'",
        ".venv/bin/ruff check",
        ".venv/bin/ruff format --check",
        ".venv/bin/mypy",
        ".venv/bin/python -m pytest",
    ]
    assert "|" not in command and ";" not in command


def test_ci_fails_when_a_step_of_the_chain_fails(tmp_path: Path) -> None:
    """The chain as .ci/run runs it, with each step replaced by `true` or `false`."""
    steps = readme_test_command().split(" && ")
    for failing in range(len(steps)):
        chain = " && ".join("false" if i == failing else "true" for i in range(len(steps)))
        script = tmp_path / "run"
        script.write_text(f"#!/usr/bin/env bash\nset -euo pipefail\n{chain}\n")
        assert subprocess.run(["bash", str(script)], check=False).returncode == 1, failing
