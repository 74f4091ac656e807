"""Project configuration: `[tool.acsg]` in pyproject.toml, or an `acsg.toml` (top level).

Looked for in the registry folder's parent (the repository holding `data/`), then in the
current folder and its parents; the first file found wins, `acsg.toml` before
`pyproject.toml` in the same folder; a command's `--config FILE` replaces the search.
`load_config` is the one loader: every command that reads configuration calls it once with
its `--config`, then asks the result for the feature's settings (`rules()`, `matching()`,
`section("export")`). Each feature validates its own section and reports a bad setting as a
usage error naming the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acsg_cli.errors import UsageError

if TYPE_CHECKING:
    from acsg_cli.matching.scoring import MatchingSettings
    from acsg_cli.rules.engine import RuleSettings

SECTIONS = frozenset({"rules", "matching", "export"})
"""Top-level keys `[tool.acsg]` may hold, each read by its feature; anything else (a typo, or a
section nothing reads, like `reports`) is refused."""


@dataclass(frozen=True)
class ProjectConfig:
    """The raw `[tool.acsg]` table and the file it came from (None when there is none)."""

    table: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None

    def section(self, name: str) -> dict[str, Any]:
        value = self.table.get(name, {})
        if not isinstance(value, dict):
            raise UsageError(f"{self.where}: [tool.acsg.{name}] must be a table")
        return value

    @property
    def where(self) -> str:
        return str(self.source) if self.source else "configuration"

    def rules(self) -> RuleSettings:
        """`[tool.acsg.rules]`, validated: which rules run and how severe."""
        from acsg_cli.rules.config import rule_settings

        return rule_settings(self)

    def matching(self) -> MatchingSettings:
        """`[tool.acsg.matching]`, validated: the weights and the defaults of propose."""
        from acsg_cli.matching.scoring import matching_settings

        return matching_settings(self)


def _candidates(data_dir: Path | None) -> list[Path]:
    folders: list[Path] = []
    if data_dir is not None:
        folders.append(data_dir.resolve().parent)
    cwd = Path.cwd().resolve()
    folders.extend([cwd, *cwd.parents])
    seen: set[Path] = set()
    out = []
    for folder in folders:
        if folder not in seen:
            seen.add(folder)
            out.append(folder)
    return out


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: invalid TOML: not UTF-8 text") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None


def load_config(data_dir: Path | None = None, explicit: Path | None = None) -> ProjectConfig:
    """Find and read the project configuration; an empty one when there is none."""
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"configuration file '{explicit}' not found")
        document = _read(explicit)
        table = (
            document.get("tool", {}).get("acsg", {})
            if explicit.name == "pyproject.toml"
            else document
        )
        return _checked(ProjectConfig(table, explicit))
    for folder in _candidates(data_dir):
        own = folder / "acsg.toml"
        if own.is_file():
            return _checked(ProjectConfig(_read(own), own))
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            document = _read(pyproject)
            table = document.get("tool", {}).get("acsg")
            if table is not None:
                return _checked(ProjectConfig(table, pyproject))
    return ProjectConfig()


def _checked(config: ProjectConfig) -> ProjectConfig:
    if not isinstance(config.table, dict):
        raise UsageError(f"{config.where}: [tool.acsg] must be a table")
    unknown = sorted(set(config.table) - SECTIONS)
    if unknown:
        raise UsageError(
            f"{config.where}: not a setting of the acsg configuration: {', '.join(unknown)}; "
            f"known sections: {', '.join(sorted(SECTIONS))}"
        )
    return config
