"""The cascade from the visi-misi (SKN409–SKN411): each rule fires on a bundle built to break it and stays silent
on a consistent one."""

from __future__ import annotations

import attrs
import pytest
from family34_bundles import CITY, DINKES, bundle, chain, link, rkpd, rpjmd, run

from sinkron import Goal, Link, LinkKind, Mission, Objective, Plan, PlanKind, PlanPeriod, Priority, PriorityKind
from sinkron.align import Severity
from sinkron.align.rules.cascade import asta_cita_priorities
from sinkron.convert import dumps, loads
from sinkron.errors import InvalidModel

RPJMN = PlanPeriod(start=2025, end=2029)
RPJMD_ID = f"rpjmd-{CITY}"
PROGRAM = chain(years=[2026])
PROGRAM_REF = f"{RPJMD_ID}#{PROGRAM.id}"


def _plan(*, missions: list[Mission] | None = None, goals: list[Goal] | None = None) -> Plan:
    return rpjmd(
        PROGRAM,
        missions=missions
        or [
            Mission(id="M1", number=1, text="Kota sehat", asta_cita=[4]),
            Mission(id="M2", number=2, text="Kota sejahtera", asta_cita=[6]),
        ],
        goals=goals
        or [
            Goal(id="T1", mission_id="M1", text="Meningkatnya derajat kesehatan"),
            Goal(id="T2", mission_id="M2", text="Menurunnya kemiskinan"),
        ],
        objectives=[
            Objective(id="S1", goal_id="T1", text="Menurunnya prevalensi stunting"),
            Objective(id="S2", goal_id="T2", text="Menurunnya tingkat kemiskinan"),
        ],
    )


def _asta_cita(number: int, kind: PriorityKind = PriorityKind.NATIONAL) -> Priority:
    return Priority(
        id=f"{'AC' if kind is PriorityKind.ASTA_CITA else 'PN'}{number:02d}",
        kind=kind,
        code=f"{number:02d}",
        name=f"Asta Cita {number}",
        period=RPJMN,
    )


def _supports(*objectives: str) -> list[Link]:
    return [link(LinkKind.SUPPORTS, PROGRAM_REF, f"{RPJMD_ID}#{o}") for o in objectives]


# -- SKN409 ----------------------------------------------------------------------------------------------
def test_skn409_a_mission_without_program_is_reported_at_the_missing_level() -> None:
    assert run(bundle(_plan(), links=_supports("S1", "S2")), "SKN409") == []
    no_program = run(bundle(_plan(), links=_supports("S1")), "SKN409")
    assert [(f.subject, f.severity, f.evidence["missing"]) for f in no_program] == [
        (f"{RPJMD_ID}#M2", Severity.WARNING, "program")
    ]
    assert no_program[0].message.id.startswith("Misi 2 “Kota sejahtera” dalam RPJMD Kota Palangka Raya")
    assert "is supported by no program" in no_program[0].message.en
    # A cascades link from a Renstra sasaran's item counts as well as a supports link; an indicator's link counts.
    indicator_link = [link(LinkKind.CASCADES, f"{PROGRAM_REF}#ind", f"{RPJMD_ID}#T2")]
    assert run(bundle(_plan(), links=[*_supports("S1"), *indicator_link]), "SKN409") == []
    third = Mission(id="M3", number=3, text="Kota hijau")
    no_goal = run(bundle(_plan(missions=[*_plan().missions, third]), links=_supports("S1", "S2")), "SKN409")
    assert [(f.subject, f.evidence["missing"]) for f in no_goal] == [(f"{RPJMD_ID}#M3", "goal")]


def test_skn409_no_sasaran_under_the_goals_of_a_mission() -> None:
    goals = [*_plan().goals, Goal(id="T3", mission_id="M3", text="Meningkatnya kualitas lingkungan")]
    missions = [*_plan().missions, Mission(id="M3", number=3, text="Kota hijau")]
    findings = run(bundle(_plan(missions=missions, goals=goals), links=_supports("S1", "S2")), "SKN409")
    assert [(f.subject, f.evidence["missing"]) for f in findings] == [(f"{RPJMD_ID}#M3", "objective")]
    assert "(T3)" in findings[0].message.en


def test_skn409_does_not_judge_a_level_the_plan_does_not_record() -> None:
    unlinked_goals = [attrs.evolve(g, mission_id=None) for g in _plan().goals]
    assert run(bundle(_plan(goals=unlinked_goals)), "SKN409") == []
    assert run(bundle(_plan()), "SKN409") == []  # no program is linked to any sasaran: links not recorded


