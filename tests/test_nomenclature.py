from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from sinkron import Code, CodeLevel, ValidationError
from sinkron.nomenclature import (
    BASE_VERSION,
    Change,
    ChangeKind,
    CodeState,
    Entry,
    NameMatchKind,
    Nomenclature,
    Version,
    compare_names,
    default_nomenclature,
    read_change_list,
)


def test_shipped_list_counts() -> None:
    entries = default_nomenclature().entries()
    levels = [c.level for c in entries]
    assert levels.count(CodeLevel.SUB_ACTIVITY) == 3395
    assert levels.count(CodeLevel.ACTIVITY) == 729
    assert levels.count(CodeLevel.PROGRAM) == 188
    assert levels.count(CodeLevel.SECTOR) == 45


def test_lookup_gives_kinerja_indikator_satuan() -> None:
    entry = default_nomenclature().lookup("1.02.02.2.02.0001")
    assert entry is not None
    assert entry.name == "Pengelolaan Pelayanan Kesehatan Ibu Hamil"
    assert entry.kinerja == "Terkelolanya Pelayanan Kesehatan Ibu Hamil Sesuai Standar"
    assert entry.indikator == "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan Sesuai Standar"
    assert entry.satuan == "Orang"


def test_penunjang_resolves_under_every_sector() -> None:
    nom = default_nomenclature()
    entry = nom.lookup("1.03.01.2.01.0001")
    assert entry is not None and entry.code == Code.parse("1.03.01.2.01.0001")
    assert entry.name == nom.lookup("X.XX.01.2.01.0001").name  # type: ignore[union-attr]
    assert nom.lookup("1.99.01.2.01.0001") is None  # no such bidang


def test_legacy_and_unknown_status() -> None:
    nom = default_nomenclature()
    legacy = nom.status("7.01.02.2.01.01", 2023)
    assert legacy.state is CodeState.LEGACY
    assert legacy.replacement == Code.parse("7.01.02.2.01.0001")
    unknown = nom.status("1.02.02.2.02.0999")
    assert unknown.state is CodeState.UNKNOWN and not unknown.is_valid
    assert nom.status("1.02.02.2.02.0001").is_valid


def _with_changes() -> Nomenclature:
    base = Version(id="base", regulation="Base 1/2020", effective_year=2021)
    entries = [
        Entry(code=Code.parse("1.02"), name="KESEHATAN"),
        Entry(code=Code.parse("1.02.02"), name="PROGRAM A"),
        Entry(code=Code.parse("1.02.02.2.01"), name="Kegiatan A"),
        Entry(code=Code.parse("1.02.02.2.01.0001"), name="Sub lama", satuan="Orang"),
        Entry(code=Code.parse("1.02.02.2.01.0002"), name="Sub tetap"),
    ]
    v2024 = Version(
        id="v2024",
        regulation="Kepmendagri 2/2024",
        effective_year=2025,
        changes=(
            Change(
                kind=ChangeKind.MOVED, code=Code.parse("1.02.02.2.01.0001"), replacement=Code.parse("1.02.02.2.01.0003")
            ),
            Change(
                kind=ChangeKind.RENAMED,
                code=Code.parse("1.02.02.2.01.0002"),
                entry=Entry(code=Code.parse("1.02.02.2.01.0002"), name="Sub baru"),
            ),
            Change(
                kind=ChangeKind.ADDED,
                code=Code.parse("1.02.02.2.01.0004"),
                entry=Entry(code=Code.parse("1.02.02.2.01.0004"), name="Sub tambahan"),
            ),
        ),
    )
    v2026 = Version(
        id="v2026",
        regulation="Kepmendagri 3/2026",
        effective_year=2027,
        changes=(
            Change(
                kind=ChangeKind.RETIRED,
                code=Code.parse("1.02.02.2.01.0003"),
                replacement=Code.parse("1.02.02.2.01.0004"),
            ),
        ),
    )
    return Nomenclature(base, entries, [v2026, v2024])


def test_versions_apply_by_year() -> None:
    nom = _with_changes()
    assert [v.id for v in nom.versions] == ["base", "v2024", "v2026"]
    assert nom.version_for(2020).id == "base"
    assert nom.version_for(2026).id == "v2024"
    assert nom.lookup("1.02.02.2.01.0002", 2024).name == "Sub tetap"  # type: ignore[union-attr]
    assert nom.lookup("1.02.02.2.01.0002", 2025).name == "Sub baru"  # type: ignore[union-attr]


