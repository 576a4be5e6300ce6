"""Nothing lost: every record read is in the bundle or in the errors, located; round trips keep everything.

* Messy Renja sheets (csv and xlsx) are generated row by row — good rows, bad codes, bad amounts,
  repeated codes, rows without a code, blank rows — and counted: ``ReadResult.records`` is every
  data row, each good row's sub kegiatan is in the bundle, a row with an amount that cannot be read is
  in the bundle too (without its pagu) and named by a source finding, each row that cannot be placed
  is named by a source finding that leaves it out (the read is tolerant, DESIGN §6a).
* Messy SIPD documents likewise, record by record: a good record is in the bundle, a bad one has an
  error at its JSON path and is left out whole.
* Round trip JSON ↔ Bundle ↔ xlsx ↔ SIPD JSON on generated plans: sinkron JSON gives the bundle
  back exactly; xlsx and SIPD keep the part their layouts carry (codes, names, pagu, the sub
  kegiatan's keluaran indicators and targets), and a SIPD document written from what was read
  from xlsx is written again identically.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")
pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")

from reliability import corpus as c
from reliability.checks import read_safely

import sinkron
from sinkron.convert import dumps, loads
from sinkron.models import Agency, Bundle, Plan, PlanKind, SubActivity
from sinkron.nomenclature import default_nomenclature
from sinkron.source_findings import leaves_rows_out
from sinkron.testing import strategies as sst
from sinkron_sipd import dumps as sipd_dumps
from sinkron_spreadsheet import write_workbook

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))

#: Real sub kegiatan codes of one kegiatan (so every good row has a known parent).
CODES = [str(e.code) for e in default_nomenclature().children("1.02.02.2.02", 2024)][:40]

ROW_KINDS = ("good", "bad_code", "bad_amount", "repeated", "no_code", "blank")


@st.composite
def messy_rows(draw: st.DrawFn) -> list[tuple[str, list[str]]]:
    """(kind, cells) rows of a Renja sheet; good rows use each code once."""
    kinds = draw(st.lists(st.sampled_from(ROW_KINDS), min_size=1, max_size=25))
    codes = iter(draw(st.permutations(CODES)))
    used: list[str] = []
    rows: list[tuple[str, list[str]]] = []
    for kind in kinds:
        if kind == "repeated" and not used:
            kind = "good"
        if kind == "good":
            code = next(codes)
            used.append(code)
            rows.append((kind, [code, f"Sub kegiatan {code}", "Jumlah layanan", "10 Orang", "1.500.000"]))
        elif kind == "bad_code":
            rows.append(
                (kind, [draw(st.sampled_from(["1.02.02.2", "kode?", "1.02.99.9.99.99999"])), "Nama", "x", "1", "1"])
            )
        elif kind == "bad_amount":
            code = next(codes)
            used.append(code)
            rows.append((kind, [code, f"Sub kegiatan {code}", "Jumlah", "1 Orang", "satu juta"]))
        elif kind == "repeated":
            rows.append((kind, [draw(st.sampled_from(used)), "Nama lagi", "Jumlah", "1 Orang", "1.000"]))
        elif kind == "no_code":
            rows.append((kind, ["", "Baris tanpa kode", "", "", "5.000"]))
        else:
            rows.append((kind, ["", "", "", "", ""]))
    return rows


def _assert_counted(rows: list[tuple[str, list[str]]], path: Path, first_row: int, **options: Any) -> None:
    if path.suffix == ".xlsx":  # an xlsx sheet ends at its last non-empty row: trailing blank rows do not exist
        while rows and rows[-1][0] == "blank":
            rows = rows[:-1]
    outcome = read_safely(path, **options)
    assert outcome.result is not None
    result = outcome.result
    assert result.records == len(rows)
    assert result.errors == ()
    in_bundle = {str(s.code) for plan in result.bundle.plans for s in plan.sub_activities()}
    noted_rows = {f.location.row for f in result.findings if f.location is not None}
    left_out = {f.location.row for f in result.findings if f.location is not None and leaves_rows_out(f)}
    kept = ("good", "bad_amount", "blank")
    for offset, (kind, cells) in enumerate(rows):
        row = first_row + offset
        if kind == "good":
            assert cells[0] in in_bundle and row not in noted_rows, (row, cells)
        elif kind == "blank":
            assert row not in noted_rows
        elif kind == "bad_amount":  # kept without its pagu, the cell named
            assert cells[0] in in_bundle and row in noted_rows and row not in left_out, (row, cells)
        else:
            assert row in left_out, (row, kind, cells, [f.path for f in result.findings])
    accounted = sum(1 for kind, _ in rows if kind in kept) + len(
        {first_row + i for i, (kind, _) in enumerate(rows) if kind not in kept} & left_out
    )
    assert accounted == result.records
    assert result.complete == all(kind in kept for kind, _ in rows)


@SETTINGS
@given(rows=messy_rows(), kind=st.sampled_from(["csv", "xlsx"]))
def test_every_spreadsheet_row_is_in_the_bundle_or_named_by_a_finding(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, list[str]]], kind: str
) -> None:
    folder = tmp_path_factory.mktemp("messy")
    cells = [r for _, r in rows]
    if kind == "csv":
        path = folder / "renja.csv"
        path.write_text(c.csv_text(c.renja_csv_lines(cells)), encoding="utf-8")
        options: dict[str, Any] = {"format": "csv", "mapping": "renja"}
    else:
        path = c.renja_workbook(folder / "renja.xlsx", rows=[[v or None for v in r] for r in cells])
        options = {"mapping": "renja"}
    _assert_counted(rows, path, first_row=3, **options)


SIPD_KINDS = ("good", "wrong_type", "not_object", "bad_code")


@SETTINGS
@given(
    kinds=st.lists(st.sampled_from(SIPD_KINDS), min_size=1, max_size=20), container=st.sampled_from(["list", "lines"])
)
def test_every_sipd_record_is_in_the_bundle_in_the_errors_or_named_by_a_finding(
    tmp_path_factory: pytest.TempPathFactory, kinds: list[str], container: str
) -> None:
    base = json.loads(c.SIPD_RECORD)
    records: list[Any] = []
    for index, kind in enumerate(kinds):
        record = dict(base, kode_sub_giat=CODES[index], nama_sub_giat=f"{CODES[index]} Sub kegiatan {index}")
        if kind == "wrong_type":
            record["pagu"] = {"nilai": 1}
        elif kind == "bad_code":
            record["kode_sub_giat"] = "1.02.02.2"
        records.append(record if kind != "not_object" else [record])
    folder = tmp_path_factory.mktemp("sipd")
    if container == "lines":
        path = folder / "records.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    else:
        path = folder / "records.json"
        path.write_text(json.dumps(records), encoding="utf-8")
    outcome = read_safely(path, format="sipd")
    assert outcome.result is not None
    result = outcome.result
    assert result.records == len(records)
    in_bundle = {str(s.code) for plan in result.bundle.plans for s in plan.sub_activities()}
    paths = {(e.location.json_path or "").split(".")[0] for e in result.errors}
    noted: dict[str, set[str]] = {"SKN005": set(), "SKN008": set()}
    for finding in result.findings:
        noted.setdefault(finding.rule, set()).add(
            (finding.location.json_path or "").split(".")[0] if finding.location else ""
        )
    for index, kind in enumerate(kinds):
        record = f"$[{index}]"
        if kind == "good":
            assert CODES[index] in in_bundle and record not in paths and not any(record in n for n in noted.values())
        elif kind == "wrong_type":  # kept without the value it could not read (SKN008)
            assert CODES[index] in in_bundle and record in noted["SKN008"] and record not in paths
        elif kind == "bad_code":  # cannot be placed: named by SKN005, left out whole, never half imported
            assert record in noted["SKN005"] and CODES[index] not in in_bundle and record not in paths
        else:  # cannot be read at all: a located error
            assert record in paths, (index, kind, [str(e) for e in result.errors])
            assert CODES[index] not in in_bundle


# -- round trips ------------------------------------------------------------------------------------
def _core(plan: Plan) -> list[tuple[Any, ...]]:
    """What the Renja layout and SIPD both carry of a plan's sub kegiatan."""
    year = plan.period.start

    def sub_view(sub: SubActivity) -> tuple[Any, ...]:
        budget = sub.budget_for(year)
        indicators = sorted((i.name, t.text if (t := i.target_for(year)) is not None else None) for i in sub.indicators)
        return (str(sub.code), sub.name, budget.amount if budget is not None else None, tuple(indicators))

    return sorted(sub_view(s) for s in plan.sub_activities())


