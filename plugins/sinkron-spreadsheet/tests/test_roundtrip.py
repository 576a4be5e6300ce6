"""Bundle → xlsx → Bundle: a re-read gives back everything the layout carries (property-tested).

The layouts carry plan identity (written above the table), items with names, codes, pagu, lokasi,
sumber dana and indicators with their targets (and baseline and satuan in a Renstra), tujuan and
sasaran; ``layout_view`` below is that part of a generated bundle — what a re-read must equal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinkron import Agency, Baseline, Bundle, Indicator, Plan, PlanKind
from sinkron.safe_text import neutralise
from sinkron.testing import strategies as sst
from sinkron_spreadsheet import read_spreadsheet, write_workbook


def _indicator(indicator: Indicator, layout: str, years: range) -> Indicator:
    targets = [t for t in indicator.targets if t.year in years]
    baseline = None
    unit = indicator.unit
    if layout == "renstra":
        baseline = Baseline(value=indicator.baseline.value) if indicator.baseline is not None else None
    else:
        unit = next((t.value.unit for t in targets if t.value.unit), None)
    return Indicator(name=indicator.name, unit=unit, kind=indicator.kind, baseline=baseline, targets=targets)


def _item(item: Any, layout: str, years: range, budget_kind: Any) -> Any:
    changes: dict[str, Any] = {
        "indicators": [_indicator(i, layout, years) for i in item.indicators],
        "budgets": [attrs.evolve(b, kind=budget_kind) for b in item.budgets if b.year in years],
    }
    if hasattr(item, "spending"):
        changes["spending"] = ()
        changes["budget_lines"] = ()  # rincian belanja are a layout of their own (the Form Rincian)
        if layout == "renstra":  # the Renstra template has no sumber dana column
            changes["funding"] = ()
    if hasattr(item, "activities"):
        changes["activities"] = [_item(a, layout, years, budget_kind) for a in item.activities]
    if hasattr(item, "sub_activities"):
        changes["sub_activities"] = [_item(s, layout, years, budget_kind) for s in item.sub_activities]
    return attrs.evolve(item, **changes)


def layout_view(plan: Plan, layout: str) -> Plan:
    """The part of ``plan`` a layout carries."""
    from sinkron_spreadsheet import load_mapping

    mapping = load_mapping(layout)
    years = range(plan.period.start, plan.period.end + (2 if layout == "rkpd-report" else 1))
    goals = [
        attrs.evolve(g, mission_id=None, indicators=[Indicator(name=i.name, kind=i.kind) for i in g.indicators])
        for g in plan.goals
    ]
    objectives = [
        attrs.evolve(o, indicators=[Indicator(name=i.name, kind=i.kind) for i in o.indicators]) for o in plan.objectives
    ]
    return attrs.evolve(
        plan,
        vision=None,
        missions=(),
        goals=goals,
        objectives=objectives,
        programs=[_item(p, layout, years, mapping.budget_kind) for p in plan.programs],
    )


LAYOUT_KINDS = {
    "renstra": PlanKind.RENSTRA_PD,
    "renja": PlanKind.RENJA_PD,
    "rkpd-report": PlanKind.RKPD,
}


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data(), layout=st.sampled_from(sorted(LAYOUT_KINDS)))
def test_write_then_read_gives_an_equal_bundle(tmp_path: Path, data: st.DataObject, layout: str) -> None:
    agency = data.draw(sst.agencies("62"))
    plan = data.draw(sst.plans(kind=LAYOUT_KINDS[layout], agency_id=agency.id))
    bundle = Bundle(agencies=[agency], plans=[plan])
    path = tmp_path / f"{layout}.xlsx"
    write_workbook(bundle, path)
    result = read_spreadsheet(path)
    assert result.errors == ()
    (read_plan,) = result.bundle.plans
    assert read_plan == layout_view(plan, layout)
    assert result.bundle.agencies == (Agency(code=agency.code, name=agency.name),)
    # And the written file re-written from what was read is read back equal again: xlsx → Bundle → xlsx → Bundle.
    again = tmp_path / f"{layout}-again.xlsx"
    write_workbook(result.bundle, again)
    assert read_spreadsheet(again).bundle.plans == result.bundle.plans


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","klik")', "+62 812", "-", "@SUM(A1)", "'=quoted", "=1+1"])
def test_formula_injection_is_neutralised_and_read_back(tmp_path: Path, text: str) -> None:
    from python_calamine import CalamineWorkbook

    from sinkron import Activity, Code, PlanPeriod, Program, SubActivity

    sub = SubActivity(
        code=Code.parse("1.02.02.2.02.0001"), name=text, locations=[text], indicators=[Indicator(name=text)]
    )
    activity = Activity(code=Code.parse("1.02.02.2.02"), name="Kegiatan", sub_activities=[sub])
    program = Program(code=Code.parse("1.02.02"), name="Program", activities=[activity])
    plan = Plan(
        id="renja-1", kind=PlanKind.RENJA_PD, title="Renja", period=PlanPeriod(start=2026, end=2026), programs=[program]
    )
    path = tmp_path / "inj.xlsx"
    write_workbook(Bundle(plans=[plan]), path)
    cells = [c for row in CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows() for c in row if c]
    assert neutralise(text) in cells
    assert not any(isinstance(c, str) and c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    (read_sub,) = read_spreadsheet(path).bundle.plans[0].sub_activities()
    assert (read_sub.name, read_sub.locations, read_sub.indicators[0].name) == (text, (text,), text)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=sst.plans(kind=PlanKind.RENSTRA_PD))
def test_goals_round_trip(tmp_path: Path, plan: Plan) -> None:
    write_workbook(Bundle(plans=[plan]), tmp_path / "renstra.xlsx")
    (read_plan,) = read_spreadsheet(tmp_path / "renstra.xlsx").bundle.plans
    assert read_plan.goals == layout_view(plan, "renstra").goals
    assert read_plan.objectives == layout_view(plan, "renstra").objectives
