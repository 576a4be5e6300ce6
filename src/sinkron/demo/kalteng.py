"""The demo data: a synthetic province modelled on Kalimantan Tengah, 2025–2029.

ILUSTRASI — the figures are invented. The names of the 8 Prioritas Nasional are those of RPJMN
2025–2029 and codes and names of urusan … sub kegiatan come from the shipped nomenclature; every
target, pagu, realisation, regional priority, PP/KP name and link is synthetic. See ``docs/demo.md``
for the inconsistencies planted on purpose (and :data:`sinkron.demo.PLANTED`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

import attrs

from sinkron.codes import Code
from sinkron.demo._build import (
    FLAT,
    LATE,
    MILLION,
    NORMAL,
    YEARS,
    ProgramSpec,
    activity,
    add_sub,
    grow,
    indicator,
    monthly_spending,
    program,
    resum,
    rupiah,
    series,
    slice_program,
    sub_activity,
    sum_budgets,
    update_subs,
)
from sinkron.models import (
    Agency,
    Budget,
    BudgetKind,
    Bundle,
    Direction,
    Goal,
    Government,
    GovernmentLevel,
    Indicator,
    IndicatorKind,
    Link,
    LinkKind,
    Mission,
    Money,
    Objective,
    Plan,
    PlanKind,
    PlanPeriod,
    Priority,
    PriorityKind,
    Program,
    Realisation,
    SubActivity,
    Target,
    Value,
    ref,
)

__all__ = ["DEMO_SOURCE", "build_bundle", "plan_ids"]

D = Decimal

DEMO_SOURCE = (
    "sinkron demo: data ilustratif Kalimantan Tengah 2025–2029, bukan data resmi (illustrative, not official data)"
)
PERIOD = PlanPeriod(start=2025, end=2029)
RPJMN = "RPJMN 2025–2029"
RPJMD_DOC = "RPJMD Provinsi Kalimantan Tengah 2025–2029 (ilustrasi)"

# -- organisations -------------------------------------------------------------------------------
PROVINCE = "62"
CITY = "62.71"
REGENCY = "62.02"

GOVERNMENTS = (
    Government(level=GovernmentLevel.NATIONAL, name="Pemerintah Pusat"),
    Government(level=GovernmentLevel.PROVINCE, name="Provinsi Kalimantan Tengah", region_code=PROVINCE),
    Government(level=GovernmentLevel.CITY, name="Kota Palangka Raya", region_code=CITY, parent_id=PROVINCE),
    Government(
        level=GovernmentLevel.REGENCY, name="Kabupaten Kotawaringin Timur", region_code=REGENCY, parent_id=PROVINCE
    ),
)

_GOVERNMENT_NAMES = {
    PROVINCE: ("kalteng", "Provinsi Kalimantan Tengah"),
    CITY: ("palangkaraya", "Kota Palangka Raya"),
    REGENCY: ("kotim", "Kabupaten Kotawaringin Timur"),
}
_AGENCY_KINDS = (
    ("dinkes", "1.02", "Dinas Kesehatan"),
    ("pupr", "1.03", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("dinsos", "1.06", "Dinas Sosial"),
)


def _agencies() -> tuple[Agency, ...]:
    out = []
    for government, (short, name) in _GOVERNMENT_NAMES.items():
        for kind, sector, agency_name in _AGENCY_KINDS:
            agency = Agency(
                id=f"{short}.{kind}",
                code=f"{sector}.0.00.0.00.01.0000",
                name=f"{agency_name} {name}",
                government_id=government,
                sectors=[Code.parse(sector)],
            )
            out.append(agency)
    return tuple(out)


DINKES, PUPR, DINSOS = "kalteng.dinkes", "kalteng.pupr", "kalteng.dinsos"


def plan_ids() -> dict[str, str]:
    """The ids of the demo plans, by a short key."""
    return {
        "rpjmd": "rpjmd-kalteng-2025-2029",
        "rkpd": "rkpd-kalteng-2026",
        "rkpd_palangkaraya": "rkpd-palangkaraya-2026",
        "rkpd_kotim": "rkpd-kotim-2026",
        **{
            f"renstra_{a.split('.')[1]}": f"renstra-{a.split('.')[1]}-kalteng-2025-2029" for a in (DINKES, PUPR, DINSOS)
        },
        **{f"renja_{a.split('.')[1]}": f"renja-{a.split('.')[1]}-kalteng-2026" for a in (DINKES, PUPR, DINSOS)},
        **{f"dpa_{a.split('.')[1]}": f"dpa-{a.split('.')[1]}-kalteng-2025" for a in (DINKES, PUPR, DINSOS)},
    }


IDS = plan_ids()

# -- priorities ----------------------------------------------------------------------------------
#: The 8 Prioritas Nasional of RPJMN 2025–2029 (PN k = Asta Cita k), real names.
PN_NAMES = (
    "Memperkokoh Ideologi Pancasila, Demokrasi, dan Hak Asasi Manusia",
    "Memantapkan Sistem Pertahanan Keamanan Negara dan Mendorong Kemandirian Bangsa melalui Swasembada Pangan, "
    "Energi, Air, Ekonomi Syariah, Ekonomi Digital, Ekonomi Hijau, dan Ekonomi Biru",
    "Melanjutkan Pengembangan Infrastruktur dan Meningkatkan Lapangan Kerja yang Berkualitas, Mendorong "
    "Kewirausahaan, Mengembangkan Industri Kreatif serta Mengembangkan Agromaritim Industri di Sentra Produksi "
    "melalui Peran Aktif Koperasi",
    "Memperkuat Pembangunan SDM, Sains, Teknologi, Pendidikan, Kesehatan, Prestasi Olahraga, Kesetaraan Gender, "
    "serta Penguatan Peran Perempuan, Pemuda (Generasi Milenial dan Generasi Z), dan Penyandang Disabilitas",
    "Melanjutkan Hilirisasi dan Mengembangkan Industri Berbasis Sumber Daya Alam untuk Meningkatkan Nilai Tambah "
    "di Dalam Negeri",
    "Membangun dari Desa dan dari Bawah untuk Pertumbuhan Ekonomi, Pemerataan Ekonomi, dan Pemberantasan Kemiskinan",
    "Memperkuat Reformasi Politik, Hukum, dan Birokrasi, serta Memperkuat Pencegahan dan Pemberantasan Korupsi, "
    "Narkoba, Judi, dan Penyelundupan",
    "Memperkuat Penyelarasan Kehidupan yang Harmonis dengan Lingkungan Alam dan Budaya, serta Peningkatan "
    "Toleransi Antarumat Beragama untuk Mencapai Masyarakat yang Adil dan Makmur",
)

STUNTING = "Prevalensi stunting pada balita"
POVERTY = "Tingkat kemiskinan"
EXTREME_POVERTY = "Tingkat kemiskinan ekstrem"


def _lower_impact(name: str, targets: Mapping[int, int | str | Decimal], baseline: Decimal) -> Indicator:
    return indicator(
        name, "%", targets, kind=IndicatorKind.IMPACT, direction=Direction.LOWER_IS_BETTER, baseline=baseline
    )


def _pn_indicators(number: int) -> tuple[Indicator, ...]:
    if number == 4:
        return (_lower_impact(STUNTING, {2025: D("18.8"), 2029: D("14.2")}, D("21.5")),)
    if number == 6:
        # RPJMN writes these targets as ranges (Sasaran Utama PN 6): "7,0–8,0" in 2025, "4,5–5,0" in 2029.
        return (
            _lower_impact(POVERTY, {2025: "7,0–8,0", 2029: "4,5–5,0"}, D("9.03")),
            _lower_impact(EXTREME_POVERTY, {2025: "0,5–1", 2029: 0}, D("1.47")),
        )
    return ()


def _priorities() -> tuple[Priority, ...]:
    out = [
        Priority(
            id=f"PN{k:02d}",
            kind=PriorityKind.NATIONAL,
            code=f"{k:02d}",
            name=name,
            indicators=_pn_indicators(k),
            document=RPJMN,
            period=PERIOD,
            government_id="pusat",
        )
        for k, name in enumerate(PN_NAMES, start=1)
    ]
    # Program Prioritas and Kegiatan Prioritas: illustrative names (the RPJMN appendix was not used).
    children = (
        ("PP02.01", PriorityKind.PROGRAM, "02.01", "Ketahanan air dan akses air minum aman (ilustrasi)", "PN02"),
        ("PP03.01", PriorityKind.PROGRAM, "03.01", "Konektivitas dan infrastruktur wilayah (ilustrasi)", "PN03"),
        ("PP04.02", PriorityKind.PROGRAM, "04.02", "Pelayanan kesehatan dan gizi masyarakat (ilustrasi)", "PN04"),
        ("KP04.02.01", PriorityKind.ACTIVITY, "04.02.01", "Percepatan penurunan stunting (ilustrasi)", "PP04.02"),
        (
            "PP06.01",
            PriorityKind.PROGRAM,
            "06.01",
            "Perlindungan sosial dan pengentasan kemiskinan (ilustrasi)",
            "PN06",
        ),
        (
            "KP06.01.01",
            PriorityKind.ACTIVITY,
            "06.01.01",
            "Pemutakhiran data tunggal sosial ekonomi (ilustrasi)",
            "PP06.01",
        ),
        ("PP07.01", PriorityKind.PROGRAM, "07.01", "Reformasi birokrasi dan akuntabilitas kinerja (ilustrasi)", "PN07"),
        ("PP08.01", PriorityKind.PROGRAM, "08.01", "Ketangguhan bencana dan perubahan iklim (ilustrasi)", "PN08"),
    )
    out += [
        Priority(
            id=pid,
            kind=kind,
            code=code,
            name=name,
            parent_id=parent,
            document=RPJMN,
            period=PERIOD,
            government_id="pusat",
        )
        for pid, kind, code, name, parent in children
    ]
    out += [
        Priority(id="TEM.STUNTING", kind=PriorityKind.THEMATIC, name="Percepatan penurunan stunting"),
        Priority(id="TEM.KEMISKINAN-EKSTREM", kind=PriorityKind.THEMATIC, name="Penghapusan kemiskinan ekstrem"),
        Priority(id="TEM.INFLASI", kind=PriorityKind.THEMATIC, name="Pengendalian inflasi daerah"),
    ]
    regional = (
        ("PD62.01", PROVINCE, "Peningkatan kualitas sumber daya manusia yang sehat dan berdaya saing"),
        ("PD62.02", PROVINCE, "Pemerataan infrastruktur dan konektivitas wilayah"),
        ("PD62.03", PROVINCE, "Penanggulangan kemiskinan dan perlindungan sosial"),
        ("PD62.04", PROVINCE, "Pengurangan risiko bencana dan pengendalian kebakaran hutan dan lahan"),
        ("PD62.05", PROVINCE, "Pengembangan pariwisata berbasis budaya dan kearifan lokal"),
        ("PD62.06", PROVINCE, "Air minum layak untuk seluruh rumah tangga (program prioritas gubernur)"),
        ("PD6271.01", CITY, "Palangka Raya kota sehat dan bebas stunting"),
        ("PD6202.01", REGENCY, "Konektivitas jalan ke sentra produksi perkebunan dan pertanian"),
    )
    documents = {
        PROVINCE: RPJMD_DOC,
        CITY: "RPJMD Kota Palangka Raya (ilustrasi)",
        REGENCY: "RPJMD Kabupaten Kotawaringin Timur (ilustrasi)",
    }
    out += [
        Priority(
            id=pid,
            kind=PriorityKind.REGIONAL,
            code=pid[2:],
            name=name,
            government_id=gov,
            document=documents[gov],
            period=PERIOD,
        )
        for pid, gov, name in regional
    ]
    return tuple(out)


# -- the province's medium-term plans: Renstra PD 2025–2029 ----------------------------------------
P_SUPPORT = ProgramSpec("Nilai akuntabilitas kinerja perangkat daerah", "Nilai", D("70.5"), 72, 1)
K_PLANNING = ProgramSpec("Persentase dokumen perencanaan dan evaluasi yang tersusun tepat waktu", "%", 90, 100)
K_FINANCE = ProgramSpec("Persentase administrasi keuangan perangkat daerah yang tertib", "%", 98, 100)
P_HEALTH = ProgramSpec("Persentase fasilitas pelayanan kesehatan yang memenuhi standar", "%", 68, 72, 4)
K_FACILITIES = ProgramSpec(
    "Persentase fasilitas kesehatan dengan sarana, prasarana dan alat kesehatan sesuai standar", "%", 64, 68, 4
)
K_SERVICES = ProgramSpec("Persentase capaian standar pelayanan minimal bidang kesehatan", "%", 82, 85, 3)
P_EMPOWER = ProgramSpec("Persentase rumah tangga ber-PHBS", "%", 61, 63, 2)
K_PROMOTION = ProgramSpec("Persentase desa/kelurahan yang melaksanakan gerakan hidup bersih dan sehat", "%", 55, 58, 3)
P_WATER = ProgramSpec("Persentase rumah tangga dengan akses air minum layak", "%", D("78.4"), 80, 2)
K_WATER = ProgramSpec("Persentase cakupan pelayanan SPAM regional", "%", 45, 48, 3)
P_ROADS = ProgramSpec("Persentase jalan dalam kondisi mantap", "%", D("78.2"), 80, 2)
K_ROADS = ProgramSpec("Panjang jalan dalam kondisi mantap", "KM", 1250, 1280, 30)
P_DRAINAGE = ProgramSpec("Persentase kawasan permukiman bebas genangan", "%", 70, 72, 2)
K_DRAINAGE = ProgramSpec("Panjang saluran drainase dalam kondisi baik", "KM", 110, 115, 5)
P_REHAB = ProgramSpec("Persentase PMKS yang memperoleh rehabilitasi sosial dasar", "%", 55, 60, 5)
K_REHAB = ProgramSpec("Persentase PMKS terlantar yang terpenuhi kebutuhan dasarnya", "%", 70, 74, 4)
P_PROTECTION = ProgramSpec("Persentase keluarga miskin yang memperoleh perlindungan dan jaminan sosial", "%", 62, 66, 4)
K_PROTECTION = ProgramSpec("Persentase fakir miskin yang terdata dan menerima bantuan sosial", "%", 60, 65, 5)
P_DISASTER = ProgramSpec(
    "Persentase korban bencana yang memperoleh perlindungan sosial pada masa tanggap darurat", "%", 90, 92, 2
)
K_DISASTER = ProgramSpec("Persentase korban bencana yang terpenuhi kebutuhan dasarnya", "%", 92, 94, D("1.5"))

SubRow = tuple[str, int, int, int]
"""(sub kegiatan code, target 2025, yearly target step, pagu 2025 in millions of rupiah)."""
ActivityRow = tuple[str, ProgramSpec, Sequence[SubRow]]
ProgramRow = tuple[str, ProgramSpec, Sequence[ActivityRow]]

RENSTRA_ROWS: dict[str, Sequence[ProgramRow]] = {
    DINKES: (
        (
            "1.02.01",
            P_SUPPORT,
            (
                ("1.02.01.2.01", K_PLANNING, (("1.02.01.2.01.0001", 5, 0, 850), ("1.02.01.2.01.0007", 4, 0, 400))),
                ("1.02.01.2.02", K_FINANCE, (("1.02.01.2.02.0001", 1560, 0, 9500),)),
            ),
        ),
        (
            "1.02.02",
            P_HEALTH,
            (
                ("1.02.02.2.01", K_FACILITIES, (("1.02.02.2.01.0014", 40, 5, 12000),)),
                (
                    "1.02.02.2.02",
                    K_SERVICES,
                    (
                        ("1.02.02.2.02.0001", 51000, 500, 2400),
                        ("1.02.02.2.02.0004", 18000, 500, 2100),
                        ("1.02.02.2.02.0011", 4800, 200, 1800),
                        ("1.02.02.2.02.0015", 14, 0, 3200),
                    ),
                ),
            ),
        ),
        ("1.02.05", P_EMPOWER, (("1.02.05.2.02", K_PROMOTION, (("1.02.05.2.02.0001", 14, 0, 1500),)),)),
    ),
    PUPR: (
        (
            "1.03.01",
            P_SUPPORT,
            (
                ("1.03.01.2.01", K_PLANNING, (("1.03.01.2.01.0001", 5, 0, 900),)),
                ("1.03.01.2.02", K_FINANCE, (("1.03.01.2.02.0001", 2400, 0, 12000),)),
            ),
        ),
        (
            "1.03.03",
            P_WATER,
            (("1.03.03.2.01", K_WATER, (("1.03.03.2.01.0028", 50, 10, 22000), ("1.03.03.2.01.0029", 12, 1, 4500))),),
        ),
        (
            "1.03.10",
            P_ROADS,
            (
                (
                    "1.03.10.2.01",
                    K_ROADS,
                    (
                        ("1.03.10.2.01.0032", 12, 1, 18000),
                        ("1.03.10.2.01.0040", 3, 0, 25000),
                        ("1.03.10.2.01.0044", 35, 2, 45000),
                        ("1.03.10.2.01.0046", 420, 10, 60000),
                    ),
                ),
            ),
        ),
    ),
    DINSOS: (
        (
            "1.06.01",
            P_SUPPORT,
            (
                ("1.06.01.2.01", K_PLANNING, (("1.06.01.2.01.0001", 5, 0, 600),)),
                ("1.06.01.2.02", K_FINANCE, (("1.06.01.2.02.0001", 960, 0, 6000),)),
            ),
        ),
        (
            "1.06.04",
            P_REHAB,
            (("1.06.04.2.01", K_REHAB, (("1.06.04.2.01.0001", 350, 10, 1200), ("1.06.04.2.01.0003", 200, 10, 900))),),
        ),
        (
            "1.06.05",
            P_PROTECTION,
            (
                (
                    "1.06.05.2.02",
                    K_PROTECTION,
                    (
                        ("1.06.05.2.02.0001", 25000, 1000, 2500),
                        ("1.06.05.2.02.0003", 8000, 250, 8000),
                        ("1.06.05.2.02.0004", 1500, 100, 3000),
                    ),
                ),
            ),
        ),
        (
            "1.06.06",
            P_DISASTER,
            (("1.06.06.2.01", K_DISASTER, (("1.06.06.2.01.0001", 3000, 0, 1500), ("1.06.06.2.01.0003", 6, 0, 1100))),),
        ),
    ),
}


def _programs(agency_id: str, rows: Sequence[ProgramRow], years: Sequence[int] = YEARS) -> tuple[Program, ...]:
    def sub(row: SubRow) -> SubActivity:
        code, start, step, pagu = row
        return sub_activity(code, agency_id, series(start, step, years), grow(pagu, years))

    return tuple(
        program(
            code,
            agency_id,
            spec,
            [
                activity(a_code, agency_id, a_spec, [sub(s) for s in subs], years=years)
                for a_code, a_spec, subs in activities
            ],
            years=years,
        )
        for code, spec, activities in rows
    )


def _with_target(year: int, value: Value | None) -> Callable[[SubActivity], SubActivity]:
    """Set (or, with ``None``, drop) the target of ``year`` on the sub kegiatan's first indicator."""

    def change(sub: SubActivity) -> SubActivity:
        first = sub.indicators[0]
        targets = [t for t in first.targets if t.year != year]
        if value is not None:
            targets.append(Target(year=year, value=value))
        targets.sort(key=lambda t: t.year)
        return attrs.evolve(sub, indicators=(attrs.evolve(first, targets=tuple(targets)), *sub.indicators[1:]))

    return change


