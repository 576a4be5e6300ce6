"""Rule family 3 (vertical consistency): each rule fires on a bundle built to break it and stays silent on a consistent one."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from family34_bundles import (
    CITY,
    DINKES,
    DINSOS,
    PLUGINS,
    RENSTRA_YEARS,
    SUB_CODE,
    SUB_INDICATOR,
    SUB_NAME,
    activity,
    bundle,
    chain,
    indicator,
    link,
    program,
    renja,
    renstra,
    rkpd,
    rpjmd,
    run,
    sub,
)

from sinkron import (
    Activity,
    Budget,
    BudgetKind,
    Code,
    Goal,
    IndicatorKind,
    LinkKind,
    Money,
    Objective,
    OptionError,
    PlanStage,
    Program,
    SubActivity,
)
from sinkron.align import CheckConfig, Severity, check
from sinkron.align.rules.vertical import target_gap
from sinkron.models import Value

Y2026 = [2026]
RENJA = "renja-dinkes-2026"
SUB_REF = f"{RENJA}#{DINKES}/{SUB_CODE}"
SUB_INDICATOR_REF = f"{SUB_REF}#jumlah-ibu-hamil-yang-mendapatkan-pelayanan-kesehatan-sesuai-standar"


# -- SKN301 renja-outside-renstra -------------------------------------------------------------------------
def test_renja_within_renstra_gives_no_finding() -> None:
    b = bundle(
        renstra(chain([SUB_CODE, "1.02.02.2.02.0002"], years=RENSTRA_YEARS)),
        renja(chain([SUB_CODE], years=Y2026)),
    )
    assert run(b, "SKN301") == []


def test_sub_kegiatan_absent_from_renstra_is_an_error() -> None:
    b = bundle(
        renstra(chain([SUB_CODE], years=RENSTRA_YEARS)),
        renja(chain([SUB_CODE, "1.02.02.2.02.0002"], years=Y2026)),
    )
    [finding] = run(b, "SKN301")
    assert finding.severity is Severity.ERROR
    assert finding.subject == f"{RENJA}#{DINKES}/1.02.02.2.02.0002"
    assert finding.evidence["renstra_plan"] == "renstra-dinkes"
    assert finding.evidence["year"] == 2026
    assert finding.evidence["items_below"] == 0
    assert "tidak tercantum dalam Renstra Dinas Kesehatan 2025–2029" in finding.message.id
    assert "not in Renstra Dinas Kesehatan 2025–2029" in finding.message.en
    assert finding.fix is not None and "perubahan Renstra" in finding.fix.id
    assert finding.path.startswith("Renja Dinas Kesehatan 2026 › 1.02")


def test_an_absent_program_is_reported_once_with_the_items_below_it_counted() -> None:
    other = chain(["1.02.03.2.01.0001", "1.02.03.2.01.0002"], years=Y2026)
    b = bundle(renstra(chain(years=RENSTRA_YEARS)), renja(chain(years=Y2026), other))
    [finding] = run(b, "SKN301")
    assert finding.subject == f"{RENJA}#{DINKES}/1.02.03"
    assert finding.evidence["level"] == "program"
    assert finding.evidence["items_below"] == 3  # one kegiatan, two sub kegiatan
    assert "3 item di bawahnya" in finding.message.id


def test_a_renstra_written_at_kegiatan_level_is_compared_at_kegiatan_level() -> None:
    """Issue 20 fix 2: a Renstra that stops at kegiatan does not make every Renja sub kegiatan an error."""
    kegiatan_only = chain(years=RENSTRA_YEARS)
    kegiatan_only = attrs.evolve(
        kegiatan_only, activities=tuple(attrs.evolve(a, sub_activities=()) for a in kegiatan_only.activities)
    )
    the_renja = renja(chain([SUB_CODE, "1.02.02.2.02.0002"], years=Y2026))
    assert run(bundle(renstra(kegiatan_only), the_renja), "SKN301") == []
    two = [activity(code[:-5], [sub(code, years=Y2026)], years=Y2026) for code in (SUB_CODE, "1.02.02.2.01.0001")]
    other_kegiatan = renja(program("1.02.02", two, years=Y2026))
    [finding] = run(bundle(renstra(kegiatan_only), other_kegiatan), "SKN301")
    assert finding.evidence["level"] == "kegiatan"
    assert finding.evidence["items_below"] == 0  # its sub kegiatan sit below the Renstra's deepest level


def test_matching_reads_legacy_codes_generic_penunjang_codes_and_derived_from_links() -> None:
    penunjang = "X.XX.01.2.01.0001"
    recoded = "1.02.02.2.02.0005"
    b = bundle(
        renstra(
            chain([SUB_CODE, "1.02.02.2.02.0003"], years=RENSTRA_YEARS),
            chain([penunjang], years=RENSTRA_YEARS),
        ),
        renja(
            chain(["1.02.02.2.02.01", recoded], years=Y2026),  # legacy 2-digit number of …0001, and a recoded item
            chain(["1.02.01.2.01.0001"], years=Y2026),  # the concrete form of the generic penunjang code
        ),
        links=[
            link(LinkKind.DERIVED_FROM, f"{RENJA}#{DINKES}/{recoded}", f"renstra-dinkes#{DINKES}/1.02.02.2.02.0003")
        ],
    )
    assert run(b, "SKN301") == []


def test_pairing_needs_the_same_agency_a_covering_period_and_the_same_government() -> None:
    extra = chain([SUB_CODE, "1.02.02.2.02.0002"], years=[2030])
    assert run(bundle(renstra(chain(years=RENSTRA_YEARS)), renja(extra, year=2030)), "SKN301") == []
    other_agency = renja(chain([SUB_CODE, "1.02.02.2.02.0002"], years=Y2026, agency=DINSOS), owner=DINSOS)
    assert run(bundle(renstra(chain(years=RENSTRA_YEARS)), other_agency), "SKN301") == []
    other_government = renstra(chain(years=RENSTRA_YEARS), government_id="62.01")
    assert run(bundle(other_government, renja(chain([SUB_CODE, "1.02.02.2.02.0002"], years=Y2026))), "SKN301") == []
    assert run(bundle(renja(chain([SUB_CODE, "1.02.02.2.02.0002"], years=Y2026))), "SKN301") == []


def test_the_latest_revision_of_the_renstra_is_the_reference() -> None:
    old = renstra(chain(years=RENSTRA_YEARS), plan_id="renstra-dinkes-0", stage=PlanStage.ENACTED)
    amended = renstra(
        chain([SUB_CODE, "1.02.02.2.02.0002"], years=RENSTRA_YEARS),
        plan_id="renstra-dinkes-1",
        stage=PlanStage.AMENDED,
        revision=1,
    )
    the_renja = renja(chain([SUB_CODE, "1.02.02.2.02.0002"], years=Y2026))
    assert run(bundle(old, amended, the_renja), "SKN301") == []
    [finding] = run(bundle(old, the_renja), "SKN301")
    assert finding.evidence["renstra_plan"] == "renstra-dinkes-0"


# -- SKN302 renja-target-mismatch -------------------------------------------------------------------------
YEARLY_TARGETS = {2025: "1.000", 2026: "1.250", 2027: "1.500", 2028: "1.750", 2029: "2.000"}


def test_year_k_targets_that_agree_give_no_finding() -> None:
    b = bundle(
        renstra(chain(years=RENSTRA_YEARS, target=YEARLY_TARGETS)),
        renja(chain(years=Y2026, target="1.300")),  # 4 % above the year-2 target, within 10 %
    )
    assert run(b, "SKN302") == []


def test_a_renja_target_beyond_the_tolerance_is_a_warning_with_both_targets() -> None:
    b = bundle(
        renstra(chain(years=RENSTRA_YEARS, target=YEARLY_TARGETS)),
        renja(chain(years=Y2026, target="1.000")),  # the 2025 target written for 2026
    )
    [finding] = run(b, "SKN302")
    assert finding.severity is Severity.WARNING
    assert finding.subject == SUB_INDICATOR_REF
    evidence = finding.evidence
    assert (evidence["renja_target"], evidence["renstra_target"]) == ("1.000", "1.250")
    assert evidence["year_index"] == 2
    assert evidence["difference"] == Decimal(-250)
    assert evidence["relative_difference"] == Decimal("-0.2000")
    assert evidence["tolerance"] == Decimal("0.10")
    assert "tahun ke-2" in finding.message.id and "selisih 20%" in finding.message.id
    assert "year-2 target" in finding.message.en
    assert run(b, "SKN302", target_tolerance="0.25") == []


def test_indicators_match_by_name_variant_and_targets_compare_against_ranges() -> None:
    ranged = indicator("Persentase ibu hamil mendapat layanan", years=RENSTRA_YEARS, target="90–95", unit="%")
    written = indicator(
        "PERSENTASE  IBU HAMIL MENDAPAT LAYANAN ", years=Y2026, target="93", unit="%", indicator_id="ibu-hamil-layanan"
    )
    b = bundle(
        renstra(chain(years=RENSTRA_YEARS, indicators=[ranged])),
        renja(chain(years=Y2026, indicators=[written])),
    )
    assert run(b, "SKN302") == []
    outside = indicator("Persentase ibu hamil mendapat layanan", years=Y2026, target="70", unit="%")
    [finding] = run(
        bundle(
            renstra(chain(years=RENSTRA_YEARS, indicators=[ranged])), renja(chain(years=Y2026, indicators=[outside]))
        ),
        "SKN302",
    )
    assert finding.evidence["renstra_target"] == "90–95"


def test_a_different_unit_and_an_indicator_missing_from_the_renstra_are_reported() -> None:
    b = bundle(
        renstra(chain(years=RENSTRA_YEARS)),
        renja(
            chain(
                years=Y2026,
                indicators=[
                    indicator(years=Y2026, unit="%"),
                    indicator("Jumlah posyandu aktif", years=Y2026, unit="Unit"),
                ],
            )
        ),
    )
    findings = {f.evidence["reason"]: f for f in run(b, "SKN302")}
    assert set(findings) == {"unit", "indicator-absent"}
    assert "Satuan indikator" in findings["unit"].message.id
    assert findings["unit"].evidence["renstra_unit"] == "Orang"
    absent = findings["indicator-absent"]
    assert absent.subject == f"{SUB_REF}#jumlah-posyandu-aktif"
    assert absent.evidence["renstra_indicators"] == [SUB_INDICATOR]
    assert absent.fix is not None and SUB_INDICATOR in absent.fix.id


def test_target_gap_semantics() -> None:
    tol = Decimal("0.10")
    assert target_gap(Value.parse("105"), Value.parse("100"), tol) is None
    gap = target_gap(Value.parse("120"), Value.parse("100"), tol)
    assert gap is not None and gap.relative == Decimal("0.2000")
    assert target_gap(Value.parse("7,5"), Value.parse("7,0–8,0"), tol) is None
    assert target_gap(Value.parse("7,0–8,0"), Value.parse("7,2"), tol) is None
    assert target_gap(Value.parse("7,0–8,0"), Value.parse("7,0–8,5"), tol) is None
    assert target_gap(Value.parse("5,0–6,0"), Value.parse("7,0–8,0"), tol) is not None
    assert target_gap(Value.parse("Tersedia"), Value.parse("tersedia"), tol) is None
    assert target_gap(Value.parse("Tersedia"), Value.parse("100"), tol) is not None
    zero = target_gap(Value.parse("3"), Value.parse("0"), tol)
    assert zero is not None and zero.relative is None


# -- SKN303 renja-pagu-mismatch ---------------------------------------------------------------------------
def test_pagu_within_tolerance_gives_no_finding() -> None:
    b = bundle(renstra(chain(years=RENSTRA_YEARS)), renja(chain(years=Y2026, pagu=105_000_000)))
    assert run(b, "SKN303") == []


def test_pagu_beyond_tolerance_is_reported_at_each_level_with_both_amounts() -> None:
    yearly = {2025: 80_000_000, 2026: 100_000_000, 2027: 120_000_000, 2028: 140_000_000, 2029: 160_000_000}
    b = bundle(renstra(chain(years=RENSTRA_YEARS, pagu=yearly)), renja(chain(years=Y2026, pagu=80_000_000)))
    findings = {f.evidence["level"]: f for f in run(b, "SKN303")}
    assert set(findings) == {"program", "kegiatan", "sub_kegiatan"}
    finding = findings["sub_kegiatan"]
    assert finding.subject == SUB_REF
    assert finding.evidence["renja_pagu"] == Decimal(80_000_000)
    assert finding.evidence["renstra_pagu"] == Decimal(100_000_000)  # year 2, not year 1
    assert finding.evidence["difference"] == Decimal(-20_000_000)
    assert finding.evidence["relative_difference"] == Decimal("-0.2000")
    assert "lebih rendah Rp 20.000.000 (20%)" in finding.message.id
    assert "Rp 20.000.000 (20%) lower" in finding.message.en
    assert run(b, "SKN303", pagu_tolerance="0.25") == []


def test_a_renja_pagu_where_the_renstra_budgets_nothing_is_reported() -> None:
    b = bundle(renstra(chain(years=RENSTRA_YEARS, pagu={2026: 0})), renja(chain(years=Y2026)))
    finding = next(f for f in run(b, "SKN303") if f.subject == SUB_REF)
    assert finding.evidence["relative_difference"] is None
    assert "tidak menganggarkan dana" in finding.message.id


def test_items_without_pagu_on_either_side_are_not_compared() -> None:
    b = bundle(renstra(chain(years=RENSTRA_YEARS, pagu=None)), renja(chain(years=Y2026)))
    assert run(b, "SKN303") == []


# -- SKN304 rkpd-rpjmd-mismatch ---------------------------------------------------------------------------
def _rpjmd_program(code: str = "1.02.02", agency: str | None = None, pagu: int = 300_000_000) -> Program:
    return program(
        code,
        [],
        years=RENSTRA_YEARS,
        pagu=pagu,
        agency=agency,
        indicators=[
            indicator(
                "Persentase capaian SPM kesehatan",
                years=RENSTRA_YEARS,
                target="100",
                unit="%",
                kind=IndicatorKind.OUTCOME,
            )
        ],
    )


def _rkpd_program(agency: str, pagu: int, target: str = "100", code: str = "1.02.02.2.02.0001") -> Program:
    item = chain([code], years=Y2026, agency=agency, pagu=pagu)
    return program(
        str(item.code),
        item.activities,
        years=Y2026,
        agency=agency,
        indicators=[
            indicator(
                "Persentase capaian SPM kesehatan", years=Y2026, target=target, unit="%", kind=IndicatorKind.OUTCOME
            )
        ],
    )


def test_rkpd_programs_consistent_with_the_rpjmd_give_no_finding() -> None:
    # Two perangkat daerah run program 1.02.02; the RPJMD program names no agency: pagu compare on the sum.
    b = bundle(
        rpjmd(_rpjmd_program()),
        rkpd(_rkpd_program(DINKES, 200_000_000), _rkpd_program(DINSOS, 100_000_000)),
    )
    assert run(b, "SKN304") == []


def test_rkpd_program_absent_from_the_rpjmd_is_reported() -> None:
    b = bundle(
        rpjmd(_rpjmd_program()),
        rkpd(_rkpd_program(DINKES, 300_000_000), _rkpd_program(DINKES, 1, code="1.02.03.2.01.0001")),
    )
    [finding] = run(b, "SKN304")
    assert finding.evidence["reason"] == "program-absent"
    assert finding.subject == f"rkpd-{CITY}-2026#{DINKES}/1.02.03"
    assert "tidak tercantum dalam RPJMD Kota Palangka Raya 2025–2029" in finding.message.id


def test_an_rpjmd_program_of_another_agency_does_not_match() -> None:
    b = bundle(rpjmd(_rpjmd_program(agency=DINSOS)), rkpd(_rkpd_program(DINKES, 300_000_000)))
    [finding] = run(b, "SKN304")
    assert finding.evidence["reason"] == "program-absent"
    assert finding.evidence["rpjmd_agencies"] == [DINSOS]
    assert "perangkat daerah lain" in finding.message.id


def test_rkpd_pagu_and_target_of_year_k_beyond_tolerance_are_reported() -> None:
    b = bundle(
        rpjmd(_rpjmd_program()),
        rkpd(_rkpd_program(DINKES, 300_000_000, target="80"), _rkpd_program(DINSOS, 150_000_000)),
    )
    findings = {f.evidence["reason"]: f for f in run(b, "SKN304")}
    assert set(findings) == {"pagu", "target"}
    pagu = findings["pagu"]
    assert pagu.subject == f"rpjmd-{CITY}#1.02.02"  # two RKPD programs share the RPJMD program
    assert pagu.evidence["rkpd_pagu"] == Decimal(450_000_000)
    assert pagu.evidence["rpjmd_pagu"] == Decimal(300_000_000)
    assert len(pagu.evidence["rkpd_programs"]) == 2
    target = findings["target"]
    assert (target.evidence["rkpd_target"], target.evidence["rpjmd_target"]) == ("80", "100")
    assert target.subject.startswith(f"rkpd-{CITY}-2026#{DINKES}/1.02.02#")
    assert run(b, "SKN304", target_tolerance="0.5", pagu_tolerance="0.6") == []


def test_no_rpjmd_covering_the_year_means_nothing_to_compare() -> None:
    b = bundle(rkpd(_rkpd_program(DINKES, 300_000_000), year=2031))
    assert run(b, "SKN304") == []


# -- SKN305 renstra-not-cascaded --------------------------------------------------------------------------
GOALS = [Goal(id="T1", text="Meningkatnya derajat kesehatan masyarakat")]
OBJECTIVES = [
    Objective(id="S1", text="Meningkatnya akses layanan kesehatan", goal_id="T1"),
    Objective(id="S2", text="Menurunnya prevalensi stunting", goal_id="T1"),
]
RPJMD_OBJECTIVES = [Objective(id="S3", text="Meningkatnya kualitas sumber daya manusia")]


def test_cascaded_renstra_gives_no_finding() -> None:
    b = bundle(
        rpjmd(objectives=RPJMD_OBJECTIVES, goals=[Goal(id="T1", text="SDM unggul")]),
        renstra(goals=GOALS, objectives=OBJECTIVES),
        links=[link(LinkKind.CASCADES, "renstra-dinkes#T1", f"rpjmd-{CITY}#S3")],  # the tujuan link covers both sasaran
    )
    assert run(b, "SKN305") == []
    per_sasaran = bundle(
        rpjmd(objectives=RPJMD_OBJECTIVES),
        renstra(goals=GOALS, objectives=OBJECTIVES),
        links=[
            link(LinkKind.CASCADES, "renstra-dinkes#S1", f"rpjmd-{CITY}#S3"),
            link(LinkKind.CASCADES, "renstra-dinkes#S2", f"rpjmd-{CITY}#S3"),
        ],
    )
    assert run(per_sasaran, "SKN305") == []


def test_a_sasaran_without_a_link_is_reported() -> None:
    b = bundle(
        rpjmd(objectives=RPJMD_OBJECTIVES),
        renstra(goals=GOALS, objectives=OBJECTIVES),
        links=[link(LinkKind.CASCADES, "renstra-dinkes#S1", f"rpjmd-{CITY}#S3")],
    )
    [finding] = run(b, "SKN305")
    assert finding.subject == "renstra-dinkes#S2"
    assert finding.evidence["reason"] == "no-link"
    assert finding.severity is Severity.WARNING
    assert "Sasaran S2" in finding.message.id and "belum terhubung" in finding.message.id
    assert finding.path.startswith("Renstra Dinas Kesehatan 2025–2029 › Sasaran S2")


def test_links_to_missing_records_tujuan_or_another_governments_rpjmd_are_reported() -> None:
    other = rpjmd(objectives=RPJMD_OBJECTIVES, government="62.01")
    b = bundle(
        rpjmd(objectives=RPJMD_OBJECTIVES, goals=[Goal(id="T9", text="SDM unggul")]),
        other,
        renstra(goals=GOALS, objectives=OBJECTIVES),
        links=[
            link(LinkKind.CASCADES, "renstra-dinkes#T1", f"rpjmd-{CITY}#S99"),
            link(LinkKind.CASCADES, "renstra-dinkes#S1", f"rpjmd-{CITY}#T9"),
            link(LinkKind.CASCADES, "renstra-dinkes#S2", "rpjmd-62.01#S3"),
        ],
    )
    problems = {f.subject: [p["problem"] for p in f.evidence["links"]] for f in run(b, "SKN305")}
    assert problems == {
        "renstra-dinkes#T1": ["target-missing"],
        "renstra-dinkes#S1": ["not-rpjmd-sasaran"],
        "renstra-dinkes#S2": ["other-government"],
    }


def test_without_the_rpjmd_only_the_presence_of_links_is_checked() -> None:
    b = bundle(
        renstra(goals=GOALS, objectives=OBJECTIVES),
        links=[link(LinkKind.CASCADES, "renstra-dinkes#T1", "rpjmd-kota#S3")],
    )
    assert run(b, "SKN305") == []
    unlinked = run(bundle(renstra(goals=GOALS, objectives=OBJECTIVES)), "SKN305")
    assert {f.subject for f in unlinked} == {"renstra-dinkes#T1", "renstra-dinkes#S1", "renstra-dinkes#S2"}
    assert {f.evidence["rpjmd_checked"] for f in unlinked} == {False}


# -- SKN306 pagu-not-summing ------------------------------------------------------------------------------
def test_pagu_that_adds_up_gives_no_finding() -> None:
    assert run(bundle(renstra(chain([SUB_CODE, "1.02.02.2.02.0002"], years=RENSTRA_YEARS))), "SKN306") == []


def test_a_program_pagu_that_is_not_the_sum_of_its_kegiatan_is_an_error() -> None:
    subs = [sub(SUB_CODE, years=Y2026), sub("1.02.02.2.02.0002", years=Y2026)]
    item = program("1.02.02", [activity("1.02.02.2.02", subs, years=Y2026)], years=Y2026, pagu=300_000_000)
    [finding] = run(bundle(renja(item)), "SKN306")
    assert finding.severity is Severity.ERROR
    assert finding.subject == f"{RENJA}#{DINKES}/1.02.02"
    [row] = finding.evidence["years"]
    assert row == {
        "year": 2026,
        "kind": "pagu_indikatif",
        "parent_pagu": Decimal(300_000_000),
        "children_sum": Decimal(200_000_000),
        "difference": Decimal(100_000_000),
    }
    assert "Rp 300.000.000" in finding.message.id and "Rp 200.000.000" in finding.message.id
    assert finding.fix is not None and "Rp 200.000.000" in finding.fix.id


def test_a_kegiatan_wrong_in_several_years_gives_one_finding_listing_them() -> None:
    subs = [sub(SUB_CODE, years=RENSTRA_YEARS)]
    wrong = activity(
        "1.02.02.2.02",
        subs,
        years=RENSTRA_YEARS,
        pagu={2025: 100_000_000, 2026: 90_000_000, 2027: 0, 2028: 100_000_000, 2029: 100_000_000},
    )
    item = program("1.02.02", [wrong], years=RENSTRA_YEARS)
    [finding] = run(bundle(renstra(item)), "SKN306")
    assert finding.subject == f"renstra-dinkes#{DINKES}/1.02.02.2.02"
    assert [r["year"] for r in finding.evidence["years"]] == [2026, 2027]
    assert "1 tahun/jenis pagu lain" in finding.message.id


def test_rounding_within_the_absolute_tolerance_and_kinds_of_pagu_are_respected() -> None:
    subs = [sub(SUB_CODE, years=Y2026, pagu=100_000_400), sub("1.02.02.2.02.0002", years=Y2026, pagu=99_999_900)]
    rounded = program("1.02.02", [activity("1.02.02.2.02", subs, years=Y2026, pagu=200_000_000)], years=Y2026)
    assert run(bundle(renja(rounded)), "SKN306") == []
    assert len(run(bundle(renja(rounded)), "SKN306", absolute_tolerance="0")) == 1

    # APBD perubahan: the kegiatan and one sub kegiatan are revised; the unchanged one counts its pagu.
    def pagu(ceiling: int, revised: int | None = None) -> list[Budget]:
        out = [Budget(year=2026, amount=Money(ceiling), kind=BudgetKind.CEILING)]
        if revised is not None:
            out.append(Budget(year=2026, amount=Money(revised), kind=BudgetKind.REVISED))
        return out

    changed = SubActivity(code=Code.parse(SUB_CODE), name=SUB_NAME, budgets=pagu(100_000_000, 120_000_000))
    unchanged = SubActivity(code=Code.parse("1.02.02.2.02.0002"), name=SUB_NAME, budgets=pagu(50_000_000))
    kegiatan = Activity(
        code=Code.parse("1.02.02.2.02"),
        name="Penyediaan Layanan Kesehatan",
        sub_activities=[changed, unchanged],
        budgets=pagu(150_000_000, 170_000_000),
    )
    assert run(bundle(renja(program("1.02.02", [kegiatan], years=Y2026, pagu=None))), "SKN306") == []
    wrong = attrs.evolve(kegiatan, budgets=pagu(150_000_000, 150_000_000))
    [finding] = run(bundle(renja(program("1.02.02", [wrong], years=Y2026, pagu=None))), "SKN306")
    assert finding.evidence["years"][0]["kind"] == "pagu_perubahan"
    assert finding.evidence["years"][0]["children_sum"] == Decimal(170_000_000)
    assert "Pagu perubahan 2026 kegiatan" in finding.message.id


def test_parents_with_pagu_and_children_without_any_are_not_judged() -> None:
    subs = [sub(SUB_CODE, years=RENSTRA_YEARS, pagu=None)]
    item = program(
        "1.02.02",
        [activity("1.02.02.2.02", subs, years=RENSTRA_YEARS, pagu=None)],
        years=RENSTRA_YEARS,
        pagu=500_000_000,
    )
    assert run(bundle(renstra(item)), "SKN306") == []


@pytest.mark.parametrize(
    ("bad", "expected"), [("abc", "a decimal number"), ("-0.1", "≥ 0"), (True, "a decimal number")]
)
def test_bad_tolerance_options_raise_before_any_rule_runs(bad: object, expected: str) -> None:
    b = bundle(renstra(chain(years=RENSTRA_YEARS)), renja(chain(years=Y2026)))
    with pytest.raises(OptionError) as caught:
        check(b, ["SKN303"], CheckConfig(options={"SKN303": {"pagu_tolerance": bad}}), plugins=PLUGINS)
    assert caught.value.option == "pagu_tolerance" and expected in caught.value.expected


def test_tolerance_options_are_decimals_given_as_text_or_numbers() -> None:
    rule = PLUGINS.rules()["SKN303"]
    assert rule.defaults == {"pagu_tolerance": Decimal("0.10")}
    assert rule.configure({"pagu_tolerance": "0.5"}) == {"pagu_tolerance": Decimal("0.5")}
    assert rule.configure({"pagu_tolerance": 1}) == {"pagu_tolerance": Decimal(1)}
