"""Rule family 4 (cascade to priorities): each rule fires on a bundle built to break it and stays silent when the priority is supported."""

from __future__ import annotations

from decimal import Decimal

import attrs
from family34_bundles import (
    CITY,
    DINKES,
    DINSOS,
    PLUGINS,
    PROVINCE,
    REGENCY,
    SUB_CODE,
    activity,
    bundle,
    chain,
    indicator,
    link,
    program,
    renja,
    rkpd,
    run,
    sub,
)

from sinkron import Indicator, Link, LinkKind, Plan, PlanKind, PlanPeriod, Priority, PriorityKind
from sinkron.align import Severity, check
from sinkron.align.rules.priorities import shares_measure

RPJMN = PlanPeriod(start=2025, end=2029)
Y2026 = [2026]
RKPD = f"rkpd-{CITY}-2026"
SUB_REF = f"{RKPD}#{DINKES}/{SUB_CODE}"
POVERTY = Indicator(name="Tingkat kemiskinan", unit="%")


def pn(code: str, *, indicators: list[Indicator] | None = None, period: PlanPeriod | None = RPJMN) -> Priority:
    return Priority(
        id=f"PN{code}",
        kind=PriorityKind.NATIONAL,
        code=code,
        name=f"Prioritas Nasional {code}",
        document="RPJMN 2025–2029",
        period=period,
        indicators=indicators or [],
    )


def regional(priority_id: str, government: str, *, parent: str | None = None) -> Priority:
    return Priority(
        id=priority_id,
        kind=PriorityKind.REGIONAL,
        code=priority_id[-2:],
        name="Penurunan stunting",
        government_id=government,
        parent_id=parent,
        period=RPJMN,
    )


def tag(source: str, priority_id: str) -> Link:
    return link(LinkKind.TAGGED, source, priority_id)


# -- SKN401 national-priority-unsupported -----------------------------------------------------------------
def test_a_pn_supported_by_a_regional_program_gives_no_finding() -> None:
    b = bundle(rkpd(chain(years=Y2026)), priorities=[pn("04")], links=[tag(SUB_REF, "PN04")])
    assert run(b, "SKN401") == []


def test_a_pn_no_regional_plan_supports_is_a_warning() -> None:
    b = bundle(rkpd(chain(years=Y2026)), priorities=[pn("04"), pn("06")], links=[tag(SUB_REF, "PN04")])
    [finding] = run(b, "SKN401")
    assert finding.subject == "PN06"
    assert finding.severity is Severity.WARNING
    assert finding.evidence["plans_checked"] == [
        {"plan": RKPD, "title": "RKPD Kota Palangka Raya 2026", "period": "2026"}
    ]
    assert finding.message.id.startswith("PN 06 “Prioritas Nasional 06” tidak didukung program mana pun")
    assert "is supported by no program in the 1 regional plan(s)" in finding.message.en
    assert finding.fix is not None


def test_support_through_a_child_pp_or_the_same_asta_cita_counts() -> None:
    pp = Priority(
        id="PP06.01", kind=PriorityKind.PROGRAM, code="06.01", name="Pengentasan kemiskinan", parent_id="PN06"
    )
    asta = Priority(id="AC06", kind=PriorityKind.ASTA_CITA, code="06", name="Asta Cita 6", period=RPJMN)
    b = bundle(rkpd(chain(years=Y2026)), priorities=[pn("06"), pp, asta], links=[tag(SUB_REF, "PP06.01")])
    assert run(b, "SKN401") == []
    # PP are not checked by default; with kinds=["pp"] an unsupported PP is.
    other = Priority(id="PP06.02", kind=PriorityKind.PROGRAM, code="06.02", name="Desa mandiri", parent_id="PN06")
    b = bundle(rkpd(chain(years=Y2026)), priorities=[pn("06"), pp, other], links=[tag(SUB_REF, "PP06.01")])
    assert run(b, "SKN401") == []
    assert [f.subject for f in run(b, "SKN401", kinds=["pp"])] == ["PP06.02"]


def test_priorities_of_another_period_or_bundles_without_regional_plans_are_not_judged() -> None:
    old = pn("07", period=PlanPeriod(start=2020, end=2024))
    assert run(bundle(rkpd(chain(years=Y2026)), priorities=[old]), "SKN401") == []
    assert run(bundle(priorities=[pn("06")]), "SKN401") == []


def test_support_from_a_plan_outside_the_priority_period_does_not_count() -> None:
    early = rkpd(chain(years=[2024]), year=2024)
    b = bundle(
        early, rkpd(chain(years=Y2026)), priorities=[pn("06")], links=[tag(f"{early.id}#{DINKES}/{SUB_CODE}", "PN06")]
    )
    [finding] = run(b, "SKN401")
    assert [p["plan"] for p in finding.evidence["plans_checked"]] == [RKPD]