def _renstra_programs(agency_id: str) -> tuple[Program, ...]:
    programs = _programs(agency_id, RENSTRA_ROWS[agency_id])
    if agency_id == PUPR:
        # Planted SKN204: a target for 2030, outside the 2025–2029 period.
        programs = update_subs(programs, {"1.03.10.2.01.0046": _with_target(2030, Value.of(470))})
        # Planted SKN306: the kegiatan pagu for 2027 is Rp 750 juta more than its sub kegiatan add up to
        # (and the program total was taken from the kegiatan, so only the kegiatan level disagrees).
        out = []
        for prog in programs:
            if str(prog.code) == "1.03.03":
                act = prog.activities[0]
                budgets = tuple(
                    Budget(year=b.year, amount=rupiah(b.amount.amount / MILLION + 750), kind=b.kind)
                    if b.year == 2027
                    else b
                    for b in act.budgets
                )
                act = attrs.evolve(act, budgets=budgets)
                prog = attrs.evolve(prog, activities=(act,), budgets=sum_budgets((act,)))
            out.append(prog)
        programs = tuple(out)
    if agency_id == DINSOS:
        # Planted SKN203: no target for 2029, the last year of the Renstra period.
        programs = update_subs(programs, {"1.06.06.2.01.0003": _with_target(2029, None)})
    return programs


