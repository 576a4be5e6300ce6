"""The built-in demo: deterministic, marked illustrative, realistic, and every rule has a planted case.

The rule tests run on whatever rules are registered when the suite runs, so a rule that lands
without a planted case in the demo (or a planted case that no longer fires) fails here.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import sinkron
from sinkron.align.report import Report
from sinkron.codes import CodeLevel
from sinkron.convert import dumps, loads
from sinkron.demo import (
    DEMO_AS_OF,
    DEMO_SOURCE,
    KNOCK_ON,
    PLANTED,
    UNTAGGED,
    PlantedCase,
    demo_bundle,
    demo_config,
    plan_ids,
)
from sinkron.demo.kalteng import build_bundle
from sinkron.models import Bundle, LinkKind, Money, PlanKind, PriorityKind, ValueKind
from sinkron.nomenclature import CodeState, default_nomenclature
from sinkron.plugins import PluginManager

DOCS = Path(__file__).resolve().parents[1] / "docs"
#: Families with planted cases in the plans and the national section (5, meetings: tests/test_meetings_followup.py).
FAMILIES = (1, 2, 3, 4, 6, 7)
REGISTERED = sorted(PluginManager().rules().values(), key=lambda r: r.id)
CHECKED = [r for r in REGISTERED if r.family in FAMILIES]


#: The in-year rules: judged at the demo's as-of date (before the first quarter of 2026 ends they are silent).
IN_YEAR = {"SKN606", "SKN607"}


@pytest.fixture(scope="module")
def closed_year_report() -> Report:
    return sinkron.check(demo_bundle(), config=demo_config())


@pytest.fixture(scope="module")
def in_year_report() -> Report:
    return sinkron.check(demo_bundle(), config=demo_config(select=sorted(IN_YEAR), as_of=DEMO_AS_OF))


@pytest.fixture(scope="module")
def report(closed_year_report: Report, in_year_report: Report) -> Report:
    """The demo's findings: every rule at DEMO_TODAY, the in-year ones at DEMO_AS_OF."""
    kept = tuple(f for f in closed_year_report.findings if f.rule not in IN_YEAR)
    return attrs.evolve(closed_year_report, findings=kept + in_year_report.findings)


def test_the_early_warning_is_silent_before_the_first_quarter_ends(closed_year_report: Report) -> None:
    assert [f for f in closed_year_report.findings if f.rule in IN_YEAR] == []


def test_bundle_is_deterministic_and_round_trips() -> None:
    first, second = build_bundle(), build_bundle()
    assert first == second
    assert dumps(first) == dumps(second)
    assert loads(dumps(first), Bundle) == first


def test_marked_illustrative() -> None:
    bundle = demo_bundle()
    assert bundle.sources == (DEMO_SOURCE,)
    assert "bukan data resmi" in DEMO_SOURCE and "not official" in DEMO_SOURCE
    assert all("(ilustrasi)" in plan.title for plan in bundle.plans)


def test_shape_matches_the_scenario() -> None:
    bundle = demo_bundle()
    ids = plan_ids()
    kinds = sorted(p.kind.value for p in bundle.plans)
    assert kinds.count(PlanKind.RENSTRA_PD.value) == 3 and kinds.count(PlanKind.RENJA_PD.value) == 3
    assert kinds.count(PlanKind.RKPD.value) == 3 and kinds.count(PlanKind.DPA.value) == 3
    assert {g.region_code for g in bundle.governments} == {None, "62", "62.71", "62.02"}
    assert {str(a.sectors[0]) for a in bundle.agencies} == {"1.02", "1.03", "1.06"}
    rpjmd = bundle.plan(ids["rpjmd"])
    assert rpjmd.vision and len(rpjmd.missions) == 4 and rpjmd.goals and rpjmd.objectives
    pns = [p for p in bundle.priorities if p.kind is PriorityKind.NATIONAL]
    assert [p.code for p in pns] == [f"{k:02d}" for k in range(1, 9)]
    assert pns[5].name.endswith("Pemberantasan Kemiskinan")
    poverty = {i.id: i for i in pns[5].indicators}["tingkat-kemiskinan"]
    target = poverty.target_for(2025)
    assert target is not None and target.kind is ValueKind.RANGE and target.text == "7,0–8,0"
    assert any(p.kind is PriorityKind.PROGRAM for p in bundle.priorities)
    assert any(p.kind is PriorityKind.ACTIVITY for p in bundle.priorities)
    assert {p.government_id for p in bundle.priorities if p.kind is PriorityKind.REGIONAL} == {"62", "62.71", "62.02"}
    kinds_of_links = {link.kind for link in bundle.links}
    assert {LinkKind.TAGGED, LinkKind.SUPPORTS, LinkKind.CASCADES} <= kinds_of_links


def test_realisation_2025_has_monthly_spending() -> None:
    bundle = demo_bundle()
    for key in ("dpa_dinkes", "dpa_pupr", "dpa_dinsos"):
        plan = bundle.plan(plan_ids()[key])
        for sub in plan.sub_activities():
            months = sorted(s.period.value for s in sub.spending)
            assert months == [f"m{m:02d}" for m in range(1, 13)], sub.id
            assert all(i.realisation_for(2025) is not None for i in sub.indicators)


