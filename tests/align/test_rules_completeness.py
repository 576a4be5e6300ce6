"""Rule family 2 (completeness and measurability): each rule fires on a bundle built to break it and not on a clean one."""

from __future__ import annotations

from typing import Any

import pytest
from rule_bundles import AGENCY, activity, bundle, indicator, plan, program, run, run_all, sub, tree

from sinkron import (
    Goal,
    Indicator,
    IndicatorKind,
    Objective,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    Target,
    Value,
)
from sinkron.align import Severity
from sinkron.align.rules.completeness import DEFAULT_QUALITATIVE_TARGETS, qualitative_key

Y2026 = PlanPeriod(start=2026, end=2026)
P2529 = PlanPeriod(start=2025, end=2029)
SUB_REF = f"renja_pd-dinkes-2026#{AGENCY}/1.02.02.2.02.0001"
IND_REF = f"{SUB_REF}#jumlah-ibu-hamil-yang-mendapatkan-pelayanan-kesehatan-sesuai-standar"


def _renstra(*programs: Program, **extra: Any) -> Plan:
    return plan(list(programs), kind=PlanKind.RENSTRA_PD, start=2025, end=2029, **extra)


def _single(ind: Indicator, period: PlanPeriod = Y2026) -> Plan:
    """A plan whose sub kegiatan carries ``ind`` (Renja for one year, Renstra for five)."""
    item = tree(period, indicators=[ind])
    return plan([item]) if period == Y2026 else _renstra(item)


def test_clean_plans_give_no_completeness_findings() -> None:
    goal = Goal(
        id="T1",
        text="Meningkatnya derajat kesehatan masyarakat",
        indicators=[
            indicator("Usia harapan hidup", period=P2529, unit="Tahun", kind=IndicatorKind.IMPACT, target="72,5")
        ],
    )
    b = bundle(plan([tree(Y2026)]), _renstra(tree(P2529), goals=[goal]))
    assert run_all(b, "SKN2") == []


# -- SKN201 ---------------------------------------------------------------------------------------------
def test_missing_indicator_is_an_error_for_sub_kegiatan_and_a_warning_above() -> None:
    bare_sub = sub(period=Y2026, indicators=[])
    b = bundle(
        plan(
            [
                program(
                    "1.02.02",
                    [activity("1.02.02.2.02", [bare_sub], period=Y2026, indicators=[])],
                    period=Y2026,
                    indicators=[],
                )
            ]
        )
    )
    findings = {f.evidence["level"]: f for f in run(b, "SKN201")}
    assert set(findings) == {"program", "kegiatan", "sub_kegiatan"}
    assert findings["sub_kegiatan"].severity is Severity.ERROR
    assert findings["sub_kegiatan"].subject == SUB_REF
    assert findings["kegiatan"].severity is Severity.WARNING
    assert findings["program"].severity is Severity.WARNING
    assert "keluaran" in findings["sub_kegiatan"].fix.id
    # levels is an option
    only_sub = run(b, "SKN201", levels=["sub_kegiatan"])
    assert [f.evidence["level"] for f in only_sub] == ["sub_kegiatan"]


def test_missing_indicator_reports_tujuan_and_sasaran_unless_disabled() -> None:
    renstra = _renstra(
        tree(P2529),
        goals=[Goal(id="T1", text="Meningkatnya derajat kesehatan")],
        objectives=[Objective(id="S1", text="Menurunnya stunting", goal_id="T1")],
    )
    findings = run(bundle(renstra), "SKN201")
    assert sorted(f.subject for f in findings) == ["renstra_pd-dinkes-2025#S1", "renstra_pd-dinkes-2025#T1"]
    assert all(f.severity is Severity.WARNING for f in findings)
    assert run(bundle(renstra), "SKN201", statements=False) == []


def test_missing_indicator_is_quiet_when_every_item_has_one() -> None:
    assert run(bundle(plan([tree(Y2026)])), "SKN201") == []


# -- SKN202 ---------------------------------------------------------------------------------------------
def test_missing_unit_fires_and_suggests_the_unit_of_the_targets() -> None:
    ind = Indicator(name="Cakupan imunisasi", unit=None, targets=[Target(year=2026, value=Value.parse("95 %"))])
    [finding] = run(bundle(_single(ind)), "SKN202")
    assert finding.severity is Severity.WARNING
    assert finding.subject == f"{SUB_REF}#cakupan-imunisasi"
    assert finding.evidence["suggested_unit"] == "%"
    assert finding.evidence["suggested_from"] == "target"
    assert "“%”" in finding.fix.id


def test_missing_unit_suggests_the_nomenclature_satuan_for_a_sub_kegiatan() -> None:
    [finding] = run(bundle(_single(indicator(period=Y2026, unit=" "))), "SKN202")
    assert finding.evidence["suggested_unit"] == "Orang"
    assert finding.evidence["suggested_from"] == "nomenklatur"


def test_missing_unit_is_quiet_with_a_unit() -> None:
    assert run(bundle(_single(indicator(period=Y2026, unit="Orang"))), "SKN202") == []


# -- SKN203 ---------------------------------------------------------------------------------------------
def test_missing_target_lists_the_missing_years() -> None:
    ind = indicator(period=P2529, years=[2025, 2026, 2027])
    [finding] = run(bundle(_single(ind, P2529)), "SKN203")
    assert finding.severity is Severity.ERROR
    assert finding.evidence["missing_years"] == [2028, 2029]
    assert finding.evidence["target_years"] == [2025, 2026, 2027]
    assert finding.evidence["period"] == "2025–2029"
    assert "2028 dan 2029" in finding.message.id


