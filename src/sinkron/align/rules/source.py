"""Family 0, source quality: the findings the readers made about the files they read (``SKN0xx``).

The readers find these problems while reading (see :mod:`sinkron.source_findings`) and keep them in
the bundle; each kind is registered here as a rule, so that a check reports them beside the other
findings and ``--select``/``--ignore`` choose among them like among any rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sinkron.align.context import Context
from sinkron.align.findings import Finding
from sinkron.align.rule import Rule
from sinkron.plugins.hookspecs import hookimpl
from sinkron.source_findings import CATALOGUE, SourceProblem

__all__ = ["SOURCE_RULES"]


def _reported(ctx: Context) -> Iterator[Finding]:
    """The bundle's source findings of this rule, as the reader made them."""
    for finding in ctx.bundle.source_findings:
        if finding.rule == ctx.rule.id:
            yield finding


def _as_rule(problem: SourceProblem) -> Rule:
    return Rule(
        id=problem.id, name=problem.name, severity=problem.severity, description=problem.description, check=_reported
    )


SOURCE_RULES: tuple[Rule, ...] = tuple(_as_rule(problem) for problem in CATALOGUE)
"""One rule per kind of source problem."""


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    for source_rule in SOURCE_RULES:
        register(source_rule)
