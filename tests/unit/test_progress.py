"""Progress bars only for long runs watched on a terminal; colour only where allowed."""

from __future__ import annotations

import io
import sys

import pytest

from acsg_cli import progress
from acsg_cli.terminal import stderr_is_terminal, stdout_is_terminal


def test_track_yields_every_item_unchanged() -> None:
    items = list(range(progress.THRESHOLD + 5))
    assert list(progress.track(items, "x")) == items
    with progress.shown(True):
        assert list(progress.track(items, "x")) == items


def test_bar_only_when_enabled_and_long() -> None:
    assert not progress.will_draw(10_000)
    with progress.shown(True):
        assert progress.will_draw(progress.THRESHOLD)
        assert not progress.will_draw(progress.THRESHOLD - 1)
        with progress.shown(False):
            assert not progress.will_draw(10_000)
    assert not progress.will_draw(10_000)


def test_bar_goes_to_stderr_never_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    with progress.shown(True):
        assert sum(progress.track(list(range(progress.THRESHOLD)), "Reading records")) > 0
    assert out.getvalue() == ""


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("env", "colour"),
    [
        ({}, True),
        ({"NO_COLOR": "1"}, False),
        ({"NO_COLOR": ""}, True),
        ({"TERM": "dumb"}, False),
    ],
)
def test_colour_on_a_terminal_unless_no_color(
    env: dict[str, str], colour: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys, "stdout", _Tty())
    assert stdout_is_terminal() is colour


def test_no_colour_or_bar_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not stdout_is_terminal()
    assert not stderr_is_terminal()
