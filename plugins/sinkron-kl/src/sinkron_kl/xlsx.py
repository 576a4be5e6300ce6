"""Reading xlsx sheets as plain rows (python-calamine), within sinkron-spreadsheet's read limits.

The national importers read fixed layouts (the SAKTI Kertas Kerja puts KODE in column B and
Jumlah in column V), so they need rows and cells, not a column mapping. Before parsing, a file goes
through :func:`sinkron_spreadsheet.check_xlsx` (a zip with ``xl/workbook.xml``, inflated size and
compression ratio within the limits, checksums, no DOCTYPE, and what the XML declares: cell references
within Excel's sheet, at most ``max_cells`` spanned by a sheet and ``max_strings`` shared strings, which
python-calamine would otherwise allocate for until the process aborts), as every xlsx sinkron reads. Rows are lists padded so
that index 0 is column A, numbered as the spreadsheet shows them (row 1 is the first row), whatever
the sheet's used range. The caps of :class:`sinkron_spreadsheet.ReadLimits` apply: rows and columns
beyond them, and overlong cells, are reported as located :class:`~sinkron.errors.SourceError`
values, never cut silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from sinkron.errors import Location, SourceError
from sinkron.numbers import parse_number
from sinkron_spreadsheet import ReadLimits, check_xlsx, open_calamine

__all__ = ["SheetRows", "cell_number", "cell_text", "column_letter", "read_sheets"]


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 → ``A``, 21 → ``V``, 26 → ``AA``.

    >>> column_letter(21), column_letter(32)
    ('V', 'AG')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@attrs.frozen
class SheetRows:
    """One sheet: its name and ``(row number, cells)`` pairs (1-based rows; cell 0 is column A)."""

    name: str
    rows: tuple[tuple[int, tuple[Any, ...]], ...]

    def __iter__(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        return iter(self.rows)


def read_sheets(
    path: Path, *, source: str, limits: ReadLimits | None = None, only: str | None = None
) -> tuple[list[SheetRows], list[SourceError]]:
    """Every sheet of an xlsx file (or the sheet ``only``), and the problems met reading them.

    A file that cannot be opened gives no sheets and one error saying why.
    """
    limits = limits or ReadLimits()
    where = Location(source=source)
    refused = check_xlsx(path, limits=limits, source=source)  # the gate every xlsx passes before calamine
    if refused is not None:
        return [], [refused]
    try:
        workbook = open_calamine(path)
    except Exception as exc:  # calamine raises its own error classes for every broken part
        return [], [SourceError(f"the xlsx workbook cannot be read: {exc}", location=where)]
    sheets: list[SheetRows] = []
    errors: list[SourceError] = []
    try:
        names = list(workbook.sheet_names)
        if only is not None and only not in names:
            return [], [SourceError("no such sheet", location=where, expected=", ".join(map(repr, names)), actual=only)]
        for name in names if only is None else [only]:
            sheets.append(_sheet(workbook, name, source, limits, errors))
    finally:
        workbook.close()
    return sheets, errors


def _sheet(workbook: Any, name: str, source: str, limits: ReadLimits, errors: list[SourceError]) -> SheetRows:
    sheet = workbook.get_sheet_by_name(name)
    first_row, first_col = sheet.start or (0, 0)
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for offset, values in enumerate(sheet.iter_rows()):
        number = first_row + offset + 1
        if number > limits.max_rows:
            errors.append(
                SourceError(
                    "the sheet has more rows than the read limit; reading stopped here",
                    location=Location(source=source, sheet=name, row=number),
                    expected=f"at most {limits.max_rows} rows (ReadLimits.max_rows)",
                )
            )
            break
        cells = [None] * first_col + list(values)
        if len(cells) > limits.max_columns:
            if any(not _blank(v) for v in cells[limits.max_columns :]):
                errors.append(
                    SourceError(
                        "the row has cells beyond the column limit; they were not read",
                        location=Location(source=source, sheet=name, row=number),
                        expected=f"at most {limits.max_columns} columns (ReadLimits.max_columns)",
                    )
                )
            cells = cells[: limits.max_columns]
        for index, value in enumerate(cells):
            if isinstance(value, str) and len(value) > limits.max_cell_length:
                errors.append(
                    SourceError(
                        "the cell is longer than the read limit; it was not read",
                        location=Location(source=source, sheet=name, row=number, column=column_letter(index)),
                        expected=f"at most {limits.max_cell_length} characters (ReadLimits.max_cell_length)",
                    )
                )
                cells[index] = None
        if any(not _blank(v) for v in cells):
            rows.append((number, tuple(cells)))
    return SheetRows(name=name, rows=tuple(rows))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as text with whitespace collapsed; whole numbers without ``.0``; empty for nothing.

    >>> cell_text(3996.0), cell_text("  Layanan\\n Perkantoran "), cell_text(None)
    ('3996', 'Layanan Perkantoran', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return " ".join(str(value).split())


def cell_number(value: Any) -> Decimal | None:
    """A numeric cell as a Decimal (``None`` when empty); text is read with :func:`sinkron.numbers.parse_number`.

    Raises ``ValueError`` for text that is not a number.

    >>> cell_number(2500000.0), cell_number("1.234.567"), cell_number("")
    (Decimal('2500000'), Decimal('1234567'), None)
    """
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        number = Decimal(repr(value))
        return number.quantize(Decimal(1)) if number == number.to_integral_value() else number
    return parse_number(str(value))
