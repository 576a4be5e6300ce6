"""Rule family 5 — Meeting follow-up: agreements appear in the following Renja/RKPD with the agreed target and pagu, overdue action items, outcome targets with no supporting sub kegiatan, proposals without a matching K/L program."""

from __future__ import annotations

from collections.abc import Callable

from sinkron.align.rule import Rule, register_all
from sinkron.plugins.hookspecs import hookimpl


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
