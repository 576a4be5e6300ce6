"""What the xlsx writer writes, its reader reads back: numbers, units with digits, pagu, codes, agencies.

Each test writes a real workbook with :func:`write_workbook` and reads it with :func:`read_spreadsheet`
(issue 26, bugs 1, 2 and 5).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinkron import (
    Activity,
    Agency,
    Baseline,
    Budget,
    Bundle,
    Code,
    CodeLevel,
    Indicator,
    Money,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    SubActivity,
    Target,
    Value,
    diff,
)
from sinkron_spreadsheet import read_spreadsheet, write_workbook

AGENCY = Agency(code="1.02.0.00.0.00.01.0000", name="Dinas Kesehatan")
LAYOUT_KINDS = {"renja": PlanKind.RENJA_PD, "rkpd-report": PlanKind.RKPD, "renstra": PlanKind.RENSTRA_PD}


def _plan(
    kind: PlanKind,
    *,
    values: tuple[Value, ...] = (),
    unit: str | None = None,
    sub_code: str = "1.02.02.2.02.0001",
    activity_pagu: int | None = None,
    parents_agency: str | None = AGENCY.id,
) -> Plan:
    """One program → kegiatan → sub kegiatan; the sub kegiatan has an indicator whose targets are ``values``."""
    start = 2026
    end = start + 4 if kind is PlanKind.RENSTRA_PD else start
    years = range(start, end + 1)
    indicators = (
        [
            Indicator(
                name="Capaian indikator",
                unit=unit,
                baseline=Baseline(value=values[0]) if kind is PlanKind.RENSTRA_PD else None,
                targets=[Target(year=year, value=value) for year, value in zip(years, values)],
            )
        ]
        if values
        else []
    )
    code = Code.parse(sub_code)
    sub = SubActivity(
        code=code,
        name="Sub kegiatan",
        agency_id=AGENCY.id,
        budgets=[Budget(year=year, amount=Money(100)) for year in years],
        indicators=indicators,
    )
    activity = Activity(
        code=code.ancestor(CodeLevel.ACTIVITY),
        name="Kegiatan",
        agency_id=parents_agency,
        sub_activities=[sub],
        budgets=[Budget(year=year, amount=Money(activity_pagu)) for year in years] if activity_pagu else [],
    )
    program = Program(
        code=code.ancestor(CodeLevel.PROGRAM),
        name="Program",
        agency_id=parents_agency,
        activities=[activity],
    )
    return Plan(id="plan-1", kind=kind, title="Rencana", period=PlanPeriod(start=start, end=end), programs=[program])


def _write_and_read(tmp_path: Path, plan: Plan, layout: str | None = None) -> tuple[Plan, list[str]]:
    path = tmp_path / "plan.xlsx"
    write_workbook(Bundle(agencies=[AGENCY], plans=[plan]), path, layout=layout)
    result = read_spreadsheet(path)
    (read_plan,) = result.bundle.plans
    return read_plan, [f.message.en for f in result.findings]


def _targets(plan: Plan) -> list[Value]:
    (sub,) = plan.sub_activities()
    (indicator,) = sub.indicators
    return [t.value for t in indicator.targets]


# -- bug 1: three decimals are not thousands ---------------------------------------------------------------------
@pytest.mark.parametrize("layout", sorted(LAYOUT_KINDS))
@pytest.mark.parametrize(
    "value",
    [
        Value(number=Decimal("3.125"), unit="Indeks"),
        Value(number=Decimal("1234.567"), unit="%"),
        Value(number=Decimal("3.125")),
        Value(number=Decimal("12.345"), unit="%", text="12,345%"),
        Value(number=Decimal("0.125"), unit="Orang"),
    ],
    ids=str,
)
def test_three_decimals_come_back_the_same_size(tmp_path: Path, layout: str, value: Value) -> None:
    read_plan, findings = _write_and_read(tmp_path, _plan(LAYOUT_KINDS[layout], values=(value,)))
    assert findings == []
    assert _targets(read_plan)[0] == value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    number=st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False),
    unit=st.sampled_from([None, "%", "Indeks", "Orang", "per 100.000 KH", "m2"]),
    layout=st.sampled_from(sorted(LAYOUT_KINDS)),
)
def test_any_number_with_up_to_three_decimals_reads_back(
    tmp_path: Path, number: Decimal, unit: str | None, layout: str
) -> None:
    value = Value(number=number, unit=unit)
    read_plan, _ = _write_and_read(tmp_path, _plan(LAYOUT_KINDS[layout], values=(value,)))
    assert _targets(read_plan)[0] == value


# -- bug 2: units with digits ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("layout", sorted(LAYOUT_KINDS))
def test_a_unit_with_digits_keeps_its_number(tmp_path: Path, layout: str) -> None:
    # What SIPD reads from "target": "98", "satuan": "per 100.000 KH" (maternal mortality).
    value = Value(number=Decimal(98), unit="per 100.000 KH", text="98 per 100.000 KH")
    read_plan, findings = _write_and_read(tmp_path, _plan(LAYOUT_KINDS[layout], values=(value,)))
    assert findings == []
    (target,) = _targets(read_plan)[:1]
    assert target == value
    assert target.number == Decimal(98)


# -- bug 5: files the writer writes, the reader reads ----------------------------------------------------------------
@pytest.mark.parametrize("layout", sorted(LAYOUT_KINDS))
def test_a_kegiatan_pagu_that_is_not_the_sum_of_its_sub_kegiatan_is_read_with_a_finding(
    tmp_path: Path, layout: str
) -> None:
    plan = _plan(LAYOUT_KINDS[layout], activity_pagu=500)
    read_plan, findings = _write_and_read(tmp_path, plan)
    (activity,) = read_plan.programs[0].activities
    assert activity.budget_for(2026) == Money(500)  # the pagu as written, not the sum (100)
    assert [f for f in findings if "1.02.02.2.02" in f and "sum to Rp 100" in f], findings


@pytest.mark.parametrize("layout", sorted(LAYOUT_KINDS))
def test_generic_penunjang_codes_are_read_back(tmp_path: Path, layout: str) -> None:
    # The demo's planted SKN106: a generic X.XX.01… code left in a plan, with no bidang urusan of its own.
    plan = _plan(LAYOUT_KINDS[layout], sub_code="X.XX.01.2.01.0001")
    read_plan, findings = _write_and_read(tmp_path, plan)
    assert findings == []
    assert [str(item.code) for item in read_plan.items()] == ["X.XX.01", "X.XX.01.2.01", "X.XX.01.2.01.0001"]


@pytest.mark.parametrize("layout", sorted(LAYOUT_KINDS))
def test_programs_and_kegiatan_without_an_agency_belong_to_their_sub_kegiatan_unit(tmp_path: Path, layout: str) -> None:
    # docs/diff.md: only the sub kegiatan name their perangkat daerah; the program and kegiatan inherit it.
    plan = _plan(LAYOUT_KINDS[layout], parents_agency=None)
    read_plan, findings = _write_and_read(tmp_path, plan)
    assert findings == []
    assert {item.agency_id for item in read_plan.items()} == {AGENCY.id}


# -- bug 6: no false changes after a round trip ---------------------------------------------------------------------
@pytest.mark.parametrize("layout", sorted(LAYOUT_KINDS))
def test_diff_after_a_round_trip_is_empty(tmp_path: Path, layout: str) -> None:
    # An indicator with an id of its own (as the testing kit and SIPD give them) and no pagu on the program and
    # kegiatan (SIPD states only the sub kegiatan's): the xlsx keeps neither, its reader fills both in.
    plan = _plan(LAYOUT_KINDS[layout], values=(Value(number=Decimal(90), unit="%"),), parents_agency=None)
    (sub,) = plan.sub_activities()
    indicator = attrs.evolve(sub.indicators[0], id="IKK-1.02-01")
    plan = attrs.evolve(
        plan,
        programs=[
            attrs.evolve(
                plan.programs[0],
                activities=[
                    attrs.evolve(
                        plan.programs[0].activities[0], sub_activities=[attrs.evolve(sub, indicators=[indicator])]
                    )
                ],
            )
        ],
    )
    read_plan, _ = _write_and_read(tmp_path, plan)
    (read_sub,) = read_plan.sub_activities()
    assert read_sub.indicators[0].id != indicator.id  # the layout keeps no ids …
    assert read_plan.programs[0].budget_for(2026) == Money(100)  # … and writes the program's subtotal
    result = diff(plan, read_plan)
    assert result.is_empty, result.to_text()


def test_the_xlsx_report_writes_a_pagu_a_number_would_round_as_text() -> None:
    """Issue 25 item 11: the coverage and per-agency sheets wrote pagu as numbers, rounded past 15-16 digits."""
    import io

    from openpyxl import load_workbook

    from sinkron.align.report import AgencyFindings, CoverageRow, Metrics, Report
    from sinkron_spreadsheet.report_xlsx import render_report

    big, exact = Decimal("123456789012345678"), Decimal("296187500")
    rows = (
        CoverageRow(priority="pn-1", code="PN1", name="SDM", kind="PN", programs=1, sub_activities=2, pagu=big),
        CoverageRow(priority="pn-2", code="PN2", name="Pangan", kind="PN", programs=1, sub_activities=1, pagu=exact),
    )
    report = Report(
        metrics=Metrics(priority_coverage=rows),
        agencies=(AgencyFindings(agency="1.02", name="Dinas Kesehatan", findings=(), pagu=big),),
    )
    with pytest.warns(
        UserWarning, match=r"2 amount\(s\) .* Rp 123\.456\.789\.012\.345\.678 on sheet 'Cakupan Prioritas'"
    ):
        content = render_report(report)
    book = load_workbook(io.BytesIO(content))
    coverage = [row[7] for row in book["Cakupan Prioritas"].iter_rows(min_row=2, values_only=True)]
    assert coverage == ["123.456.789.012.345.678", int(exact)]
    assert [row[4] for row in book["Per Perangkat Daerah"].iter_rows(min_row=2, values_only=True)] == [
        "123.456.789.012.345.678"
    ]
