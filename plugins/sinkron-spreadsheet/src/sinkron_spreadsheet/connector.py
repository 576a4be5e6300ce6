"""The spreadsheet connectors: ``xlsx`` (read and write) and ``csv`` (read)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sinkron.connector import Connector, ReadResult, Source
from sinkron.models import Bundle
from sinkron.progress import Progress
from sinkron_spreadsheet.meetings import is_meeting_workbook, read_meeting, read_meeting_workbook
from sinkron_spreadsheet.read_options import SpreadsheetReadOptions
from sinkron_spreadsheet.reader import read_workbook, spreadsheet_options
from sinkron_spreadsheet.workbook import Workbook, with_workbook

__all__ = ["CsvConnector", "SpreadsheetReadOptions", "XlsxConnector"]


class XlsxConnector(Connector):
    """Reads xlsx workbooks in the built-in layouts or with a column mapping; writes them back.

    Options: :class:`SpreadsheetReadOptions` (``mapping``, ``sheet``, ``year``, ``start_year``,
    ``plan_id``, ``title``, ``kind``, ``agency``, ``nomenclature``, ``limits``, ``sub_activity`` (the sub
    kegiatan of a Form Rincian) …). Writing takes
    ``layout`` (default: by plan kind). A meeting workbook (a ``Rapat`` sheet and a meeting table, see
    :func:`~sinkron_spreadsheet.meetings.is_meeting_file`; or ``mapping="meeting"``) is read into a
    Meeting (:mod:`sinkron_spreadsheet.meetings`).
    """

    name = "spreadsheet"
    formats = ("xlsx", "xlsm", "spreadsheet")
    extensions = (".xlsx", ".xlsm")
    requires = ("python_calamine", "openpyxl")
    install = "sinkron-spreadsheet"
    description = (
        "Renstra PD, Renja/DPA, tujuan/sasaran, RKPD report, Form Rincian and OPD list workbooks; column mappings"
    )
    read_options = SpreadsheetReadOptions

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        return _read(source, "xlsx", progress, options)

    def write(self, bundle: Bundle, target: Path, **options: Any) -> None:
        from sinkron_spreadsheet.writer import write_workbook

        write_workbook(bundle, target, **options)


class CsvConnector(Connector):
    """Reads csv exports (UTF-8 with or without BOM, or Windows-1252; ``,`` ``;`` tab or ``|``)."""

    name = "spreadsheet-csv"
    formats = ("csv",)
    extensions = (".csv", ".tsv")
    requires = ()
    install = "sinkron-spreadsheet"
    description = "csv exports of the spreadsheet layouts; column mappings"
    read_options = SpreadsheetReadOptions

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        return _read(source, "csv", progress, options)


def _read(source: Source, format: str, progress: Progress | None, options: dict[str, Any]) -> ReadResult:
    """A meeting workbook when asked for (``mapping="meeting"``) or, without a mapping, when the file is one;
    else the plans. The file is opened once: meeting detection and reading share the workbook."""
    settings = spreadsheet_options(source, options)
    if settings.mapping == "meeting":
        return read_meeting(source, format=format, encoding=settings.encoding)
    text = str(source)

    def read(workbook: Workbook) -> ReadResult:
        if settings.mapping is None and is_meeting_workbook(workbook):
            return read_meeting_workbook(workbook, text)
        return read_workbook(workbook, text, settings, progress)

    return with_workbook(source, read, format=format, encoding=settings.encoding, limits=settings.limits)
