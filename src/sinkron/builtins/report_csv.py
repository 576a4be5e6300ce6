"""Built-in plugin: the report's findings as csv — one row per finding, for spreadsheets and scripts.

Columns: ``rule``, ``severity``, ``subject``, ``path``, ``message_id``, ``message_en``, ``evidence``
(JSON), ``fix_id``, ``fix_en``, ``source``, ``sheet``, ``row``. The file is UTF-8 with a byte-order
mark (so Excel reads it as UTF-8) and CRLF line ends. Options: ``delimiter`` (``","`` by default;
``";"`` suits spreadsheet programs set to Indonesian, where the comma is the decimal mark).

Text from the data can be hostile: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return would run as a formula when the file is opened. Such text is written with a
leading apostrophe (:func:`neutralise`), as in every xlsx sinkron writes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from sinkron.align.report import Report
from sinkron.errors import SinkronError
from sinkron.exporter import Exporter
from sinkron.plugins.hookspecs import hookimpl
from sinkron.safe_text import FORMULA_STARTS, neutralise

__all__ = ["COLUMNS", "FORMULA_STARTS", "ReportCsvExporter", "neutralise", "render_csv"]

#: The header row.
COLUMNS = (
    "rule",
    "severity",
    "subject",
    "path",
    "message_id",
    "message_en",
    "evidence",
    "fix_id",
    "fix_en",
    "source",
    "sheet",
    "row",
    "perangkat_daerah",
)

_DELIMITERS = (",", ";", "\t")


def render_csv(report: Report, *, delimiter: str = ",") -> str:
    """The findings of ``report`` as csv text (see the module docs)."""
    if delimiter not in _DELIMITERS:
        raise SinkronError(f"unknown csv delimiter {delimiter!r}; use one of ',', ';' or a tab")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    # the perangkat daerah that must act on each finding (the report's per-OPD follow-up), by name
    owners = {id(f): group.name or "" for group in report.agencies for f in group.findings}
    for finding in report.findings:
        location = finding.location
        cells: list[str | int | None] = [
            finding.rule,
            finding.severity.value,
            finding.subject,
            finding.path,
            finding.message.id,
            finding.message.en,
            json.dumps(finding.evidence, ensure_ascii=False, sort_keys=True, default=str) if finding.evidence else None,
            finding.fix.id if finding.fix else None,
            finding.fix.en if finding.fix else None,
            location.source if location else None,
            location.sheet if location else None,
            location.row if location else None,
            owners.get(id(finding)) or None,
        ]
        writer.writerow(["" if cell is None else neutralise(cell) if isinstance(cell, str) else cell for cell in cells])
    return buffer.getvalue()


class ReportCsvExporter(Exporter):
    """The report's findings as csv (options: ``delimiter``)."""

    name = "report-csv"
    formats = ("csv",)
    extension = ".csv"
    accepts = (Report,)
    description = "findings as csv rows (UTF-8 with BOM; formula-like text neutralised)"

    def render(self, obj: Any, **options: Any) -> bytes:
        if not isinstance(obj, Report):
            raise SinkronError(f"the {self.name} exporter renders a Report, not {type(obj).__name__}")
        return render_csv(obj, delimiter=options.get("delimiter") or ",").encode("utf-8-sig")


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(ReportCsvExporter())
