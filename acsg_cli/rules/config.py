"""`[tool.acsg.rules]` (pyproject.toml) or `[rules]` (acsg.toml): which rules run, how severe.

```toml
[tool.acsg.rules]
select = ["ACSG1", "ACSG3"]   # codes or prefixes; default: every rule
ignore = ["ACSG203"]          # codes or prefixes
strict = true                 # warnings fail the run too
[tool.acsg.rules.severity]
ACSG112 = "error"             # override a rule's default severity
```

Registry checks (ACSG001-ACSG022) always run with their own severity: a record that fails
them is not loaded, so they cannot be ignored, selected away or softened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from acsg_cli.errors import UsageError
from acsg_cli.problems import Severity
from acsg_cli.rules.engine import RuleSettings, check_code, parse_patterns

if TYPE_CHECKING:
    from acsg_cli.config import ProjectConfig

_KEYS = {"select", "ignore", "strict", "severity"}


def rule_settings(config: ProjectConfig) -> RuleSettings:
    """The rules section of a project configuration, validated; defaults when absent."""
    section = config.section("rules")
    where = f"{config.where} [rules]"
    unknown = sorted(set(section) - _KEYS)
    if unknown:
        raise UsageError(
            f"{where}: not a rules setting: {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}"
        )
    select = _codes(section.get("select", []), f"{where} select")
    ignore = _codes(section.get("ignore", []), f"{where} ignore")
    strict = section.get("strict", False)
    if not isinstance(strict, bool):
        raise UsageError(f"{where} strict: expected true or false, found {strict!r}")
    severities = section.get("severity", {})
    if not isinstance(severities, dict):
        raise UsageError(f'{where} severity: expected a table of CODE = "error"|"warning"|"info"')
    overrides: dict[str, Severity] = {}
    for code, level in severities.items():
        checked = check_code(code, where=f"{where} severity")
        try:
            overrides[checked] = Severity(level)
        except ValueError:
            raise UsageError(
                f"{where} severity: {code} = {level!r} is not error, warning or info"
            ) from None
    return RuleSettings(select=select, ignore=ignore, severity=overrides, strict=strict)


def _codes(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(
            f'{where}: expected a list of rule codes or prefixes, like ["ACSG1", "ACSG203"]'
        )
    return parse_patterns(value, where=where)
