"""The fast reading gives what the reference reading gives, and refuses what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from acsg_cli.yamlio.reader import ReadError, read_bytes, read_data

ROOT = Path(__file__).resolve().parents[2]
RECORD_FILES = sorted((ROOT / "tests" / "examples").rglob("*.yaml")) + sorted(
    (ROOT / "data").rglob("*.yaml")
)

TRICKY = [
    "a: no\nb: yes\nc: on\nd: off\ne: y\nf: NO\n",
    "a: 1_000\nb: 0O17\nc: 0X1F\nd: 0b101\ne: .iNf\nf: 1__0\ng: _1\nh: 0.5_\n",
    "a: 12\nb: 0o17\nc: 0x1F\nd: 1.5\ne: .inf\nf: -.INF\ng: .NaN\nh: 010\ni: +3\nj: 1e3\n",
    "a: 2021-04-01\nb: 2021-04-01T10:00:00Z\nc: 12:30\nd: 1:20:30\n",
    "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nUll\ng: True\nh: TRUE\ni: tRue\n",
    "1: a\ntrue: b\n~: c\n",
    '"1": a\n1: b\n',
    "a: 1\na: 2\n",
    "x:\n  a: 1\n  a: 2\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 12\n",
    "a: !foo bar\n",
    "a: !!python/object:os.system x\n",
    "a: 1\n---\nb: 2\n",
    "--- \na: 1\n...\n",
    "%YAML 1.2\n---\na: 1\n",
    "a:\n\tb: 1\n",
    "\tid: x\n",
    "# c\n\tid: x\n",
    " \tid: x\n",
    "id: x\n \t\n",
    "- 1\n- 2\n",
    "hello\n",
    "",
    "# only a comment\n",
    "? [a]\n: 1\n",
    "a: " + "- " * 50 + "x\n",
    "a:\n  - - - x\n",
    "a: [1, [2, {b: c}]]\nd: {e: f, g: [h]}\n",
    "a: 'it''s'\nb: \"tab\\there \\u00e9\"\n",
    "c: >-\n  folded\n  text\n\n  para\nd: |\n  literal\n   kept\n",
    "a: R&D and *stars* and !bang\n",
    "a: b: c\n",
    "a: [1, 2\n",
    "<<: {x: 1}\nb: 2\n",
    "key with spaces: v\n'quoted key': w\n",
    "a: -\n",
    "a:\n  b:\n    c:\n      d: [1]\n",
]


def outcome(raw: bytes, read: object) -> object:
    try:
        data = read(raw)  # type: ignore[operator]  # either reader
    except ReadError as exc:
        return [(i.code, i.line, i.column, i.message) for i in exc.issues]
    return getattr(data, "data", data)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_inputs_read_alike(text: str) -> None:
    raw = text.encode()
    assert repr(outcome(raw, read_data)) == repr(outcome(raw, read_bytes))


@pytest.mark.parametrize("path", RECORD_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_record_files_read_alike(path: Path) -> None:
    raw = path.read_bytes()
    assert repr(outcome(raw, read_data)) == repr(outcome(raw, read_bytes))


def test_deep_compact_nesting_goes_to_the_reference_reader() -> None:
    # A Rust parser overflows its stack on this; the reference reader refuses it in one line.
    raw = ("- " * 100_000 + "x\n").encode()
    assert repr(outcome(raw, read_data)) == repr(outcome(raw, read_bytes))
