"""Form 4 / matrix tables written as xlsx: merged headers, amounts as numbers, text guarded against formulas."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

import sinkron
from sinkron.bridge import Column, RowStyle, Table, TableRow, TableSet
from sinkron.cli import main
from sinkron.models import Money
from sinkron_kl import render_tables_xlsx


def test_workbook_layout(tmp_path: Path) -> None:
    table = Table(
        title="FORM 4",
        subtitle=["Pemerintah Daerah : Kota Palangka Raya"],
        numbered=True,
        name="Form 4 62.71",
        columns=[
            Column(("NO",)),
            Column(("RPJMN", "PRIORITAS")),
            Column(("RPJMN", "TARGET")),
            Column(("PAGU (Rp)",), kind="money"),
        ],
        rows=[
            TableRow(("1", '=HYPERLINK("http://x")', ("7,0–8,0", "4,5–5,0"), Money(1_500_000)), style=RowStyle.GROUP),
            TableRow(("bell\x07",), style=RowStyle.NOTE),
        ],
        notes=["Catatan kaki"],
    )
    path = tmp_path / "form4.xlsx"
    path.write_bytes(render_tables_xlsx(TableSet(title="Form 4", tables=[table, table])))
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Form 4 62.71", "Form 4 62.71 (2)"]
    sheet = workbook["Form 4 62.71"]
    assert sheet["A1"].value == "FORM 4" and sheet["A2"].value == "Pemerintah Daerah : Kota Palangka Raya"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A4:A5", "B4:C4", "D4:D5", "A8:D8"} <= merged
    assert [sheet.cell(row=6, column=c).value for c in range(1, 5)] == ["(1)", "(2)", "(3)", "(4)"]
    assert sheet["B7"].value == '\'=HYPERLINK("http://x")' and sheet["B7"].data_type == "s"
    assert sheet["C7"].value == "7,0–8,0\n4,5–5,0" and Decimal(sheet["D7"].value) == 1_500_000
    assert sheet["D7"].number_format == "#,##0" and sheet["A7"].font.bold
    assert sheet["A8"].value == "bell\\x07" and sheet["A10"].value == "Catatan kaki"


def test_report_cli_writes_form4_and_matrix_of_the_demo(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "form4.xlsx"
    result = runner.invoke(main, ["report", "form4", "--demo", "--output", str(out)])
    assert result.exit_code == 0, result.output
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Form 4 62", "Form 4 62.02", "Form 4 62.71"]
    title = workbook["Form 4 62.71"]["A1"].value
    assert title.startswith("FORM 4: REKAPITULASI PROGRAM, KEGIATAN, DAN SUBKEGIATAN PENDUKUNG PRIORITAS NASIONAL")
    matrix = tmp_path / "matriks.xlsx"
    result = runner.invoke(main, ["report", "matrix", "--demo", "--format", "xlsx", "-o", str(matrix)])
    assert result.exit_code == 0, result.output
    assert load_workbook(matrix).sheetnames
    assert sinkron.PluginManager().exporter_for(TableSet(title="x", tables=[]), "xlsx").name == "tables-xlsx"
