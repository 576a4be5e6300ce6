"""Computing the report's metrics from the index (after the rules ran)."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from sinkron.align.achievement import achievement
from sinkron.align.index import BundleIndex
from sinkron.align.report import AchievementBand, CoverageRow, Metrics
from sinkron.align.support import SupportMap, budget_plans, pagu_shares
from sinkron.models import Plan

__all__ = ["ACHIEVEMENT_BANDS", "compute_metrics"]

#: Achievement bands (percent, lower bound inclusive).
ACHIEVEMENT_BANDS: tuple[tuple[str, Decimal], ...] = (
    (">=100", Decimal(100)),
    ("90-100", Decimal(90)),
    ("75-90", Decimal(75)),
    ("50-75", Decimal(50)),
    ("<50", Decimal("-Infinity")),
)


def band_of(value: Decimal) -> str:
    for name, lower in ACHIEVEMENT_BANDS:
        if value >= lower:
            return name
    return ACHIEVEMENT_BANDS[-1][0]  # pragma: no cover


def _coverage(index: BundleIndex, support: SupportMap) -> tuple[CoverageRow, ...]:
    """One row per priority and year of the yearly plans counted (:func:`budget_plans`), never summed across years.

    Without yearly plans, one row per priority (``year`` ``None``) counts the support in every plan.
    """
    by_year: dict[int | None, list[Plan]] = defaultdict(list)
    for plan in budget_plans(index):
        by_year[plan.period.start].append(plan)
    if not by_year:
        by_year[None] = list(index.bundle.plans)
    rows = []
    for year, plans in sorted(by_year.items(), key=lambda kv: kv[0] or 0):
        for p in index.bundle.priorities:
            programs, subs = support.counts(p.id, plans)
            rows.append(
                CoverageRow(
                    priority=p.id,
                    code=p.code,
                    name=p.name,
                    kind=p.kind.value,
                    programs=programs,
                    sub_activities=subs,
                    pagu=support.pagu(p.id, plans),
                    year=year,
                )
            )
    return tuple(rows)


def compute_metrics(index: BundleIndex, support: SupportMap) -> Metrics:
    coverage = _coverage(index, support)
    shares = pagu_shares(index)
    bands: Counter[tuple[int, str]] = Counter()
    for indicator_record in index.indicators.values():
        indicator = indicator_record.indicator
        for year in {r.year for r in indicator.realisations}:
            value = achievement(indicator, year)
            if value is not None:
                bands[(year, band_of(value))] += 1
    order = [name for name, _ in ACHIEVEMENT_BANDS]
    achievement_rows = tuple(
        AchievementBand(year=y, band=b, count=n)
        for (y, b), n in sorted(bands.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1])))
    )
    return Metrics(priority_coverage=coverage, pagu_on_priorities=tuple(shares), achievement=achievement_rows)
