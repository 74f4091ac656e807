"""Each hostile or malformed file, dropped into a valid registry, gives one clear error.

The run exits 1, names the file (and line where there is one), never shows a traceback and
finishes quickly; the accepted oddities (BOM, CRLF, language `no`) pass.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app

VALID_REQUEST = (
    Path(__file__).parent.parent / "examples" / "registry" / "requests" / "REQ-2021-001.yaml"
).read_text()


def request_text(**replace: str) -> str:
    """The valid request with some lines replaced (key -> whole new line or '' to drop)."""
    lines = []
    for line in VALID_REQUEST.splitlines():
        key = line.split(":", 1)[0]
        if key in replace:
            if replace[key]:
                lines.append(replace[key])
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def as_new(text: str) -> str:
    return text.replace("REQ-2021-001", "REQ-2021-002")


def bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(
            f"{cur}: &{cur} "
            f"[*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
        )
    return "\n".join(lines) + "\n"


Writer = Callable[[Path], str]


def write(rel: str, content: str | bytes) -> Writer:
    def do(root: Path) -> str:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return rel

    return do


def symlink_outside(root: Path) -> str:
    outside = root.parent / "outside.yaml"
    outside.write_text(as_new(VALID_REQUEST))
    (root / "requests" / "REQ-2021-002.yaml").symlink_to(outside)
    return "requests/REQ-2021-002.yaml"


def directory_record(root: Path) -> str:
    (root / "requests" / "REQ-2021-002.yaml").mkdir()
    return "requests/REQ-2021-002.yaml"


def large_file(root: Path) -> str:
    path = root / "requests" / "REQ-2021-002.yaml"
    with path.open("w") as fh:
        fh.write(as_new(VALID_REQUEST))
        fh.write("objectives_extra: '" + "x" * (30 * 1024 * 1024) + "'\n")
    return "requests/REQ-2021-002.yaml"


NEW = "requests/REQ-2021-002.yaml"
END = VALID_REQUEST.count("\n") + 1  # the line a text appended to the valid request starts on

# name -> (writer, expected code, expected line or None)
CASES: dict[str, tuple[Writer, str, int | None]] = {
    "duplicate key": (write(NEW, as_new(VALID_REQUEST) + "title: Again\n"), "ACSG003", END),
    "tab indentation": (
        write(NEW, as_new(VALID_REQUEST).replace("  completed_on", "\tcompleted_on")),
        "ACSG002",
        16,
    ),
    "tab before the first key": (write(NEW, "\tid: REQ-2021-002\n"), "ACSG002", 1),
    "conflict markers": (
        write(
            NEW, "<<<<<<< HEAD\n" + as_new(VALID_REQUEST) + "=======\ntitle: x\n>>>>>>> branch\n"
        ),
        "ACSG006",
        1,
    ),
    "invalid utf-8": (
        write(NEW, as_new(VALID_REQUEST).encode() + b"gap2: \xc3\x28\n"),
        "ACSG001",
        END,
    ),
    "empty file": (write(NEW, ""), "ACSG005", None),
    "comment-only file": (write(NEW, "# nothing here\n# yet\n"), "ACSG005", None),
    "two documents": (
        write(NEW, as_new(VALID_REQUEST) + "---\nid: REQ-2021-003\n"),
        "ACSG004",
        END,
    ),
    "top-level list": (write(NEW, "- id: REQ-2021-002\n"), "ACSG005", 1),
    "bare scalar": (write(NEW, "just some text\n"), "ACSG005", 1),
    "alias bomb": (write(NEW, bomb()), "ACSG004", 1),
    "deep nesting": (write(NEW, "id: " + "[" * 20000 + "]" * 20000 + "\n"), "ACSG004", 1),
    "deep block nesting": (
        write(NEW, "".join(" " * (2 * i) + "a:\n" for i in range(400))),
        "ACSG004",
        None,
    ),
    "id not matching file name": (write(NEW, VALID_REQUEST), "ACSG013", 2),
    "id with ../": (
        write(NEW, as_new(VALID_REQUEST).replace("id: REQ-2021-002", "id: ../REQ-2021-002")),
        "ACSG012",
        2,
    ),
    "python tag": (
        write(
            NEW, as_new(VALID_REQUEST) + "gap2: !!python/object/apply:os.system ['touch PWNED']\n"
        ),
        "ACSG004",
        END,
    ),
    "impossible date": (
        write(NEW, as_new(request_text(submitted_on="submitted_on: 2021-02-30"))),
        "ACSG012",
        6,
    ),
    "misspelt key": (
        write(NEW, as_new(request_text(areas="aeras: [legislation]"))),
        "ACSG011",
        None,
    ),
    "wrong type": (write(NEW, as_new(request_text(urgent="urgent: maybe"))), "ACSG012", 14),
    "unknown country": (
        write(NEW, as_new(request_text(requesting_states="requesting_states: [XYZ]"))),
        "ACSG012",
        4,
    ),
    "unknown area": (
        write(NEW, as_new(request_text(areas="areas: [legislation, gardening]"))),
        "ACSG012",
        9,
    ),
    "unknown status": (write(NEW, as_new(request_text(status="status: pending"))), "ACSG012", 8),
    "scope naming two kinds": (
        write(
            "offers/OFF-2021-002.yaml",
            (Path(__file__).parent.parent / "examples/registry/offers/OFF-2021-001.yaml")
            .read_text()
            .replace("OFF-2021-001", "OFF-2021-002")
            .replace("  global: true", "  global: true\n  regions: [europe]"),
        ),
        "ACSG012",
        None,
    ),
    "dangling reference": (
        write(
            "matches/MAT-2021-002.yaml",
            "id: MAT-2021-002\nrequest: REQ-2021-099\noffers: [OFF-2021-001]\nstatus: proposed\n",
        ),
        "ACSG021",
        2,
    ),
    "30 MB file": (large_file, "ACSG001", None),
    "binary file": (write(NEW, bytes(range(256)) * 40), "ACSG001", None),
    "symlink outside": (symlink_outside, "ACSG001", None),
    "directory named like a record": (directory_record, "ACSG001", None),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_one_clear_error(
    name: str, registry: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(registry.parent)
    writer, code, line = CASES[name]
    rel = writer(registry)
    start = time.perf_counter()
    result = runner.invoke(app, ["validate", "--data", "data", "--format", "json"])
    elapsed = time.perf_counter() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert elapsed < 5
    report = json.loads(result.stdout)
    mine = [
        p for p in report["problems"] if p["file"] == f"data/{rel}" and p["severity"] == "error"
    ]
    assert mine, report
    assert code in {p["code"] for p in mine}, mine
    if line is not None:
        assert line in {p["line"] for p in mine if p["code"] == code}, mine
    assert not (registry.parent / "PWNED").exists()
    assert not Path(os.getcwd(), "PWNED").exists()


@pytest.mark.parametrize(
    "name,content",
    [
        ("bom", b"\xef\xbb\xbf" + as_new(VALID_REQUEST).encode()),
        ("crlf", as_new(VALID_REQUEST).replace("\n", "\r\n").encode()),
        (
            "language no",
            as_new(VALID_REQUEST).replace("languages: [fr, ar]", "languages: [no, nb]").encode(),
        ),
        (
            "yes and on as text",
            as_new(VALID_REQUEST).replace("gap: The CNE", "gap: yes, on").encode(),
        ),
    ],
)
def test_accepted_oddities(name: str, content: bytes, registry: Path, runner: CliRunner) -> None:
    (registry / NEW).write_bytes(content)
    result = runner.invoke(app, ["validate", "--data", str(registry)])
    assert result.exit_code == 0, result.output


def test_every_problem_of_a_run_is_reported(registry: Path, runner: CliRunner) -> None:
    for name, (writer, _, _) in CASES.items():
        if name in {"30 MB file"}:
            continue
        with contextlib.suppress(FileExistsError):
            writer(registry)
    bad = as_new(request_text(areas="aeras: [legislation]", status="status: pending"))
    (registry / "requests" / "REQ-2021-005.yaml").write_text(
        bad.replace("REQ-2021-002", "REQ-2021-005")
    )
    result = runner.invoke(app, ["validate", "--data", str(registry), "--format", "json"])
    report = json.loads(result.stdout)
    codes = {p["code"] for p in report["problems"] if p["file"].endswith("REQ-2021-005.yaml")}
    assert {"ACSG011", "ACSG012"} <= codes
    assert report["problems"] == sorted(
        report["problems"],
        key=lambda p: (p["file"], p["line"], p["column"], p["code"], p["message"]),
    )
