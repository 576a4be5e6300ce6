"""The ``xlsx`` exporter of an alignment :class:`~sinkron.Report`: findings and priority coverage.

Sheet ``Temuan`` lists every finding (rule, severity, subject, path, the message in Indonesian and
English, the evidence, the suggested fix, where the subject sits in its source); sheet ``Cakupan
Prioritas`` lists the priority coverage (how many programs and sub kegiatan support each priority,
with their pagu); sheet ``Per Perangkat Daerah`` counts the findings of each perangkat daerah by
severity with the pagu involved, and one sheet per perangkat daerah lists what it must fix (its name,
cut to Excel's 31 characters, titles the sheet; the full name heads it). Text is guarded against formula injection like every sheet sinkron writes, and
control characters from the data are written as visible escapes (``\\x1b``). A pagu a spreadsheet number
would round (more than 15–16 significant digits) is written as id-ID text, with a :class:`UserWarning`, as
in a bundle's workbook.
"""

from __future__ import annotations

import io
import json
from typing import Any

from sinkron.align import Report
from sinkron.exporter import Exporter
from sinkron.options import NoOptions
from sinkron_spreadsheet.writer import _money_cell, _Sheet, _sheet_title, _warn_amounts_as_text

__all__ = ["ReportXlsxExporter", "render_report"]

FINDING_COLUMNS = (
    "Aturan (rule)",
    "Tingkat (severity)",
    "Subjek (subject)",
    "Jalur (path)",
    "Pesan",
    "Message",
    "Bukti (evidence)",
    "Perbaikan",
    "Fix",
    "Sumber (source)",
    "Sheet",
    "Baris (row)",
)
COVERAGE_COLUMNS = (
    "Prioritas (priority)",
    "Kode (code)",
    "Nama (name)",
    "Jenis (kind)",
    "Didukung (supported)",
    "Program",
    "Sub kegiatan",
    "Pagu (Rp)",
    "Tahun (year)",
)


def render_report(report: Report) -> bytes:
    """The xlsx bytes of ``report``."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook(write_only=True)
    findings = _Sheet(workbook, "Temuan", escape_controls=True)
    findings.append([findings.cell(h, bold=True) for h in FINDING_COLUMNS])
    for finding in report.findings:
        location = finding.location
        evidence = json.dumps(finding.evidence, ensure_ascii=False, sort_keys=True, default=str)
        findings.append(
            [
                finding.rule,
                finding.severity.value,
                finding.subject,
                finding.path,
                finding.message.id,
                finding.message.en,
                evidence if finding.evidence else None,
                finding.fix.id if finding.fix else None,
                finding.fix.en if finding.fix else None,
                location.source if location else None,
                location.sheet if location else None,
                location.row if location else None,
            ]
        )
    coverage = _Sheet(workbook, "Cakupan Prioritas", escape_controls=True)
    coverage.append([coverage.cell(h, bold=True) for h in COVERAGE_COLUMNS])
    for row in report.metrics.priority_coverage:
        coverage.append(
            [
                row.priority,
                row.code,
                row.name,
                row.kind,
                "ya" if row.supported else "tidak",
                row.programs,
                row.sub_activities,
                _money_cell(coverage, row.pagu),
                row.year,
            ]
        )
    summary = _by_agency(workbook, report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    _warn_amounts_as_text([coverage] if summary is None else [coverage, summary])
    return buffer.getvalue()


AGENCY_COLUMNS = (
    "Perangkat daerah",
    "Kesalahan (error)",
    "Peringatan (warning)",
    "Informasi (info)",
    "Pagu terkait (Rp)",
)
AGENCY_FINDING_COLUMNS = ("Aturan (rule)", "Tingkat (severity)", "Jalur (path)", "Pesan", "Perbaikan", "Message", "Fix")


def _by_agency(workbook: Any, report: Report) -> _Sheet | None:
    """The summary sheet of findings per perangkat daerah (returned), then one sheet per perangkat daerah."""
    if not report.agencies:
        return None
    used = {"temuan", "cakupan prioritas", "per perangkat daerah"}
    summary = _Sheet(workbook, "Per Perangkat Daerah", escape_controls=True)
    summary.append([summary.cell(h, bold=True) for h in AGENCY_COLUMNS])
    for row in report.agencies:
        counts = row.by_severity
        name = row.name or "Lintas perangkat daerah"
        summary.append([name, counts["error"], counts["warning"], counts["info"], _money_cell(summary, row.pagu)])
    for row in report.agencies:
        name = row.name or "Lintas perangkat daerah"
        sheet = _Sheet(workbook, _sheet_title(name, used), escape_controls=True)
        sheet.append([sheet.cell(name, bold=True)])
        sheet.append([sheet.cell(h, bold=True) for h in AGENCY_FINDING_COLUMNS])
        for finding in row.findings:
            sheet.append(
                [
                    finding.rule,
                    finding.severity.value,
                    finding.path,
                    finding.message.id,
                    finding.fix.id if finding.fix else None,
                    finding.message.en,
                    finding.fix.en if finding.fix else None,
                ]
            )
    return summary


class ReportXlsxExporter(Exporter):
    """Writes a :class:`~sinkron.Report` as an xlsx workbook (findings; priority coverage)."""

    name = "report-xlsx"
    formats = ("xlsx",)
    extension = ".xlsx"
    accepts = (Report,)
    requires = ("openpyxl",)
    install = "sinkron-spreadsheet"
    binary = True
    description = "findings, priority coverage and findings per perangkat daerah as an xlsx workbook"
    render_options = NoOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        assert isinstance(obj, Report)
        return render_report(obj)