def _statement_indicator(
    name: str,
    unit: str,
    baseline: Decimal | int,
    start: Decimal | int,
    step: Decimal | int,
    *,
    kind: IndicatorKind = IndicatorKind.OUTCOME,
    direction: Direction = Direction.HIGHER_IS_BETTER,
) -> Indicator:
    return indicator(name, unit, series(start, step), kind=kind, direction=direction, baseline=baseline)


def _renstra_statements(agency_id: str) -> tuple[tuple[Goal, ...], tuple[Objective, ...]]:
    if agency_id == DINKES:
        return (
            (
                Goal(
                    id="T1",
                    text="Meningkatnya derajat kesehatan masyarakat Kalimantan Tengah",
                    indicators=[
                        _statement_indicator(
                            "Usia harapan hidup", "Tahun", D("70.6"), D("70.8"), D("0.2"), kind=IndicatorKind.IMPACT
                        )
                    ],
                ),
            ),
            (
                Objective(
                    id="S1",
                    goal_id="T1",
                    text="Meningkatnya akses dan mutu pelayanan kesehatan",
                    indicators=[
                        _statement_indicator("Persentase fasilitas kesehatan terakreditasi paripurna", "%", 28, 32, 4)
                    ],
                ),
            ),
        )
    if agency_id == PUPR:
        return (
            (
                Goal(
                    id="T1",
                    text="Meningkatnya kualitas infrastruktur wilayah",
                    indicators=[
                        _statement_indicator(
                            "Persentase jalan provinsi dalam kondisi mantap",
                            "%",
                            D("78.2"),
                            80,
                            2,
                            kind=IndicatorKind.IMPACT,
                        )
                    ],
                ),
            ),
            (
                Objective(
                    id="S1",
                    goal_id="T1",
                    text="Meningkatnya kondisi jalan provinsi yang mantap",
                    indicators=[_statement_indicator("Panjang jalan provinsi kondisi mantap", "KM", 1250, 1280, 30)],
                ),
            ),
        )
    return (
        (
            Goal(
                id="T1",
                text="Meningkatnya kesejahteraan sosial masyarakat",
                indicators=[
                    _statement_indicator("Persentase PMKS yang tertangani", "%", 58, 62, 4, kind=IndicatorKind.IMPACT)
                ],
            ),
            Goal(
                id="T2",
                text="Meningkatnya ketangguhan sosial terhadap bencana",
                indicators=[
                    _statement_indicator(
                        "Persentase korban bencana yang tertangani", "%", 90, 92, 2, kind=IndicatorKind.IMPACT
                    )
                ],
            ),
        ),
        (
            Objective(
                id="S1",
                goal_id="T1",
                text="Meningkatnya perlindungan dan jaminan sosial bagi keluarga miskin",
                indicators=[_statement_indicator("Persentase keluarga miskin penerima bantuan sosial", "%", 62, 66, 4)],
            ),
            Objective(
                id="S2",
                goal_id="T2",
                text="Terpenuhinya kebutuhan dasar korban bencana",
                indicators=[
                    _statement_indicator("Persentase korban bencana yang terpenuhi kebutuhan dasarnya", "%", 92, 94, 1)
                ],
            ),
        ),
    )


