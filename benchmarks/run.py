"""Time `acsg` on a generated registry far larger than the real one, and against check-jsonschema.

    .venv/bin/python benchmarks/run.py [--requests 7000 --offers 3000] [--matches K] [--repeat 3]
                                       [--out benchmarks/out] [--registry DIR] [--strict]

Generates a registry with `benchmarks/generate.py` (into a temporary folder unless --registry is
given), then runs every entry of the timed list as subprocesses, --repeat times each, and keeps
the best wall-clock time. Prints a Markdown table and writes the same figures to
OUT/results.json (and OUT/results.md). See benchmarks/README.md for the targets.

To time another command, add one `Bench(...)` line to `benchmarks()` below.
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
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import KIND_FOLDERS, generate  # noqa: E402

try:
    import resource
except ImportError:  # Windows: no CPU times
    resource = None  # type: ignore[assignment]

INSTALL_CHECK_JSONSCHEMA = "pip install check-jsonschema  (e.g. .venv/bin/pip install check-jsonschema)"


class BenchmarkError(Exception):
    """A timed command did not do what it should: the figures would be meaningless."""


Check = Callable[[list[subprocess.CompletedProcess]], None]


@dataclass
class Bench:
    """One row of the table: one or more invocations whose times are added up.

    `check` inspects the completed processes and raises BenchmarkError when the run is wrong.
    `compare_to` names another row: the table shows this row's time divided by that row's.
    `max_seconds` / `max_ratio` are the targets (README.md).
    """

    name: str
    argvs: list[list[str]]
    cwd: Path | None = None
    check: Check | None = None
    files: int | None = None
    compare_to: str | None = None
    max_seconds: float | None = None
    max_ratio: float | None = None
    skipped: str | None = None
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def best(self) -> float | None:
        return min(self.wall) if self.wall else None

    @property
    def best_cpu(self) -> float | None:
        return min(self.cpu) if self.cpu else None


# --------------------------------------------------------------------------------------------
# Finding the tools
# --------------------------------------------------------------------------------------------

def find_tool(name: str, explicit: str | None = None) -> str | None:
    """The tool next to this Python, in the project's venv, or on PATH."""
    if explicit:
        return explicit
    exe = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    for candidate in (Path(sys.executable).parent / f"{name}{suffix}",
                      PROJECT / ".venv" / exe / f"{name}{suffix}"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def arg_chunks(args: list[str], fixed: list[str]) -> list[list[str]]:
    """Split `args` so that `fixed + chunk` fits in one command line."""
    if os.name == "nt":
        budget = 30_000
    else:
        try:
            arg_max = os.sysconf("SC_ARG_MAX")
        except (ValueError, OSError):
            arg_max = 128 * 1024
        env = sum(len(k) + len(v) + 2 + 8 for k, v in os.environ.items())
        budget = arg_max - env - 64 * 1024
    cost = lambda a: len(a.encode()) + 1 + 8  # noqa: E731 - the string, its NUL and its pointer
    base = sum(cost(a) for a in fixed)
    chunks: list[list[str]] = [[]]
    used = base
    for a in args:
        if chunks[-1] and used + cost(a) > budget:
            chunks.append([])
            used = base
        chunks[-1].append(a)
        used += cost(a)
    return chunks


# --------------------------------------------------------------------------------------------
# Checks on the output
# --------------------------------------------------------------------------------------------

def _show(proc: subprocess.CompletedProcess, limit: int = 3000) -> str:
    return (f"exit code {proc.returncode}\n--- stdout ---\n{proc.stdout[:limit]}\n"
            f"--- stderr ---\n{proc.stderr[:limit]}")


def exits_zero(procs: list[subprocess.CompletedProcess]) -> None:
    for proc in procs:
        if proc.returncode != 0:
            raise BenchmarkError(f"`{' '.join(map(str, proc.args[:4]))} ...` failed: {_show(proc)}")


def validate_json_clean(expected_files: int) -> Check:
    """`acsg validate --format json` checked every file and found no error."""

    def check(procs: list[subprocess.CompletedProcess]) -> None:
        (proc,) = procs
        try:
            report = json.loads(proc.stdout)
        except json.JSONDecodeError:
            raise BenchmarkError(f"acsg validate did not print JSON: {_show(proc)}") from None
        errors = [p for p in report.get("problems", []) if p.get("severity") == "error"]
        if report.get("files_checked") != expected_files or errors or proc.returncode != 0:
            sample = "\n".join(f"  {p['file']}:{p['line']}:{p['column']} {p['code']} {p['message']}"
                               for p in errors[:20])
            raise BenchmarkError(
                f"acsg validate on the generated registry: files_checked={report.get('files_checked')} "
                f"(expected {expected_files}), {len(errors)} error(s), exit code {proc.returncode}\n{sample}")

    return check


# --------------------------------------------------------------------------------------------
# The timed list
# --------------------------------------------------------------------------------------------

def benchmarks(acsg: str, check_jsonschema: str | None, registry: Path) -> list[Bench]:
    """Every timed command. Add a line here to time another one (e.g. `acsg match propose`)."""
    files = {kind: sorted(f"{kind}/{p.name}" for p in (registry / kind).glob("*.yaml")) for kind in KIND_FOLDERS}
    total = sum(len(v) for v in files.values())
    shipped = PROJECT / "data"
    shipped_files = sum(1 for kind in KIND_FOLDERS for _ in (shipped / kind).glob("*.yaml"))

    rows = [
        Bench("acsg validate (generated)",
              [[acsg, "validate", "--data", str(registry), "--format", "json"]],
              check=validate_json_clean(total), files=total,
              compare_to="check-jsonschema (generated)", max_ratio=0.3),
    ]
    cj = Bench("check-jsonschema (generated)", [], cwd=registry, check=exits_zero, files=total)
    if check_jsonschema is None:
        cj.skipped = f"check-jsonschema not installed: {INSTALL_CHECK_JSONSCHEMA}"
    else:
        singular = {"requests": "request", "offers": "offer", "matches": "match"}
        for kind in KIND_FOLDERS:
            fixed = [check_jsonschema, "--schemafile", str(PROJECT / "schemas" / f"{singular[kind]}.schema.json")]
            if files[kind]:
                cj.argvs += [fixed + chunk for chunk in arg_chunks(files[kind], fixed)]
    rows.append(cj)
    rows += [
        Bench("acsg validate (shipped data/)", [[acsg, "validate", "--data", str(shipped)]],
              cwd=PROJECT, check=exits_zero, files=shipped_files, max_seconds=0.5),
        Bench("acsg --help", [[acsg, "--help"]], check=exits_zero, max_seconds=0.3),
        # Bench("acsg match propose (generated)",
        #       [[acsg, "match", "propose", "--data", str(registry), "--format", "json"]], check=exits_zero,
        #       files=total),
    ]
    return rows


# --------------------------------------------------------------------------------------------
# Running and reporting
# --------------------------------------------------------------------------------------------

def _children_cpu() -> float:
    if resource is None:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_once(bench: Bench, timeout: float) -> None:
    wall = cpu = 0.0
    procs = []
    for argv in bench.argvs:
        cpu0 = _children_cpu()
        t0 = time.perf_counter()
        proc = subprocess.run(argv, cwd=bench.cwd, capture_output=True, text=True, timeout=timeout)
        wall += time.perf_counter() - t0
        cpu += _children_cpu() - cpu0
        procs.append(proc)
    if bench.check is not None:
        bench.check(procs)
    bench.wall.append(wall)
    bench.cpu.append(cpu)


def ratio(bench: Bench, rows: dict[str, Bench], attr: str = "best") -> float | None:
    other = rows.get(bench.compare_to or "")
    mine, theirs = getattr(bench, attr), getattr(other, attr) if other else None
    if mine is None or not theirs:
        return None
    return mine / theirs


def target_text(bench: Bench) -> str:
    if bench.max_ratio is not None:
        return f"<= {bench.max_ratio:g}x {bench.compare_to.split(' (')[0] if bench.compare_to else ''}".rstrip()
    if bench.max_seconds is not None:
        return f"< {bench.max_seconds:g} s"
    return ""


def met(bench: Bench, rows: dict[str, Bench]) -> bool | None:
    if bench.max_ratio is not None:
        r = ratio(bench, rows)
        return None if r is None else r <= bench.max_ratio
    if bench.max_seconds is not None and bench.best is not None:
        return bench.best < bench.max_seconds
    return None


def markdown(rows: list[Bench]) -> str:
    by_name = {b.name: b for b in rows}
    lines = ["| Benchmark | Files | Best wall (s) | All runs (s) | Best CPU (s) | vs check-jsonschema "
             "| Target | Met |",
             "|---|---:|---:|---|---:|---:|---|---|"]
    for b in rows:
        if b.skipped:
            lines.append(f"| {b.name} | {b.files or ''} | skipped | | | | | {b.skipped} |")
            continue
        r = ratio(b, by_name)
        ok = met(b, by_name)
        lines.append(
            f"| {b.name} | {b.files if b.files is not None else ''} | {b.best:.3f} | "
            f"{', '.join(f'{t:.2f}' for t in b.wall)} | {b.best_cpu:.3f} | "
            f"{'' if r is None else f'{r:.3f}'} | {target_text(b)} | "
            f"{'' if ok is None else ('yes' if ok else '**no**')} |")
    return "\n".join(lines)


def display_argv(bench: Bench, registry: Path) -> list[str]:
    """The first invocation, with the registry path shortened and long file lists elided."""
    if not bench.argvs:
        return []
    argv = [a.replace(str(registry), "<registry>").replace(str(PROJECT), "<project>") for a in bench.argvs[0]]
    return argv if len(argv) <= 8 else argv[:4] + [f"... ({len(argv) - 4} more files)"]


def version(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=7000)
    parser.add_argument("--offers", type=int, default=3000)
    parser.add_argument("--matches", type=int, default=None, help="default: requests // 4")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per command; the best wall time counts")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where results.json/results.md go")
    parser.add_argument("--registry", type=Path, default=None,
                        help="generate the registry here (record files already there are replaced); "
                             "default: a temporary folder, deleted afterwards")
    parser.add_argument("--acsg", default=None, help="the acsg executable (default: next to this Python, "
                                                     "the project's .venv, or PATH)")
    parser.add_argument("--check-jsonschema", dest="check_jsonschema", default=None,
                        help="the check-jsonschema executable (default: found like acsg)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed per invocation")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be >= 1")

    acsg = find_tool("acsg", args.acsg)
    if acsg is None:
        print("run.py: cannot find the acsg executable; install the project (pip install -e .) or pass --acsg",
              file=sys.stderr)
        return 2
    cj = find_tool("check-jsonschema", args.check_jsonschema)
    if cj is None:
        print(f"run.py: check-jsonschema not found; skipping that comparison. To include it: "
              f"{INSTALL_CHECK_JSONSCHEMA}", file=sys.stderr)

    tmp = None
    registry = args.registry
    if registry is None:
        tmp = tempfile.TemporaryDirectory(prefix="acsg-bench-")
        registry = Path(tmp.name) / "registry"
    try:
        t0 = time.perf_counter()
        generate(registry, args.requests, args.offers, args.matches, args.seed, overwrite=True)
        gen_seconds = time.perf_counter() - t0
        counts = {k: sum(1 for _ in (registry / k).glob("*.yaml")) for k in KIND_FOLDERS}
        size = sum(p.stat().st_size for k in KIND_FOLDERS for p in (registry / k).glob("*.yaml"))
        total = sum(counts.values())
        print(f"Generated {total} files ({counts['requests']} requests, {counts['offers']} offers, "
              f"{counts['matches']} matches; {size / total / 1024:.2f} KiB each on average) in "
              f"{gen_seconds:.1f} s under {registry}", file=sys.stderr)

        rows = benchmarks(acsg, cj, registry)
        load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
        # Round-robin over the commands, so a change in machine load hits them all alike.
        for rep in range(args.repeat):
            for bench in rows:
                if bench.skipped:
                    continue
                print(f"[{rep + 1}/{args.repeat}] {bench.name} ...", end=" ", file=sys.stderr, flush=True)
                time_once(bench, args.timeout)
                print(f"{bench.wall[-1]:.3f} s", file=sys.stderr)
        load_after = os.getloadavg() if hasattr(os, "getloadavg") else None
    except BenchmarkError as exc:
        print(f"\nrun.py: BENCHMARK INVALID: {exc}", file=sys.stderr)
        return 1
    except subprocess.TimeoutExpired as exc:
        print(f"\nrun.py: timed out after {exc.timeout} s: {exc.cmd[:4]} ...", file=sys.stderr)
        return 1
    finally:
        if tmp is not None:
            tmp.cleanup()

    table = markdown(rows)
    print(table)
    by_name = {b.name: b for b in rows}
    missed = [b.name for b in rows if met(b, by_name) is False]
    results = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"platform": platform.platform(), "python": platform.python_version(),
                    "cpus": os.cpu_count(), "load_average_before": load_before,
                    "load_average_after": load_after},
        "tools": {"acsg": version([acsg, "--version"]),
                  "check-jsonschema": version([cj, "--version"]) if cj else None},
        "registry": {"requests": counts["requests"], "offers": counts["offers"], "matches": counts["matches"],
                     "files": total, "bytes": size, "seed": args.seed, "generated_in_seconds": round(gen_seconds, 3)},
        "repeat": args.repeat,
        "results": [{
            "name": b.name,
            "argv": display_argv(b, registry),
            "invocations": len(b.argvs),
            "files": b.files,
            "skipped": b.skipped,
            "wall_seconds": [round(t, 4) for t in b.wall],
            "best_wall_seconds": None if b.best is None else round(b.best, 4),
            "best_cpu_seconds": None if b.best_cpu is None else round(b.best_cpu, 4),
            "compare_to": b.compare_to,
            "ratio": None if ratio(b, by_name) is None else round(ratio(b, by_name), 4),
            "cpu_ratio": None if ratio(b, by_name, "best_cpu") is None else round(ratio(b, by_name, "best_cpu"), 4),
            "target": target_text(b) or None,
            "met": met(b, by_name),
        } for b in rows],
        "targets_missed": missed,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (args.out / "results.md").write_text(table + "\n", encoding="utf-8")
    print(f"\nWrote {args.out / 'results.json'} and {args.out / 'results.md'}", file=sys.stderr)
    if missed:
        print(f"Targets missed: {', '.join(missed)}", file=sys.stderr)
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
