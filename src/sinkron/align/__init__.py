"""The alignment engine: rules, findings, the report and its metrics.

``sinkron.check(bundle)`` runs every registered rule (built-in families plus plugins) and returns
a :class:`Report`. See ``docs/rules.md`` for every rule.
"""

from sinkron.align.context import Context
from sinkron.align.engine import CheckConfig, check, select_rules
from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.report import Report
from sinkron.align.rule import FAMILIES, Rule, rule

__all__ = [
    "FAMILIES",
    "CheckConfig",
    "Context",
    "Finding",
    "Message",
    "Report",
    "Rule",
    "Severity",
    "check",
    "rule",
    "select_rules",
]
