"""Rule family 2 — Completeness and measurability: every item has indicators with units, targets for every plan year inside the period, measurable target text and baselines."""

from __future__ import annotations

from collections.abc import Callable

from sinkron.align.rule import Rule, register_all
from sinkron.plugins.hookspecs import hookimpl


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