def _agency_short(agency_id: str) -> str:
    return agency_id.split(".")[1]


_AGENCY_TITLES = {DINKES: "Dinas Kesehatan", PUPR: "Dinas PUPR", DINSOS: "Dinas Sosial"}


def _renstra(agency_id: str) -> Plan:
    goals, objectives = _renstra_statements(agency_id)
    return Plan(
        id=IDS[f"renstra_{_agency_short(agency_id)}"],
        kind=PlanKind.RENSTRA_PD,
        period=PERIOD,
        title=f"Renstra {_AGENCY_TITLES[agency_id]} Provinsi Kalimantan Tengah 2025–2029 (ilustrasi)",
        owner_id=agency_id,
        government_id=PROVINCE,
        goals=goals,
        objectives=objectives,
        programs=_renstra_programs(agency_id),
    )


# -- Renja PD 2026 and the RKPD 2026 compiled from them -------------------------------------------------
def _renja_programs(agency_id: str) -> tuple[Program, ...]:
    programs = tuple(slice_program(p, 2026) for p in _programs(agency_id, RENSTRA_ROWS[agency_id]))
    if agency_id == DINKES:
        # Planted SKN301: a sub kegiatan the Dinkes Renstra does not have.
        extra = sub_activity("1.02.02.2.02.0008", DINKES, {2026: 9000}, grow(350, (2026,)))
        programs = add_sub(programs, "1.02.02.2.02", extra)
        programs = update_subs(
            programs,
            {
                # Planted SKN302: Renja target 12.000 balita against 18.500 in the Renstra for 2026.
                "1.02.02.2.02.0004": _with_target(2026, Value.of(12000)),
                # Planted SKN205: a qualitative target that says nothing measurable.
                "1.02.01.2.01.0001": _with_target(2026, Value.parse("Meningkat")),
            },
        )
    if agency_id == PUPR:

        def over_budget(sub: SubActivity) -> SubActivity:
            # Planted SKN303: Renja pagu 30 % above the Renstra pagu for 2026.
            budget = sub.budgets[0]
            amount = (budget.amount.amount * D("1.3") / MILLION).quantize(D(1), rounding=ROUND_HALF_UP)
            return attrs.evolve(sub, budgets=(attrs.evolve(budget, amount=rupiah(amount)),))

        def no_targets(sub: SubActivity) -> SubActivity:
            # Planted SKN203: an indicator with no target at all.
            return attrs.evolve(sub, indicators=(attrs.evolve(sub.indicators[0], targets=()),))

        programs = update_subs(programs, {"1.03.10.2.01.0032": over_budget, "1.03.03.2.01.0029": no_targets})
    if agency_id == DINSOS:

        def no_indicator(sub: SubActivity) -> SubActivity:
            # Planted SKN201: a sub kegiatan without any indicator.
            return attrs.evolve(sub, indicators=())

        def no_unit(sub: SubActivity) -> SubActivity:
            # Planted SKN202: an indicator without satuan.
            return attrs.evolve(sub, indicators=(attrs.evolve(sub.indicators[0], unit=None),))

        programs = update_subs(programs, {"1.06.05.2.02.0004": no_indicator, "1.06.04.2.01.0003": no_unit})
    return resum(programs)


