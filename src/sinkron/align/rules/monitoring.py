"""Rule family 6 — Monitoring and evaluation (pemantauan dan evaluasi).

What a Bappeda planner reads out of the realisation data before the evaluation of the RKPD and
Renja (Permendagri 86/2017, evaluasi hasil pelaksanaan):

* SKN601 — achievement (capaian kinerja) per indicator and year, aware of the indicator's
  direction (:mod:`sinkron.align.achievement`);
* SKN602 — budget absorption (serapan anggaran) of a sub kegiatan: realisasi against pagu;
* SKN603 — spending bunched at year end: the share of a perangkat daerah's yearly realisation that
  falls in triwulan IV;
* SKN604 — indicators whose latest realisation is worse than the year before (or the baseline);
* SKN605 — kabupaten/kota of a province ranked by improvement on a shared indicator (tingkat
  kemiskinan, prevalensi stunting …).

SKN602 and SKN603 judge closed years. With an as-of date (``CheckConfig(as_of=...)``, ``--as-of``) they count
only the spending of periods ended by then, and the year of that date is open until its year-end figure is
in; the in-year early-warning rules are in :mod:`sinkron.align.rules.early_warning`.

Every rule makes one pass over the index (or over the sub kegiatan), so the cost is linear in the
size of the bundle. Thresholds are percentages given as decimal strings (``"75"``), overridable per
run: ``CheckConfig(options={"SKN602": {"min_absorption_percent": "90"}})``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from sinkron.align.achievement import achievement
from sinkron.align.context import Context
from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.index import PATH_SEPARATOR, IndicatorRecord
from sinkron.align.messages import join_messages
from sinkron.align.metrics import band_of
from sinkron.align.rule import Rule, register_all, rule
from sinkron.align.rules._options import (
    AbsorptionOptions,
    AchievementOptions,
    RankingOptions,
    WorseningOptions,
    YearEndOptions,
)
from sinkron.codes import CodeLevel
from sinkron.models import Direction, GovernmentLevel, Indicator, ReportingPeriod, SubActivity, Value, ValueKind
from sinkron.nomenclature import comparison_key, normalise_name
from sinkron.plugins.hookspecs import hookimpl

__all__ = [
    "INDICATOR_ALIASES",
    "YearSpending",
    "indicator_key",
    "indicator_worsened",
    "low_absorption",
    "low_achievement",
    "regional_ranking",
    "year_end_spending",
    "yearly_spending",
]

HUNDRED = Decimal(100)
_CENT = Decimal("0.01")

#: Names that mean the same indicator, written differently by different governments, mapped to one
#: canonical name (keys and values are compared through :func:`~sinkron.nomenclature.comparison_key`).
#: Extend per run with the SKN605 option ``aliases``.
INDICATOR_ALIASES: dict[str, str] = {
    "Persentase penduduk miskin": "Tingkat kemiskinan",
    "Persentase kemiskinan": "Tingkat kemiskinan",
    "Angka kemiskinan": "Tingkat kemiskinan",
    "P0": "Tingkat kemiskinan",
    "Persentase penduduk miskin ekstrem": "Tingkat kemiskinan ekstrem",
    "Persentase kemiskinan ekstrem": "Tingkat kemiskinan ekstrem",
    "Angka kemiskinan ekstrem": "Tingkat kemiskinan ekstrem",
    "Indeks kedalaman kemiskinan": "Indeks kedalaman kemiskinan (P1)",
    "P1": "Indeks kedalaman kemiskinan (P1)",
    "Indeks keparahan kemiskinan": "Indeks keparahan kemiskinan (P2)",
    "P2": "Indeks keparahan kemiskinan (P2)",
    "Angka stunting": "Prevalensi stunting",
    "Prevalensi stunting balita": "Prevalensi stunting",
    "Persentase balita stunting": "Prevalensi stunting",
    "IPM": "Indeks pembangunan manusia",
    "TPT": "Tingkat pengangguran terbuka",
}

_PARENTHESES = re.compile(r"\([^)]*\)")
_PERCENT_UNITS = {"%", "persen", "percent", "persentase"}


# -- shared helpers -----------------------------------------------------------------------------


def _rupiah(amount: Decimal) -> Decimal:
    """An amount rounded to whole rupiah, as the messages show it."""
    return amount.quantize(Decimal(1))


def _with_unit(value: Value, indicator: Indicator) -> Value:
    """The value with the indicator's satuan when it was written without one."""
    if value.unit or not indicator.unit or not value.is_measurable:
        return value
    return attrs.evolve(value, unit=indicator.unit)


