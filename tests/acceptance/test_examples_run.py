"""Every example in `acsg ... --help` and the README runs (CONTRIBUTING.md's path is followed by
`test_contributing.py`), on a fresh copy of the shipped registry in a git repository (two
commits, so `HEAD~1` exists, and `origin/main`)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHIPPED, git_env

NOT_ACSG = "python -m http.server"
"""An example that starts a server rather than running acsg: not run here."""
INTERACTIVE = {"acsg new request", "acsg new offer"}
"""Examples that ask their questions on a terminal: `tests/cli/test_cli_new.py` drives them."""


def _help_examples() -> list[str]:
    import typer

    from acsg_cli.cli import app

    found: list[str] = []

    def walk(command: object) -> None:
        subs = getattr(command, "commands", None)
        if subs:
            for sub in subs.values():
                walk(sub)
            return
        text = getattr(command, "help", None) or ""
        if "Examples:" not in text:
            return
        line = ""
        for raw in text.split("Examples:", 1)[1].splitlines():
            part = raw.strip()
            if not part or part == "\b":
                continue
            line += part
            if line.endswith("\\"):
                line = line[:-1].rstrip() + " "
                continue
            found.append(line)
            line = ""

    walk(typer.main.get_command(app))
    return [e for e in found if not e.startswith(NOT_ACSG)]


def _doc_examples(name: str) -> list[str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        joined = re.sub(r"\\\n\s*", " ", block)
        out += [line.strip() for line in joined.splitlines() if line.strip().startswith("acsg ")]
    return out


EXAMPLES = sorted(set(_help_examples() + _doc_examples("README.md")) - INTERACTIVE)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo") / "acsg"
    root.mkdir()
    shutil.copytree(ROOT / "schemas", root / "schemas")
    env = git_env()

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    shutil.copytree(SHIPPED, root / "data")
    git("add", ".")
    git("commit", "-qm", "registry")
    (root / "candidate.toml").write_text("[matching.weights]\nareas = 30\n")
    git("add", ".")
    git("commit", "-qm", "candidate weights")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    return root


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_runs(example: str, template: Path, tmp_path: Path) -> None:
    repo = tmp_path / "acsg"
    shutil.copytree(template, repo, symlinks=True)
    env = {**git_env(), "PYTHONPATH": str(ROOT), "ACSG_TODAY": "2022-06-01", "NO_COLOR": "1"}
    env.pop("ACSG_DATA", None)
    words = shlex.split(example.split("  #", 1)[0])
    done = subprocess.run(
        [sys.executable, "-m", "acsg_cli", *words[1:]],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert done.returncode == 0, f"{example}\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"
    assert os.path.isdir(repo / "data")
