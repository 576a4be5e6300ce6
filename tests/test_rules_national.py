"""Rule family 7 (SKN7xx): each rule fires on a bundle built to break it and stays quiet on the fixed one.

The bundle is synthetic, in the real shapes: a Kota Palangka Raya RKPD 2026 with a fisheries and a
health program, a KKP Renja K/L 2026 excerpt whose RO is located in Kalimantan Tengah, the
shipped RPJMN 2025–2029 tree, tags, and DAK/KP/program crosswalks as a planner would load them.
"""

from __future__ import annotations

import io
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinkron import (
    Activity,
    Budget,
    Bundle,
    CheckConfig,
    Code,
    FundingSource,
    Government,
    GovernmentLevel,
    Indicator,
    Link,
    LinkKind,
    Money,
    OptionError,
    Plan,
    PlanKind,
    PlanPeriod,
    Priority,
    PriorityKind,
    Program,
    Report,
    SinkronError,
    SubActivity,
    Target,
    Value,
    check,
    ref,
)
from sinkron.align import Severity
from sinkron.kl import (
    Authority,
    DAKMenu,
    DAKMenuCrosswalk,
    DetailedOutput,
    FundingKind,
    KLCode,
    MinistryActivity,
    MinistryPlan,
    MinistryProgram,
    NationalRecords,
    OutputClass,
    OutputLocation,
    PriorityCrosswalk,
    PriorityMapping,
    ProgramSectorCrosswalk,
    ProgramSectorMapping,
    WorkUnit,
    add_priority_tree,
    add_target_table,
    read_target_table,
    rpjmn_2025_2029,
    tag,
)
from sinkron.testing import strategies as sst

DKP = "3.25.0.00.0.00.01.0000"
DINKES = "1.02.0.00.0.00.01.0000"
KP_BLUE_FOOD = "rpjmn-2025-2029:02.10.09"
PN06 = "rpjmn-2025-2029:06"
YEAR_2026 = PlanPeriod(start=2026, end=2026)


def sub(code: str, name: str, agency: str, pagu: int, funding: list[FundingSource] | None = None) -> SubActivity:
    return SubActivity(
        code=Code.parse(code),
        name=name,
        agency_id=agency,
        budgets=[Budget(year=2026, amount=Money(pagu))],
        funding=funding or [],
    )


def rkpd(*subs_by_program: tuple[str, str, str, list[SubActivity]], plan_id: str = "rkpd-6271-2026") -> Plan:
    programs = []
    for program_code, activity_code, agency, subs in subs_by_program:
        programs.append(
            Program(
                code=Code.parse(program_code),
                name=f"Program {program_code}",
                agency_id=agency,
                activities=[
                    Activity(
                        code=Code.parse(activity_code),
                        name=f"Kegiatan {activity_code}",
                        agency_id=agency,
                        sub_activities=subs,
                    )
                ],
            )
        )
    return Plan(
        id=plan_id,
        kind=PlanKind.RKPD,
        title="RKPD Kota Palangka Raya 2026",
        period=YEAR_2026,
        owner_id="62.71",
        government_id="62.71",
        programs=programs,
    )


DAK_PAUD = FundingSource(code="2.2.01.01.03.0001", name="DAK Fisik-Bidang Pendidikan-Reguler-PAUD")


def fisheries_subs() -> list[SubActivity]:
    return [
        sub("3.25.03.2.01.0002", "Penyediaan Prasarana Usaha Perikanan Tangkap", DKP, 400_000_000),
        sub("3.25.03.2.01.0003", "Penjaminan Ketersediaan Sarana Usaha Perikanan Tangkap", DKP, 100_000_000),
    ]


def governments() -> list[Government]:
    return [
        Government(level=GovernmentLevel.PROVINCE, region_code="62", name="Provinsi Kalimantan Tengah"),
        Government(level=GovernmentLevel.CITY, region_code="62.71", name="Kota Palangka Raya", parent_id="62"),
    ]