#: In-year 2026 data (judged with ``--as-of 2026-09-30``): share of the anggaran kas to the end of September
#: each planted sub kegiatan has spent; every other one spends its anggaran kas month by month.
BEHIND_CASH_PLAN = {"1.02.02.2.02.0004": D("0.5")}


def _in_year(agency_id: str, programs: tuple[Program, ...]) -> tuple[Program, ...]:
    """The Renja 2026 sub kegiatan with their anggaran kas (the month profile of 2025) and spending to September.

    Planted: SKN606 on the Dinkes balita sub kegiatan (half its anggaran kas spent); SKN607 on the Dinas PUPR,
    whose anggaran kas for physical works itself leaves 55 % of the year to triwulan IV.
    """

    def in_year(sub: SubActivity) -> SubActivity:
        code = str(sub.code)
        budget = sub.budget_for(2026)
        if budget is None:
            return sub
        cash_plan = monthly_spending(budget.amount, _profile(agency_id, code), 2026)
        share = BEHIND_CASH_PLAN.get(code, D(1))
        spent = tuple(
            attrs.evolve(month, amount=Money((month.amount.amount * share).quantize(D(1), rounding=ROUND_HALF_UP)))
            for month in cash_plan[:9]
        )
        return attrs.evolve(sub, cash_plan=cash_plan, spending=spent)

    return update_subs(
        programs, {str(s.code): in_year for p in programs for a in p.activities for s in a.sub_activities}
    )


def _renja(agency_id: str) -> Plan:
    return Plan(
        id=IDS[f"renja_{_agency_short(agency_id)}"],
        kind=PlanKind.RENJA_PD,
        period=PlanPeriod(start=2026, end=2026),
        title=f"Renja {_AGENCY_TITLES[agency_id]} Provinsi Kalimantan Tengah 2026 (ilustrasi)",
        owner_id=agency_id,
        government_id=PROVINCE,
        programs=_in_year(agency_id, _renja_programs(agency_id)),
    )


def _rkpd_province() -> Plan:
    return Plan(
        id=IDS["rkpd"],
        kind=PlanKind.RKPD,
        period=PlanPeriod(start=2026, end=2026),
        title="RKPD Provinsi Kalimantan Tengah 2026 (ilustrasi)",
        owner_id=PROVINCE,
        government_id=PROVINCE,
        programs=[p for agency in (DINKES, PUPR, DINSOS) for p in _renja_programs(agency)],
    )


# -- RPJMD 2025–2029 ---------------------------------------------------------------------------
def _rpjmd() -> Plan:
    lower = Direction.LOWER_IS_BETTER
    # The crosswalk misi → Asta Cita (Mission.asta_cita). Planted SKN410: no misi is mapped to Asta Cita 1, 5 or 7.
    missions = [
        Mission(
            id="M1",
            number=1,
            text="Meningkatkan kualitas sumber daya manusia yang sehat, cerdas dan berdaya saing",
            asta_cita=[4],
        ),
        Mission(
            id="M2", number=2, text="Mewujudkan infrastruktur wilayah yang merata dan berkelanjutan", asta_cita=[2, 3]
        ),
        Mission(id="M3", number=3, text="Mewujudkan kesejahteraan sosial dan menanggulangi kemiskinan", asta_cita=[6]),
        # Planted SKN409: the sasaran of misi 4 (S4, risiko bencana) is served by no program.
        Mission(
            id="M4",
            number=4,
            text="Menjaga kelestarian lingkungan dan ketangguhan daerah terhadap bencana",
            asta_cita=[8],
        ),
    ]
    goals = [
        Goal(
            id="T1",
            mission_id="M1",
            text="Meningkatnya derajat kesehatan dan kualitas hidup masyarakat",
            indicators=[
                _statement_indicator(
                    "Usia harapan hidup", "Tahun", D("70.6"), D("70.8"), D("0.2"), kind=IndicatorKind.IMPACT
                )
            ],
        ),
        Goal(
            id="T2",
            mission_id="M2",
            text="Meningkatnya kualitas dan pemerataan infrastruktur wilayah",
            indicators=[
                _statement_indicator(
                    "Persentase rumah tangga dengan akses air minum layak",
                    "%",
                    D("78.4"),
                    80,
                    2,
                    kind=IndicatorKind.IMPACT,
                )
            ],
        ),
        Goal(
            id="T3",
            mission_id="M3",
            text="Menurunnya kemiskinan dan ketimpangan",
            indicators=[
                _statement_indicator(
                    "Indeks Gini",
                    "Indeks",
                    D("0.320"),
                    D("0.318"),
                    D("-0.002"),
                    kind=IndicatorKind.IMPACT,
                    direction=lower,
                )
            ],
        ),
        Goal(
            id="T4",
            mission_id="M4",
            text="Meningkatnya ketangguhan daerah terhadap bencana dan perubahan iklim",
            indicators=[
                _statement_indicator(
                    "Indeks kualitas lingkungan hidup",
                    "Indeks",
                    D("72.1"),
                    D("72.5"),
                    D("0.5"),
                    kind=IndicatorKind.IMPACT,
                )
            ],
        ),
    ]
    poverty_targets: dict[int, int | str | Decimal] = {
        2025: D("4.90"),
        2026: D("4.60"),
        2027: D("4.30"),
        2028: D("4.00"),
        2029: "3,5–4,0",
    }
    objectives = [
        # Planted SKN604 (worsened: 23,5 → 24,2) and a low achievement for SKN601.
        Objective(
            id="S1",
            goal_id="T1",
            text="Menurunnya prevalensi stunting pada balita",
            indicators=[
                indicator(
                    STUNTING,
                    "%",
                    series(21, D("-1.5")),
                    kind=IndicatorKind.OUTCOME,
                    direction=lower,
                    baseline=D("23.5"),
                    realisations={2025: D("24.2")},
                )
            ],
        ),
        Objective(
            id="S2",
            goal_id="T2",
            text="Meningkatnya kemantapan jalan provinsi",
            indicators=[
                indicator(
                    "Persentase jalan provinsi dalam kondisi mantap",
                    "%",
                    series(80, 2),
                    kind=IndicatorKind.OUTCOME,
                    baseline=D("78.2"),
                    realisations={2025: D("79.6")},
                )
            ],
        ),
        Objective(
            id="S3",
            goal_id="T3",
            text="Menurunnya tingkat kemiskinan dan kemiskinan ekstrem",
            indicators=[
                indicator(
                    POVERTY,
                    "%",
                    poverty_targets,
                    kind=IndicatorKind.IMPACT,
                    direction=lower,
                    baseline=D("5.17"),
                    realisations={2025: D("5.02")},
                ),
                indicator(
                    EXTREME_POVERTY,
                    "%",
                    {2025: D("0.20"), 2026: D("0.10"), 2027: 0, 2028: 0, 2029: 0},
                    kind=IndicatorKind.IMPACT,
                    direction=lower,
                    baseline=D("0.32"),
                    realisations={2025: D("0.18")},
                ),
            ],
        ),
        # Planted SKN206: an outcome indicator of the RPJMD without baseline.
        Objective(
            id="S4",
            goal_id="T4",
            text="Menurunnya risiko bencana daerah",
            indicators=[
                indicator(
                    "Indeks risiko bencana", "Indeks", series(130, -3), kind=IndicatorKind.OUTCOME, direction=lower
                )
            ],
        ),
    ]
    programs = []
    for agency_id in (DINKES, PUPR, DINSOS):
        for prog in _renstra_programs(agency_id):
            if str(prog.code) == "1.06.06":
                continue  # Planted SKN304: the RKPD carries 1.06.06 (Penanganan Bencana), the RPJMD does not.
            budgets = prog.budgets
            if str(prog.code) == "1.02.05":
                # Planted SKN304: the RPJMD pagu for 2026 is half of what the RKPD 2026 plans.
                budgets = tuple(
                    attrs.evolve(b, amount=rupiah((b.amount.amount / 2 / MILLION).quantize(D(1))))
                    if b.year == 2026
                    else b
                    for b in budgets
                )
            programs.append(
                Program(
                    code=prog.code, name=prog.name, agency_id=agency_id, indicators=prog.indicators, budgets=budgets
                )
            )
    return Plan(
        id=IDS["rpjmd"],
        kind=PlanKind.RPJMD,
        period=PERIOD,
        title=RPJMD_DOC,
        owner_id=PROVINCE,
        government_id=PROVINCE,
        vision="Kalimantan Tengah sehat, sejahtera dan berdaya saing (ilustrasi)",
        missions=missions,
        goals=goals,
        objectives=objectives,
        programs=programs,
    )


