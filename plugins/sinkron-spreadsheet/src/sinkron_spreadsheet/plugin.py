"""The entry point of the ``sinkron-spreadsheet`` distribution (group ``sinkron``, name ``spreadsheet``)."""

from __future__ import annotations

from collections.abc import Callable

from sinkron.connector import Connector
from sinkron.exporter import Exporter
from sinkron.plugins import hookimpl
from sinkron_spreadsheet.connector import CsvConnector, XlsxConnector
from sinkron_spreadsheet.meeting_writer import MeetingXlsxExporter
from sinkron_spreadsheet.report_xlsx import ReportXlsxExporter


@hookimpl
def sinkron_register_connectors(register: Callable[[Connector], None]) -> None:
    register(XlsxConnector())
    register(CsvConnector())


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(ReportXlsxExporter())
    register(MeetingXlsxExporter())