def kkp_plan(*, locations: tuple[str, ...] = ("62.71",), authority: Authority | None = None) -> MinistryPlan:
    """A KKP (BA 032) Renja K/L excerpt with one RO located in the demo region (codes are synthetic)."""
    program = KLCode.parse("032.04.CE")
    activity = program.child("5678")
    kro = activity.child("5678.RBK")
    ro = kro.child("RBK.001")
    return MinistryPlan(
        id="renja-kkp-2026",
        ministry_code="032",
        year=2026,
        title="Renja KKP 2026",
        programs=[
            MinistryProgram(
                code=program,
                name="Program Pengelolaan Perikanan dan Kelautan",
                activities=[
                    MinistryActivity(
                        code=activity,
                        name="Pengelolaan Perikanan Tangkap",
                        output_classes=[
                            OutputClass(
                                code=kro,
                                name="Prasarana Bidang Perikanan",
                                outputs=[
                                    DetailedOutput(
                                        code=ro,
                                        name="Pelabuhan Perikanan yang Dibangun",
                                        volume=Decimal(1),
                                        unit="Unit",
                                        locations=[OutputLocation(region_code=c) for c in locations],
                                        allocation=Money(2_000_000_000),
                                        work_unit="123456",
                                        authority=authority,
                                    )
                                ],
                            )
                        ],
                    )
                ],
            )
        ],
    )


RO_REF = ref("renja-kkp-2026", "032.04.CE.5678.RBK.001")


def base_bundle(*, plans: list[Plan], links: list[Link] = (), national: NationalRecords | None = None) -> Bundle:  # type: ignore[assignment]
    bundle = Bundle(governments=governments(), plans=plans, links=list(links), national=national or NationalRecords())
    return add_priority_tree(bundle, rpjmn_2025_2029())


def run(bundle: Bundle, rule_id: str, **options: object) -> Report:
    return check(bundle, [rule_id], CheckConfig(options={rule_id: options} if options else {}))


def fisheries_ref(code: str) -> str:
    return ref("rkpd-6271-2026", f"{DKP}/{code}")


# -- SKN701 tag-out-of-version --------------------------------------------------------------------------------

OLD_PN = Priority(
    id="rpjmn-2020-2024:07",
    kind=PriorityKind.NATIONAL,
    code="07",
    name="Mengembangkan Wilayah Untuk Mengurangi Kesenjangan Dan Menjamin Pemerataan",
    document="RPJMN 2020–2024",
    period=PlanPeriod(start=2020, end=2024),
)


def test_skn701_fires_on_a_tag_of_a_document_not_in_force_and_on_a_dangling_tag() -> None:
    plan = rkpd(("3.25.03", "3.25.03.2.01", DKP, fisheries_subs()))
    links = [
        tag(fisheries_ref("3.25.03.2.01.0002"), OLD_PN.id),
        tag(fisheries_ref("3.25.03.2.01.0003"), "rpjmn-2025-2029:02.10.99"),
        tag(RO_REF, "rkp-2019:01"),
    ]
    bundle = base_bundle(plans=[plan], links=links, national=NationalRecords(plans=[kkp_plan()]))
    bundle = bundle.replace(priorities=(*bundle.priorities, OLD_PN))
    findings = run(bundle, "SKN701").findings
    assert {(f.subject, f.evidence["tag"]) for f in findings} == {
        (fisheries_ref("3.25.03.2.01.0002"), OLD_PN.id),
        (fisheries_ref("3.25.03.2.01.0003"), "rpjmn-2025-2029:02.10.99"),
        (RO_REF, "rkp-2019:01"),
    }
    old = next(f for f in findings if f.evidence["tag"] == OLD_PN.id)
    assert old.evidence["valid"] == "2020–2024" and old.evidence["plan_years"] == "2026"
    assert "RPJMN 2020–2024" in old.message.en
    ro_finding = next(f for f in findings if f.subject == RO_REF)
    assert ro_finding.path.startswith("Renja KKP 2026 › 032.04.CE")


