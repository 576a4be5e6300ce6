"""Family 5 (meeting follow-up): SKN501–SKN506, each firing and staying silent, on hand-built bundles."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from sinkron import (
    ActionItem,
    ActionStatus,
    Activity,
    Agency,
    Agreement,
    Budget,
    Bundle,
    Code,
    Desk,
    Government,
    GovernmentLevel,
    Indicator,
    Meeting,
    MeetingKind,
    Money,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    Proposal,
    Provenance,
    SubActivity,
    Target,
    Value,
)
from sinkron.align import CheckConfig, Finding, check
from sinkron.align.followup import FollowUpState, follow_ups
from sinkron.align.index import BundleIndex
from sinkron.kl import (
    KLCode,
    Ministry,
    MinistryPlan,
    MinistryProgram,
    NationalRecords,
    ProgramSectorCrosswalk,
    ProgramSectorMapping,
)

DINKES = "kalteng.dinkes"
DINKES_CODE = "1.02.0.00.0.00.01.0000"
TODAY = dt.date(2026, 1, 15)
SUBS = {"1.02.02.2.02.0001": ("1.250 Orang", 300), "1.02.02.2.02.0004": ("18.500 Orang", 200)}


def _sub(code: str, target: str | None, pagu_million: int | None, agency: str | None = None) -> SubActivity:
    return SubActivity(
        code=Code.parse(code),
        name=f"Sub kegiatan {code}",
        agency_id=agency,
        indicators=[
            Indicator(
                name="Jumlah orang terlayani",
                unit="Orang",
                targets=[Target(year=2026, value=Value.parse(target))] if target else [],
            )
        ],
        budgets=[Budget(year=2026, amount=Money(pagu_million * 1_000_000))] if pagu_million is not None else [],
    )


def _plan(
    subs: dict[str, tuple[str | None, int | None]],
    *,
    kind: PlanKind = PlanKind.RENJA_PD,
    plan_id: str = "renja-dinkes-2026",
    agency: str | None = None,
) -> Plan:
    owner = DINKES if kind is PlanKind.RENJA_PD else "62"
    return Plan(
        id=plan_id,
        kind=kind,
        title=f"{kind.value} 2026",
        period=PlanPeriod(start=2026, end=2026),
        owner_id=owner,
        government_id="62",
        programs=[
            Program(
                code=Code.parse("1.02.02"),
                name="Program",
                agency_id=agency,
                activities=[
                    Activity(
                        code=Code.parse("1.02.02.2.02"),
                        name="Kegiatan",
                        agency_id=agency,
                        sub_activities=[_sub(c, t, p, agency) for c, (t, p) in subs.items()],
                    )
                ],
            )
        ],
        provenance=Provenance(source="renja.xlsx", sheet="Renja", row=3),
    )


def _agreement(n: int, code: str, target: str | None, pagu_million: int | None, **changes: Any) -> Agreement:
    values: dict[str, Any] = {
        "id": f"A{n}",
        "desk_id": "D1",
        "agency_id": DINKES,
        "sub_activity": Code.parse(code),
        "year": 2026,
        "outcome": "Prevalensi stunting",
        "target": Value.parse(target) if target else None,
        "pagu": Money(pagu_million * 1_000_000) if pagu_million is not None else None,
        "provenance": Provenance(source="rapat.xlsx", sheet="Kesepakatan", row=4 + n),
    }
    values.update(changes)
    return Agreement(**values)


def _meeting(**changes: Any) -> Meeting:
    values: dict[str, Any] = {
        "id": "rakortek-2025",
        "kind": MeetingKind.RAKORTEKRENBANG,
        "title": "Rakortekrenbang 2025",
        "start": dt.date(2025, 3, 4),
        "host_id": "62",
        "desks": [Desk(id="D1", name="Desk Kesehatan", sectors=[Code.parse("1.02")], outcomes=["Prevalensi stunting"])],
        "agreements": [_agreement(i, c, t, p) for i, (c, (t, p)) in enumerate(SUBS.items(), start=1)],
        "provenance": Provenance(source="rapat.xlsx"),
    }
    values.update(changes)
    return Meeting(**values)


def _bundle(*plans: Plan, meeting: Meeting | None = None, national: NationalRecords | None = None) -> Bundle:
    return Bundle(
        governments=[Government(level=GovernmentLevel.PROVINCE, name="Provinsi Kalimantan Tengah", region_code="62")],
        agencies=[
            Agency(
                id=DINKES, code=DINKES_CODE, name="Dinas Kesehatan", government_id="62", sectors=[Code.parse("1.02")]
            )
        ],
        plans=plans,
        meetings=[meeting or _meeting()],
        national=national or NationalRecords(),
    )


def _run(bundle: Bundle, rule: str = "SKN5", **options: Any) -> list[Finding]:
    config = CheckConfig(today=TODAY, options=options)
    report = check(bundle, [rule] if len(rule) == 6 else None, config=config)
    return [f for f in report.findings if f.rule.startswith(rule)]


def test_agreements_carried_as_agreed_give_no_finding() -> None:
    assert _run(_bundle(_plan(dict(SUBS)))) == []
    states = [f.state for f in follow_ups(BundleIndex(_bundle(_plan(dict(SUBS)))))]
    assert states == [FollowUpState.FOLLOWED, FollowUpState.FOLLOWED]


# -- SKN501 ------------------------------------------------------------------------------------------------
def test_skn501_reports_a_dropped_sub_kegiatan_located_at_the_agreement() -> None:
    subs = {"1.02.02.2.02.0001": SUBS["1.02.02.2.02.0001"]}
    findings = _run(_bundle(_plan(subs)))
    assert [(f.rule, f.subject) for f in findings] == [("SKN501", "rakortek-2025#A2")]
    finding = findings[0]
    assert finding.severity.value == "error"
    assert finding.location == Provenance(source="rapat.xlsx", sheet="Kesepakatan", row=6)
    assert finding.location is not None and finding.location.row == 6
    assert finding.path.startswith("Rakortekrenbang 2025 › Desk Kesehatan › Kesepakatan A2: 1.02.02.2.02.0004")
    assert finding.evidence["agency"] == DINKES and finding.evidence["plan"] == "renja-dinkes-2026"
    assert "tidak tercantum" in finding.message.id and "is not in" in finding.message.en
    assert finding.fix is not None


def test_skn501_is_silent_without_a_plan_of_the_year() -> None:
    renja_2027 = attrs.evolve(_plan({}), id="renja-2027", period=PlanPeriod(start=2027, end=2027))
    assert _run(_bundle(renja_2027)) == []
    assert {f.state for f in follow_ups(BundleIndex(_bundle(renja_2027)))} == {FollowUpState.NOT_CHECKED}


def test_skn501_falls_back_to_the_rkpd_items_of_the_agency() -> None:
    rkpd = _plan(
        {"1.02.02.2.02.0001": SUBS["1.02.02.2.02.0001"]}, kind=PlanKind.RKPD, plan_id="rkpd-2026", agency=DINKES
    )
    assert [f.subject for f in _run(_bundle(rkpd))] == ["rakortek-2025#A2"]
    # The same code under another perangkat daerah does not carry the agreement.
    other = _plan(dict(SUBS), kind=PlanKind.RKPD, plan_id="rkpd-2026", agency="kalteng.pupr")
    assert sorted(f.subject for f in _run(_bundle(other))) == ["rakortek-2025#A1", "rakortek-2025#A2"]


def test_skn501_prefers_the_renja_over_the_rkpd() -> None:
    rkpd = _plan({}, kind=PlanKind.RKPD, plan_id="rkpd-2026", agency=DINKES)
    assert _run(_bundle(_plan(dict(SUBS)), rkpd)) == []


def test_skn501_resolves_an_agreement_naming_the_skpd_code() -> None:
    meeting = _meeting(
        agreements=[
            _agreement(1, "1.02.02.2.02.0001", "1.250 Orang", 300, agency_id=DINKES_CODE),
            _agreement(2, "1.02.02.2.02.0009", None, None, agency_id=DINKES_CODE),
        ]
    )
    findings = _run(_bundle(_plan(dict(SUBS)), meeting=meeting))
    assert [(f.rule, f.subject, f.evidence["agency"]) for f in findings] == [("SKN501", "rakortek-2025#A2", DINKES)]


def test_skn501_matches_a_legacy_two_digit_code() -> None:
    meeting = _meeting(agreements=[_agreement(1, "1.02.02.2.02.01", "1.250 Orang", 300)])
    assert _run(_bundle(_plan(dict(SUBS)), meeting=meeting)) == []


# -- SKN502 ------------------------------------------------------------------------------------------------
def test_skn502_reports_a_target_beyond_the_tolerance_on_the_plan_item() -> None:
    subs = dict(SUBS, **{"1.02.02.2.02.0004": ("12.000 Orang", 200)})
    findings = _run(_bundle(_plan(subs)))
    assert [(f.rule, f.subject) for f in findings] == [("SKN502", "renja-dinkes-2026#1.02.02.2.02.0004")]
    finding = findings[0]
    assert finding.evidence["plan_targets"] == ["12.000 Orang"] and finding.evidence["agreed_target"] == "18.500 Orang"
    assert finding.evidence["agreement_ref"] == "rakortek-2025#A2"
    assert finding.evidence["agreement_location"] == "rapat.xlsx, sheet 'Kesepakatan', row 6"
    # The item has no row of its own here: the finding points at the Renja it is in.
    assert finding.location == Provenance(source="renja.xlsx", sheet="Renja", row=3)


def test_skn502_tolerates_small_differences_and_reports_a_missing_target() -> None:
    close = dict(SUBS, **{"1.02.02.2.02.0004": ("18.000 Orang", 200)})  # 2.7 % below
    assert _run(_bundle(_plan(close)), "SKN502") == []
    assert [f.rule for f in _run(_bundle(_plan(close)), "SKN502", SKN502={"target_tolerance": "0.01"})] == ["SKN502"]
    missing = dict(SUBS, **{"1.02.02.2.02.0004": (None, 200)})
    findings = _run(_bundle(_plan(missing)), "SKN502")
    assert len(findings) == 1 and findings[0].evidence["plan_targets"] == []
    assert "tidak ada target untuk 2026" in findings[0].message.id


def test_skn502_does_not_compare_targets_of_another_satuan() -> None:
    meeting = _meeting(agreements=[_agreement(1, "1.02.02.2.02.0001", "1.250 Dokumen", 300)])
    assert [f.rule for f in _run(_bundle(_plan(dict(SUBS)), meeting=meeting))] == ["SKN502"]


# -- SKN503 ------------------------------------------------------------------------------------------------
def test_skn503_reports_a_changed_pagu() -> None:
    subs = dict(SUBS, **{"1.02.02.2.02.0001": ("1.250 Orang", 390)})
    findings = _run(_bundle(_plan(subs)))
    assert [(f.rule, f.subject) for f in findings] == [("SKN503", "renja-dinkes-2026#1.02.02.2.02.0001")]
    finding = findings[0]
    assert finding.evidence["plan_pagu"] == Decimal(390_000_000)
    assert finding.evidence["agreed_pagu"] == Decimal(300_000_000)
    assert finding.evidence["relative_difference"] == Decimal("0.3000")
    assert "lebih tinggi Rp 90.000.000 (30%)" in finding.message.id
    assert "Rp 90.000.000 (30%) higher" in finding.message.en


def test_skn503_tolerance_and_missing_pagu() -> None:
    subs = dict(SUBS, **{"1.02.02.2.02.0001": ("1.250 Orang", 320)})  # 6.7 % above
    assert _run(_bundle(_plan(subs)), "SKN503") == []
    assert len(_run(_bundle(_plan(subs)), "SKN503", SKN503={"pagu_tolerance": "0.05"})) == 1
    no_pagu = dict(SUBS, **{"1.02.02.2.02.0001": ("1.250 Orang", None)})
    findings = _run(_bundle(_plan(no_pagu)), "SKN503")
    assert len(findings) == 1 and findings[0].evidence["plan_pagu"] is None


def test_agreement_without_target_or_pagu_is_only_checked_for_presence() -> None:
    meeting = _meeting(agreements=[_agreement(1, "1.02.02.2.02.0001", None, None)])
    assert _run(_bundle(_plan({"1.02.02.2.02.0001": ("5 Orang", 1)}), meeting=meeting)) == []


# -- SKN504 ------------------------------------------------------------------------------------------------
def _actions(*items: ActionItem) -> Meeting:
    return _meeting(action_items=items)


def test_skn504_reports_open_actions_past_due() -> None:
    meeting = _actions(
        ActionItem(id="T1", description="Revisi Renja", owner="Dinkes", due=dt.date(2025, 6, 30)),
        ActionItem(
            id="T2",
            description="Kirim data",
            owner="Bappeda",
            due=dt.date(2025, 6, 30),
            status=ActionStatus.IN_PROGRESS,
            provenance=Provenance(source="rapat.xlsx", sheet="Tindak Lanjut", row=3),
        ),
    )
    findings = _run(_bundle(_plan(dict(SUBS)), meeting=meeting))
    assert [(f.rule, f.subject) for f in findings] == [("SKN504", "rakortek-2025#T1"), ("SKN504", "rakortek-2025#T2")]
    assert findings[0].evidence["days_overdue"] == 199
    assert findings[1].location == Provenance(source="rapat.xlsx", sheet="Tindak Lanjut", row=3)


def test_skn504_is_silent_for_done_cancelled_undated_and_not_yet_due_actions() -> None:
    meeting = _actions(
        ActionItem(id="T1", description="a", owner="x", due=dt.date(2025, 6, 30), status=ActionStatus.DONE),
        ActionItem(id="T2", description="b", owner="x", due=dt.date(2025, 6, 30), status=ActionStatus.CANCELLED),
        ActionItem(id="T3", description="c", owner="x"),
        ActionItem(id="T4", description="d", owner="x", due=TODAY),
    )
    assert _run(_bundle(_plan(dict(SUBS)), meeting=meeting)) == []


# -- SKN505 ------------------------------------------------------------------------------------------------
def test_skn505_reports_a_desk_outcome_no_agreement_supports() -> None:
    desk = Desk(id="D1", name="Desk Kesehatan", outcomes=["Prevalensi stunting", "Angka kematian ibu"])
    findings = _run(_bundle(_plan(dict(SUBS)), meeting=_meeting(desks=[desk])))
    assert [(f.rule, f.subject, f.evidence["outcome"]) for f in findings] == [
        ("SKN505", "rakortek-2025#D1", "Angka kematian ibu")
    ]
    assert findings[0].path == "Rakortekrenbang 2025 › Desk Kesehatan"
    assert findings[0].location == Provenance(source="rapat.xlsx")


def test_skn505_matches_outcomes_ignoring_case_and_punctuation() -> None:
    desk = Desk(id="D1", name="Desk Kesehatan", outcomes=["PREVALENSI  STUNTING."])
    assert _run(_bundle(_plan(dict(SUBS)), meeting=_meeting(desks=[desk]))) == []


def test_skn505_counts_only_agreements_of_the_same_desk() -> None:
    desks = [Desk(id="D1", name="Desk Kesehatan"), Desk(id="D2", name="Desk Sosial", outcomes=["Prevalensi stunting"])]
    findings = _run(_bundle(_plan(dict(SUBS)), meeting=_meeting(desks=desks)))
    assert [(f.rule, f.subject) for f in findings] == [("SKN505", "rakortek-2025#D2")]


# -- SKN506 ------------------------------------------------------------------------------------------------
def _national(*programs: tuple[str, str], crosswalk: dict[str, str] | None = None) -> NationalRecords:
    plan = MinistryPlan(
        id="renja-kemenkes-2026",
        ministry_code="024",
        year=2026,
        title="Renja K/L Kemenkes 2026",
        programs=[MinistryProgram(code=KLCode.parse(c), name=n) for c, n in programs],
    )
    crosswalks = []
    if crosswalk:
        rows = [ProgramSectorMapping(program=KLCode.parse(p), sector=Code.parse(s)) for p, s in crosswalk.items()]
        crosswalks.append(ProgramSectorCrosswalk(id="program-bidang", version="2026", rows=rows))
    return NationalRecords(
        ministries=[Ministry(code="024", name="Kementerian Kesehatan", alias="Kemenkes")],
        plans=[plan],
        program_crosswalks=crosswalks,
    )


def _proposal(sector: str | None = "1.06", to: str = "Kemenkes", year: int | None = 2026) -> Meeting:
    return _meeting(
        proposals=[
            Proposal(
                id="U1",
                government_id="62",
                title="Rumah singgah lansia",
                addressed_to=to,
                rank=1,
                sector=Code.parse(sector) if sector else None,
                year=year,
            )
        ]
    )


def test_skn506_reports_a_proposal_no_program_of_the_kl_serves_by_crosswalk() -> None:
    national = _national(("024.05.DL", "Program Pelayanan Kesehatan dan JKN"), crosswalk={"024.05.DL": "1.02"})
    findings = _run(_bundle(_plan(dict(SUBS)), meeting=_proposal(), national=national))
    assert [(f.rule, f.subject) for f in findings] == [("SKN506", "rakortek-2025#U1")]
    assert findings[0].evidence["matched_by"] == "crosswalk"
    assert findings[0].evidence["programs"] == ["024.05.DL Program Pelayanan Kesehatan dan JKN"]
    fits = _run(_bundle(_plan(dict(SUBS)), meeting=_proposal("1.02"), national=national))
    assert fits == []


def test_skn506_matches_by_bidang_name_without_a_crosswalk() -> None:
    national = _national(("024.05.DL", "Program Pelayanan Kesehatan dan JKN"))
    assert _run(_bundle(_plan(dict(SUBS)), meeting=_proposal("1.02", to="024"), national=national)) == []
    findings = _run(
        _bundle(_plan(dict(SUBS)), meeting=_proposal("1.06", to="Kementerian  Kesehatan"), national=national)
    )
    assert [f.evidence["matched_by"] for f in findings] == ["name"]


def test_skn506_is_silent_without_the_kl_plans_of_the_year_or_a_sector() -> None:
    national = _national(("024.05.DL", "Program Pelayanan Kesehatan dan JKN"), crosswalk={"024.05.DL": "1.02"})
    assert _run(_bundle(_plan(dict(SUBS)), meeting=_proposal(year=2027), national=national)) == []
    assert _run(_bundle(_plan(dict(SUBS)), meeting=_proposal(to="Kemensos"), national=national)) == []
    assert _run(_bundle(_plan(dict(SUBS)), meeting=_proposal(sector=None), national=national)) == []
    assert _run(_bundle(_plan(dict(SUBS)), meeting=_proposal())) == []


@pytest.mark.parametrize("rule", ["SKN501", "SKN502", "SKN503", "SKN504", "SKN505", "SKN506"])
def test_rules_are_silent_on_a_bundle_without_meetings(rule: str) -> None:
    bundle = Bundle(plans=[_plan(dict(SUBS))])
    assert not check(bundle, [rule], config=CheckConfig(today=TODAY)).findings
