"""The spreadsheet connectors: ``xlsx`` (read and write) and ``csv`` (read)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sinkron.connector import Connector, ReadResult, Source
from sinkron.models import Bundle
from sinkron.progress import Progress
from sinkron_spreadsheet.meetings import is_meeting_file, read_meeting
from sinkron_spreadsheet.reader import read_spreadsheet

__all__ = ["CsvConnector", "XlsxConnector"]


class XlsxConnector(Connector):
    """Reads xlsx workbooks in the built-in layouts or with a column mapping; writes them back.

    Options: ``mapping`` (layout name, ``NAME@YEAR``, mapping file or dict), ``sheet``, ``year``,
    ``start_year``, ``plan_id``, ``title``, ``kind``, ``agency``, ``nomenclature``, ``sub_activity`` (the sub
    kegiatan of a Form Rincian). Writing takes
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

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        if _meeting(source, options, "xlsx"):
            return read_meeting(source, format="xlsx")
        return read_spreadsheet(source, progress=progress, format="xlsx", **options)

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

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        if _meeting(source, options, "csv"):
            return read_meeting(source, format="csv", encoding=options.get("encoding"))
        return read_spreadsheet(source, progress=progress, format="csv", **options)


def _meeting(source: Source, options: dict[str, Any], format: str) -> bool:
    """A meeting workbook: asked for (``mapping="meeting"``) or detected when no mapping is given."""
    mapping = options.get("mapping")
    if mapping == "meeting":
        return True
    return mapping is None and is_meeting_file(source, format=format)