def test_skn701_suggests_the_priority_of_the_same_code_in_force() -> None:
    plan = rkpd(("3.25.03", "3.25.03.2.01", DKP, fisheries_subs()))
    old_pn6 = attrs.evolve(OLD_PN, id="rpjmn-2020-2024:06", code="06")
    bundle = base_bundle(plans=[plan], links=[tag(fisheries_ref("3.25.03.2.01.0002"), old_pn6.id)])
    bundle = bundle.replace(priorities=(*bundle.priorities, old_pn6))
    (finding,) = run(bundle, "SKN701").findings
    assert finding.evidence["replacement"] == PN06
    # the fix names the priority as planners do (code, name, document), the tag id stays in the evidence
    assert finding.fix is not None and "06 “Membangun dari Desa" in finding.fix.en
    assert "(RPJMN 2025–2029)" in finding.fix.en and PN06 not in finding.fix.en


def test_skn701_is_quiet_on_tags_of_the_tree_in_force() -> None:
    plan = rkpd(("3.25.03", "3.25.03.2.01", DKP, fisheries_subs()))
    links = [tag(fisheries_ref("3.25.03.2.01.0002"), KP_BLUE_FOOD), tag(RO_REF, KP_BLUE_FOOD)]
    bundle = base_bundle(plans=[plan], links=links, national=NationalRecords(plans=[kkp_plan()]))
    assert run(bundle, "SKN701").findings == ()


# -- SKN702 kp-coverage-gap ----------------------------------------------------------------------------------


def test_skn702_fires_for_a_dak_apbd_kp_without_regional_support_and_names_crosswalk_candidates() -> None:
    plan = rkpd(("3.25.03", "3.25.03.2.01", DKP, fisheries_subs()))
    crosswalk = PriorityCrosswalk(
        id="kp-sk",
        version="1",
        tree_id="rpjmn-2025-2029",
        rows=[PriorityMapping(priority_code="02.10.09", sub_activity=Code.parse("3.25.03.2.01.0002"))],
    )
    bundle = base_bundle(plans=[plan], national=NationalRecords(priority_crosswalks=[crosswalk]))
    findings = run(bundle, "SKN702").findings
    # the shipped tree gives funding categories only for 02.10.09 (with DAK and APBD) and 02.11.03 (without)
    assert [f.subject for f in findings] == [KP_BLUE_FOOD]
    assert findings[0].evidence["crosswalk_candidates"] == [fisheries_ref("3.25.03.2.01.0002")]
    assert findings[0].evidence["funding"] == "belanja_kl, dak, apbd, badan_usaha"


def test_skn702_is_quiet_when_a_sub_kegiatan_supports_the_kp_through_its_kegiatan() -> None:
    plan = rkpd(("3.25.03", "3.25.03.2.01", DKP, fisheries_subs()))
    kegiatan_ref = ref("rkpd-6271-2026", f"{DKP}/3.25.03.2.01")
    bundle = base_bundle(plans=[plan], links=[tag(kegiatan_ref, KP_BLUE_FOOD)])
    assert run(bundle, "SKN702").findings == ()


def test_skn702_per_government_scope_and_bad_option() -> None:
    kota = rkpd(("3.25.03", "3.25.03.2.01", DKP, fisheries_subs()))
    province = attrs.evolve(kota, id="rkpd-62-2026", title="RKPD Kalteng 2026", owner_id="62", government_id="62")
    bundle = base_bundle(plans=[kota, province], links=[tag(fisheries_ref("3.25.03.2.01.0002"), KP_BLUE_FOOD)])
    assert run(bundle, "SKN702").findings == ()
    per_government = run(bundle, "SKN702", scope="government").findings
    assert [(f.subject, f.evidence["government"]) for f in per_government] == [(KP_BLUE_FOOD, "62")]
    with pytest.raises(OptionError, match="rule SKN702: option 'scope'") as caught:
        run(bundle, "SKN702", scope="everywhere")
    assert caught.value.expected == "one of 'bundle', 'government'"


# -- SKN703 dak-menu-unmapped, SKN704 dak-support-cap -----------------------------------------------------------

EDU = "1.01.0.00.0.00.01.0000"


