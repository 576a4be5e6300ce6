"""In-year early warning (SKN606, SKN607) and the as-of date: each rule fires on a bundle built to break it
and stays silent on a consistent one; spending after the as-of date is not counted."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinkron import CheckConfig, SinkronError, check
from sinkron.align import Report
from sinkron.align.rules.early_warning import quarters_ended
from sinkron.codes import Code
from sinkron.models import (
    Activity,
    Agency,
    Budget,
    BudgetKind,
    Bundle,
    Government,
    GovernmentLevel,
    Money,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    ReportingPeriod,
    Spending,
    SubActivity,
)

AS_OF = dt.date(2026, 9, 30)
PROVINCE = Government(level=GovernmentLevel.PROVINCE, region_code="62", name="Provinsi Kalimantan Tengah")
AGENCY = Agency(code="1.02.0.00.0.00.01.0000", name="Dinas Kesehatan", government_id="62")
MILLION = 1_000_000
QUARTERS = (ReportingPeriod.Q1, ReportingPeriod.Q2, ReportingPeriod.Q3, ReportingPeriod.Q4)


def quarterly(amounts: Sequence[int], year: int = 2026) -> list[Spending]:
    return [Spending(year=year, amount=Money(a * MILLION), period=q) for q, a in zip(QUARTERS, amounts, strict=False)]


def monthly(amounts: Sequence[int], year: int = 2026) -> list[Spending]:
    return [
        Spending(year=year, amount=Money(a * MILLION), period=ReportingPeriod.month(m))
        for m, a in enumerate(amounts, start=1)
    ]


def sub(number: int, cash_plan: list[Spending], spending: list[Spending], pagu: int = 1000) -> SubActivity:
    return SubActivity(
        code=Code.parse(f"1.02.02.2.02.{number:04d}"),
        name=f"Sub kegiatan {number}",
        agency_id=AGENCY.id,
        budgets=[Budget(year=2026, amount=Money(pagu * MILLION), kind=BudgetKind.CEILING)],
        cash_plan=cash_plan,
        spending=spending,
    )


def bundle(*subs: SubActivity) -> Bundle:
    plan = Plan(
        id="dpa-dinkes-2026",
        kind=PlanKind.DPA,
        title="DPA Dinas Kesehatan 2026",
        period=PlanPeriod(start=2026, end=2026),
        owner_id=AGENCY.id,
        government_id="62",
        programs=[
            Program(
                code=Code.parse("1.02.02"),
                name="Program Pemenuhan Upaya Kesehatan",
                agency_id=AGENCY.id,
                activities=[
                    Activity(code=Code.parse("1.02.02.2.02"), name="Kegiatan", agency_id=AGENCY.id, sub_activities=subs)
                ],
            )
        ],
    )
    return Bundle(governments=[PROVINCE], agencies=[AGENCY], plans=[plan])


def run(data: Bundle, rule: str, as_of: dt.date = AS_OF, **options: object) -> Report:
    report = check(data, [rule], CheckConfig(options={rule: options} if options else {}), as_of=as_of)
    assert not report.rule_failures, report.rule_failures
    return report


EVEN = quarterly([250, 250, 250, 250])


def test_quarters_ended_counts_quarter_ends_on_or_before_the_date() -> None:
    assert [quarters_ended(dt.date(2026, m, d)) for m, d in ((3, 30), (3, 31), (9, 29), (9, 30), (12, 31))] == [
        0,
        1,
        2,
        3,
        4,
    ]


# -- SKN606 -------------------------------------------------------------------------------------


def test_skn606_fires_per_sub_kegiatan_and_per_agency_when_behind_the_cash_plan() -> None:
    behind = sub(1, EVEN, quarterly([100, 150, 100]))
    on_plan = sub(2, EVEN, quarterly([250, 250, 250]))
    report = run(bundle(behind, on_plan), "SKN606")
    by_level = {f.evidence["level"]: f for f in report.findings}
    assert set(by_level) == {"sub_activity", "agency"}
    one = by_level["sub_activity"]
    assert one.subject.endswith("1.02.02.2.02.0001")
    assert one.evidence["gap"] == Decimal(400 * MILLION)
    assert one.evidence["gap_points"] == Decimal("40.00")
    assert one.evidence["quarter"] == "III"
    assert "2026-09-30" in one.message.id and "2026-09-30" in one.message.en
    assert "Rp 400.000.000" in one.message.id
    agency = by_level["agency"]
    assert agency.subject == "dpa-dinkes-2026"
    assert agency.evidence["gap"] == Decimal(400 * MILLION)
    assert agency.evidence["gap_points"] == Decimal("20.00")  # 400 of a pagu of 2 000
    assert agency.evidence["sub_activities"] == 2
    assert "Dinas Kesehatan" in agency.message.en


def test_skn606_is_silent_when_spending_follows_the_cash_plan() -> None:
    data = bundle(sub(1, EVEN, quarterly([250, 240, 260])), sub(2, monthly([80] * 12), monthly([80] * 9)))
    assert run(data, "SKN606").findings == ()


def test_skn606_counts_only_periods_ended_by_the_as_of_date() -> None:
    # On plan to June, nothing in Q3, then a catch-up in October: at the end of Q3 it has not happened yet.
    data = bundle(sub(1, monthly([80] * 12), monthly([80] * 6 + [0, 0, 0, 300])))

    def spent(as_of: dt.date) -> list[Decimal]:
        return [f.evidence["spent"] for f in run(data, "SKN606", as_of=as_of).findings]

    assert spent(AS_OF) == [Decimal(480 * MILLION)] * 2  # the sub kegiatan and its perangkat daerah
    assert spent(dt.date(2026, 10, 31)) == [Decimal(480 * MILLION)] * 2  # still judged at the end of Q3
    assert spent(dt.date(2026, 12, 31)) == [Decimal(780 * MILLION)] * 2  # Q4 counts October


def test_skn606_waits_for_the_first_quarter_end_and_takes_its_threshold() -> None:
    data = bundle(sub(1, EVEN, quarterly([100, 150, 100])))
    assert run(data, "SKN606", as_of=dt.date(2026, 3, 30)).findings == ()
    assert run(data, "SKN606", max_gap_points="45").findings == ()
    assert run(data, "SKN606", max_gap_points="39").findings != ()


def test_skn606_ignores_sub_kegiatan_without_a_cash_plan_and_other_years() -> None:
    data = bundle(sub(1, [], quarterly([0, 0, 0])), sub(2, quarterly([250, 250, 250, 250], 2025), []))
    assert run(data, "SKN606").findings == ()


# -- SKN607 -------------------------------------------------------------------------------------


def test_skn607_fires_when_the_shortfall_would_pile_up_in_q4() -> None:
    # The plan keeps 25 % for Q4; 300 of the 750 planned to September is not spent: Q4 would carry 550 of 1 000.
    report = run(bundle(sub(1, EVEN, quarterly([150, 150, 150]))), "SKN607")
    (finding,) = report.findings
    assert finding.evidence["q4_share_percent"] == Decimal("55.00")
    assert finding.evidence["behind"] == Decimal(300 * MILLION)
    assert finding.evidence["projected_q4"] == Decimal(550 * MILLION)
    assert "2026-09-30" in finding.message.id and "55,0%" in finding.message.id


def test_skn607_fires_on_a_cash_plan_that_itself_leaves_most_for_q4() -> None:
    report = run(bundle(sub(1, quarterly([100, 100, 100, 700]), quarterly([100, 100, 100]))), "SKN607")
    assert [f.evidence["q4_share_percent"] for f in report.findings] == [Decimal("70.00")]


def test_skn607_is_silent_on_plan_at_year_end_and_under_the_threshold() -> None:
    assert run(bundle(sub(1, EVEN, quarterly([250, 250, 250]))), "SKN607").findings == ()
    behind = bundle(sub(1, EVEN, quarterly([150, 150, 150])))
    assert run(behind, "SKN607", max_q4_share_percent="60").findings == ()
    assert run(behind, "SKN607", as_of=dt.date(2026, 12, 31)).findings == ()  # the year is over: SKN603's turn


@settings(max_examples=40, deadline=None)
@given(
    plan=st.lists(st.integers(min_value=0, max_value=500), min_size=12, max_size=12),
    month=st.integers(min_value=3, max_value=11),
)
def test_spending_that_follows_a_generated_cash_plan_raises_no_early_warning(plan: list[int], month: int) -> None:
    as_of = dt.date(2026, month + 1, 1) - dt.timedelta(days=1)
    data = bundle(sub(1, monthly(plan), monthly(plan[:month]), pagu=max(sum(plan) // MILLION, 1)))
    assert run(data, "SKN606", as_of=as_of).findings == ()
    q4 = sum(plan[9:])
    findings = run(data, "SKN607", as_of=as_of).findings
    assert bool(findings) == (sum(plan) > 0 and Decimal(q4) / Decimal(sum(plan)) * 100 > 40)


# -- the as-of date ----------------------------------------------------------------------------


def test_as_of_is_the_check_date_and_cannot_contradict_today() -> None:
    data = bundle(sub(1, EVEN, quarterly([100, 150, 100])))
    direct = check(data, ["SKN606"], as_of=AS_OF)
    configured = check(data, ["SKN606"], CheckConfig(as_of=AS_OF))
    assert direct.findings == configured.findings != ()
    with pytest.raises(SinkronError, match="as_of"):
        check(data, ["SKN606"], CheckConfig(as_of=AS_OF, today=dt.date(2026, 11, 1)))


def test_closed_year_rules_leave_the_open_year_of_the_as_of_date_alone() -> None:
    # A December figure is already in the data, but on 30 September it has not happened: the year is open.
    data = bundle(
        sub(1, EVEN, [*monthly([30] * 9), Spending(year=2026, amount=Money(100 * MILLION), period=ReportingPeriod.M12)])
    )
    assert check(data, ["SKN602"], as_of=AS_OF).findings == ()
    # Once the year is over (no as-of date, or one after it) the closed-year rule judges it as before.
    (closed,) = check(data, ["SKN602"], CheckConfig(today=dt.date(2027, 1, 15))).findings
    assert closed.evidence["absorption_percent"] == Decimal("37.00")
    assert check(data, ["SKN602"], as_of=dt.date(2027, 1, 15)).findings == (closed,)


def test_cli_as_of_is_the_date_durations_count_to() -> None:
    from click.testing import CliRunner

    from sinkron.cli import main

    def skn504(*extra: str) -> list[dict[str, object]]:
        args = ["check", "--demo", "--select", "SKN504", "--format", "json", "--exit-zero", *extra]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        return [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "SKN504"]

    stated = skn504("--as-of", "2026-09-30")
    assert stated, "the demo has overdue action items"
    for finding in stated:
        evidence = finding["evidence"]
        assert isinstance(evidence, dict) and evidence["today"] == "2026-09-30"
        due = dt.date.fromisoformat(str(evidence["due"]))
        assert evidence["days_overdue"] == (AS_OF - due).days
        assert "2026-09-30" in json.dumps(finding["message"], ensure_ascii=False)
    bad = CliRunner().invoke(main, ["check", "--demo", "--as-of", "30/09/2026"])
    assert bad.exit_code == 2 and "--as-of" in bad.output


def test_cli_demo_as_of_shows_the_planted_early_warning() -> None:
    from click.testing import CliRunner

    from sinkron.cli import main

    args = ["check", "--demo", "--as-of", "2026-09-30", "--select", "SKN606,SKN607", "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output  # warnings only
    found = {(f["rule"], f["subject"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {
        ("SKN606", "renja-dinkes-kalteng-2026#kalteng.dinkes/1.02.02.2.02.0004"),
        ("SKN607", "renja-pupr-kalteng-2026"),
    }
    quiet = CliRunner().invoke(main, [*args[:2], *args[4:]])  # the demo's own date, 15 January 2026
    assert json.loads(quiet.stdout)["findings"] == []