@SETTINGS
@given(data=st.data())
def test_json_bundle_xlsx_sipd_round_trip(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    folder = tmp_path_factory.mktemp("trip")
    agency: Agency = data.draw(sst.agencies("62"))
    plan: Plan = data.draw(sst.plans(kind=PlanKind.RENJA_PD, agency_id=agency.id))
    bundle = Bundle(agencies=[agency], plans=[plan])
    # sinkron JSON: exact, through the connector as well as the converter
    assert loads(dumps(bundle), Bundle) == bundle
    json_path = sinkron.write(bundle, folder / "renja.json")
    assert sinkron.read(json_path).plans == bundle.plans
    # xlsx: the part the Renja layout carries
    xlsx_path = write_workbook(bundle, folder / "renja.xlsx")
    from_xlsx = sinkron.read(xlsx_path)
    (xlsx_plan,) = from_xlsx.plans
    assert (xlsx_plan.id, xlsx_plan.kind, xlsx_plan.period) == (plan.id, plan.kind, plan.period)
    assert _core(xlsx_plan) == _core(plan)
    # SIPD JSON: written from what xlsx gave, read back, written again identically
    sipd_path = folder / "renja-sipd.json"
    sipd_path.write_text(sipd_dumps(from_xlsx), encoding="utf-8")
    from_sipd = sinkron.read(sipd_path, format="sipd", plan_kind="renja_pd")
    assert [_core(p) for p in from_sipd.plans] == [_core(xlsx_plan)]
    assert sipd_dumps(from_sipd) == sipd_path.read_text(encoding="utf-8")
    # and back into sinkron JSON and xlsx again, still the same core
    again = write_workbook(from_sipd, folder / "again.xlsx")
    assert [_core(p) for p in sinkron.read(again).plans] == [_core(plan)]


def test_an_indicator_name_with_a_semicolon_survives_the_renja_layout(tmp_path: Path) -> None:
    """The shipped indikator of 2.18.05.2.01.0006 holds ' ; ': it stays one indicator beside another in its cell."""
    from sinkron.codes import Code
    from sinkron.models import Activity, Indicator, IndicatorKind, PlanPeriod, Program, Target, Value

    code = Code.parse("2.18.05.2.01.0006")
    name = default_nomenclature().entries()[code].indikator
    assert name is not None and " ; " in name
    agency = "2.18.0.00.0.00.01.0000"
    indicators = [
        Indicator(name=name, kind=IndicatorKind.OUTPUT, targets=[Target(year=2025, value=Value.parse("5 Kegiatan"))]),
        Indicator(
            name="Jumlah Laporan;",
            kind=IndicatorKind.OUTPUT,
            targets=[Target(year=2025, value=Value.parse("2 Laporan"))],
        ),
    ]
    sub = SubActivity(code=code, name="Pengawasan Penanaman Modal", agency_id=agency, indicators=indicators)
    activity = Activity(code=Code.parse("2.18.05.2.01"), name="Pengendalian", agency_id=agency, sub_activities=[sub])
    program = Program(code=Code.parse("2.18.05"), name="PROGRAM", agency_id=agency, activities=[activity])
    plan = Plan(
        id="renja", kind=PlanKind.RENJA_PD, title="Renja", period=PlanPeriod(start=2025, end=2025), programs=[program]
    )
    path = write_workbook(Bundle(plans=[plan], agencies=[Agency(code=agency, name="Dinas")]), tmp_path / "r.xlsx")
    outcome = read_safely(path)
    assert outcome.messages == [] and outcome.result is not None
    (read_plan,) = outcome.result.bundle.plans
    assert _core(read_plan) == _core(plan)
    (read_sub,) = read_plan.sub_activities()
    assert [i.name for i in read_sub.indicators] == [name, "Jumlah Laporan;"]


#: Amounts a spreadsheet number (a binary float) would round, and one it holds exactly (the float noise of 0.1 + 0.2).
PRECISE_AMOUNTS = ("123456789012345678", "999999999999999999.99", "9007199254740993", "12345678901234.56789")


@pytest.mark.parametrize("layout", ["renja", "rkpd-report"])
def test_amounts_beyond_a_spreadsheet_number_are_written_as_text_and_read_back_equal(
    tmp_path: Path, layout: str
) -> None:
    """Issue 25 item 11: such amounts were rounded silently (12.345.678.901.234.567 became …570.000)."""
    from sinkron.codes import Code
    from sinkron.models import Activity, Budget, Indicator, IndicatorKind, Money, PlanPeriod, Program, Target, Value

    agency = "1.02.0.00.0.00.01.0000"
    amounts = [*PRECISE_AMOUNTS, "0.30000000000000004"]
    subs = [
        SubActivity(
            code=Code.parse(f"1.02.02.2.02.{n + 1:04d}"),
            name=f"Sub kegiatan {n + 1}",
            agency_id=agency,
            budgets=[Budget(year=2025, amount=Money(amount))],
            indicators=[
                Indicator(
                    name="Cakupan",
                    kind=IndicatorKind.OUTPUT,
                    targets=[Target(year=2025, value=Value.of(amount.replace("99.99", "99.5"), "Orang"))],
                )
            ],
        )
        for n, amount in enumerate(amounts)
    ]
    activity = Activity(code=Code.parse("1.02.02.2.02"), name="Layanan", agency_id=agency, sub_activities=subs)
    program = Program(code=Code.parse("1.02.02"), name="PROGRAM", agency_id=agency, activities=[activity])
    kind = PlanKind.RENJA_PD if layout == "renja" else PlanKind.RKPD
    plan = Plan(id="p", kind=kind, title="Rencana", period=PlanPeriod(start=2025, end=2025), programs=[program])
    with pytest.warns(UserWarning, match=r"amount\(s\) have more digits than a spreadsheet number holds exactly"):
        path = write_workbook(Bundle(plans=[plan], agencies=[Agency(code=agency, name="Dinas")]), tmp_path / "p.xlsx")
    outcome = read_safely(path)
    assert outcome.result is not None and not outcome.errors, outcome.messages
    (read_plan,) = outcome.result.bundle.plans
    for written, read in zip(plan.sub_activities(), read_plan.sub_activities(), strict=True):
        assert read.budget_for(2025) == written.budget_for(2025)
        assert read.indicators[0].targets[0].value.number == written.indicators[0].targets[0].value.number
