"""What each file format keeps of a Bundle, declared once, and the round trip that checks it.

:data:`FORMATS` declares, per format, what a write then a read gives back (``keeps``) and what it
does not (``drops``) — docs/testing.md prints the table from it — and a projection, :func:`kept`,
that reduces a bundle to what the format keeps. The round-trip property of a format is then
``kept(x, fmt) == kept(read(write(x)), fmt)``, and ``sinkron.diff`` of the two is empty.

>>> import sinkron
>>> bundle = sinkron.Bundle(sources=["a.xlsx"])
>>> kept(bundle, "json") == kept(sinkron.Bundle(sources=["copy.json"]), "json")  # a read names its own source
True
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from sinkron.models import (
    Activity,
    Agency,
    Baseline,
    Budget,
    BudgetKind,
    Bundle,
    FundingSource,
    Indicator,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    SubActivity,
)

__all__ = ["FORMATS", "FormatKeeps", "kept", "round_trip", "xlsx_layout"]


@attrs.frozen(kw_only=True)
class FormatKeeps:
    """What a format keeps of a Bundle through a write and a read.

    ``project`` is ``None`` when sinkron cannot both write and read the format (no round trip).
    """

    name: str
    extension: str
    write_format: str | None
    """The ``format=`` given to :func:`sinkron.write` (``None``: sinkron does not write it)."""
    read_format: str | None
    """The ``format=`` given to :func:`sinkron.read` (``None``: sinkron does not read it)."""
    keeps: str
    drops: str
    project: Callable[[Bundle], Bundle] | None = attrs.field(default=None, eq=False, repr=False)


def _json(bundle: Bundle) -> Bundle:
    # a read lists the file it read as the bundle's source
    return attrs.evolve(bundle, sources=())


def xlsx_layout(plan: Plan) -> str:
    """The layout the xlsx writer writes ``plan`` in when none is asked for."""
    if plan.kind in (PlanKind.RKPD, PlanKind.RKP):
        return "rkpd-report"
    if plan.kind.is_yearly:
        return "renja"
    if not plan.programs and (plan.goals or plan.objectives):
        return "tujuan-sasaran"
    return "renstra"


def _xlsx_indicator(indicator: Indicator, layout: str, years: range) -> Indicator:
    targets = [t for t in indicator.targets if t.year in years]
    if layout == "renstra":
        baseline = Baseline(value=indicator.baseline.value) if indicator.baseline is not None else None
        unit = indicator.unit
    else:
        baseline = None
        unit = next((t.value.unit for t in targets if t.value.unit), None)
    return Indicator(name=indicator.name, unit=unit, kind=indicator.kind, baseline=baseline, targets=targets)


def _xlsx_item(item: Any, layout: str, years: range) -> Any:
    changes: dict[str, Any] = {
        "indicators": [_xlsx_indicator(i, layout, years) for i in item.indicators],
        # the layout decides the budget kind (pagu indikatif, pagu DPA …)
        "budgets": [attrs.evolve(b, kind=BudgetKind.INDICATIVE) for b in item.budgets if b.year in years],
    }
    if isinstance(item, SubActivity):
        changes.update(spending=(), budget_lines=())
        if layout == "renstra":  # the Renstra template has no sumber dana column
            changes["funding"] = ()
    elif isinstance(item, Activity):
        changes["sub_activities"] = [_xlsx_item(s, layout, years) for s in item.sub_activities]
    else:
        changes["activities"] = [_xlsx_item(a, layout, years) for a in item.activities]
    return attrs.evolve(item, **changes)


def _xlsx_plan(plan: Plan) -> Plan:
    layout = xlsx_layout(plan)
    years = range(plan.period.start, plan.period.end + (2 if layout == "rkpd-report" else 1))

    def names_only(indicators: tuple[Indicator, ...]) -> list[Indicator]:
        return [Indicator(name=i.name, kind=i.kind) for i in indicators]

    return attrs.evolve(
        plan,
        vision=None,
        missions=(),
        goals=[attrs.evolve(g, mission_id=None, indicators=names_only(g.indicators)) for g in plan.goals],
        objectives=[attrs.evolve(o, indicators=names_only(o.indicators)) for o in plan.objectives],
        programs=[_xlsx_item(p, layout, years) for p in plan.programs],
    )


def _xlsx(bundle: Bundle) -> Bundle:
    return Bundle(
        agencies=[Agency(code=a.code, name=a.name) for a in bundle.agencies],
        plans=[_xlsx_plan(p) for p in bundle.plans],
    )


def _sipd_indicator(indicator: Indicator, year: int) -> Indicator:
    return Indicator(
        name=indicator.name,
        unit=indicator.unit,
        kind=indicator.kind,
        targets=[t for t in indicator.targets if t.year == year],
    )


def _sipd_item(item: Program | Activity | SubActivity, year: int) -> Program | Activity | SubActivity:
    indicators = [_sipd_indicator(i, year) for i in item.indicators]
    if isinstance(item, SubActivity):
        return attrs.evolve(
            item,
            indicators=indicators,
            budgets=[Budget(year=b.year, amount=b.amount) for b in item.budgets if b.year == year],
            spending=(),
            budget_lines=(),
            funding=[FundingSource(name=f.name) for f in item.funding],
            extra={},  # a SIPD read keeps how each record was written there (extra["sipd"]), not the bundle's extra
        )
    if isinstance(item, Activity):
        subs = [_sipd_item(s, year) for s in item.sub_activities]
        return attrs.evolve(item, indicators=indicators, budgets=(), sub_activities=subs, extra={})
    return attrs.evolve(
        item, indicators=indicators, budgets=(), activities=[_sipd_item(a, year) for a in item.activities], extra={}
    )


def _sipd(bundle: Bundle) -> Bundle:
    """A SIPD file is one year's records of sub kegiatan: the plan's identity and other years are not in it."""

    def plan(p: Plan) -> Plan:
        year = p.period.start
        return Plan(
            id="sipd",
            kind=PlanKind.RKPD,
            title="SIPD",
            period=PlanPeriod(start=year, end=year),
            programs=[_sipd_item(program, year) for program in p.programs],
        )

    return Bundle(
        agencies=[Agency(code=a.code, name=a.name) for a in bundle.agencies], plans=[plan(p) for p in bundle.plans]
    )


#: Every format sinkron writes or reads a Bundle in, by name.
FORMATS: dict[str, FormatKeeps] = {
    f.name: f
    for f in (
        FormatKeeps(
            name="json",
            extension=".json",
            write_format="json",
            read_format="json",
            keeps="everything: governments, agencies, plans, priorities, meetings, links, nomenclature, national records",
            drops="`sources` (a read lists the file read); provenance",
            project=_json,
        ),
        FormatKeeps(
            name="xlsx",
            extension=".xlsx",
            write_format="xlsx",
            read_format="xlsx",
            keeps="agencies (code, name); plans in their layout (`renstra`, `renja`, `rkpd-report`, "
            "`tujuan-sasaran`): identity, items with codes, names, pagu of the layout's years, lokasi, sumber dana "
            "(not in `renstra`), indicators with satuan and targets (baseline value in `renstra`), tujuan and sasaran "
            "with their indicators' names",
            drops="governments, priorities, meetings, links; visi, misi; realisations, spending, rincian belanja, "
            "indicator direction, ids and codes; budget kinds",
            project=_xlsx,
        ),
        FormatKeeps(
            name="sipd",
            extension=".json",
            write_format="sipd",
            read_format="sipd",
            keeps="agencies (code, name); a Renja, RKPD or DPA's year: items with codes and names, sub kegiatan pagu, "
            "lokasi, sumber dana names, indicators with satuan and that year's target (a Renstra or RPJMD is written "
            "as planning rows, docs/sipd.md)",
            drops="plan identity (read as `sipd-rkpd-<year>`), other years, program and kegiatan pagu, baselines, "
            "realisations, spending, rincian belanja, indicator direction, extra; governments, priorities, meetings, links",
            project=_sipd,
        ),
        FormatKeeps(
            name="csv",
            extension=".csv",
            write_format=None,
            read_format="csv",
            keeps="read only: csv exports of the spreadsheet layouts",
            drops="— (sinkron writes no Bundle as csv)",
        ),
        FormatKeeps(
            name="parquet",
            extension=".parquet",
            write_format="parquet",
            read_format=None,
            keeps="write only: plan content as tables (docs/parquet.md)",
            drops="— (sinkron reads no Parquet)",
        ),
    )
}


def kept(bundle: Bundle, format: str) -> Bundle:
    """``bundle`` reduced to what ``format`` keeps through a write and a read (see :data:`FORMATS`)."""
    declaration = FORMATS[format]
    if declaration.project is None:
        raise ValueError(f"sinkron does not both write and read {format}: there is no round trip to compare")
    return declaration.project(bundle)


def round_trip(bundle: Bundle, format: str, folder: Path) -> tuple[Bundle, Bundle]:
    """Write ``bundle`` in ``format`` into ``folder``, read it back; return what the format keeps of both."""
    import sinkron

    declaration = FORMATS[format]
    target = folder / f"round-trip-{format}{declaration.extension}"
    written = sinkron.write(bundle, target, format=declaration.write_format)
    back = sinkron.read(written, format=declaration.read_format)
    return kept(bundle, format), kept(back, format)