def _direction(ctx: Context, direction: Direction) -> Message:
    """The indicator's polarity: ``semakin tinggi semakin baik`` (``higher is better``) or the reverse."""
    return ctx.text("skn6.direction.higher" if direction is Direction.HIGHER_IS_BETTER else "skn6.direction.lower")


def _unit_key(unit: str | None) -> str:
    if unit is None or not unit.strip():
        return ""
    folded = unit.strip().casefold()
    return "%" if folded in _PERCENT_UNITS else comparison_key(folded)


def _value_unit(value: Value, indicator: Indicator) -> str:
    return _unit_key(value.unit or indicator.unit)


def _yearly_points(indicator: Indicator) -> list[tuple[int, Value]]:
    """Yearly realisations with a numeric value, one per year (the first written), sorted by year."""
    points: dict[int, Value] = {}
    for realisation in indicator.realisations:
        if realisation.period is ReportingPeriod.YEAR and realisation.value.kind is not ValueKind.TEXT:
            points.setdefault(realisation.year, realisation.value)
    return sorted(points.items())


# -- SKN601 low-achievement ---------------------------------------------------------------------


@rule(
    "SKN601",
    "low-achievement",
    Severity.WARNING,
    id="Capaian kinerja indikator rendah: realisasi dibanding target tahun yang sama, memperhatikan polaritas",
    en="Low achievement of an indicator: realisation against the target of the same year, direction aware",
    options=AchievementOptions,
)
def low_achievement(ctx: Context) -> Iterator[Finding]:
    """Achievement below ``warning_below`` % is a warning, below ``error_below`` % an error."""
    warning_below = ctx.option("warning_below")
    error_below = ctx.option("error_below")
    for record in ctx.index.indicators.values():
        indicator = record.indicator
        years = sorted({r.year for r in indicator.realisations if r.period is ReportingPeriod.YEAR})
        for year in years:
            value = achievement(indicator, year)
            if value is None or value >= warning_below:
                continue
            target = indicator.target_for(year)
            real = indicator.realisation_for(year)
            assert target is not None and real is not None  # achievement() computed one
            severity = Severity.ERROR if value < error_below else Severity.WARNING
            threshold = error_below if severity is Severity.ERROR else warning_below
            values = {
                "indicator": indicator.name,
                "year": year,
                "achievement": value,
                "realisation": _with_unit(real, indicator),
                "target": _with_unit(target, indicator),
                "direction": _direction(ctx, indicator.direction),
                "threshold": threshold,
            }
            yield ctx.report(
                record.ref,
                "skn601.low",
                values,
                severity=severity,
                evidence={
                    "indicator": indicator.name,
                    "unit": indicator.unit,
                    "direction": indicator.direction.value,
                    "year": year,
                    "target": target.text,
                    "realisation": real.text,
                    "achievement_percent": value,
                    "band": band_of(value),
                    "threshold_percent": threshold,
                },
                fix="skn601.low.fix",
            )


# -- spending per year (SKN602, SKN603) ---------------------------------------------------------


