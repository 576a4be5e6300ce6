"""Small factories the demo data is written with: indicators, items from the nomenclature, yearly slices.

Everything here is deterministic (no randomness, no clock): the demo bundle is the same on every
machine. Names, indikator and satuan of sub kegiatan come from the shipped nomenclature unless a
planted inconsistency overrides them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

import attrs

from sinkron.codes import Code
from sinkron.models import (
    Activity,
    Baseline,
    Budget,
    BudgetKind,
    Direction,
    Indicator,
    IndicatorKind,
    Money,
    Program,
    Realisation,
    ReportingPeriod,
    Spending,
    SubActivity,
    Target,
    Value,
)
from sinkron.nomenclature import default_nomenclature

__all__ = [
    "FLAT",
    "GROWTH",
    "LATE",
    "MILLION",
    "NORMAL",
    "YEARS",
    "ProgramSpec",
    "activity",
    "add_sub",
    "grow",
    "indicator",
    "monthly_spending",
    "program",
    "resum",
    "rupiah",
    "series",
    "slice_program",
    "sub_activity",
    "sum_budgets",
    "update_subs",
]

MILLION = 1_000_000
YEARS = tuple(range(2025, 2030))
GROWTH = Decimal("1.05")
"""Yearly growth of the indicative pagu in the medium-term plans."""

#: Monthly spending profiles (percent of the year's spending, January … December).
NORMAL = (2, 4, 6, 7, 8, 9, 9, 9, 10, 11, 11, 14)
"""Typical profile: 36 % of the year's spending falls in Q4."""
LATE = (1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 17, 26)
"""Construction paid at the year end: 55 % in Q4."""
FLAT = (8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 8, 8)
"""Salaries: the same every month."""

Number = int | str | Decimal


def _value(number: Number) -> Value:
    if isinstance(number, str):
        return Value.parse(number)
    return Value.of(number)


def series(start: Number, step: Number = 0, years: Iterable[int] = YEARS) -> dict[int, Decimal]:
    """Yearly targets ``start, start + step, …`` for ``years``."""
    first, inc = Decimal(start), Decimal(step)
    return {year: first + inc * i for i, year in enumerate(years)}


def indicator(
    name: str,
    unit: str | None,
    targets: Mapping[int, Number],
    *,
    kind: IndicatorKind = IndicatorKind.OUTPUT,
    direction: Direction = Direction.HIGHER_IS_BETTER,
    baseline: Number | None = None,
    baseline_year: int = 2024,
    realisations: Mapping[int, Number] | None = None,
) -> Indicator:
    """An indicator from plain numbers or display texts (``"7,0–8,0"``, ``"Tersedia"``)."""
    return Indicator(
        name=name,
        unit=unit,
        kind=kind,
        direction=direction,
        baseline=None if baseline is None else Baseline(value=_value(baseline), year=baseline_year),
        targets=[Target(year=y, value=_value(v)) for y, v in sorted(targets.items())],
        realisations=[Realisation(year=y, value=_value(v)) for y, v in sorted((realisations or {}).items())],
    )


def rupiah(millions: Number) -> Money:
    """Money from an amount in millions of rupiah."""
    return Money(Decimal(millions) * MILLION)


def grow(millions: Number, years: Iterable[int] = YEARS, kind: BudgetKind = BudgetKind.INDICATIVE) -> list[Budget]:
    """Pagu for each year, growing 5 % a year from the first, rounded to a million rupiah."""
    out = []
    amount = Decimal(millions)
    for year in years:
        rounded = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        out.append(Budget(year=year, amount=rupiah(rounded), kind=kind))
        amount *= GROWTH
    return out


def sub_activity(
    code: str,
    agency_id: str,
    targets: Mapping[int, Number],
    budgets: Sequence[Budget],
    *,
    name: str | None = None,
    indicator_name: str | None = None,
    unit: str | None = None,
    official: str | None = None,
) -> SubActivity:
    """A sub kegiatan with its official name, indikator and satuan looked up in the shipped nomenclature.

    ``official`` names the code to look up when ``code`` itself is not in the list (a legacy or
    unknown code planted on purpose); ``name``, ``indicator_name`` and ``unit`` override the lookup.
    """
    entry = default_nomenclature().lookup(official or code)
    if entry is None and (name is None or indicator_name is None):
        raise ValueError(f"{code} is not in the nomenclature: give its name and indicator")
    ind_name = indicator_name or (entry.indikator if entry and entry.indikator else f"Keluaran {code}")
    satuan = unit if unit is not None else (entry.satuan if entry else None)
    return SubActivity(
        code=Code.parse(code),
        name=name or (entry.name if entry else code),
        agency_id=agency_id,
        indicators=[indicator(ind_name, satuan, targets)],
        budgets=budgets,
    )


def _official_name(code: str) -> str:
    entry = default_nomenclature().lookup(code)
    if entry is None:
        raise ValueError(f"{code} is not in the nomenclature")
    return entry.name


@attrs.frozen
class ProgramSpec:
    """A program or kegiatan's outcome indicator: name, unit, baseline and yearly targets (start, step)."""

    name: str
    unit: str
    baseline: Number
    start: Number
    step: Number = 0

    def build(self, years: Iterable[int] = YEARS) -> Indicator:
        return indicator(
            self.name,
            self.unit,
            series(self.start, self.step, years),
            kind=IndicatorKind.OUTCOME,
            baseline=self.baseline,
        )


