"""The ACSG criteria as rules: request rules ACSG1xx, offer rules ACSG2xx, match rules ACSG3xx,
and waiver checks ACSG030-ACSG032. `acsg rules` lists them; each module documents one."""

from acsg_cli.rules.base import Finding, Rule, RuleContext
from acsg_cli.rules.engine import RuleSettings, run_rules, scorecard
from acsg_cli.rules.registry import RULES, catalogue, lookup

__all__ = [
    "RULES",
    "Finding",
    "Rule",
    "RuleContext",
    "RuleSettings",
    "catalogue",
    "lookup",
    "run_rules",
    "scorecard",
]
