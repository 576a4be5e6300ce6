"""The Form Rincian Renja/DPA/DPPA: rincian belanja of one sub kegiatan, read into its budget lines.

The files are written here with openpyxl in the template's shape (synthetic rows), with and without
the defects real files carry.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook  # type: ignore[import-untyped]

import sinkron
import sinkron.source_findings
from sinkron import BudgetKind, BudgetLine, Money, PriceStandard, SubActivity
from sinkron.nomenclature import default_nomenclature
from sinkron.testing import strategies as sst
from sinkron_spreadsheet import read_spreadsheet

HEADER = (
    "KODE AKUN",
    "URAIAN",
    "JENIS KELOMPOK",
    "KELOMPOK",
    "JENIS KOMPONEN",
    "NAMA KOMPONEN",
    "HARGA SAT. KOMPONEN",
    "SATUAN KOMPONEN",
    "SATUAN",
    "VOLUME",
    "JUMLAH",
    "KODE SUMBER DANA",
    "KETERANGAN",
)
SUB = "1.02.02.2.02.0001"
FUND = "1.2.1.01.02"


def row(
    account: Any,
    component: Any,
    price: Any,
    volume: Any,
    unit: Any,
    amount: Any,
    *,
    standard: str = "ssh",
    group: str = "Alat Tulis Kantor",
    note: Any = None,
) -> list[Any]:
    return [
        account,
        "Belanja Alat Tulis Kantor",
        "kelompok",
        group,
        standard,
        component,
        price,
        "Buah",
        unit,
        volume,
        amount,
        FUND,
        note,
    ]


CONSISTENT = [
    row("5.1.02.01.01.0024", "Pulpen", 4000, 10, "Buah", 40000),
    row("5.1.02.01.01.0024", "Map Plastik", 2500, 20, "Buah", 50000),
    row("5.1.02.01.01.0025", "Fotokopi", 250, "150;3", "lembar;bulan", 112500, group="Penggandaan"),
    row("5.1.02.01.01.0052", "Kue Rapat", 12000, "25;4", "orang;kali", 1200000, standard="sbu"),
]
CONSISTENT_TOTAL = 40000 + 50000 + 112500 + 1200000


def write_form(
    path: Path, rows: list[list[Any]], *, preamble: tuple[tuple[str, ...], ...] = (), total: Any = None
) -> Path:
    """A Form Rincian sheet: optional lines above the header, the header, the rows, an optional JUMLAH row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "renja dpa"
    for line in preamble:
        sheet.append(list(line))
    sheet.append(list(HEADER))
    for values in rows:
        sheet.append(values)
    if total is not None:
        sheet.append([None, "JUMLAH", *([None] * 8), total])
    workbook.save(path)
    return path


TITLE = (("RINCIAN BELANJA SUB KEGIATAN",), ("Tahun : 2026",), (f"Sub Kegiatan : {SUB}",))


def test_a_consistent_form_reads_into_the_sub_kegiatan_with_no_finding(tmp_path: Path) -> None:
    path = write_form(
        tmp_path / "rincian.xlsx",
        CONSISTENT,
        preamble=(*TITLE, (f"Pagu : {CONSISTENT_TOTAL}",)),
        total=CONSISTENT_TOTAL,
    )
    result = read_spreadsheet(path)
    assert result.errors == () and result.complete
    assert result.bundle.source_findings == ()
    assert "layout rincian (detected from the header in row 5)" in result.bundle.sources[1]
    (plan,) = result.bundle.plans
    assert plan.period.start == 2026
    (program,) = plan.programs
    assert str(program.code) == "1.02.02"
    (activity,) = program.activities
    (sub,) = activity.sub_activities
    entry = default_nomenclature().lookup(SUB, 2026)
    assert entry is not None and sub.code == entry.code and sub.name == entry.name
    assert sub.budget_for(2026) == Money(CONSISTENT_TOTAL) == program.budget_for(2026)
    assert [line.component for line in sub.budget_lines] == ["Pulpen", "Map Plastik", "Fotokopi", "Kue Rapat"]
    copy = sub.budget_lines[2]
    assert copy.volumes == (Decimal(150), Decimal(3)) and copy.units == ("lembar", "bulan")
    assert copy.amount == copy.computed_amount == Money(112500)
    assert (copy.account, copy.group, copy.group_kind, copy.standard, copy.funding_code) == (
        "5.1.02.01.01.0025",
        "Penggandaan",
        "kelompok",
        PriceStandard.SSH,
        FUND,
    )
    assert sub.budget_lines[3].standard is PriceStandard.SBU
    assert copy.provenance is not None and copy.provenance.row == 8