# -- SKN402 regional-priority-unsupported -----------------------------------------------------------------
def test_a_regional_priority_tagged_in_its_own_plans_gives_no_finding() -> None:
    b = bundle(
        rkpd(chain(years=Y2026)), priorities=[regional("PD-62.71-01", CITY)], links=[tag(SUB_REF, "PD-62.71-01")]
    )
    assert run(b, "SKN402") == []


def test_a_regional_priority_its_own_plans_do_not_support_is_an_error() -> None:
    other_city_plan = rkpd(chain(years=Y2026), government=REGENCY)
    b = bundle(
        rkpd(chain(years=Y2026)),
        other_city_plan,
        priorities=[regional("PD-62.71-01", CITY)],
        links=[tag(f"{other_city_plan.id}#{DINKES}/{SUB_CODE}", "PD-62.71-01")],  # another government's support
    )
    [finding] = run(b, "SKN402")
    assert finding.severity is Severity.ERROR
    assert finding.subject == "PD-62.71-01"
    assert finding.evidence["government"] == CITY
    assert [p["plan"] for p in finding.evidence["plans_checked"]] == [RKPD]
    assert finding.message.id.startswith("Prioritas daerah 01 “Penurunan stunting” milik Kota Palangka Raya")


def test_regional_priorities_without_plans_of_their_government_or_without_government_are_not_judged() -> None:
    b = bundle(rkpd(chain(years=Y2026)), priorities=[regional("PD-62-01", PROVINCE)])
    assert run(b, "SKN402") == []
    no_government = Priority(id="PD-x", kind=PriorityKind.REGIONAL, name="Penurunan stunting")
    assert run(bundle(rkpd(chain(years=Y2026)), priorities=[no_government]), "SKN402") == []


def test_support_through_an_indicator_link_or_a_renja_counts() -> None:
    the_renja = renja(chain(years=Y2026))
    indicator_ref = (
        f"{the_renja.id}#{DINKES}/{SUB_CODE}#jumlah-ibu-hamil-yang-mendapatkan-pelayanan-kesehatan-sesuai-standar"
    )
    b = bundle(
        the_renja,
        priorities=[regional("PD-62.71-01", CITY)],
        links=[link(LinkKind.SUPPORTS, indicator_ref, "PD-62.71-01")],
    )
    assert run(b, "SKN402") == []


# -- SKN403 low-priority-share ----------------------------------------------------------------------------
def _rkpd_three_subs() -> Plan:
    return rkpd(chain([SUB_CODE, "1.02.02.2.02.0002", "1.02.02.2.02.0003"], years=Y2026))


def test_a_plan_mostly_on_priorities_gives_no_finding() -> None:
    subs = [f"{RKPD}#{DINKES}/1.02.02.2.02.000{i}" for i in (1, 2)]
    b = bundle(_rkpd_three_subs(), priorities=[pn("04")], links=[tag(s, "PN04") for s in subs])
    assert run(b, "SKN403") == []


def test_a_low_share_of_pagu_on_priorities_is_a_warning_with_the_amounts() -> None:
    b = bundle(_rkpd_three_subs(), priorities=[pn("04")], links=[tag(SUB_REF, "PN04")])
    [finding] = run(b, "SKN403")
    assert finding.subject == RKPD
    assert finding.evidence["total_pagu"] == Decimal(300_000_000)
    assert finding.evidence["pagu_on_priorities"] == Decimal(100_000_000)
    assert finding.evidence["share"] == Decimal("0.3333")
    assert finding.evidence["min_share"] == Decimal("0.50")
    assert "Hanya 33,3% pagu RKPD Kota Palangka Raya 2026" in finding.message.id
    assert "Only 33,3% of the pagu" in finding.message.en
    assert run(b, "SKN403", min_share="0.30") == []


def test_a_program_tag_counts_for_the_sub_kegiatan_below_and_plans_without_pagu_are_not_judged() -> None:
    b = bundle(_rkpd_three_subs(), priorities=[pn("04")], links=[tag(f"{RKPD}#{DINKES}/1.02.02", "PN04")])
    assert run(b, "SKN403") == []
    assert run(bundle(rkpd(chain(years=Y2026, pagu=None))), "SKN403") == []


def test_renja_are_judged_when_the_rkpd_is_absent() -> None:
    the_renja = renja(chain(years=Y2026))
    [finding] = run(bundle(the_renja), "SKN403")
    assert finding.subject == the_renja.id
    assert finding.evidence["share"] == Decimal(0)


SALARIES = "1.02.01.2.02.0001"  # Penyediaan Gaji dan Tunjangan ASN, under the program penunjang 1.02.01


