"""Robust reading and argument checks: control characters, numbers, dates, registry paths."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from acsg_cli.cli import app
from tests.conftest import FIXTURE_REGISTRY, StrictRunner


def _run(*args: str) -> tuple[int, str, str]:
    result = StrictRunner().invoke(app, list(args))
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURE_REGISTRY, root)
    return root


def _edit(path: Path, old: str, new: bytes) -> None:
    raw = path.read_bytes()
    assert old.encode() in raw
    path.write_bytes(raw.replace(old.encode(), new))


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"a\x1b[2Jb", "ACSG001"),
        (b"a\x7fb", "ACSG001"),
        (b"a\xc2\x9bb", "ACSG001"),
        (b"a\xef\xbf\xbeb", "ACSG001"),
        (b"a\xe2\x80\xaeb", "ACSG001"),
        (b'"a\\eb"', "ACSG002"),
        (b'"a\\x9bb"', "ACSG002"),
        (b'"a\\uFFFEb"', "ACSG002"),
    ],
)
def test_a_control_character_is_a_problem_of_its_file(data: Path, raw: bytes, code: str) -> None:
    offer = data / "offers" / "OFF-2021-001.yaml"
    _edit(offer, "Peer support on asylum procedures and legislation", raw)
    status, out, _ = _run("validate", "--data", str(data), "--format", "json")
    assert status == 1
    problems = json.loads(out)["problems"]
    assert [(p["file"].rsplit("/", 1)[1], p["code"]) for p in problems if p["code"] == code] == [
        ("OFF-2021-001.yaml", code)
    ]
    assert [p["line"] for p in problems if p["code"] == code] == [3]
    # every other command still runs, leaving the file out
    for args in (
        ["list", "requests"],
        ["report", "status"],
        ["report", "stocktaking", "--format", "json"],
        ["match", "propose"],
        ["show", "REQ-2021-001"],
    ):
        status, _, err = _run(*args, "--data", str(data))
        assert status == 0, (args, err)


def test_a_huge_capacity_is_an_invalid_value(data: Path) -> None:
    _edit(data / "offers" / "OFF-2021-001.yaml", "capacity: 2", b"capacity: 9223372036854775808")
    status, out, _ = _run("validate", "--data", str(data))
    assert status == 1 and "ACSG012 capacity" in out
    status, _, err = _run("match", "propose", "--plan", "--data", str(data))
    assert status == 0, err


@pytest.mark.parametrize("weight", ["1e308", "-1", "inf", "nan", "1001"])
def test_weights_out_of_bounds_are_a_usage_error(data: Path, weight: str) -> None:
    (data.parent / "acsg.toml").write_text(f"[matching.weights]\nareas = {weight}\n")
    status, _, err = _run("match", "propose", "--plan", "--format", "json", "--data", str(data))
    assert status == 2 and "acsg.toml" in err and "areas" in err, err


def test_propose_json_is_always_json(data: Path) -> None:
    (data.parent / "acsg.toml").write_text("[matching.weights]\nareas = 1000\ntext = 1000\n")
    status, out, err = _run("match", "propose", "--plan", "--format", "json", "--data", str(data))
    assert status == 0, err
    json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in JSON"))


@pytest.mark.parametrize("option", ["--min-score=nan", "--min-score=inf", "--top=99999999999"])
def test_non_finite_or_huge_options_are_usage_errors(data: Path, option: str) -> None:
    status, _, _ = _run("match", "propose", option, "--data", str(data))
    assert status == 2


@pytest.mark.parametrize(
    ("path", "old", "new", "code"),
    [
        (
            "requests/REQ-2021-001.yaml",
            "submitted_on: 2021-03-01",
            b"submitted_on: 9999-03-01",
            "ACSG117",
        ),
        (
            "offers/OFF-2021-001.yaml",
            "submitted_on: 2021-02-01",
            b"submitted_on: 9999-02-01",
            "ACSG205",
        ),
        ("matches/MAT-2021-001.yaml", "  - on: 2021-04-01", b"  - on: 9999-04-01", "ACSG305"),
    ],
)
def test_dates_in_the_future_are_flagged(
    data: Path, path: str, old: str, new: bytes, code: str
) -> None:
    _edit(data / path, old, new)
    status, out, _ = _run("validate", "--data", str(data), "--today", "2024-01-01")
    assert status == 1 and code in out and "after today" in out, out


def test_a_folder_without_registry_folders_is_a_usage_error(tmp_path: Path) -> None:
    for args in (["validate"], ["list", "requests"], ["report", "status"], ["match", "propose"]):
        for where in (tmp_path, Path("/")):
            status, _, err = _run(*args, "--data", str(where))
            assert status == 2 and "is not a registry" in err, (args, err)


def test_paths_outside_the_registry_are_refused(data: Path, tmp_path: Path) -> None:
    for path in ("/", "/etc/passwd", str(tmp_path)):
        status, _, err = _run("validate", "--data", str(data), path)
        assert status == 2 and "outside the registry" in err, err


def test_a_registry_named_through_a_link_is_one_registry(data: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(data)
    for root, path in ((link, data), (data, link), (link, link)):
        status, out, _ = _run(
            "validate", "--data", str(root), str(path / "requests" / "REQ-2021-001.yaml")
        )
        assert status == 0 and "ACSG020" not in out, out
