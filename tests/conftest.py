"""Shared fixtures: copies of the example and shipped registries, and a CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).resolve().parent / "examples"
FIXTURE_REGISTRY = EXAMPLES / "registry"
SHIPPED = ROOT / "data"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see neither the caller's registry or date settings nor GitHub's variables."""
    for name in ("ACSG_DATA", "ACSG_TODAY", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A copy of the small, fully valid example registry."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_REGISTRY, target)
    return target


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped registry in data/."""
    target = tmp_path / "shipped"
    shutil.copytree(SHIPPED, target)
    return target


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def git_env() -> dict[str, str]:
    """Environment for git in tests: an identity, no global config."""
    env = dict(os.environ)
    env.update(
        {
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
    )
    return env
