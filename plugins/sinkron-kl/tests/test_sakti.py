"""The SAKTI Kertas Kerja reader on generated sheets in the real layout: hierarchy, rupiah, totals, located errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from kl_builders import (
    AEC_DETAIL,
    BMA_DETAIL,
    OFFICE_DETAIL,
    OPERATIONAL,
    PREAMBLE,
    TOTAL,
    Line,
    detail,
    first_data_row,
    kertas_kerja,
    kertas_kerja_lines,
)

import sinkron
from sinkron.convert import dumps, loads
from sinkron.kl import Authority, KLLevel, MinistryDocument
from sinkron.models import Bundle, Money
from sinkron_kl import is_kertas_kerja, read_sakti

FIRST = first_data_row()


def row_of(code: str, lines: list[Line] | None = None) -> int:
    """The spreadsheet row of the first line with ``code``."""
    lines = lines if lines is not None else kertas_kerja_lines()
    return FIRST + next(i for i, line in enumerate(lines) if line.kode == code)


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return kertas_kerja(tmp_path / "kertas-kerja.xlsx")


def test_reads_the_hierarchy_with_amounts_in_rupiah(sheet: Path) -> None:
    result = read_sakti(sheet)
    assert result.errors == ()
    national = result.bundle.national
    (plan,) = national.plans
    assert (plan.id, plan.kind, plan.year, plan.ministry_code) == (
        "rka-kl-654321-2026",
        MinistryDocument.RKA_KL,
        2026,
        "022",
    )
    assert [str(p.code) for p in plan.programs] == ["022.12.DL", "022.12.WA"]
    outputs = {str(o.output.code): o for o in plan.outputs()}
    assert list(outputs) == ["022.12.DL.3996.AEC.002", "022.12.DL.3996.BMA.005", "022.12.WA.4627.EBA.994"]
    assert outputs["022.12.DL.3996.AEC.002"].output.allocation == Money(AEC_DETAIL)
    assert outputs["022.12.DL.3996.BMA.005"].output.allocation == Money(BMA_DETAIL)
    office = outputs["022.12.WA.4627.EBA.994"].output
    assert office.allocation == Money(OFFICE_DETAIL) and office.code.display == "4627.EB994"
    assert office.code.is_operational_output and (office.volume, office.unit) == (Decimal(1), "Layanan")
    (component,) = office.components
    assert (str(component.code), component.allocation) == ("022.12.WA.4627.EBA.994.002", Money(OFFICE_DETAIL))
    akun = component.extra["rincian"][0]
    assert (akun["kode"], akun["sumber_dana"], akun["jumlah"]) == ("521111", "RM", str(OFFICE_DETAIL))
    assert akun["rincian"][0] == {
        "kode": None,
        "uraian": "Langganan daya dan jasa",
        "baris": row_of("521111") + 1,
        "jumlah": str(OFFICE_DETAIL),
        "volume": "12",
        "satuan": "BLN",
        "harga": "9000000",
        "volume_rinci": None,
    }
    assert [m.name for m in national.ministries] == ["KEMENTERIAN PERHUBUNGAN"]
    assert [(u.code, u.name) for u in national.units] == [("022.12", "BADAN PENGEMBANGAN SDM PERHUBUNGAN")]
    assert [(w.code, w.unit_code) for w in national.work_units] == [("654321", "022.12")]
    assert result.records == len(kertas_kerja_lines())


def test_parents_are_rebuilt_from_code_prefixes(sheet: Path) -> None:
    (plan,) = read_sakti(sheet).bundle.national.plans
    activity = plan.programs[0].activities[0]
    implied = {str(k.code): k for k in activity.output_classes}["022.12.DL.3996.BMA"]
    assert implied.extra == {"dibentuk_dari_kode": row_of("3996.BMA.005")} and implied.name == "KRO 3996.BMA"
    office = plan.programs[1].activities[0]
    # the KRO row came before its kegiatan: the kegiatan row named it afterwards, and it is not marked implied
    assert office.name == "Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya"
    assert "dibentuk_dari_kode" not in office.extra and office.provenance.row == row_of("4627")
    assert office.output_classes[0].outputs[0].code.level is KLLevel.OUTPUT


def test_operational_block_before_the_first_program_is_kept_and_counted(sheet: Path) -> None:
    (plan,) = read_sakti(sheet).bundle.national.plans
    block = plan.extra["blok_sebelum_program"]
    assert block["jumlah"] == str(OPERATIONAL) and block["baris"] == [row_of("001"), row_of("001") + 3]
    gaji = block["rincian"][0]["rincian"][0]["rincian"][0]["rincian"][0]
    assert gaji["volume_rinci"] == "12 BLN x 10 ORG" and gaji["jumlah"] == str(OPERATIONAL)
    assert plan.extra["total_resmi"] == str(TOTAL)
    assert all(o.output.allocation is not None for o in plan.outputs())


def test_official_total_mismatch_is_reported_at_the_satker_row(tmp_path: Path) -> None:
    path = kertas_kerja(tmp_path / "kk.xlsx", kertas_kerja_lines(total=TOTAL + 1000))
    result = read_sakti(path)
    assert result.errors == () and result.complete and result.bundle.national.plans  # every row kept
    (finding,) = result.findings
    assert finding.rule == "SKN001" and finding.location is not None
    assert (finding.location.row, finding.location.column) == (row_of("022.12"), "V")
    assert (finding.evidence["expected"], finding.evidence["found"]) == (str(TOTAL), str(TOTAL + 1000))
    assert "official total" in finding.message.en and "Total resmi" in finding.message.id
    if "sakti" in sinkron.PluginManager().connectors():  # all-or-nothing on request
        (error,) = sinkron.read_result(path, strict=True).errors
        assert (error.location.row, error.expected, error.actual) == (row_of("022.12"), str(TOTAL), str(TOTAL + 1000))


def test_each_level_and_detail_is_checked(tmp_path: Path) -> None:
    lines = kertas_kerja_lines()
    changed = [attrs.evolve(line, jumlah=AEC_DETAIL - 5) if line.kode == "3996.AEC.002" else line for line in lines]
    wrong_detail = detail("Langganan daya dan jasa", 12, "BLN", 9_000_000, jumlah=OFFICE_DETAIL)
    changed[-1] = attrs.evolve(wrong_detail, harga=8_000_000)
    result = read_sakti(kertas_kerja(tmp_path / "kk.xlsx", changed))
    assert result.errors == ()
    found = {
        (f.location.row, f.location.column, f.evidence["expected"], f.evidence["found"])
        for f in result.findings
        if f.rule == "SKN001" and f.location is not None
    }
    assert (row_of("3996.AEC.002"), "V", str(AEC_DETAIL), str(AEC_DETAIL - 5)) in found  # RO vs its komponen
    assert (row_of("3996.AEC"), "V", str(AEC_DETAIL - 5), str(AEC_DETAIL)) in found  # KRO vs its RO as stated
    assert (FIRST + len(lines) - 1, "V", str(12 * 8_000_000), str(OFFICE_DETAIL)) in found  # Vol × Harga
    assert len(result.findings) == 3


def test_bad_rows_are_located_and_all_reported(tmp_path: Path) -> None:
    lines = kertas_kerja_lines()
    bad = [
        *lines[:5],
        Line("3996.AEC", "KRO before any program", 0),  # row 6 of the data
        *lines[5:],
        Line("12-34", "not a code", 0),
        Line("022.12.WA", "Program Dukungan Manajemen", None),
        Line("4627.EB995", "compact RO whose KRO exists", 0),  # EBA is the only EB KRO: resolved
        Line("4627.XY001", "compact RO with no KRO", 0),
        Line("003", "komponen", 0),
        detail("orphan detail under a komponen", 1, "PKT", 0),
        Line(None, None, 500),  # an amount without KODE or URAIAN
    ]
    result = read_sakti(kertas_kerja(tmp_path / "kk.xlsx", bad))
    assert result.errors == () and not result.complete  # rows are named by findings, and left out
    messages = {
        (f.location.row - FIRST, f.location.column): f.message.en
        for f in result.findings
        if f.location is not None and f.location.row and f.rule == "SKN005"
    }
    assert "before any program" in messages[(5, "B")]
    n = len(lines) + 1
    assert (n, "B") in messages and "not a Kertas Kerja code" in messages[(n, "B")]
    assert "cannot be told" in messages[(n + 3, "B")]
    assert "has no RO above it" in messages[(n + 4, "B")]  # the komponen of the RO that could not be placed
    assert "has no akun above it" in messages[(n + 5, "B")]
    assert "neither KODE nor URAIAN" in messages[(n + 6, None)]
    assert len(messages) == 6 and all(f"Row {FIRST + r} is not read" in m for (r, _), m in messages.items())
    assert result.records == len(bad)  # every row is read or named
    outputs = [str(o.output.code) for o in result.bundle.national.plans[0].outputs()]
    assert "022.12.WA.4627.EBA.995" in outputs


def test_year_and_names_come_from_options_or_the_preamble(tmp_path: Path) -> None:
    sheet = kertas_kerja(tmp_path / "kk.xlsx", preamble=[("KERTAS KERJA",)])
    result = read_sakti(sheet)
    assert any("budget year is not known" in e.message for e in result.errors) and not result.bundle.national.plans
    result = read_sakti(
        sheet, year=2027, ministry_name="Kementerian Perhubungan", work_unit="111222", location="62.71", authority="KP"
    )
    assert result.errors == ()
    (plan,) = result.bundle.national.plans
    assert plan.year == 2027 and result.bundle.national.ministries[0].name == "Kementerian Perhubungan"
    ro = next(plan.outputs()).output
    assert ro.work_unit == "111222" and ro.authority is Authority.CENTRAL_OFFICE
    assert [(loc.region_code, loc.allocation, loc.target.text) for loc in ro.locations] == [
        ("62.71", Money(AEC_DETAIL), "2 Layanan")
    ]
    conflict = read_sakti(kertas_kerja(tmp_path / "k2.xlsx", preamble=PREAMBLE), year=2025)
    assert any(e.expected == "2026" and e.actual == 2025 for e in conflict.errors)
    assert read_sakti(sheet, colour="red").errors[0].message.startswith("unknown option")


def test_missing_satker_row_and_misplaced_jumlah_column(tmp_path: Path) -> None:
    no_unit = read_sakti(kertas_kerja(tmp_path / "kk.xlsx", kertas_kerja_lines()[1:]))
    assert no_unit.errors == () and no_unit.bundle.national.plans
    assert [(f.rule, f.severity.value, f.message.en) for f in no_unit.findings] == [
        (
            "SKN001",
            "warning",
            "No satker row (022.12 …) holding the official total: the Kertas Kerja cannot be checked complete.",
        ),
    ]
    moved = read_sakti(kertas_kerja(tmp_path / "k2.xlsx", jumlah_header="HARGA"))
    assert [(e.location.column, e.actual) for e in moved.errors] == [("V", "HARGA")]


def test_not_a_kertas_kerja(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN"])
    workbook.save(other)
    assert is_kertas_kerja(other) is False
    result = read_sakti(other)
    assert result.errors[0].message == "no Kertas Kerja header row"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    assert is_kertas_kerja(broken) is None
    assert "damaged" in read_sakti(broken).errors[0].message


def test_dispatch_by_content_and_json_round_trip(sheet: Path, tmp_path: Path) -> None:
    pytest.importorskip("sinkron_spreadsheet")
    manager = sinkron.PluginManager()
    if "sakti" not in manager.connectors():
        pytest.skip("the sinkron-kl distribution is not installed (no entry point)")
    assert manager.connector_for(sheet).name == "sakti"
    bundle = sinkron.read(sheet)
    assert bundle.national.plans[0].programs[0].name == "Program Pendidikan dan Pelatihan Vokasi"
    assert loads(dumps(bundle), Bundle) == bundle
    from openpyxl import Workbook

    renja = tmp_path / "renja.xlsx"
    workbook = Workbook()
    workbook.active.append(["KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN", "JUMLAH PAGU"])
    workbook.save(renja)
    assert manager.connector_for(renja).name != "sakti"


def test_unsafe_xlsx_is_refused_before_parsing(sheet: Path, tmp_path: Path) -> None:
    import zipfile

    hostile = tmp_path / "entities.xlsx"
    with zipfile.ZipFile(sheet) as source, zipfile.ZipFile(hostile, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = b'<!DOCTYPE x [<!ENTITY e "boom">]>' + data
            target.writestr(info, data)
    (error,) = read_sakti(hostile).errors
    assert "DOCTYPE" in error.message and error.location.source == str(hostile)


def test_sinkron_read_lists_the_ministry_plan(sheet: Path) -> None:
    from click.testing import CliRunner

    from sinkron.cli import main

    if "sakti" not in sinkron.PluginManager().connectors():
        pytest.skip("the sinkron-kl distribution is not installed (no entry point)")
    result = CliRunner().invoke(main, ["read", str(sheet)])
    assert result.exit_code == 0, result.output
    assert (
        "rka-kl-654321-2026: Kertas Kerja POLITEKNIK TRANSPORTASI CONTOH T.A. 2026 (rka_kl, 2026) — 2 program(s), 3 RO"
        in result.output
    )


def test_a_cell_that_cannot_be_read_is_left_out_and_the_row_kept(tmp_path: Path) -> None:
    lines = [
        attrs.evolve(line, jumlah="dua juta") if line.kode == "3996.AEC" else line for line in kertas_kerja_lines()
    ]
    path = kertas_kerja(tmp_path / "kk.xlsx", lines)
    result = read_sakti(path)
    assert result.errors == () and result.complete
    (finding,) = result.findings
    assert finding.rule == "SKN008" and finding.location is not None
    assert (finding.location.row, finding.location.column, finding.evidence["found"]) == (
        row_of("3996.AEC"),
        "V",
        "dua juta",
    )
    (plan,) = result.bundle.national.plans
    kro = next(o.output_class for o in plan.outputs() if str(o.output.code) == "022.12.DL.3996.AEC.002")
    assert kro.name and "jumlah" not in kro.extra  # kept, without the Jumlah it could not read
    if "sakti" in sinkron.PluginManager().connectors():
        with pytest.raises(sinkron.ValidationError, match="SKN008"):
            sinkron.read(path, strict=True)


def test_a_code_repeated_with_another_jumlah_keeps_the_first(tmp_path: Path) -> None:
    lines = kertas_kerja_lines()
    program = next(line for line in lines if line.kode == "022.12.WA")
    result = read_sakti(kertas_kerja(tmp_path / "kk.xlsx", [*lines, attrs.evolve(program, jumlah=1)]))
    assert result.errors == () and not result.complete  # the second Jumlah is not in the bundle
    (finding,) = result.findings
    assert finding.rule == "SKN010" and finding.location is not None
    assert finding.location.row == FIRST + len(lines) and finding.evidence["found"] == "1"
    assert str(program.jumlah) == finding.evidence["expected"]


def test_options_name_the_plan_and_bad_options_are_errors(sheet: Path) -> None:
    result = read_sakti(
        sheet, year=" 2026 ", kind="dipa", plan_id="dipa-1", title="DIPA contoh", work_unit_name="Poltek"
    )
    assert result.errors == ()
    (plan,) = result.bundle.national.plans
    assert (plan.id, plan.kind, plan.title, plan.year) == ("dipa-1", MinistryDocument.DIPA, "DIPA contoh", 2026)
    (satker,) = result.bundle.national.work_units
    assert (satker.code, satker.name, satker.unit_code) == ("654321", "Poltek", "022.12")  # code from the printed head
    not_a_year = read_sakti(sheet, year="dua ribu")
    assert [(e.message, e.actual) for e in not_a_year.errors] == [("year is not a year", "dua ribu")]
    assert not_a_year.bundle.national.plans[0].year == 2026  # the preamble's T.A. is used
    for options, message in [({"authority": "XX"}, "unknown kewenangan 'XX'"), ({"kind": "rkpd"}, "'rkpd' is not")]:
        bad = read_sakti(sheet, **options)
        assert len(bad.errors) == 1 and bad.errors[0].message.startswith(message), options
        assert not bad.bundle.national.plans


def test_a_program_outside_the_satker_unit_is_located(tmp_path: Path) -> None:
    def moved(code: str) -> list[Line]:
        return [attrs.evolve(line, kode=code) if line.kode == "022.12.WA" else line for line in kertas_kerja_lines()]

    other_unit = read_sakti(kertas_kerja(tmp_path / "unit.xlsx", moved("022.11.WA")))
    assert [(e.message, e.location.row, e.location.column, e.expected) for e in other_unit.errors] == [
        ("the program 022.11.WA is not under the satker's unit 022.12", row_of("022.12.WA"), "B", "022.12.XX")
    ]
    assert [str(p.code) for p in other_unit.bundle.national.plans[0].programs] == ["022.12.DL", "022.11.WA"]
    other_ba = read_sakti(kertas_kerja(tmp_path / "ba.xlsx", moved("023.12.WA")))
    assert [(e.message, e.actual) for e in other_ba.errors] == [
        ("the program 023.12.WA is not under the satker's unit 022.12", "023.12.WA"),
        ("the sheet mixes bagian anggaran", ["022", "023"]),
        ("program 023.12.WA belongs to BA 023, not 022", None),  # the plan cannot be built
    ]
    assert not other_ba.bundle.national.plans
