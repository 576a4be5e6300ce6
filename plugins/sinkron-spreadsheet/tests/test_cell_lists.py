"""Several entries in one cell: separated by ';' and a line break, so a ';' inside a name stays in the name."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spreadsheet_builders import sheet
from test_renja import HEADER

from sinkron import (
    Activity,
    Agency,
    Bundle,
    Code,
    Indicator,
    IndicatorKind,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    SubActivity,
    Target,
    Value,
)
from sinkron_spreadsheet import read_spreadsheet, write_workbook
from sinkron_spreadsheet.cells import clean_text, join_list, split_list

#: Names made of words, ';', spaces and line breaks in any order (what a name can hold around a ';').
names = st.lists(st.sampled_from(["Jumlah", "Usaha", ";", " ", "\n", "\r\n", "\t", "; ", ";\n"]), max_size=8).map(
    "".join
)


@settings(max_examples=200, deadline=None)
@given(st.lists(names.filter(lambda n: clean_text(n) != ""), max_size=5))
def test_joined_entries_split_back_as_written(entries: list[str]) -> None:
    assert split_list(join_list(entries)) == [clean_text(entry) for entry in entries]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Indeks A;\nIndeks B", ["Indeks A", "Indeks B"]),
        ("Indeks A; \r\nIndeks B;\n", ["Indeks A", "Indeks B"]),
        ("Inspeksi Lapangan ; serta Evaluasi", ["Inspeksi Lapangan ; serta Evaluasi"]),
        ("Indeks A;Indeks B", ["Indeks A;Indeks B"]),  # no line break: one name
        ("Indeks A\nIndeks B", ["Indeks A Indeks B"]),  # a stray line break: one name
    ],
)
def test_the_separator_is_a_semicolon_before_a_line_break(cell: str, expected: list[str]) -> None:
    assert split_list(cell) == expected


def test_a_renja_cell_with_a_semicolon_inside_a_name(tmp_path: Path) -> None:
    name = "Jumlah Usaha yang Diinspeksi Lapangan ; serta Dievaluasi"
    row = [
        "1.02.02.2.02.0001",
        "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        None,
        None,
        f"{name};\nJumlah Laporan",
        "5 Usaha;\n2 Laporan",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        1000,
        None,
    ]
    result = read_spreadsheet(sheet(tmp_path / "renja.xlsx", HEADER, [row], title="Renja"), year=2026)
    assert result.errors == ()
    (sub,) = result.bundle.plans[0].sub_activities()
    assert [(i.name, i.targets[0].value) for i in sub.indicators] == [
        (name, Value.parse("5 Usaha")),
        ("Jumlah Laporan", Value.parse("2 Laporan")),
    ]


def _default_id(name: str) -> str:
    """The id the reader gives an indicator of that name (names told apart only by ';' share one)."""
    return Indicator(name=name).id


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(names.map(clean_text).filter(bool), min_size=1, max_size=3, unique_by=_default_id),
    st.sampled_from(["renja", "rkpd-report"]),
)
def test_indicator_names_with_semicolons_survive_a_written_workbook(
    tmp_path: Path, written: list[str], layout: str
) -> None:
    agency = "1.02.0.00.0.00.01.0000"
    indicators = [
        Indicator(
            name=name,
            id=f"i{n}",
            kind=IndicatorKind.OUTPUT,
            targets=[Target(year=2026, value=Value.parse(f"{n + 1} Orang"))],
        )
        for n, name in enumerate(written)
    ]
    sub = SubActivity(
        code=Code.parse("1.02.02.2.02.0001"),
        name="Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        agency_id=agency,
        indicators=indicators,
    )
    activity = Activity(code=Code.parse("1.02.02.2.02"), name="Kegiatan", agency_id=agency, sub_activities=[sub])
    program = Program(code=Code.parse("1.02.02"), name="Program", agency_id=agency, activities=[activity])
    kind = PlanKind.RENJA_PD if layout == "renja" else PlanKind.RKPD
    plan = Plan(id="p", kind=kind, title="Rencana", period=PlanPeriod(start=2026, end=2026), programs=[program])
    path = write_workbook(Bundle(plans=[plan], agencies=[Agency(code=agency, name="Dinas")]), tmp_path / "w.xlsx")
    result = read_spreadsheet(path)
    assert result.errors == ()
    (read_sub,) = result.bundle.plans[0].sub_activities()
    assert [(i.name, i.targets[0].value) for i in read_sub.indicators] == [
        (i.name, i.targets[0].value) for i in indicators
    ]