def test_retired_codes_point_to_their_replacement() -> None:
    nom = _with_changes()
    moved = nom.status("1.02.02.2.01.0001", 2025)
    assert moved.state is CodeState.RETIRED
    assert moved.replacement == Code.parse("1.02.02.2.01.0003")
    assert moved.changed_by is not None and moved.changed_by.id == "v2024"
    assert moved.entry is not None and moved.entry.satuan == "Orang"
    # Two moves chain to the code in force.
    assert nom.status("1.02.02.2.01.0001", 2027).replacement == Code.parse("1.02.02.2.01.0004")
    assert nom.lookup("1.02.02.2.01.0003", 2025).satuan == "Orang"  # type: ignore[union-attr]
    not_yet = nom.status("1.02.02.2.01.0004", 2024)
    assert not_yet.state is CodeState.NOT_YET and not_yet.changed_by.id == "v2024"  # type: ignore[union-attr]


def test_change_list_csv(tmp_path: Path) -> None:
    path = tmp_path / "changes.csv"
    path.write_text(
        "regulation,effective_year,change,code,replacement,nomenklatur,kinerja,indikator,satuan,keterangan\n"
        "Kepmendagri 900.1-861/2026,2027,retired,1.02.02.2.02.0001,1.02.02.2.02.0002,,,,,\n"
        "Kepmendagri 900.1-861/2026,2027,added,1.02.02.2.02.0099,,Sub Kegiatan Baru,Terlaksananya X,Jumlah X,Dokumen,\n",
        encoding="utf-8",
    )
    nom = default_nomenclature().with_change_file(path)
    assert nom.status("1.02.02.2.02.0001", 2026).is_valid
    retired = nom.status("1.02.02.2.02.0001", 2027)
    assert retired.state is CodeState.RETIRED and retired.replacement == Code.parse("1.02.02.2.02.0002")
    assert nom.lookup("1.02.02.2.02.0099", 2027).satuan == "Dokumen"  # type: ignore[union-attr]
    assert default_nomenclature().lookup("1.02.02.2.02.0099") is None  # the shipped catalogue is unchanged


def test_bad_change_list_reports_every_row() -> None:
    text = (
        "regulation,effective_year,change,code\n"
        "Kepmendagri X,20x7,retired,1.02.02.2.02.0001\n"
        "Kepmendagri X,2027,vanished,1.02.02.2.02.0001\n"
        "Kepmendagri X,2027,retired,1.02.02.2\n"
        ",2027,retired,1.02.02.2.02.0001\n"
    )
    with pytest.raises(ValidationError) as info:
        read_change_list(io.StringIO(text), "changes.csv")
    rows = [(e.location.row, e.location.column) for e in info.value.errors]
    assert rows == [(2, "effective_year"), (3, "change"), (4, "code"), (5, "regulation")]


def test_search_tolerates_variants() -> None:
    nom = default_nomenclature()
    hits = nom.search("pengelolaan pelayanan kesehatan ibu hamil")
    assert hits[0].entry.code == Code.parse("1.02.02.2.02.0001")
    assert hits[0].score >= 0.9
    misspelled = nom.search("Pengadaan Mebeluer Sekolah", limit=3)
    assert all(h.entry.name == "Pengadaan Mebel Sekolah" for h in misspelled)
    assert nom.search("1.02.02.2.02.0001")[0].score == 1.0
    assert all(h.entry.level is CodeLevel.PROGRAM for h in nom.search("kesehatan", level=CodeLevel.PROGRAM))
    assert nom.search("  ") == []


def test_compare_names() -> None:
    assert (
        compare_names("Pengelolaan  Pelayanan\n\nKesehatan", "Pengelolaan Pelayanan Kesehatan").kind
        is NameMatchKind.EXACT
    )
    assert (
        compare_names("Pembahasan Rancangan Perda", "Pembahasan Rancangan Peraturan Daerah").kind
        is NameMatchKind.VARIANT
    )
    assert compare_names("Job Fair /Bursa Kerja", "Job Fair/Bursa Kerja").kind is NameMatchKind.VARIANT
    assert not compare_names("Pembangunan Jalan", "Penyediaan Air Minum").matches


