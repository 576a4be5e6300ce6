"""Plan items: program, kegiatan and sub kegiatan, with budgets, funding and locations."""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import Any

import attrs

from sinkron.codes import Code, CodeLevel
from sinkron.errors import InvalidModel
from sinkron.models._base import (
    check_bounds,
    non_empty,
    of_type,
    optional_non_empty,
    to_decimal,
    to_tuple,
    unique_ids,
    year,
)
from sinkron.models.indicators import Indicator
from sinkron.models.money import Money
from sinkron.models.provenance import Provenance
from sinkron.models.values import ReportingPeriod

__all__ = [
    "Activity",
    "Budget",
    "BudgetKind",
    "BudgetLine",
    "FundingSource",
    "PriceStandard",
    "Program",
    "Spending",
    "SubActivity",
]


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
    """Realisasi anggaran: money spent in a year, or in one quarter or month of it.

    The same record, in :attr:`SubActivity.cash_plan`, is the money the anggaran kas plans to spend in that
    period. Amounts are per period, never cumulative (``q2`` is what April–June adds).
    """

    year: int = attrs.field(validator=year)
    amount: Money = attrs.field(validator=of_type(Money))
    period: ReportingPeriod = attrs.field(default=ReportingPeriod.YEAR, validator=of_type(ReportingPeriod))


@attrs.frozen(kw_only=True)
class FundingSource:
    """Sumber dana: a funding source code and name (``1.1`` PAD, ``2.2.01.01.03.0001`` DAK Fisik …)."""

    name: str = attrs.field(validator=non_empty)
    code: str | None = None
    amount: Money | None = None


class PriceStandard(str, enum.Enum):
    """Jenis komponen: the price standard a budget line's component is priced by (Perpres 33/2020)."""

    SSH = "ssh"
    """Standar satuan harga: goods and services (ATK, konsumsi …)."""
    SBU = "sbu"
    """Standar biaya umum: honoraria, travel, meeting costs."""
    HSPK = "hspk"
    """Harga satuan pokok kegiatan: unit prices of construction work."""
    ASB = "asb"
    """Analisis standar belanja: the standard cost of a whole kegiatan output."""


_ACCOUNT = re.compile(r"\d+(?:\.\d+)*\Z")


def _account(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _ACCOUNT.match(value):
        raise InvalidModel(
            type(instance).__name__, attribute.name, f"must be a kode akun such as 5.1.02.01.01.0024, got {value!r}"
        )


def _volumes(instance: BudgetLine, attribute: attrs.Attribute[tuple[Decimal, ...]], value: tuple[Decimal, ...]) -> None:
    if not value:
        raise InvalidModel("BudgetLine", "volumes", "must hold at least one volume")
    for volume in value:
        check_bounds("BudgetLine", "volumes", volume, "finite Decimals of zero or more")
        if volume < 0:
            raise InvalidModel("BudgetLine", "volumes", f"must be finite Decimals of zero or more, got {volume!r}")


def _units(instance: BudgetLine, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    if value and len(value) != len(instance.volumes):
        raise InvalidModel(
            "BudgetLine", "units", f"must give one satuan per volume ({len(instance.volumes)}), got {len(value)}"
        )
    for unit in value:
        non_empty(instance, attribute, unit)


def _to_decimals(value: Any) -> tuple[Any, ...]:
    return tuple(to_decimal(v) for v in to_tuple(value))


@attrs.frozen(kw_only=True)
class BudgetLine:
    """Rincian belanja: one line of a sub kegiatan's RKA/DPA — an akun, a priced component, its volumes.

    ``volumes`` may be compound: ``200 lembar × 2 bulan`` is ``volumes=(200, 2)``, ``units=("lembar",
    "bulan")``; the line's ``amount`` (jumlah) is then the unit price times every volume.

    >>> line = BudgetLine(account="5.1.02.01.01.0025", component="Fotokopi", unit_price=Money(300),
    ...                   volumes=(200, 2), units=("lembar", "bulan"), amount=Money(120_000))
    >>> line.computed_amount == line.amount, line.volume_text
    (True, '200 lembar × 2 bulan')
    """

    account: str = attrs.field(validator=_account)
    """Kode akun (kode rekening belanja, Permendagri 90/2019 as amended): ``5.1.02.01.01.0024``."""
    component: str = attrs.field(validator=non_empty)
    """Nama komponen: the priced good or service."""
    unit_price: Money
    """Harga satuan komponen."""
    volumes: tuple[Decimal, ...] = attrs.field(converter=_to_decimals, validator=_volumes)
    """Volume, one number per factor of a compound volume."""
    amount: Money
    """Jumlah: the line's total in rupiah."""
    units: tuple[str, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=_units)
    """Satuan of each volume (``("lembar", "bulan")``); empty when the source gives none."""
    component_unit: str | None = attrs.field(default=None, validator=optional_non_empty)
    """Satuan komponen: the unit the price is per (``"orang/kegiatan"``)."""
    description: str | None = attrs.field(default=None, validator=optional_non_empty)
    """Uraian: the line's description as written (often the akun's name or a sub-heading)."""
    group: str | None = attrs.field(default=None, validator=optional_non_empty)
    """Kelompok: the heading that groups lines (``[#] Alat Tulis Kantor``)."""
    group_kind: str | None = attrs.field(default=None, validator=optional_non_empty)
    """Jenis kelompok as written (``kelompok``, ``keterangan``)."""
    standard: PriceStandard | None = None
    """Jenis komponen: the price standard (SSH, SBU, HSPK, ASB)."""
    funding_code: str | None = attrs.field(default=None, validator=optional_non_empty)
    """Kode sumber dana (``1.2.1.01.02``)."""
    note: str | None = attrs.field(default=None, validator=optional_non_empty)
    """Keterangan."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    @property
    def computed_amount(self) -> Money:
        """Harga satuan × every volume: what ``amount`` should be."""
        total = self.unit_price.amount
        for volume in self.volumes:
            total *= volume
        return Money(total)

    @property
    def volume_text(self) -> str:
        """The volumes with their satuan, as a planner writes them: ``200 lembar × 2 bulan``."""
        parts = [format(v.normalize(), "f") for v in self.volumes]
        if self.units:
            parts = [f"{p} {u}" for p, u in zip(parts, self.units, strict=True)]
        return " × ".join(parts)


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
        found: dict[BudgetKind, list[Money]] = {}
        for budget in self.budgets:
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
    """Realisasi anggaran: the money spent, per year, quarter or month."""
    cash_plan: tuple[Spending, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Anggaran kas (rencana penarikan dana of the DPA): the money planned to be spent, per month or quarter."""
    locations: tuple[str, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Lokasi as written (``"Kec. Pahandut, Semua Kelurahan"``)."""
    funding: tuple[FundingSource, ...] = attrs.field(factory=tuple, converter=to_tuple)
    budget_lines: tuple[BudgetLine, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Rincian belanja (RKA/DPA lines) of the sub kegiatan, in the order of the source."""
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