def test_missing_target_fires_for_a_yearly_plan_without_its_year() -> None:
    ind = indicator(period=Y2026, years=[2027])
    [finding] = run(bundle(_single(ind)), "SKN203")
    assert finding.evidence["missing_years"] == [2026]


def test_missing_target_is_quiet_with_every_year_and_for_long_term_plans() -> None:
    assert run(bundle(_single(indicator(period=P2529), P2529)), "SKN203") == []
    long_term = plan(
        [tree(P2529, indicators=[indicator(period=P2529, years=[2029])])], kind=PlanKind.RPJPD, start=2025, end=2045
    )
    assert run(bundle(long_term), "SKN203") == []
    checked = run(bundle(long_term), "SKN203", skip_plan_kinds=[])
    sub_finding = next(f for f in checked if f.subject.startswith(f"rpjpd-dinkes-2025#{AGENCY}/1.02.02.2.02.0001#"))
    assert sub_finding.evidence["missing_years"] == list(range(2025, 2029)) + list(range(2030, 2046))


# -- SKN204 ---------------------------------------------------------------------------------------------
def test_target_outside_period_fires_for_years_beyond_the_prakiraan_maju() -> None:
    ind = indicator(period=Y2026, years=[2026, 2027, 2028])
    [finding] = run(bundle(_single(ind)), "SKN204")
    assert finding.severity is Severity.WARNING
    assert finding.evidence["years"] == [2028]
    assert finding.evidence["last_allowed_year"] == 2027
    strict = run(bundle(_single(ind)), "SKN204", forward_years=0)
    assert strict[0].evidence["years"] == [2027, 2028]


def test_target_outside_period_fires_for_a_baseline_year_written_as_a_target() -> None:
    ind = indicator(period=P2529, years=[2024, *P2529.years])
    [finding] = run(bundle(_single(ind, P2529)), "SKN204")
    assert finding.evidence["years"] == [2024]
    assert finding.evidence["period"] == "2025–2029"


def test_target_outside_period_is_quiet_inside_the_period_and_for_the_prakiraan_maju() -> None:
    assert run(bundle(_single(indicator(period=Y2026, years=[2026, 2027]))), "SKN204") == []
    assert run(bundle(_single(indicator(period=P2529), P2529)), "SKN204") == []


# -- SKN205 ---------------------------------------------------------------------------------------------
def test_unmeasurable_target_fires_for_vague_text() -> None:
    ind = Indicator(
        name="Kualitas pelayanan",
        unit="Kategori",
        targets=[Target(year=y, value=Value.parse("Meningkat")) for y in P2529.years],
    )
    [finding] = run(bundle(_single(ind, P2529)), "SKN205")
    assert finding.severity is Severity.WARNING
    assert finding.evidence["targets"] == [{"year": y, "text": "Meningkat"} for y in P2529.years]
    assert "“Meningkat”" in finding.message.id
    assert run(bundle(_single(ind, P2529)), "SKN205", allowed=["Meningkat"]) == []


@pytest.mark.parametrize(
    "text", ["WTP", "Opini WTP", "Predikat A", "predikat 'BB'", "Level 3", "Sangat Baik", "Mandiri"]
)
def test_unmeasurable_target_accepts_verifiable_categories(text: str) -> None:
    ind = Indicator(name="Opini BPK", unit="Opini", targets=[Target(year=2026, value=Value.parse(text))])
    assert run(bundle(_single(ind)), "SKN205") == []


def test_unmeasurable_target_is_quiet_for_numbers_and_ranges() -> None:
    ind = Indicator(name="Prevalensi stunting", unit="%", targets=[Target(year=2026, value=Value.parse("14,2–15,0"))])
    assert run(bundle(_single(ind)), "SKN205") == []
    assert run(bundle(_single(indicator(period=Y2026))), "SKN205") == []


def test_qualitative_key_normalises_case_punctuation_and_qualifiers() -> None:
    assert qualitative_key("Opini  W.T.P") == "wtp"
    assert qualitative_key("SANGAT-BAIK") == "sangat baik"
    assert qualitative_key("Tingkat") == "tingkat"  # a lone qualifier stays
    assert {qualitative_key(t) for t in ("WTP", "A", "Baik")} <= {
        qualitative_key(t) for t in DEFAULT_QUALITATIVE_TARGETS
    }


# -- SKN206 ---------------------------------------------------------------------------------------------
def test_missing_baseline_fires_for_outcome_indicators_of_medium_term_plans() -> None:
    outcome = indicator(
        "Persentase capaian SPM", period=P2529, unit="%", kind=IndicatorKind.OUTCOME, target="100", baseline=False
    )
    renstra = _renstra(program("1.02.02", [], period=P2529, indicators=[outcome]))
    [finding] = run(bundle(renstra), "SKN206")
    assert finding.severity is Severity.WARNING
    assert finding.evidence == {"indicator": "Persentase capaian SPM", "kind": "hasil", "period": "2025–2029"}
    assert "2024" in finding.fix.id
    assert run(bundle(renstra), "SKN206", kinds=["dampak"]) == []


def test_missing_baseline_is_quiet_for_outputs_yearly_plans_and_indicators_with_a_baseline() -> None:
    output = indicator(period=P2529, baseline=False)  # output of a sub kegiatan
    assert run(bundle(_single(output, P2529)), "SKN206") == []
    yearly_outcome = indicator("Cakupan", period=Y2026, kind=IndicatorKind.OUTCOME, baseline=False)
    assert run(bundle(plan([program("1.02.02", [], period=Y2026, indicators=[yearly_outcome])])), "SKN206") == []
    with_baseline = indicator("Cakupan", period=P2529, kind=IndicatorKind.OUTCOME)
    assert run(bundle(_renstra(program("1.02.02", [], period=P2529, indicators=[with_baseline]))), "SKN206") == []
