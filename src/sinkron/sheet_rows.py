"""The rows of a small xlsx sheet the core reads itself (the suggestions review sheet, BPS poverty tables).

Plans are read by the spreadsheet plugin; these few tables are read here with openpyxl (installed with
sinkron-spreadsheet), the file opened by sinkron so that it is closed also when openpyxl refuses it half-way
(entities, a bad zip), and every failure a located :class:`~sinkron.errors.SourceError`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sinkron.errors import ConnectorUnavailable, Location, SourceError

__all__ = ["openpyxl_module", "xlsx_rows"]


def openpyxl_module(what: str) -> Any:
    """openpyxl, or :class:`~sinkron.errors.ConnectorUnavailable` naming ``what`` needs it."""
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - openpyxl comes with sinkron-spreadsheet
        raise ConnectorUnavailable(
            what, "./plugins/sinkron-spreadsheet (or openpyxl)", "openpyxl is not installed"
        ) from None
    return openpyxl


def xlsx_rows(
    path: Path, sheet: str | None, *, what: str, expected: str, preferred: str | None = None
) -> tuple[str, list[list[Any]]]:
    """The name and the cell values (cached values, not formulas) of one sheet of ``path``.

    ``sheet`` names it; without it ``preferred`` when the workbook has such a sheet, else the first one.
    ``what`` names the table for a missing openpyxl, ``expected`` what an unreadable file should have been.
    """
    openpyxl = openpyxl_module(what)
    try:
        opened = path.open("rb")
    except OSError as exc:
        raise SourceError(f"cannot open the file: {exc.strerror or exc}", location=Location(source=str(path))) from None
    with opened as stream:
        try:
            workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds (zip, xml, key errors) for a bad file
            raise SourceError(
                f"not a readable xlsx file ({type(exc).__name__})",
                location=Location(source=str(path)),
                expected=expected,
            ) from None
        try:
            if sheet is not None and sheet not in workbook.sheetnames:
                raise SourceError(
                    "no such sheet",
                    location=Location(source=str(path), sheet=sheet),
                    expected=", ".join(workbook.sheetnames),
                    actual=sheet,
                )
            name: str = sheet or (
                preferred if preferred is not None and preferred in workbook.sheetnames else workbook.sheetnames[0]
            )
            rows = [list(values) for values in workbook[name].iter_rows(values_only=True)]
        finally:
            workbook.close()
    return name, rows
