"""Plan items: program, kegiatan and sub kegiatan, with budgets, funding and locations."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from sinkron.codes import Code, CodeLevel
from sinkron.errors import InvalidModel
from sinkron.models._base import non_empty, of_type, to_tuple, unique_ids, year
from sinkron.models.indicators import Indicator
from sinkron.models.money import Money
from sinkron.models.provenance import Provenance
from sinkron.models.values import ReportingPeriod

__all__ = ["Activity", "Budget", "BudgetKind", "FundingSource", "Program", "Spending", "SubActivity"]


class BudgetKind(str, enum.Enum):
    """Which budget figure an amount is."""

    INDICATIVE = "pagu_indikatif"
    """Pagu indikatif (RPJMD, Renstra, RKPD, Renja)."""
    CEILING = "pagu"
    """Pagu anggaran (DPA / APBD murni)."""
    REVISED = "pagu_perubahan"
    """Pagu after the APBD perubahan."""


@attrs.frozen(kw_only=True)
class Budget:
    """The budget (pagu) of an item for one year."""

    year: int = attrs.field(validator=year)
    amount: Money = attrs.field(validator=of_type(Money))
    kind: BudgetKind = attrs.field(default=BudgetKind.INDICATIVE, validator=of_type(BudgetKind))


@attrs.frozen(kw_only=True)
class Spending:
    """Realisasi anggaran: money spent in a year, or in one quarter or month of it."""

    year: int = attrs.field(validator=year)
    amount: Money = attrs.field(validator=of_type(Money))
    period: ReportingPeriod = attrs.field(default=ReportingPeriod.YEAR, validator=of_type(ReportingPeriod))


@attrs.frozen(kw_only=True)
class FundingSource:
    """Sumber dana: a funding source code and name (``1.1`` PAD, ``2.2.01.01.03.0001`` DAK Fisik …)."""

    name: str = attrs.field(validator=non_empty)
    code: str | None = None
    amount: Money | None = None


def _level(expected: CodeLevel) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Code], value: Code) -> None:
        if not isinstance(value, Code):
            raise InvalidModel(type(instance).__name__, "code", f"must be a Code, got {value!r} (use Code.parse)")
        if value.level is not expected:
            raise InvalidModel(
                type(instance).__name__, "code", f"expected a {expected.value} code, got {value} ({value.level.value})"
            )

    return check


def _item_id(self: Program | Activity | SubActivity) -> str:
    return f"{self.agency_id}/{self.code}" if self.agency_id else str(self.code)


_MOST_FINAL_FIRST = (BudgetKind.REVISED, BudgetKind.CEILING, BudgetKind.INDICATIVE)


class _ItemMixin:
    """Budget helpers shared by the three item levels."""

    __slots__ = ()
    budgets: tuple[Budget, ...]

    def budget_for(self, year: int, kind: BudgetKind | None = None) -> Money | None:
        """The pagu for ``year`` (of ``kind``, or the most final kind present), or ``None``."""
        budgets = self.budgets
        if len(budgets) == 1:  # the common case, kept cheap for national-scale checks
            only = budgets[0]
            return only.amount if only.year == year and (kind is None or only.kind is kind) else None
        # Next most common: one budget of the year among others (pagu of year N and N+1).
        match: Budget | None = None
        for budget in budgets:
            if budget.year == year and (kind is None or budget.kind is kind):
                if match is not None:
                    break
                match = budget
        else:
            return match.amount if match is not None else None
        found: dict[BudgetKind, list[Money]] = {}
        for budget in budgets:
            if budget.year == year and (kind is None or budget.kind is kind):
                found.setdefault(budget.kind, []).append(budget.amount)
        for candidate in _MOST_FINAL_FIRST:
            amounts = found.get(candidate)
            if amounts:
                return amounts[0] if len(amounts) == 1 else Money.total(amounts)
        return None


@attrs.frozen(kw_only=True)
class SubActivity(_ItemMixin):
    """Sub kegiatan: the lowest nomenclature level, carrying output indicators, pagu, lokasi, sumber dana.

    The id defaults to ``"<agency_id>/<code>"`` (or the code alone); it must be unique within a plan.
    A child under a parent of another code is allowed here (sources contain it) and reported by
    the nomenclature rules.
    """

    code: Code = attrs.field(validator=_level(CodeLevel.SUB_ACTIVITY))
    name: str = attrs.field(validator=non_empty)
    agency_id: str | None = None
    """The perangkat daerah responsible (SKPD / sub unit)."""
    id: str = attrs.field(default=attrs.Factory(_item_id, takes_self=True), validator=non_empty)
    indicators: tuple[Indicator, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=unique_ids("indicator")
    )
    """Indikator keluaran (output) of the sub kegiatan."""
    budgets: tuple[Budget, ...] = attrs.field(factory=tuple, converter=to_tuple)
    spending: tuple[Spending, ...] = attrs.field(factory=tuple, converter=to_tuple)
    locations: tuple[str, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Lokasi as written (``"Kec. Pahandut, Semua Kelurahan"``)."""
    funding: tuple[FundingSource, ...] = attrs.field(factory=tuple, converter=to_tuple)
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen(kw_only=True)
class Activity(_ItemMixin):
    """Kegiatan: groups sub kegiatan under a program; carries hasil (outcome) indicators."""

    code: Code = attrs.field(validator=_level(CodeLevel.ACTIVITY))
    name: str = attrs.field(validator=non_empty)
    agency_id: str | None = None
    id: str = attrs.field(default=attrs.Factory(_item_id, takes_self=True), validator=non_empty)
    indicators: tuple[Indicator, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=unique_ids("indicator")
    )
    budgets: tuple[Budget, ...] = attrs.field(factory=tuple, converter=to_tuple)
    sub_activities: tuple[SubActivity, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=unique_ids("sub kegiatan")
    )
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen(kw_only=True)
class Program(_ItemMixin):
    """Program: carries capaian program (outcome) indicators and the kegiatan under it."""

    code: Code = attrs.field(validator=_level(CodeLevel.PROGRAM))
    name: str = attrs.field(validator=non_empty)
    agency_id: str | None = None
    id: str = attrs.field(default=attrs.Factory(_item_id, takes_self=True), validator=non_empty)
    indicators: tuple[Indicator, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=unique_ids("indicator")
    )
    budgets: tuple[Budget, ...] = attrs.field(factory=tuple, converter=to_tuple)
    activities: tuple[Activity, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=unique_ids("kegiatan"))
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)
