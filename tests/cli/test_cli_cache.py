"""The read cache: outputs byte-identical with and without it, never trusted over the file."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from acsg_cli.cli import app
from acsg_cli.registry.cache import DIRNAME, cache_dir
from tests.conftest import StrictRunner

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """The compliant registry plus every rule's trigger file: many problems to point at."""
    root = tmp_path / "data"
    shutil.copytree(EXAMPLES / "rules" / "compliant", root)
    for trigger in sorted((EXAMPLES / "rules" / "triggers").glob("*.yaml")):
        folder = {"REQ": "requests", "OFF": "offers", "MAT": "matches"}.get(
            _id_of(trigger)[:3], "requests"
        )
        shutil.copy(trigger, root / folder / f"{_id_of(trigger)}.yaml")
    (root / "requests" / "REQ-2021-900.yaml").write_text("id: REQ-2021-900\nstatus: opne\n")
    (root / "offers" / "OFF-2021-900.yaml").write_text("id: OFF-2021-900\nid: again\n")
    return root


def _id_of(path: Path) -> str:
    for line in path.read_text().splitlines():
        if line.startswith("id: "):
            return line[4:].strip()
    raise AssertionError(path)


def run(*args: str) -> tuple[int, str]:
    result = StrictRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


COMMANDS = [
    ["validate", "--format", "json"],
    ["validate"],
    ["list", "requests", "--format", "json"],
    ["list", "matches"],
    ["show", "REQ-2021-001", "--format", "json"],
    ["show", "MAT-2021-001"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_outputs_are_identical_without_cache_cold_and_warm(mixed: Path, command: list[str]) -> None:
    args = [*command, "--data", str(mixed)]
    uncached = run("--no-cache", *args)
    assert not cache_dir(mixed).exists()
    cold = run(*args)
    assert cache_dir(mixed).is_dir()
    warm = run(*args)
    assert uncached == cold == warm
    assert uncached[1]


def test_an_edit_that_keeps_size_and_mtime_is_seen(mixed: Path) -> None:
    args = ["validate", "--format", "json", "--data", str(mixed)]
    path = mixed / "requests" / "REQ-2021-001.yaml"
    run(*args)
    before = run(*args)
    info = path.stat()
    text = path.read_text()
    assert "status: open" in text
    path.write_text(text.replace("status: open", "status: opne", 1))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_mtime_ns == info.st_mtime_ns and path.stat().st_size == info.st_size
    after = run(*args)
    assert after != before
    assert "'opne' is not a known value" in after[1]
    assert after == run("--no-cache", *args)


def test_a_corrupt_cache_is_ignored_and_rebuilt(mixed: Path) -> None:
    args = ["validate", "--format", "json", "--data", str(mixed)]
    expected = run("--no-cache", *args)
    run(*args)
    files = sorted(p for p in cache_dir(mixed).iterdir() if p.suffix == ".pickle")
    assert files
    for path in files:
        path.write_bytes(path.read_bytes()[:100])
    assert run(*args) == expected
    assert all(len(p.read_bytes()) > 100 for p in files)
    assert run(*args) == expected


class _Planted:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch planted",))


def test_a_planted_cache_cannot_run_code(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["validate", "--format", "json", "--data", str(mixed)]
    expected = run("--no-cache", *args)
    run(*args)
    for path in cache_dir(mixed).glob("*.pickle"):
        path.write_bytes(pickle.dumps(_Planted()))
    assert run(*args) == expected
    assert not (tmp_path / "planted").exists()


def test_environment_switches_the_cache_off(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACSG_NO_CACHE", "1")
    run("validate", "--data", str(mixed))
    assert not cache_dir(mixed).exists()


def test_cache_clear(mixed: Path) -> None:
    run("validate", "--data", str(mixed))
    folder = cache_dir(mixed)
    assert folder.name == DIRNAME and folder.parent == mixed.parent
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    result = StrictRunner().invoke(
        app, ["cache", "clear", "--data", str(mixed)], catch_exceptions=False
    )
    assert result.exit_code == 0 and "removed" in result.stderr
    assert not folder.exists()


def test_a_new_file_and_a_deleted_file_are_seen(mixed: Path) -> None:
    args = ["validate", "--format", "json", "--data", str(mixed)]
    run(*args)
    shutil.copy(mixed / "offers" / "OFF-2021-001.yaml", mixed / "offers" / "OFF-2021-777.yaml")
    (mixed / "requests" / "REQ-2021-900.yaml").unlink()
    assert run(*args) == run("--no-cache", *args)


_PROBE = (
    "import runpy, sys; sys.argv = ['acsg', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('acsg_cli', run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
    "print('MODELS' if 'acsg_cli.models' in sys.modules else 'NO MODELS', file=sys.stderr)\n"
    "print('PYDANTIC' if 'pydantic' in sys.modules else 'NO PYDANTIC', file=sys.stderr)\n"
)


def _probe(args: list[str]) -> subprocess.CompletedProcess[str]:
    """`acsg ARGS` in a process of its own, saying on stderr whether it imported the models."""
    return subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=False
    )


def test_a_warm_validate_imports_no_model(mixed: Path) -> None:
    """With nothing changed, the kept result is printed without loading a record."""
    argv = ["validate", "--format", "json", "--data", str(mixed)]
    cold = _probe(argv)
    warm = _probe(argv)
    assert warm.stdout == cold.stdout
    assert "NO MODELS" in warm.stderr
    assert "NO PYDANTIC" in warm.stderr  # nor typer's adapters for its options
    (mixed / "requests" / "REQ-2021-001.yaml").write_text("id: REQ-2021-001\n")
    changed = _probe(argv)
    assert "MODELS" in changed.stderr.replace("NO MODELS", "")
    assert changed.stdout != cold.stdout


@pytest.mark.parametrize("command", COMMANDS[:3], ids=" ".join)
def test_a_pool_of_workers_gives_the_serial_outputs(
    mixed: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from acsg_cli.registry import parallel

    args = [*command, "--data", str(mixed)]
    monkeypatch.setenv("ACSG_WORKERS", "1")
    serial = run("--no-cache", *args)
    monkeypatch.setenv("ACSG_WORKERS", "2")
    monkeypatch.setattr(parallel, "POOL_THRESHOLD", 1)
    monkeypatch.setattr(parallel, "_CHUNK", 3)
    assert parallel.workers() == 2
    assert run("--no-cache", *args) == serial
    assert run(*args) == serial  # cold: the pool's results go to the cache
    assert run(*args) == serial  # warm


def test_a_warm_load_restores_only_the_records_it_reads(mixed: Path) -> None:
    from acsg_cli.registry.lazy import Deferred
    from acsg_cli.registry.load import load_registry

    fresh = load_registry(mixed, cache=False)
    load_registry(mixed, cache=True)
    from acsg_cli.registry.cache import flush

    flush()
    warm = load_registry(mixed, cache=True)
    assert type(dict.__getitem__(warm.requests, "REQ-2021-002")) is Deferred
    assert warm.requests["REQ-2021-002"] == fresh.requests["REQ-2021-002"]
    assert type(dict.__getitem__(warm.requests, "REQ-2021-002")) is not Deferred
    assert [p.to_dict() for p in warm.problems] == [p.to_dict() for p in fresh.problems]
    assert list(warm.offers.values()) == list(fresh.offers.values())


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        ("requests/REQ-2021-001.yaml", "status: open", "status: closed"),
        ("offers/OFF-2021-001.yaml", "\nstatus: committed", "\nstatus: withdrawn"),
        ("matches/MAT-2021-001.yaml", "request: REQ-2020-001", "request: REQ-2021-009"),
    ],
)
def test_a_change_elsewhere_is_seen_by_the_cross_file_checks(
    mixed: Path, path: str, old: str, new: str
) -> None:
    """The checks' kept findings hold for one state of the whole registry only."""
    commands = [
        ["validate", "--format", "json", "--data", str(mixed)],
        ["validate", str(mixed / "matches"), "--format", "json", "--data", str(mixed)],
        ["show", "MAT-2021-001", "--format", "json", "--data", str(mixed)],
    ]
    for args in commands:
        run(*args)
    target = mixed / path
    text = target.read_text()
    assert old in text
    target.write_text(text.replace(old, new, 1))
    for args in commands:
        after = run(*args)
        assert after == run("--no-cache", *args)
    assert "ACSG0" in run(*commands[0])[1]


def test_an_entry_whose_record_does_not_read_back_is_read_from_its_file(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from acsg_cli.registry.cache import Store, read_back, write_atomic

    monkeypatch.chdir(tmp_path)
    args = ["show", "MAT-2021-001", "--format", "json", "--data", str(mixed)]
    expected = run("--no-cache", *args)
    run(*args)
    store = Store(mixed)
    kept = read_back(store.path)
    assert kept is not None
    entries = kept[2]
    for key in ("matches/MAT-2021-001.yaml", "requests/REQ-2021-001.yaml"):
        size, hashed, head, _blob, smap = entries[key]
        entries[key] = (size, hashed, head, pickle.dumps(_Planted()), smap)
    write_atomic(store.path, kept)
    assert run(*args) == expected
    assert run(*args) == expected
    assert not (tmp_path / "planted").exists()


def test_listings_and_views_alternate_without_mixing_up(mixed: Path) -> None:
    """Each kind of run keeps its last result for its own question only."""
    data = ["--data", str(mixed)]
    questions = [
        ["list", "requests", "--format", "json", *data],
        ["list", "offers", "--status", "open", "--format", "csv", *data],
        ["list", "requests", "--format", "json", "--audience", "shared", *data],
        ["show", "REQ-2021-001", "--format", "json", *data],
        ["show", "REQ-2021-001", "--format", "json", "--audience", "shared", *data],
        ["show", "OFF-2021-001", *data],
        ["show", "REQ-2021-00", *data],
    ]
    expected = [StrictRunner().invoke(app, ["--no-cache", *q]) for q in questions]
    for _round in range(2):
        for question, want in zip(questions, expected, strict=True):
            got = StrictRunner().invoke(app, question)
            assert (got.exit_code, got.stdout, got.stderr) == (
                want.exit_code,
                want.stdout,
                want.stderr,
            )
    assert "warning: the registry has" in expected[0].stderr


@pytest.mark.parametrize(
    "command", [["list", "requests", "--format", "json"], ["show", "REQ-2021-001"]], ids=" ".join
)
def test_a_warm_listing_or_view_reads_no_record(mixed: Path, command: list[str]) -> None:
    argv = [*command, "--data", str(mixed)]
    cold = _probe(argv)
    warm = _probe(argv)
    assert warm.stdout == cold.stdout and cold.stdout
    assert "NO MODELS" in warm.stderr


def test_checks_for_some_files_are_those_files_share_of_all(mixed: Path) -> None:
    """A validation of some files checks references and rules for those files alone."""
    from acsg_cli.registry.crosscheck import cross_check
    from acsg_cli.registry.load import load_registry
    from acsg_cli.rules.engine import run_rules

    registry = load_registry(mixed, cache=False)
    for prefix in ("matches/", "offers/", "requests/REQ-2021-001", "practices/"):

        def chosen(shown: str, prefix: str = prefix) -> bool:
            return prefix in shown

        everything = cross_check(registry)
        assert cross_check(registry, chosen) == [p for p in everything if chosen(p.file)]
        assert run_rules(registry, include=chosen) == [
            p for p in run_rules(registry) if chosen(p.file)
        ]


def test_cache_clear_of_a_missing_registry_is_a_usage_error(tmp_path: Path) -> None:
    """Like every command given a `--data` that is not there: exit 2, saying so."""
    missing = tmp_path / "nowhere"
    result = StrictRunner().invoke(app, ["cache", "clear", "--data", str(missing)])
    assert result.exit_code == 2 and "not found" in result.stderr


def test_a_site_build_saves_the_read_cache_beside_its_rendering(tmp_path: Path) -> None:
    """The build's indexer process saves the cache while the pages are rendered; the next
    command reads from it, with the same output as without it."""
    data = tmp_path / "data"
    shutil.copytree(EXAMPLES / "rules" / "compliant", data)
    code, _ = run("site", "build", "--data", str(data), "--out", str(tmp_path / "site"))
    assert code == 0
    assert [p.name[:6] for p in cache_dir(data).glob("reads-*.pickle")] == ["reads-"]
    assert run("validate", "--data", str(data)) == run(
        "--no-cache", "validate", "--data", str(data)
    )
