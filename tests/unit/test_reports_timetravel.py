"""`acsg_cli.reports.timetravel`: the registry as of a date, and as committed at a git revision."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from acsg_cli.errors import UsageError
from acsg_cli.registry import load_registry
from acsg_cli.reports.timetravel import parse_date, records_as_of, snapshot
from acsg_cli.vocab import MatchStatus, OfferStatus, RequestStatus
from tests.reports.registries import commit_all, git

TODAY = date(2024, 1, 1)


def test_parse_date() -> None:
    assert parse_date("2021-10-12") == date(2021, 10, 12)
    assert parse_date("HEAD~1") is None
    assert parse_date("v2021") is None
    with pytest.raises(UsageError, match="not a real date"):
        parse_date("2021-13-01")


def test_records_as_of_a_date_leaves_out_later_records_and_rewinds_histories(shipped: Path) -> None:
    now = load_registry(shipped, root_display="data")
    then = records_as_of(now, date(2020, 12, 31))
    assert len(then.requests) == 7 and "OFF-2021-001" not in then.offers
    # MAT-2021-001 was proposed in 2021: not there yet; MAT-2020-002 (completed now) was in
    # implementation.
    assert sorted(then.matches) == ["MAT-2020-001", "MAT-2020-002"]
    past = then.matches["MAT-2020-002"]
    assert past.status is MatchStatus.IN_IMPLEMENTATION
    assert all(h.on <= date(2020, 12, 31) for h in past.history)
    # Niger's request is matched now, but no match of it existed yet: it counted as open.
    assert now.requests["REQ-2019-002"].status is RequestStatus.MATCHED
    assert then.requests["REQ-2019-002"].status is RequestStatus.OPEN
    # The registry it was built from is unchanged.
    assert now.matches["MAT-2020-002"].status is MatchStatus.COMPLETED


def test_an_offer_closed_now_counts_as_committed_while_its_match_was_live(shipped: Path) -> None:
    now = load_registry(shipped, root_display="data")
    assert now.offers["OFF-2021-001"].status is OfferStatus.CLOSED
    then = records_as_of(now, date(2021, 10, 12))
    assert then.matches["MAT-2021-003"].status is MatchStatus.IN_IMPLEMENTATION
    assert then.offers["OFF-2021-001"].status is OfferStatus.COMMITTED


def test_snapshot_now_and_by_date(shipped: Path) -> None:
    now = snapshot(shipped, "data", None, TODAY)
    assert now.basis.kind == "working_tree" and now.basis.as_of == TODAY
    then = snapshot(shipped, "data", "2020-06-30", TODAY)
    assert then.basis.kind == "date" and then.basis.as_of == date(2020, 6, 30)
    assert "dated on or before 2020-06-30" in then.basis.label
    with pytest.raises(UsageError, match="in the future"):
        snapshot(shipped, "data", "2024-01-02", TODAY)


@pytest.fixture
def history_repo(tmp_path: Path) -> tuple[Path, str, str]:
    """A git repository whose first commit holds fewer records than its second."""
    repo = tmp_path / "repo"
    data = repo / "data"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", data)
    git(repo.parent, "init", "-q", str(repo))
    removed = [
        data / "requests" / "REQ-2019-007.yaml",
        data / "offers" / "OFF-2019-004.yaml",
        data / "matches" / "MAT-2021-002.yaml",
    ]
    kept = {p: p.read_bytes() for p in removed}
    for path in removed:
        path.unlink()
    first = commit_all(repo, "fewer records", "2021-06-01")
    for path, content in kept.items():
        path.write_bytes(content)
    second = commit_all(repo, "all records", "2022-01-15")
    return repo, first, second


def test_snapshot_at_a_git_revision_reads_the_committed_tree(
    history_repo: tuple[Path, str, str],
) -> None:
    repo, first, second = history_repo
    data = repo / "data"
    (data / "requests" / "REQ-2019-001.yaml").unlink()  # uncommitted: not seen at a revision
    old = snapshot(data, "data", first, TODAY)
    assert (
        old.basis.kind == "git"
        and old.basis.commit == first
        and old.basis.as_of == date(2021, 6, 1)
    )
    assert (len(old.registry.requests), len(old.registry.offers), len(old.registry.matches)) == (
        6,
        5,
        4,
    )
    assert old.registry.problems == []
    assert (
        old.registry.sources["REQ-2019-001"].display == f"{first}:data/requests/REQ-2019-001.yaml"
    )
    new = snapshot(data, "data", "HEAD", TODAY)
    assert (len(new.registry.requests), len(new.registry.offers), len(new.registry.matches)) == (
        7,
        6,
        5,
    )
    assert new.basis.revision == "HEAD" and new.basis.commit == second
    assert f"git revision HEAD ({second[:12]}, 2022-01-15)" in new.basis.label
    # Nothing was checked out: the working tree still lacks the deleted file.
    assert not (data / "requests" / "REQ-2019-001.yaml").exists()


def test_snapshot_at_a_git_revision_reports_broken_files_as_problems(
    history_repo: tuple[Path, str, str],
) -> None:
    repo, _, _ = history_repo
    (repo / "data" / "requests" / "REQ-2019-001.yaml").write_text(
        "id: REQ-2019-001\ntitle: [unclosed\n"
    )
    (repo / "data" / "requests" / "notes.txt").write_text("not a record\n")
    commit_all(repo, "break a record", "2022-02-01")
    snap = snapshot(repo / "data", "data", "HEAD", TODAY)
    assert "REQ-2019-001" not in snap.registry.requests
    files = {p.file for p in snap.registry.problems}
    assert "HEAD:data/requests/REQ-2019-001.yaml" in files
    assert not any("notes.txt" in f for f in files)


def test_bad_points_are_usage_errors(history_repo: tuple[Path, str, str], tmp_path: Path) -> None:
    repo, _, _ = history_repo
    with pytest.raises(UsageError, match=r"'no-such-tag' is neither a date .* nor a git revision"):
        snapshot(repo / "data", "data", "no-such-tag", TODAY)
    with pytest.raises(UsageError, match="empty"):
        snapshot(repo / "data", "data", "  ", TODAY)
    outside = tmp_path / "plain"
    shutil.copytree(repo / "data", outside)
    with pytest.raises(UsageError, match="not inside a git repository"):
        snapshot(outside, "plain", "HEAD", TODAY)
    (repo / "later").mkdir()
    with pytest.raises(UsageError, match="'later' is not a folder at git revision 'HEAD'"):
        snapshot(repo / "later", "later", "HEAD", TODAY)