# -- realisation 2025: DPA 2025 with realisations and monthly spending -------------------------------------
_RATIOS = (D("1.00"), D("0.97"), D("1.02"), D("0.98"), D("1.01"))
#: Achievement planted below the thresholds (SKN601): realisation / target.
LOW_ACHIEVEMENT = {"1.02.02.2.02.0011": D("0.45")}
#: Budget absorption planted low (SKN602): spending / pagu.
LOW_ABSORPTION = {"1.06.05.2.02.0003": D("0.38"), "1.06.05.2.02.0004": D("0.55"), "1.06.05.2.02.0001": D("0.62")}


def _realise(ind: Indicator, ratio: Decimal, year: int) -> Indicator:
    """The indicator with a realisation for ``year`` of ``ratio`` × its target (numeric targets only)."""
    target = ind.target_for(year)
    if target is None or target.number is None:
        return ind
    places = D("0.01") if ind.unit in ("%", "Nilai", "Tahun", "Indeks") else D(1)
    value = (target.number * ratio).quantize(places, rounding=ROUND_HALF_UP)
    return attrs.evolve(ind, realisations=(Realisation(year=year, value=Value.of(value)),))


def _profile(agency_id: str, code: str) -> Sequence[int]:
    """How a sub kegiatan spends over the months: salaries flat, the Dinas PUPR's physical works late, others normal."""
    salaries = code.endswith(".2.02.0001") and code.split(".")[2] == "01"
    return FLAT if salaries else LATE if agency_id == PUPR and code.split(".")[2] != "01" else NORMAL


def _dpa_programs(agency_id: str) -> tuple[Program, ...]:
    programs = tuple(slice_program(p, 2025, BudgetKind.CEILING) for p in _programs(agency_id, RENSTRA_ROWS[agency_id]))
    counter = iter(range(1000))

    def realise_sub(sub: SubActivity) -> SubActivity:
        code = str(sub.code)
        ratio = LOW_ACHIEVEMENT.get(code, _RATIOS[next(counter) % len(_RATIOS)])
        pagu = sub.budgets[0].amount.amount
        salaries = code.endswith(".2.02.0001") and code.split(".")[2] == "01"
        absorption = LOW_ABSORPTION.get(code, D("0.99") if salaries else D("0.96"))
        profile = _profile(agency_id, code)
        return attrs.evolve(
            sub,
            indicators=tuple(_realise(i, ratio, 2025) for i in sub.indicators),
            spending=monthly_spending(pagu * absorption, profile, 2025),
        )

    changes = {str(s.code): realise_sub for p in programs for a in p.activities for s in a.sub_activities}
    programs = update_subs(programs, changes)
    return tuple(
        attrs.evolve(
            p,
            indicators=tuple(_realise(i, D("0.98"), 2025) for i in p.indicators),
            activities=tuple(
                attrs.evolve(a, indicators=tuple(_realise(i, D("0.99"), 2025) for i in a.indicators))
                for a in p.activities
            ),
        )
        for p in resum(programs)
    )


def _dpa(agency_id: str) -> Plan:
    return Plan(
        id=IDS[f"dpa_{_agency_short(agency_id)}"],
        kind=PlanKind.DPA,
        period=PlanPeriod(start=2025, end=2025),
        title=f"DPA {_AGENCY_TITLES[agency_id]} Provinsi Kalimantan Tengah 2025 (ilustrasi)",
        owner_id=agency_id,
        government_id=PROVINCE,
        programs=_dpa_programs(agency_id),
    )


# -- the two kab/kota RKPD 2026 ------------------------------------------------------------------
def _sub_2026(code: str, agency_id: str, target: int, pagu: int, **overrides: str) -> SubActivity:
    return sub_activity(code, agency_id, {2026: target}, grow(pagu, (2026,)), **overrides)


def _kabkota_program(
    code: str, agency_id: str, spec: ProgramSpec, activities: Iterable[tuple[str, ProgramSpec, Sequence[SubActivity]]]
) -> Program:
    return program(
        code,
        agency_id,
        spec,
        [activity(c, agency_id, s, subs, years=(2026,)) for c, s, subs in activities],
        years=(2026,),
    )


def _poverty_objective(baseline: Decimal, realisation: Decimal, target: Decimal) -> Objective:
    return Objective(
        id="S1",
        text="Menurunnya tingkat kemiskinan",
        indicators=[
            indicator(
                POVERTY,
                "%",
                {2026: target},
                kind=IndicatorKind.IMPACT,
                direction=Direction.LOWER_IS_BETTER,
                baseline=baseline,
                realisations={2025: realisation},
            )
        ],
    )


