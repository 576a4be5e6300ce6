"""The BPS kab/kota poverty reader and the ranking of ``sinkron report kemiskinan`` (issue 19 items 1-2).

Every table is written here in a shape BPS publishes: wide (a year over its figures, a header over two
rows, merged cells in xlsx), wide with the figure over its years, and long (one row per region and year).
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinkron.cli import main
from sinkron.errors import SourceError
from sinkron.poverty import rank_poverty, read_bps_poverty

FIGURES = ("Jumlah Penduduk Miskin (ribu jiwa)", "Persentase Penduduk Miskin (P0)", "P1", "P2", "Garis Kemiskinan")

#: name → year → (jumlah, P0, P1, P2, GK); None: BPS printed "-".
KALTENG: dict[str, dict[int, tuple[str, str, str, str, str] | None]] = {
    "Kotawaringin Barat": {
        2021: ("14,10", "4,80", "0,60", "0,12", "500.123"),
        2023: ("13,50", "4,30", "0,55", "0,10", "520.000"),
    },
    "Kapuas": {2021: ("20,00", "5,00", "0,70", "0,15", "480.000"), 2023: ("19,00", "4,50", "0,66", "0,14", "490.000")},
    "Kota Palangka Raya": {
        2021: ("9,00", "3,50", "0,40", "0,08", "600.000"),
        2023: ("9,20", "3,60", "0,45", "0,09", "610.000"),
    },
    "Gunung Mas": {
        2021: ("6,00", "5,90", "0,90", "0,20", "470.000"),
        2023: ("5,00", "4,90", "0,70", "0,16", "480.000"),
    },
    "Barito Selatan": {2021: ("7,00", "5,40", "0,80", "0,20", "450.000"), 2023: None},
}
YEARS = (2021, 2023)


def wide_rows(regions: dict[str, dict[int, tuple[str, str, str, str, str] | None]]) -> list[list[str]]:
    """A year over its five figures, the region name only (as BPS prints a province's table)."""
    top = ["Kabupaten/Kota"]
    below = [""]
    for year in YEARS:
        top += [str(year), "", "", "", ""]
        below += list(FIGURES)
    rows = [["Jumlah dan Persentase Penduduk Miskin Menurut Kabupaten/Kota"], top, below]
    for name, years in regions.items():
        row = [name]
        for year in YEARS:
            row += list(years.get(year) or ("-",) * 5)
        rows.append(row)
    rows.append(["Sumber: BPS Provinsi Kalimantan Tengah, Profil Kemiskinan Maret 2023"])
    return rows


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ";") -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=delimiter).writerows(rows)
    return path


def test_the_wide_csv_reads_every_region_by_name_and_keeps_the_release(tmp_path: Path) -> None:
    read = read_bps_poverty(write_csv(tmp_path / "miskin.csv", wide_rows(KALTENG)))
    assert read.findings == () and read.complete
    table = read.table
    assert table.release == "BPS Provinsi Kalimantan Tengah, Profil Kemiskinan Maret 2023"
    assert table.years == YEARS
    kapuas = table.figure("62.03", 2023)
    assert kapuas is not None and kapuas.name == "Kabupaten Kapuas"
    assert (kapuas.poor_thousands, kapuas.percent, kapuas.depth, kapuas.severity, kapuas.poverty_line) == (
        Decimal("19.00"),
        Decimal("4.50"),
        Decimal("0.66"),
        Decimal("0.14"),
        Decimal("490000"),
    )
    assert kapuas.provenance is not None and kapuas.provenance.row == 5
    assert table.figure("62.71", 2021) is not None  # "Kota Palangka Raya" is Kota Palangkaraya
    selatan = table.figure("62.04", 2023)
    assert selatan is not None and selatan.percent is None  # "-": no data, not an error


def test_the_ranking_puts_the_largest_decline_first_shares_ties_and_names_missing_years(tmp_path: Path) -> None:
    table = read_bps_poverty(write_csv(tmp_path / "miskin.csv", wide_rows(KALTENG))).table
    ranking = rank_poverty(table, province="62")
    points = [(r.rank_text, r.name, r.decline) for r in ranking.by_points]
    assert points == [
        ("1", "Kabupaten Gunung Mas", Decimal("1.00")),
        ("2=", "Kabupaten Kapuas", Decimal("0.50")),
        ("2=", "Kabupaten Kotawaringin Barat", Decimal("0.50")),
        ("4", "Kota Palangkaraya", Decimal("-0.10")),
    ]
    assert [(r.rank, r.name) for r in ranking.by_count][:2] == [(1, "Kabupaten Gunung Mas"), (1, "Kabupaten Kapuas")]
    assert [(u.name, u.missing_years) for u in ranking.unranked_points] == [("Kabupaten Barito Selatan", (2023,))]
    tables = ranking.tables()
    first = tables.tables[0]
    assert first.rows[0].cells[:3] == ("1", "62.10", "Kabupaten Gunung Mas")
    assert any("Profil Kemiskinan Maret 2023" in line for line in first.subtitle)
    assert any("2= bersama" in note and "Kapuas" in note for note in first.notes)
    assert any("Barito Selatan" in str(row.cells[0]) and "2023" in str(row.cells[0]) for row in first.rows[-1:])


