"""How each command's time and peak memory grow with the registry, cold and warm, beside the
YAML parse floors and the peer tools, measured in one run.

    .venv/bin/python benchmarks/curves.py --sizes 1000,5000,10000,20000 --judge 10000
    .venv/bin/python benchmarks/curves.py --sizes 1000 --no-peers          # a quick look

A registry of N records holds about 2 requests : 1 offer : 0.2 matches (N = 10,000: 6,250
requests, 3,125 offers, 625 matches). Every command runs as a subprocess, start-up included:
*cold* right after `acsg cache clear` (it then writes the cache), *warm* right after that, with
nothing changed. Peak memory is the child's maximum resident set (`wait4`). The floors run in a
child process of their own: each reads every file and parses it, nothing else. See README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))
from run import DISCARDED, discard  # noqa: E402

TODAY = "2026-10-01"


@dataclass
class Timing:
    wall: float
    cpu: float
    peak_mb: float
    code: int


@dataclass
class Row:
    size: int
    command: str
    cold: list[Timing] = field(default_factory=list)
    warm: list[Timing] = field(default_factory=list)

    def best(self, which: str) -> Timing | None:
        runs = getattr(self, which)
        return min(runs, key=lambda t: t.wall) if runs else None


def measure(argv: list[str], timeout: float) -> Timing:
    """Run `argv` with stdout discarded; its wall time, CPU time and peak resident memory."""
    env = dict(os.environ, NO_COLOR="1")
    env.pop("ACSG_NO_CACHE", None)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.005)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode not in (0, 1):
        print(f"  ! {' '.join(argv[:4])}... exited {proc.returncode}: {err[-300:]}", flush=True)
    return Timing(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def commands(acsg: str, reg: Path) -> dict[str, list[str]]:
    """Every read-only command, on the first request and the first match of the registry."""
    import yaml

    first_request = sorted((reg / "requests").glob("*.yaml"))[0].stem
    first_match_path = sorted((reg / "matches").glob("*.yaml"))[0]
    match = yaml.safe_load(first_match_path.read_text(encoding="utf-8"))
    data = ["--data", str(reg)]
    return {
        "validate": [acsg, "validate", "--format", "json", *data],
        "validate one file": [
            acsg,
            "validate",
            str(reg / "requests" / f"{first_request}.yaml"),
            "--format",
            "json",
            *data,
        ],
        "show ID": [acsg, "show", first_request, "--format", "json", *data],
        "list requests": [acsg, "list", "requests", "--format", "json", *data],
        "brief": [acsg, "brief", match["id"], "--for", match["offers"][0], *data],
        "propose --top 5": [
            acsg,
            "match",
            "propose",
            "--top",
            "5",
            "--format",
            "json",
            "--today",
            TODAY,
            *data,
        ],
        "propose --plan": [
            acsg,
            "match",
            "propose",
            "--plan",
            "--format",
            "json",
            "--today",
            TODAY,
            *data,
        ],
        "report stocktaking": [
            acsg,
            "report",
            "stocktaking",
            "--format",
            "json",
            "--today",
            TODAY,
            *data,
        ],
        "report status": [acsg, "report", "status", "--format", "json", "--today", TODAY, *data],
        "site build": [acsg, "site", "build", "--out", str(site_dir(reg)), *data],
    }


def site_dir(reg: Path) -> Path:
    """Where the portal of `reg` is built: beside the registry, set aside before a cold build."""
    return reg.parent / f"{reg.name}-site"


def floors(reg: Path) -> dict[str, float]:
    """In this process: seconds to read and parse every file with each reader, and to load
    every file (read, parse, validate) serially and in a pool of 2 returning its results."""
    import gc

    paths = sorted(reg.glob("*/*.yaml"))
    out: dict[str, float] = {}

    def clock(name: str, fn: Any, sample: int = 0) -> None:
        """Seconds for every file; a slow reader reads `sample` files and is scaled up."""
        some = paths[:sample] if sample else paths
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        for path in some:
            fn(path.read_bytes())
        scale = len(paths) / max(1, len(some))
        out[name] = (time.perf_counter() - start) * scale
        out[f"{name} [cpu]"] = (time.process_time() - cpu) * scale

    import yaml

    clock("libyaml (PyYAML CSafeLoader)", lambda b: yaml.load(b, Loader=yaml.CSafeLoader))
    from acsg_cli.yamlio.reader import read_bytes, read_data

    clock("libyaml composing with positions (acsg reference reader)", read_bytes)
    import yaml_rs

    clock("yaml-rs (Rust)", lambda b: yaml_rs.loads(b.decode(), parse_datetime=False))
    clock("acsg read_data (checks + yaml-rs, reference on fallback)", read_data)
    try:
        import yaml12

        clock("py-yaml12 (Rust)", lambda b: yaml12.parse_yaml(b.decode()))
    except ImportError:
        pass
    from ruamel.yaml import YAML

    ruamel = YAML(typ="safe", pure=False)
    try:
        import _ruamel_yaml  # noqa: F401 - its C parser, when installed

        clock("ruamel.yaml safe (C)", ruamel.load)
    except ImportError:
        clock("ruamel.yaml safe (pure Python: 300 files, scaled)", ruamel.load, sample=300)
    out.update(_load_floors(paths))
    return out


def _load_chunk(chunk: list[str]) -> list[Any]:
    from acsg_cli.registry.load import load_file

    results = []
    for name in chunk:
        path = Path(name)
        results.append(load_file(path.parent.name, path.name, path.read_bytes()))
    return results


def _load_floors(paths: list[Path]) -> dict[str, float]:
    """The process pool, measured: each worker reads, parses and validates its share and sends
    the results (records included) back; against the same work in one process."""
    import multiprocessing
    import resource

    def cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    names = [str(p) for p in paths]
    start, used = time.perf_counter(), cpu()
    _load_chunk(names)
    serial, serial_cpu = time.perf_counter() - start, cpu() - used
    context = multiprocessing.get_context("fork")
    start, used = time.perf_counter(), cpu()
    with context.Pool(2) as pool:
        size = max(1, len(names) // 16)
        chunks = [names[i : i + size] for i in range(0, len(names), size)]
        pooled = [r for part in pool.map(_load_chunk, chunks) for r in part]
    parallel, parallel_cpu = time.perf_counter() - start, cpu() - used
    assert len(pooled) == len(names)
    return {
        "load, 1 process (read+parse+validate)": serial,
        "load, 1 process (read+parse+validate) [cpu]": serial_cpu,
        "load, pool of 2": parallel,
        "load, pool of 2 [cpu]": parallel_cpu,
    }


def floors_in_child(reg: Path) -> dict[str, float]:
    argv = [sys.executable, str(Path(__file__)), "--floors-of", str(reg)]
    done = subprocess.run(argv, capture_output=True, text=True, check=True, cwd=PROJECT)
    result: dict[str, float] = json.loads(done.stdout)
    return result


PEERS = ("check-jsonschema", "yamllint")
"""The peer tools, installed into a virtual environment of the benchmark's own: they are not
dependencies of acsg."""


def peer_bin(venv: Path) -> Path | None:
    """The bin folder of `venv` holding the peers, made with pip on first use; None (the
    peers skipped) when they cannot be installed."""
    bindir = venv / "bin"
    if all((bindir / tool).exists() for tool in PEERS):
        return bindir
    print(f"  installing {', '.join(PEERS)} into {venv} (once)", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(bindir / "python"), "-m", "pip", "install", "-q", *PEERS]
        subprocess.run(pip, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"  ! peers not installed ({exc}); their rows are skipped", flush=True)
        return None
    return bindir


def peers(reg: Path, timeout: float, bindir: Path | None) -> dict[str, Timing]:
    """check-jsonschema (one run per kind, our schemas) and yamllint (default rules), from the
    peers' own environment."""
    out: dict[str, Timing] = {}
    if bindir is None:
        return out
    tool = bindir / "check-jsonschema"
    if tool.exists():
        total = Timing(0, 0, 0, 0)
        for kind, folder in (("request", "requests"), ("offer", "offers"), ("match", "matches")):
            files = sorted(str(p) for p in (reg / folder).glob("*.yaml"))
            schema = PROJECT / "schemas" / f"{kind}.schema.json"
            t = measure([str(tool), "--schemafile", str(schema), *files], timeout)
            total = Timing(
                total.wall + t.wall, total.cpu + t.cpu, max(total.peak_mb, t.peak_mb), t.code
            )
        out["check-jsonschema"] = total
    lint = bindir / "yamllint"
    if lint.exists():
        out["yamllint"] = measure([str(lint), "-f", "parsable", str(reg)], timeout)
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    from generate import generate

    acsg = str(Path(sys.executable).parent / "acsg")
    base = Path(args.registry) if args.registry else Path(tempfile.mkdtemp(prefix="acsg-curves-"))
    rows: list[Row] = []
    floor: dict[int, dict[str, float]] = {}
    peer: dict[int, dict[str, Timing]] = {}
    loads = [os.getloadavg()]
    for size in args.sizes:
        reg = base / f"reg{size}"
        requests, offers = round(size * 2 / 3.2), round(size / 3.2)
        matches = size - requests - offers
        if not (reg / "requests").is_dir() or len(list(reg.glob("*/*.yaml"))) != size:
            generate(reg, requests, offers, matches, seed=1, overwrite=True)
        print(
            f"== {size} records ({requests} requests, {offers} offers, {matches} matches)",
            flush=True,
        )
        floor[size] = floors_in_child(reg) if size in args.floors_at else {}
        for name, seconds in floor[size].items():
            print(f"  floor {name}: {seconds:.2f} s", flush=True)
        for name, argv in commands(acsg, reg).items():
            if name not in args.commands:
                continue
            row = Row(size, name)
            if name == "site build" and size > args.site_up_to:
                continue
            if size > args.full_up_to and name not in GROWTH_ROWS:
                continue
            for _ in range(args.repeat):
                measure([acsg, "cache", "clear", "--data", str(reg)], args.timeout)
                discard(site_dir(reg))  # removed once the timings are over: see `discard`
                row.cold.append(measure(argv, args.timeout))
                row.warm.append(measure(argv, args.timeout))
            rows.append(row)
            c, w = row.best("cold"), row.best("warm")
            assert c is not None and w is not None
            print(
                f"  {name}: cold {c.wall:.2f} s ({c.peak_mb:.0f} MB), warm {w.wall:.2f} s "
                f"({w.peak_mb:.0f} MB)",
                flush=True,
            )
        if args.peers and size in args.peers_at:
            peer[size] = peers(reg, args.timeout, peer_bin(Path(args.peers_venv)))
            for name, t in peer[size].items():
                print(f"  peer {name}: {t.wall:.2f} s ({t.peak_mb:.0f} MB)", flush=True)
    loads.append(os.getloadavg())
    if not args.registry:
        shutil.rmtree(base, ignore_errors=True)
    return {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "loadavg": loads},
        "sizes": args.sizes,
        "rows": [asdict(r) for r in rows],
        "floors": {str(k): v for k, v in floor.items()},
        "peers": {str(k): {n: asdict(t) for n, t in v.items()} for k, v in peer.items()},
        "acceptance": acceptance(rows, floor, args.judge),
        "acceptance_cpu": acceptance(rows, floor, args.judge, "cpu"),
    }