def _rkpd_with_salaries() -> Plan:
    """RKPD 2026: Rp 600 M of salaries (program penunjang); Rp 300 M of the other Rp 400 M tagged to PN 04."""
    salaries = program(
        "1.02.01",
        [activity("1.02.01.2.02", [sub(SALARIES, years=Y2026, pagu=600_000_000)], years=Y2026)],
        years=Y2026,
    )
    services = [sub(SUB_CODE, years=Y2026, pagu=300_000_000), sub("1.02.02.2.02.0002", years=Y2026, pagu=100_000_000)]
    return rkpd(salaries, program("1.02.02", [activity("1.02.02.2.02", services, years=Y2026)], years=Y2026))


def test_the_program_penunjang_is_left_out_of_the_share_unless_asked() -> None:
    """Issue 20 fix 3: salaries in the denominator flag an RKPD whose other sub kegiatan are 75 % on priorities."""
    b = bundle(_rkpd_with_salaries(), priorities=[pn("04")], links=[tag(SUB_REF, "PN04")])
    assert run(b, "SKN403") == []  # 300 of 400 outside the program penunjang; 300 of 1 000 with it
    [counted] = run(b, "SKN403", include_support=True)
    assert counted.evidence["share"] == Decimal("0.3000")
    assert counted.evidence["share_without_penunjang"] == Decimal("0.7500")
    assert counted.evidence["penunjang_pagu"] == Decimal(600_000_000)
    assert "Tanpa program penunjang (Rp 600.000.000) porsinya 75" in counted.message.id
    [strict] = run(b, "SKN403", min_share="0.80")
    assert "di luar program penunjang (Rp 300.000.000 dari Rp 400.000.000)" in strict.message.id
    assert "With the program penunjang (Rp 600.000.000) the share is 30" in strict.message.en


def test_priority_coverage_is_per_plan_year_never_summed_across_years() -> None:
    """Issue 20 fix 1: the same sub kegiatan in DPA 2025 and RKPD 2026 is counted once in each year, not twice."""
    dpa = attrs.evolve(
        renja(chain(years=[2025]), year=2025), id="dpa-dinkes-2025", kind=PlanKind.DPA, title="DPA Dinas Kesehatan 2025"
    )
    links = [tag(SUB_REF, "PN02"), tag(f"dpa-dinkes-2025#{DINKES}/{SUB_CODE}", "PN02")]
    report = check(bundle(dpa, rkpd(chain(years=Y2026)), priorities=[pn("02")], links=links), plugins=PLUGINS)
    rows = [(r.year, r.programs, r.sub_activities, r.pagu) for r in report.metrics.priority_coverage]
    assert rows == [(2025, 1, 1, Decimal(100_000_000)), (2026, 1, 1, Decimal(100_000_000))]
    assert [(s.plan, s.year) for s in report.metrics.pagu_on_priorities] == [(RKPD, 2026), ("dpa-dinkes-2025", 2025)]
    without_yearly_plans = check(bundle(priorities=[pn("02")]), plugins=PLUGINS)
    assert [r.year for r in without_yearly_plans.metrics.priority_coverage] == [None]


# -- SKN404 tag-without-measure ---------------------------------------------------------------------------
def _poverty_rkpd(*indicators: Indicator) -> Plan:
    return rkpd(chain(years=Y2026, agency=DINSOS, indicators=list(indicators)))


def test_a_tag_measured_by_a_shared_unit_and_keyword_gives_no_finding() -> None:
    measured = indicator("Persentase penduduk miskin yang menerima bantuan sosial", years=Y2026, unit="persen")
    b = bundle(
        _poverty_rkpd(measured),
        priorities=[pn("06", indicators=[POVERTY])],
        links=[tag(f"{RKPD}#{DINSOS}/{SUB_CODE}", "PN06")],
    )
    assert run(b, "SKN404") == []


def test_a_tag_without_an_indicator_measuring_the_priority_is_a_warning() -> None:
    b = bundle(
        _poverty_rkpd(indicator(years=Y2026)),
        priorities=[pn("06", indicators=[POVERTY])],
        links=[tag(f"{RKPD}#{DINSOS}/{SUB_CODE}", "PN06")],
    )
    [finding] = run(b, "SKN404")
    assert finding.subject == f"{RKPD}#{DINSOS}/{SUB_CODE}"
    assert finding.evidence["priority_indicators"] == ["Tingkat kemiskinan (%)"]
    assert finding.evidence["item_indicators"] == [
        "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan Sesuai Standar (Orang)"
    ]
    assert "ditandai ke PN 06" in finding.message.id
    assert finding.fix is not None and "supports" in finding.fix.en


