"""The publishing workflow: actionlint finds nothing, and it builds the portal on pushes to main
and deploys it to GitHub Pages."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.acceptance.test_workflow import actionlint
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_actionlint_passes() -> None:
    result = subprocess.run(
        [actionlint(), "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_pages_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "pages.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        WORKFLOW.read_text().replace("steps.deployment.outputs", "steps.deploy.outputs")
    )
    result = subprocess.run(
        [actionlint(), "-no-color", str(broken)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert "deploy" in result.stdout


def test_builds_on_pushes_to_main_and_deploys_to_pages() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow[True]["push"] == {"branches": ["main"]}  # PyYAML reads `on` as true
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [str(s["run"]) for s in build["steps"] if "run" in s]
    assert "acsg site build --data data --out site" in runs
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in str(s.get("uses")))
    assert upload["with"] == {"path": "site"}
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}
    assert any("deploy-pages" in str(s.get("uses")) for s in deploy["steps"])