def activity(
    code: str, agency_id: str, spec: ProgramSpec, subs: Sequence[SubActivity], *, years: Iterable[int] = YEARS
) -> Activity:
    """A kegiatan with its official name, an outcome indicator, and pagu = the sum of its sub kegiatan."""
    built = Activity(
        code=Code.parse(code),
        name=_official_name(code),
        agency_id=agency_id,
        indicators=[spec.build(years)],
        sub_activities=subs,
    )
    return attrs.evolve(built, budgets=sum_budgets(built.sub_activities))


def program(
    code: str, agency_id: str, spec: ProgramSpec, activities: Sequence[Activity], *, years: Iterable[int] = YEARS
) -> Program:
    """A program with its official name, an outcome indicator, and pagu = the sum of its kegiatan."""
    built = Program(
        code=Code.parse(code),
        name=_official_name(code),
        agency_id=agency_id,
        indicators=[spec.build(years)],
        activities=activities,
    )
    return attrs.evolve(built, budgets=sum_budgets(built.activities))


def sum_budgets(children: Iterable[Program | Activity | SubActivity]) -> tuple[Budget, ...]:
    totals: dict[tuple[int, BudgetKind], Decimal] = {}
    for child in children:
        for budget in child.budgets:
            key = (budget.year, budget.kind)
            totals[key] = totals.get(key, Decimal(0)) + budget.amount.amount
    return tuple(Budget(year=y, amount=Money(a), kind=k) for (y, k), a in sorted(totals.items()))


def resum(programs: Iterable[Program]) -> tuple[Program, ...]:
    """The programs with every kegiatan and program pagu recomputed as the sum of its children."""
    out = []
    for prog in programs:
        activities = tuple(attrs.evolve(a, budgets=sum_budgets(a.sub_activities)) for a in prog.activities)
        out.append(attrs.evolve(prog, activities=activities, budgets=sum_budgets(activities)))
    return tuple(out)


def update_subs(
    programs: Iterable[Program], changes: Mapping[str, Callable[[SubActivity], SubActivity]]
) -> tuple[Program, ...]:
    """Apply ``changes[code](sub)`` to the sub kegiatan with that code (every code must be found)."""
    seen: set[str] = set()

    def apply(sub: SubActivity) -> SubActivity:
        change = changes.get(str(sub.code))
        if change is None:
            return sub
        seen.add(str(sub.code))
        return change(sub)

    out = tuple(
        attrs.evolve(
            prog,
            activities=tuple(
                attrs.evolve(a, sub_activities=tuple(apply(s) for s in a.sub_activities)) for a in prog.activities
            ),
        )
        for prog in programs
    )
    missing = set(changes) - seen
    if missing:
        raise ValueError(f"no sub kegiatan {sorted(missing)} to change")
    return out


def _slice_indicator(ind: Indicator, year: int) -> Indicator:
    return attrs.evolve(ind, targets=tuple(t for t in ind.targets if t.year == year), realisations=())


def _slice_budgets(budgets: Iterable[Budget], year: int, kind: BudgetKind) -> tuple[Budget, ...]:
    return tuple(Budget(year=b.year, amount=b.amount, kind=kind) for b in budgets if b.year == year)


def slice_program(prog: Program, year: int, kind: BudgetKind = BudgetKind.INDICATIVE) -> Program:
    """The year-``year`` part of a medium-term program: targets and pagu of that year only."""

    def indicators(x: Program | Activity | SubActivity) -> tuple[Indicator, ...]:
        return tuple(_slice_indicator(i, year) for i in x.indicators)

    def budgets(x: Program | Activity | SubActivity) -> tuple[Budget, ...]:
        return _slice_budgets(x.budgets, year, kind)

    activities = tuple(
        attrs.evolve(
            a,
            indicators=indicators(a),
            budgets=budgets(a),
            sub_activities=tuple(
                attrs.evolve(s, indicators=indicators(s), budgets=budgets(s)) for s in a.sub_activities
            ),
        )
        for a in prog.activities
    )
    return attrs.evolve(prog, indicators=indicators(prog), budgets=budgets(prog), activities=activities)


def monthly_spending(total: Decimal, profile: Sequence[int], year: int) -> tuple[Spending, ...]:
    """``total`` rupiah spread over the twelve months of ``year`` by ``profile`` (percent per month)."""
    assert len(profile) == 12 and sum(profile) == 100
    whole = total.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    amounts = [(whole * share / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP) for share in profile]
    amounts[-1] += whole - sum(amounts)
    return tuple(
        Spending(year=year, amount=Money(a), period=ReportingPeriod.month(m)) for m, a in enumerate(amounts, start=1)
    )


def add_sub(programs: Iterable[Program], activity_code: str, sub: SubActivity) -> tuple[Program, ...]:
    """The programs with ``sub`` appended to the kegiatan ``activity_code`` (which must exist)."""
    found = False
    out = []
    for prog in programs:
        activities = []
        for act in prog.activities:
            if str(act.code) == activity_code:
                found = True
                act = attrs.evolve(act, sub_activities=(*act.sub_activities, sub))
            activities.append(act)
        out.append(attrs.evolve(prog, activities=tuple(activities)))
    if not found:
        raise ValueError(f"no kegiatan {activity_code}")
    return tuple(out)
