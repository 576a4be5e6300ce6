"""Words and figures the strategies draw from, so generated plans read like real ones.

Output (keluaran) indicators come from the shipped nomenclature's indikator and satuan columns;
the outcome and impact indicators, agency names, priorities, texts and meeting titles below are
written for the kit (illustrative, in the form real documents use). sinkron ships no list of the
552 governments, so governments are the demo's (:data:`sinkron.demo.kalteng.GOVERNMENTS`).
"""

from __future__ import annotations

import functools
from decimal import Decimal

import attrs

from sinkron.codes import Code
from sinkron.models import Direction, Government, MeetingKind


@attrs.frozen
class IndicatorTemplate:
    """An indicator as plans write it: name, satuan, polarity and the span its values fall in."""

    name: str
    unit: str
    direction: Direction
    low: Decimal
    high: Decimal
    places: int
    """Decimal places its values are written with (0–3)."""


def _template(name: str, unit: str, direction: str, low: str, high: str, places: int) -> IndicatorTemplate:
    return IndicatorTemplate(name, unit, Direction(direction), Decimal(low), Decimal(high), places)


#: Outcome (hasil) and impact (dampak) indicators of RPJMD, Renstra and priorities.
OUTCOME_INDICATORS: tuple[IndicatorTemplate, ...] = (
    _template("Angka Kematian Ibu", "per 100.000 KH", "turun", "50", "400", 0),
    _template("Angka Kematian Bayi", "per 1.000 KH", "turun", "5", "40", 2),
    _template("Prevalensi Stunting pada Balita", "%", "turun", "5", "40", 2),
    _template("Indeks Pembangunan Manusia", "Indeks", "naik", "60", "85", 3),
    _template("Indeks Kualitas Lingkungan Hidup", "Indeks", "naik", "55", "85", 3),
    _template("Rasio Gini", "Indeks", "turun", "0.25", "0.45", 3),
    _template("Persentase Penduduk Miskin", "%", "turun", "3", "20", 2),
    _template("Tingkat Pengangguran Terbuka", "%", "turun", "2", "10", 2),
    _template("Laju Pertumbuhan Ekonomi", "%", "naik", "2", "8", 2),
    _template("Rata-rata Lama Sekolah", "Tahun", "naik", "7", "12", 2),
    _template("Angka Harapan Hidup", "Tahun", "naik", "65", "75", 2),
    _template("Angka Partisipasi Murni SD/MI", "%", "naik", "85", "100", 1),
    _template("Persentase Jalan Kabupaten dalam Kondisi Mantap", "%", "naik", "40", "95", 1),
    _template("Cakupan Rumah Tangga dengan Akses Air Minum Layak", "%", "naik", "50", "99", 2),
    _template("Luas Kawasan Permukiman Kumuh", "Ha", "turun", "10", "500", 2),
    _template("Nilai Sistem Akuntabilitas Kinerja Instansi Pemerintah", "Nilai", "naik", "50", "85", 2),
    _template("Jumlah Kunjungan Wisatawan", "Orang", "naik", "10000", "2000000", 0),
    _template("Produksi Padi", "Ton GKG", "naik", "1000", "500000", 0),
    _template("Konsumsi Air Bersih per Kapita", "M3/orang/hari", "naik", "0.05", "0.2", 3),
)

#: Perangkat daerah by the bidang urusan its SKPD code starts with (others: "Dinas" and the bidang).
AGENCY_NAMES: dict[str, str] = {
    "1.01": "Dinas Pendidikan",
    "1.02": "Dinas Kesehatan",
    "1.03": "Dinas Pekerjaan Umum dan Penataan Ruang",
    "1.04": "Dinas Perumahan dan Kawasan Permukiman",
    "1.05": "Satuan Polisi Pamong Praja",
    "1.06": "Dinas Sosial",
    "2.07": "Dinas Tenaga Kerja",
    "2.08": "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
    "2.09": "Dinas Ketahanan Pangan",
    "2.11": "Dinas Lingkungan Hidup",
    "2.12": "Dinas Kependudukan dan Pencatatan Sipil",
    "2.13": "Dinas Pemberdayaan Masyarakat dan Desa",
    "2.15": "Dinas Perhubungan",
    "2.16": "Dinas Komunikasi, Informatika, Statistik dan Persandian",
    "2.17": "Dinas Koperasi, Usaha Kecil dan Menengah",
    "2.18": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "2.19": "Dinas Pemuda dan Olahraga",
    "2.23": "Dinas Perpustakaan dan Kearsipan",
    "3.25": "Dinas Kelautan dan Perikanan",
    "3.26": "Dinas Pariwisata",
    "3.27": "Dinas Pertanian",
    "3.30": "Dinas Perdagangan",
    "4.01": "Sekretariat Daerah",
    "4.02": "Sekretariat DPRD",
    "5.01": "Badan Perencanaan Pembangunan Daerah",
    "5.02": "Badan Pengelolaan Keuangan dan Aset Daerah",
    "5.03": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "6.01": "Inspektorat Daerah",
    "7.01": "Kecamatan",
    "8.01": "Badan Kesatuan Bangsa dan Politik",
}


