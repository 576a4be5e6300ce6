"""Resource limits of the spreadsheet reader: zip size and ratio, cells and shared strings an xlsx declares, rows,
columns, cell length — and HTTP bodies.

Each cap is tested twice: that its default is what docs/security.md says, and that a file past a
(lowered) cap gives a located error and an incomplete result, while a file within it reads whole.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from reliability import corpus as c
from reliability.checks import bounded_cli, read_safely

import sinkron
from sinkron.errors import OptionError, SourceError
from sinkron_spreadsheet import ReadLimits, read_spreadsheet


def test_defaults_are_the_documented_ones() -> None:
    limits = ReadLimits()
    assert limits.max_uncompressed_bytes == 512 * 1024 * 1024
    assert limits.max_compression_ratio == 200
    assert (limits.max_rows, limits.max_columns, limits.max_cell_length) == (1_048_576, 16_384, 32_767)
    assert (limits.max_cells, limits.max_strings) == (16_777_216, 4_194_304)
    security = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text("utf-8")
    for text in ("| 512 MiB |", "| 200 |", "1,048,576", "16,384", "32,767", "64 MiB", "16,777,216", "4,194,304"):
        assert text in security


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        ({"max_rows": 0}, "ReadLimits.max_rows must be a positive whole number, got 0"),
        ({"max_rowz": 5}, "unknown limit(s) max_rowz"),
        ({"max_cell_length": "10"}, "must be a positive whole number, got '10'"),
        ("many", "limits must be a ReadLimits or a dict"),
    ],
)
def test_invalid_limits_are_an_option_error_before_reading(tmp_path: Path, limits: object, message: str) -> None:
    path = c.renja_workbook(tmp_path / "renja.xlsx")
    with pytest.raises(OptionError, match="option 'limits': invalid value") as caught:
        sinkron.read_result(path, limits=limits)
    assert message in str(caught.value) and caught.value.owner == "the spreadsheet connector"


def test_limits_given_to_the_reader_directly_are_a_located_error(tmp_path: Path) -> None:
    path = c.renja_workbook(tmp_path / "renja.xlsx")
    with pytest.raises(SourceError, match="invalid limits") as caught:
        read_spreadsheet(path, limits={"max_rows": 0})
    assert caught.value.location.source == str(path)


def rows(n: int) -> list[list[str]]:
    return [[f"1.02.02.2.02.{i:04d}", f"Sub kegiatan {i}", "Jumlah", "1 Orang", "1.000"] for i in range(1, n + 1)]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_max_rows_stops_the_read_with_a_located_error(tmp_path: Path, kind: str) -> None:
    if kind == "xlsx":
        path = c.renja_workbook(tmp_path / "many.xlsx", rows=rows(20))
    else:
        path = tmp_path / "many.csv"
        path.write_text(c.csv_text(c.renja_csv_lines(rows(20))), encoding="utf-8")
    within = read_safely(path, limits={"max_rows": 22})  # the period line, the header and 20 rows
    assert within.messages == []
    cut = read_safely(path, limits={"max_rows": 10})
    assert len(cut.errors) == 1 and "row 11" in cut.messages[0]
    assert "more than max_rows=10 rows; reading stopped here" in cut.messages[0]
    assert cut.result is not None and not cut.result.complete
    assert len(list(cut.result.bundle.plans[0].sub_activities())) == 8  # rows 3..10, reported as cut


def test_max_columns_reports_the_first_cell_beyond(tmp_path: Path) -> None:
    path = c.renja_workbook(tmp_path / "wide.xlsx", rows=[[*c.RENJA_ROWS[0], None, None, "catatan jauh"]])
    outcome = read_safely(path, limits={"max_columns": 6})
    (message,) = outcome.messages
    assert "row 3, column H: the row has cells beyond max_columns=6; they were not read" in message
    assert read_safely(path, limits={"max_columns": 8}).messages == []


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_max_cell_length(tmp_path: Path, kind: str) -> None:
    long_name = "Pengelolaan " + "x" * 88
    data = [[c.RENJA_ROWS[0][0], long_name, *c.RENJA_ROWS[0][2:]]]
    if kind == "xlsx":
        path = c.renja_workbook(tmp_path / "long.xlsx", rows=data)
    else:
        path = tmp_path / "long.csv"
        path.write_text(c.csv_text(c.renja_csv_lines(data)), encoding="utf-8")
    outcome = read_safely(path, limits={"max_cell_length": 99})
    assert any(
        "row 3, column B: the cell holds 100 characters, more than max_cell_length=99" in m for m in outcome.messages
    )
    assert outcome.result is not None and not outcome.result.complete
    whole = read_safely(path, limits={"max_cell_length": 100})
    assert whole.messages == []
    assert whole.result is not None
    assert next(whole.result.bundle.plans[0].sub_activities()).name == long_name


def test_max_cells_counts_the_span_of_the_cells_holding_a_value(tmp_path: Path) -> None:
    """The Renja workbook's values span A1:E4 (20 cells, the period line's empty neighbours included)."""
    path = c.renja_workbook(tmp_path / "renja.xlsx")
    refused = read_safely(path, limits={"max_cells": 19})
    (message,) = refused.messages
    assert (
        "sheet 'Renja', row 4, column A: the cells holding a value span A1:E4 (4 rows × 5 columns = 20 cells)"
        in message
    )
    assert "more than max_cells=19" in message and refused.result is not None and not refused.result.bundle.plans
    assert read_safely(path, limits={"max_cells": 20}).messages == []
    styled = c.with_cells(path, tmp_path / "styled.xlsx", '<row r="900"><c r="Z900" s="0"/></row>')
    assert read_safely(styled, limits={"max_cells": 20}).messages == []  # a formatted empty cell allocates nothing


def test_max_strings_counts_the_announced_and_the_held_strings(tmp_path: Path) -> None:
    good = c.renja_workbook(tmp_path / "renja.xlsx")
    held = c.with_shared_strings(good, tmp_path / "held.xlsx", ["a", "b", "c"])
    (message,) = read_safely(held, limits={"max_strings": 2}).messages
    assert f"{held}: the part xl/sharedStrings.xml holds more than max_strings=2 shared strings" in message
    assert read_safely(held, limits={"max_strings": 3}).messages == []
    announced = c.with_shared_strings(good, tmp_path / "announced.xlsx", ["a"], unique_count="4")
    (message,) = read_safely(announced, limits={"max_strings": 3}).messages
    assert "announces uniqueCount=4 shared strings, more than max_strings=3" in message


@pytest.mark.parametrize(
    "command",
    [
        ("read", "{path}", "--from", "sakti"),
        ("check", "{path}"),
        ("convert", "{path}", "{folder}/out.json"),
        ("meeting", "summary", "{path}"),
        ("diff", "{path}", "{path}"),
    ],
    ids=["read-sakti", "check", "convert", "meeting-summary", "diff"],
)
def test_every_command_reads_xlsx_through_the_gate(tmp_path: Path, command: tuple[str, ...]) -> None:
    """The sakti connector, check, convert, the meeting summary and diff refuse the 2 KB file that asks for 512 GiB."""
    good = c.renja_workbook(tmp_path / "renja.xlsx")
    path = c.with_cells(good, tmp_path / "hostile.xlsx", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    assert path.stat().st_size < 6000
    code, output = bounded_cli(*(part.format(path=path, folder=tmp_path) for part in command))
    assert code == 2, output
    assert (
        "hostile.xlsx, sheet 'Renja', row 1048576, column XFD: the cells holding a value span A1:XFD1048576" in output
    )
    assert not (tmp_path / "out.json").exists()


def test_check_xlsx_locates_what_the_gate_refuses(tmp_path: Path) -> None:
    from sinkron_spreadsheet import check_xlsx

    good = c.renja_workbook(tmp_path / "renja.xlsx")
    path = c.with_cells(good, tmp_path / "wrap.xlsx", '<c r="E4294967299"><v>999</v></c>', in_row=3)
    error = check_xlsx(path, source="kiriman.xlsx")
    assert error is not None
    assert (error.location.source, error.location.sheet, error.location.row, error.location.column) == (
        "kiriman.xlsx",
        "Renja",
        4294967299,
        "E",
    )
    assert "cell references within A1:XFD1048576" in (error.expected or "")


def test_real_inflation_past_the_total_size_cap(tmp_path: Path) -> None:
    """A member inflating (for real, not just by its header) past max_uncompressed_bytes."""
    path = c.inflated_member(c.renja_workbook(tmp_path / "r.xlsx"), tmp_path / "big.xlsx", 3 * 1024 * 1024)
    outcome = read_safely(path, limits={"max_uncompressed_bytes": 2 * 1024 * 1024, "max_compression_ratio": 10_000})
    (message,) = outcome.messages
    assert "more than max_uncompressed_bytes=2097152 (a zip bomb?); nothing was read" in message
    assert read_safely(path, limits={"max_compression_ratio": 10_000}).messages == []


def test_ratio_applies_to_members_of_a_mebibyte_or_more(tmp_path: Path) -> None:
    base = c.renja_workbook(tmp_path / "r.xlsx")
    small = c.inflated_member(base, tmp_path / "small.xlsx", 1024 * 1024 - 1)  # inflates ~1000x, but small
    assert read_safely(small).messages == []
    large = c.inflated_member(base, tmp_path / "large.xlsx", 1024 * 1024)
    (message,) = read_safely(large).messages
    assert "xl/media/padding.bin inflates" in message and "more than max_compression_ratio=200" in message


def test_a_large_honest_workbook_is_within_the_defaults(tmp_path: Path) -> None:
    """Real sheets inflate about 20 times: 5,000 rows read with no limit touched."""
    path = c.renja_workbook(tmp_path / "big.xlsx", rows=rows(5000))
    outcome = read_safely(path)
    assert outcome.messages == []
    assert outcome.result is not None and outcome.result.records == 5000


# -- HTTP: a compressed body inflating past max_bytes -----------------------------------------------
class _GzipBomb(BaseHTTPRequestHandler):
    body = gzip.compress(b'{"data": [' + b" " * (8 * 1024 * 1024) + b"]}")

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


@pytest.fixture
def gzip_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GzipBomb)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/api"
    finally:
        server.shutdown()
        server.server_close()


def test_http_body_is_capped_after_decompression(gzip_server: str) -> None:
    """A 8 KiB gzip body inflating to 8 MiB stops at max_bytes (counted after decompression), located."""
    http = pytest.importorskip("sinkron_http", reason="sinkron-http is not installed in this environment")
    assert len(_GzipBomb.body) < 64 * 1024
    mapping = http.FieldMapping(code="kode_sub_giat", name="nama_sub_giat", year="tahun")
    result = sinkron.read_result(
        gzip_server, format="http", records_path="data", mapping=mapping, limits=http.Limits(max_bytes=1024 * 1024)
    )
    (error,) = result.errors
    assert "larger than max_bytes=1048576" in str(error) and error.location.source is not None
    assert json.dumps(str(error)).count("127.0.0.1") >= 1


def test_check_xlsx_gives_other_connectors_the_same_checks(tmp_path: Path) -> None:
    from sinkron_spreadsheet import check_xlsx

    good = c.renja_workbook(tmp_path / "r.xlsx")
    assert check_xlsx(good) is None
    secret = tmp_path / "secret.txt"
    secret.write_text("rahasia", encoding="utf-8")
    cases = {
        c.with_entities(good, tmp_path / "xxe.xlsx", "xl/workbook.xml", secret): "declares a DOCTYPE",
        c.inflated_member(good, tmp_path / "bomb.xlsx", 2 * 1024 * 1024): "more than max_compression_ratio=200",
        c.corrupt_member(good, tmp_path / "bad.xlsx"): "is damaged (member xl/worksheets/sheet1.xml",
        c.truncated(good, tmp_path / "cut.xlsx", 0.5): "truncated or damaged",
    }
    for path, message in cases.items():
        error = check_xlsx(path, source="kiriman.xlsx")
        assert error is not None and message in error.message, (path.name, error)
        assert error.location.source == "kiriman.xlsx"
    error = check_xlsx(good, limits=ReadLimits(max_uncompressed_bytes=1000))
    assert error is not None and "max_uncompressed_bytes=1000" in error.message
