"""Every example in `acsg ... --help`, the README and CONTRIBUTING.md runs, on a fresh copy of
the shipped registry (its frozen copy, so that a data-only change keeps this green) in a git
repository (two commits, so `HEAD~1` exists, and `origin/main`).

CONTRIBUTING.md's contributor path, which writes a request with `acsg new`, is followed step by
step by `test_contributing.py`."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app
from tests.conftest import ROOT, SHIPPED, git_env

NOT_ACSG = "python -m http.server"
"""An example that starts a server rather than running acsg: not run here."""
COMPLETION = {"--install-completion", "--show-completion"}
"""Examples that install or print shell completion: run from bash, with a home of their own."""
INTERACTIVE = {"acsg new request", "acsg new offer", "acsg new practice"}
"""Examples that ask their questions on a terminal, which this test has not: `acsg new request`
and `acsg new offer` are driven by `tests/cli/test_cli_new.py`."""


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


EXAMPLES = sorted(
    set(_help_examples() + _doc_examples("README.md") + _doc_examples("CONTRIBUTING.md"))
    - INTERACTIVE
)


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


def _in_a_shell(args: list[str], repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run acsg from bash, as a user would: shell completion looks for the shell it runs in."""
    env = {**git_env(), "PYTHONPATH": str(ROOT), "HOME": str(home)}
    line = shlex.join([sys.executable, "-m", "acsg_cli", *args]) + "; exit $?"
    return subprocess.run(
        ["bash", "-c", line], cwd=repo, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_runs(
    example: str,
    template: Path,
    tmp_path: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = tmp_path / "acsg"
    shutil.copytree(template, repo, symlinks=True)
    monkeypatch.chdir(repo)
    for name, value in git_env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path))  # shell completion installs itself here
    monkeypatch.setenv("ACSG_TODAY", "2022-06-01")
    words = shlex.split(example.split("  #", 1)[0])
    if words[1] in COMPLETION:
        done = _in_a_shell(words[1:], repo, tmp_path)
        assert done.returncode == 0, f"{example}\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"
        return
    done = runner.invoke(app, words[1:])
    assert done.exit_code == 0, f"{example}\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"
    assert (repo / "data").is_dir()
