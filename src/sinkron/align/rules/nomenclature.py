"""Rule family 1 — Nomenclature: codes exist in the nomenclature version of the plan year, names match, items sit under the right parent, penunjang is used correctly."""

from __future__ import annotations

from collections.abc import Callable

from sinkron.align.rule import Rule, register_all
from sinkron.plugins.hookspecs import hookimpl


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
