"""Bad files give located errors, never a traceback."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from spreadsheet_builders import csv_file, sheet

import sinkron
from sinkron import BudgetKind, Money, PlanKind, ValidationError
from sinkron_spreadsheet import read_spreadsheet

RENJA = ["KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN", "TOLAK UKUR KELUARAN", "TARGET KINERJA KELUARAN", "JUMLAH PAGU"]
ROW = ["1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", "Jumlah Ibu Hamil", "100 Orang"]


def good_xlsx(tmp_path: Path) -> Path:
    return sheet(tmp_path / "good.xlsx", RENJA, [[*ROW, "1.000.000"]], above=[["Periode : 2024"]])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.xlsx", b"", "the file is empty"),
        ("text.xlsx", b"KODE;NAMA\n1;Dinas\n", "not an xlsx file (not a zip archive)"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "not an xlsx file (an old .xls (BIFF) file)"),
        ("zip.xlsx", b"PK\x05\x06" + b"\0" * 18, "a zip archive without xl/workbook.xml is not an xlsx workbook"),
    ],
)
def test_not_a_workbook(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = read_spreadsheet(path)
    (error,) = result.errors
    assert error.message == message and error.location.source == str(path)
    assert result.bundle.plans == ()


def test_truncated_xlsx(tmp_path: Path) -> None:
    data = good_xlsx(tmp_path).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    (error,) = read_spreadsheet(path).errors
    assert "truncated or damaged" in error.message and error.expected == "an intact xlsx file"
    # Through the public API: a ValidationError carrying the located error, not a traceback.
    with pytest.raises(ValidationError) as caught:
        sinkron.read(path)
    assert caught.value.errors[0].location.source == str(path)


def test_error_cells_are_reported(tmp_path: Path) -> None:
    path = sheet(tmp_path / "err.xlsx", RENJA, [[*ROW, "#REF!"]], above=[["Periode : 2024"]])
    # openpyxl writes "#REF!" as an error cell (t="e"); calamine alone would return it as empty.
    result = read_spreadsheet(path)
    assert result.errors == ()  # the row is read without the value (a source finding, not a read error)
    (finding,) = result.findings
    assert finding.rule == "SKN008" and finding.evidence["found"] == "#REF!"
    assert finding.location is not None
    assert (finding.location.row, finding.location.column, finding.evidence["field"]) == (3, "E", "pagu")
    (sub,) = result.bundle.plans[0].sub_activities()
    assert sub.budgets == ()


def test_no_known_header(tmp_path: Path) -> None:
    path = sheet(tmp_path / "other.xlsx", ["NAMA", "ALAMAT"], [["Budi", "Jl. Tjilik Riwut"]])
    (error,) = read_spreadsheet(path).errors
    assert error.message == "no sheet has the header of a known layout"
    assert "renja: KODE SUB KEGIATAN" in (error.expected or "")


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(",", "utf-8-sig"), (";", "utf-8"), (";", "cp1252"), ("\t", "utf-8-sig")]
)
def test_csv_variants(tmp_path: Path, delimiter: str, encoding: str) -> None:
    lines = [["Tahun : 2024"], RENJA, [*ROW, "1.234.567,00"]]
    path = csv_file(tmp_path / "renja.csv", lines, delimiter=delimiter, encoding=encoding)
    result = read_spreadsheet(path)
    assert result.errors == ()
    (sub,) = result.bundle.plans[0].sub_activities()
    assert sub.budget_for(2024) == Money("1234567.00")
    assert sub.name == "Pengelolaan Pelayanan Kesehatan Ibu Hamil"


def test_empty_and_binary_csv(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "blank.csv").write_bytes(b"\r\n\r\n")
    (tmp_path / "binary.csv").write_bytes(b"\x00\x01\x02KODE")
    assert read_spreadsheet(tmp_path / "empty.csv").errors[0].message == "the file is empty"
    assert read_spreadsheet(tmp_path / "blank.csv").errors[0].message == "the csv file holds no rows"
    assert read_spreadsheet(tmp_path / "binary.csv").errors[0].message == "the file holds binary data, not csv text"


@pytest.mark.parametrize(
    ("key", "value", "kinds"), [("plan_kind", "renja", PlanKind), ("budget_kind", "apbd", BudgetKind)]
)
def test_a_mapping_names_its_plan_and_budget_kind_from_the_list(key: str, value: str, kinds: type[Enum]) -> None:
    from sinkron_spreadsheet import load_mapping
    from sinkron_spreadsheet.mapping import MappingError

    with pytest.raises(MappingError) as raised:
        load_mapping({"extends": "renja", key: value})
    assert str(raised.value) == f"{key} must be one of {', '.join(k.value for k in kinds)}, got {value!r}"
    assert load_mapping({"extends": "renja", key: list(kinds)[1].value}).to_dict()[key] == list(kinds)[1].value


def test_mapping_files_that_extend_each_other_in_a_cycle_are_named(tmp_path: Path) -> None:
    """A cycle of ``extends`` failed as an unexpected RecursionError without the file or the key (issue 25)."""
    from click.testing import CliRunner

    from sinkron.cli import main
    from sinkron_spreadsheet import load_mapping
    from sinkron_spreadsheet.mapping import MappingError

    first, second, own = tmp_path / "a.toml", tmp_path / "b.toml", tmp_path / "self.toml"
    first.write_text(f'extends = "{second}"\n', encoding="utf-8")
    second.write_text(f'extends = "{first}"\nyear = 2026\n', encoding="utf-8")
    own.write_text(f'extends = "{own}"\n', encoding="utf-8")
    for path, cycle in ((first, [first, second, first]), (own, [own, own])):
        with pytest.raises(MappingError) as raised:
            load_mapping(path)
        assert str(raised.value) == "extends: the mappings extend each other in a cycle: " + " → ".join(map(str, cycle))
    second.write_text('extends = "renja"\nyear = 2026\n', encoding="utf-8")  # a chain, not a cycle
    assert load_mapping(first).year == 2026
    second.write_text(f'extends = "{first}"\n', encoding="utf-8")
    path = csv_file(tmp_path / "renja.csv", [RENJA, [*ROW, "1000"]])
    result = CliRunner().invoke(main, ["check", str(path), "--mapping", str(first)])
    assert result.exit_code == 2 and "extends: the mappings extend each other in a cycle" in result.stderr
    assert "RecursionError" not in result.output
