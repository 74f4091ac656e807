"""Finding and reading `[tool.acsg]` / `acsg.toml`."""

from __future__ import annotations

from pathlib import Path

import pytest

from acsg_cli.config import load_config
from acsg_cli.errors import UsageError


def test_no_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(tmp_path / "data")
    assert config.table == {} and config.source is None
    assert config.section("rules") == {}


def test_pyproject_next_to_the_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")
    (tmp_path / "pyproject.toml").write_text("[tool.acsg.rules]\nignore = ['ACSG1']\n")
    config = load_config(tmp_path / "data")
    assert config.section("rules") == {"ignore": ["ACSG1"]}
    assert config.source == tmp_path / "pyproject.toml"


def test_acsg_toml_wins_and_is_top_level(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")
    (tmp_path / "pyproject.toml").write_text("[tool.acsg.rules]\nignore = ['X']\n")
    (tmp_path / "acsg.toml").write_text("[rules]\nstrict = true\n")
    assert load_config(tmp_path / "data").section("rules") == {"strict": True}


@pytest.mark.parametrize(
    "text,fragment",
    [
        ("[rules\n", "invalid TOML"),
        ("colour = 1\n", "not a setting of the acsg configuration: colour"),
        ("rules = 3\n", "must be a table"),
    ],
)
def test_bad_configuration_is_a_usage_error(
    text: str, fragment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir("/")
    (tmp_path / "acsg.toml").write_text(text)
    with pytest.raises(UsageError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        load_config(tmp_path / "data").section("rules")


def test_explicit_file(tmp_path: Path) -> None:
    path = tmp_path / "custom.toml"
    path.write_text("[matching]\ntop = 3\n")
    assert load_config(None, path).section("matching") == {"top": 3}
    with pytest.raises(UsageError, match="not found"):
        load_config(None, tmp_path / "missing.toml")


def test_configuration_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "acsg.toml"
    path.write_bytes(b"\xff[matching]\n")
    with pytest.raises(UsageError, match="not UTF-8"):
        load_config(explicit=path)
