"""Running the rules over a registry: selection, severities, status policy and waivers.

For each record the engine runs the rules that check its kind and are selected. A rule the
record waives (`waivers: [{rule: ACSG107, ...}]`) is skipped. The severity of a finding is
the configured one (`[tool.acsg.rules.severity]`, else the rule's default), then adjusted
by the rule for the record's status (`Rule.severity_for`: a draft request's errors are
warnings; matched, closed and withdrawn requests are not gated by the criteria).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from acsg_cli import clock
from acsg_cli.errors import UsageError
from acsg_cli.problems import CHECKS, Problem, Severity
from acsg_cli.registry import Registry
from acsg_cli.rules.base import Rule, RuleContext
from acsg_cli.rules.registry import RULES

_PATTERN = re.compile(r"^ACSG[0-9]{0,3}$")


@dataclass(frozen=True)
class RuleSettings:
    """Which rules run and how severe their findings are.

    `select` and `ignore` hold codes or prefixes (`ACSG1` = every request rule). A code is
    decided by the longest pattern that matches it; on a tie, ignore wins; when no pattern
    matches, it runs unless `select` is given. So `select = ["ACSG1"]`, `ignore =
    ["ACSG112"]` runs every request rule but ACSG112, and `ignore = ["ACSG1"]`, `select =
    ["ACSG1", "ACSG101"]`... runs ACSG101 alone, the more specific pattern winning.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    strict: bool = False

    def enabled(self, code: str) -> bool:
        best_select = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        if best_select < 0 and best_ignore < 0:
            return not self.select
        return best_select > best_ignore

    def merged(
        self,
        *,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        strict: bool = False,
        where: str = "command line",
    ) -> RuleSettings:
        """These settings with command-line options applied: a --select replaces the configured
        selection, --ignore adds to the configured ignores, --strict turns strict mode on."""
        chosen = parse_patterns(select, where=f"{where} (--select)")
        ignored = parse_patterns(ignore, where=f"{where} (--ignore)")
        return replace(
            self,
            select=chosen or self.select,
            ignore=self.ignore + ignored,
            strict=self.strict or strict,
        )


def split_codes(values: Iterable[str]) -> list[str]:
    """Options may be repeated and/or comma-separated: `--ignore ACSG1,ACSG203 --ignore ACSG032`."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def parse_patterns(values: Iterable[str], *, where: str) -> tuple[str, ...]:
    """Validated codes or prefixes; a `UsageError` naming `where` for anything unknown."""
    out: list[str] = []
    for raw in split_codes(values):
        pattern = raw.upper()
        if not _PATTERN.match(pattern):
            raise UsageError(
                f"{where}: '{raw}' is not a rule code or prefix (like ACSG101 or ACSG1)"
            )
        if any(code.startswith(pattern) for code in RULES):
            out.append(pattern)
            continue
        if any(code.startswith(pattern) for code in CHECKS):
            raise UsageError(
                f"{where}: {pattern} names registry checks (ACSG001-ACSG022), which always run; "
                "only criteria rules (`acsg rules`) can be selected or ignored"
            )
        raise UsageError(f"{where}: unknown rule code '{raw}'{_hint(pattern)}")
    return tuple(out)


def check_code(raw: str, *, where: str) -> str:
    """One exact, configurable rule code (for severity overrides)."""
    code = raw.strip().upper()
    if code in RULES:
        return code
    if code in CHECKS:
        raise UsageError(f"{where}: {code} is a registry check; its severity cannot be changed")
    raise UsageError(f"{where}: unknown rule code '{raw}'{_hint(code)}")


def _hint(code: str) -> str:
    import difflib

    near = difflib.get_close_matches(code, list(RULES), n=1, cutoff=0.7)
    return f"; did you mean {near[0]}?" if near else "; `acsg rules` lists them"


def run_rules(
    registry: Registry,
    settings: RuleSettings | None = None,
    *,
    today: date | None = None,
    include: Callable[[str], bool] | None = None,
) -> list[Problem]:
    """Problems the rules find in the registry's records (those `include(display path)` keeps)."""
    settings = settings or RuleSettings()
    context = RuleContext(registry, clock.today(today), RULES)
    by_kind: dict[str, list[tuple[Rule, Severity]]] = {
        "request": [],
        "offer": [],
        "match": [],
        "practice": [],
    }
    for rule in RULES.values():
        if settings.enabled(rule.code):
            base = settings.severity.get(rule.code, rule.default_severity)
            for kind, rules in by_kind.items():
                if rule.applies_to in ("any", kind):
                    rules.append((rule, base))
    problems: list[Problem] = []
    record: Any
    for record in registry.records() if include is None else registry.records_from(include):
        source = registry.sources[record.id]
        waived = {w.rule for w in record.waivers}
        for rule, base in by_kind[record.kind]:
            if rule.code in waived and rule.waivable:
                continue
            severity = rule.severity_for(record, base)
            if severity is None or not rule.applies(context, record):
                continue
            for finding in rule.check(context, record):
                smap = source.source_map
                line, column = (
                    smap.locate_value(finding.path)
                    if finding.at_value
                    else smap.locate(finding.path)
                )
                problems.append(
                    Problem(source.display, line, column, rule.code, severity, finding.message)
                )
    return problems


@dataclass(frozen=True)
class Criterion:
    """One line of a request's scorecard."""

    code: str
    criterion: str
    cites: str
    status: str
    """`met`, `unmet`, `waived` or `not_applicable`."""
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "cites": self.cites,
            "status": self.status,
            "criterion": self.criterion,
            "detail": self.detail,
        }


def scorecard(registry: Registry, record: Any, *, today: date | None = None) -> list[Criterion]:
    """Each criterion rule of the record's kind: met, unmet (with why), waived (with why) or
    not applicable, whatever the record's status and the configuration."""
    context = RuleContext(registry, clock.today(today), RULES)
    waivers: dict[str, Any] = {w.rule: w for w in record.waivers}
    out = []
    for rule in RULES.values():
        if rule.applies_to != record.kind:
            continue
        waiver = waivers.get(rule.code)
        if waiver is not None:
            by = f" (approved by {waiver.approved_by})" if waiver.approved_by else ""
            status, detail = "waived", f"{waiver.reason or 'no reason given'}{by}"
        elif not rule.applies(context, record):
            status, detail = "not_applicable", ""
        else:
            messages = [f.message for f in rule.check(context, record)]
            status, detail = ("unmet", "; ".join(messages)) if messages else ("met", "")
        out.append(Criterion(rule.code, rule.summary, rule.cites, status, detail))
    return out


def check_candidate(
    registry: Registry,
    record: Any,
    source: Any,
    settings: RuleSettings | None = None,
    *,
    today: date | None = None,
) -> list[Problem]:
    """The rules' problems in `record`, a record not yet written, as if it were in `registry`
    (read from `source`, a `RecordSource` of its would-be text, so problems name its lines).
    `acsg match create` checks a new match this way before writing it."""
    from dataclasses import replace as replaced

    sources = {**registry.sources, record.id: source}
    if record.kind == "request":
        candidate = replaced(registry, requests={**registry.requests, record.id: record})
    elif record.kind == "offer":
        candidate = replaced(registry, offers={**registry.offers, record.id: record})
    else:
        candidate = replaced(registry, matches={**registry.matches, record.id: record})
    candidate.sources = sources
    return run_rules(
        candidate, settings, today=today, include=lambda shown: shown == source.display
    )
