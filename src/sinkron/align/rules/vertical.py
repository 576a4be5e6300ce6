"""Rule family 3 — Vertical consistency within one government: Renja PD within Renstra PD, RKPD against RPJMD, Renstra tujuan/sasaran linked to RPJMD sasaran, budgets adding up."""

from __future__ import annotations

from collections.abc import Callable

from sinkron.align.rule import Rule, register_all
from sinkron.plugins.hookspecs import hookimpl


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