# -- SKN410 ----------------------------------------------------------------------------------------------
def test_skn410_asta_cita_no_mission_is_mapped_to_are_info_one_finding_per_plan() -> None:
    priorities = [_asta_cita(n) for n in (1, 4, 5, 6)]
    findings = run(bundle(_plan(), priorities=priorities), "SKN410")
    assert [(f.subject, f.severity) for f in findings] == [(RPJMD_ID, Severity.INFO)]
    assert findings[0].message.en == "No misi of RPJMD Kota Palangka Raya 2025–2029 is mapped to Asta Cita 1 and 5."
    assert findings[0].message.id.endswith("yang dipetakan ke Asta Cita 1 dan 5.")
    assert [u["priority"] for u in findings[0].evidence["unmapped"]] == ["PN01", "PN05"]
    one = run(bundle(_plan(), priorities=priorities[1:]), "SKN410")
    assert one[0].message.en.endswith("is mapped to Asta Cita 5.")
    mapped_all = _plan(missions=[Mission(id="M1", number=1, text="Kota sehat", asta_cita=[1, 4, 5, 6])])
    assert run(bundle(mapped_all, priorities=priorities), "SKN410") == []
    # Without the crosswalk the plan is not judged; an Asta Cita of another period is not expected.
    unmapped = _plan(missions=[Mission(id="M1", text="Kota sehat"), Mission(id="M2", text="Kota sejahtera")])
    assert run(bundle(unmapped, priorities=priorities), "SKN410") == []
    later = attrs.evolve(_asta_cita(5), period=PlanPeriod(start=2030, end=2034))
    assert run(bundle(_plan(), priorities=[later]), "SKN410") == []


def test_asta_cita_records_win_over_the_pn_of_the_same_number() -> None:
    priorities = (_asta_cita(5), _asta_cita(5, PriorityKind.ASTA_CITA), _asta_cita(6))
    assert {n: p.id for n, p in asta_cita_priorities(priorities).items()} == {5: "AC05", 6: "PN06"}


# -- SKN411 ----------------------------------------------------------------------------------------------
def _regional(period: PlanPeriod | None = RPJMN) -> Priority:
    return Priority(
        id="PD6271.07",
        kind=PriorityKind.REGIONAL,
        code="07",
        name="Kota bebas stunting",
        government_id=CITY,
        period=period,
    )


def test_skn411_a_priority_program_in_the_rpjmd_but_not_in_the_rkpd_of_the_year() -> None:
    the_rkpd = rkpd(chain(years=[2026]))
    rkpd_ref = f"{the_rkpd.id}#{DINKES}/1.02.02.2.02.0001"
    in_rpjmd = link(LinkKind.TAGGED, PROGRAM_REF, "PD6271.07")
    findings = run(bundle(_plan(), the_rkpd, priorities=[_regional()], links=[in_rpjmd]), "SKN411")
    assert [(f.subject, f.severity, f.evidence["plan"]) for f in findings] == [
        ("PD6271.07", Severity.WARNING, the_rkpd.id)
    ]
    assert findings[0].evidence["supported_in"] == [{"plan": RPJMD_ID, "title": _plan().title}]
    assert "07 “Kota bebas stunting” is supported by no program in RKPD Kota Palangka Raya 2026" in (
        findings[0].message.en
    )
    in_rkpd = link(LinkKind.TAGGED, rkpd_ref, "PD6271.07")
    assert run(bundle(_plan(), the_rkpd, priorities=[_regional()], links=[in_rpjmd, in_rkpd]), "SKN411") == []
    # Supported nowhere: SKN402's finding, not this rule's; outside the priority's period: not judged.
    assert run(bundle(_plan(), the_rkpd, priorities=[_regional()]), "SKN411") == []
    later = _regional(PlanPeriod(start=2027, end=2029))
    assert run(bundle(_plan(), the_rkpd, priorities=[later], links=[in_rpjmd]), "SKN411") == []


# -- the model -------------------------------------------------------------------------------------------
def test_the_asta_cita_crosswalk_round_trips_and_is_checked() -> None:
    plan = _plan()
    assert loads(dumps(plan), Plan) == plan and loads(dumps(plan), Plan).missions[0].asta_cita == (4,)
    with pytest.raises(InvalidModel, match="Asta Cita are numbered from 1"):
        Mission(id="M1", text="Kota sehat", asta_cita=[0])


# -- suggesting the crosswalk ------------------------------------------------------------------------------
def test_suggested_crosswalk_of_the_demo_rpjmd_finds_its_asta_cita_and_feeds_skn410() -> None:
    from sinkron.demo import demo_bundle
    from sinkron.suggest import accept_asta_cita, suggest_asta_cita

    demo = demo_bundle()
    rpjmd_plan = next(p for p in demo.plans if p.kind is PlanKind.RPJMD)
    blank = attrs.evolve(rpjmd_plan, missions=[attrs.evolve(m, asta_cita=()) for m in rpjmd_plan.missions])
    top = suggest_asta_cita(blank, demo.priorities, top_k=1)
    assert {s.mission_id: s.asta_cita for s in top} == {"M1": 4, "M2": 3, "M3": 6, "M4": 8}
    assert all(s.asta_cita in next(m for m in rpjmd_plan.missions if m.id == s.mission_id).asta_cita for s in top)
    assert "@kemiskinan" in next(s for s in top if s.mission_id == "M3").terms
    confirmed = accept_asta_cita(blank, top)
    assert [m.asta_cita for m in confirmed.missions] == [(4,), (3,), (6,), (8,)]
    plans = [confirmed if p.id == rpjmd_plan.id else p for p in demo.plans]
    findings = run(attrs.evolve(demo, plans=plans), "SKN410")
    assert [u["asta_cita"] for u in findings[0].evidence["unmapped"]] == [1, 2, 5, 7]
    assert suggest_asta_cita(blank, demo.priorities, min_score=0.5) == []
