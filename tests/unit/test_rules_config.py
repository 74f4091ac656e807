"""`[tool.acsg.rules]` / `[rules]`: validated, unknown codes refused naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from acsg_cli.config import load_config
from acsg_cli.errors import UsageError
from acsg_cli.problems import Severity
from acsg_cli.rules.config import rule_settings


def settings_from(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.chdir("/")
    (tmp_path / "acsg.toml").write_text(text)
    return rule_settings(load_config(tmp_path / "data"))


def test_defaults_without_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = rule_settings(load_config(tmp_path / "data"))
    assert (settings.select, settings.ignore, dict(settings.severity), settings.strict) == (
        (),
        (),
        {},
        False,
    )


def test_full_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_from(
        tmp_path,
        '[rules]\nselect = ["acsg1", "ACSG3"]\nignore = ["ACSG112"]\n'
        'strict = true\n[rules.severity]\nACSG203 = "warning"\n',
        monkeypatch,
    )
    assert settings.select == ("ACSG1", "ACSG3") and settings.ignore == ("ACSG112",)  # type: ignore[attr-defined]
    assert settings.strict and settings.severity == {"ACSG203": Severity.WARNING}  # type: ignore[attr-defined]


def test_pyproject_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")
    (tmp_path / "pyproject.toml").write_text('[tool.acsg.rules]\nignore = ["ACSG2"]\n')
    assert rule_settings(load_config(tmp_path / "data")).ignore == ("ACSG2",)


@pytest.mark.parametrize(
    "text,fragment",
    [
        (
            '[rules]\nselect = ["ACSG999"]\n',
            "acsg.toml [rules] select: unknown rule code 'ACSG999'",
        ),
        (
            '[rules]\nignore = ["ACSG010"]\n',
            "acsg.toml [rules] ignore: ACSG010 names registry checks",
        ),
        ('[rules]\nignore = "ACSG1"\n', "expected a list of rule codes"),
        ('[rules]\nstrict = "yes"\n', "strict: expected true or false"),
        ("[rules]\ncolour = 1\n", "not a rules setting: colour"),
        ('[rules.severity]\nACSG105 = "fatal"\n', "'fatal' is not error, warning or info"),
        ('[rules.severity]\nACSG1O5 = "info"\n', "unknown rule code 'ACSG1O5'; did you mean ACSG1"),
        ('[rules.severity]\nACSG012 = "info"\n', "ACSG012 is a registry check"),
        ("[rules]\nseverity = 3\n", "expected a table"),
    ],
)
def test_bad_settings_name_the_file(
    text: str, fragment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(UsageError) as info:
        settings_from(tmp_path, text, monkeypatch)
    assert str(tmp_path / "acsg.toml") in info.value.message
    assert fragment in info.value.message
