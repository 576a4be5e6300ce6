"""The demo's meetings: a Rakortekrenbang 2025 with three desks and a Rakor penanggulangan kemiskinan 2025.

ILUSTRASI — invented records. The Rakortekrenbang of the province (March 2025) agreed, per desk
(kesehatan, pekerjaan umum, sosial), the sub kegiatan of the three perangkat daerah for 2026 with
their targets and pagu, which the Renja PD 2026 of the demo then follow — except the cases planted
for the family-5 rules (:data:`MEETING_PLANTED`, ``docs/demo.md``). The Rakor penanggulangan
kemiskinan (August 2025) agreed two Dinas Sosial sub kegiatan for 2026 and gathered input for the
RPKD 2025–2029; both of its agreements are followed.
"""

from __future__ import annotations

import datetime as dt

from sinkron.codes import Code
from sinkron.demo.kalteng import CITY, DINKES, DINSOS, IDS, PROVINCE, PUPR, REGENCY
from sinkron.demo.planted import PlantedCase
from sinkron.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Agreement,
    Desk,
    Meeting,
    MeetingKind,
    Money,
    Participant,
    Proposal,
    Value,
    ref,
)

__all__ = ["MEETING_PLANTED", "POVERTY_RAKOR", "RAKORTEK", "build_meetings"]

RAKORTEK = "rakortekrenbang-kalteng-2025"
POVERTY_RAKOR = "rakor-kemiskinan-kalteng-2025"
_MILLION = 1_000_000
_STUNTING = "Prevalensi stunting pada balita"
_MATERNAL = "Angka kematian ibu"
_ROADS = "Persentase jalan provinsi dalam kondisi mantap"
_POVERTY = "Tingkat kemiskinan"
_EXTREME = "Tingkat kemiskinan ekstrem"


def _agreement(
    ident: str, desk: str | None, agency: str, code: str, outcome: str, target: str, unit: str, pagu_million: int
) -> Agreement:
    return Agreement(
        id=ident,
        desk_id=desk,
        agency_id=agency,
        sub_activity=Code.parse(code),
        year=2026,
        outcome=outcome,
        target=Value.parse(target, unit=unit),
        pagu=Money(pagu_million * _MILLION),
    )