@attrs.frozen(kw_only=True)
class YearSpending:
    """The realisasi anggaran of one sub kegiatan for one year, as reported (whole year, months, quarters)."""

    year: int
    whole_year: Decimal | None = None
    """Sum of the spending records of period ``year`` (``None`` when there are none)."""
    months: Mapping[int, Decimal] = attrs.field(factory=dict)
    """Month (1–12) → amount."""
    quarters: Mapping[int, Decimal] = attrs.field(factory=dict)
    """Quarter (1–4) → amount, from ``q1`` … ``q4`` records."""

    @property
    def basis(self) -> str:
        """Which records the total comes from: ``"year"``, ``"month"`` or ``"quarter"``."""
        if self.whole_year is not None:
            return "year"
        return "month" if self.months else "quarter"

    @property
    def total(self) -> Decimal:
        """The yearly realisation: the whole-year figure when reported, else the sum of months, else of quarters."""
        if self.whole_year is not None:
            return self.whole_year
        return sum((self.months or self.quarters).values(), Decimal(0))

    def by_quarter(self) -> dict[int, Decimal] | None:
        """Spending per quarter (from the months when reported monthly), or ``None`` without a breakdown."""
        if self.months:
            out = dict.fromkeys(range(1, 5), Decimal(0))
            for month, amount in self.months.items():
                out[(month - 1) // 3 + 1] += amount
            return out
        if self.quarters:
            return {q: self.quarters.get(q, Decimal(0)) for q in range(1, 5)}
        return None

    @property
    def reported_periods(self) -> list[str]:
        """The periods present, in order (``["m01", …, "m12"]``)."""
        out = ["year"] if self.whole_year is not None else []
        out += [f"m{m:02d}" for m in sorted(self.months)]
        out += [f"q{q}" for q in sorted(self.quarters)]
        return out

    def closed(self, today: dt.date) -> bool:
        """Whether the year can be judged: it is over, or its year-end figure (year, ``m12``, ``q4``) is in."""
        return self.year < today.year or self.whole_year is not None or 12 in self.months or 4 in self.quarters


_MONTH_OF = {p: int(p.value[1:]) for p in ReportingPeriod if p.is_month}
_QUARTER_OF = {p: int(p.value[1:]) for p in ReportingPeriod if p.value.startswith("q")}


def yearly_spending(item: SubActivity, until: dt.date | None = None) -> dict[int, YearSpending]:
    """The sub kegiatan's spending records grouped by year (with ``until``, only the periods ended by then)."""
    whole: dict[int, Decimal] = {}
    months: dict[int, dict[int, Decimal]] = defaultdict(dict)
    quarters: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for spending in item.spending:
        if until is not None and not spending.period.ends_by(spending.year, until):
            continue
        amount = spending.amount.amount
        year = spending.year
        period = spending.period
        if period is ReportingPeriod.YEAR:
            whole[year] = whole.get(year, Decimal(0)) + amount
        elif period in _MONTH_OF:
            month = _MONTH_OF[period]
            months[year][month] = months[year].get(month, Decimal(0)) + amount
        else:
            quarter = _QUARTER_OF[period]
            quarters[year][quarter] = quarters[year].get(quarter, Decimal(0)) + amount
    years = sorted({*whole, *months, *quarters})
    return {
        y: YearSpending(year=y, whole_year=whole.get(y), months=months.get(y, {}), quarters=quarters.get(y, {}))
        for y in years
    }


# -- SKN602 low-absorption ----------------------------------------------------------------------


@rule(
    "SKN602",
    "low-absorption",
    Severity.WARNING,
    id="Serapan anggaran sub kegiatan rendah: realisasi anggaran dibanding pagu tahun itu",
    en="Low budget absorption of a sub kegiatan: spending against the year's pagu",
    options=AbsorptionOptions,
)
def low_absorption(ctx: Context) -> Iterator[Finding]:
    """Spending / pagu below ``min_absorption_percent`` for a year that is over (or reported to year end)."""
    minimum = ctx.option("min_absorption_percent")
    for record in ctx.index.item_records(CodeLevel.SUB_ACTIVITY):
        item = record.item
        assert isinstance(item, SubActivity)
        if not item.spending:
            continue
        for year, spent in yearly_spending(item, ctx.as_of).items():
            if not spent.closed(ctx.today):
                continue
            budget = item.budget_for(year)
            if budget is None or budget.amount <= 0:
                continue
            total = spent.total
            absorption = (total / budget.amount * HUNDRED).quantize(_CENT)
            if absorption >= minimum:
                continue
            values = {
                "year": year,
                "absorption": absorption,
                "spent": _rupiah(total),
                "pagu": _rupiah(budget.amount),
                "minimum": minimum,
            }
            yield ctx.report(
                record.ref,
                "skn602.low",
                values,
                evidence={
                    "year": year,
                    "pagu": budget.amount,
                    "spending": total,
                    "absorption_percent": absorption,
                    "threshold_percent": minimum,
                    "basis": spent.basis,
                    "periods": spent.reported_periods,
                },
                fix="skn602.low.fix",
            )


# -- SKN603 year-end-spending -------------------------------------------------------------------


@rule(
    "SKN603",
    "year-end-spending",
    Severity.WARNING,
    id="Realisasi anggaran menumpuk di akhir tahun: porsi triwulan IV dari realisasi setahun terlalu besar",
    en="Spending bunched at year end: the share of the year's spending that falls in Q4 is too high",
    options=YearEndOptions,
)
def year_end_spending(ctx: Context) -> Iterator[Finding]:
    """Per plan, perangkat daerah and year: Q4 (m10–m12 or q4) share of spending above ``max_q4_share_percent``.

    Only sub kegiatan whose spending for the year is reported by month or quarter count; those
    reported only as a yearly figure are counted in the evidence and left out of the shares.
    """
    maximum = ctx.option("max_q4_share_percent")
    # (plan id, agency id, year) → per-quarter totals, sub kegiatan counted, sub kegiatan without breakdown
    quarters: dict[tuple[str, str | None, int], list[Decimal]] = {}
    counted: dict[tuple[str, str | None, int], int] = defaultdict(int)
    yearly_only: dict[tuple[str, str | None, int], int] = defaultdict(int)
    for record in ctx.index.item_records(CodeLevel.SUB_ACTIVITY):
        item = record.item
        assert isinstance(item, SubActivity)
        if not item.spending:
            continue
        for year, spent in yearly_spending(item, ctx.as_of).items():
            if not spent.closed(ctx.today):
                continue
            key = (record.plan.id, record.agency_id, year)
            split = spent.by_quarter()
            if split is None:
                yearly_only[key] += 1
                continue
            sums = quarters.setdefault(key, [Decimal(0)] * 4)
            for q, amount in split.items():
                sums[q - 1] += amount
            counted[key] += 1
    for (plan_id, agency_id, year), sums in quarters.items():
        total = sum(sums, Decimal(0))
        if total <= 0:
            continue
        share = (sums[3] / total * HUNDRED).quantize(_CENT)
        if share <= maximum:
            continue
        plan = ctx.index.plans[plan_id]
        agency = ctx.index.agencies.get(agency_id) if agency_id else None
        path = plan.title + (PATH_SEPARATOR + (agency.name if agency else agency_id) if agency_id else "")
        values: dict[str, object] = {
            "share": share,
            "year": year,
            "q4": _rupiah(sums[3]),
            "total": _rupiah(total),
            "maximum": maximum,
        }
        message = "skn603.q4"
        if agency_id:
            who = "skn603.agency" if agency else "skn603.agency.unnamed"
            values["agency"] = ctx.text(who, {"name": agency.name if agency else agency_id})
            message = "skn603.q4.agency"
        yield ctx.report(
            plan_id,
            message,
            values,
            path=path,
            evidence={
                "plan": plan_id,
                "agency": agency_id,
                "year": year,
                "q4_share_percent": share,
                "threshold_percent": maximum,
                "by_quarter": {f"q{q + 1}": amount for q, amount in enumerate(sums)},
                "total": total,
                "sub_activities": counted[(plan_id, agency_id, year)],
                "sub_activities_reported_yearly_only": yearly_only.get((plan_id, agency_id, year), 0),
            },
            fix="skn603.q4.fix",
        )


# -- SKN604 indicator-worsened ------------------------------------------------------------------


def _reference_point(indicator: Indicator, points: list[tuple[int, Value]]) -> tuple[str, int | None, Value] | None:
    """What the latest realisation is compared with: the previous yearly realisation, else the baseline."""
    latest_year = points[-1][0]
    if len(points) >= 2:
        year, value = points[-2]
        return "previous", year, value
    baseline = indicator.baseline
    if baseline is None or baseline.value.kind is ValueKind.TEXT:
        return None
    if baseline.year is not None and baseline.year >= latest_year:
        return None
    return "baseline", baseline.year, baseline.value


@rule(
    "SKN604",
    "indicator-worsened",
    Severity.WARNING,
    id="Kinerja indikator memburuk: realisasi terakhir lebih buruk dari tahun sebelumnya atau kondisi awal",
    en="Indicator worsened: the latest realisation is worse than the year before or the baseline",
    options=WorseningOptions,
)
def indicator_worsened(ctx: Context) -> Iterator[Finding]:
    """Latest yearly realisation worse (direction aware) than the previous one, or than the baseline.

    A change within ``tolerance_percent`` of the earlier value is not reported, nor a change of a
    survey-estimated indicator (``survey_margins``: tingkat kemiskinan, prevalensi stunting …) within
    its sampling margin; values in different units are not compared.
    """
    tolerance = ctx.option("tolerance_percent")
    aliases = _alias_table()
    margins = {_name_key(name, aliases): Decimal(margin) for name, margin in ctx.option("survey_margins").items()}
    for record in ctx.index.indicators.values():
        indicator = record.indicator
        points = _yearly_points(indicator)
        if not points:
            continue
        reference = _reference_point(indicator, points)
        if reference is None:
            continue
        kind, ref_year, ref_value = reference
        latest_year, latest_value = points[-1]
        if _value_unit(ref_value, indicator) != _value_unit(latest_value, indicator):
            continue
        before, after = ref_value.midpoint, latest_value.midpoint
        assert before is not None and after is not None
        change = after - before
        worse = change < 0 if indicator.direction is Direction.HIGHER_IS_BETTER else change > 0
        margin = margins.get(_name_key(indicator.name, aliases))
        if not worse or abs(change) <= abs(before) * tolerance / HUNDRED:
            continue
        if margin is not None and abs(change) <= margin:
            continue  # within the survey's sampling margin: no change
        if kind == "previous":
            reference_text = ctx.text("skn604.previous", {"year": ref_year})
        elif ref_year is not None:
            reference_text = ctx.text("skn604.baseline", {"year": ref_year})
        else:
            reference_text = ctx.text("skn604.baseline.undated")
        values = {
            "indicator": indicator.name,
            "latest_year": latest_year,
            "latest": _with_unit(latest_value, indicator),
            "reference": reference_text,
            "reference_value": _with_unit(ref_value, indicator),
            "direction": _direction(ctx, indicator.direction),
        }
        yield ctx.report(
            record.ref,
            "skn604.worsened",
            values,
            evidence={
                "indicator": indicator.name,
                "unit": indicator.unit,
                "direction": indicator.direction.value,
                "compared_with": kind,
                "reference_year": ref_year,
                "reference": ref_value.text,
                "latest_year": latest_year,
                "latest": latest_value.text,
                "change": change,
                "survey_margin": margin,
            },
            fix="skn604.worsened.fix",
        )


# -- SKN605 regional-ranking --------------------------------------------------------------------


def _alias_table(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    table = {comparison_key(_PARENTHESES.sub(" ", k)): v for k, v in INDICATOR_ALIASES.items()}
    for alias, canonical in (extra or {}).items():
        table[comparison_key(_PARENTHESES.sub(" ", alias))] = canonical
    return table


def _name_key(name: str, table: Mapping[str, str]) -> str:
    key = comparison_key(_PARENTHESES.sub(" ", name)) or comparison_key(name)
    canonical = table.get(key)
    if canonical is not None:
        key = comparison_key(_PARENTHESES.sub(" ", canonical)) or comparison_key(canonical)
    return key


def indicator_key(name: str, unit: str | None, aliases: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The key indicators of different governments are matched by: a normalised name and unit.

    Case, spacing, punctuation, parenthesised notes and abbreviations do not matter, and known
    synonyms (:data:`INDICATOR_ALIASES`, plus ``aliases``) map to one name:

    >>> indicator_key("Persentase Penduduk Miskin (P0)", "persen") == indicator_key("Tingkat kemiskinan", "%")
    True
    """
    return _name_key(name, _alias_table(aliases)), _unit_key(unit)


@attrs.frozen(kw_only=True)
class _Trajectory:
    government: str
    name: str
    start_year: int | None
    start: Value
    start_kind: str
    latest_year: int
    latest: Value
    improvement: Decimal
    relative: Decimal | None
    subject: str


def _trajectory(record: IndicatorRecord, government: str, name: str) -> _Trajectory | None:
    indicator = record.indicator
    points = _yearly_points(indicator)
    if not points:
        return None
    latest_year, latest = points[-1]
    start: tuple[str, int | None, Value] | None = None
    baseline = indicator.baseline
    if (
        baseline is not None
        and baseline.value.kind is not ValueKind.TEXT
        and (baseline.year is None or baseline.year < latest_year)
    ):
        start = ("baseline", baseline.year, baseline.value)
    elif len(points) >= 2:
        start = ("realisation", points[0][0], points[0][1])
    if start is None:
        return None
    start_kind, start_year, start_value = start
    if _value_unit(start_value, indicator) != _value_unit(latest, indicator):
        return None
    before, after = start_value.midpoint, latest.midpoint
    assert before is not None and after is not None
    change = after - before
    improvement = change if indicator.direction is Direction.HIGHER_IS_BETTER else -change
    relative = (improvement / abs(before) * HUNDRED).quantize(_CENT) if before != 0 else None
    return _Trajectory(
        government=government,
        name=name,
        start_year=start_year,
        start=start_value,
        start_kind=start_kind,
        latest_year=latest_year,
        latest=latest,
        improvement=improvement,
        relative=relative,
        subject=record.ref,
    )


def _government_of(ctx: Context, record: IndicatorRecord) -> str | None:
    if record.plan is not None:
        plan = record.plan
        if plan.government_id:
            return plan.government_id
        return plan.owner_id if plan.owner_id in ctx.index.governments else None
    priority = ctx.index.priorities.get(record.owner_ref)
    return priority.government_id if priority is not None else None


def _shown(ctx: Context, t: _Trajectory, direction: Direction, unit: str) -> Message:
    """``Kota Palangka Raya -0,8 poin persen``: the region and its change in the indicator's own terms (the
    change of a percentage is in percentage points, *poin persen*)."""
    change = -t.improvement if direction is Direction.LOWER_IS_BETTER else t.improvement
    shown_unit: str | Message = ctx.text("skn605.points") if _unit_key(unit) == _unit_key("%") else unit
    values = {"name": t.name, "change": change, "unit": shown_unit}
    return ctx.text("skn605.region" if unit else "skn605.region.no-unit", values)


def _order(ctx: Context, ranked: list[_Trajectory], direction: Direction, unit: str) -> Message:
    """The whole ranking as one text: ``1. Kabupaten Kapuas -0,70 poin persen; 2. …``."""
    places = (
        ctx.text("skn605.place", {"rank": i + 1, "region": _shown(ctx, t, direction, unit)})
        for i, t in enumerate(ranked)
    )
    return join_messages(places, "; ")


def _display_name(key: str, groups: Iterable[list[IndicatorRecord]], canonical: Mapping[str, str]) -> str:
    """The name to show for a group of matched indicators: its canonical synonym, else the name written most."""
    known = canonical.get(key)
    if known is not None:
        return known
    names = Counter(normalise_name(r.indicator.name) for records in groups for r in records)
    return names.most_common(1)[0][0]


_KABKOTA = (GovernmentLevel.REGENCY, GovernmentLevel.CITY)

_RankingGroups = dict[tuple[str | None, str, str, Direction], dict[str, list[IndicatorRecord]]]


def _ranking_options(ctx: Context) -> tuple[int, str, dict[str, str]]:
    """SKN605's ``min_regions``, ``rank_by`` and alias table (``ValueError`` on a bad value)."""
    min_regions = int(ctx.option("min_regions"))
    rank_by = str(ctx.option("rank_by"))
    if rank_by not in ("absolute", "relative"):
        raise ValueError(f"rule SKN605 option 'rank_by' must be 'absolute' or 'relative', got {rank_by!r}")
    raw_aliases: Any = ctx.option("aliases")
    if not isinstance(raw_aliases, Mapping):
        raise ValueError(f"rule SKN605 option 'aliases' must map alias names to names, got {raw_aliases!r}")
    aliases = {str(k): str(v) for k, v in raw_aliases.items()}
    return min_regions, rank_by, _alias_table(aliases)


def _kabkota_groups(ctx: Context, table: dict[str, str]) -> _RankingGroups:
    """Kab/kota indicators by (province id, name key, unit key, direction), then by government id."""
    groups: _RankingGroups = defaultdict(dict)
    for record in ctx.index.indicators.values():
        government_id = _government_of(ctx, record)
        government = ctx.index.governments.get(government_id) if government_id else None
        if government is None or government.level not in _KABKOTA:
            continue
        indicator = record.indicator
        group = groups[
            (government.parent_id, _name_key(indicator.name, table), _unit_key(indicator.unit), indicator.direction)
        ]
        group.setdefault(government.id, []).append(record)
    return groups


def _ranked(
    ctx: Context, by_government: dict[str, list[IndicatorRecord]], rank_by: str
) -> tuple[list[_Trajectory], list[str]]:
    """Each government's latest trajectory, best first, and the governments with no usable data."""
    ranked: list[_Trajectory] = []
    without_data: list[str] = []
    for government_id, records in by_government.items():
        name = ctx.index.governments[government_id].name
        candidates = [t for r in records if (t := _trajectory(r, government_id, name)) is not None]
        if not candidates:
            without_data.append(name)
            continue
        ranked.append(max(candidates, key=lambda t: (t.latest_year, -(t.start_year or 0))))
    if rank_by == "relative":
        ranked.sort(key=lambda t: (t.relative is None, -(t.relative or Decimal(0)), t.name))
    else:
        ranked.sort(key=lambda t: (-t.improvement, t.name))
    return ranked, without_data


@rule(
    "SKN605",
    "regional-ranking",
    Severity.INFO,
    id="Peringkat kabupaten/kota menurut perbaikan indikator yang sama (mis. penurunan tingkat kemiskinan)",
    en="Kabupaten/kota ranked by improvement on a shared indicator (e.g. the decline of the poverty rate)",
    options=RankingOptions,
)
def regional_ranking(ctx: Context) -> Iterator[Finding]:
    """One finding per province and shared indicator, ranking its kab/kota from baseline to latest realisation.

    Indicators are matched across the plans and priorities of different governments by
    :func:`indicator_key` and direction. ``rank_by`` is ``"absolute"`` (change in the indicator's
    unit, e.g. percentage points) or ``"relative"`` (change as a percentage of the starting value).
    """
    min_regions, rank_by, table = _ranking_options(ctx)
    canonical = {_name_key(v, table): v for v in table.values()}
    for (province_id, name_key, _, direction), by_government in _kabkota_groups(ctx, table).items():
        if len(by_government) < min_regions:
            continue
        ranked, without_data = _ranked(ctx, by_government, rank_by)
        if len(ranked) < min_regions:
            continue
        first = by_government[ranked[0].government][0].indicator
        name = _display_name(name_key, by_government.values(), canonical)
        unit = first.unit or ""
        province = ctx.index.governments.get(province_id) if province_id else None
        where = province.name if province else (province_id or ctx.text("skn605.no-province").id)
        subject = province_id or ranked[0].government
        path = f"{where}{PATH_SEPARATOR}{name}" + (f" ({unit})" if unit else "")
        lower = direction is Direction.LOWER_IS_BETTER
        values = {
            "count": len(ranked),
            "where": where,
            "indicator": name,
            "direction": _direction(ctx, direction),
            "best": _shown(ctx, ranked[0], direction, unit),
            "worst": _shown(ctx, ranked[-1], direction, unit),
            "best_label": ctx.text("skn605.best.lower" if lower else "skn605.best.higher"),
            "worst_label": ctx.text("skn605.worst.lower" if lower else "skn605.worst.higher"),
            "order": _order(ctx, ranked, direction, unit),
        }
        yield ctx.report(
            subject,
            "skn605.ranking",
            values,
            path=path,
            evidence={
                "indicator": name,
                "unit": first.unit,
                "direction": direction.value,
                "province": province_id,
                "rank_by": rank_by,
                "ranking": [
                    {
                        "rank": i + 1,
                        "government": t.government,
                        "name": t.name,
                        "start_year": t.start_year,
                        "start": t.start.text,
                        "start_is": t.start_kind,
                        "latest_year": t.latest_year,
                        "latest": t.latest.text,
                        "improvement": t.improvement,
                        "improvement_percent": t.relative,
                        "indicator": t.subject,
                    }
                    for i, t in enumerate(ranked)
                ],
                "without_data": sorted(without_data),
            },
            fix="skn605.ranking.fix",
        )


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
