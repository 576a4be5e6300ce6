"""Rules: what an alignment check is, and the decorator that declares one.

A rule has an id (``SKN`` + family digit + two digits), a short name, a default severity, a
bilingual description, declared options (tolerances, see :mod:`sinkron.options`) and a check
function from a :class:`~sinkron.align.context.Context` to findings::

    @attrs.frozen(kw_only=True)
    class Tolerance:
        pagu_tolerance: Decimal = option(Decimal("0.10"), "Relative pagu difference tolerated.")

    @rule("SKN303", "pagu-mismatch", Severity.WARNING, id="…", en="…", options=Tolerance)
    def pagu_mismatch(ctx):
        tolerance = ctx.option("pagu_tolerance")  # a Decimal
        ...
            yield ctx.report(item.ref, "skn303.pagu", {"code": item.code}, evidence={...})

The message key names a text of the :mod:`message catalogue <sinkron.align.messages>`;
``ctx.finding(subject, id="…", en="…")`` with both texts written out is the 0.1 form, still supported.

A 0.1-style dict of defaults (``options={"pagu_tolerance": "0.10"}``) still works, each option typed
as its default, with a :class:`DeprecationWarning`.

Rules are registered through the ``sinkron_register_rules`` hook (:func:`register_all` does it for
every rule declared in a module).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from sinkron.align.findings import PLUGIN_FAMILY, Finding, Message, Severity, family_of
from sinkron.align.messages import Catalogue
from sinkron.options import NoOptions, option_values, options_from_defaults, structure_options

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


def _declaration(options: type | Mapping[str, Any] | None) -> type:
    """A rule's options as a declared attrs class; a 0.1-style dict of defaults is turned into one."""
    if options is None:
        return NoOptions
    if isinstance(options, Mapping):
        if not options:
            return NoOptions
        warnings.warn(
            "rule options as a dict of defaults are deprecated since sinkron 0.2 and work until 1.0: declare "
            "them as an attrs class of sinkron.options.option fields (see docs/plugins.md)",
            DeprecationWarning,
            stacklevel=3,
        )
        return options_from_defaults("RuleOptions", options)
    if not attrs.has(options):
        raise TypeError(f"rule options must be an attrs class (or a dict of defaults), got {options!r}")
    return options


@attrs.frozen(kw_only=True)
class Rule:
    """An alignment rule (see the module docs)."""

    id: str
    name: str
    severity: Severity
    description: Message
    check: CheckFunction = attrs.field(eq=False, repr=False)
    options: type = attrs.field(default=None, converter=_declaration, hash=False)
    """The declared options (an attrs class, see :mod:`sinkron.options`), overridable per run."""
    messages: Catalogue | None = attrs.field(default=None, eq=False, repr=False)
    """The message catalogue of :meth:`Context.report <sinkron.align.context.Context.report>` (sinkron's when ``None``)."""

    def __attrs_post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"rule id {self.id!r} must look like SKN101 (2-5 capitals and 3 digits)")

    @property
    def defaults(self) -> dict[str, Any]:
        """The options' default values by name."""
        return option_values(self.options())

    def configure(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Every option's value for a run: the defaults with ``given`` (typed values or text) structured over them.

        Raises :class:`~sinkron.errors.OptionError` for an option the rule does not declare or a bad value.
        """
        return option_values(structure_options(self.options, given, owner=f"rule {self.id}"))

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
    options: type | Mapping[str, Any] | None = None,
    messages: Catalogue | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule from its check function (collected per module for :func:`register_all`).

    ``options`` is the attrs class declaring the rule's options (:mod:`sinkron.options`); a dict of
    defaults is the deprecated 0.1 form.
    """

    def decorate(function: CheckFunction) -> Rule:
        declared = Rule(
            id=rule_id,
            name=name,
            severity=severity,
            description=Message(id, en),
            check=function,
            options=_declaration(options),
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
