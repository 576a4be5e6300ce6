"""The spreadsheet connectors declare the options read_spreadsheet takes, and type them before reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from spreadsheet_builders import sheet

import sinkron
from sinkron.models import PlanKind
from sinkron.options import describe_options
from sinkron_spreadsheet import ReadLimits, read_spreadsheet
from sinkron_spreadsheet.connector import SpreadsheetReadOptions, XlsxConnector


def test_read_spreadsheet_takes_the_declared_options_and_no_other(tmp_path: Path) -> None:
    header = ["KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN", "TOLAK UKUR KELUARAN", "JUMLAH PAGU"]
    row = ["1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", "Jumlah ibu hamil", 1000]
    path = sheet(tmp_path / "renja.xlsx", header, [row], title="Renja")
    every_option = {o.name: o.default for o in describe_options(SpreadsheetReadOptions)} | {"year": 2026}
    result = read_spreadsheet(path, **every_option)
    assert result.complete and result.bundle.plans[0].year == 2026
    with pytest.raises(TypeError, match="yaer"):
        read_spreadsheet(path, yaer=2026)


def test_command_line_text_reaches_the_reader_typed() -> None:
    options = XlsxConnector().prepare_read_options({"year": "2026", "kind": "renja_pd", "limits": {"max_rows": 10}})
    assert options == {"year": 2026, "kind": PlanKind.RENJA_PD, "limits": ReadLimits(max_rows=10)}


def test_a_bad_option_stops_the_read_before_the_file_is_opened(tmp_path: Path) -> None:
    not_a_workbook = tmp_path / "renja.xlsx"
    not_a_workbook.write_bytes(b"not a zip")  # reading it would be a located SourceError, not an OptionError
    with pytest.raises(sinkron.OptionError, match="the spreadsheet connector: option 'start_year': invalid value"):
        sinkron.read_result(not_a_workbook, start_year="2025–2029")
