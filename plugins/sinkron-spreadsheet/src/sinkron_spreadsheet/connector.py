"""The spreadsheet connectors: ``xlsx`` (read and write) and ``csv`` (read)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from sinkron.connector import Connector, ReadResult, Source
from sinkron.models import Agency, Bundle, PlanKind
from sinkron.nomenclature import Nomenclature
from sinkron.options import option
from sinkron.progress import Progress
from sinkron_spreadsheet.limits import ReadLimits
from sinkron_spreadsheet.meetings import is_meeting_file, read_meeting
from sinkron_spreadsheet.reader import read_spreadsheet

__all__ = ["CsvConnector", "SpreadsheetReadOptions", "XlsxConnector"]


def _limits(value: Any) -> ReadLimits | None:
    return None if value is None else ReadLimits.of(value)


@attrs.frozen(kw_only=True)
class SpreadsheetReadOptions:
    """The read options of the xlsx and csv connectors (see :func:`~sinkron_spreadsheet.read_spreadsheet`)."""

    mapping: Any = option(
        None,
        "Layout: a built-in name (renstra, renja, tujuan-sasaran, rkpd-report, rincian, opd, meeting), NAME@YEAR, a mapping "
        "file or a dict; detected from each sheet's header when not given.",
    )
    sheet: str | None = option(None, "Read only this sheet (xlsx).")
    encoding: str | None = option(
        None, "Text encoding of a csv file (UTF-8 with or without BOM, or Windows-1252, by default)."
    )
    year: int | None = option(None, "Plan year of a yearly plan, when the file does not give it.")
    start_year: int | None = option(None, "First year of a Renstra period, when the file does not give it.")
    plan_id: str | None = option(None, "Id of the plan read (made from kind, agency and year by default).")
    title: str | None = option(None, "Title of the plan read (from the file by default).")
    kind: PlanKind | None = option(None, "Plan kind (from the file or the layout by default).")
    agency: Agency | None = option(None, "The perangkat daerah the plan belongs to (Python API).")
    nomenclature: Nomenclature | None = option(None, "Catalogue for codes and names (the shipped one by default).")
    limits: Any = option(
        None,
        "Caps on what is read: a ReadLimits, or a dict of some of its fields (max_rows, max_columns …).",
        converter=_limits,
    )
    sub_activity: str | None = option(
        None, "The sub kegiatan a Form Rincian belongs to: its code, optionally followed by its name."
    )


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
    read_options = SpreadsheetReadOptions

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
