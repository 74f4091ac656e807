"""Records restored on first use: no way of reading a table shows a stand-in."""

from __future__ import annotations

from typing import Any

from acsg_cli.registry.lazy import Deferred, LazyTable


def _table() -> tuple[LazyTable[str], list[str]]:
    restored: list[str] = []

    def restore(key: str) -> Any:
        def run() -> str:
            restored.append(key)
            return f"record {key}"

        return run

    table: LazyTable[str] = LazyTable({"a": "record a"})
    for key in ("b", "c"):
        table.defer(key, Deferred("request", key, restore(key)))
    return table, restored


def test_one_read_restores_one_record() -> None:
    table, restored = _table()
    assert list(table) == ["a", "b", "c"] and len(table) == 3 and "b" in table
    assert restored == []
    assert table["b"] == "record b"
    assert table.get("c") == "record c" and table.get("z") is None
    assert restored == ["b", "c"]
    assert table["b"] == "record b" and restored == ["b", "c"]


def test_every_bulk_read_gives_records() -> None:
    for read in (
        lambda t: list(t.values()),
        lambda t: [v for _k, v in t.items()],
        lambda t: list({**t}.values()),
        lambda t: list(dict(t).values()),
        lambda t: list(t.copy().values()),
        lambda t: list((t | {}).values()),
        lambda t: list(({} | t).values()),
    ):
        table, _restored = _table()
        assert sorted(read(table)) == ["record a", "record b", "record c"]
    table, _restored = _table()
    copied: dict[str, str] = {}
    copied.update(table)
    assert copied == {"a": "record a", "b": "record b", "c": "record c"}
    table, _restored = _table()
    assert table == {"a": "record a", "b": "record b", "c": "record c"}


def test_writes_and_removals() -> None:
    table, restored = _table()
    table["b"] = "replaced"
    assert table.pop("c") == "record c" and restored == ["c"]
    assert table.pop("z", None) is None
    assert table.setdefault("b", "other") == "replaced"
    assert dict(table.items()) == {"a": "record a", "b": "replaced"}
    assert table._pending == 0
