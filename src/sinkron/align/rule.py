"""Rules: what an alignment check is, and the decorator that declares one.

A rule has an id (``SKN`` + family digit + two digits), a short name, a default severity, a
bilingual description, default options (tolerances) and a check function from a
:class:`~sinkron.align.context.Context` to findings::

    @rule("SKN101", "unknown-code", Severity.ERROR,
          id="Kode tidak ada dalam nomenklatur", en="Code not in the nomenclature")
    def unknown_code(ctx):
        for item in ctx.index.items():
            ...
            yield ctx.report(item.ref, "skn101.unknown", {"code": item.code}, evidence={...})

The message key names a text of the :mod:`message catalogue <sinkron.align.messages>`;
``ctx.finding(subject, id="…", en="…")`` with both texts written out is the 0.1 form, still supported.

Rules are registered through the ``sinkron_register_rules`` hook (:func:`register_all` does it for
every rule declared in a module).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from sinkron.align.findings import PLUGIN_FAMILY, Finding, Message, Severity, family_of
from sinkron.align.messages import Catalogue

if TYPE_CHECKING:
    from sinkron.align.context import Context

__all__ = ["FAMILIES", "Rule", "rule"]

#: Rule families (the digit after SKN) and their names in Indonesian and English.
FAMILIES: dict[int, Message] = {
    0: Message("Kualitas sumber data", "Source quality"),
    1: Message("Nomenklatur", "Nomenclature"),
    2: Message("Kelengkapan dan keterukuran", "Completeness and measurability"),
    3: Message("Konsistensi vertikal", "Vertical consistency"),
    4: Message("Keselarasan dengan prioritas", "Cascade to priorities"),
    5: Message("Tindak lanjut rapat", "Meeting follow-up"),
    6: Message("Pemantauan dan evaluasi", "Monitoring and evaluation"),
    7: Message("Sinkronisasi pusat–daerah", "National–regional synchronisation"),
    PLUGIN_FAMILY: Message("Aturan dari plugin", "Plugin rules"),
}

_ID = re.compile(r"[A-Z]{2,5}\d{3}\Z")

CheckFunction = Callable[["Context"], Iterable[Finding]]


@attrs.frozen(kw_only=True)
class Rule:
    """An alignment rule (see the module docs)."""

    id: str
    name: str
    severity: Severity
    description: Message
    check: CheckFunction = attrs.field(eq=False, repr=False)
    options: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    """Default options (tolerances, thresholds), overridable per run."""
    messages: Catalogue | None = attrs.field(default=None, eq=False, repr=False)
    """The message catalogue of :meth:`Context.report <sinkron.align.context.Context.report>` (sinkron's when ``None``)."""

    def __attrs_post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"rule id {self.id!r} must look like SKN101 (2-5 capitals and 3 digits)")

    @property
    def family(self) -> int:
        """The family digit of ``SKN`` rules; :data:`~sinkron.align.findings.PLUGIN_FAMILY` for other ids."""
        return family_of(self.id)


_declared: dict[str, list[Rule]] = {}


def rule(
    rule_id: str,
    name: str,
    severity: Severity,
    *,
    id: str,
    en: str,
    options: Mapping[str, Any] | None = None,
    messages: Catalogue | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule from its check function (collected per module for :func:`register_all`)."""

    def decorate(function: CheckFunction) -> Rule:
        declared = Rule(
            id=rule_id,
            name=name,
            severity=severity,
            description=Message(id, en),
            check=function,
            options=dict(options or {}),
            messages=messages,
        )
        _declared.setdefault(function.__module__, []).append(declared)
        return declared

    return decorate


def declared_in(module: str) -> list[Rule]:
    """Rules declared with :func:`rule` in ``module``."""
    return list(_declared.get(module, ()))


def register_all(module: str, register: Callable[[Rule], None]) -> None:
    """Register every rule declared in ``module`` (use from a ``sinkron_register_rules`` hookimpl)."""
    for declared in declared_in(module):
        register(declared)
