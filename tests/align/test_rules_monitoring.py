"""Rule family 6 (monitoring and evaluation): each rule fires on a bundle built for it and not on a clean one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings

from sinkron import CheckConfig, OptionError, check
from sinkron.align import Report, Severity
from sinkron.align.rules.monitoring import indicator_key, yearly_spending
from sinkron.codes import Code
from sinkron.models import (
    Activity,
    Agency,
    Baseline,
    Budget,
    Bundle,
    Direction,
    Government,
    GovernmentLevel,
    Indicator,
    IndicatorKind,
    Money,
    Objective,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    Realisation,
    ReportingPeriod,
    Spending,
    SubActivity,
    Target,
    Value,
)
from sinkron.testing import strategies as sst

TODAY = dt.date(2026, 11, 25)
PROVINCE = Government(level=GovernmentLevel.PROVINCE, region_code="62", name="Provinsi Kalimantan Tengah")
AGENCY = Agency(code="1.02.0.00.0.00.01.0000", name="Dinas Kesehatan", government_id="62")
SUB_CODE = Code.parse("1.02.02.2.02.0001")


def run(bundle: Bundle, rule: str, **options: object) -> Report:
    config = CheckConfig(options={rule: options} if options else {}, today=TODAY)
    report = check(bundle, [rule], config)
    assert not report.rule_failures, report.rule_failures
    assert report.rules_run == (rule,)
    return report


def indicator(
    *,
    target: str = "100",
    realised: str | None = None,
    direction: Direction = Direction.HIGHER_IS_BETTER,
    year: int = 2025,
    baseline: str | None = None,
    realisations: Sequence[tuple[int, str]] = (),
    name: str = "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan",
    unit: str = "Orang",
) -> Indicator:
    reals = [Realisation(year=y, value=Value.parse(v, unit=unit)) for y, v in realisations]
    if realised is not None:
        reals.append(Realisation(year=year, value=Value.parse(realised, unit=unit)))
    return Indicator(
        name=name,
        unit=unit,
        direction=direction,
        baseline=Baseline(value=Value.parse(baseline, unit=unit), year=year - 1) if baseline else None,
        targets=[Target(year=year, value=Value.parse(target, unit=unit))],
        realisations=reals,
    )


def renja(
    *,
    indicators: Sequence[Indicator] = (),
    budget: int = 1_000_000_000,
    spending: Sequence[Spending] = (),
    year: int = 2025,
    plan_id: str = "renja-dinkes-2025",
) -> Bundle:
    sub = SubActivity(
        code=SUB_CODE,
        name="Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        agency_id=AGENCY.id,
        indicators=indicators,
        budgets=[Budget(year=year, amount=Money(budget))],
        spending=spending,
    )
    activity = Activity(
        code=Code.parse("1.02.02.2.02"),
        name="Penyediaan Layanan Kesehatan",
        agency_id=AGENCY.id,
        sub_activities=[sub],
        budgets=[Budget(year=year, amount=Money(budget))],
    )
    program = Program(
        code=Code.parse("1.02.02"),
        name="Program Pemenuhan Upaya Kesehatan",
        agency_id=AGENCY.id,
        activities=[activity],
        budgets=[Budget(year=year, amount=Money(budget))],
    )
    plan = Plan(
        id=plan_id,
        kind=PlanKind.RENJA_PD,
        title=f"Renja Dinas Kesehatan {year}",
        period=PlanPeriod(start=year, end=year),
        owner_id=AGENCY.id,
        government_id="62",
        programs=[program],
    )
    return Bundle(governments=[PROVINCE], agencies=[AGENCY], plans=[plan])


def monthly(amounts: Sequence[int], year: int = 2025) -> list[Spending]:
    return [
        Spending(year=year, amount=Money(a), period=ReportingPeriod.month(m + 1)) for m, a in enumerate(amounts) if a
    ]


# -- SKN601 low-achievement ---------------------------------------------------------------------------


def test_skn601_fires_with_warning_and_error_bands() -> None:
    warn = run(renja(indicators=[indicator(target="100", realised="60")]), "SKN601")
    [finding] = warn.findings
    assert finding.severity is Severity.WARNING
    assert finding.evidence["achievement_percent"] == Decimal("60.00")
    assert finding.evidence["band"] == "50-75"
    assert "60,0%" in finding.message.id and "60,0%" in finding.message.en
    assert finding.subject.endswith("#jumlah-ibu-hamil-yang-mendapatkan-pelayanan-kesehatan")
    assert finding.path.startswith("Renja Dinas Kesehatan 2025 › ")
    assert finding.fix is not None

    error = run(renja(indicators=[indicator(target="100", realised="40")]), "SKN601")
    assert [f.severity for f in error.findings] == [Severity.ERROR]
    assert error.has_errors


def test_skn601_is_direction_aware() -> None:
    # Poverty rate target 8 %, realised 12 %: (2×8 − 12)/8 = 50 % — a warning, just above the error band.
    lower = indicator(
        name="Tingkat kemiskinan", unit="%", target="8", realised="12", direction=Direction.LOWER_IS_BETTER
    )
    [finding] = run(renja(indicators=[lower]), "SKN601").findings
    assert finding.evidence["achievement_percent"] == Decimal("50.00")
    assert finding.evidence["direction"] == "turun"
    assert "semakin rendah semakin baik" in finding.message.id
    # The same numbers read as higher-is-better are a success, not a finding.
    upper = indicator(name="Cakupan", unit="%", target="8", realised="12")
    assert run(renja(indicators=[upper]), "SKN601").findings == ()


def test_skn601_quiet_when_met_or_not_computable() -> None:
    met = indicator(name="Jumlah ibu hamil terlayani", target="100", realised="95")
    in_range = indicator(
        name="Tingkat kemiskinan", unit="%", target="7,0–8,0", realised="7,5", direction=Direction.LOWER_IS_BETTER
    )
    text = indicator(name="Opini BPK", unit="Opini", target="WTP", realised="WDP")
    no_real = indicator(name="Jumlah bayi terlayani", target="100")
    assert run(renja(indicators=[met, in_range, text, no_real]), "SKN601").findings == ()


def test_skn601_thresholds_are_options() -> None:
    bundle = renja(indicators=[indicator(target="100", realised="80")])
    assert run(bundle, "SKN601").findings == ()
    [finding] = run(bundle, "SKN601", warning_below="90", error_below="85").findings
    assert finding.severity is Severity.ERROR
    assert finding.evidence["threshold_percent"] == Decimal("85")


def test_skn601_reads_objective_indicators_too() -> None:
    bundle = renja(indicators=[indicator(target="100", realised="100")])
    rpjmd = Plan(
        id="rpjmd",
        kind=PlanKind.RPJMD,
        title="RPJMD Kalteng 2025–2029",
        period=PlanPeriod(start=2025, end=2029),
        owner_id="62",
        government_id="62",
        objectives=[
            Objective(
                id="S1",
                text="Menurunnya kemiskinan",
                indicators=[
                    indicator(
                        name="Tingkat kemiskinan",
                        unit="%",
                        target="5",
                        realised="9",
                        direction=Direction.LOWER_IS_BETTER,
                    )
                ],
            )
        ],
    )
    [finding] = run(bundle.replace(plans=(*bundle.plans, rpjmd)), "SKN601").findings
    assert finding.subject == "rpjmd#S1#tingkat-kemiskinan"
    assert finding.severity is Severity.ERROR  # (10 − 9)/5 = 20 %


# -- SKN602 low-absorption ----------------------------------------------------------------------------


def test_skn602_fires_on_low_absorption() -> None:
    bundle = renja(budget=1_000_000_000, spending=monthly([50_000_000] * 12))  # 600 million of 1 billion
    [finding] = run(bundle, "SKN602").findings
    assert finding.rule == "SKN602" and finding.severity is Severity.WARNING
    assert finding.evidence["absorption_percent"] == Decimal("60.00")
    assert finding.evidence["spending"] == Decimal(600_000_000)
    assert finding.evidence["pagu"] == Decimal(1_000_000_000)
    assert finding.evidence["basis"] == "month"
    assert "Rp 600.000.000" in finding.message.id and "Rp 600.000.000" in finding.message.en
    assert finding.subject == f"renja-dinkes-2025#{AGENCY.id}/{SUB_CODE}"


def test_skn602_quiet_when_absorbed_or_year_still_running() -> None:
    absorbed = renja(budget=1_000_000_000, spending=[Spending(year=2025, amount=Money(950_000_000))])
    assert run(absorbed, "SKN602").findings == ()
    # 2026 is not over on TODAY and December is not reported yet: no judgement.
    running = renja(year=2026, plan_id="renja-2026", spending=monthly([10_000_000] * 9, year=2026))
    assert run(running, "SKN602").findings == ()
    # No spending at all is not a 0 % absorption: the realisation was simply not reported.
    assert run(renja(), "SKN602").findings == ()


def test_skn602_threshold_option_and_quarters() -> None:
    quarters = [Spending(year=2025, amount=Money(225_000_000), period=ReportingPeriod(f"q{q}")) for q in range(1, 5)]
    bundle = renja(budget=1_000_000_000, spending=quarters)  # 90 %
    assert run(bundle, "SKN602").findings == ()
    [finding] = run(bundle, "SKN602", min_absorption_percent="95").findings
    assert finding.evidence["basis"] == "quarter"


# -- SKN603 year-end-spending -------------------------------------------------------------------------


def test_skn603_fires_when_q4_dominates() -> None:
    amounts = [10_000_000] * 9 + [100_000_000, 100_000_000, 200_000_000]  # Q4 400 of 490 million
    [finding] = run(renja(spending=monthly(amounts)), "SKN603").findings
    assert finding.subject == "renja-dinkes-2025"
    assert finding.path == "Renja Dinas Kesehatan 2025 › Dinas Kesehatan"
    assert finding.evidence["q4_share_percent"] == Decimal("81.63")
    assert finding.evidence["by_quarter"] == {
        "q1": Decimal(30_000_000),
        "q2": Decimal(30_000_000),
        "q3": Decimal(30_000_000),
        "q4": Decimal(400_000_000),
    }
    assert "triwulan IV" in finding.message.id and "Q4" in finding.message.en


def test_skn603_quiet_for_even_spending_or_yearly_figures() -> None:
    assert run(renja(spending=monthly([50_000_000] * 12)), "SKN603").findings == ()
    # A yearly figure has no breakdown: nothing to say about Q4.
    assert run(renja(spending=[Spending(year=2025, amount=Money(900_000_000))]), "SKN603").findings == ()


def test_skn603_threshold_option_and_quarterly_reports() -> None:
    quarters = [
        Spending(year=2025, amount=Money(a), period=ReportingPeriod(f"q{i + 1}"))
        for i, a in enumerate([200, 200, 250, 350])
    ]
    bundle = renja(spending=quarters)
    assert run(bundle, "SKN603").findings == ()  # 35 %
    [finding] = run(bundle, "SKN603", max_q4_share_percent="30").findings
    assert finding.evidence["q4_share_percent"] == Decimal("35.00")


def test_yearly_spending_groups_years_and_periods() -> None:
    sub = SubActivity(
        code=SUB_CODE,
        name="x",
        spending=[
            Spending(year=2024, amount=Money(5)),
            Spending(year=2025, amount=Money(1), period=ReportingPeriod.M11),
            Spending(year=2025, amount=Money(2), period=ReportingPeriod.M11),
            Spending(year=2025, amount=Money(3), period=ReportingPeriod.M01),
        ],
    )
    years = yearly_spending(sub)
    assert sorted(years) == [2024, 2025]
    assert years[2024].total == 5 and years[2024].by_quarter() is None
    assert years[2025].total == 6 and years[2025].by_quarter() == {
        1: Decimal(3),
        2: Decimal(0),
        3: Decimal(0),
        4: Decimal(3),
    }
    assert years[2025].reported_periods == ["m01", "m11"]


# -- SKN604 indicator-worsened ------------------------------------------------------------------------


def test_skn604_fires_against_previous_year_and_baseline() -> None:
    poverty = indicator(
        name="Tingkat kemiskinan",
        unit="%",
        target="7",
        direction=Direction.LOWER_IS_BETTER,
        realisations=[(2024, "7,5"), (2025, "8,4")],
    )
    coverage = indicator(name="Cakupan imunisasi", unit="%", target="95", baseline="90", realised="85")
    report = run(renja(indicators=[poverty, coverage]), "SKN604")
    by_name = {f.evidence["indicator"]: f for f in report.findings}
    assert set(by_name) == {"Tingkat kemiskinan", "Cakupan imunisasi"}
    assert by_name["Tingkat kemiskinan"].evidence["compared_with"] == "previous"
    assert by_name["Tingkat kemiskinan"].evidence["change"] == Decimal("0.9")
    assert by_name["Tingkat kemiskinan"].evidence["survey_margin"] == Decimal("0.5")
    assert by_name["Cakupan imunisasi"].evidence["compared_with"] == "baseline"
    assert "kondisi awal (2024)" in by_name["Cakupan imunisasi"].message.id


def test_skn604_quiet_when_improved_or_within_tolerance() -> None:
    poverty = indicator(
        name="Tingkat kemiskinan",
        unit="%",
        target="7",
        direction=Direction.LOWER_IS_BETTER,
        realisations=[(2024, "7,9"), (2025, "7,5")],
    )
    steady = indicator(name="Cakupan", unit="%", target="95", baseline="90", realised="89,5")
    single = indicator(realised="10")  # no baseline, one realisation: nothing to compare with
    bundle = renja(indicators=[poverty, steady, single])
    assert [f.evidence["indicator"] for f in run(bundle, "SKN604").findings] == ["Cakupan"]
    assert run(bundle, "SKN604", tolerance_percent="1").findings == ()


def test_skn604_a_survey_estimate_moving_within_its_sampling_margin_is_no_change() -> None:
    """Issue 20 fix 6: a kab/kota poverty rate 0,06 points higher (within Susenas sampling error) is not a worsening."""
    poverty = indicator(
        name="Persentase penduduk miskin",  # an alias of Tingkat kemiskinan
        unit="%",
        target="7",
        direction=Direction.LOWER_IS_BETTER,
        realisations=[(2024, "7,50"), (2025, "7,56")],
    )
    stunting = indicator(
        name="Prevalensi stunting balita",
        unit="%",
        direction=Direction.LOWER_IS_BETTER,
        baseline="23,9",
        realised="24,2",
    )
    bundle = renja(indicators=[poverty, stunting])
    assert run(bundle, "SKN604").findings == ()
    exact = run(bundle, "SKN604", survey_margins={})
    assert sorted(f.evidence["indicator"] for f in exact.findings) == [
        "Persentase penduduk miskin",
        "Prevalensi stunting balita",
    ]
    narrow = run(bundle, "SKN604", survey_margins={"Tingkat kemiskinan": "0.05"})
    margins = {f.evidence["indicator"]: f.evidence["survey_margin"] for f in narrow.findings}
    assert margins == {"Persentase penduduk miskin": Decimal("0.05"), "Prevalensi stunting balita": None}  # replaced


# -- SKN605 regional-ranking --------------------------------------------------------------------------


P0 = "Tingkat kemiskinan"


def kabkota_bundle(series: dict[str, tuple[str, str | None, str]]) -> Bundle:
    """RPJMDs of kab/kota of province 62, one indicator each: region → (baseline 2024, realisation 2025, name)."""
    governments = [PROVINCE]
    plans = []
    for i, (region, (start, latest, name)) in enumerate(series.items(), start=1):
        gov = Government(level=GovernmentLevel.REGENCY, region_code=f"62.{i:02d}", name=region, parent_id="62")
        governments.append(gov)
        poverty = Indicator(
            name=name,
            unit="%",
            kind=IndicatorKind.IMPACT,
            direction=Direction.LOWER_IS_BETTER,
            baseline=Baseline(value=Value.parse(start), year=2024),
            targets=[Target(year=2025, value=Value.parse("7"))],
            realisations=[Realisation(year=2025, value=Value.parse(latest))] if latest else [],
        )
        plans.append(
            Plan(
                id=f"rpjmd-{gov.id}",
                kind=PlanKind.RPJMD,
                title=f"RPJMD {region} 2025–2029",
                period=PlanPeriod(start=2025, end=2029),
                owner_id=gov.id,
                government_id=gov.id,
                objectives=[Objective(id="S1", text="Menurunnya kemiskinan", indicators=[poverty])],
            )
        )
    return Bundle(governments=governments, plans=plans)


def test_skn605_ranks_kabkota_by_poverty_decline() -> None:
    bundle = kabkota_bundle(
        {
            "Kabupaten Kotawaringin Barat": ("4,20", "3,90", P0),  # −0,30
            "Kabupaten Kapuas": ("5,10", "4,40", "Persentase Penduduk Miskin (P0)"),  # −0,70, a synonym
            "Kota Palangka Raya": ("3,50", "3,60", "TINGKAT  KEMISKINAN"),  # +0,10: worsened
        }
    )
    [finding] = run(bundle, "SKN605").findings
    assert finding.severity is Severity.INFO
    assert finding.subject == "62"
    assert finding.path == "Provinsi Kalimantan Tengah › Tingkat kemiskinan (%)"
    ranking = finding.evidence["ranking"]
    assert [r["name"] for r in ranking] == ["Kabupaten Kapuas", "Kabupaten Kotawaringin Barat", "Kota Palangka Raya"]
    assert [r["improvement"] for r in ranking] == [Decimal("0.70"), Decimal("0.30"), Decimal("-0.10")]
    assert ranking[0]["start"] == "5,10" and ranking[0]["latest"] == "4,40"
    assert ranking[0]["indicator"] == "rpjmd-62.02#S1#persentase-penduduk-miskin-p0"
    assert "penurunan terbesar Kabupaten Kapuas -0,70 poin persen" in finding.message.id
    assert "penurunan terkecil Kota Palangka Raya +0,10 poin persen" in finding.message.id
    assert "terendah" not in finding.message.id
    assert "smallest decline Kota Palangka Raya +0,10 percentage points" in finding.message.en
    # the whole ranking is in the message every report prints, not only in the JSON evidence
    assert "2. Kabupaten Kotawaringin Barat -0,30 poin persen" in finding.message.id


def test_skn605_relative_ranking_option() -> None:
    bundle = kabkota_bundle({"Kab A": ("10", "9", P0), "Kab B": ("2", "1,5", P0)})  # −1 (10 %) vs −0,5 (25 %)
    absolute = run(bundle, "SKN605").findings[0].evidence["ranking"]
    relative = run(bundle, "SKN605", rank_by="relative").findings[0].evidence["ranking"]
    assert [r["name"] for r in absolute] == ["Kab A", "Kab B"]
    assert [r["name"] for r in relative] == ["Kab B", "Kab A"]
    assert relative[0]["improvement_percent"] == Decimal("25.00")


def test_skn605_quiet_without_a_shared_indicator() -> None:
    assert run(kabkota_bundle({"Kab A": ("10", "9", P0)}), "SKN605").findings == ()
    # Two kab/kota, but different indicators: nothing shared to rank.
    assert (
        run(kabkota_bundle({"Kab A": ("10", "9", P0), "Kab B": ("30", "25", "Prevalensi stunting")}), "SKN605").findings
        == ()
    )
    # Provinces are not ranked as kab/kota.
    provinces = kabkota_bundle({"Kab A": ("10", "9", P0), "Kab B": ("8", "7", P0)})
    as_provinces = provinces.replace(
        governments=[
            Government(level=GovernmentLevel.PROVINCE, region_code=c, name=f"Provinsi {c}") for c in ("62", "63")
        ],
        plans=[attrs.evolve(p, owner_id=c, government_id=c) for p, c in zip(provinces.plans, ("62", "63"))],
    )
    assert run(as_provinces, "SKN605").findings == ()


def test_skn605_lists_kabkota_without_data() -> None:
    bundle = kabkota_bundle({"Kab A": ("10", "9", P0), "Kab B": ("8", "7,5", P0), "Kab C": ("6", None, P0)})
    [finding] = run(bundle, "SKN605").findings
    assert [r["name"] for r in finding.evidence["ranking"]] == ["Kab A", "Kab B"]
    assert finding.evidence["without_data"] == ["Kab C"]


def test_indicator_key_matches_synonyms_and_units() -> None:
    assert indicator_key("Tingkat Kemiskinan", "%") == indicator_key("tingkat  kemiskinan", "persen")
    assert indicator_key("Persentase Penduduk Miskin (P0)", "%") == indicator_key("Tingkat kemiskinan", "%")
    assert indicator_key("Tingkat kemiskinan", "%") != indicator_key("Tingkat kemiskinan", "Jiwa")
    assert indicator_key("Angka X", None, {"Angka X": "Tingkat kemiskinan"})[0] == indicator_key("P0", None)[0]


def test_bad_option_is_an_option_error_before_any_rule_runs() -> None:
    with pytest.raises(OptionError, match="rank_by") as caught:
        check(renja(), ["SKN605"], CheckConfig(options={"SKN605": {"rank_by": "sideways"}}, today=TODAY))
    assert (caught.value.owner, caught.value.option) == ("rule SKN605", "rank_by")
    assert "'absolute', 'relative'" in caught.value.expected


# -- generated bundles ------------------------------------------------------------------------------


@settings(max_examples=30)
@given(sst.bundles())
def test_generated_bundles_give_no_family_6_errors(bundle: Bundle) -> None:
    report = check(bundle, ["SKN6"], CheckConfig(today=TODAY))
    assert not report.rule_failures, report.rule_failures
    assert set(report.rules_run) == {"SKN601", "SKN602", "SKN603", "SKN604", "SKN605", "SKN606", "SKN607"}
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize("rule_id", ["SKN601", "SKN602", "SKN603", "SKN604", "SKN605", "SKN606", "SKN607"])
def test_rules_are_registered_with_bilingual_descriptions(rule_id: str) -> None:
    from sinkron.plugins import get_plugin_manager

    registered = get_plugin_manager().rules()[rule_id]
    assert registered.family == 6
    assert registered.description.id and registered.description.en
    assert registered.description.id != registered.description.en
