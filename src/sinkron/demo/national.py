"""The demo's national side: two Renja K/L 2026 excerpts located in Kalimantan Tengah, tags, crosswalks and DAK.

ILUSTRASI — invented records. The bagian anggaran numbers and names of the K/L are as published
(024 Kementerian Kesehatan, 027 Kementerian Sosial, 032 Kementerian Kelautan dan Perikanan, 033
Kementerian Pekerjaan Umum); every program, kegiatan, KRO and RO code and name below them, every
allocation, lokasi and target, and every crosswalk row are synthetic. The priority tree is the part
of the shipped RPJMN 2025–2029 tree around KP 02.10.09 *Pengembangan Pangan Akuatik (Blue Food)*
(funded from Belanja K/L, DAK, APBD and Badan Usaha) and KP 02.10.01 (Lumbung Pangan Kalimantan
Tengah); its PN 02 is the demo's own ``PN02``, so the demo keeps one hierarchy of priorities.

What it adds to the bundle (:func:`add_national`):

* a Renja Kemenkes 2026 excerpt: an RO on specific nutrition interventions for toddlers, located in
  the province and in Kota Palangka Raya, tagged to the demo's stunting KP and theme, whose
  indicator (a count of toddlers) is linked as measuring the PN 4 stunting prevalence; and an RO
  on anthropometry kits still tagged to a KP of the *RKP 2025* (no longer in force in 2026);
* a Renja KKP 2026 excerpt: an RO on aquaculture villages tagged to KP 02.10.09, located in
  Kabupaten Kotawaringin Timur, whose RKPD has nothing related;
* DAK sumber dana on five sub kegiatan of the province RKPD 2026, with a DAK menu crosswalk for
  2026 that misses one of them and a *kegiatan penunjang* share above 5 %;
* a KP → sub kegiatan crosswalk for KP 02.10.09 and a K/L ↔ bidang urusan crosswalk (used to route
  the meetings' usulan to K/L programs);
* a ``supports`` link from the RPJMD stunting indicator to the PN 4 one: its targets are above
  (worse than) the national ones.

The family-7 cases this plants are in :data:`sinkron.demo.planted.PLANTED` (and ``docs/demo.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from sinkron.codes import Code
from sinkron.demo._build import rupiah, update_subs
from sinkron.demo.kalteng import CITY, DINKES, IDS, PROVINCE, REGENCY
from sinkron.kl import (
    DAKMenu,
    DAKMenuCrosswalk,
    DetailedOutput,
    FundingKind,
    KLCode,
    KLLevel,
    Ministry,
    MinistryActivity,
    MinistryPlan,
    MinistryProgram,
    NationalRecords,
    OutputClass,
    OutputLocation,
    PriorityCrosswalk,
    PriorityMapping,
    PriorityTree,
    ProgramSectorCrosswalk,
    ProgramSectorMapping,
    rpjmn_2025_2029,
    tag,
)
from sinkron.models import (
    Bundle,
    FundingSource,
    Indicator,
    Link,
    LinkKind,
    Plan,
    PlanPeriod,
    Priority,
    PriorityKind,
    SubActivity,
    Target,
    Value,
    ref,
)

__all__ = [
    "DAK_FUNDING",
    "KITS_RO",
    "KP_BLUE_FOOD",
    "NUTRITION_RO",
    "RENJA_KEMENKES",
    "RENJA_KKP",
    "STALE_KP",
    "VILLAGES_RO",
    "add_national",
]

YEAR = 2026
RENJA_KEMENKES = "renja-kl-024-2026"
RENJA_KKP = "renja-kl-032-2026"
TREE = "rpjmn-2025-2029"
KP_BLUE_FOOD = f"{TREE}:02.10.09"
STALE_KP = "rkp-2025:04.02.01"
_BOK = "DAK Non Fisik-Dana BOK-BOK Dinas-BOK Provinsi"
_DAK_HEALTH = "DAK Fisik-Bidang Kesehatan dan KB-Reguler-Penguatan Sistem Kesehatan"
_OWN = "Pendapatan Asli Daerah"


# -- K/L plans ---------------------------------------------------------------------------------------------


def _kemenkes() -> MinistryPlan:
    program = KLCode.parse("024.05.DH")
    activity = program.child("6501")
    kro = activity.child("6501.BDB")
    nutrition = DetailedOutput(
        code=kro.child("BDB.001"),
        name="Balita yang Mendapat Intervensi Gizi Spesifik (ilustrasi)",
        volume=4200,
        unit="Balita",
        allocation=rupiah(3600),
        work_unit="640201",
        locations=[
            OutputLocation(
                region_code=PROVINCE,
                name="Provinsi Kalimantan Tengah",
                target=Value.parse("3.000 Balita"),
                allocation=rupiah(2400),
            ),
            OutputLocation(
                region_code=CITY, name="Kota Palangka Raya", target=Value.parse("1.200 Balita"), allocation=rupiah(1200)
            ),
        ],
        # A count of toddlers, linked as measuring the PN 4 stunting prevalence (%): planted SKN706.
        indicators=[
            Indicator(
                name="Jumlah balita yang mendapat intervensi gizi spesifik",
                unit="Balita",
                targets=[Target(year=YEAR, value=Value.of(4200))],
            )
        ],
    )
    kits = DetailedOutput(
        code=kro.child("BDB.002"),
        name="Puskesmas dengan Alat Antropometri Terstandar (ilustrasi)",
        volume=12,
        unit="Puskesmas",
        allocation=rupiah(900),
        work_unit="640201",
        locations=[
            OutputLocation(
                region_code=CITY, name="Kota Palangka Raya", target=Value.parse("12 Puskesmas"), allocation=rupiah(900)
            )
        ],
    )
    return MinistryPlan(
        id=RENJA_KEMENKES,
        ministry_code="024",
        year=YEAR,
        title="Renja K/L Kementerian Kesehatan 2026 (ilustrasi, petikan)",
        programs=[
            MinistryProgram(
                code=program,
                name="Program Pelayanan Kesehatan dan JKN (ilustrasi)",
                activities=[
                    MinistryActivity(
                        code=activity,
                        name="Pembinaan Kesehatan Keluarga dan Gizi (ilustrasi)",
                        output_classes=[
                            OutputClass(
                                code=kro,
                                name="Fasilitasi dan Pembinaan Pelayanan Kesehatan (ilustrasi)",
                                outputs=[nutrition, kits],
                            )
                        ],
                    )
                ],
            )
        ],
    )


def _kkp() -> MinistryPlan:
    program = KLCode.parse("032.04.CE")
    activity = program.child("5678")
    kro = activity.child("5678.RBK")
    villages = DetailedOutput(
        code=kro.child("RBK.001"),
        name="Kampung Perikanan Budidaya yang Dibangun (ilustrasi)",
        volume=2,
        unit="Kawasan",
        allocation=rupiah(6000),
        locations=[
            OutputLocation(
                region_code=REGENCY,
                name="Kabupaten Kotawaringin Timur",
                target=Value.parse("2 Kawasan"),
                allocation=rupiah(6000),
            )
        ],
    )
    return MinistryPlan(
        id=RENJA_KKP,
        ministry_code="032",
        year=YEAR,
        title="Renja K/L Kementerian Kelautan dan Perikanan 2026 (ilustrasi, petikan)",
        programs=[
            MinistryProgram(
                code=program,
                name="Program Pengelolaan Perikanan dan Kelautan (ilustrasi)",
                activities=[
                    MinistryActivity(
                        code=activity,
                        name="Pengelolaan Perikanan Budidaya (ilustrasi)",
                        output_classes=[
                            OutputClass(code=kro, name="Prasarana Bidang Perikanan (ilustrasi)", outputs=[villages])
                        ],
                    )
                ],
            )
        ],
    )


def _ref(plan: MinistryPlan, index: int) -> str:
    return [o.ref for o in plan.outputs()][index]


# -- priorities ------------------------------------------------------------------------------------------------


def _tree() -> PriorityTree:
    """The part of the shipped RPJMN 2025–2029 tree the demo uses: PN 02, PP 02.10, KP 02.10.01 and 02.10.09."""
    shipped = rpjmn_2025_2029()
    nodes = [n for n in shipped.nodes if n.code in ("02", "02.10", "02.10.01", "02.10.09")]
    return attrs.evolve(
        shipped,
        nodes=nodes,
        complete_levels=(),
        note="Petikan pohon RPJMN 2025–2029 yang dikirim bersama sinkron (demo).",
    )


def _priorities(tree: PriorityTree) -> list[Priority]:
    """The tree's PP and KP as priorities; PN 02 is the demo's own ``PN02``."""
    out = []
    for priority in tree.priorities():
        if priority.kind is PriorityKind.NATIONAL:
            continue
        if priority.parent_id == tree.priority_id("02"):
            priority = attrs.evolve(priority, parent_id="PN02")
        out.append(priority)
    # A KP of the RKP 2025 (in force for 2025 only), still tagged on a 2026 RO: planted SKN701.
    out.append(
        Priority(
            id=STALE_KP,
            kind=PriorityKind.ACTIVITY,
            code="04.02.01",
            document="RKP 2025 (ilustrasi)",
            name="Percepatan penurunan stunting (RKP 2025, ilustrasi)",
            period=PlanPeriod(start=2025, end=2025),
            government_id="pusat",
        )
    )
    return out


# -- crosswalks ------------------------------------------------------------------------------------------------


def _crosswalks() -> tuple[PriorityCrosswalk, DAKMenuCrosswalk, ProgramSectorCrosswalk]:
    kp = PriorityCrosswalk(
        id="kp-sub-kegiatan-kalteng-2026",
        version="2026.1 (ilustrasi)",
        tree_id=TREE,
        period=PlanPeriod(start=YEAR, end=YEAR),
        supplied_by="Bappeda Provinsi Kalimantan Tengah (ilustrasi)",
        rows=[
            PriorityMapping(priority_code="02.10.09", sub_activity=Code.parse(c))
            for c in ("3.25.04.2.04.0002", "3.25.04.2.04.0003")
        ],
    )

    def menu(
        kind: FundingKind,
        area: str,
        subarea: str,
        name: str,
        code: str,
        *,
        scheme: str | None = None,
        supporting: bool = False,
    ) -> DAKMenu:
        return DAKMenu(
            year=YEAR,
            kind=kind,
            area=area,
            subarea=subarea,
            menu=name,
            sub_activity=Code.parse(code),
            scheme=scheme,
            supporting=supporting,
        )

    fisik, nonfisik = FundingKind.DAK_PHYSICAL, FundingKind.DAK_NON_PHYSICAL
    health, system, bok, office = "Kesehatan dan KB", "Penguatan Sistem Kesehatan", "Dana BOK", "BOK Dinas"
    dak = DAKMenuCrosswalk(
        id="menu-dak-kalteng-2026",
        version="2026.1 (ilustrasi)",
        supplied_by="Bappeda Provinsi Kalimantan Tengah (ilustrasi)",
        rows=[
            menu(
                fisik,
                health,
                system,
                "Pengadaan alat kesehatan fasilitas pelayanan kesehatan",
                "1.02.02.2.01.0014",
                scheme="Reguler",
            ),
            menu(
                fisik,
                health,
                system,
                "Kegiatan penunjang: perencanaan dan pengawasan",
                "1.02.01.2.01.0001",
                scheme="Reguler",
                supporting=True,
            ),
            menu(nonfisik, bok, office, "BOK provinsi: pelayanan gizi masyarakat", "1.02.02.2.02.0015"),
            menu(nonfisik, bok, office, "BOK provinsi: pelayanan kesehatan ibu", "1.02.02.2.02.0001"),
        ],
    )
    sectors = ProgramSectorCrosswalk(
        id="kl-bidang-urusan-kalteng",
        version="2026.1 (ilustrasi)",
        supplied_by="Bappeda Provinsi Kalimantan Tengah (ilustrasi)",
        rows=[
            ProgramSectorMapping(program=KLCode.parse(ba, level=KLLevel.BUDGET_SECTION), sector=Code.parse(sector))
            for ba, sector in (("024", "1.02"), ("027", "1.06"), ("032", "3.25"), ("033", "1.03"))
        ],
    )
    return kp, dak, sectors


# -- DAK on the province RKPD -------------------------------------------------------------------------------------


def _funded(*sources: tuple[str, int]) -> Callable[[SubActivity], SubActivity]:
    def change(sub: SubActivity) -> SubActivity:
        return attrs.evolve(sub, funding=tuple(FundingSource(name=n, amount=rupiah(m)) for n, m in sources))

    return change


#: Sumber dana of province RKPD 2026 sub kegiatan (amounts in millions; the rest of each pagu is PAD).
DAK_FUNDING: dict[str, Callable[[SubActivity], SubActivity]] = {
    "1.02.02.2.01.0014": _funded((_DAK_HEALTH, 6000), (_OWN, 6600)),
    # Planted SKN704: Rp 480 juta of kegiatan penunjang is 7,4 % of the Rp 6,48 miliar matched to the group.
    "1.02.01.2.01.0001": _funded((_DAK_HEALTH, 480), (_OWN, 413)),
    "1.02.02.2.02.0015": _funded((_BOK, 1500), (_OWN, 1860)),
    "1.02.02.2.02.0001": _funded((_BOK, 1000), (_OWN, 1520)),
    # Planted SKN703: BOK money on a sub kegiatan the 2026 BOK menus do not cover.
    "1.02.02.2.02.0008": _funded((_BOK, 350)),
}


def _with_dak(plans: Iterable[Plan]) -> list[Plan]:
    out = []
    for plan in plans:
        if plan.id == IDS["rkpd"]:
            changes = dict(DAK_FUNDING)
            programs = [p for p in plan.programs if p.agency_id == DINKES]
            others = [p for p in plan.programs if p.agency_id != DINKES]
            updated = update_subs(programs, changes)
            order = {p.id: i for i, p in enumerate(plan.programs)}
            plan = attrs.evolve(plan, programs=sorted((*updated, *others), key=lambda p: order[p.id]))
        out.append(plan)
    return out


# -- the bundle -------------------------------------------------------------------------------------------------


def _links(kemenkes: MinistryPlan, kkp: MinistryPlan) -> list[Link]:
    nutrition, kits = _ref(kemenkes, 0), _ref(kemenkes, 1)
    indicator = kemenkes.programs[0].activities[0].output_classes[0].outputs[0].indicators[0]
    stunting = "PN04#prevalensi-stunting-pada-balita"
    return [
        tag(nutrition, "KP04.02.01"),
        tag(nutrition, "TEM.STUNTING"),
        Link(kind=LinkKind.SUPPORTS, source=ref(nutrition, indicator.id), target=stunting),
        tag(kits, STALE_KP),
        tag(_ref(kkp, 0), KP_BLUE_FOOD),
        # The province's RPJMD stunting indicator measures the PN 4 one (planted SKN707: its targets are worse).
        Link(
            kind=LinkKind.SUPPORTS, source=ref(IDS["rpjmd"], "S1", "prevalensi-stunting-pada-balita"), target=stunting
        ),
    ]


def add_national(bundle: Bundle) -> Bundle:
    """``bundle`` (the demo's regional side) with the national section, tags and DAK funding of the demo."""
    tree = _tree()
    kemenkes, kkp = _kemenkes(), _kkp()
    kp, dak, sectors = _crosswalks()
    national = NationalRecords(
        ministries=(
            Ministry(code="024", name="Kementerian Kesehatan", alias="Kemenkes"),
            Ministry(code="027", name="Kementerian Sosial", alias="Kemensos"),
            Ministry(code="032", name="Kementerian Kelautan dan Perikanan", alias="KKP"),
            Ministry(code="033", name="Kementerian Pekerjaan Umum", alias="Kementerian PU"),
        ),
        plans=(kemenkes, kkp),
        priority_trees=(tree,),
        priority_crosswalks=(kp,),
        dak_crosswalks=(dak,),
        program_crosswalks=(sectors,),
    )
    return bundle.replace(
        plans=tuple(_with_dak(bundle.plans)),
        priorities=(*bundle.priorities, *_priorities(tree)),
        links=(*bundle.links, *_links(kemenkes, kkp)),
        national=bundle.national.merge(national),
    )


#: The ROs of the demo's Renja K/L excerpts, as references (``plan#RO id``).
NUTRITION_RO = f"{RENJA_KEMENKES}#024.05.DH.6501.BDB.001"
KITS_RO = f"{RENJA_KEMENKES}#024.05.DH.6501.BDB.002"
VILLAGES_RO = f"{RENJA_KKP}#032.04.CE.5678.RBK.001"
