"""Records restored from the read cache on first use, so a command pays only for what it reads.

A cached record is kept pickled until something asks for it: `acsg show ID` restores the record
and what its view and rules look at, not the ten thousand others. `Deferred` stands for such a
record while the registry is assembled (it knows its kind and id); `LazyTable`, the registry's
table of a kind, restores it on first access, so no caller ever sees a `Deferred`.
"""

from __future__ import annotations

from _collections_abc import dict_items, dict_values
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, cast

V = TypeVar("V")


class Deferred:
    """A record not restored yet: its kind, its id and how to restore it."""

    __slots__ = ("id", "kind", "restore")

    def __init__(self, kind: str, record_id: str, restore: Callable[[], Any]) -> None:
        self.kind = kind
        self.id = record_id
        self.restore = restore


class LazyTable(dict[str, V]):  # noqa: PLW1641 - unhashable, as every dict
    """A dict whose values may be `Deferred` until read: every way of reading a value (item,
    `get`, `values`, `items`, copying, unpacking) restores it first."""

    __slots__ = ("_pending",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending = 0

    def defer(self, key: str, value: Deferred) -> None:
        """Keep `value` under `key` until it is read."""
        if type(dict.get(self, key)) is not Deferred:
            self._pending += 1
        dict.__setitem__(self, key, cast(V, value))  # a stand-in, restored on reading

    def _restored(self, key: str, value: Any) -> V:
        if type(value) is Deferred:
            value = value.restore()
            dict.__setitem__(self, key, value)
            self._pending -= 1
        return value  # type: ignore[no-any-return]  # a restored record of this table's kind

    def _restore_all(self) -> None:
        if self._pending:
            from acsg_cli.registry.gcpause import paused_gc

            with paused_gc():  # thousands of records at once: see `gcpause`
                for key in [k for k, v in dict.items(self) if type(v) is Deferred]:
                    self._restored(key, dict.__getitem__(self, key))

    def __getitem__(self, key: str) -> V:
        return self._restored(key, dict.__getitem__(self, key))

    def __setitem__(self, key: str, value: V) -> None:
        if type(dict.get(self, key)) is Deferred:
            self._pending -= 1
        dict.__setitem__(self, key, value)

    def __iter__(self) -> Iterator[str]:
        # Not dict's own iterator: `dict(table)`, `{**table}` and `update(table)` then read each
        # value through `__getitem__` instead of copying the stored ones.
        return dict.__iter__(self)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            value = dict.__getitem__(self, key)
        except KeyError:
            return default
        return self._restored(key, value)

    def values(self) -> dict_values[str, V]:
        self._restore_all()
        return dict.values(self)

    def items(self) -> dict_items[str, V]:
        self._restore_all()
        return dict.items(self)

    def pop(self, key: str, *default: Any) -> Any:
        if key not in self:
            return dict.pop(self, key, *default)
        value = self[key]
        dict.pop(self, key)
        return value

    def popitem(self) -> tuple[str, V]:
        self._restore_all()
        return dict.popitem(self)

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key in self:
            return self[key]
        self[key] = default
        return default

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __or__(self, other: Any) -> Any:
        return dict(self.items()) | other

    def __ror__(self, other: Any) -> Any:
        return other | dict(self.items())

    def __ior__(self, other: Any) -> Any:
        self.update(other)
        return self

    def copy(self) -> dict[str, V]:
        return dict(self.items())

    def __eq__(self, other: object) -> bool:
        self._restore_all()
        return dict.__eq__(self, other)

    def __repr__(self) -> str:
        self._restore_all()
        return dict.__repr__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (dict(self.items()),))


__all__ = ["Deferred", "LazyTable"]
