"""Time `acsg` on generated registries far larger than the real one, and against check-jsonschema.

    .venv/bin/python benchmarks/run.py [--quick] [--repeat 3] [--strict]
        [--requests 6000 --offers 2500 [--matches K]]
        [--match-sizes 500x250,2000x1000,4000x2000] [--match-target 2000x1000] [--today YYYY-MM-DD]
        [--skip-check-jsonschema | --check-jsonschema-repeat N] [--judge-by wall|cpu]
        [--out benchmarks/out] [--registry DIR] [--seed S] [--timeout SECONDS]

Generates a registry with `benchmarks/generate.py` (default 6,000 requests + 2,500 offers + 1,500
matches = 10,000 files) and, for the matching rows, one registry per --match-sizes entry (into a
temporary folder unless --registry is given). Then runs every entry of the timed list as
subprocesses, --repeat times each in round-robin order, and keeps the best wall-clock time and the
best CPU time. Prints a Markdown table and writes the same figures to OUT/results.json (and
OUT/results.md). See benchmarks/README.md for the rows and the targets.

To time another command, add one `Bench(...)` entry to `benchmarks()` below.
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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import CAP, KIND_FOLDERS, generate  # noqa: E402

try:
    import resource
except ImportError:  # Windows: no CPU times
    resource = None  # type: ignore[assignment]

INSTALL_CHECK_JSONSCHEMA = (
    "pip install check-jsonschema  (e.g. .venv/bin/pip install check-jsonschema)"
)

# Sizes: (requests, offers); the generator adds requests // 4 matches unless --matches is given.
FULL_MAIN = (6000, 2500)  # 6,000 + 2,500 + 1,500 = 10,000 files
QUICK_MAIN = (600, 250)  # 600 + 250 + 150 = 1,000 files
FULL_MATCH_SIZES = "500x250,2000x1000,4000x2000"
FULL_MATCH_TARGET = "2000x1000"
QUICK_MATCH_SIZES = "100x50,200x100,400x200"
QUICK_MATCH_TARGET = "200x100"
# The portal rows: a registry of 1,920 requests + 800 offers + 480 matches = 3,200 records.
FULL_SITE_SIZE = "1920x800"
QUICK_SITE_SIZE = "192x80"

# Every criteria rule: waiver checks ACSG03x, requests ACSG1xx, offers ACSG2xx, matches ACSG3xx.
# Registry checks (ACSG001-ACSG022: YAML, schema, placement, cross-file) always run.
CRITERIA_RULES = "ACSG03,ACSG1,ACSG2,ACSG3"

# `acsg match propose --today`: the day after the generator's last event, so results do not
# depend on the day the benchmark runs.
DEFAULT_TODAY = (CAP + timedelta(days=1)).isoformat()


class BenchmarkError(Exception):
    """A timed command did not do what it should: the figures would be meaningless."""


Check = Callable[[list[subprocess.CompletedProcess]], None]


@dataclass
class Target:
    """What a row is judged by.

    With `compare_to` (another row's name): this row's time divided by that row's, at most
    `max_ratio` (None: the ratio is only reported). With `max_seconds`: this row's own time.
    """

    compare_to: str | None = None
    max_ratio: float | None = None
    max_seconds: float | None = None


@dataclass
class Bench:
    """One row of the table: one or more invocations whose times are added up.

    `check` inspects the completed processes and raises BenchmarkError when the run is wrong.
    `registry` names the registry the row runs on (the table's first column), `command` is the
    command as the table shows it (default: the first argv without the executable's path and
    `--data`), `short` is how other rows' targets name this one. `max_runs` caps the runs of a
    slow row below --repeat; `per_round` runs a sub-second row several times in each round, so
    its best time is not one noisy sample.
    """

    name: str
    argvs: list[list[str]]
    cwd: Path | None = None
    check: Check | None = None
    files: int | None = None
    registry: str = ""
    command: str | None = None
    short: str | None = None
    targets: list[Target] = field(default_factory=list)
    max_runs: int | None = None
    per_round: int = 1
    skipped: str | None = None
    registry_path: Path | None = None
    before: Callable[[], None] | None = None
    """Run before each timed run, untimed (clearing the read cache, editing a record)."""
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def best(self) -> float | None:
        return min(self.wall) if self.wall else None

    @property
    def best_cpu(self) -> float | None:
        return min(self.cpu) if self.cpu else None

    def shown_command(self) -> str:
        if self.command is not None:
            return self.command
        if not self.argvs:
            return ""
        argv = list(self.argvs[0])
        argv[0] = Path(argv[0]).name
        if "--data" in argv:
            i = argv.index("--data")
            del argv[i : i + 2]
        return " ".join(argv)


# --------------------------------------------------------------------------------------------
# Finding the tools
# --------------------------------------------------------------------------------------------


def find_tool(name: str, explicit: str | None = None) -> str | None:
    """The tool next to this Python, in the project's venv, or on PATH."""
    if explicit:
        return explicit
    exe = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    for candidate in (
        Path(sys.executable).parent / f"{name}{suffix}",
        PROJECT / ".venv" / exe / f"{name}{suffix}",
    ):
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
    return (
        f"exit code {proc.returncode}\n--- stdout ---\n{proc.stdout[:limit]}\n"
        f"--- stderr ---\n{proc.stderr[:limit]}"
    )


def _argv_text(proc: subprocess.CompletedProcess) -> str:
    return " ".join(map(str, proc.args[:6]))


def exits_zero(procs: list[subprocess.CompletedProcess]) -> None:
    for proc in procs:
        if proc.returncode != 0:
            raise BenchmarkError(f"`{_argv_text(proc)} ...` failed: {_show(proc)}")


def _json_of(proc: subprocess.CompletedProcess) -> Any:
    if proc.returncode != 0:
        raise BenchmarkError(f"`{_argv_text(proc)} ...` failed: {_show(proc)}")
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise BenchmarkError(
            f"`{_argv_text(proc)} ...` did not print JSON: {_show(proc)}"
        ) from None


def _is_criteria_code(code: str) -> bool:
    return code.startswith("ACSG") and code[4:].isdigit() and int(code[4:]) >= 30


def validate_json_clean(expected_files: int, criteria_off: bool = False) -> Check:
    """`acsg validate --format json` checked every file and found no error (and, with the criteria
    rules off, reported nothing from them: the --ignore took effect)."""

    def check(procs: list[subprocess.CompletedProcess]) -> None:
        (proc,) = procs
        try:
            report = json.loads(proc.stdout)
        except json.JSONDecodeError:
            raise BenchmarkError(f"acsg validate did not print JSON: {_show(proc)}") from None
        problems = report.get("problems", [])
        errors = [p for p in problems if p.get("severity") == "error"]
        if report.get("files_checked") != expected_files or errors or proc.returncode != 0:
            sample = "\n".join(
                f"  {p['file']}:{p['line']}:{p['column']} {p['code']} {p['message']}"
                for p in errors[:20]
            )
            raise BenchmarkError(
                f"`{_argv_text(proc)} ...`: files_checked={report.get('files_checked')} "
                f"(expected {expected_files}), {len(errors)} error(s), exit code "
                f"{proc.returncode}\n{sample}"
            )
        if criteria_off:
            leaked = sorted({p["code"] for p in problems if _is_criteria_code(p.get("code", ""))})
            if leaked:
                raise BenchmarkError(
                    f"`{_argv_text(proc)} ...` still ran criteria rules: {', '.join(leaked)}"
                )

    return check


def propose_json(top: int) -> Check:
    """`acsg match propose --top K --format json`: a list of requests, each with at most K
    candidates."""

    def check(procs: list[subprocess.CompletedProcess]) -> None:
        (proc,) = procs
        data = _json_of(proc)
        if not isinstance(data, list) or not data:
            raise BenchmarkError(f"`{_argv_text(proc)} ...` proposed nothing: {_show(proc, 500)}")
        sizes = [len(entry.get("candidates", [])) for entry in data]
        if max(sizes) > top or max(sizes) == 0:
            raise BenchmarkError(
                f"`{_argv_text(proc)} ...`: candidates per request {min(sizes)}..{max(sizes)}, "
                f"expected 1..{top} for at least one request"
            )

    return check


def plan_json(procs: list[subprocess.CompletedProcess]) -> None:
    """`acsg match propose --plan --format json`: proposals and a non-empty assignment."""
    (proc,) = procs
    data = _json_of(proc)
    if (
        not isinstance(data, dict)
        or not {"proposals", "assignment", "unmet", "total_score"} <= data.keys()
    ):
        raise BenchmarkError(f"`{_argv_text(proc)} ...` printed no plan: {_show(proc, 500)}")
    if not data["assignment"]:
        raise BenchmarkError(f"`{_argv_text(proc)} ...` assigned no offer at all")


def stocktaking_json(counts: dict[str, int]) -> Check:
    """`acsg report stocktaking --format json`: no registry errors, every record counted."""

    def check(procs: list[subprocess.CompletedProcess]) -> None:
        (proc,) = procs
        data = _json_of(proc)
        totals = data.get("totals", {}) if isinstance(data, dict) else {}
        got = {k: totals.get(k) for k in KIND_FOLDERS}
        if data.get("registry_errors") != 0 or got != counts:
            raise BenchmarkError(
                f"`{_argv_text(proc)} ...`: registry_errors={data.get('registry_errors')}, "
                f"totals {got}, expected {counts}"
            )

    return check


# --------------------------------------------------------------------------------------------
# The timed list
# --------------------------------------------------------------------------------------------


@dataclass
class Registry:
    """A generated registry: where, what it holds, and how the table names it."""

    path: Path
    label: str
    counts: dict[str, int]
    bytes: int = 0
    seconds: float = 0.0
    size: tuple[int, int] | None = None  # (requests, offers) asked for

    @property
    def files(self) -> int:
        return sum(self.counts.values())


def match_row_names(label: str) -> tuple[str, str, str]:
    return (
        f"acsg validate ({label})",
        f"acsg match propose --top 5 ({label})",
        f"acsg match propose --plan ({label})",
    )


def benchmarks(
    acsg: str,
    check_jsonschema: str | None,
    main: Registry,
    match_registries: list[Registry],
    *,
    match_target: str | None,
    today: str,
    cj_skip: str | None = None,
    cj_runs: int | None = None,
) -> list[Bench]:
    """Every timed command. Add an entry here to time another one."""
    registry = main.path
    files = {
        kind: sorted(f"{kind}/{p.name}" for p in (registry / kind).glob("*.yaml"))
        for kind in KIND_FOLDERS
    }
    total = main.files
    shipped = PROJECT / "data"
    shipped_files = sum(1 for kind in KIND_FOLDERS for _ in (shipped / kind).glob("*.yaml"))
    data = ["--data", str(registry)]

    validate_name = "acsg validate (generated)"
    rules_off_name = "acsg validate, criteria rules off (generated)"
    cj_name = "check-jsonschema (generated)"
    rows = [
        Bench(
            validate_name,
            [[acsg, "validate", *data, "--format", "json"]],
            check=validate_json_clean(total),
            files=total,
            registry=main.label,
            short="validate",
            registry_path=registry,
            targets=[
                Target(compare_to=cj_name, max_ratio=0.3),
                Target(compare_to=rules_off_name, max_ratio=1.3),
            ],
        ),
        Bench(
            rules_off_name,
            [[acsg, "validate", *data, "--format", "json", "--ignore", CRITERIA_RULES]],
            check=validate_json_clean(total, criteria_off=True),
            files=total,
            registry=main.label,
            short="rules off",
            registry_path=registry,
        ),
    ]
    cj = Bench(
        cj_name,
        [],
        cwd=registry,
        check=exits_zero,
        files=total,
        registry=main.label,
        short="check-jsonschema",
        max_runs=cj_runs,
        registry_path=registry,
        command="check-jsonschema --schemafile schemas/<kind>.schema.json <kind>/*.yaml (per kind)",
    )
    if cj_skip:
        cj.skipped = cj_skip
    elif check_jsonschema is None:
        cj.skipped = f"check-jsonschema not installed: {INSTALL_CHECK_JSONSCHEMA}"
    else:
        singular = {"requests": "request", "offers": "offer", "matches": "match"}
        for kind in KIND_FOLDERS:
            fixed = [
                check_jsonschema,
                "--schemafile",
                str(PROJECT / "schemas" / f"{singular[kind]}.schema.json"),
            ]
            if files[kind]:
                cj.argvs += [fixed + chunk for chunk in arg_chunks(files[kind], fixed)]
    rows.append(cj)
    rows += [
        Bench(
            "acsg report stocktaking (generated)",
            [[acsg, "report", "stocktaking", *data, "--format", "json"]],
            check=stocktaking_json(main.counts),
            files=total,
            registry=main.label,
            registry_path=registry,
            targets=[Target(compare_to=validate_name, max_ratio=2.0)],
        ),
        Bench(
            "acsg validate (shipped data/)",
            [[acsg, "validate", "--data", str(shipped)]],
            cwd=PROJECT,
            check=exits_zero,
            files=shipped_files,
            registry="shipped data/",
            command="acsg validate",
            targets=[Target(max_seconds=0.5)],
            per_round=5,
        ),
        Bench(
            "acsg --help",
            [[acsg, "--help"]],
            check=exits_zero,
            registry="-",
            targets=[Target(max_seconds=0.3)],
            per_round=5,
        ),
    ]

    # Matching: validate, the ranked candidates and the capacity-aware plan on each size.
    for reg in match_registries:
        v_name, top_name, plan_name = match_row_names(reg.label)
        mdata = ["--data", str(reg.path)]
        judged = 3.0 if reg.label == match_target else None
        rows += [
            Bench(
                v_name,
                [[acsg, "validate", *mdata, "--format", "json"]],
                check=validate_json_clean(reg.files),
                files=reg.files,
                registry=reg.label,
                short="validate",
                registry_path=reg.path,
            ),
            Bench(
                top_name,
                [
                    [
                        acsg,
                        "match",
                        "propose",
                        *mdata,
                        "--top",
                        "5",
                        "--format",
                        "json",
                        "--today",
                        today,
                    ]
                ],
                check=propose_json(5),
                files=reg.files,
                registry=reg.label,
                registry_path=reg.path,
                targets=[Target(compare_to=v_name, max_ratio=judged)],
            ),
            Bench(
                plan_name,
                [
                    [
                        acsg,
                        "match",
                        "propose",
                        *mdata,
                        "--plan",
                        "--format",
                        "json",
                        "--today",
                        today,
                    ]
                ],
                check=plan_json,
                files=reg.files,
                registry=reg.label,
                registry_path=reg.path,
                targets=[Target(compare_to=v_name, max_ratio=judged)],
            ),
        ]
    return rows


DISCARDED: list[Path] = []
"""Folders set aside during the timings, removed once they are over (`discard`)."""


def discard(folder: Path) -> None:
    """Set `folder` aside (a rename), to be removed once the timings are over: removing
    thousands of files just before a timed run slows the run's own file creation for minutes
    on a file system without a journal (ext4 then skips the inodes freed in the last minute
    one by one), which would time the benchmark's clean-up rather than the command."""
    if folder.exists():
        aside = folder.with_name(f".discarded-{folder.name}-{len(DISCARDED)}-{os.getpid()}")
        folder.rename(aside)
        DISCARDED.append(aside)


def site_built(out: Path, reg: Registry, *, fresh: bool) -> Check:
    """`acsg site build`: a page per record and a search index; a fresh build's folder is
    set aside afterwards (`discard`), so the next run builds from nothing again."""

    def check(procs: list[subprocess.CompletedProcess]) -> None:
        (proc,) = procs
        pages = sum(1 for kind in KIND_FOLDERS for _ in (out / kind).glob("*-*.html"))
        if proc.returncode != 0 or pages != reg.files or not (out / "pagefind").is_dir():
            raise BenchmarkError(
                f"`{_argv_text(proc)} ...`: {pages} record pages for {reg.files} records, "
                f"search index {'present' if (out / 'pagefind').is_dir() else 'missing'}: "
                f"{_show(proc, 500)}"
            )
        if fresh:
            discard(out)

    return check


def cache_cleared(acsg: str, registry: Path) -> Callable[[], None]:
    """Clear the read cache of `registry` (a cold run follows)."""

    def clear() -> None:
        argv = [acsg, "cache", "clear", "--data", str(registry)]
        subprocess.run(argv, capture_output=True, check=True, env=RUN_ENV)

    return clear


def one_record_edited(registry: Path) -> Callable[[], None]:
    """Change the title of one request, back and forth: each run sees a one-record change."""
    path = sorted((registry / "requests").glob("*.yaml"))[0]

    def edit() -> None:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        i = next(n for n, line in enumerate(lines) if line.startswith("title: "))
        value = lines[i].removeprefix("title: ")
        quote = value[0] if value[0] in "\"'" else ""
        text = value.removeprefix(quote)
        text = text.removeprefix("Revised ") if text.startswith("Revised ") else f"Revised {text}"
        lines[i] = f"title: {quote}{text}"
        path.write_text("".join(lines), encoding="utf-8")

    return edit


def site_rows(acsg: str, reg: Registry, work: Path) -> list[Bench]:
    """The portal on `reg`: `acsg site build` from nothing (judged: at most 3x validate on the
    same registry, both with a cold read cache), again on an unchanged registry (nothing
    rewritten; reported) and after a one-record change (reported)."""
    v_name = f"acsg validate ({reg.label})"
    data = ["--data", str(reg.path)]
    fresh, kept, edited = work / "site-fresh", work / "site-kept", work / "site-edited"
    for folder in (fresh, kept, edited):
        discard(folder)
    cold = cache_cleared(acsg, reg.path)

    def rebuild(what: str, registry: Path, out: Path, change: str) -> Bench:
        """A folder built before, built again (its first run builds from nothing)."""
        return Bench(
            f"acsg site build, {what} ({reg.label})",
            [[acsg, "site", "build", "--data", str(registry), "--out", str(out)]],
            check=site_built(out, reg, fresh=False),
            files=reg.files,
            registry=reg.label,
            registry_path=reg.path,
            command=f"acsg site build --out DIR (built before, {change})",
            targets=[Target(compare_to=v_name, max_ratio=None)],
            before=one_record_edited(registry) if registry != reg.path else None,
        )

    # The one-record row edits a copy, so the other rows' registry stays as it was.
    copy = work / f"{reg.path.name}-edited"
    discard(copy)
    shutil.copytree(reg.path, copy)
    return [
        Bench(
            v_name,
            [[acsg, "validate", *data, "--format", "json"]],
            check=validate_json_clean(reg.files),
            files=reg.files,
            registry=reg.label,
            short="validate",
            registry_path=reg.path,
            command="acsg validate --format json (cold read cache)",
            before=cold,
        ),
        Bench(
            f"acsg site build, from nothing ({reg.label})",
            [[acsg, "site", "build", *data, "--out", str(fresh)]],
            check=site_built(fresh, reg, fresh=True),
            files=reg.files,
            registry=reg.label,
            registry_path=reg.path,
            command="acsg site build --out DIR (a new folder, cold read cache)",
            targets=[Target(compare_to=v_name, max_ratio=3.0)],
            before=cold,
        ),
        rebuild("unchanged", reg.path, kept, "registry unchanged"),
        rebuild("one record changed", copy, edited, "one request's title changed"),
    ]


# --------------------------------------------------------------------------------------------
# Running and reporting
# --------------------------------------------------------------------------------------------


def _children_cpu() -> float:
    if resource is None:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# Commands run as a user runs them: with Python's bytecode cache on, so start-up is not spent
# recompiling every module (a shell with PYTHONDONTWRITEBYTECODE set would measure that).
RUN_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def time_once(bench: Bench, timeout: float) -> None:
    if bench.before is not None:
        bench.before()
    wall = cpu = 0.0
    procs = []
    for argv in bench.argvs:
        cpu0 = _children_cpu()
        t0 = time.perf_counter()
        proc = subprocess.run(
            argv, cwd=bench.cwd, capture_output=True, text=True, timeout=timeout, env=RUN_ENV
        )
        wall += time.perf_counter() - t0
        cpu += _children_cpu() - cpu0
        procs.append(proc)
    if bench.check is not None:
        bench.check(procs)
    bench.wall.append(wall)
    bench.cpu.append(cpu)


def _attr(basis: str) -> str:
    return "best_cpu" if basis == "cpu" else "best"


def ratio(
    bench: Bench, other_name: str | None, rows: dict[str, Bench], attr: str = "best"
) -> float | None:
    other = rows.get(other_name or "")
    mine, theirs = getattr(bench, attr), getattr(other, attr) if other else None
    if mine is None or not theirs:
        return None
    return mine / theirs


def target_value(bench: Bench, target: Target, rows: dict[str, Bench], basis: str) -> float | None:
    """The figure a target judges: a ratio, or the row's own best time, on the chosen basis."""
    if target.compare_to is not None:
        return ratio(bench, target.compare_to, rows, _attr(basis))
    return getattr(bench, _attr(basis))


def target_met(bench: Bench, target: Target, rows: dict[str, Bench], basis: str) -> bool | None:
    value = target_value(bench, target, rows, basis)
    if value is None:
        return None
    if target.max_ratio is not None:
        return value <= target.max_ratio
    if target.max_seconds is not None:
        return value < target.max_seconds
    return None


def met(bench: Bench, rows: dict[str, Bench], basis: str) -> bool | None:
    """False when a target is missed, True when every judged target is met, else None."""
    results = [
        target_met(bench, t, rows, basis)
        for t in bench.targets
        if t.max_ratio is not None or t.max_seconds is not None
    ]
    if any(r is False for r in results):
        return False
    if results and all(r is True for r in results):
        return True
    return None


def _other_name(target: Target, rows: dict[str, Bench]) -> str:
    other = rows.get(target.compare_to or "")
    return (other.short or other.name) if other else (target.compare_to or "")


def target_text(target: Target, rows: dict[str, Bench]) -> str:
    if target.compare_to is not None:
        if target.max_ratio is None:
            return f"none (vs {_other_name(target, rows)})"
        return f"<= {target.max_ratio:g}x {_other_name(target, rows)}"
    if target.max_seconds is not None:
        return f"< {target.max_seconds:g} s"
    return ""


def judged_text(bench: Bench, target: Target, rows: dict[str, Bench], basis: str) -> str:
    """The judged figure first (on the chosen basis), the other basis in brackets."""
    other = "wall" if basis == "cpu" else "CPU"
    if target.compare_to is not None:
        mine = ratio(bench, target.compare_to, rows, _attr(basis))
        alt = ratio(bench, target.compare_to, rows, _attr("wall" if basis == "cpu" else "cpu"))
        if mine is None:
            return "n/a"
        return f"{mine:.2f}x {basis}" + ("" if alt is None else f" ({other} {alt:.2f}x)")
    value = target_value(bench, target, rows, basis)
    return "n/a" if value is None else f"{value:.3f} s {basis}"


def _met_text(ok: bool | None, judged: bool) -> str:
    if not judged:
        return "-"
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def markdown(rows: list[Bench], basis: str) -> str:
    by_name = {b.name: b for b in rows}
    lines = [
        "| Registry | Command | Files | Best wall (s) | Best CPU (s) | Judged by | Target | Met |",
        "|---|---|---:|---:|---:|---|---|---|",
    ]
    for b in rows:
        files = "" if b.files is None else f"{b.files:,}"
        cmd = f"`{b.shown_command()}`"
        if b.skipped or not b.wall:
            lines.append(
                f"| {b.registry} | {cmd} | {files} | skipped | | {b.skipped or 'not run'} | | |"
            )
            continue
        if not b.targets:
            lines.append(
                f"| {b.registry} | {cmd} | {files} | {b.best:.3f} | {b.best_cpu:.3f} | | none | - |"
            )
            continue
        judged = [judged_text(b, t, by_name, basis) for t in b.targets]
        targets = [target_text(t, by_name) for t in b.targets]
        mets = [
            _met_text(
                target_met(b, t, by_name, basis),
                t.max_ratio is not None or t.max_seconds is not None,
            )
            for t in b.targets
        ]
        lines.append(
            f"| {b.registry} | {cmd} | {files} | {b.best:.3f} | {b.best_cpu:.3f} | "
            f"{'<br>'.join(judged)} | {'<br>'.join(targets)} | {'<br>'.join(mets)} |"
        )
    return "\n".join(lines)


def growth_markdown(rows: list[Bench], match_registries: list[Registry]) -> str:
    """How the matching rows grow with the registry: best wall (CPU) per size, and x
    the smallest."""
    by_name = {b.name: b for b in rows}
    if not match_registries:
        return ""
    first = [by_name.get(n) for n in match_row_names(match_registries[0].label)]
    lines = [
        "| Size (requests x offers) | Files | validate (s) | propose --top 5 (s) | top 5 / "
        "validate "
        "| propose --plan (s) | plan / validate | growth from the smallest: validate / top 5 / "
        "plan |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]

    def t(b: Bench | None) -> str:
        return "n/a" if b is None or b.best is None else f"{b.best:.2f} ({b.best_cpu:.2f})"

    def r(a: Bench | None, c: Bench | None) -> str:
        if a is None or c is None or not a.best or not c.best:
            return "n/a"
        return f"{a.best / c.best:.2f}x ({a.best_cpu / c.best_cpu:.2f}x)"

    for reg in match_registries:
        v, top, plan = (by_name.get(n) for n in match_row_names(reg.label))
        growth = " / ".join(
            f"{x.best / f.best:.1f}x" if x and f and x.best and f.best else "n/a"
            for x, f in zip((v, top, plan), first, strict=True)
        )
        lines.append(
            f"| {reg.label} | {reg.files:,} | {t(v)} | {t(top)} | {r(top, v)} | {t(plan)} | "
            f"{r(plan, v)} | {growth} |"
        )
    return "\n".join(lines)


def display_argv(bench: Bench) -> list[str]:
    """The first invocation, with the registry path shortened and long file lists elided."""
    if not bench.argvs:
        return []
    reg = str(bench.registry_path) if bench.registry_path else None
    argv = [
        (a.replace(reg, "<registry>") if reg else a).replace(str(PROJECT), "<project>")
        for a in bench.argvs[0]
    ]
    return argv if len(argv) <= 12 else [*argv[:4], f"... ({len(argv) - 4} more files)"]


def version(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


def loadavg() -> str | None:
    try:
        return Path("/proc/loadavg").read_text().strip()
    except OSError:
        return " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else None


def parse_size(text: str) -> tuple[int, int]:
    try:
        requests, offers = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected REQUESTSxOFFERS (e.g. 2000x1000), got {text!r}"
        ) from None
    if requests < 1 or offers < 1:
        raise argparse.ArgumentTypeError(f"sizes must be >= 1, got {text!r}")
    return requests, offers


def make_registry(
    path: Path, label: str, requests: int, offers: int, matches: int | None, seed: int
) -> Registry:
    t0 = time.perf_counter()
    generate(path, requests, offers, matches, seed, overwrite=True)
    seconds = time.perf_counter() - t0
    counts = {k: sum(1 for _ in (path / k).glob("*.yaml")) for k in KIND_FOLDERS}
    size = sum(p.stat().st_size for k in KIND_FOLDERS for p in (path / k).glob("*.yaml"))
    reg = Registry(path, label, counts, size, seconds, (requests, offers))
    print(
        f"Generated {reg.files} files ({counts['requests']} requests, {counts['offers']} offers, "
        f"{counts['matches']} matches; {size / max(reg.files, 1) / 1024:.2f} KiB each on average) "
        "in "
        f"{seconds:.1f} s under {path}",
        file=sys.stderr,
    )
    return reg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke run on small registries: {QUICK_MAIN[0]} requests + {QUICK_MAIN[1]} offers, "
        f"matching on {QUICK_MATCH_SIZES}, --repeat 1 unless given",
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=None,
        help=f"default {FULL_MAIN[0]} ({QUICK_MAIN[0]} with --quick)",
    )
    parser.add_argument(
        "--offers",
        type=int,
        default=None,
        help=f"default {FULL_MAIN[1]} ({QUICK_MAIN[1]} with --quick)",
    )
    parser.add_argument("--matches", type=int, default=None, help="default: requests // 4")
    parser.add_argument(
        "--match-sizes",
        default=None,
        help=f"registries for the matching rows, REQUESTSxOFFERS comma-separated (default "
        f"{FULL_MATCH_SIZES}; {QUICK_MATCH_SIZES} with --quick; '' for none)",
    )
    parser.add_argument(
        "--match-target",
        default=None,
        help=f"the size whose propose rows are judged (default {FULL_MATCH_TARGET}; "
        f"{QUICK_MATCH_TARGET} with --quick)",
    )
    parser.add_argument(
        "--site-size",
        default=None,
        help=f"registry for the portal rows, REQUESTSxOFFERS (default {FULL_SITE_SIZE}: 3,200 "
        f"records; {QUICK_SITE_SIZE} with --quick; '' for none)",
    )
    parser.add_argument(
        "--today",
        default=DEFAULT_TODAY,
        help=f"--today for acsg match propose (default {DEFAULT_TODAY})",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="runs per command; the best time counts (default 3; 1 with --quick)",
    )
    parser.add_argument(
        "--check-jsonschema-repeat",
        dest="cj_repeat",
        type=int,
        default=None,
        help="runs of check-jsonschema (default: --repeat); it takes minutes per run",
    )
    parser.add_argument(
        "--skip-check-jsonschema",
        dest="skip_cj",
        action="store_true",
        help="do not run check-jsonschema (its row and its target show as skipped)",
    )
    parser.add_argument(
        "--judge-by",
        dest="judge_by",
        choices=("wall", "cpu"),
        default="wall",
        help="judge the targets on the best wall-clock time (default) or on the best CPU "
        "time (less sensitive to other load on the machine)",
    )
    parser.add_argument(
        "--out", type=Path, default=HERE / "out", help="where results.json/results.md go"
    )
    parser.add_argument(
        "--registry",
        type=Path,
        default=None,
        help="generate the main registry here and the matching ones next to it as "
        "DIR-match-NxM (record files already there are replaced); default: a "
        "temporary folder, deleted afterwards",
    )
    parser.add_argument(
        "--acsg",
        default=None,
        help="the acsg executable (default: next to this Python, the project's .venv, or PATH)",
    )
    parser.add_argument(
        "--check-jsonschema",
        dest="check_jsonschema",
        default=None,
        help="the check-jsonschema executable (default: found like acsg)",
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds allowed per invocation"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    requests = (
        args.requests if args.requests is not None else (QUICK_MAIN if args.quick else FULL_MAIN)[0]
    )
    offers = (
        args.offers if args.offers is not None else (QUICK_MAIN if args.quick else FULL_MAIN)[1]
    )
    repeat = args.repeat if args.repeat is not None else (1 if args.quick else 3)
    cj_repeat = args.cj_repeat if args.cj_repeat is not None else repeat
    sizes_text = (
        args.match_sizes
        if args.match_sizes is not None
        else (QUICK_MATCH_SIZES if args.quick else FULL_MATCH_SIZES)
    )
    target_text_ = (
        args.match_target
        if args.match_target is not None
        else (QUICK_MATCH_TARGET if args.quick else FULL_MATCH_TARGET)
    )
    if repeat < 1 or cj_repeat < 1:
        parser.error("--repeat and --check-jsonschema-repeat must be >= 1")
    try:
        sizes = [parse_size(s) for s in sizes_text.split(",") if s.strip()]
        match_target = "{}x{}".format(*parse_size(target_text_))
        date.fromisoformat(args.today)
    except (argparse.ArgumentTypeError, ValueError) as exc:
        parser.error(str(exc))

    acsg = find_tool("acsg", args.acsg)
    if acsg is None:
        print(
            "run.py: cannot find the acsg executable; install the project (pip install -e .) or "
            "pass --acsg",
            file=sys.stderr,
        )
        return 2
    cj = None if args.skip_cj else find_tool("check-jsonschema", args.check_jsonschema)
    if cj is None and not args.skip_cj:
        print(
            f"run.py: check-jsonschema not found; skipping that comparison. To include it: "
            f"{INSTALL_CHECK_JSONSCHEMA}",
            file=sys.stderr,
        )

    tmp = None
    registry = args.registry
    if registry is None:
        tmp = tempfile.TemporaryDirectory(prefix="acsg-bench-")
        registry = Path(tmp.name) / "registry"
    load_before = loadavg()
    print(f"Load average before: {load_before}", file=sys.stderr)
    match_registries: list[Registry] = []
    try:
        main_reg = make_registry(registry, "generated", requests, offers, args.matches, args.seed)
        for n, m in sizes:
            label = f"{n}x{m}"
            match_registries.append(
                make_registry(
                    registry.parent / f"{registry.name}-match-{label}", label, n, m, None, args.seed
                )
            )

        rows = benchmarks(
            acsg,
            cj,
            main_reg,
            match_registries,
            match_target=match_target,
            today=args.today,
            cj_skip="--skip-check-jsonschema" if args.skip_cj else None,
            cj_runs=cj_repeat,
        )
        site_text = args.site_size
        if site_text is None:
            site_text = QUICK_SITE_SIZE if args.quick else FULL_SITE_SIZE
        if site_text.strip():
            n, m = parse_size(site_text)
            site_reg = make_registry(
                registry.parent / f"{registry.name}-site", f"site {n}x{m}", n, m, None, args.seed
            )
            rows += site_rows(acsg, site_reg, registry.parent)
        load_start = loadavg()
        # Round-robin over the commands, so a change in machine load hits them all alike.
        for rep in range(repeat):
            for bench in rows:
                if bench.skipped or (bench.max_runs is not None and rep >= bench.max_runs):
                    continue
                print(
                    f"[{rep + 1}/{repeat}] {bench.name} ...", end=" ", file=sys.stderr, flush=True
                )
                for _ in range(bench.per_round):
                    time_once(bench, args.timeout)
                print(
                    f"{min(bench.wall[-bench.per_round :]):.3f} s (CPU "
                    f"{min(bench.cpu[-bench.per_round :]):.3f} s)",
                    file=sys.stderr,
                )
        load_after = loadavg()
    except BenchmarkError as exc:
        print(f"\nrun.py: BENCHMARK INVALID: {exc}", file=sys.stderr)
        return 1
    except subprocess.TimeoutExpired as exc:
        print(f"\nrun.py: timed out after {exc.timeout} s: {exc.cmd[:4]} ...", file=sys.stderr)
        return 1
    finally:
        for folder in DISCARDED:
            shutil.rmtree(folder, ignore_errors=True)
        if tmp is not None:
            tmp.cleanup()

    by_name = {b.name: b for b in rows}
    basis = args.judge_by
    table = markdown(rows, basis)
    growth = growth_markdown(rows, match_registries)
    note = (
        f"Best of {repeat} run(s) per command (5 a round for the start-up rows)"
        + (
            f" ({cj_repeat} for check-jsonschema)"
            if cj_repeat != repeat and not args.skip_cj
            else ""
        )
        + f"; targets judged on {'CPU' if basis == 'cpu' else 'wall-clock'} time. "
        f"Main registry: {main_reg.counts['requests']:,} requests + {main_reg.counts['offers']:,} "
        "offers + "
        f"{main_reg.counts['matches']:,} matches = {main_reg.files:,} files (seed {args.seed}). "
        f"`acsg match propose` uses `--today {args.today}`; every acsg command gets `--data <its "
        "registry>`. "
        f"Load average (/proc/loadavg) before: {load_before}; after: {load_after}."
    )
    report = (
        table
        + ("\n\nMatching, best wall (CPU) in seconds:\n\n" + growth if growth else "")
        + "\n\n"
        + note
    )
    print(report)
    missed = [b.name for b in rows if met(b, by_name, basis) is False]
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_before_timing": load_start,
            "load_average_after": load_after,
        },
        "tools": {
            "acsg": version([acsg, "--version"]),
            "check-jsonschema": version([cj, "--version"]) if cj else None,
        },
        "registry": {
            "requests": main_reg.counts["requests"],
            "offers": main_reg.counts["offers"],
            "matches": main_reg.counts["matches"],
            "files": main_reg.files,
            "bytes": main_reg.bytes,
            "seed": args.seed,
            "generated_in_seconds": round(main_reg.seconds, 3),
        },
        "match_registries": [
            {
                "label": r.label,
                "requests": r.counts["requests"],
                "offers": r.counts["offers"],
                "matches": r.counts["matches"],
                "files": r.files,
                "bytes": r.bytes,
                "generated_in_seconds": round(r.seconds, 3),
            }
            for r in match_registries
        ],
        "match_target_size": match_target,
        "today": args.today,
        "repeat": repeat,
        "check_jsonschema_repeat": None if args.skip_cj else cj_repeat,
        "judged_by": basis,
        "results": [
            {
                "name": b.name,
                "registry": b.registry,
                "command": b.shown_command(),
                "argv": display_argv(b),
                "invocations": len(b.argvs),
                "files": b.files,
                "skipped": b.skipped,
                "wall_seconds": [round(t, 4) for t in b.wall],
                "cpu_seconds": [round(t, 4) for t in b.cpu],
                "best_wall_seconds": None if b.best is None else round(b.best, 4),
                "best_cpu_seconds": None if b.best_cpu is None else round(b.best_cpu, 4),
                "targets": [
                    {
                        "compare_to": t.compare_to,
                        "max_ratio": t.max_ratio,
                        "max_seconds": t.max_seconds,
                        "ratio": None
                        if (x := ratio(b, t.compare_to, by_name)) is None
                        else round(x, 4),
                        "cpu_ratio": None
                        if (y := ratio(b, t.compare_to, by_name, "best_cpu")) is None
                        else round(y, 4),
                        "target": target_text(t, by_name),
                        "met": target_met(b, t, by_name, basis)
                        if (t.max_ratio is not None or t.max_seconds is not None)
                        else None,
                    }
                    for t in b.targets
                ],
                "met": met(b, by_name, basis),
            }
            for b in rows
        ],
        "targets_missed": missed,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (args.out / "results.md").write_text(report + "\n", encoding="utf-8")
    print(f"\nWrote {args.out / 'results.json'} and {args.out / 'results.md'}", file=sys.stderr)
    print(f"Load average after: {load_after}", file=sys.stderr)
    if missed:
        print(f"Targets missed: {', '.join(missed)}", file=sys.stderr)
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
