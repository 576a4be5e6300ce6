"""Properties of families 3 and 4 on generated data.

* Clean generated bundles (valid by construction) give no error findings.
* A Renja PD derived from its Renstra PD (the year's pagu and targets taken as they are, any subset
  of items) and an RKPD derived from its RPJMD are consistent: no vertical finding at all.
"""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from sinkron.align import CheckConfig, Severity, check
from sinkron.codes import Code
from sinkron.models import (
    Activity,
    Agency,
    Bundle,
    Government,
    GovernmentLevel,
    Indicator,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    SubActivity,
)
from sinkron.plugins import PluginManager
from sinkron.testing import strategies as sst

_PLUGINS = PluginManager(load_entry_points=False)
_RENSTRA_PERIOD = PlanPeriod(start=2025, end=2029)
_AGENCY = Agency(
    code="1.02.0.00.0.00.01.0000", name="Dinas Kesehatan", government_id="62", sectors=[Code.parse("1.02")]
)
_PROVINCE = Government(level=GovernmentLevel.PROVINCE, region_code="62", name="Provinsi Kalimantan Tengah")


@settings(max_examples=25)
@given(sst.bundles())
def test_generated_bundles_give_no_vertical_or_priority_errors(bundle: Bundle) -> None:
    report = check(bundle, ["SKN3", "SKN4"], CheckConfig(), plugins=_PLUGINS)
    assert not report.rule_failures, report.rule_failures
    assert {r[:4] for r in report.rules_run} == {"SKN3", "SKN4"}
    errors = [(f.rule, f.subject, f.message.en) for f in report.findings if f.severity is Severity.ERROR]
    assert errors == []


def _year_of(indicator: Indicator, year: int) -> Indicator:
    return attrs.evolve(indicator, targets=[t for t in indicator.targets if t.year == year], realisations=[])


def _derive(program: Program, year: int) -> Program:
    """The program as a yearly plan takes it from the medium-term plan: that year's pagu and targets."""

    def yearly(item: SubActivity | Activity | Program) -> dict[str, object]:
        return {
            "budgets": [b for b in item.budgets if b.year == year],
            "indicators": [_year_of(i, year) for i in item.indicators],
        }

    activities = [
        attrs.evolve(
            a, sub_activities=[attrs.evolve(s, spending=[], **yearly(s)) for s in a.sub_activities], **yearly(a)
        )
        for a in program.activities
    ]
    return attrs.evolve(program, activities=activities, **yearly(program))


def _some(programs: tuple[Program, ...], keep: st.DataObject) -> list[Program]:
    return keep.draw(st.lists(st.sampled_from(programs), min_size=1, unique_by=lambda p: p.id))


@settings(max_examples=20)
@given(
    sst.plans(kind=PlanKind.RENSTRA_PD, period=_RENSTRA_PERIOD, agency_id=_AGENCY.id),
    st.integers(2025, 2029),
    st.data(),
)
def test_a_renja_taken_from_its_renstra_is_consistent(renstra: Plan, year: int, keep: st.DataObject) -> None:
    renstra = attrs.evolve(renstra, owner_id=_AGENCY.id, government_id="62")
    renja = Plan(
        id=f"renja-{year}",
        kind=PlanKind.RENJA_PD,
        title=f"Renja Dinas Kesehatan {year}",
        period=PlanPeriod(start=year, end=year),
        owner_id=_AGENCY.id,
        government_id="62",
        programs=[_derive(p, year) for p in _some(renstra.programs, keep)],
    )
    bundle = Bundle(governments=[_PROVINCE], agencies=[_AGENCY], plans=[renstra, renja])
    report = check(bundle, ["SKN301", "SKN302", "SKN303", "SKN306"], CheckConfig(), plugins=_PLUGINS)
    assert not report.rule_failures, report.rule_failures
    assert [(f.rule, f.subject, f.message.en) for f in report.findings] == []
    # …and a sub kegiatan the Renstra does not have is always caught.
    first = renja.programs[0]
    kegiatan = first.activities[0]
    stray = SubActivity(
        code=Code.parse(f"{kegiatan.code}.9999"), name="Sub kegiatan di luar Renstra", agency_id=_AGENCY.id
    )
    broken_kegiatan = attrs.evolve(kegiatan, sub_activities=[*kegiatan.sub_activities, stray])
    broken = attrs.evolve(renja, programs=[attrs.evolve(first, activities=[broken_kegiatan, *first.activities[1:]])])
    report = check(bundle.replace(plans=(renstra, broken)), ["SKN301"], CheckConfig(), plugins=_PLUGINS)
    assert [f.evidence["code"] for f in report.findings] == [str(stray.code)]


@settings(max_examples=20)
@given(sst.plans(kind=PlanKind.RPJMD, period=_RENSTRA_PERIOD), st.integers(2025, 2029), st.data())
def test_an_rkpd_taken_from_its_rpjmd_is_consistent(rpjmd: Plan, year: int, keep: st.DataObject) -> None:
    rpjmd = attrs.evolve(rpjmd, owner_id="62", government_id="62")
    rkpd = Plan(
        id=f"rkpd-{year}",
        kind=PlanKind.RKPD,
        title=f"RKPD {year}",
        period=PlanPeriod(start=year, end=year),
        owner_id="62",
        government_id="62",
        programs=[_derive(p, year) for p in _some(rpjmd.programs, keep)],
    )
    bundle = Bundle(governments=[_PROVINCE], plans=[rpjmd, rkpd])
    report = check(bundle, ["SKN304", "SKN306"], CheckConfig(), plugins=_PLUGINS)
    assert not report.rule_failures, report.rule_failures
    assert [(f.rule, f.subject, f.message.en) for f in report.findings] == []