def _rkpd_palangkaraya() -> Plan:
    dinkes, pupr, dinsos = "palangkaraya.dinkes", "palangkaraya.pupr", "palangkaraya.dinsos"
    programs = [
        _kabkota_program(
            "1.02.02",
            dinkes,
            P_HEALTH,
            [
                (
                    "1.02.02.2.02",
                    K_SERVICES,
                    [
                        # A tolerated name variant (upper case, as some exports write it): not a finding.
                        _sub_2026(
                            "1.02.02.2.02.0001", dinkes, 6200, 850, name="PENGELOLAAN PELAYANAN KESEHATAN IBU HAMIL"
                        ),
                        _sub_2026("1.02.02.2.02.0004", dinkes, 21000, 700),
                        _sub_2026("1.02.02.2.02.0015", dinkes, 30, 1100),
                    ],
                )
            ],
        ),
        _kabkota_program(
            "1.03.10",
            pupr,
            P_ROADS,
            [
                (
                    "1.03.10.2.01",
                    K_ROADS,
                    [
                        _sub_2026("1.03.10.2.01.0046", pupr, 180, 9000),
                        # Planted SKN104: a name that is not the official name of 1.03.10.2.01.0044 (Rehabilitasi Jalan).
                        _sub_2026("1.03.10.2.01.0044", pupr, 8, 6500, name="Pembangunan Jembatan Gantung Desa"),
                    ],
                )
            ],
        ),
        _kabkota_program(
            "1.03.06",
            pupr,
            P_DRAINAGE,
            [
                (
                    "1.03.06.2.01",
                    K_DRAINAGE,
                    [
                        _sub_2026("1.03.06.2.01.0019", pupr, 12000, 3000),
                    ],
                )
            ],
        ),
        _kabkota_program(
            "1.06.05",
            dinsos,
            P_PROTECTION,
            [
                (
                    "1.06.05.2.02",
                    K_PROTECTION,
                    [
                        # Planted SKN103: the legacy 2-digit sub kegiatan number (now 1.06.05.2.02.0001).
                        _sub_2026("1.06.05.2.02.01", dinsos, 9000, 600, official="1.06.05.2.02.0001"),
                    ],
                )
            ],
        ),
        # Planted SKN106: a penunjang program of bidang 1.02 (kesehatan) in the Dinas Sosial, which carries 1.06.
        _kabkota_program(
            "1.02.01",
            dinsos,
            P_SUPPORT,
            [
                (
                    "1.02.01.2.01",
                    K_PLANNING,
                    [
                        _sub_2026("1.02.01.2.01.0001", dinsos, 3, 250),
                    ],
                )
            ],
        ),
    ]
    return Plan(
        id=IDS["rkpd_palangkaraya"],
        kind=PlanKind.RKPD,
        period=PlanPeriod(start=2026, end=2026),
        title="RKPD Kota Palangka Raya 2026 (ilustrasi)",
        owner_id=CITY,
        government_id=CITY,
        objectives=[_poverty_objective(D("3.80"), D("3.52"), D("3.40"))],
        programs=programs,
    )


def _rkpd_kotim() -> Plan:
    dinkes, pupr, dinsos = "kotim.dinkes", "kotim.pupr", "kotim.dinsos"
    programs = [
        _kabkota_program(
            "1.03.10",
            pupr,
            P_ROADS,
            [
                (
                    "1.03.10.2.01",
                    K_ROADS,
                    [
                        _sub_2026("1.03.10.2.01.0032", pupr, 4, 1200),
                        _sub_2026("1.03.10.2.01.0034", pupr, 60, 14000),
                        # Planted SKN102: retired in 2026 by the demo's illustrative change list (use 1.03.10.2.01.0036).
                        _sub_2026("1.03.10.2.01.0030", pupr, 300, 450),
                        # Planted SKN101: a code the nomenclature does not have.
                        _sub_2026(
                            "1.03.10.2.01.0099",
                            pupr,
                            10,
                            2500,
                            name="Pembangunan Jalan Usaha Tani",
                            indicator_name="Panjang Jalan Usaha Tani yang Dibangun",
                            unit="KM",
                        ),
                    ],
                )
            ],
        ),
        # Planted SKN106: the generic X.XX penunjang code left in the plan.
        _kabkota_program(
            "X.XX.01",
            dinkes,
            P_SUPPORT,
            [
                (
                    "X.XX.01.2.01",
                    K_PLANNING,
                    [
                        _sub_2026("X.XX.01.2.01.0001", dinkes, 4, 300),
                    ],
                )
            ],
        ),
        _kabkota_program(
            "1.02.02",
            dinkes,
            P_HEALTH,
            [
                (
                    "1.02.02.2.02",
                    K_SERVICES,
                    [
                        _sub_2026("1.02.02.2.02.0015", dinkes, 17, 900),
                        _sub_2026("1.02.02.2.02.0004", dinkes, 9500, 650),
                    ],
                )
            ],
        ),
        # Planted SKN105: kegiatan 1.06.04.2.01 (Rehabilitasi Sosial) under program 1.06.05.
        _kabkota_program(
            "1.06.05",
            dinsos,
            P_PROTECTION,
            [
                ("1.06.04.2.01", K_REHAB, [_sub_2026("1.06.04.2.01.0001", dinsos, 120, 400)]),
                ("1.06.05.2.02", K_PROTECTION, [_sub_2026("1.06.05.2.02.0003", dinsos, 2500, 5000)]),
            ],
        ),
    ]
    return Plan(
        id=IDS["rkpd_kotim"],
        kind=PlanKind.RKPD,
        period=PlanPeriod(start=2026, end=2026),
        title="RKPD Kabupaten Kotawaringin Timur 2026 (ilustrasi)",
        owner_id=REGENCY,
        government_id=REGENCY,
        objectives=[_poverty_objective(D("5.90"), D("5.84"), D("5.50"))],
        programs=programs,
    )


# -- links ---------------------------------------------------------------------------------------
_ROADS = ("1.03.10.2.01.0032", "1.03.10.2.01.0040", "1.03.10.2.01.0044", "1.03.10.2.01.0046")