def test_the_read_option_names_the_sub_kegiatan_and_the_year_when_the_sheet_does_not(tmp_path: Path) -> None:
    path = write_form(tmp_path / "rincian.xlsx", CONSISTENT)
    missing = read_spreadsheet(path, year=2026)
    (error,) = missing.errors
    assert "sub kegiatan of the rincian is unknown" in error.message and "-R sub_activity=" in str(error.expected)
    other = "1.02.02.2.02.0002"
    result = read_spreadsheet(path, year=2026, sub_activity=other)
    assert result.errors == ()
    (sub,) = result.bundle.plans[0].programs[0].activities[0].sub_activities
    assert str(sub.code) == other and len(sub.budget_lines) == 4
    assert sub.budget_for(2026) == Money(CONSISTENT_TOTAL)  # no pagu line: the sum of the lines
    # The option wins over the sheet's line; a name after the code is kept as written.
    titled = write_form(tmp_path / "titled.xlsx", CONSISTENT, preamble=TITLE)
    named = read_spreadsheet(titled, sub_activity=f"{other} Nama Sub Kegiatan Lokal")
    (sub,) = named.bundle.plans[0].programs[0].activities[0].sub_activities
    assert (str(sub.code), sub.name) == (other, "Nama Sub Kegiatan Lokal")
    wrong = read_spreadsheet(titled, sub_activity="1.02.02")
    assert "cannot be used" in wrong.errors[0].message


DEFECTS = [
    row("5.1.02.01.01.0024", "Pulpen", 4000, 10, "Buah", 45000),  # row 5: jumlah off by 5.000 → SKN012
    row("5.1.02.01.01.0024", "Map Plastik", 2500, 20, "Buah", None),  # row 6: empty jumlah → SKN013 (50.000)
    row(None, "Kertas", 50000, 2, "Rim", 100000),  # row 7: no kode akun → SKN005
    row("5.1.02.01.01.0025", "Fotokopi", 250, "150;tiga", "lembar;bulan", 112500),  # row 8: volume → SKN005
    [None] * 13,  # row 9: blank
    row("5.1.02.01.01.0025", "Jilid", 10000, "5;2", "dokumen", 100000),  # row 10: 1 satuan for 2 volumes → SKN008
    row("5.1.02.01.01.0052", "Kue", 12000, 10, "orang", 120000, standard="hps"),  # row 11: unknown kind → SKN008
    row(
        "5.1.02.01.01.0052", "Air Mineral", 1000, 10, "orang", "10.000,4"
    ),  # row 12: within the Rp 1 tolerance: no finding
    row("5.1.02.01.01.0024", None, 3000, 2, "Buah", 6000),  # row 13: no component → SKN005
]


