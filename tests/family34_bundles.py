"""Small hand-built bundles for the rule tests of families 3 and 4 (vertical consistency, priorities).

A Kota Palangka Raya setting: Dinas Kesehatan with a Renstra PD 2025–2029 and a Renja PD 2026, the
city's RPJMD 2025–2029 and RKPD 2026, under Provinsi Kalimantan Tengah. ``chain(...)`` builds a
program → kegiatan → sub kegiatan tree with pagu and targets for the given years (parents' pagu is
the sum of their children's); tests change one thing and check the rule that must fire.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

from sinkron import (
    Activity,
    Agency,
    Budget,
    Bundle,
    Code,
    Government,
    GovernmentLevel,
    Indicator,
    IndicatorKind,
    Link,
    LinkKind,
    Money,
    Plan,
    PlanKind,
    PlanPeriod,
    Priority,
    Program,
    SubActivity,
    Target,
    Value,
)
from sinkron.align import CheckConfig, Finding, check
from sinkron.plugins import PluginManager

PROVINCE = "62"
CITY = "62.71"
REGENCY = "62.01"
DINKES = "1.02.0.00.0.00.01.0000"
DINSOS = "1.06.0.00.0.00.01.0000"
RENSTRA_YEARS = range(2025, 2030)
SUB_CODE = "1.02.02.2.02.0001"
SUB_NAME = "Pengelolaan Pelayanan Kesehatan Ibu Hamil"
SUB_INDICATOR = "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan Sesuai Standar"

PLUGINS = PluginManager(load_entry_points=False)

Amount = int | Mapping[int, int]
TargetSpec = str | Mapping[int, str]


def _per_year(spec: Any, years: Iterable[int]) -> dict[int, Any]:
    return {y: spec[y] for y in years if y in spec} if isinstance(spec, Mapping) else dict.fromkeys(years, spec)


def budgets(amount: Amount, years: Iterable[int]) -> list[Budget]:
    return [Budget(year=y, amount=Money(Decimal(a))) for y, a in _per_year(amount, years).items()]


def indicator(
    name: str = SUB_INDICATOR,
    *,
    years: Iterable[int],
    target: TargetSpec = "1.250",
    unit: str | None = "Orang",
    kind: IndicatorKind = IndicatorKind.OUTPUT,
    indicator_id: str | None = None,
) -> Indicator:
    extra = {"id": indicator_id} if indicator_id else {}
    return Indicator(
        name=name,
        unit=unit,
        kind=kind,
        targets=[Target(year=y, value=Value.parse(t)) for y, t in _per_year(target, years).items()],
        **extra,
    )


def sub(
    code: str = SUB_CODE,
    *,
    years: Iterable[int],
    pagu: Amount | None = 100_000_000,
    target: TargetSpec = "1.250",
    indicators: Sequence[Indicator] | None = None,
    agency: str | None = DINKES,
    name: str = SUB_NAME,
) -> SubActivity:
    years = list(years)
    return SubActivity(
        code=Code.parse(code),
        name=name,
        agency_id=agency,
        indicators=[indicator(years=years, target=target)] if indicators is None else indicators,
        budgets=[] if pagu is None else budgets(pagu, years),
    )


def _sum_budgets(items: Sequence[SubActivity | Activity], years: Iterable[int]) -> list[Budget]:
    out = []
    for y in years:
        amounts = [i.budget_for(y) for i in items]
        present = [a for a in amounts if a is not None]
        if present:
            out.append(Budget(year=y, amount=Money.total(present)))
    return out


ParentPagu = Amount | None | Literal["sum"]


def _own(pagu: ParentPagu, items: Sequence[SubActivity | Activity], years: list[int]) -> list[Budget]:
    if pagu == "sum":
        return _sum_budgets(items, years)
    return [] if pagu is None or isinstance(pagu, str) else budgets(pagu, years)


def activity(
    code: str,
    subs: Sequence[SubActivity],
    *,
    years: Iterable[int],
    pagu: ParentPagu = "sum",
    agency: str | None = DINKES,
    indicators: Sequence[Indicator] = (),
) -> Activity:
    years = list(years)
    own = _own(pagu, subs, years)
    return Activity(
        code=Code.parse(code),
        name="Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
        agency_id=agency,
        sub_activities=subs,
        budgets=own,
        indicators=indicators,
    )


def program(
    code: str,
    activities: Sequence[Activity],
    *,
    years: Iterable[int],
    pagu: ParentPagu = "sum",
    agency: str | None = DINKES,
    indicators: Sequence[Indicator] = (),
    name: str = "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
) -> Program:
    years = list(years)
    own = _own(pagu, activities, years)
    return Program(
        code=Code.parse(code),
        name=name,
        agency_id=agency,
        activities=activities,
        budgets=own,
        indicators=indicators,
    )


def chain(
    sub_codes: Sequence[str] = (SUB_CODE,), *, years: Iterable[int], agency: str | None = DINKES, **sub_options: Any
) -> Program:
    """Program → kegiatan → sub kegiatan for ``sub_codes`` (all under one kegiatan), pagu summing up."""
    years = list(years)
    subs = [sub(c, years=years, agency=agency, **sub_options) for c in sub_codes]
    kegiatan = Code.parse(sub_codes[0]).parent
    assert kegiatan is not None and kegiatan.parent is not None
    return program(
        str(kegiatan.parent),
        [activity(str(kegiatan), subs, years=years, agency=agency)],
        years=years,
        agency=agency,
    )


def renstra(*programs: Program, plan_id: str = "renstra-dinkes", owner: str = DINKES, **extra: Any) -> Plan:
    return Plan(
        id=plan_id,
        kind=PlanKind.RENSTRA_PD,
        title="Renstra Dinas Kesehatan 2025–2029",
        period=PlanPeriod(start=2025, end=2029),
        owner_id=owner,
        government_id=extra.pop("government_id", CITY),
        programs=programs,
        **extra,
    )


def renja(*programs: Program, year: int = 2026, plan_id: str | None = None, owner: str = DINKES, **extra: Any) -> Plan:
    return Plan(
        id=plan_id or f"renja-dinkes-{year}",
        kind=PlanKind.RENJA_PD,
        title=f"Renja Dinas Kesehatan {year}",
        period=PlanPeriod(start=year, end=year),
        owner_id=owner,
        government_id=extra.pop("government_id", CITY),
        programs=programs,
        **extra,
    )


def rpjmd(*programs: Program, government: str = CITY, plan_id: str | None = None, **extra: Any) -> Plan:
    return Plan(
        id=plan_id or f"rpjmd-{government}",
        kind=PlanKind.RPJMD,
        title="RPJMD Kota Palangka Raya 2025–2029" if government == CITY else f"RPJMD {government} 2025–2029",
        period=PlanPeriod(start=2025, end=2029),
        owner_id=government,
        government_id=government,
        programs=programs,
        **extra,
    )


def rkpd(*programs: Program, government: str = CITY, year: int = 2026, plan_id: str | None = None) -> Plan:
    return Plan(
        id=plan_id or f"rkpd-{government}-{year}",
        kind=PlanKind.RKPD,
        title=f"RKPD Kota Palangka Raya {year}" if government == CITY else f"RKPD {government} {year}",
        period=PlanPeriod(start=year, end=year),
        owner_id=government,
        government_id=government,
        programs=programs,
    )


def governments() -> list[Government]:
    return [
        Government(level=GovernmentLevel.PROVINCE, region_code=PROVINCE, name="Provinsi Kalimantan Tengah"),
        Government(level=GovernmentLevel.CITY, region_code=CITY, name="Kota Palangka Raya", parent_id=PROVINCE),
        Government(
            level=GovernmentLevel.REGENCY, region_code=REGENCY, name="Kabupaten Kotawaringin Barat", parent_id=PROVINCE
        ),
    ]


def bundle(*plans: Plan, priorities: Sequence[Priority] = (), links: Sequence[Link] = (), **extra: Any) -> Bundle:
    return Bundle(
        governments=extra.pop("governments", governments()),
        agencies=extra.pop(
            "agencies",
            [
                Agency(code=DINKES, name="Dinas Kesehatan", government_id=CITY, sectors=[Code.parse("1.02")]),
                Agency(code=DINSOS, name="Dinas Sosial", government_id=CITY, sectors=[Code.parse("1.06")]),
            ],
        ),
        plans=plans,
        priorities=priorities,
        links=links,
        **extra,
    )


def link(kind: LinkKind, source: str, target: str) -> Link:
    return Link(kind=kind, source=source, target=target)


def run(b: Bundle, rule_id: str, **options: Any) -> list[Finding]:
    """Findings of one rule (its options overridden by ``options``); fails when the rule raised."""
    config = CheckConfig(options={rule_id: options} if options else {})
    report = check(b, [rule_id], config, plugins=PLUGINS)
    assert not report.rule_failures, report.rule_failures
    assert report.rules_run == (rule_id,)
    return report.by_rule(rule_id)
