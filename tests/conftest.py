"""Shared fixtures: copies of the example and shipped registries, and a CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).resolve().parent / "examples"
FIXTURE_REGISTRY = EXAMPLES / "registry"
DATA = ROOT / "data"
"""The registry the repository ships: checked by `acsg validate --data data` (and the data-only
change test) alone, never by a test that expects particular records."""
SHIPPED = EXAMPLES / "public"
"""A frozen copy of the public ACSG records as first shipped: tests that need real records use
it, so adding or editing a record in `data/` changes no test's expectations."""


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


class StrictRunner(CliRunner):
    """typer's runner with `catch_exceptions=False` on every `invoke`: an exception a command
    does not turn into a message and an exit code escapes and fails the test, instead of
    passing as exit code 1. (typer's runner takes the setting per call, not in its constructor.)
    """

    def invoke(self, *args: Any, **kwargs: Any) -> Result:
        if kwargs.pop("catch_exceptions", False):
            raise TypeError("tests run commands with catch_exceptions=False")
        return super().invoke(*args, catch_exceptions=False, **kwargs)


@pytest.fixture
def runner() -> CliRunner:
    """The runner every test that runs a command uses."""
    return StrictRunner()


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
