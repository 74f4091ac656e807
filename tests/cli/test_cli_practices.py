"""Good practices: list, show, new, validation with positions, and `practice from-update`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app
from tests.unit.rules_helpers import COMPLIANT

GOOD = """\
# yaml-language-server: $schema=../../schemas/practice.schema.json
id: GP-2021-002
title: Remote registration interviews
countries: [TCD]
categories: [registration]
summary: Interviews by video kept registration open.
resources:
  - title: Guidance
    url: https://example.org/g.pdf
    kind: tool
    language: fr
matches: [MAT-2021-001]
submitted_on: 2022-01-15
status: published
contact:
  name: Jane Officer
  email: jane@example.org
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(COMPLIANT, root)
    (root / "practices" / "GP-2021-002.yaml").write_text(GOOD)
    return root


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_practices_json_and_filters(data: Path, runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "list", "practices", "--data", str(data), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["GP-2021-001", "GP-2021-002"]
    assert rows[1]["categories"] == ["registration"] and rows[1]["matches"] == ["MAT-2021-001"]
    code, out, _ = invoke(
        runner, "list", "practices", "--data", str(data), "--format", "json", "--area", "appeals"
    )
    assert json.loads(out) == []
    code, out, _ = invoke(
        runner, "list", "practices", "--data", str(data), "-f", "json", "--region", "europe"
    )
    assert json.loads(out) == []
    for filters, ids in (
        (["--status", "published"], ["GP-2021-001", "GP-2021-002"]),
        (["--status", "draft"], []),
        (["--area", "processing_modalities"], ["GP-2021-001"]),
        (["--entity-type", "ngo"], []),  # practices name no offering entity
    ):
        code, out, _ = invoke(
            runner, "list", "practices", "--data", str(data), "-f", "json", *filters
        )
        assert code == 0 and [r["id"] for r in json.loads(out)] == ids, filters


def test_show_practice_and_its_match(data: Path, runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "show", "GP-2021-002", "--data", str(data), "--format", "json")
    assert code == 0
    view = json.loads(out)
    assert view["kind"] == "practice" and "contact" not in view["record"]
    assert view["matches"][0]["id"] == "MAT-2021-001"
    assert view["record"]["resources"][0]["kind"] == "tool"
    assert {c["code"] for c in view["compliance"]} == {"ACSG401", "ACSG402", "ACSG403", "ACSG404"}
    code, out, _ = invoke(runner, "show", "MAT-2021-001", "--data", str(data), "--format", "json")
    assert json.loads(out)["practices"] == ["GP-2021-001", "GP-2021-002"]


def test_bad_practice_is_reported_with_file_line_and_rule(data: Path, runner: CliRunner) -> None:
    bad = GOOD.replace("kind: tool", "kind: toool").replace("[MAT-2021-001]", "[MAT-2021-099]")
    path = data / "practices" / "GP-2021-002.yaml"
    path.write_text(bad)
    code, out, _ = invoke(runner, "validate", "--data", str(data), str(path), "--format", "json")
    assert code == 1
    found = {(p["line"], p["code"]) for p in json.loads(out)["problems"]}
    assert (10, "ACSG012") in found  # kind: toool
    path.write_text(GOOD.replace("[MAT-2021-001]", "[MAT-2021-099]"))
    code, out, _ = invoke(runner, "validate", "--data", str(data), str(path))
    assert code == 1
    assert f"{path}:12:" in out and "ACSG021" in out and "MAT-2021-099" in out
    path.write_text(GOOD.replace("[MAT-2021-001]", "[MAT-2021-002]"))
    code, out, _ = invoke(runner, "validate", "--data", str(data), str(path))
    assert code == 1 and f"{path}:12:11: error ACSG403" in out


def test_new_practice(data: Path, runner: CliRunner) -> None:
    code, out, err = invoke(
        runner,
        "new",
        "practice",
        "--data",
        str(data),
        "--title",
        "COI library",
        "--country",
        "NER",
        "--category",
        "country_of_origin_information",
    )
    assert code == 0, err
    new_id = out.strip()
    assert (data / "practices" / f"{new_id}.yaml").is_file()
    code, out, _ = invoke(runner, "validate", "--data", str(data))
    assert code == 0, out
    code, _, err = invoke(runner, "new", "practice", "--data", str(data), "--title", "x")
    assert code == 2 and "--country, --category" in err


def test_from_update_links_both_ways(
    data: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACSG_TODAY", "2022-03-01")
    match = data / "matches" / "MAT-2021-001.yaml"
    match.write_text(
        match.read_text() + "  - on: 2022-02-01\n"
        "    summary: Video interviews ran for a year.\n"
        "    good_practice: Remote interviews with interpreters\n"
    )
    before = match.read_text()
    code, _, err = invoke(
        runner, "practice", "from-update", "MAT-2021-001", "--update", "1", "--data", str(data)
    )
    assert code == 1 and "not flagged as a good practice" in err
    assert match.read_text() == before
    code, out, err = invoke(
        runner, "practice", "from-update", "MAT-2021-001", "--update", "2", "--data", str(data)
    )
    assert code == 0, err
    assert out.strip() == "GP-2022-001"
    practice = (data / "practices" / "GP-2022-001.yaml").read_text()
    assert 'title: "Remote interviews with interpreters"' in practice
    assert "matches: [MAT-2021-001]" in practice and "status: draft" in practice
    assert match.read_text() == before + "    practice: GP-2022-001\n"
    code, out, _ = invoke(runner, "validate", "--data", str(data))
    assert code == 0, out
    code, _, err = invoke(
        runner, "practice", "from-update", "MAT-2021-001", "--update", "2", "--data", str(data)
    )
    assert code == 1 and "already started GP-2022-001" in err


def test_from_update_writes_nothing_when_the_match_edit_fails(
    data: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from acsg_cli.errors import DataError
    from acsg_cli.yamlio import editor

    match = data / "matches" / "MAT-2021-001.yaml"
    match.write_text(
        match.read_text() + "  - on: 2022-02-01\n    summary: S.\n    good_practice: true\n"
    )

    real = editor.edit_record

    def refuse(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("write"):  # the check passes; the write after the practice exists fails
            raise DataError("simulated failure")
        return real(*args, **kwargs)

    monkeypatch.setattr(editor, "edit_record", refuse)
    before = sorted(p.name for p in (data / "practices").iterdir())
    code, _, err = invoke(
        runner,
        "practice",
        "from-update",
        "MAT-2021-001",
        "--update",
        "2",
        "--title",
        "T",
        "--data",
        str(data),
    )
    assert code == 1 and "simulated failure" in err
    assert sorted(p.name for p in (data / "practices").iterdir()) == before


def test_from_update_refuses_when_another_writer_started_the_practice_first(
    data: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the check and the write, another writer links update 2 to a practice: the link is
    refused, the new practice file removed and the match left as the other writer wrote it."""
    from acsg_cli.yamlio import editor

    match = data / "matches" / "MAT-2021-001.yaml"
    match.write_text(
        match.read_text() + "  - on: 2022-02-01\n    summary: S.\n    good_practice: true\n"
    )
    theirs = match.read_text() + "    practice: GP-2021-001\n"
    real = editor.edit_record

    def race(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("write"):
            match.write_text(theirs)
        return real(*args, **kwargs)

    monkeypatch.setattr(editor, "edit_record", race)
    before = sorted(p.name for p in (data / "practices").iterdir())
    code, out, err = invoke(
        runner,
        "practice",
        "from-update",
        "MAT-2021-001",
        "--update",
        "2",
        "--title",
        "T",
        "--data",
        str(data),
    )
    assert code == 1 and out == ""
    assert "MAT-2021-001.yaml changed while reading it; try again" in err
    assert sorted(p.name for p in (data / "practices").iterdir()) == before
    assert match.read_text() == theirs


def test_update_naming_a_practice_that_does_not_list_the_match(
    data: Path, runner: CliRunner
) -> None:
    match = data / "matches" / "MAT-2021-001.yaml"
    match.write_text(match.read_text() + "    practice: GP-2021-002\n")
    (data / "practices" / "GP-2021-002.yaml").write_text(
        GOOD.replace("matches: [MAT-2021-001]\n", "")
    )
    code, out, _ = invoke(runner, "validate", "--data", str(data))
    assert code == 1 and "ACSG022" in out and "does not list MAT-2021-001" in out
