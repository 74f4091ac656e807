"""CONTRIBUTING.md works as written: a new contributor who types exactly its commands, in a
fresh clone of the registry, adds a valid request and sees `acsg validate` pass."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app
from acsg_cli.vocab import Area, EntityType, Region
from acsg_cli.yamlio.reader import read_path
from tests.conftest import ROOT, git_env

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def contributor_path() -> list[str]:
    """The commands of the marked block, in order."""
    block = GUIDE.split("<!-- contributor-path:start -->", 1)[1].split(
        "<!-- contributor-path:end -->", 1
    )[0]
    return [line.strip() for line in block.splitlines() if re.match(r"^(acsg|git) ", line.strip())]


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """What a fresh clone holds for a contributor: the shipped registry and the schemas, in git."""
    root = tmp_path / "acsg"
    root.mkdir()
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    subprocess.run(["git", "init", "-q"], cwd=root, env=git_env(), check=True)
    subprocess.run(["git", "add", "."], cwd=root, env=git_env(), check=True)
    subprocess.run(["git", "commit", "-qm", "registry"], cwd=root, env=git_env(), check=True)
    return root


def run(line: str, cwd: Path, runner: CliRunner) -> tuple[int, str, str]:
    words = shlex.split(line)
    if words[0] == "git":
        done = subprocess.run(words, cwd=cwd, env=git_env(), capture_output=True, text=True)
        return done.returncode, done.stdout, done.stderr
    result = runner.invoke(app, words[1:])
    return result.exit_code, result.stdout, result.stderr


def test_new_request_by_the_guide(
    clone: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(clone)
    commands = contributor_path()
    assert [c.split()[:3] for c in commands] == [
        ["git", "switch", "-c"],
        ["acsg", "new", "request"],
        ["acsg", "validate"],
    ]
    before = {p.name for p in (clone / "data" / "requests").iterdir()}
    outputs = []
    for line in commands:
        code, out, err = run(line, clone, runner)
        assert code == 0, f"`{line}` failed: {out}{err}"
        outputs.append((out, err))
    (added,) = {p.name for p in (clone / "data" / "requests").iterdir()} - before
    new_id = outputs[1][0].strip()
    assert added == f"{new_id}.yaml"
    assert re.fullmatch(rf"REQ-{date.today().year}-[0-9]{{3}}", new_id)
    assert outputs[1][1].startswith(f"wrote data/requests/{added}\n")
    record = read_path(clone / "data" / "requests" / added).data
    assert record["status"] == "draft"
    assert (
        record["title"] == shlex.split(commands[1])[shlex.split(commands[1]).index("--title") + 1]
    )
    assert " 0 errors" in outputs[2][1]


def test_offer_command_of_the_guide(
    clone: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(clone)
    (line,) = [line for line in GUIDE.splitlines() if line.startswith("acsg new offer ")]
    code, out, err = run(line, clone, runner)
    assert code == 0, err
    assert (clone / "data" / "offers" / f"{out.strip()}.yaml").exists()
    code, _, err = run("acsg validate", clone, runner)
    assert code == 0 and " 0 errors" in err


@pytest.mark.parametrize("enum", [Area, EntityType, Region])
def test_guide_lists_every_code(enum: type) -> None:
    for member in enum:  # type: ignore[attr-defined]
        assert f"`{member.value}`" in GUIDE, f"CONTRIBUTING.md does not list {member.value}"


def test_guide_cites_every_request_criterion() -> None:
    for paragraph in (
        "WM 13",
        "WM 15.i",
        "WM 15.ii",
        "WM 15.iii",
        "WM 15.iv",
        "WM 15.v",
        "WM 15.vi",
        "WM 15.vii",
        "FS 3",
        "FS 4",
        "WM 16-17",
        "WM 18",
        "WM 19-20",
        "SR",
    ):
        assert (
            f"| {paragraph}" in GUIDE or f", {paragraph} |" in GUIDE or f"{paragraph} |" in GUIDE
        ), paragraph
