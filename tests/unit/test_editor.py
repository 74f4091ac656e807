"""In-place edits: layout kept exactly, validated before writing, atomic, serialised by a lock."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from acsg_cli.errors import DataError
from acsg_cli.problems import Problem, Severity
from acsg_cli.yamlio.editor import InvalidEditError, RoundTrip, edit_record
from acsg_cli.yamlio.reader import Document, read_bytes
from tests.conftest import EXAMPLES, SHIPPED

ORDER = ("id", "status", "rationale", "consents", "scope", "history", "updates")


def no_problems(document: Document) -> list[Problem]:
    return []


def edit(path: Path, change: Callable[[Document, RoundTrip], Any], **kwargs: Any) -> Any:
    result, _ = edit_record(
        path, path.name, change, check=kwargs.pop("check", no_problems), order=ORDER, **kwargs
    )
    return result


def append(key: str, item: dict[str, Any]) -> Callable[[Document, RoundTrip], None]:
    return lambda document, rt: rt.append(key, item)


@pytest.mark.parametrize(
    "path", sorted([*SHIPPED.glob("*/*.yaml"), *EXAMPLES.glob("**/*.yaml")]), ids=str
)
def test_every_record_round_trips_byte_for_byte(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    result = edit(copy, lambda document, rt: None)
    assert result.notes == () and not result.changed and copy.read_bytes() == path.read_bytes()


def test_append_keeps_comments_and_blank_lines_where_a_person_put_them(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "id: X\nstatus: proposed  # set by hand\nconsents:\n"
        "  - party: TCD\n"
        "    decision: granted  # by phone\n\n"
        "  # Scope agreed in March\n"
        "scope: abc   # keep\nhistory:\n"
        "  - on: 2021-04-01\n"
        "    status: proposed\n\n"
        "# end of file\n"
    )

    def change(document: Document, rt: RoundTrip) -> None:
        rt.append("consents", {"party": "OFF-2021-001", "decision": "granted"})
        rt.append("history", {"on": "2021-05-01", "status": "consent_pending", "note": "yes"})

    result = edit(path, change)
    assert path.read_text() == (
        "id: X\nstatus: proposed  # set by hand\nconsents:\n"
        "  - party: TCD\n"
        "    decision: granted  # by phone\n"
        "  - party: OFF-2021-001\n"
        "    decision: granted\n\n"
        "  # Scope agreed in March\n"
        "scope: abc   # keep\nhistory:\n"
        "  - on: 2021-04-01\n"
        "    status: proposed\n"
        "  - on: '2021-05-01'\n"
        "    status: consent_pending\n"
        "    note: yes\n\n"
        "# end of file\n"
    )
    added = [
        line
        for line in result.diff().splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
    assert result.written and len(added) == 5


def test_missing_list_is_inserted_in_model_order_after_a_block_scalar(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        '---\nid: X\nstatus: "proposed"\nrationale: >-\n  two\n  lines\n# before history\n'
        "history:\n- on: 2021-04-01\n  status: proposed\n"
    )

    def change(document: Document, rt: RoundTrip) -> None:
        rt.append("consents", {"party": "TCD"})
        rt.append("updates", {"summary": "s"})
        rt.set_scalar("status", "consent_pending")

    edit(path, change)
    assert path.read_text() == (
        '---\nid: X\nstatus: "consent_pending"\nrationale: >-\n  two\n  lines\n'
        "consents:\n- party: TCD\n# before history\nhistory:\n- on: 2021-04-01\n  status: "
        "proposed\nupdates:\n- summary: s\n"
    )


def test_line_endings_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: X\r\nhistory:\r\n  - status: proposed\r\n")
    result = edit(path, append("history", {"status": "agreed"}))
    assert (
        path.read_bytes()
        == b"\xef\xbb\xbfid: X\r\nhistory:\r\n  - status: proposed\r\n  - status: agreed\r\n"
    )
    assert "+  - status: agreed\n" in result.diff()


def test_flow_lists_stay_flow_and_empty_ones_become_block(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("id: X\nconsents: [{party: TCD}]\nhistory: []\n")

    def change(document: Document, rt: RoundTrip) -> None:
        rt.append("consents", {"party": "NER"})
        rt.append("history", {"status": "proposed"})

    edit(path, change)
    assert (
        path.read_text()
        == "id: X\nconsents: [{party: TCD}, {party: NER}]\nhistory:\n  - status: proposed\n"
    )


def test_update_item_replaces_keys_and_keeps_the_following_comment(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "consents:\n  - party: TCD\n    decision: granted\n    evidence: old\n\n# next\nscope: x\n"
    )
    edit(
        path,
        lambda document, rt: rt.update_item(
            "consents", 0, {"party": "TCD", "decision": "declined"}
        ),
    )
    assert (
        path.read_text()
        == "consents:\n  - party: TCD\n    decision: declined\n\n# next\nscope: x\n"
    )


def test_refused_edits_leave_the_file_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    original = b"id: X  # c\nhistory:\n  - status: proposed\n"
    path.write_bytes(original)

    def invalid(document: Document) -> list[Problem]:
        return [Problem("m.yaml", 4, 5, "ACSG306", Severity.ERROR, "bad move")]

    with pytest.raises(InvalidEditError) as caught:
        edit(path, append("history", {"status": "completed"}), check=invalid)
    assert "m.yaml:4:5: error ACSG306 bad move" in caught.value.message
    assert "nothing was written" in caught.value.message

    def refuse(document: Document, rt: RoundTrip) -> None:
        rt.append("history", {"status": "x"})
        raise DataError("no")

    with pytest.raises(DataError):
        edit(path, refuse)
    dry = edit(path, append("history", {"status": "agreed"}), write=False)
    assert dry.changed and not dry.written
    assert path.read_bytes() == original


def test_the_new_text_is_checked_by_the_reader_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("id: X\nhistory:\n  - on: 2021-04-01\n")
    seen: list[dict[str, Any]] = []

    def check(document: Document) -> list[Problem]:
        seen.append(document.data)
        return []

    edit(path, append("history", {"on": "2021-05-01"}), check=check)
    assert seen == [{"id": "X", "history": [{"on": "2021-04-01"}, {"on": "2021-05-01"}]}]


def test_a_file_that_does_not_load_is_not_edited(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("id: X\nid: Y\n")
    with pytest.raises(DataError, match=r"m.yaml does not load \(m.yaml:2:1: duplicate key 'id'"):
        edit(path, append("history", {}))


def test_a_failed_replace_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.yaml"
    original = b"id: X\nhistory:\n  - status: proposed\n"
    path.write_bytes(original)

    def crash(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(DataError, match="No space left on device; nothing was written"):
        edit(path, append("history", {"status": "agreed"}))
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == [".m.yaml.lock", "m.yaml"]


def test_a_process_killed_between_write_and_replace_leaves_a_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    original = b"id: X\nhistory:\n  - status: proposed\n"
    path.write_bytes(original)
    script = f"""
import os
from pathlib import Path
from acsg_cli.yamlio.editor import edit_record
def die(src, dst):
    os.kill(os.getpid(), 9)   # the temporary file is written and synced; the process dies here
os.replace = die
edit_record(
    Path({str(path)!r}),
    "m.yaml",
    lambda d, rt: rt.append("history", {{"status": "agreed"}}),
    check=lambda d: [],
)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, cwd=Path(__file__).parents[2]
    )
    assert done.returncode == -9, done.stderr
    assert path.read_bytes() == original
    read_bytes(path.read_bytes())
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].startswith(
        ".m.yaml."
    )  # a dot-file the registry scanner skips


def test_a_held_lock_makes_the_edit_wait_then_give_up(tmp_path: Path) -> None:
    from filelock import FileLock

    path = tmp_path / "m.yaml"
    path.write_text("id: X\n")
    held = re.escape("another edit of m.yaml has held its lock (.m.yaml.lock) for 0.2 s")
    with FileLock(str(tmp_path / ".m.yaml.lock")), pytest.raises(DataError, match=held):
        edit(path, append("history", {}), lock_timeout=0.2)
    assert path.read_text() == "id: X\n"
