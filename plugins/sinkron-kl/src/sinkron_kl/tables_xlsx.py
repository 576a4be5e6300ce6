"""Printable tables (Form 4, Form 5, the synchronisation matrix) as an xlsx workbook: one sheet per table.

Each sheet carries the title, the lines above the table, the header rows with their merged
cells (as the official forms print them), the column-number row, the rows (amounts as numbers
formatted ``#,##0``; several lines in one cell wrapped), and the notes. Text that a spreadsheet
program would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) is written with a leading
apostrophe, and control characters, which xlsx cannot hold, are written as visible escapes.
"""

from __future__ import annotations

import io
import re
from typing import Any

from sinkron.bridge import Cell, RowStyle, Table, TableSet, cell_text
from sinkron.errors import SinkronError
from sinkron.exporter import Exporter
from sinkron.models import Money
from sinkron.options import NoOptions
from sinkron.safe_text import neutralise

__all__ = ["TablesXlsxExporter", "render_tables_xlsx"]

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\']")


def _safe(text: str) -> str:
    return neutralise(_XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))


def _sheet_title(table: Table, index: int, used: set[str]) -> str:
    base = _SHEET_BAD.sub(" ", table.name or table.title).strip()[:31] or f"Tabel {index}"
    title = base
    n = 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.casefold())
    return title


def _write(sheet: Any, row: int, column: int, cell: Cell, *, money: bool, bold: bool) -> None:
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

    target = sheet.cell(row=row, column=column)
    if isinstance(cell, Money):
        target.value = cell.amount
        target.number_format = "#,##0"
    elif cell is not None:
        text = cell_text(cell)
        if text:
            target.value = _safe(text)
            target.data_type = "s"
    target.alignment = Alignment(wrap_text=True, vertical="top", horizontal="right" if money else None)
    if bold:
        target.font = Font(bold=True)


def render_tables_xlsx(obj: Table | TableSet) -> bytes:
    """A table or a set of tables as xlsx bytes."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    if isinstance(obj, TableSet):
        tables = obj.tables
    elif isinstance(obj, Table):
        tables = (obj,)
    else:
        raise SinkronError(f"expected a Table or TableSet, got {type(obj).__name__}")
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    thin = Side(style="thin", color="8C8F94")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="DCDCDE")
    group_fill = PatternFill("solid", fgColor="F6F7F7")
    if not tables:
        workbook.create_sheet("Tabel").cell(row=1, column=1, value="Tidak ada tabel.")
    for index, table in enumerate(tables, start=1):
        sheet = workbook.create_sheet(_sheet_title(table, index, used))
        width = len(table.columns)
        row = 1
        _write(sheet, row, 1, table.title, money=False, bold=True)
        row += 1
        for line in table.subtitle:
            _write(sheet, row, 1, line, money=False, bold=False)
            row += 1
        row += 1
        top = row
        for header in table.header_rows():
            for head in header:
                target = sheet.cell(row=row, column=head.column + 1, value=_safe(head.label))
                target.data_type = "s"
                target.font = Font(bold=True)
                target.fill = header_fill
                target.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
                if head.colspan > 1 or head.rowspan > 1:
                    sheet.merge_cells(
                        start_row=row,
                        start_column=head.column + 1,
                        end_row=row + head.rowspan - 1,
                        end_column=head.column + head.colspan,
                    )
            row += 1
        if table.numbered:
            for column in range(1, width + 1):
                target = sheet.cell(row=row, column=column, value=f"({column})")
                target.alignment = Alignment(horizontal="center")
            row += 1
        for table_row in table.rows:
            bold = table_row.style in (RowStyle.GROUP, RowStyle.TOTAL)
            if table_row.style is RowStyle.NOTE:
                _write(sheet, row, 1, table_row.cells[0], money=False, bold=False)
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            else:
                for column, (spec, cell) in enumerate(zip(table.columns, table_row.cells), start=1):
                    _write(sheet, row, column, cell, money=spec.kind in ("money", "number"), bold=bold)
                    if table_row.style is RowStyle.GROUP:
                        sheet.cell(row=row, column=column).fill = group_fill
            row += 1
        for r in range(top, row):
            for column in range(1, width + 1):
                sheet.cell(row=r, column=column).border = border
        row += 1
        for note in table.notes:
            _write(sheet, row, 1, note, money=False, bold=False)
            row += 1
        for column, spec in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = spec.width or 14
        sheet.freeze_panes = sheet.cell(row=top + table.depth + (1 if table.numbered else 0), column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class TablesXlsxExporter(Exporter):
    """Form 4, Form 5 and matrix tables as an xlsx workbook (one sheet per table)."""

    name = "tables-xlsx"
    formats = ("xlsx",)
    extension = ".xlsx"
    accepts = (Table, TableSet)
    requires = ("openpyxl",)
    install = "./plugins/sinkron-kl (or sinkron-kl)"
    binary = True
    description = "printable tables (Form 4, Form 5, synchronisation matrix) as an xlsx workbook"
    render_options = NoOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        return render_tables_xlsx(obj)
