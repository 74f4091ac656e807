"""`acsg validate`: load the registry, run every check and the criteria rules, keep the
problems of the selected files."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acsg_cli import clock
from acsg_cli.cacheflag import enabled
from acsg_cli.errors import UsageError
from acsg_cli.problems import Problem, Severity, sort_problems
from acsg_cli.registry.sources import SourceFile, scan_directory

if TYPE_CHECKING:
    from acsg_cli.registry.records import Registry
    from acsg_cli.rules.engine import RuleSettings


@dataclass(frozen=True)
class ValidationResult:
    """What a validation run found: how many files it checked and every problem, sorted."""

    files_checked: int
    problems: tuple[Problem, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)

    def failed(self, strict: bool = False) -> bool:
        """Errors always fail a run; warnings fail it only in strict mode."""
        return any(
            p.severity is Severity.ERROR or (strict and p.severity is Severity.WARNING)
            for p in self.problems
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "files_checked": self.files_checked,
            "problems": [p.to_dict() for p in self.problems],
        }


def _abs(path: str | Path) -> str:
    # Normalises `..` without following symlinks, which Path.resolve() would do.
    return os.path.abspath(path)  # noqa: PTH100


def _absolute(root_shown: str) -> Callable[[str], str]:
    """`_abs` for the shown paths of one run, each worked out once: a record file's shown path
    is the registry's joined with `folder/name` (see `sources.display_join`), so its absolute
    path is the registry's joined with the same."""
    from acsg_cli.registry.sources import display_join

    prefix = display_join(root_shown, "")
    fast = bool(prefix) or root_shown in ("", ".")
    base = _abs(root_shown or ".")
    known: dict[str, str] = {}

    def absolute(shown: str) -> str:
        found = known.get(shown)
        if found is None:
            tail = shown[len(prefix) :]
            plain = fast and shown.startswith(prefix) and tail and not tail.startswith(("/", "."))
            if plain and "/." not in tail and "//" not in tail:
                found = os.path.join(base, tail)  # noqa: PTH118 - thousands a run
            else:
                found = _abs(shown)
            known[shown] = found
        return found

    return absolute


def validate(
    root: Path,
    *,
    root_display: str | None = None,
    paths: Sequence[Path] = (),
    changed_since: str | None = None,
    rules: RuleSettings | bool | Callable[[], RuleSettings] = True,
    today: date | None = None,
    rules_key: object = None,
) -> ValidationResult:
    """Validate the registry at `root`; report only on `paths` and/or files changed since a
    revision.

    References are always resolved against the whole registry, so a changed match is checked
    against unchanged requests and offers. `rules`: the criteria rules' settings; True for
    every rule at its default severity, False to run the registry checks alone, or a function
    giving the settings, called only when the rules run. `today` dates time-dependent rules (an
    expired offer).

    With the read cache on, the result is kept, and given again without loading anything when
    every file's bytes, the selection, the date and `rules_key` (default: the settings) are the
    same.
    """
    extra, selected = _select_paths(root, paths)
    files, scanned = scan_directory(root, root_display)
    sources = [*files, *extra]
    shown_root = str(root) if root_display is None else root_display
    store = None
    run_key = None
    if enabled():
        from acsg_cli.registry import cache

        store = cache.open_for(root)
        if changed_since is None:
            context = (
                "validate",
                shown_root,
                sorted(selected) if selected is not None else None,
                repr(rules() if rules_key is None and callable(rules) else rules)
                if rules_key is None
                else rules_key,
                clock.today(today).isoformat(),
                [p.to_dict() for p in scanned],
            )
            run_key = store.run_key(sources, context)
            kept = store.recall(run_key) if run_key is not None else None
            if kept is not None:
                return _from_plain(kept)
    from acsg_cli.registry.load import build_registry

    absolute = _absolute(shown_root)
    owners = None
    if selected is not None and changed_since is None:
        chosen_paths = selected

        def owners(shown: str) -> bool:
            return _within(absolute(shown), chosen_paths)

    registry = build_registry(sources, scanned, shown_root, store=store, owners=owners)
    problems = list(registry.problems)
    files_shown = {absolute(f): f for f in registry.files}
    files_shown.update({absolute(p.file): p.file for p in problems})
    chosen = (
        set(files_shown) if selected is None else {f for f in files_shown if _within(f, selected)}
    )
    if changed_since is not None:
        chosen &= _affected_by_change(root, registry, changed_since)
    if rules is not False:
        from acsg_cli.rules.engine import RuleSettings, run_rules

        chosen_rules = rules() if callable(rules) else rules
        settings = chosen_rules if isinstance(chosen_rules, RuleSettings) else RuleSettings()
        problems.extend(
            run_rules(
                registry, settings, today=today, include=lambda shown: absolute(shown) in chosen
            )
        )
    kept_problems = [p for p in problems if absolute(p.file) in chosen]
    result = ValidationResult(
        files_checked=len(chosen), problems=tuple(sort_problems(kept_problems))
    )
    if store is not None and run_key is not None:
        store.remember(run_key, _to_plain(result))
    return result


