"""Rule family 6, in-year early warning (peringatan dini): spending against the anggaran kas, before the year is lost.

The closed-year rules of :mod:`sinkron.align.rules.monitoring` judge a year that is over. These judge the
year of the check date (``CheckConfig(as_of=...)`` / ``sinkron check --as-of``, else today) up to the last
quarter end on or before it, from the sub kegiatan's anggaran kas (:attr:`SubActivity.cash_plan
<sinkron.SubActivity.cash_plan>`) and realisasi (:attr:`SubActivity.spending <sinkron.SubActivity.spending>`):

* SKN606 — realisation behind the anggaran kas at the end of a quarter, per sub kegiatan and per
  perangkat daerah, in rupiah and in percentage points of the pagu;
* SKN607 — the share of the year's spending a perangkat daerah is heading to spend in triwulan IV, when
  the quarters still to come follow the anggaran kas and whatever is behind it slips to the year end.

Spending of a period that ends after the check date is not counted (the data as it stood then). Every
message names the date the figures are judged at. Each rule makes one pass over the sub kegiatan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

import attrs

from sinkron.align.context import Context
from sinkron.align.findings import Finding, Severity
from sinkron.align.index import PATH_SEPARATOR
from sinkron.align.rule import Rule, register_all, rule
from sinkron.align.rules._options import CashPlanGapOptions, ProjectedYearEndOptions
from sinkron.codes import CodeLevel
from sinkron.models import ReportingPeriod, Spending, SubActivity
from sinkron.plugins.hookspecs import hookimpl

__all__ = ["QuarterPosition", "behind_cash_plan", "quarter_position", "quarters_ended", "year_end_projected"]

HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarters_ended(on: dt.date) -> int:
    """How many quarters of ``on``'s year have ended by ``on`` (0 before 31 March, 4 on 31 December)."""
    return sum(
        1
        for quarter in (ReportingPeriod.Q1, ReportingPeriod.Q2, ReportingPeriod.Q3, ReportingPeriod.Q4)
        if quarter.ends_by(on.year, on)
    )


@attrs.frozen(kw_only=True)
class QuarterPosition:
    """A sub kegiatan's anggaran kas and realisasi of one year, cut at the end of a quarter (rupiah)."""

    quarter: int
    """The quarter judged (1–4): the last one ended on the check date."""
    planned_to_date: Decimal
    """Anggaran kas of the quarters 1 … ``quarter``."""
    spent_to_date: Decimal
    """Realisasi of the periods ended by the end of ``quarter``."""
    planned_by_quarter: tuple[Decimal, Decimal, Decimal, Decimal]
    """Anggaran kas per quarter."""
    pagu: Decimal
    """The year's pagu (``budget_for``), else the year's whole anggaran kas."""

    @property
    def planned_year(self) -> Decimal:
        return sum(self.planned_by_quarter, Decimal(0))

    @property
    def gap(self) -> Decimal:
        """Rupiah behind the anggaran kas (negative when ahead)."""
        return self.planned_to_date - self.spent_to_date


def _sum_to_quarter(records: Iterable[Spending], year: int, quarter: int) -> Decimal:
    """The amounts of ``year`` whose period ends by the end of ``quarter`` (a whole-year figure only at quarter 4)."""
    last = 3 * quarter
    return sum((s.amount.amount for s in records if s.year == year and s.period.last_month <= last), Decimal(0))


def quarter_position(item: SubActivity, year: int, quarter: int) -> QuarterPosition | None:
    """The sub kegiatan's position at the end of ``quarter`` of ``year``, or ``None`` without an anggaran kas."""
    plan = [s for s in item.cash_plan if s.year == year and s.period is not ReportingPeriod.YEAR]
    if not plan:
        return None
    by_quarter = [Decimal(0)] * 4
    for record in plan:
        by_quarter[(record.period.last_month - 1) // 3] += record.amount.amount
    budget = item.budget_for(year)
    planned_year = sum(by_quarter, Decimal(0))
    return QuarterPosition(
        quarter=quarter,
        planned_to_date=_sum_to_quarter(plan, year, quarter),
        spent_to_date=_sum_to_quarter(item.spending, year, quarter),
        planned_by_quarter=(by_quarter[0], by_quarter[1], by_quarter[2], by_quarter[3]),
        pagu=budget.amount if budget is not None and budget.amount > 0 else planned_year,
    )


def _rupiah(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1))


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * HUNDRED).quantize(_CENT)


