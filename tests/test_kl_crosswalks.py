"""Crosswalk CSV files: templates, loaders with located errors, validation against the nomenclature and a tree."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sinkron import Code, PlanPeriod, ValidationError
from sinkron.kl import (
    CrosswalkKind,
    FundingKind,
    KLCode,
    KLLevel,
    PriorityCrosswalk,
    PriorityMapping,
    read_dak_crosswalk,
    read_priority_crosswalk,
    read_program_crosswalk,
    rpjmn_2025_2029,
    template,
    template_path,
    write_template,
)
from sinkron.nomenclature import default_nomenclature


@pytest.mark.parametrize("kind", list(CrosswalkKind))
def test_shipped_templates_are_the_schema_headers(kind: CrosswalkKind, tmp_path: Path) -> None:
    assert template_path(kind).read_text(encoding="utf-8") == template(kind)
    written = write_template(kind, tmp_path / "t.csv")
    assert written.read_text(encoding="utf-8") == template(kind)


def test_a_kp_crosswalk_reads_with_row_provenance(tmp_path: Path) -> None:
    path = tmp_path / "kp-sub-kegiatan.csv"
    path.write_text(
        "\ufeffKode Prioritas,Kode Sub Kegiatan,Keterangan\n"
        "02.10.09,3.25.03.2.01.0002,kesepakatan desk 2025\n"
        "2.10.9,3.25.3.2.1.3,\n"
        "\n",
        encoding="utf-8",
    )
    loaded = read_priority_crosswalk(
        path,
        version="2025-10",
        tree_id="rpjmn-2025-2029",
        period=PlanPeriod(start=2026, end=2026),
        supplied_by="Bappeda Kota Palangka Raya",
    )
    crosswalk = loaded.raise_for_errors()
    assert loaded.complete and loaded.rows == 2
    assert crosswalk.id == "kp-sub-kegiatan" and crosswalk.supplied_by == "Bappeda Kota Palangka Raya"
    assert crosswalk.sub_activities("02.10.09") == {Code.parse("3.25.03.2.01.0002"), Code.parse("3.25.03.2.01.0003")}
    assert crosswalk.rows[0].note == "kesepakatan desk 2025"
    assert crosswalk.rows[1].provenance.row == 3  # type: ignore[union-attr]
    assert crosswalk.applies_to(2026) and not crosswalk.applies_to(2027)
    assert crosswalk.problems(tree=rpjmn_2025_2029(), nomenclature=default_nomenclature()) == []


def test_every_bad_row_of_a_crosswalk_is_reported_with_its_place() -> None:
    text = (
        "kode_prioritas;kode_sub_kegiatan\n"
        "02.10.09;3.25.03.2.01\n"  # a kegiatan, not a sub kegiatan
        "02.1x;3.25.03.2.01.0002\n"
        ";3.25.03.2.01.0002\n"
        "02.10.09;3.25.03.2.01.0002\n"
        "02.10.09;3.25.03.2.01.0002\n"  # duplicate
        "02.10.09;3.25.03.2.01.0002;x\n"  # too many cells
    )
    loaded = read_priority_crosswalk(io.StringIO(text), version="1", name="kp.csv")
    assert not loaded.complete and loaded.rows == 5
    places = [(e.location.row, e.location.column) for e in loaded.errors]
    assert places == [(7, None), (2, "kode_sub_kegiatan"), (3, "kode_prioritas"), (4, "kode_prioritas"), (6, None)]
    assert all(e.location.source == "kp.csv" for e in loaded.errors)
    assert "expected a sub kegiatan code" in loaded.errors[1].message
    assert "same as row 5" in loaded.errors[4].message
    assert len(loaded.value.rows) == 2  # what could be read, never passed off as complete
    with pytest.raises(ValidationError) as caught:
        loaded.raise_for_errors()
    assert len(caught.value.errors) == 5


def test_header_problems_stop_the_file_with_every_problem_listed() -> None:
    loaded = read_priority_crosswalk(io.StringIO("kode_kp,kode_sub_kegiatan,warna\n02.10.09,x,y\n"), version="1")
    messages = sorted((e.message, e.location.column or e.expected) for e in loaded.errors)
    assert messages == [
        ("required column missing", "kode_prioritas"),
        ("unknown column", "kode_kp"),
        ("unknown column", "warna"),
    ]
    assert loaded.value.rows == ()
    empty = read_priority_crosswalk(io.StringIO(""), version="1")
    assert [e.message for e in empty.errors] == ["the file is empty; expected a header row"]


def test_validation_against_a_complete_tree_level_and_the_nomenclature() -> None:
    crosswalk = PriorityCrosswalk(
        id="kp",
        version="1",
        period=PlanPeriod(start=2026, end=2026),
        rows=[
            PriorityMapping(priority_code="09", sub_activity=Code.parse("3.25.03.2.01.0002")),  # no PN 09
            PriorityMapping(priority_code="02.10.99", sub_activity=Code.parse("3.25.03.2.01.0999")),
        ],
    )
    problems = crosswalk.problems(tree=rpjmn_2025_2029(), nomenclature=default_nomenclature())
    assert [p.location.field for p in problems] == ["kode_prioritas", "kode_sub_kegiatan"]
    assert "is not in RPJMN 2025–2029" in problems[0].message  # PN is a complete level; KP 02.10.99 is not judged
    assert "3.25.03.2.01.0999 is unknown" in problems[1].message


def test_a_dak_menu_crosswalk_reads_every_column(tmp_path: Path) -> None:
    path = tmp_path / "menu-dak-2026.csv"
    path.write_text(
        "tahun,jenis,bidang,sub_jenis,subbidang,menu,rincian,penunjang,kode_sub_kegiatan,kode_dana,keterangan\n"
        "2026,DAK Fisik,Pendidikan,Reguler,PAUD,Pembangunan ruang kelas,Ruang kelas baru,tidak,1.01.02.2.01.0001,2.2.01.01.03.0001,\n"
        "2026,Fisik,Pendidikan,Reguler,PAUD,Kegiatan penunjang,,ya,1.01.02.2.01.0006,2.2.01.01.03.0001,\n"
        "2026,Non Fisik,Dana BOK,,BOK Pkm,Operasional puskesmas,,,1.02.02.2.02.0001,,\n",
        encoding="utf-8",
    )
    crosswalk = read_dak_crosswalk(path, version="2026.1").raise_for_errors()
    first, penunjang, bok = crosswalk.rows
    assert (first.kind, first.scheme, first.subarea, first.detail, first.supporting) == (
        FundingKind.DAK_PHYSICAL,
        "Reguler",
        "PAUD",
        "Ruang kelas baru",
        False,
    )
    assert penunjang.supporting and bok.kind is FundingKind.DAK_NON_PHYSICAL and bok.funding_code is None
    assert crosswalk.years == (2026,)
    assert crosswalk.funding_codes(2026) == {"2.2.01.01.03.0001"}
    assert [m.menu for m in crosswalk.menus_for(2026, Code.parse("1.01.02.2.01.0006"))] == ["Kegiatan penunjang"]
    assert crosswalk.problems(nomenclature=default_nomenclature()) == []


def test_bad_dak_rows_are_located() -> None:
    text = (
        "tahun,jenis,bidang,sub_jenis,menu,penunjang,kode_sub_kegiatan,kode_dana\n"
        "26,Fisik,Pendidikan,Reguler,m,tidak,1.01.02.2.01.0001,2.2.01\n"
        "2026,Hibah,Pendidikan,Khusus,m,kadang,1.01.02.2.01.0001,2.2.x\n"
        "2026,Fisik,,Reguler,m,,1.01.02.2.01.0001,\n"
    )
    loaded = read_dak_crosswalk(io.StringIO(text), version="1", name="menu.csv")
    places = {(e.location.row, e.location.column) for e in loaded.errors}
    assert places == {(2, "tahun"), (3, "jenis"), (3, "sub_jenis"), (3, "penunjang"), (3, "kode_dana"), (4, "bidang")}
    assert loaded.value.rows == ()


def test_program_crosswalks_map_a_ministry_or_a_program_to_bidang_urusan() -> None:
    text = (
        "kode_kl,kode_bidang_urusan,keterangan\n022,2.15,Perhubungan\n032.04.CE,3.25,\nDL,2.15,\n022.12.DL,2.15.01,\n"
    )
    loaded = read_program_crosswalk(io.StringIO(text), version="1")
    assert [(e.location.row, e.location.column) for e in loaded.errors] == [(4, "kode_kl"), (5, "kode_bidang_urusan")]
    crosswalk = loaded.value
    assert crosswalk.sectors_for(KLCode.parse("022.12.DL")) == {Code.parse("2.15")}
    assert crosswalk.sectors_for(KLCode.parse("032.04.CE")) == {Code.parse("3.25")}
    assert crosswalk.sectors_for(KLCode.parse("054.01.WA")) == set()
    assert crosswalk.programs_for(Code.parse("2.15")) == {KLCode.parse("022", level=KLLevel.BUDGET_SECTION)}
    assert crosswalk.programs_for(Code.parse("3.25.03.2.01.0002")) == {KLCode.parse("032.04.CE")}
    assert crosswalk.programs_for(Code.parse("3")) == {KLCode.parse("032.04.CE")}
    assert crosswalk.problems(nomenclature=default_nomenclature()) == []