def test_a_supports_link_to_a_priority_indicator_or_a_child_priority_indicator_measures_the_tag() -> None:
    item_indicator = f"{RKPD}#{DINSOS}/{SUB_CODE}#jumlah-ibu-hamil-yang-mendapatkan-pelayanan-kesehatan-sesuai-standar"
    b = bundle(
        _poverty_rkpd(indicator(years=Y2026)),
        priorities=[pn("06", indicators=[POVERTY])],
        links=[
            tag(f"{RKPD}#{DINSOS}/{SUB_CODE}", "PN06"),
            link(LinkKind.SUPPORTS, item_indicator, "PN06#tingkat-kemiskinan"),
        ],
    )
    assert run(b, "SKN404") == []
    pp = Priority(
        id="PP06.01",
        kind=PriorityKind.PROGRAM,
        code="06.01",
        name="Pengentasan kemiskinan",
        parent_id="PN06",
        indicators=[Indicator(name="Jumlah desa mandiri", unit="Desa")],
    )
    b = bundle(
        _poverty_rkpd(indicator(years=Y2026)),
        priorities=[pn("06", indicators=[POVERTY]), pp],
        links=[
            tag(f"{RKPD}#{DINSOS}/{SUB_CODE}", "PN06"),
            link(LinkKind.SUPPORTS, f"{RKPD}#{DINSOS}/{SUB_CODE}", "PP06.01#jumlah-desa-mandiri"),
        ],
    )
    assert run(b, "SKN404") == []


def test_tags_to_priorities_without_indicators_are_not_judged_and_program_tags_look_below() -> None:
    b = bundle(
        _poverty_rkpd(indicator(years=Y2026)), priorities=[pn("06")], links=[tag(f"{RKPD}#{DINSOS}/{SUB_CODE}", "PN06")]
    )
    assert run(b, "SKN404") == []
    measured = indicator("Persentase penduduk miskin terlayani", years=Y2026, unit="%")
    b = bundle(
        _poverty_rkpd(measured),
        priorities=[pn("06", indicators=[POVERTY])],
        links=[tag(f"{RKPD}#{DINSOS}/1.02.02", "PN06")],
    )
    assert run(b, "SKN404") == []


def test_shares_measure_needs_the_same_unit_and_a_keyword() -> None:
    assert shares_measure(
        Indicator(name="Prevalensi stunting balita", unit="%"), Indicator(name="Prevalensi stunting", unit="Persen")
    )
    assert not shares_measure(
        Indicator(name="Prevalensi stunting balita", unit="Orang"), Indicator(name="Prevalensi stunting", unit="%")
    )
    assert not shares_measure(
        Indicator(name="Jumlah posyandu", unit="%"), Indicator(name="Tingkat kemiskinan", unit="%")
    )
    assert not shares_measure(
        Indicator(name="Jumlah keluarga", unit=None), Indicator(name="Jumlah keluarga", unit="KK")
    )


# -- SKN405 province-priority-not-in-kabkota --------------------------------------------------------------
def test_a_provincial_priority_a_kabkota_plan_supports_gives_no_finding() -> None:
    b = bundle(rkpd(chain(years=Y2026)), priorities=[regional("PD-62-01", PROVINCE)], links=[tag(SUB_REF, "PD-62-01")])
    assert run(b, "SKN405") == []
    # … or through a kab/kota priority placed under it
    city_priority = regional("PD-62.71-03", CITY, parent="PD-62-01")
    b = bundle(
        rkpd(chain(years=Y2026)),
        priorities=[regional("PD-62-01", PROVINCE), city_priority],
        links=[tag(SUB_REF, "PD-62.71-03")],
    )
    assert run(b, "SKN405") == []


def test_a_provincial_priority_no_kabkota_plan_supports_is_a_warning() -> None:
    province_plan = rkpd(chain(years=Y2026), government=PROVINCE)
    b = bundle(
        province_plan,
        rkpd(chain(years=Y2026)),
        rkpd(chain(years=Y2026), government=REGENCY),
        priorities=[regional("PD-62-01", PROVINCE)],
        links=[tag(f"{province_plan.id}#{DINKES}/{SUB_CODE}", "PD-62-01")],  # the province's own support only
    )
    [finding] = run(b, "SKN405")
    assert finding.subject == "PD-62-01"
    assert finding.severity is Severity.WARNING
    assert [k["government"] for k in finding.evidence["kabkota_checked"]] == [CITY, REGENCY]
    assert "2 kabupaten/kota" in finding.message.id
    assert "Kota Palangka Raya, Kabupaten Kotawaringin Barat" in finding.message.en


def test_without_kabkota_plans_nothing_is_judged() -> None:
    province_plan = rkpd(chain(years=Y2026), government=PROVINCE)
    assert run(bundle(province_plan, priorities=[regional("PD-62-01", PROVINCE)]), "SKN405") == []
    assert run(bundle(rkpd(chain(years=Y2026)), priorities=[regional("PD-62.71-01", CITY)]), "SKN405") == []
