"""The spreadsheet connectors declare the options read_spreadsheet takes, and type them before reading."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import sinkron
from sinkron.models import PlanKind
from sinkron.options import describe_options
from sinkron_spreadsheet import ReadLimits, read_spreadsheet
from sinkron_spreadsheet.connector import SpreadsheetReadOptions, XlsxConnector

#: Keywords of read_spreadsheet the connector sets itself.
_SET_BY_THE_CONNECTOR = {"source", "format", "progress"}


def test_the_declaration_names_every_keyword_of_read_spreadsheet() -> None:
    keywords = set(inspect.signature(read_spreadsheet).parameters) - _SET_BY_THE_CONNECTOR
    assert {o.name for o in describe_options(SpreadsheetReadOptions)} == keywords


def test_command_line_text_reaches_the_reader_typed() -> None:
    options = XlsxConnector().prepare_read_options({"year": "2026", "kind": "renja_pd", "limits": {"max_rows": 10}})
    assert options == {"year": 2026, "kind": PlanKind.RENJA_PD, "limits": ReadLimits(max_rows=10)}


def test_a_bad_option_stops_the_read_before_the_file_is_opened(tmp_path: Path) -> None:
    not_a_workbook = tmp_path / "renja.xlsx"
    not_a_workbook.write_bytes(b"not a zip")  # reading it would be a located SourceError, not an OptionError
    with pytest.raises(sinkron.OptionError, match="the spreadsheet connector: option 'start_year': invalid value"):
        sinkron.read_result(not_a_workbook, start_year="2025–2029")
