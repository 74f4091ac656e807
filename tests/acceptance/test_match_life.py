"""A match's whole life by commands alone, and concurrent edits by real processes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from acsg_cli.cli import app
from tests.conftest import EXAMPLES, ROOT

ACSG = [sys.executable, "-m", "acsg_cli"]


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*ACSG, *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_concurrent_consents_for_different_parties_all_land(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "lifecycle" / "registry", tmp_path / "data")
    # Each process waits for the same instant, then records one party's consent.
    start = time.time() + 3.0
    script = (
        "import sys, time\n"
        "from acsg_cli.cli import main\n"
        "import acsg_cli.lifecycle.edits, acsg_cli.registry, filelock, ruamel.yaml\n"
        f"time.sleep(max(0.0, {start!r} - time.time()))\n"
        "sys.argv = ['acsg', 'consent', 'record', 'MAT-2022-001', '--party', sys.argv[1],\n"
        "            '--decision', 'granted', '--on', '2022-03-10']\nmain()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parties = ["NER", "TCD"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, p],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in parties
    ]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    text = (tmp_path / "data" / "matches" / "MAT-2022-001.yaml").read_text()
    assert (
        sorted(line.split(": ")[1] for line in text.splitlines() if line.startswith("  - party: "))
        == parties
    )
    # Whichever came first moved the match; the second found it already moved and added no move.
    assert (
        "\nstatus: consent_pending\n" in text and text.count("    status: consent_pending\n") == 1
    )
    done = run(tmp_path, "validate")
    assert done.returncode == 0, done.stdout + done.stderr


def _new_match(root: Path, runner: CliRunner) -> Path:
    """MAT-2024-001 made by `acsg match create`, then annotated by a person in a pull request."""
    made = runner.invoke(
        app,
        [
            "match",
            "create",
            "REQ-2019-005",
            "OFF-2019-005",
            "--by",
            "ACSG Secretariat",
            "--today",
            "2024-02-01",
            "--data",
            str(root),
        ],
    )
    assert made.exit_code == 0, made.output
    assert made.stdout == "MAT-2024-001\n"
    path = root / "matches" / "MAT-2024-001.yaml"
    text = path.read_text()
    text = re.sub(
        r"^(score: .*)$", r"\1  # language fit checked by hand", text, count=1, flags=re.M
    )
    text = text.replace(
        "history:\n", "\n# Ecuador asked for a Spanish-speaking resource person.\nhistory:\n"
    )
    text += "\n# Follow-up owner: Americas desk.\n"
    path.write_text(text)
    return path


def test_a_match_lives_its_whole_life_by_commands_alone(shipped: Path, runner: CliRunner) -> None:
    data = str(shipped)
    path = _new_match(shipped, runner)
    comments = [line for line in path.read_text().splitlines() if "#" in line]

    def step(*args: str) -> str:
        done = runner.invoke(app, [*args, "--data", data])
        assert done.exit_code == 0, done.output
        check = runner.invoke(app, ["validate", "--data", data])
        assert check.exit_code == 0, check.output
        return done.stdout

    def status() -> str:
        return next(line for line in path.read_text().splitlines() if line.startswith("status:"))

    assert "gap" in step("brief", "MAT-2024-001", "--for", "OFF-2019-005", "--format", "json")
    step(
        "consent",
        "record",
        "MAT-2024-001",
        "--party",
        "ECU",
        "--decision",
        "granted",
        "--on",
        "2024-02-10",
        "--by",
        "Americas desk",
        "--via",
        "unhcr_country_office",
        "--evidence",
        "Note verbale of 9 February 2024",
    )
    assert status() == "status: consent_pending"
    step(
        "consent",
        "record",
        "MAT-2024-001",
        "--party",
        "OFF-2019-005",
        "--decision",
        "granted",
        "--on",
        "2024-02-20",
        "--by",
        "Asia-Pacific desk",
    )
    assert status() == "status: agreed"
    step(
        "match",
        "status",
        "MAT-2024-001",
        "welcomed",
        "--on",
        "2024-03-01",
        "--by",
        "ACSG Secretariat",
        "--note",
        "Welcomed at the March coordination meeting.",
    )
    step(
        "match",
        "status",
        "MAT-2024-001",
        "in_implementation",
        "--on",
        "2024-04-01",
        "--by",
        "ACSG Secretariat",
    )
    step(
        "match",
        "update",
        "MAT-2024-001",
        "--summary",
        "Two exchange visits held.",
        "--milestone",
        "Exchange visits",
        "--on",
        "2024-06-30",
        "--good-practice",
    )
    step(
        "match",
        "status",
        "MAT-2024-001",
        "completed",
        "--on",
        "2024-12-15",
        "--by",
        "ACSG Secretariat",
        "--note",
        "Exchange programme completed.",
    )
    assert status() == "status: completed"
    final = path.read_text()
    for line in comments:
        assert line in final
    assert final.endswith("\n# Follow-up owner: Americas desk.\n")
    history = [line.strip() for line in final.splitlines() if line.startswith("    status: ")]
    assert history == [
        "status: proposed",
        "status: consent_pending",
        "status: agreed",
        "status: welcomed",
        "status: in_implementation",
        "status: completed",
    ]
    # A final match refuses every further move and keeps its bytes.
    before = path.read_bytes()
    refused = runner.invoke(
        app, ["match", "status", "MAT-2024-001", "withdrawn", "--note", "x", "--data", data]
    )
    assert refused.exit_code == 1 and "none (final status)" in refused.stderr
    assert path.read_bytes() == before


def test_only_new_lines_show_in_git_diff(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "lifecycle" / "registry", tmp_path / "data")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for args in (["init", "-q"], ["add", "data"], ["commit", "-q", "-m", "registry"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True)
    done = run(
        tmp_path,
        "consent",
        "record",
        "MAT-2022-001",
        "--party",
        "NER",
        "--decision",
        "granted",
        "--on",
        "2022-03-10",
    )
    assert done.returncode == 0, done.stderr
    numstat = subprocess.run(
        ["git", "diff", "--numstat"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    # `consents:` and three lines of consent, three of history, and the status line changed: nothing
    # else.
    assert numstat == ["8", "1", "data/matches/MAT-2022-001.yaml"]
    assert (
        subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
        == " M data/matches/MAT-2022-001.yaml\n"
    )