def _to_plain(result: ValidationResult) -> tuple[int, list[tuple[str, int, int, str, str, str]]]:
    return result.files_checked, [
        (p.file, p.line, p.column, p.code, p.severity.value, p.message) for p in result.problems
    ]


def _from_plain(kept: Any) -> ValidationResult:
    count, rows = kept
    return ValidationResult(
        files_checked=count,
        problems=tuple(
            Problem(f, ln, col, code, Severity(sev), msg) for f, ln, col, code, sev, msg in rows
        ),
    )


def _within(path: str, selected: set[str]) -> bool:
    return path in selected or any(path.startswith(s.rstrip(os.sep) + os.sep) for s in selected)


def _select_paths(root: Path, paths: Sequence[Path]) -> tuple[list[SourceFile], set[str] | None]:
    """The absolute paths to report on, spelt from `root` as given (so a registry named through
    a symbolic link and a path named through its target select the same files). A path
    outside the registry is a usage error: validating `/` must not read the machine."""
    if not paths:
        return [], None
    from acsg_cli.render.safety import terminal

    real_root = os.path.realpath(root)
    selected: set[str] = set()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"path '{terminal(path)}' does not exist")
        if _within(_abs(path), {_abs(root)}):
            selected.add(_abs(path))
            continue
        real = os.path.realpath(path)
        if not _within(real, {real_root}):
            raise UsageError(
                f"path '{terminal(path)}' is outside the registry '{terminal(root)}'; give "
                "record files or folders inside it, or point --data at the registry holding them"
            )
        relative = os.path.relpath(real, real_root)
        selected.add(_abs(root) if relative == "." else _abs(root / relative))
    return [], selected


def _affected_by_change(root: Path, registry: Registry, rev: str) -> set[str]:
    """Files changed since `rev`, and files whose references point at a changed or deleted one."""
    from acsg_cli import git

    changed, deleted = git.changed_since(root, rev)
    touched_ids = {p.name.removesuffix(".yaml") for p in changed | deleted}
    affected = {str(p) for p in changed}
    for display in registry.files:
        if str(Path(display).resolve()) in affected:
            affected.add(_abs(display))
    for match in registry.matches.values():
        linked = {u.practice for u in match.updates if u.practice is not None}
        if (
            match.request in touched_ids
            or touched_ids.intersection(match.offers)
            or touched_ids.intersection(linked)
        ):
            affected.add(_abs(registry.sources[match.id].display))
    for offer in registry.offers.values():
        if offer.in_response_to in touched_ids:
            affected.add(_abs(registry.sources[offer.id].display))
    for practice in registry.practices.values():
        if touched_ids.intersection(practice.matches):
            affected.add(_abs(registry.sources[practice.id].display))
    return affected