def paud_subs(*, penunjang_pagu: int = 40_000_000) -> list[SubActivity]:
    return [
        sub("1.01.02.2.01.0001", "Pembangunan Unit Sekolah Baru (USB)", EDU, 760_000_000, [DAK_PAUD]),
        sub("1.01.02.2.01.0006", "Pembangunan Sarana, Prasarana dan Utilitas Sekolah", EDU, penunjang_pagu, [DAK_PAUD]),
    ]


def dak_crosswalk(*codes: tuple[str, bool]) -> DAKMenuCrosswalk:
    return DAKMenuCrosswalk(
        id="menu-dak-2026",
        version="2026.1",
        rows=[
            DAKMenu(
                year=2026,
                kind=FundingKind.DAK_PHYSICAL,
                area="Pendidikan",
                scheme="Reguler",
                subarea="PAUD",
                menu="Menu (synthetic)",
                sub_activity=Code.parse(code),
                supporting=supporting,
                funding_code="2.2.01.01.03.0001",
            )
            for code, supporting in codes
        ],
    )


def test_skn703_fires_for_a_dak_sub_kegiatan_outside_the_menus_of_the_year() -> None:
    plan = rkpd(("1.01.02", "1.01.02.2.01", EDU, paud_subs()))
    crosswalk = dak_crosswalk(("1.01.02.2.01.0001", False))
    findings = run(base_bundle(plans=[plan], national=NationalRecords(dak_crosswalks=[crosswalk])), "SKN703").findings
    assert [f.subject for f in findings] == [ref("rkpd-6271-2026", f"{EDU}/1.01.02.2.01.0006")]
    assert findings[0].evidence["kode_dana"] == "2.2.01.01.03.0001"
    assert findings[0].evidence["jenis"] == "dak_fisik" and findings[0].evidence["bidang"] == "Pendidikan"


def test_skn703_fires_when_the_menu_is_of_another_kode_dana_and_notes_a_year_without_crosswalk() -> None:
    plan = rkpd(("1.01.02", "1.01.02.2.01", EDU, paud_subs()))
    crosswalk = dak_crosswalk(("1.01.02.2.01.0001", False), ("1.01.02.2.01.0006", False))
    other_code = attrs.evolve(
        crosswalk, rows=[attrs.evolve(r, funding_code="2.2.01.01.03.0002") for r in crosswalk.rows]
    )
    findings = run(base_bundle(plans=[plan], national=NationalRecords(dak_crosswalks=[other_code])), "SKN703").findings
    assert len(findings) == 2 and all(f.evidence["menus"] for f in findings)
    no_crosswalk = run(base_bundle(plans=[plan]), "SKN703").findings
    assert [(f.severity.value, f.subject, f.evidence["dak_sub_kegiatan"]) for f in no_crosswalk] == [
        ("info", "rkpd-6271-2026", 2)
    ]


def test_skn703_is_quiet_when_every_dak_sub_kegiatan_maps_to_a_menu() -> None:
    plan = rkpd(("1.01.02", "1.01.02.2.01", EDU, paud_subs()))
    crosswalk = dak_crosswalk(("1.01.02.2.01.0001", False), ("1.01.02.2.01.0006", True))
    assert run(base_bundle(plans=[plan], national=NationalRecords(dak_crosswalks=[crosswalk])), "SKN703").findings == ()


def test_skn704_fires_above_the_penunjang_cap_and_not_at_it() -> None:
    crosswalk = dak_crosswalk(("1.01.02.2.01.0001", False), ("1.01.02.2.01.0006", True))
    national = NationalRecords(dak_crosswalks=[crosswalk])
    over = base_bundle(
        plans=[rkpd(("1.01.02", "1.01.02.2.01", EDU, paud_subs(penunjang_pagu=60_000_000)))], national=national
    )
    (finding,) = run(over, "SKN704").findings
    assert finding.evidence["supporting"] == "60000000" and finding.evidence["total"] == "820000000"
    assert finding.evidence["share"] == "0.0732"
    at_cap = base_bundle(
        plans=[rkpd(("1.01.02", "1.01.02.2.01", EDU, paud_subs(penunjang_pagu=40_000_000)))], national=national
    )
    assert run(at_cap, "SKN704").findings == ()  # 40 of 800 million = 5 %
    assert run(over, "SKN704", cap="0.10").findings == ()