def _rakortek() -> Meeting:
    desks = [
        Desk(id="D1", name="Desk Kesehatan", sectors=[Code.parse("1.02")], outcomes=[_STUNTING, _MATERNAL]),
        Desk(id="D2", name="Desk Pekerjaan Umum dan Penataan Ruang", sectors=[Code.parse("1.03")], outcomes=[_ROADS]),
        Desk(id="D3", name="Desk Sosial", sectors=[Code.parse("1.06")], outcomes=[_POVERTY]),
    ]
    agreements = [
        _agreement("1", "D1", DINKES, "1.02.02.2.02.0001", _STUNTING, "51.500", "Orang", 2520),
        # Planted SKN502: the desk agreed 18.500 balita; the Renja PD 2026 plans 12.000.
        _agreement("2", "D1", DINKES, "1.02.02.2.02.0004", _STUNTING, "18.500", "Orang", 2205),
        # Planted SKN501: agreed at the desk, absent from the Renja PD 2026 of the Dinas Kesehatan.
        _agreement("3", "D1", DINKES, "1.02.02.2.02.0003", _STUNTING, "42.000", "Orang", 1150),
        # Planted SKN503: agreed at the Renstra pagu (Rp 18,9 miliar); the Renja PD 2026 budgets 30 % more.
        _agreement("4", "D2", PUPR, "1.03.10.2.01.0032", _ROADS, "13", "KM", 18900),
        _agreement("5", "D2", PUPR, "1.03.10.2.01.0046", _ROADS, "430", "KM", 63000),
        _agreement("6", "D3", DINSOS, "1.06.05.2.02.0003", _POVERTY, "8.250", "Keluarga", 8400),
    ]
    province, city, regency = "Provinsi Kalimantan Tengah", "Kota Palangka Raya", "Kabupaten Kotawaringin Timur"
    return Meeting(
        id=RAKORTEK,
        kind=MeetingKind.RAKORTEKRENBANG,
        title="Rakortekrenbang Provinsi Kalimantan Tengah 2025 (ilustrasi)",
        start=dt.date(2025, 3, 11),
        end=dt.date(2025, 3, 13),
        host_id=PROVINCE,
        venue="Palangka Raya",
        chair="Sekretaris Daerah Provinsi Kalimantan Tengah",
        desks=desks,
        agreements=agreements,
        agenda=[
            AgendaItem(
                title="Pembukaan dan arahan",
                start=dt.datetime(2025, 3, 11, 8, 30),
                speaker="Sekretaris Daerah Provinsi",
            ),
            AgendaItem(title="Desk urusan: kesehatan, pekerjaan umum, sosial", start=dt.datetime(2025, 3, 11, 10, 0)),
            AgendaItem(title="Pleno dan penandatanganan berita acara", start=dt.datetime(2025, 3, 13, 14, 0)),
        ],
        invitees=[
            Participant(role="Sekda", government_id=PROVINCE, name=province),
            Participant(role="Kepala Bappeda", government_id=PROVINCE, name=province),
            Participant(role="Kepala Bappeda", government_id=CITY, name=city),
            Participant(role="Kepala Bappeda", government_id=REGENCY, name=regency),
            Participant(role="Kepala Bappeda", government_id="62.01", name="Kabupaten Kotawaringin Barat"),
        ],
        participants=[
            Participant(role="Sekda", government_id=PROVINCE, name=province),
            Participant(role="Kepala Bappeda", government_id=PROVINCE, name=province, count=3),
            Participant(role="Kepala Bappeda", government_id=CITY, name=city, count=2),
            Participant(role="Kepala Bappeda", government_id=REGENCY, name=regency, count=2),
            Participant(role="Kepala Dinas", agency_id=DINKES, name="Dinas Kesehatan", desk_id="D1", count=4),
            Participant(role="Kepala Dinas", agency_id=PUPR, name="Dinas PUPR", desk_id="D2", count=4),
            Participant(role="Kepala Dinas", agency_id=DINSOS, name="Dinas Sosial", desk_id="D3", count=3),
        ],
        signatories=[
            Participant(role="Kepala Bappeda Provinsi Kalimantan Tengah", government_id=PROVINCE),
            Participant(role="Kepala Dinas Kesehatan", agency_id=DINKES, desk_id="D1"),
            Participant(role="Kepala Dinas Pekerjaan Umum dan Penataan Ruang", agency_id=PUPR, desk_id="D2"),
            Participant(role="Kepala Dinas Sosial", agency_id=DINSOS, desk_id="D3"),
        ],
        action_items=[
            ActionItem(
                id="T1",
                description="Sampaikan berita acara desk ke seluruh perangkat daerah",
                owner="Bappeda Provinsi",
                due=dt.date(2025, 3, 20),
                status=ActionStatus.DONE,
                completed=dt.date(2025, 3, 18),
            ),
            # Planted SKN504: still in progress long after its due date.
            ActionItem(
                id="T2",
                description="Sesuaikan rancangan Renja 2026 dengan kesepakatan desk",
                owner="Dinas Kesehatan",
                due=dt.date(2025, 5, 31),
                status=ActionStatus.IN_PROGRESS,
            ),
        ],
        proposals=[
            Proposal(
                id="U1",
                government_id=REGENCY,
                title="Jalan strategis penghubung sentra produksi",
                addressed_to="Kementerian Pekerjaan Umum",
                rank=1,
                sector=Code.parse("1.03"),
                year=2026,
                justification="Akses sentra produksi perkebunan ke pelabuhan",
                pagu=Money(45_000 * _MILLION),
            ),
        ],
    )


