"""Small hand-built bundles for the rule tests of families 1 and 2 (nomenclature, completeness).

``tree(...)`` builds a program → kegiatan → sub kegiatan tree that passes every family-1 and
family-2 rule (official names, indicators with unit, baseline and a target per year); tests then
break one thing and check the one rule that must fire.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sinkron import (
    Activity,
    Agency,
    Baseline,
    Budget,
    Bundle,
    Code,
    Government,
    GovernmentLevel,
    Indicator,
    IndicatorKind,
    Money,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    SubActivity,
    Target,
    Value,
)
from sinkron.align import CheckConfig, Finding, check
from sinkron.nomenclature import Nomenclature, default_nomenclature
from sinkron.plugins import PluginManager

AGENCY = "1.02.0.00.0.00.01.0000"
"""Dinas Kesehatan (bidang 1.02)."""
GOVERNMENT = "62.71"

_PLUGINS = PluginManager(load_entry_points=False)


def official(code: str, year: int = 2026) -> str:
    entry = default_nomenclature().lookup(Code.parse(code).modernised(), year)
    assert entry is not None, code
    return entry.name


def indicator(
    name: str = "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan Sesuai Standar",
    *,
    period: PlanPeriod,
    unit: str | None = "Orang",
    kind: IndicatorKind = IndicatorKind.OUTPUT,
    years: Iterable[int] | None = None,
    target: str = "1.250",
    baseline: bool = True,
) -> Indicator:
    return Indicator(
        name=name,
        unit=unit,
        kind=kind,
        baseline=Baseline(value=Value.parse("1.000"), year=period.start - 1) if baseline else None,
        targets=[Target(year=y, value=Value.parse(target)) for y in (period.years if years is None else years)],
    )


def sub(
    code: str = "1.02.02.2.02.0001",
    name: str | None = None,
    *,
    period: PlanPeriod,
    indicators: Sequence[Indicator] | None = None,
    agency_id: str | None = AGENCY,
) -> SubActivity:
    return SubActivity(
        code=Code.parse(code),
        name=name or official(code),
        agency_id=agency_id,
        indicators=[indicator(period=period)] if indicators is None else indicators,
        budgets=[Budget(year=y, amount=Money(Decimal(100_000_000))) for y in period.years],
    )


def activity(
    code: str,
    subs: Sequence[SubActivity],
    *,
    period: PlanPeriod,
    name: str | None = None,
    indicators: Sequence[Indicator] | None = None,
    agency_id: str | None = AGENCY,
) -> Activity:
    return Activity(
        code=Code.parse(code),
        name=name or official(code),
        agency_id=agency_id,
        sub_activities=subs,
        indicators=[indicator("Cakupan layanan", period=period, unit="%", kind=IndicatorKind.OUTCOME, target="95")]
        if indicators is None
        else indicators,
    )


def program(
    code: str,
    activities: Sequence[Activity],
    *,
    period: PlanPeriod,
    name: str | None = None,
    indicators: Sequence[Indicator] | None = None,
    agency_id: str | None = AGENCY,
) -> Program:
    return Program(
        code=Code.parse(code),
        name=name or official(code),
        agency_id=agency_id,
        activities=activities,
        indicators=[
            indicator("Persentase capaian SPM", period=period, unit="%", kind=IndicatorKind.OUTCOME, target="100")
        ]
        if indicators is None
        else indicators,
    )


def tree(period: PlanPeriod, sub_code: str = "1.02.02.2.02.0001", **sub_options: Any) -> Program:
    """A valid program → kegiatan → sub kegiatan chain for ``sub_code``."""
    code = Code.parse(sub_code)
    kegiatan = code.parent
    assert kegiatan is not None and kegiatan.parent is not None
    return program(
        str(kegiatan.parent),
        [activity(str(kegiatan), [sub(sub_code, period=period, **sub_options)], period=period)],
        period=period,
    )


def plan(
    programs: Sequence[Program],
    *,
    kind: PlanKind = PlanKind.RENJA_PD,
    start: int = 2026,
    end: int | None = None,
    plan_id: str | None = None,
    **extra: Any,
) -> Plan:
    period = PlanPeriod(start=start, end=start if end is None else end)
    name = {PlanKind.RENJA_PD: "Renja", PlanKind.RENSTRA_PD: "Renstra"}.get(kind, kind.value.upper())
    return Plan(
        id=plan_id or f"{kind.value}-dinkes-{period.start}",
        kind=kind,
        title=f"{name} Dinas Kesehatan {period}",
        period=period,
        owner_id=AGENCY,
        government_id=GOVERNMENT,
        programs=programs,
        **extra,
    )


def bundle(*plans: Plan, agencies: Sequence[Agency] | None = None) -> Bundle:
    return Bundle(
        governments=[
            Government(level=GovernmentLevel.PROVINCE, region_code="62", name="Provinsi Kalimantan Tengah"),
            Government(level=GovernmentLevel.CITY, region_code=GOVERNMENT, name="Kota Palangka Raya", parent_id="62"),
        ],
        agencies=[Agency(code=AGENCY, name="Dinas Kesehatan", government_id=GOVERNMENT, sectors=[Code.parse("1.02")])]
        if agencies is None
        else agencies,
        plans=plans,
    )


def run(b: Bundle, rule_id: str, *, nomenclature: Nomenclature | None = None, **options: Any) -> list[Finding]:
    """Findings of one rule (its options overridden by ``options``); fails when a rule raised."""
    config = CheckConfig(options={rule_id: options} if options else {}, nomenclature=nomenclature)
    report = check(b, [rule_id], config, plugins=_PLUGINS)
    assert not report.rule_failures, report.rule_failures
    assert report.rules_run == (rule_id,)
    return report.by_rule(rule_id)


def run_all(b: Bundle, *prefixes: str, nomenclature: Nomenclature | None = None) -> list[Finding]:
    report = check(b, list(prefixes), CheckConfig(nomenclature=nomenclature), plugins=_PLUGINS)
    assert not report.rule_failures, report.rule_failures
    return list(report.findings)