def acceptance(
    rows: list[Row], floor: dict[int, dict[str, float]], size: int, basis: str = "wall"
) -> list[dict[str, Any]]:
    """The performance targets, as ratios at one size (and the plan's growth to twice that),
    on wall-clock time or on CPU time (`basis`)."""
    best = {(r.size, r.command, which): r.best(which) for r in rows for which in ("cold", "warm")}

    def wall(command: str, which: str, at: int = size) -> float | None:
        t = best.get((at, command, which))
        return getattr(t, basis) if t else None

    def ratio(a: float | None, b: float | None) -> float | None:
        return round(a / b, 3) if a is not None and b else None

    cold = wall("validate", "cold")
    suffix = " [cpu]" if basis == "cpu" else ""
    libyaml = floor.get(size, {}).get("libyaml (PyYAML CSafeLoader)" + suffix)
    plan = best.get((size, "propose --plan", "cold"))
    plan2 = best.get((size * 2, "propose --plan", "cold"))
    checks = [
        ("cold validate / libyaml parse of the same files", ratio(cold, libyaml), 1.0),
        ("warm validate / cold validate", ratio(wall("validate", "warm"), cold), 0.15),
        ("warm show ID / cold validate", ratio(wall("show ID", "warm"), cold), 0.2),
        ("warm list requests / cold validate", ratio(wall("list requests", "warm"), cold), 0.2),
        ("propose --plan / cold validate", ratio(wall("propose --plan", "cold"), cold), 3.0),
        ("propose --plan peak memory, GB", round(plan.peak_mb / 1024, 2) if plan else None, 1.5),
        (
            f"propose --plan time growth {size} -> {size * 2}",
            ratio(wall("propose --plan", "cold", size * 2), wall("propose --plan", "cold")),
            2.4,
        ),
        (
            f"propose --plan memory growth {size} -> {size * 2}",
            ratio(plan2.peak_mb if plan2 else None, plan.peak_mb if plan else None),
            2.4,
        ),
        (
            "report stocktaking / cold validate",
            ratio(wall("report stocktaking", "cold"), cold),
            2.0,
        ),
        (
            f"report stocktaking / cold validate at {size * 2}",
            ratio(wall("report stocktaking", "cold", size * 2), wall("validate", "cold", size * 2)),
            2.0,
        ),
    ]
    return [
        {
            "check": name,
            "value": value,
            "target": f"<= {target}",
            "holds": None if value is None else value <= target,
        }
        for name, value, target in checks
    ]