def test_skn704_uses_the_dak_amount_of_a_co_funded_sub_kegiatan() -> None:
    crosswalk = dak_crosswalk(("1.01.02.2.01.0001", False), ("1.01.02.2.01.0006", True))
    paud = attrs.evolve(DAK_PAUD, amount=Money(10_000_000))
    pad = FundingSource(code="1.1", name="[DANA UMUM] - PENDAPATAN ASLI DAERAH (PAD)", amount=Money(500_000_000))
    subs = [paud_subs()[0], sub("1.01.02.2.01.0006", "Pembangunan Sarana", EDU, 510_000_000, [paud, pad])]
    bundle = base_bundle(
        plans=[rkpd(("1.01.02", "1.01.02.2.01", EDU, subs))], national=NationalRecords(dak_crosswalks=[crosswalk])
    )
    assert run(bundle, "SKN704").findings == ()  # 10 of 770 million, although the sub kegiatan's pagu is 510 million


# -- SKN705 ro-location-unmatched ----------------------------------------------------------------------------


def test_skn705_fires_when_no_related_sub_kegiatan_is_at_the_ro_location() -> None:
    health = [sub("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", DINKES, 100_000_000)]
    plan = rkpd(("1.02.02", "1.02.02.2.02", DINKES, health))
    links = [tag(RO_REF, KP_BLUE_FOOD), tag(ref("rkpd-6271-2026", f"{DINKES}/1.02.02.2.02.0001"), PN06)]
    bundle = base_bundle(
        plans=[plan], links=links, national=NationalRecords(plans=[kkp_plan(locations=("62.71", "63.71"))])
    )
    (finding,) = run(bundle, "SKN705").findings  # 63.71 has no plan in the bundle: not judged
    assert finding.subject == RO_REF and finding.evidence["lokasi"] == "62.71"
    assert finding.evidence["tags"] == [KP_BLUE_FOOD]


@pytest.mark.parametrize("join", ["tag", "pp-tag", "kp-crosswalk", "program-crosswalk"])
def test_skn705_is_quiet_when_tags_or_crosswalks_join_the_ro_to_the_region(join: str) -> None:
    plan = rkpd(("3.25.03", "3.25.03.2.01", DKP, fisheries_subs()))
    links = [tag(RO_REF, KP_BLUE_FOOD)]
    national = NationalRecords(plans=[kkp_plan()])
    sub_ref = fisheries_ref("3.25.03.2.01.0002")
    if join == "tag":
        links.append(tag(sub_ref, KP_BLUE_FOOD))
    elif join == "pp-tag":
        links.append(tag(sub_ref, "rpjmn-2025-2029:02.10"))  # Form 4 tags at PP level
    elif join == "kp-crosswalk":
        national = attrs.evolve(
            national,
            priority_crosswalks=[
                PriorityCrosswalk(
                    id="kp",
                    version="1",
                    rows=[PriorityMapping(priority_code="02.10.09", sub_activity=Code.parse("3.25.03.2.01.0003"))],
                )
            ],
        )
    else:
        links = []
        national = attrs.evolve(
            national,
            program_crosswalks=[
                ProgramSectorCrosswalk(
                    id="kl",
                    version="1",
                    rows=[ProgramSectorMapping(program=KLCode.parse("032.04.CE"), sector=Code.parse("3.25"))],
                )
            ],
        )
    assert run(base_bundle(plans=[plan], links=links, national=national), "SKN705").findings == ()


def test_skn705_does_not_join_on_a_shared_pn_alone() -> None:
    plan = rkpd(("3.25.03", "3.25.03.2.01", DKP, fisheries_subs()))
    links = [tag(RO_REF, KP_BLUE_FOOD), tag(fisheries_ref("3.25.03.2.01.0002"), "rpjmn-2025-2029:02")]
    bundle = base_bundle(plans=[plan], links=links, national=NationalRecords(plans=[kkp_plan()]))
    assert len(run(bundle, "SKN705").findings) == 1