def test_name_variants_from_sipd_fmis_mappings(shared_reference: Path) -> None:
    """The SIPD↔FMIS name pairs are the same items; all but the true renames must match."""
    renamed = {
        # Real renames or truncations in the mapping, not spelling variants: reported as different.
        "Kerja Sama Penyediaan/Pengelolaan PSU Permukiman",
        "Koordinasi dan Sinkronisasi Pengawasan Pelaksanaan Izin Operasi Sarana Perkeretaapian Umum yang Jaringan Jalurnya Menjadi Kewenangan Kabupaten/Kota",
        "Monitoring dan Evaluasi Kewilayahan Perbatasan",
        # Pairs where one side adds or drops words ("Kawasan Strategis", "Jaringan Perpipaan", "Pajak Daerah
        # dan", "Berbasis … SIINAS"): a wider or narrower item, not a spelling variant.
        "Penyelenggaraan Infrastruktur pada Permukiman di Kawasan Strategis Daerah Kabupaten/Kota",
        "Penyelenggaraan Promosi Dagang melalui Pameran Dagang dan Misi Dagang bagi Produk Ekspor Unggulan yang terdapat pada 1 (satu) Daerah Kabupaten/Kota",
        "Penerbitan Izin Usaha Industri (IUI), Izin Perluasan Usaha Industri (IPUI), Izin Usaha Kawasan Industri (IUKI) dan Izin Perluasan Kawasan Industri (IPKI) Kewenangan Kabupaten/Kota",
        "Pengendalian dan Pengawasan serta Tindak Lanjut Pengawasan Perizinan Rumah Sakit Kelas C, D dan Fasilitas Pelayanan Kesehatan Lainnya",
        "Pembangunan SPAM Jaringan Perpipaan di Kawasan Perkotaan",
        "Perluasan SPAM Jaringan Perpipaan di Kawasan Perkotaan",
        "Pembinaan Teknik Pengelolaan Infrastruktur Persampahan",
        "Penyusunan Rencana Pencegahan dan Peningkatan Kualitas Perumahan Kumuh dan Permukiman Kumuh",
        "Pencegahan Gangguan Ketenteraman dan Ketertiban Umum melalui Deteksi Dini dan Cegah Dini, Pembinaan dan Penyuluhan, Pelaksanaan Patroli, Pengamanan, dan Pengawalan",
        "Penilaian, Penetapan dan Pelaksanaan Pemusnahan Arsip yang Memiliki Retensi di Bawah 10 (sepuluh) Tahun",
        "Pengadaan/Pemeliharaan/Rehabilitasi Sarana dan Prasarana dalam Pengelolaan Kawasan Wisata Strategis Pariwisata Kabupaten/Kota Pengadaan/Pemeliharaan/Rehabilitasi Sarana dan Prasarana dalam Pengelolaan Kawasan Wisata Strategis Pariwisata Kabupaten/Kota",
        "Fasilitasi Pemenuhan Komitmen perolehan IUI, IPUI, IUKI dan IPKI Kewenangan Kabupaten/Kota dalam Sistem Informasi Industri Nasional (SIINas) yang Terintegrasi dengan Sistem Pelayanan Perizinan Berusaha Terintegrasi secara Elektronik",
        "Koordinasi dan Sinkronisasi Pengawasan Perizinan di Bidang Industri Dalam Lingkup IUI, IPUI, IUKI dan IPKI Kewenangan Kabupaten/ Kota",
        "Pembinaan dan Pengawasan Pengelolaan Retribusi Daerah",
        "PROGRAM PENGELOLAAN INFORMASI DAN KOMUNIKASI PUBLIK",
        "PROGRAM INFORMASI DAN KOMUNIKASI PUBLIK",
        "PROGRAM PENGELOLAAN APLIKASI INFORMATIKA",
        "PROGRAM APLIKASI INFORMATIKA",
    }
    checked = 0
    for path in sorted((shared_reference / "wp-sipd").glob("mapping_*.txt")):
        for sipd, fmis in re.findall(r"\[(.*?)\]-\[(.*?)\]", path.read_text(encoding="utf-8"), re.S):
            match = compare_names(sipd, fmis)
            same_words = " ".join(sipd.split()).casefold() == " ".join(fmis.split()).casefold()
            # A renamed item can also be listed beside its own name (in another year's mapping).
            assert match.matches == (same_words or sipd not in renamed), (path.name, sipd, fmis, match)
            checked += 1
    assert checked >= 90


def test_shipped_list_matches_reference_csv(shared_reference: Path) -> None:
    import csv

    with (shared_reference / "sesendok" / "sub_kegiatan_kepmendagri_900.normalized.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    nom = default_nomenclature()
    # The three corrections documented in src/sinkron/nomenclature/data/SOURCES.md.
    corrected = {"1.03": "UMUMDAN", "3.25": "KELAUTANDAN", "3.29": "ENERGIDAN"}
    for row in rows:
        entry = nom.entries()[Code.parse(row["kode"])]
        expected = row["nomenklatur"]
        if row["kode"] in corrected:
            glued = corrected[row["kode"]]
            expected = expected.replace(glued, glued[:-3] + " DAN")
        assert (entry.name, entry.satuan or "") == (expected, row["satuan"])
    assert len(rows) == len(nom.entries())


def test_base_version_is_labelled_probable() -> None:
    assert "Probable" in (BASE_VERSION.note or "")
    assert default_nomenclature().version_for(2026) is BASE_VERSION
