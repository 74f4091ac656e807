"""The package's shape: modules stay under 400 lines and no two modules import each other,
counting imports inside functions (the lazy ones that keep `acsg --help` fast)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "acsg_cli"
MAX_LINES = 400
AWAITING_SPLIT: set[str] = set()
"""Modules over the limit whose split is in progress; each must still be over it (so the set
only shrinks) and no other module may join it."""


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of acsg_cli by dotted name (a package by its own name)."""
    found = {}
    for path in sorted((root / "acsg_cli").rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The acsg_cli modules `name` imports, wherever the import statement is (module level or
    inside a function), leaving out `if TYPE_CHECKING:` blocks, which never run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        for inner in ast.walk(statement)
    }
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            submodules = {f"{base}.{a.name}" for a in node.names} & set(known)
            targets.update(submodules)
            if len(submodules) < len(node.names):
                targets.add(base)  # names defined in `base` itself
    found = set()
    for target in targets:
        module = target
        while module and module not in known:
            module = module.rpartition(".")[0]
        if module and module != name:
            found.add(module)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imports_of(name, path, known) for name, path in known.items()}


def test_no_module_is_over_the_limit() -> None:
    over = {
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES
    }
    assert over - AWAITING_SPLIT == set(), f"over {MAX_LINES} lines: split them by what they do"
    assert AWAITING_SPLIT - over == set(), "under the limit now: take it off AWAITING_SPLIT"


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_check_sees_a_cycle_made_by_a_lazy_import(tmp_path: Path) -> None:
    (tmp_path / "acsg_cli" / "pkg").mkdir(parents=True)
    (tmp_path / "acsg_cli" / "__init__.py").write_text("")
    (tmp_path / "acsg_cli" / "pkg" / "__init__.py").write_text("")
    (tmp_path / "acsg_cli" / "pkg" / "a.py").write_text("from acsg_cli.pkg.b import B\nA = 1\n")
    (tmp_path / "acsg_cli" / "pkg" / "b.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from acsg_cli.pkg import c\n"
        "B = 2\n"
        "def later():\n    from . import a\n    return a.A\n"
    )
    (tmp_path / "acsg_cli" / "pkg" / "c.py").write_text("from acsg_cli.pkg import b\n")
    assert cycles(import_graph(tmp_path)) == [["acsg_cli.pkg.a", "acsg_cli.pkg.b"]]


PRIVATE_FUNCTION = re.compile(r"^_[a-z]")


def test_no_module_imports_another_s_private_function() -> None:
    """A function another module needs is public (named without `_`), so that what a module
    keeps to itself can change without breaking a caller elsewhere."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("acsg_cli"):
                found += [
                    f"{path.relative_to(ROOT)}: {node.module}.{alias.name}"
                    for alias in node.names
                    if PRIVATE_FUNCTION.match(alias.name)
                ]
    assert not found, found


def test_every_type_ignore_says_why() -> None:
    """A `# type: ignore[code]` names its error code and is followed by the reason."""
    bare = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "type: ignore" in line and not re.search(r"type: ignore\[[\w,-]+\]\s+#\s*\S", line):
                bare.append(f"{path.relative_to(ROOT)}:{number}")
    assert bare == []


STRICT_RUNS = re.compile(r"\bCliRunner\(")
"""typer's own runner, which catches a command's exceptions: only `tests/conftest.py` makes
one, the `StrictRunner` every test uses (which refuses `catch_exceptions=True`)."""


def test_every_test_runs_commands_with_catch_exceptions_false() -> None:
    """A command's exception escapes and fails the test, instead of passing as exit code 1."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if path.name != "conftest.py" and STRICT_RUNS.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert STRICT_RUNS.search("result = " + "CliRunner" + "().invoke(app, args)")