def test_skn705_matches_dekonsentrasi_by_satker_location_only() -> None:
    unit = WorkUnit(code="123456", name="Dinas Kelautan dan Perikanan Provinsi", ministry_code="032", location="62")
    inside = NationalRecords(
        plans=[kkp_plan(locations=("62.71",), authority=Authority.DECONCENTRATION)], work_units=[unit]
    )
    assert run(base_bundle(plans=[]), "SKN705").findings == ()
    assert run(base_bundle(plans=[], national=inside), "SKN705").findings == ()
    outside = attrs.evolve(inside, plans=[kkp_plan(locations=("62.71", "63.71"), authority=Authority.DECONCENTRATION)])
    (finding,) = run(base_bundle(plans=[], national=outside), "SKN705").findings
    assert finding.evidence == {
        "lokasi": "63.71",
        "satker": "123456",
        "satker_lokasi": "62",
        "kewenangan": "dekonsentrasi",
    }


# -- SKN706 unit-incompatible, SKN707 target-falls-short -----------------------------------------------------

POVERTY = "rpjmn-2025-2029:06#tingkat-kemiskinan"


def poverty_plan(unit: str, target: str) -> Plan:
    indicator = Indicator(
        name="Persentase penduduk miskin", unit=unit, targets=[Target(year=2029, value=Value.parse(target))]
    )
    rpjmd = Plan(
        id="rpjmd-6271",
        kind=PlanKind.RPJMD,
        title="RPJMD Kota Palangka Raya 2025–2029",
        period=PlanPeriod(start=2025, end=2029),
        owner_id="62.71",
        government_id="62.71",
        programs=[Program(code=Code.parse("1.06.02"), name="PROGRAM PEMBERDAYAAN SOSIAL", indicators=[indicator])],
    )
    return rpjmd


def poverty_bundle(unit: str, target: str) -> Bundle:
    source = ref("rpjmd-6271", "1.06.02", "persentase-penduduk-miskin")
    link = Link(kind=LinkKind.SUPPORTS, source=source, target=POVERTY)
    return base_bundle(plans=[poverty_plan(unit, target)], links=[link])


def test_skn706_fires_on_incomparable_units_only() -> None:
    (finding,) = run(poverty_bundle("Orang", "9.000"), "SKN706").findings
    assert finding.evidence == {"unit": "Orang", "national_unit": "%", "national_indicator": POVERTY}
    assert run(poverty_bundle("persen", "4,8"), "SKN706").findings == ()


def test_skn707_compares_range_targets_as_intervals_direction_aware() -> None:
    (finding,) = run(poverty_bundle("persen", "5,5–6,0"), "SKN707").findings
    assert finding.evidence["interval"] == ["5.5", "6.0"] and finding.evidence["national_interval"] == ["4.5", "5.0"]
    assert finding.evidence["direction"] == "turun"
    assert run(poverty_bundle("persen", "4,8–5,2"), "SKN707").findings == ()  # overlaps 4,5–5,0
    assert run(poverty_bundle("%", "4,0"), "SKN707").findings == ()  # better than the national range
    assert run(poverty_bundle("Orang", "6"), "SKN707").findings == ()  # not comparable: SKN706's business


