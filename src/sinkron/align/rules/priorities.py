"""Rule family 4 — Cascade to priorities: every national and regional priority is supported, pagu shares on priorities, tagged items measure the priority, provincial priorities reach kab/kota plans."""

from __future__ import annotations

from collections.abc import Callable

from sinkron.align.rule import Rule, register_all
from sinkron.plugins.hookspecs import hookimpl


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
