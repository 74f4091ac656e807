"""Faults while writing: a read-only folder, a full disk, an unusable lock path, outputs that
must not destroy. Each gives a clear message and exit code, never a traceback, and the records
stay byte for byte as they were."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from acsg_cli.cli import app
from tests.conftest import FIXTURE_REGISTRY, StrictRunner

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0

CREATE = ["match", "create", "REQ-2021-002", "OFF-2021-001", "--today", "2021-06-01"]
CONSENT = ["consent", "record", "MAT-2021-001", "--party", "TCD", "--decision", "granted"]
CONSENT += ["--on", "2021-05-01"]
NEW = ["new", "request", "--state", "TCD", "--title", "A request", "--area", "training"]
NEW += ["--support-type", "technical", "--today", "2025-03-01"]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*.yaml")
        if ".acsg_cache" not in p.parts
    }


def _run(args: list[str], data: Path) -> tuple[int, str]:
    result = StrictRunner().invoke(app, [*args, "--data", str(data)])
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result.exit_code, result.stderr


def _data(parent: Path) -> Path:
    data = parent / "data"
    shutil.copytree(FIXTURE_REGISTRY, data)
    (data / "matches" / "MAT-2021-001.yaml").rename(data / "matches" / "MAT-2021-009.yaml")
    text = (data / "matches" / "MAT-2021-009.yaml").read_text(encoding="utf-8")
    (data / "matches" / "MAT-2021-009.yaml").write_text(
        text.replace("MAT-2021-001", "MAT-2021-009"), encoding="utf-8"
    )
    request = (data / "requests" / "REQ-2021-001.yaml").read_text(encoding="utf-8")
    (data / "requests" / "REQ-2021-002.yaml").write_text(
        request.replace("REQ-2021-001", "REQ-2021-002"), encoding="utf-8"
    )
    return data


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs of its own (root only), unmounted afterwards."""
    if not ROOT_USER or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    point = tmp_path / "mnt"
    point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(point)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


# --- unusable lock paths --------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["folder", "symlink"])
def test_an_unusable_registry_lock_is_a_clear_error(tmp_path: Path, kind: str) -> None:
    data = _data(tmp_path)
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me\n")
    lock = data / ".acsg.lock"
    if kind == "folder":
        lock.mkdir()
    else:
        lock.symlink_to(outside)
    before = _snapshot(data)
    for args in (CREATE, NEW):
        code, err = _run(args, data)
        assert code == 1, err
        assert "lock path" in err and ".acsg.lock" in err, err
    assert _snapshot(data) == before
    assert outside.read_text() == "keep me\n"


@pytest.mark.parametrize("kind", ["folder", "symlink"])
def test_an_unusable_record_lock_is_a_clear_error(tmp_path: Path, kind: str) -> None:
    data = _data(tmp_path)
    shutil.copy(data / "matches" / "MAT-2021-009.yaml", data / "matches" / "MAT-2021-001.yaml")
    (data / "matches" / "MAT-2021-009.yaml").unlink()
    text = (data / "matches" / "MAT-2021-001.yaml").read_text(encoding="utf-8")
    (data / "matches" / "MAT-2021-001.yaml").write_text(
        text.replace("MAT-2021-009", "MAT-2021-001"), encoding="utf-8"
    )
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me\n")
    lock = data / "matches" / ".MAT-2021-001.yaml.lock"
    if kind == "folder":
        lock.mkdir()
    else:
        lock.symlink_to(outside)
    before = _snapshot(data)
    code, err = _run(CONSENT, data)
    assert code == 1, err
    assert ".MAT-2021-001.yaml.lock" in err
    assert _snapshot(data) == before
    assert outside.read_text() == "keep me\n"


# --- writes that never leave the registry --------------------------------------------------


def test_match_create_does_not_write_through_a_symlinked_folder(tmp_path: Path) -> None:
    data = _data(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(str(data / "matches"), elsewhere)
    (data / "matches").symlink_to(elsewhere)
    before = sorted(p.name for p in elsewhere.iterdir())
    code, err = _run(CREATE, data)
    assert code == 1 and "symbolic link" in err, err
    assert sorted(p.name for p in elsewhere.iterdir()) == before


# --- read-only folders and full disks -------------------------------------------------------


def _read_only(data: Path, mount: Path | None) -> None:
    if mount is not None:
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        return
    for folder in [data, *[p for p in data.iterdir() if p.is_dir()]]:
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)


def test_a_read_only_registry_is_a_clear_error(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    place = request.getfixturevalue("mount") if ROOT_USER else tmp_path
    data = _data(place)
    before = _snapshot(data)
    _read_only(data, place if ROOT_USER else None)
    try:
        for args in (CREATE, NEW, [*CONSENT[:2], "MAT-2021-009", *CONSENT[3:]]):
            code, err = _run(args, data)
            assert code == 1, (args, err)
            assert err.startswith("Error: "), err
            assert "Read-only file system" in err or "Permission denied" in err, err
        code, err = _run(["report", "status", "-o", str(data / "status.md")], data)
        assert code == 2 and err.startswith("Error: cannot write"), err
        assert _snapshot(data) == before
    finally:
        if not ROOT_USER:
            for folder in [data, *[p for p in data.iterdir() if p.is_dir()]]:
                folder.chmod(stat.S_IRWXU)


def test_a_full_disk_is_a_clear_error(mount: Path) -> None:
    data = _data(mount)
    before = _snapshot(data)
    fd = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    for args in (CREATE, NEW, [*CONSENT[:2], "MAT-2021-009", *CONSENT[3:]]):
        code, err = _run(args, data)
        assert code == 1, (args, err)
        assert "No space left on device" in err and "nothing was written" in err, err
    assert _snapshot(data) == before
    assert not list(data.rglob("*.tmp"))


# --- outputs that must not destroy ----------------------------------------------------------


def test_output_never_replaces_a_record(tmp_path: Path) -> None:
    data = _data(tmp_path)
    before = _snapshot(data)
    for target in ("requests/REQ-2021-001.yaml", "matches/new-report.md", "offers/x.html"):
        code, err = _run(["report", "status", "-o", str(data / target)], data)
        assert code == 2 and "record folders" in err, err
    assert _snapshot(data) == before


def test_output_writes_into_a_pipe_and_a_device(tmp_path: Path) -> None:
    data = _data(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as fh:
            received.append(fh.read())

    reader = threading.Thread(target=read)
    reader.start()
    code, err = _run(["report", "status", "-f", "csv", "-o", str(fifo)], data)
    reader.join(timeout=30)
    assert code == 0, err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].startswith(b"attention,id,")
    code, err = _run(["report", "status", "-o", os.devnull], data)
    assert code == 0, err
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_output_dash_is_standard_output(tmp_path: Path) -> None:
    data = _data(tmp_path)
    result = StrictRunner().invoke(
        app, ["report", "status", "-f", "json", "-o", "-", "--data", str(data)]
    )
    assert result.exit_code == 0 and result.stdout.startswith("{")
    assert not (Path.cwd() / "-").exists()


def test_output_through_a_link_to_a_file_is_refused(tmp_path: Path) -> None:
    data = _data(tmp_path)
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep\n")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    code, err = _run(["report", "status", "-o", str(link)], data)
    assert code == 2 and "symbolic link" in err, err
    assert target.read_text() == "keep\n" and link.is_symlink()
