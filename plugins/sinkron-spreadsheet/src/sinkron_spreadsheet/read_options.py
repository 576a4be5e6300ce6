"""The read options of the spreadsheet reader, declared once.

:func:`~sinkron_spreadsheet.read_spreadsheet` takes them as keywords, the ``xlsx`` and ``csv``
connectors declare them (``sinkron plugins`` and the command line's ``--read-option`` are written from
this class), and the reader passes the one object from the file down to each sheet.
"""

from __future__ import annotations

from typing import Any

import attrs

from sinkron.models import Agency, PlanKind
from sinkron.nomenclature import Nomenclature
from sinkron.options import option
from sinkron_spreadsheet.limits import ReadLimits

__all__ = ["SpreadsheetReadOptions"]


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
    limits: Any = option(  # structured by the converter: its errors are ReadLimits.of's
        None,
        "Caps on what is read: a ReadLimits, or a dict of some of its fields (max_rows, max_columns …).",
        converter=_limits,
    )
    sub_activity: str | None = option(
        None, "The sub kegiatan a Form Rincian belongs to: its code, optionally followed by its name."
    )