def _cut(ctx: Context) -> tuple[int, int, str] | None:
    """The year and the quarter judged, and the check date as text; ``None`` before the first quarter ends."""
    quarter = quarters_ended(ctx.today)
    return (ctx.today.year, quarter, ctx.today.isoformat()) if quarter else None


_Key = tuple[str, str | None]


def _positions(ctx: Context, year: int, quarter: int) -> Iterator[tuple[_Key, str, QuarterPosition]]:
    """Every sub kegiatan with an anggaran kas for ``year``: its (plan, agency), reference and position."""
    for record in ctx.index.item_records(CodeLevel.SUB_ACTIVITY):
        item = record.item
        assert isinstance(item, SubActivity)
        if not item.cash_plan:
            continue
        position = quarter_position(item, year, quarter)
        if position is not None:
            yield (record.plan.id, record.agency_id), record.ref, position


def _agency_values(ctx: Context, plan_id: str, agency_id: str | None) -> tuple[str, str]:
    """The perangkat daerah's name (or id) and the finding's path (plan title › agency)."""
    plan = ctx.index.plans[plan_id]
    agency = ctx.index.agencies.get(agency_id) if agency_id else None
    name = agency.name if agency else (agency_id or plan.title)
    path = plan.title + (PATH_SEPARATOR + name if agency_id else "")
    return name, path


# -- SKN606 behind-cash-plan --------------------------------------------------------------------


@attrs.frozen
class _Totals:
    planned: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    pagu: Decimal = Decimal(0)
    count: int = 0

    def plus(self, position: QuarterPosition) -> _Totals:
        return _Totals(
            self.planned + position.planned_to_date,
            self.spent + position.spent_to_date,
            self.pagu + position.pagu,
            self.count + 1,
        )


def _too_far_behind(planned: Decimal, spent: Decimal, pagu: Decimal, maximum: Decimal) -> bool:
    return pagu > 0 and _percent(planned - spent, pagu) > maximum


def _gap_values(
    year: int, quarter: int, as_of: str, planned: Decimal, spent: Decimal, pagu: Decimal
) -> dict[str, object]:
    return {
        "as_of": as_of,
        "year": year,
        "quarter": _ROMAN[quarter],
        "quarter_number": quarter,
        "planned": _rupiah(planned),
        "spent": _rupiah(spent),
        "gap": _rupiah(planned - spent),
        "planned_percent": _percent(planned, pagu),
        "spent_percent": _percent(spent, pagu),
        "gap_points": _percent(planned - spent, pagu),
    }


