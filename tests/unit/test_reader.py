"""The YAML reader: YAML 1.2 scalars, positions, and refusals with their codes."""

from __future__ import annotations

import pytest

from acsg_cli.yamlio.reader import ReadError, read_bytes, resolve_plain


def codes_of(text: str | bytes) -> list[tuple[str, int, int]]:
    with pytest.raises(ReadError) as info:
        read_bytes(text.encode() if isinstance(text, str) else text)
    return [(i.code, i.line, i.column) for i in info.value.issues]


@pytest.mark.parametrize(
    "plain,value",
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("NO", "NO"),
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("12", 12),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("2021-04-01", "2021-04-01"),
        ("010", 10),
        ("1_000", "1_000"),
        (".inf", float("inf")),
    ],
)
def test_plain_scalars_follow_yaml_1_2(plain: str, value: object) -> None:
    assert resolve_plain(plain) == value


def test_quoted_scalars_stay_strings() -> None:
    doc = read_bytes(b"a: 'true'\nb: \"12\"\nc: !!str 5\n")
    assert doc.data == {"a": "true", "b": "12", "c": "5"}


def test_positions_of_keys_values_and_items() -> None:
    doc = read_bytes(b"id: X\nareas:\n  - legislation\n  - appeals\nscope:\n  global: true\n")
    smap = doc.source_map
    assert smap.keys[("areas",)] == (2, 1)
    assert smap.values[("areas", 1)] == (4, 5)
    assert smap.keys[("scope", "global")] == (6, 3)
    assert smap.locate(("scope", "missing")) == (5, 1)
    assert smap.locate(("nothing",)) == (1, 1)


def test_duplicate_keys_are_all_reported() -> None:
    assert codes_of("a: 1\nb: 2\na: 3\nb: 4\n") == [("ACSG003", 3, 1), ("ACSG003", 4, 1)]


@pytest.mark.parametrize(
    "text,code",
    [
        ("a: &x 1\n", "ACSG004"),
        ("a: !!python/name:os.system x\n", "ACSG004"),
        ("a: !custom x\n", "ACSG004"),
        ("a: !!map {}\nb: !!set {x}\n", "ACSG004"),
        ("a: 1\n---\na: 2\n", "ACSG004"),
        ("a: [1\n", "ACSG002"),
        ("a: b: c\n", "ACSG002"),
        ("{a: 1, b: 2}: x\n", "ACSG002"),
        ("- a\n", "ACSG005"),
        ("x\n", "ACSG005"),
        ("", "ACSG005"),
        ("# c\n", "ACSG005"),
        ("a: !!int x\n", "ACSG012"),
    ],
)
def test_refusals(text: str, code: str) -> None:
    assert codes_of(text)[0][0] == code


def test_complex_tags_never_construct_objects(tmp_path: object) -> None:
    issues = codes_of("a: !!python/object/apply:os.system ['echo hacked']\n")
    assert issues[0][0] == "ACSG004"


def test_encoding_limits() -> None:
    assert codes_of(b"a: \xff\n") == [("ACSG001", 1, 4)]
    assert codes_of(b"a: 1\x00")[0][0] == "ACSG001"
    assert codes_of(b"a: '" + b"x" * 2_000_000 + b"'\n")[0][0] == "ACSG001"
    assert read_bytes(b"\xef\xbb\xbfa: 1\r\nb: [x, y]\r\n").data == {"a": 1, "b": ["x", "y"]}


def test_conflict_markers_and_indentation() -> None:
    assert codes_of("a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> other\n")[0] == (
        "ACSG006",
        2,
        1,
    )
    assert codes_of("a:\n\tb: 1\n")[0][0] == "ACSG002"
    # a line of equals signs in a block scalar is content, not a conflict
    assert read_bytes(b"a: |\n  =======\n").data == {"a": "=======\n"}
