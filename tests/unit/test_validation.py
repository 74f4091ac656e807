"""Validation runs: selecting paths, --changed-since, cross-file checks."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from acsg_cli.errors import UsageError
from acsg_cli.validation import validate
from tests.conftest import git_env


def codes(result: object) -> list[tuple[str, str]]:
    return [(Path(p.file).name, p.code) for p in result.problems]  # type: ignore[attr-defined]


def test_valid_registry(registry: Path) -> None:
    result = validate(registry)
    assert result.files_checked == 3
    assert result.problems == ()
    assert not result.failed()


def test_missing_registry_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not found"):
        validate(tmp_path / "nowhere")


def test_dangling_references_and_wrong_kinds(registry: Path) -> None:
    match = registry / "matches" / "MAT-2021-001.yaml"
    text = match.read_text()
    match.write_text(text.replace("offers: [OFF-2021-001]", "offers: [OFF-2021-009]"))
    [problem] = validate(registry).problems
    assert (problem.code, problem.line, problem.column) == ("ACSG021", 4, 10)
    assert (
        problem.message
        == "offer 'OFF-2021-009' does not exist (no offers/OFF-2021-009.yaml); did you mean "
        "OFF-2021-001?"
    )
    match.write_text(text.replace("offers: [OFF-2021-001]", "offers: [REQ-2021-001]"))
    [problem] = validate(registry).problems
    assert problem.code == "ACSG012" and "offer id" in problem.message


def test_reference_to_a_broken_file_is_not_reported_twice(registry: Path) -> None:
    request = registry / "requests" / "REQ-2021-001.yaml"
    request.write_text(request.read_text().replace("status: open", "status: ???"))
    assert codes(validate(registry)) == [("REQ-2021-001.yaml", "ACSG012")]


def test_status_consistency(registry: Path) -> None:
    offer = registry / "offers" / "OFF-2021-001.yaml"
    offer.write_text(offer.read_text().replace("status: open", "status: withdrawn"))
    request = registry / "requests" / "REQ-2021-001.yaml"
    request.write_text(request.read_text().replace("status: open", "status: matched"))
    match = registry / "matches" / "MAT-2021-001.yaml"
    match.write_text(
        match.read_text()
        .replace("status: proposed", "status: withdrawn")
        .replace("    status: proposed", "    status: proposed")
    )
    # matched with no agreed match: the status rule (both directions) says so
    assert ("REQ-2021-001.yaml", "ACSG118") in codes(validate(registry))
    match.write_text(match.read_text().replace("status: withdrawn", "status: proposed", 1))
    assert ("MAT-2021-001.yaml", "ACSG022") in codes(validate(registry))


def test_duplicate_ids(registry: Path) -> None:
    (registry / "requests" / "REQ-2021-002.yaml").write_text(
        (registry / "requests" / "REQ-2021-001.yaml").read_text()
    )
    found = codes(validate(registry))
    assert ("REQ-2021-002.yaml", "ACSG020") in found and ("REQ-2021-002.yaml", "ACSG013") in found


def test_record_in_wrong_folder(registry: Path) -> None:
    (registry / "offers" / "REQ-2021-001.yaml").write_text(
        (registry / "requests" / "REQ-2021-001.yaml").read_text()
    )
    assert ("REQ-2021-001.yaml", "ACSG013") in codes(validate(registry))


def test_other_files_are_warned_about_not_failed(registry: Path) -> None:
    (registry / "requests" / "notes.txt").write_text("hello")
    (registry / "requests" / "REQ-2021-009.yml").write_text("id: REQ-2021-009\n")
    result = validate(registry)
    severities = {Path(p.file).name: p.severity.value for p in result.problems}
    assert severities == {"notes.txt": "warning", "REQ-2021-009.yml": "error"}


def test_selected_paths_only_report_on_themselves(registry: Path) -> None:
    (registry / "offers" / "OFF-2021-002.yaml").write_text("id: OFF-2021-002\n")
    only_request = validate(registry, paths=[registry / "requests" / "REQ-2021-001.yaml"])
    assert only_request.files_checked == 1 and only_request.problems == ()
    offers = validate(registry, paths=[registry / "offers"])
    assert offers.files_checked == 2 and {Path(p.file).name for p in offers.problems} == {
        "OFF-2021-002.yaml"
    }
    with pytest.raises(UsageError):
        validate(registry, paths=[registry / "nope.yaml"])


def test_a_path_outside_the_registry_is_refused(registry: Path, tmp_path: Path) -> None:
    outside = tmp_path / "incoming" / "matches"
    outside.mkdir(parents=True)
    (outside / "MAT-2021-005.yaml").write_text("id: MAT-2021-005\n")
    for path in (outside / "MAT-2021-005.yaml", outside, Path("/")):
        with pytest.raises(UsageError, match="is outside the registry"):
            validate(registry, paths=[path])


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=git_env())


def test_changed_since(registry: Path) -> None:
    repo = registry.parent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    (registry / "offers" / "OFF-2021-002.yaml").write_text(
        "id: OFF-2021-002\n"
    )  # new, untracked, broken
    request = registry / "requests" / "REQ-2021-001.yaml"
    request.write_text(request.read_text().replace("title: Reform", "titel: Reform"))
    result = validate(registry, changed_since="HEAD")
    assert {Path(p.file).name for p in result.problems} == {
        "OFF-2021-002.yaml",
        "REQ-2021-001.yaml",
    }
    # the match references the changed request, so it is checked too
    assert result.files_checked == 3
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "more")
    assert validate(registry, changed_since="HEAD").files_checked == 0
    with pytest.raises(UsageError, match="unknown git revision"):
        validate(registry, changed_since="no-such-rev")
    with pytest.raises(UsageError):
        validate(registry, changed_since="--output=/tmp/x")


def test_deleted_request_flags_the_match(registry: Path) -> None:
    repo = registry.parent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    (registry / "requests" / "REQ-2021-001.yaml").unlink()
    result = validate(registry, changed_since="HEAD")
    assert [(Path(p.file).name, p.code) for p in result.problems] == [
        ("MAT-2021-001.yaml", "ACSG021")
    ]


def test_not_a_git_repository(registry: Path) -> None:
    with pytest.raises(UsageError):
        validate(registry, changed_since="HEAD")


ODD_NAMES = ["REQ-2021-é.yaml", 'REQ-"2021".yaml', "REQ-2021\\9.yaml", "REQ-2021\t9.yaml"]


@pytest.mark.parametrize("staged", [False, True])
@pytest.mark.parametrize("name", ODD_NAMES)
def test_changed_since_reads_every_file_name(registry: Path, name: str, staged: bool) -> None:
    """git quotes these names in its plain output; read with -z they are checked, not skipped."""
    repo = registry.parent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    odd = registry / "requests" / name
    odd.write_text((registry / "requests" / "REQ-2021-001.yaml").read_text(encoding="utf-8"))
    if staged:
        git(repo, "add", ".")
    result = validate(registry, changed_since="HEAD")
    assert result.files_checked >= 1
    assert {Path(p.file).name for p in result.problems} >= {name}
    assert result.failed()
    # once committed and changed again, the diff (not only the untracked list) finds it
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "odd")
    odd.write_text(odd.read_text(encoding="utf-8").replace("title: Reform", "title: Reformed"))
    assert name in {Path(p.file).name for p in validate(registry, changed_since="HEAD").problems}