#: TAGGED links of the province RKPD 2026 (label_pusat / label_prov / tematik per sub kegiatan).
PROVINCE_TAGS: dict[str, tuple[str, ...]] = {
    f"{DINKES}/1.02.01.2.01.0007": ("PP07.01",),
    f"{DINKES}/1.02.02.2.01.0014": ("PP04.02", "PD62.01"),
    # Planted SKN404: tagged to PN04, which has a stunting indicator, and nothing of the item measures it.
    f"{DINKES}/1.02.02.2.02.0001": ("PN04", "TEM.STUNTING", "PD62.01"),
    f"{DINKES}/1.02.02.2.02.0004": ("KP04.02.01", "TEM.STUNTING", "PD62.01"),
    f"{DINKES}/1.02.02.2.02.0008": ("PP04.02",),
    f"{DINKES}/1.02.02.2.02.0011": ("PP04.02", "PD62.01"),
    f"{DINKES}/1.02.02.2.02.0015": ("KP04.02.01", "TEM.STUNTING", "PD62.01"),
    f"{DINKES}/1.02.05.2.02.0001": ("PD62.01",),
    f"{PUPR}/1.03.03.2.01.0028": ("PP02.01", "PD62.02"),
    f"{PUPR}/1.03.03.2.01.0029": ("PP02.01",),
    **{f"{PUPR}/{code}": ("PP03.01", "PD62.02") for code in _ROADS},
    f"{DINSOS}/1.06.04.2.01.0001": ("PP06.01", "PD62.03"),
    f"{DINSOS}/1.06.04.2.01.0003": ("PP06.01", "PD62.03"),
    f"{DINSOS}/1.06.05.2.02.0001": ("KP06.01.01", "PD62.03"),
    f"{DINSOS}/1.06.05.2.02.0003": ("PN06", "TEM.KEMISKINAN-EKSTREM", "PD62.03"),
    f"{DINSOS}/1.06.05.2.02.0004": ("PP06.01", "PD62.03"),
    # PD62.04 is supported by the province only (planted SKN405: no kab/kota plan supports it).
    f"{DINSOS}/1.06.06.2.01.0001": ("PP08.01", "PD62.04"),
    f"{DINSOS}/1.06.06.2.01.0003": ("PP08.01", "PD62.04"),
}
KABKOTA_TAGS: dict[str, dict[str, tuple[str, ...]]] = {
    IDS["rkpd_palangkaraya"]: {
        "palangkaraya.dinkes/1.02.02.2.02.0001": ("PD6271.01", "TEM.STUNTING"),
        "palangkaraya.dinkes/1.02.02.2.02.0015": ("KP04.02.01", "PD62.01", "PD6271.01"),
        "palangkaraya.pupr/1.03.10.2.01.0046": ("PP03.01", "PD62.02"),
        "palangkaraya.pupr/1.03.10.2.01.0044": ("PP03.01",),
        "palangkaraya.dinsos/1.06.05.2.02.01": ("PN06", "PD62.03"),
    },
    # Only one small sub kegiatan is tagged: planted SKN403 (low share of pagu on priorities).
    IDS["rkpd_kotim"]: {"kotim.pupr/1.03.10.2.01.0032": ("PD6202.01", "PD62.02")},
}
#: TAGGED links of the RPJMD's programs. Planted SKN411: the governor's priority program PD62.06 (air minum) is
#: planted in the RPJMD's program 1.03.03 but carried by no program of the RKPD 2026.
RPJMD_TAGS: dict[str, tuple[str, ...]] = {f"{PUPR}/1.03.03": ("PD62.06",)}
#: SUPPORTS links from an item to a priority indicator: the item contributes to it. (The item, not its
#: output indicator: a count of documents or families cannot be compared with a percentage.)
ITEM_SUPPORTS: tuple[tuple[str, str, str], ...] = (
    (IDS["rkpd"], f"{DINKES}/1.02.02.2.02.0015", "PN04#prevalensi-stunting-pada-balita"),
    (IDS["rkpd"], f"{DINSOS}/1.06.05.2.02.0003", "PN06#tingkat-kemiskinan"),
    (IDS["rkpd_palangkaraya"], "palangkaraya.dinkes/1.02.02.2.02.0015", "PN04#prevalensi-stunting-pada-balita"),
    (IDS["rkpd_palangkaraya"], "palangkaraya.dinsos/1.06.05.2.02.01", "PN06#tingkat-kemiskinan"),
)
#: SUPPORTS links from RKPD items to RPJMD sasaran.
OBJECTIVE_SUPPORTS: tuple[tuple[str, str], ...] = (
    (f"{DINKES}/1.02.02.2.02.0015", "S1"),
    (f"{PUPR}/1.03.10.2.01.0044", "S2"),
    (f"{DINSOS}/1.06.05.2.02.0003", "S3"),
)
#: CASCADES links from Renstra tujuan/sasaran to RPJMD sasaran.
CASCADES: tuple[tuple[str, str, str], ...] = (
    (IDS["renstra_dinkes"], "T1", "S1"),
    (IDS["renstra_dinkes"], "S1", "S1"),
    (IDS["renstra_pupr"], "T1", "S2"),
    (IDS["renstra_pupr"], "S1", "S9"),  # Planted SKN305: the RPJMD has no sasaran S9.
    (IDS["renstra_dinsos"], "T1", "S3"),
    (IDS["renstra_dinsos"], "S1", "S3"),
    # Planted SKN305: Dinas Sosial T2 and S2 cascade to nothing.
)


def _links(plans: Mapping[str, Plan]) -> tuple[Link, ...]:
    links: list[Link] = []
    index = {(plan_id, item.id): item for plan_id, plan in plans.items() for item in plan.items()}
    tags = {IDS["rkpd"]: PROVINCE_TAGS, **KABKOTA_TAGS, IDS["rpjmd"]: RPJMD_TAGS}
    # The DPA 2025 carry the same labels as the RKPD, except the PN 4 tag planted for SKN404.
    for dpa in (IDS["dpa_dinkes"], IDS["dpa_pupr"], IDS["dpa_dinsos"]):
        tags[dpa] = {
            item: tuple(p for p in priorities if not (p == "PN04" and item.endswith("1.02.02.2.02.0001")))
            for item, priorities in PROVINCE_TAGS.items()
            if (dpa, item) in index
        }
    for plan_id, by_item in tags.items():
        for item_id, priorities in by_item.items():
            links += [Link(kind=LinkKind.TAGGED, source=ref(plan_id, item_id), target=p) for p in priorities]
    for plan_id, item_id, target in ITEM_SUPPORTS:
        for where in (plan_id, *(IDS[f"dpa_{k}"] for k in ("dinkes", "pupr", "dinsos") if plan_id == IDS["rkpd"])):
            if (where, item_id) in index:
                links.append(Link(kind=LinkKind.SUPPORTS, source=ref(where, item_id), target=target))
    links += [
        Link(kind=LinkKind.SUPPORTS, source=ref(IDS["rkpd"], item_id), target=ref(IDS["rpjmd"], objective))
        for item_id, objective in OBJECTIVE_SUPPORTS
    ]
    links += [
        Link(kind=LinkKind.CASCADES, source=ref(plan_id, statement), target=ref(IDS["rpjmd"], objective))
        for plan_id, statement, objective in CASCADES
    ]
    return tuple(links)


def build_bundle() -> Bundle:
    """Build the demo bundle (deterministic; see :func:`sinkron.demo.demo_bundle`)."""
    plans = [
        _rpjmd(),
        *(_renstra(a) for a in (DINKES, PUPR, DINSOS)),
        *(_renja(a) for a in (DINKES, PUPR, DINSOS)),
        _rkpd_province(),
        *(_dpa(a) for a in (DINKES, PUPR, DINSOS)),
        _rkpd_palangkaraya(),
        _rkpd_kotim(),
    ]
    by_id = {p.id: p for p in plans}
    from sinkron.demo.meetings import build_meetings  # the meetings refer to this module's ids
    from sinkron.demo.national import add_national  # the national side (K/L plans, crosswalks, DAK)

    return add_national(
        Bundle(
            governments=GOVERNMENTS,
            agencies=_agencies(),
            plans=plans,
            priorities=_priorities(),
            meetings=build_meetings(),
            links=_links(by_id),
            sources=(DEMO_SOURCE,),
        )
    )