def _poverty_rakor() -> Meeting:
    return Meeting(
        id=POVERTY_RAKOR,
        kind=MeetingKind.RAKOR_POVERTY,
        title="Rakor Penanggulangan Kemiskinan Provinsi Kalimantan Tengah 2025 (ilustrasi)",
        start=dt.date(2025, 8, 19),
        host_id=PROVINCE,
        venue="Palangka Raya",
        chair="Wakil Gubernur, Ketua TKPK Provinsi",
        agreements=[
            _agreement("K1", None, DINSOS, "1.06.05.2.02.0001", _EXTREME, "26.000", "Orang", 2625),
            _agreement("K2", None, DINSOS, "1.06.04.2.01.0001", _POVERTY, "360", "Orang", 1260),
        ],
        participants=[
            Participant(role="Ketua TKPK", government_id=PROVINCE, name="TKPK Provinsi Kalimantan Tengah", count=5),
            Participant(role="Sekretaris TKPK", government_id=CITY, name="TKPK Kota Palangka Raya", count=2),
            Participant(
                role="Sekretaris TKPK", government_id=REGENCY, name="TKPK Kabupaten Kotawaringin Timur", count=2
            ),
        ],
        action_items=[
            ActionItem(
                id="T1",
                description="Susun rancangan RPKD 2025–2029 dari masukan kabupaten/kota",
                owner="TKPK Provinsi",
                due=dt.date(2026, 3, 31),
            ),
        ],
        proposals=[
            Proposal(
                id="U1",
                government_id=CITY,
                title="Perluasan bantuan pangan bagi keluarga miskin ekstrem",
                addressed_to="Kementerian Sosial",
                rank=1,
                sector=Code.parse("1.06"),
                year=2026,
            ),
        ],
        signatories=[Participant(role="Ketua TKPK Provinsi", government_id=PROVINCE)],
    )


def build_meetings() -> tuple[Meeting, ...]:
    """The demo's two meetings (deterministic)."""
    return (_rakortek(), _poverty_rakor())


def _case(rule: str, subject: str, id: str, en: str) -> PlantedCase:
    return PlantedCase(rule=rule, subject=subject, id=id, en=en)


#: The family-5 cases planted in the demo's meetings.
MEETING_PLANTED: tuple[PlantedCase, ...] = (
    _case(
        "SKN501",
        ref(RAKORTEK, "3"),
        "Sub kegiatan 1.02.02.2.02.0003 (bayi baru lahir) disepakati di Desk Kesehatan, tetapi tidak ada di Renja "
        "Dinas Kesehatan 2026.",
        "Sub kegiatan 1.02.02.2.02.0003 (newborn care) was agreed at the health desk but is not in the Dinas "
        "Kesehatan's Renja 2026.",
    ),
    _case(
        "SKN502",
        ref(IDS["renja_dinkes"], f"{DINKES}/1.02.02.2.02.0004"),
        "Desk menyepakati 18.500 balita; Renja 2026 menargetkan 12.000.",
        "The desk agreed 18,500 children under five; the Renja 2026 targets 12,000.",
    ),
    _case(
        "SKN503",
        ref(IDS["renja_pupr"], f"{PUPR}/1.03.10.2.01.0032"),
        "Desk menyepakati pagu Rp 18,9 miliar; Renja 2026 menganggarkan Rp 24,57 miliar (+30 %).",
        "The desk agreed a pagu of Rp 18.9 billion; the Renja 2026 budgets Rp 24.57 billion (+30%).",
    ),
    _case(
        "SKN504",
        ref(RAKORTEK, "T2"),
        "Tindak lanjut penyesuaian Renja berbatas waktu 31 Mei 2025 masih berstatus proses.",
        "The follow-up to align the Renja, due 31 May 2025, is still in progress.",
    ),
    _case(
        "SKN505",
        ref(RAKORTEK, "D1"),
        "Sasaran angka kematian ibu dibahas di Desk Kesehatan tanpa sub kegiatan pendukung yang disepakati.",
        "The maternal mortality outcome was discussed at the health desk with no supporting sub kegiatan agreed.",
    ),
)