@rule(
    "SKN606",
    "behind-cash-plan",
    Severity.WARNING,
    id="Realisasi anggaran tertinggal dari anggaran kas pada akhir triwulan (per sub kegiatan dan perangkat daerah)",
    en="Spending behind the anggaran kas (cash plan) at a quarter end, per sub kegiatan and per perangkat daerah",
    options=CashPlanGapOptions,
)
def behind_cash_plan(ctx: Context) -> Iterator[Finding]:
    """Realisation to the last quarter end below the anggaran kas by more than ``max_gap_points`` of the pagu."""
    cut = _cut(ctx)
    if cut is None:
        return
    year, quarter, as_of = cut
    maximum = ctx.option("max_gap_points")
    totals: dict[_Key, _Totals] = {}
    for key, ref, position in _positions(ctx, year, quarter):
        totals[key] = totals.get(key, _Totals()).plus(position)
        if not _too_far_behind(position.planned_to_date, position.spent_to_date, position.pagu, maximum):
            continue
        values = _gap_values(year, quarter, as_of, position.planned_to_date, position.spent_to_date, position.pagu)
        yield ctx.report(
            ref,
            "skn606.behind",
            {**values, "maximum": maximum},
            evidence={**values, "pagu": position.pagu, "threshold_points": maximum, "level": "sub_activity"},
            fix="skn606.behind.fix",
        )
    for (plan_id, agency_id), total in totals.items():
        if not _too_far_behind(total.planned, total.spent, total.pagu, maximum):
            continue
        values = _gap_values(year, quarter, as_of, total.planned, total.spent, total.pagu)
        name, path = _agency_values(ctx, plan_id, agency_id)
        yield ctx.report(
            plan_id,
            "skn606.behind.agency",
            {**values, "maximum": maximum, "agency": name},
            path=path,
            evidence={
                **values,
                "plan": plan_id,
                "agency": agency_id,
                "pagu": total.pagu,
                "threshold_points": maximum,
                "level": "agency",
                "sub_activities": total.count,
            },
            fix="skn606.behind.fix",
        )


# -- SKN607 year-end-projected ------------------------------------------------------------------


@rule(
    "SKN607",
    "year-end-projected",
    Severity.WARNING,
    id="Proyeksi realisasi triwulan IV terlalu besar: realisasi sejauh ini dan sisa anggaran kas menumpuk di akhir tahun",
    en="Projected Q4 share too high: spending so far and the remaining cash plan pile up at year end",
    options=ProjectedYearEndOptions,
)
def year_end_projected(ctx: Context) -> Iterator[Finding]:
    """Per plan and perangkat daerah: the projected triwulan IV share of the year above ``max_q4_share_percent``.

    Projection at the end of quarter *q* (1–3): the quarters *q+1* … III spend their anggaran kas, and
    triwulan IV spends its own anggaran kas plus whatever is behind the plan so far; the share is that over
    the year's anggaran kas.
    """
    cut = _cut(ctx)
    if cut is None or cut[1] == 4:  # the year is over: SKN603 judges the Q4 share that happened
        return
    year, quarter, as_of = cut
    maximum = ctx.option("max_q4_share_percent")
    sums: dict[_Key, list[Decimal]] = {}  # planned year, planned Q4, planned to date, spent to date
    for key, _, position in _positions(ctx, year, quarter):
        acc = sums.setdefault(key, [Decimal(0)] * 4)
        acc[0] += position.planned_year
        acc[1] += position.planned_by_quarter[3]
        acc[2] += position.planned_to_date
        acc[3] += position.spent_to_date
    for (plan_id, agency_id), (planned_year, planned_q4, planned_to_date, spent_to_date) in sums.items():
        if planned_year <= 0:
            continue
        behind = max(planned_to_date - spent_to_date, Decimal(0))
        projected_q4 = planned_q4 + behind
        share = _percent(projected_q4, planned_year)
        if share <= maximum:
            continue
        name, path = _agency_values(ctx, plan_id, agency_id)
        values = {
            "as_of": as_of,
            "year": year,
            "quarter": _ROMAN[quarter],
            "quarter_number": quarter,
            "agency": name,
            "share": share,
            "projected_q4": _rupiah(projected_q4),
            "planned_year": _rupiah(planned_year),
            "planned_q4": _rupiah(planned_q4),
            "behind": _rupiah(behind),
            "maximum": maximum,
        }
        yield ctx.report(
            plan_id,
            "skn607.projected",
            values,
            path=path,
            evidence={
                **{k: v for k, v in values.items() if k != "agency"},
                "plan": plan_id,
                "agency": agency_id,
                "spent_to_date": spent_to_date,
                "planned_to_date": planned_to_date,
                "q4_share_percent": share,
                "threshold_percent": maximum,
            },
            fix="skn607.projected.fix",
        )


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
