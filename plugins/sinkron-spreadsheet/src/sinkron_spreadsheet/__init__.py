"""sinkron-spreadsheet: planning spreadsheets (xlsx, csv) in and out of sinkron.

Public API:

* :func:`read_spreadsheet` — read a file (layout detected or chosen) into a ``ReadResult``;
* :func:`write_workbook` / :func:`render_workbook` — write a ``Bundle`` as xlsx in the layouts;
* :func:`read_rkpd_report` / :func:`write_rkpd_report` — the RKPD/Renja report, for other connectors;
* :class:`Mapping`, :func:`load_mapping`, :func:`builtin_layouts` — declarative column mappings;
* :class:`ReadLimits` — the caps on what a read takes in (zip size and ratio, cells and shared strings an
  xlsx declares, rows, columns, cell length);
  :func:`check_xlsx` — the same checks before parsing, for connectors that read xlsx themselves, and
  :func:`open_calamine` — python-calamine's workbook of a checked file, whatever the encoding of its name;
* :func:`read_meeting` / :func:`render_meeting_workbook` / :func:`write_meeting_workbook` — the meeting
  workbook (agreements, attendance, follow-up, proposals; the minutes and the empty template);
* :class:`XlsxConnector`, :class:`CsvConnector`, :class:`ReportXlsxExporter`, :class:`MeetingXlsxExporter` — what
  the plugin registers.

See ``docs/spreadsheets.md``.
"""

from sinkron_spreadsheet.connector import CsvConnector, XlsxConnector
from sinkron_spreadsheet.limits import ReadLimits
from sinkron_spreadsheet.mapping import BUILTIN_LAYOUTS, Mapping, MappingError, builtin_layouts, load_mapping
from sinkron_spreadsheet.meeting_writer import MeetingXlsxExporter, render_meeting_workbook, write_meeting_workbook
from sinkron_spreadsheet.meetings import is_meeting_file, read_meeting
from sinkron_spreadsheet.reader import Detection, detect_layout, read_spreadsheet
from sinkron_spreadsheet.report_xlsx import ReportXlsxExporter, render_report
from sinkron_spreadsheet.rkpd_report import RKPD_REPORT, read_rkpd_report, rkpd_report_mapping, write_rkpd_report
from sinkron_spreadsheet.workbook import check_xlsx, open_calamine
from sinkron_spreadsheet.writer import default_layout, render_workbook, write_workbook

__version__ = "0.1.0"

__all__ = [
    "BUILTIN_LAYOUTS",
    "RKPD_REPORT",
    "CsvConnector",
    "Detection",
    "Mapping",
    "MappingError",
    "MeetingXlsxExporter",
    "ReadLimits",
    "ReportXlsxExporter",
    "XlsxConnector",
    "__version__",
    "builtin_layouts",
    "check_xlsx",
    "default_layout",
    "detect_layout",
    "is_meeting_file",
    "load_mapping",
    "open_calamine",
    "read_meeting",
    "read_rkpd_report",
    "read_spreadsheet",
    "render_meeting_workbook",
    "render_report",
    "render_workbook",
    "rkpd_report_mapping",
    "write_meeting_workbook",
    "write_rkpd_report",
    "write_workbook",
]