def test_skn707_uses_the_region_s_own_target_when_loaded_else_is_only_information() -> None:
    """Issue 20 fix 5: a region with a high baseline was always flagged against the national aggregate."""
    bundle = poverty_bundle("persen", "5,5–6,0")
    (aggregate,) = run(bundle, "SKN707").findings
    assert aggregate.severity is Severity.INFO and aggregate.evidence["compared_with"] == "national"
    assert "agregat" in aggregate.message.id and "Kota Palangka Raya" in aggregate.message.id
    assert aggregate.fix is not None and "tabel target" in aggregate.fix.id
    csv = "kode_prioritas,indikator,kode_wilayah,tahun,target,sumber\n06,tingkat-kemiskinan,62.71,2029,{},lampiran\n"
    document = "RPJMD Provinsi Kalimantan Tengah 2025–2029"
    met = read_target_table(io.StringIO(csv.format('"5,8"')), document=document).raise_for_errors()
    assert run(add_target_table(bundle, met), "SKN707").findings == ()  # within the city's own target
    missed = read_target_table(io.StringIO(csv.format('"5,0"')), document=document).raise_for_errors()
    (regional,) = run(add_target_table(bundle, missed), "SKN707").findings
    assert regional.severity is Severity.WARNING
    assert regional.evidence["target_document"] == document and regional.evidence["target_region"] == "62.71"
    assert f"target untuk Kota Palangka Raya “5,0” menurut {document}" in regional.message.id


def test_skn706_707_read_ro_indicators_with_scaled_units() -> None:
    biofuel = "rpjmn-2025-2029:02.11.03#01.01"
    plan = kkp_plan()
    ro = plan.programs[0].activities[0].output_classes[0].outputs[0]
    kiloliters = Indicator(
        name="Biofuel", id="bbn", unit="KL", targets=[Target(year=2029, value=Value.parse("1.000.000"))]
    )
    plan = attrs.evolve(
        plan,
        programs=[
            attrs.evolve(
                plan.programs[0],
                activities=[
                    attrs.evolve(
                        plan.programs[0].activities[0],
                        output_classes=[
                            attrs.evolve(
                                plan.programs[0].activities[0].output_classes[0],
                                outputs=[attrs.evolve(ro, indicators=[kiloliters])],
                            )
                        ],
                    )
                ],
            )
        ],
    )
    link = Link(kind=LinkKind.SUPPORTS, source=ref(RO_REF, "bbn"), target=biofuel)
    bundle = base_bundle(plans=[], links=[link], national=NationalRecords(plans=[plan]))
    assert run(bundle, "SKN706").findings == ()  # KL and Juta KL are both litres
    (short,) = run(bundle, "SKN707").findings  # 10⁶ KL = 1 juta KL, below 17,11 juta KL
    assert short.evidence["base_unit"] == "liter" and short.subject == ref(RO_REF, "bbn")
    assert short.path.endswith("› Biofuel")


def test_family_7_runs_clean_on_an_empty_bundle() -> None:
    report = check(Bundle(), ["SKN7"])
    assert report.findings == () and not report.rule_failures
    assert set(report.rules_run) == {f"SKN70{i}" for i in range(1, 8)}


def test_skn704_rejects_a_bad_cap() -> None:
    with pytest.raises(OptionError, match="rule SKN704: option 'cap': invalid value"):
        run(Bundle(), "SKN704", cap="lots")
    with pytest.raises(SinkronError):
        check(Bundle(), ["SKN704"], CheckConfig(options={"SKN704": {"limit": "0.1"}}))


# -- robustness: any bundle of the testing kit, with national data and random tags, checks without failures ----

_PRIORITY_IDS = [p.id for p in rpjmn_2025_2029().priorities()] + ["tematik:stunting", "nowhere:01"]


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(sst.bundles(), st.data())
def test_family_7_never_fails_on_generated_bundles(bundle: Bundle, data: st.DataObject) -> None:
    items = [ref(p.id, i.id) for p in bundle.plans for i in p.items()]
    sources = [*items, RO_REF]
    links = data.draw(st.lists(st.builds(tag, st.sampled_from(sources), st.sampled_from(_PRIORITY_IDS)), max_size=6))
    national = NationalRecords(
        plans=[kkp_plan(locations=("62", "62.71"))],
        dak_crosswalks=[dak_crosswalk(("1.01.02.2.01.0001", False), ("1.01.02.2.01.0006", True))],
    )
    full = add_priority_tree(bundle.replace(links=(*bundle.links, *links), national=national), rpjmn_2025_2029())
    report = check(full, ["SKN7"])
    assert not report.rule_failures, report.rule_failures
    assert all(f.rule.startswith("SKN7") and f.path for f in report.findings)