def test_defects_are_findings_and_every_row_is_accounted_for(tmp_path: Path) -> None:
    lines_sum = 45000 + 50000 + 100000 + 120000 + Decimal("10000.4")
    path = write_form(
        tmp_path / "rincian.xlsx",
        DEFECTS,
        preamble=(("Tahun : 2026",), (f"Sub Kegiatan : {SUB}",), ("Pagu : 400.000",)),
        total=999000,
    )
    result = read_spreadsheet(path)
    assert result.errors == ()
    assert not result.complete  # rows were left out, and named
    by_row = {(f.rule, f.location.row if f.location else None) for f in result.findings}
    assert by_row == {
        ("SKN012", 5),
        ("SKN013", 6),
        ("SKN005", 7),
        ("SKN005", 8),
        ("SKN008", 10),
        ("SKN008", 11),
        ("SKN005", 13),
        ("SKN001", 14),
        ("SKN001", 3),
    }
    findings = {(f.rule, f.location.row if f.location else None): f for f in result.findings}
    off = findings[("SKN012", 5)]
    assert off.evidence["expected"] == "40000" and off.evidence["found"] == "45000"
    assert off.location is not None and off.location.column == "K"
    assert findings[("SKN013", 6)].severity is sinkron.Severity.INFO
    assert findings[("SKN008", 10)].severity is sinkron.Severity.WARNING
    total = findings[("SKN001", 14)]
    assert total.evidence == {"expected": str(lines_sum), "found": "999000", "field": "amount"}
    pagu = findings[("SKN001", 3)]
    assert pagu.evidence["found"] == "400000"
    (sub,) = result.bundle.plans[0].programs[0].activities[0].sub_activities
    assert sub.budget_for(2026) == Money(400000)  # the pagu as written, the difference reported
    lines = {line.provenance.row: line for line in sub.budget_lines if line.provenance is not None}
    assert sorted(lines) == [5, 6, 10, 11, 12]
    assert lines[5].amount == Money(45000) and lines[6].amount == Money(50000)
    assert lines[10].units == () and lines[10].extra == {"satuan": "dokumen"}
    assert lines[11].standard is None and lines[11].extra == {"jenis_komponen": "hps"}
    # Rows in the sheet = title lines + header + lines read + rows reported + blank + total.
    reported = {f.location.row for f in result.findings if sinkron.source_findings.leaves_rows_out(f) and f.location}
    assert reported == {7, 8, 13}
    assert 3 + 1 + len(lines) + len(reported) + 1 + 1 == 14
    strict = sinkron.read_result(path, strict=True)
    assert not strict.complete
    assert {e.message.split()[0] for e in strict.errors} == {"SKN001", "SKN005", "SKN012"}  # not the warnings


def _form_row(line: BudgetLine) -> list[Any]:
    volume: Any = ";".join(format(v, "f") for v in line.volumes) if len(line.volumes) > 1 else int(line.volumes[0])
    return [
        line.account,
        line.description,
        line.group_kind,
        line.group,
        line.standard.value if line.standard else None,
        line.component,
        int(line.unit_price.amount),
        line.component_unit,
        ";".join(line.units) or None,
        volume,
        int(line.amount.amount),
        line.funding_code,
        line.note,
    ]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(sst.sub_activities(), min_size=1, max_size=3))
def test_consistent_generated_forms_read_back_with_no_finding(tmp_path: Path, subs: list[SubActivity]) -> None:
    lines = [line for sub in subs for line in sub.budget_lines]
    if not lines:
        lines = [
            BudgetLine(
                account="5.1.02.01.01.0024", component="Pulpen", unit_price=Money(100), volumes=[1], amount=Money(100)
            )
        ]
    path = write_form(
        tmp_path / "generated.xlsx",
        [_form_row(line) for line in lines],
        preamble=TITLE,
        total=int(sum(line.amount.amount for line in lines)),
    )
    result = read_spreadsheet(path, mapping="rincian")
    assert result.errors == () and result.findings == ()
    (sub,) = result.bundle.plans[0].programs[0].activities[0].sub_activities
    assert sub.budget_lines == tuple(lines)
    assert sub.budget_for(2026, BudgetKind.INDICATIVE) == Money.total(line.amount for line in lines)


def test_the_real_form_reads(shared_reference: Path) -> None:
    path = shared_reference / "sesendok" / "filled" / "form_rincian_renja_dpa_dppa.xlsx"
    result = sinkron.read_result(path, year=2024, sub_activity="5.01.01.2.01.0001")
    assert result.errors == () and result.complete
    (sub,) = result.bundle.plans[0].programs[0].activities[0].sub_activities
    # The real form leaves every JUMLAH empty: each line is computed and reported as computed.
    assert len(sub.budget_lines) == 11
    assert Counter(f.rule for f in result.findings) == {"SKN013": 11}
    assert any(len(line.volumes) == 2 and len(line.units) == 2 for line in sub.budget_lines)
    assert sub.budget_for(2024) == Money.total(line.computed_amount for line in sub.budget_lines)


def test_the_writer_does_not_pretend_to_write_the_read_only_layouts(tmp_path: Path) -> None:
    from sinkron.errors import SinkronError
    from sinkron_spreadsheet import write_workbook

    bundle = read_spreadsheet(write_form(tmp_path / "rincian.xlsx", CONSISTENT, preamble=TITLE)).bundle
    with pytest.raises(SinkronError, match="does not write the layout 'rincian'"):
        write_workbook(bundle, tmp_path / "out.xlsx", layout="rincian")
