"""Rule family 6 — Monitoring and evaluation: achievement per indicator and year, budget absorption, realisation bunched in Q4, regions ranked by improvement."""

from __future__ import annotations

from collections.abc import Callable

from sinkron.align.rule import Rule, register_all
from sinkron.plugins.hookspecs import hookimpl


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
