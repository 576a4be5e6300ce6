"""Lookups shared by rule families 3 (vertical consistency) and 4 (cascade to priorities).

Everything here is computed from the :class:`~sinkron.align.index.BundleIndex` of one check and
cached on it (:func:`cached`), so the rules of both families join through the same dictionaries
instead of rebuilding them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TypeVar

from sinkron.align.index import BundleIndex
from sinkron.align.messages import format_value
from sinkron.align.support import SupportMap
from sinkron.codes import CodeLevel
from sinkron.models import (
    Activity,
    BudgetKind,
    GovernmentLevel,
    Plan,
    PlanKind,
    PlanPeriod,
    PlanStage,
    Program,
    SubActivity,
)
from sinkron.nomenclature import KABKOTA_SCOPE, PROVINCIAL_SCOPE, comparison_key

__all__ = [
    "cached",
    "exceeds",
    "latest",
    "level_label",
    "pagu_of",
    "percent_id",
    "plan_government",
    "plan_scope",
    "regional_plans",
    "relative_difference",
    "support_map",
    "unit_key",
]

Item = Program | Activity | SubActivity
_PROVINCE_CODE = re.compile(r"\d{2}")
_KABKOTA_CODE = re.compile(r"\d{2}\.\d{2}")
T = TypeVar("T")


def cached(index: BundleIndex, key: str, build: Callable[[BundleIndex], T]) -> T:
    """``build(index)``, computed once per index (the index lives for one check)."""
    return index.derived(key, build)


def support_map(index: BundleIndex) -> SupportMap:
    """The :class:`~sinkron.align.support.SupportMap` of the index, built once for all rules."""
    return SupportMap.of(index)


# -- plans ------------------------------------------------------------------------------------------
_STAGE_RANK = {
    PlanStage.INITIAL_DRAFT: 0,
    PlanStage.DRAFT: 1,
    PlanStage.FINAL_DRAFT: 2,
    PlanStage.ENACTED: 3,
    PlanStage.AMENDED: 4,
}


def latest(plans: Iterable[Plan]) -> Plan | None:
    """The most recent text among versions of one plan: highest revision, then the most advanced stage."""
    return max(plans, key=lambda p: (p.revision, _STAGE_RANK[p.stage]), default=None)


def plan_government(index: BundleIndex, plan: Plan) -> str | None:
    """The government a plan belongs to: its ``government_id``, else its owner's government."""
    if plan.government_id:
        return plan.government_id
    owner = plan.owner_id
    if owner is None:
        return None
    agency = index.agencies.get(owner)
    if agency is not None:
        return agency.government_id
    return owner if owner in index.governments else None


_KABKOTA_LEVELS = (GovernmentLevel.REGENCY, GovernmentLevel.CITY)


def plan_scope(index: BundleIndex, plan: Plan) -> str | None:
    """The level of government a plan belongs to, named as a nomenclature list's scope: ``provinsi`` or
    ``kabupaten/kota``; ``None`` for a national plan or when nothing tells.

    The level of the plan's government (:func:`plan_government`) when the bundle holds it, else read from
    its kode wilayah: ``62`` is a province, ``62.71`` a kabupaten/kota.
    """
    government_id = plan_government(index, plan)
    if government_id is None:
        return None
    government = index.governments.get(government_id)
    if government is not None:
        if government.level is GovernmentLevel.PROVINCE:
            return PROVINCIAL_SCOPE
        return KABKOTA_SCOPE if government.level in _KABKOTA_LEVELS else None
    if _PROVINCE_CODE.fullmatch(government_id):
        return PROVINCIAL_SCOPE
    return KABKOTA_SCOPE if _KABKOTA_CODE.fullmatch(government_id) else None


def overlaps(a: PlanPeriod | None, b: PlanPeriod) -> bool:
    """True when the periods share a year (an unknown period overlaps everything)."""
    return a is None or (a.start <= b.end and b.start <= a.end)


def regional_plans(index: BundleIndex) -> list[Plan]:
    """The plans of regional governments (every kind that is not a national document)."""
    return [p for p in index.bundle.plans if not p.kind.is_national]


MEDIUM_TERM_REGIONAL = (PlanKind.RPJMD, PlanKind.RPD)
"""The government-wide medium-term plans an RKPD and a Renstra PD follow (RPD where no RPJMD is in force)."""


# -- pagu -------------------------------------------------------------------------------------------
_KIND_ORDER = (BudgetKind.INDICATIVE, BudgetKind.CEILING, BudgetKind.REVISED)


def own_pagu(item: Item, year: int, kind: BudgetKind | None = None) -> Decimal | None:
    """The item's own pagu for ``year``: the most final figure, or the latest one not later than ``kind``."""
    allowed = _KIND_ORDER if kind is None else _KIND_ORDER[: _KIND_ORDER.index(kind) + 1]
    for candidate in reversed(allowed):
        money = item.budget_for(year, candidate)
        if money is not None:
            return money.amount
    return None


def children(item: Item) -> tuple[Activity, ...] | tuple[SubActivity, ...]:
    """The kegiatan of a program, the sub kegiatan of a kegiatan, nothing for a sub kegiatan."""
    if isinstance(item, Program):
        return item.activities
    if isinstance(item, Activity):
        return item.sub_activities
    return ()


def pagu_of(item: Item, year: int, kind: BudgetKind | None = None) -> Decimal | None:
    """The pagu of an item for ``year``: its own figure, else the sum of its children's (``None`` if none has one)."""
    own = own_pagu(item, year, kind)
    if own is not None:
        return own
    total: Decimal | None = None
    for child in children(item):
        amount = pagu_of(child, year, kind)
        if amount is not None:
            total = amount if total is None else total + amount
    return total


# -- comparing numbers ------------------------------------------------------------------------------
def exceeds(value: Decimal, reference: Decimal, tolerance: Decimal) -> bool:
    """True when ``value`` differs from ``reference`` by more than ``tolerance`` × ``|reference|``."""
    return abs(value - reference) > tolerance * abs(reference)


def relative_difference(value: Decimal, reference: Decimal) -> Decimal | None:
    """``(value − reference) / reference`` rounded to 4 places (``None`` when the reference is 0)."""
    if reference == 0:
        return None
    return ((value - reference) / abs(reference)).quantize(Decimal("0.0001"))


def unit_key(unit: str | None) -> str | None:
    """A satuan in comparable form (``"%"`` and ``"Persen"`` read the same); ``None`` when absent."""
    if unit is None or not unit.strip():
        return None
    text = unit.strip().casefold()
    return "persen" if text in _PERCENT_UNITS else comparison_key(text) or text


_PERCENT_UNITS = frozenset({"%", "persen", "percent", "persentase"})


# -- wording --------------------------------------------------------------------------------------------
_LEVEL_LABELS = {
    CodeLevel.PROGRAM: "Program",
    CodeLevel.ACTIVITY: "Kegiatan",
    CodeLevel.SUB_ACTIVITY: "Sub kegiatan",
}


def level_label(level: CodeLevel) -> str:
    """``Program``, ``Kegiatan`` or ``Sub kegiatan`` (the official terms, used in both languages)."""
    return _LEVEL_LABELS.get(level, level.value.replace("_", " ").capitalize())


def percent_id(fraction: Decimal) -> str:
    """``0.125`` → ``12,5%``: the catalogue's ``{x:%}`` in Indonesian, for text written outside a finding."""
    return format_value(fraction, "%", "id")