def test_an_ambiguous_or_unknown_name_is_a_located_finding_never_a_guess(tmp_path: Path) -> None:
    regions = dict(KALTENG)
    regions["Bogor"] = KALTENG["Kapuas"]
    regions["Kotawaringn Timur"] = KALTENG["Kapuas"]
    read = read_bps_poverty(write_csv(tmp_path / "miskin.csv", wide_rows(regions)))
    by_row = {f.location.row: f for f in read.findings if f.location is not None}
    assert set(by_row) == {9, 10} and {f.rule for f in read.findings} == {"SKN005"} and not read.complete
    assert "32.01" in by_row[9].message.en and "32.71" in by_row[9].message.en
    assert "Kabupaten Kotawaringin Timur" in by_row[10].message.en  # offered, not taken
    assert {f.region for f in read.table.figures} == {"62.01", "62.03", "62.71", "62.10", "62.04"}


def test_the_xlsx_with_merged_year_cells_reads_as_the_csv(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="xlsx needs openpyxl (the sinkron-spreadsheet plugin)")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in wide_rows(KALTENG):
        sheet.append([_number_or_text(cell) for cell in row])
    sheet.merge_cells("B2:F2")
    sheet.merge_cells("G2:K2")
    path = tmp_path / "miskin.xlsx"
    workbook.save(path)
    from_xlsx = read_bps_poverty(path).table
    from_csv = read_bps_poverty(write_csv(tmp_path / "miskin.csv", wide_rows(KALTENG))).table
    assert [(f.region, f.year, f.percent, f.poor_thousands) for f in from_xlsx.figures] == [
        (f.region, f.year, f.percent, f.poor_thousands) for f in from_csv.figures
    ]


def _number_or_text(cell: str) -> object:
    try:
        return float(cell.replace(".", "").replace(",", "."))
    except ValueError:
        return cell or None


def test_the_long_shape_with_codes_and_the_figure_over_its_years(tmp_path: Path) -> None:
    long_rows = [
        ["Kode Wilayah", "Kabupaten/Kota", "Tahun", "Persentase Penduduk Miskin (%)", "Jumlah Penduduk Miskin (jiwa)"]
    ]
    long_rows += [
        ["6201", "Kotawaringin Barat", "2022", "4,8", "14100"],
        ["6201", "Kotawaringin Barat", "2024", "4,1", "13000"],
    ]
    long_rows += [["6202", "Kapuas", "2024", "5", "1"]]  # 62.02 is Kotawaringin Timur: kept by its code, said
    long_rows += [["6299", "Entah", "2024", "5", "1"], ["6201", "Kotawaringin Barat", "2022", "9", "9"]]
    read = read_bps_poverty(write_csv(tmp_path / "long.csv", long_rows, delimiter=","), release="BPS, Maret 2024")
    assert sorted(f.rule for f in read.findings) == ["SKN005", "SKN010", "SKN011"]
    barat = read.table.figure("62.01", 2024)
    assert barat is not None and barat.poor_thousands == Decimal("13.000")  # jiwa → ribu jiwa
    assert read.table.figure("62.02", 2024) is not None and read.table.release == "BPS, Maret 2024"
    over_years = [["Kabupaten/Kota", "Persentase Penduduk Miskin (P0)", "", "Indeks Kedalaman Kemiskinan (P1)", ""]]
    over_years += [
        ["", "2020", "2024", "2020", "2024"],
        ["Kapuas", "6,1", "5,2", "0,9", "0,8"],
        ["Gunung Mas", "6,0", "5,1", "1", "0,9"],
    ]
    table = read_bps_poverty(write_csv(tmp_path / "wide.csv", over_years)).table
    ranking = rank_poverty(table)
    assert [(r.rank, r.tied, r.name) for r in ranking.by_points] == [
        (1, True, "Kabupaten Gunung Mas"),
        (1, True, "Kabupaten Kapuas"),
    ]
    assert [u.name for u in ranking.unranked_count] == ["Kabupaten Gunung Mas", "Kabupaten Kapuas"]


def test_a_file_without_a_poverty_header_and_a_period_outside_the_table_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no poverty table header"):
        read_bps_poverty(write_csv(tmp_path / "x.csv", [["a", "b"], ["1", "2"]]))
    table = read_bps_poverty(write_csv(tmp_path / "miskin.csv", wide_rows(KALTENG))).table
    with pytest.raises(ValueError, match="no figures for 2022"):
        rank_poverty(table, start=2022)


def test_the_command_writes_every_format_with_the_release(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "miskin.csv", wide_rows(KALTENG))
    runner = CliRunner()
    result = runner.invoke(main, ["report", "kemiskinan", str(source), "--province", "62", "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["rankings"]["poin_persen"][0]["name"] == "Kabupaten Gunung Mas"
    assert document["release"].endswith("Maret 2023")
    rows = list(
        csv.reader(
            runner.invoke(main, ["report", "kemiskinan", str(source), "--format", "csv"])
            .stdout.lstrip("\ufeff")
            .splitlines()
        )
    )
    assert rows[1][:4] == ["poin_persen", "1", "62.10", "Kabupaten Gunung Mas"] and rows[1][-1].endswith("Maret 2023")
    markdown = runner.invoke(main, ["report", "kemiskinan", str(source)]).stdout
    assert "poin persen" in markdown and "Profil Kemiskinan Maret 2023" in markdown
    html = runner.invoke(main, ["report", "kemiskinan", str(source), "--format", "html"]).stdout
    assert "<table" in html and "Gunung Mas" in html
    bad = runner.invoke(main, ["report", "kemiskinan", str(source), "--province", "31"])
    assert bad.exit_code != 0 and "no kabupaten/kota figures of province 31" in bad.output