def agency_name(sector: Code, bidang: str, government: Government | None) -> str:
    """A perangkat daerah name for an SKPD of ``sector`` in ``government``: "Dinas Kesehatan Kabupaten …"."""
    base = AGENCY_NAMES.get(str(sector))
    if base is None:
        subject = bidang.upper().removeprefix("URUSAN PEMERINTAHAN BIDANG ").title()
        # bidang of urusan wajib and pilihan (1–3) have a dinas, supporting functions (4–9) a badan
        kind = "Dinas" if str(sector)[0] in "123" else "Badan"
        base = f"{kind} {subject.replace(' Dan ', ' dan ').replace(' Serta ', ' serta ')}"
    return f"{base} {government.name}" if government is not None else base


@functools.lru_cache(maxsize=1)
def governments() -> tuple[Government, ...]:
    """The 38 provinces and 514 kabupaten/kota sinkron ships (:mod:`sinkron.regions`)."""
    from sinkron.regions import governments as shipped

    return shipped()


def government(government_id: str) -> Government | None:
    from sinkron.regions import UnknownRegion
    from sinkron.regions import government as shipped

    try:
        return shipped(government_id)
    except UnknownRegion:
        return None


#: Prioritas daerah as RPJMD and RKPD name them.
REGIONAL_PRIORITIES: tuple[str, ...] = (
    "Peningkatan Kualitas Sumber Daya Manusia yang Sehat, Cerdas dan Berdaya Saing",
    "Penanggulangan Kemiskinan Ekstrem dan Penurunan Stunting",
    "Pembangunan Infrastruktur Konektivitas Antarwilayah",
    "Penguatan Ekonomi Kerakyatan Berbasis Potensi Lokal",
    "Reformasi Birokrasi dan Tata Kelola Pemerintahan yang Baik",
    "Pengelolaan Lingkungan Hidup dan Pengurangan Risiko Bencana",
)

#: Visi, misi, tujuan and sasaran statements (``Meningkatnya …``).
STATEMENTS: tuple[str, ...] = (
    "Meningkatnya kualitas sumber daya manusia",
    "Menurunnya angka kemiskinan dan ketimpangan pendapatan",
    "Meningkatnya kualitas dan pemerataan layanan kesehatan dasar",
    "Terwujudnya infrastruktur wilayah yang mantap dan terpadu",
    "Meningkatnya akuntabilitas kinerja penyelenggaraan pemerintahan daerah",
    "Meningkatnya ketahanan pangan masyarakat",
    "Terwujudnya lingkungan hidup yang lestari dan tangguh bencana",
    "Meningkatnya pertumbuhan ekonomi yang inklusif dan berkelanjutan melalui penguatan sektor pertanian, "
    "perikanan, pariwisata dan industri pengolahan berbasis sumber daya lokal",
)

#: How cells of real files begin: a list dash, a colon left from a label, a bullet.
LEADING_PUNCTUATION: tuple[str, ...] = ("- ", ": ", "-", "• ")

#: Lokasi as plans write them, one starting with the comma of a list split badly.
LOCATIONS: tuple[str, ...] = ("Kec. Pahandut", "Kec. Jekan Raya", "Semua Kecamatan", ", Kec. Sabangau", "Kel. Langkai")

#: Meeting titles by kind (``{government}`` and ``{year}`` are filled in).
MEETING_TITLES: dict[MeetingKind, str] = {
    MeetingKind.RAKOR: "Rapat Koordinasi Perencanaan Pembangunan {government} {year}",
    MeetingKind.RAKORTEKRENBANG: "Rakortekrenbang {government} Tahun {year}",
    MeetingKind.DESK: "Desk Rancangan Renja Perangkat Daerah {government} {year}",
    MeetingKind.MUSRENBANG: "Musrenbang RKPD {government} Tahun {year}",
    MeetingKind.FORUM_PD: "Forum Perangkat Daerah {government} {year}",
    MeetingKind.RAKOR_POVERTY: "Rapat Koordinasi Penanggulangan Kemiskinan {government} {year}",
}

#: Satuan of free-standing values, some with digits (``per 100.000 KH``, ``M2``).
UNITS: tuple[str, ...] = (
    "%",
    "Orang",
    "Dokumen",
    "Laporan",
    "Unit",
    "Km",
    "Desa",
    "Keluarga",
    "Indeks",
    "per 100.000 KH",
    "per 1.000 KH",
    "M2",
    "M3/orang/hari",
)