def markdown(result: dict[str, Any]) -> str:
    rows = [
        Row(
            r["size"],
            r["command"],
            [Timing(**t) for t in r["cold"]],
            [Timing(**t) for t in r["warm"]],
        )
        for r in result["rows"]
    ]
    sizes = result["sizes"]
    lines = [
        "| command | " + " | ".join(f"{s:,} cold / warm" for s in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    by = {(r.command, r.size): r for r in rows}
    for command in dict.fromkeys(r.command for r in rows):
        cells = []
        for s in sizes:
            r = by.get((command, s))
            c, w = (r.best("cold"), r.best("warm")) if r else (None, None)
            cells.append(
                f"{c.wall:.2f} / {w.wall:.2f} s (CPU {c.cpu:.2f} / {w.cpu:.2f}; "
                f"{c.peak_mb:.0f} / {w.peak_mb:.0f} MB)"
                if c and w
                else "-"
            )
        lines.append(f"| `{command}` | " + " | ".join(cells) + " |")
    names = list(dict.fromkeys(n for f in result["floors"].values() for n in f))
    for name in (n for n in names if not n.endswith(" [cpu]")):
        cells = []
        for s in sizes:
            got = result["floors"].get(str(s), {})
            if name not in got:
                cells.append("-")
                continue
            cells.append(f"{got[name]:.2f} s (CPU {got.get(f'{name} [cpu]', float('nan')):.2f})")
        lines.append(f"| floor: {name} | " + " | ".join(cells) + " |")
    for s, tools in result["peers"].items():
        for name, t in tools.items():
            cells = [
                f"{t['wall']:.2f} s (CPU {t['cpu']:.2f}; {t['peak_mb']:.0f} MB)"
                if str(x) == s
                else "-"
                for x in sizes
            ]
            lines.append(f"| peer: {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "| acceptance | wall | CPU | target | holds (wall / CPU) |",
        "|---|---:|---:|---|---|",
    ]
    for a, b in zip(result["acceptance"], result["acceptance_cpu"], strict=True):
        lines.append(
            f"| {a['check']} | {a['value']} | {b['value']} | {a['target']} | "
            f"{a['holds']} / {b['holds']} |"
        )
    lines.append("")
    lines.append(f"Load average before and after: {result['machine']['loadavg']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="1000,5000,10000,20000", help="registry sizes, comma-separated"
    )
    parser.add_argument(
        "--judge", type=int, default=10000, help="the size the targets are judged at"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="cold+warm pairs per command; best counts"
    )
    parser.add_argument(
        "--commands", default="", help="only these commands (comma-separated names)"
    )
    parser.add_argument(
        "--no-peers", dest="peers_flag", action="store_false", help="skip the peer tools"
    )
    parser.add_argument(
        "--peers-at", default="", help="sizes to run the peers at (default: --judge)"
    )
    parser.add_argument("--floors-at", default="", help="sizes to run the floors at (default: all)")
    parser.add_argument(
        "--registry", default="", help="keep the generated registries in this folder"
    )
    parser.add_argument(
        "--out", default=str(HERE / "out"), help="where curves.json and curves.md go"
    )
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument(
        "--site-up-to",
        type=int,
        default=10000,
        help="build the portal only on registries up to this size (default 10000)",
    )
    parser.add_argument(
        "--full-up-to",
        type=int,
        default=1 << 62,
        help="above this size run only validate, propose --plan, report stocktaking",
    )
    parser.add_argument(
        "--peers-venv",
        default=str(HERE / "out" / "peers-venv"),
        help="the peers' own virtual environment, made on first use",
    )
    parser.add_argument("--floors-of", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floors_of:
        print(json.dumps(floors(Path(args.floors_of))))
        return 0
    args.sizes = [int(s) for s in args.sizes.split(",") if s]
    args.peers = args.peers_flag
    args.floors_at = [int(s) for s in args.floors_at.split(",") if s] or args.sizes
    args.peers_at = [int(s) for s in args.peers_at.split(",") if s] or [args.judge]
    args.commands = set(args.commands.split(",")) if args.commands else set(_COMMAND_NAMES)
    try:
        result = run(args)
    finally:
        for folder in DISCARDED:  # set aside during the timings (`discard`)
            shutil.rmtree(folder, ignore_errors=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "curves.json").write_text(json.dumps(result, indent=2) + "\n")
    text = markdown(result)
    (out / "curves.md").write_text(text)
    print(text)
    return 0


GROWTH_ROWS = ("validate", "propose --plan", "report stocktaking")
"""The rows run above `--full-up-to`: what the plan's and the stocktaking's growth is judged on."""

_COMMAND_NAMES = (
    "validate",
    "validate one file",
    "show ID",
    "list requests",
    "brief",
    "propose --top 5",
    "propose --plan",
    "report stocktaking",
    "report status",
    "site build",
)


if __name__ == "__main__":
    raise SystemExit(main())
