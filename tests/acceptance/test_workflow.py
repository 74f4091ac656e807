"""The pull-request workflow: actionlint finds nothing, and it runs what CONTRIBUTING.md says CI runs."""

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