def test_province_medium_term_codes_and_names_are_official() -> None:
    """Outside the planted cases, the province's plans use real codes with their official names."""
    nomenclature = default_nomenclature()
    bundle = demo_bundle()
    ids = plan_ids()
    for key in ("renstra_dinkes", "renstra_pupr", "renstra_dinsos", "dpa_dinkes", "dpa_pupr", "dpa_dinsos"):
        for item in bundle.plan(ids[key]).items():
            status = nomenclature.status(item.code, 2025)
            assert status.state is CodeState.ACTIVE, item.code
            assert status.entry is not None and item.name == status.entry.name, item.code
            if item.code.level is CodeLevel.SUB_ACTIVITY:
                assert item.indicators[0].unit == status.entry.satuan


def test_every_plan_item_pagu_adds_up_except_the_planted_case() -> None:
    bundle = demo_bundle()
    mismatches = []
    for plan in bundle.plans:
        for program in plan.programs:
            for parent, children in (
                (program, program.activities),
                *((a, a.sub_activities) for a in program.activities),
            ):
                if not children:
                    continue
                for year in plan.period.years:
                    own = parent.budget_for(year)
                    total = Money.total(m for m in (c.budget_for(year) for c in children) if m is not None)
                    if own is not None and own != total:
                        mismatches.append((plan.id, parent.id, year))
    assert mismatches == [(plan_ids()["renstra_pupr"], "kalteng.pupr/1.03.03.2.01", 2027)]


def test_untagged_items_exist_and_carry_no_priority_link() -> None:
    bundle = demo_bundle()
    sources = {
        link.source.split("#")[0] + "#" + link.source.split("#")[1]
        for link in bundle.links
        if link.kind in (LinkKind.TAGGED, LinkKind.SUPPORTS)
    }
    items = {f"{p.id}#{i.id}" for p in bundle.plans for i in p.items()}
    priorities = {p.id for p in bundle.priorities}
    for untagged in UNTAGGED:
        assert untagged.subject in items
        assert untagged.subject not in sources
        assert untagged.priority in priorities


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.id)
def test_every_registered_rule_reports_on_the_demo(rule: sinkron.align.Rule, report: Report) -> None:
    assert report.by_rule(rule.id), f"{rule.id} ({rule.name}) reports nothing on the demo: plant a case for it"


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.id)
def test_every_registered_rule_has_a_documented_planted_case(rule: sinkron.align.Rule) -> None:
    assert any(case.rule == rule.id for case in PLANTED), f"add a planted case for {rule.id} to sinkron.demo"


@pytest.mark.parametrize("case", PLANTED + KNOCK_ON, ids=lambda c: f"{c.rule}-{c.subject}")
def test_planted_case_is_reported(case: PlantedCase, report: Report) -> None:
    if case.rule not in {r.id for r in REGISTERED}:
        pytest.skip(f"{case.rule} is not registered yet")
    subjects = [f.subject for f in report.by_rule(case.rule)]
    assert any(case.matches(s) for s in subjects), f"{case.rule} did not report {case.subject}; it reported {subjects}"


def test_no_unexplained_findings(report: Report) -> None:
    """Every finding of families 1–4, 6 and 7 is a planted case or a documented knock-on."""
    unexplained = [
        (f.rule, f.subject)
        for f in report.findings
        if f.family in FAMILIES and not any(c.rule == f.rule and c.matches(f.subject) for c in PLANTED + KNOCK_ON)
    ]
    assert unexplained == [], "document these in sinkron.demo.planted (PLANTED or KNOCK_ON) and docs/demo.md"


def test_rule_failures_are_none(report: Report) -> None:
    assert report.rule_failures == ()


def test_tolerated_name_variant_is_not_reported(report: Report) -> None:
    if "SKN104" not in {r.id for r in REGISTERED}:
        pytest.skip("SKN104 is not registered yet")
    variant = "rkpd-palangkaraya-2026#palangkaraya.dinkes/1.02.02.2.02.0001"
    assert demo_bundle().plan("rkpd-palangkaraya-2026") is not None
    assert not [f for f in report.by_rule("SKN104") if f.subject.startswith(variant)]


def test_retired_code_needs_the_demo_change_list() -> None:
    """The retired-code case exists only under the demo's illustrative change list, never for real plans."""
    if "SKN102" not in {r.id for r in REGISTERED}:
        pytest.skip("SKN102 is not registered yet")
    plain = sinkron.check(demo_bundle(), ["SKN102"])
    assert plain.by_rule("SKN102") == []
    assert sinkron.check(demo_bundle(), ["SKN102"], config=demo_config()).by_rule("SKN102")


def test_docs_list_every_planted_case_and_untagged_item() -> None:
    text = (DOCS / "demo.md").read_text(encoding="utf-8")
    missing = [
        f"{case.rule} {case.subject}"
        for case in PLANTED + KNOCK_ON
        if case.rule not in text or (case.subject is not None and case.subject not in text)
    ]
    missing += [u.subject for u in UNTAGGED if u.subject not in text]
    assert missing == [], f"docs/demo.md does not mention {missing}"
