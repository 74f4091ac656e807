"""Tables fit the terminal: in a 100-column pseudo-terminal no line is wider than 100 columns,
and `--wide` turns the fitting off."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.reports.registries import add_private_records

COLUMNS = 100
LONG_TITLE = "Case management software for two neighbouring States"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _in_terminal(args: list[str], columns: int = COLUMNS) -> tuple[int, list[str]]:
    """`acsg ARGS` with stdout on a pseudo-terminal `columns` wide: its lines, escapes removed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES", "NO_COLOR"}}
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen(
        [sys.executable, "-m", "acsg_cli", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    text = ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")
    return process.returncode, text.splitlines()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> str:
    import shutil

    from tests.conftest import FIXTURE_REGISTRY

    root = tmp_path_factory.mktemp("tty") / "data"
    shutil.copytree(FIXTURE_REGISTRY, root)
    add_private_records(root)
    return str(root)


@pytest.mark.parametrize(
    "args",
    [["list", "offers"], ["list", "requests"], ["report", "status"], ["report", "stocktaking"]],
)
def test_no_line_is_wider_than_the_terminal(args: list[str], data: str) -> None:
    today = ["--today", "2024-01-01"] if args[0] == "report" else []
    code, lines = _in_terminal([*args, "--data", data, *today])
    assert code == 0
    assert len(lines) > 3
    widest = max(len(line) for line in lines)
    assert widest <= COLUMNS, [line for line in lines if len(line) > COLUMNS]
    # ids never break across lines
    whole = "OFF-2022-001" if args[1] == "offers" else "REQ-2022-001"
    assert any(whole in line for line in lines)


def test_wide_keeps_every_cell_on_one_line(data: str) -> None:
    code, lines = _in_terminal(["list", "offers", "--data", data, "--wide"])
    assert code == 0
    assert max(len(line) for line in lines) > COLUMNS
    assert any(LONG_TITLE in line for line in lines)


def test_a_pipe_gets_whole_lines(data: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "acsg_cli", "list", "offers", "--data", data],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "\x1b" not in done.stdout
    assert any(LONG_TITLE in line for line in done.stdout.splitlines())


def test_records_cannot_draw_on_the_terminal(data: str) -> None:
    offer = Path(data) / "offers" / "OFF-2022-001.yaml"
    text = offer.read_text(encoding="utf-8")
    offer.write_text(
        re.sub(r"(?m)^title: .*$", lambda _: 'title: "Evil \\e]0;owned\\a \\e[31mred"', text),
        encoding="utf-8",
    )
    try:
        code, lines = _in_terminal(["list", "offers", "--data", data])
        assert code == 0
        joined = "\n".join(lines)
        assert "\x07" not in joined and "]0;owned" not in joined.replace("\\x1b]0;owned", "")
    finally:
        offer.write_text(text, encoding="utf-8")
