from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinkron import (
    Activity,
    Agreement,
    Budget,
    BudgetKind,
    Bundle,
    Code,
    Government,
    GovernmentLevel,
    Indicator,
    InvalidModel,
    Link,
    LinkKind,
    Meeting,
    MeetingKind,
    Money,
    Participant,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    ReportingPeriod,
    Spending,
    SubActivity,
    Target,
    Value,
    ValueKind,
)

SUB = Code.parse("1.02.02.2.02.0001")


def sub(**kw: object) -> SubActivity:
    return SubActivity(code=SUB, name="Pengelolaan Pelayanan Kesehatan Ibu Hamil", **kw)  # type: ignore[arg-type]


def test_models_are_frozen_and_keyword_only() -> None:
    item = sub()
    with pytest.raises(AttributeError):
        item.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        SubActivity(SUB, "x")  # type: ignore[misc]
    assert not hasattr(item, "__dict__")  # slotted


def test_negative_pagu_is_rejected() -> None:
    with pytest.raises(InvalidModel, match="must not be negative"):
        Money(-1)
    with pytest.raises(InvalidModel, match="finite"):
        Money(Decimal("NaN"))
    with pytest.raises(InvalidModel, match="finite Decimal"):
        Money(1.5)  # type: ignore[arg-type]


def test_empty_code_and_name_are_rejected() -> None:
    with pytest.raises(InvalidModel, match="non-empty"):
        sub(agency_id="x", id="")
    with pytest.raises(InvalidModel, match="SubActivity.name"):
        SubActivity(code=SUB, name="  ")
    with pytest.raises(InvalidModel, match="expected a sub_kegiatan code"):
        SubActivity(code=Code.parse("1.02.02"), name="x")
    with pytest.raises(InvalidModel, match="use Code.parse"):
        SubActivity(code="1.02.02.2.02.0001", name="x")  # type: ignore[arg-type]


def test_value_kinds_and_validation() -> None:
    assert Value.parse("7,0–8,0").kind is ValueKind.RANGE
    assert Value.parse("96 %").number == Decimal(96)
    assert Value.parse("1 dari 3 kegiatan").kind is ValueKind.TEXT
    assert Value.of(5, "%").text == "5 %"
    assert Value(low=Decimal(1), high=Decimal(2)).midpoint == Decimal("1.5")
    with pytest.raises(InvalidModel, match="greater than high"):
        Value(low=Decimal(3), high=Decimal(1))
    with pytest.raises(InvalidModel, match="both low and high"):
        Value(low=Decimal(3))
    with pytest.raises(InvalidModel, match="not both"):
        Value(number=Decimal(1), low=Decimal(0), high=Decimal(2))
    with pytest.raises(InvalidModel, match="needs its text"):
        Value()
    with pytest.raises(InvalidModel, match="empty text"):
        Value.parse("   ")


def test_target_year_outside_period_is_allowed() -> None:
    # Allowed in the model; the completeness rules report it.
    ind = Indicator(name="Cakupan", targets=[Target(year=2031, value=Value.of(90))])
    plan = Plan(
        id="p",
        kind=PlanKind.RENSTRA_PD,
        title="Renstra",
        period=PlanPeriod(start=2025, end=2029),
        programs=[Program(code=Code.parse("1.02.02"), name="P", indicators=[ind])],
    )
    assert 2031 not in plan.period
    assert plan.programs[0].indicators[0].target_for(2031) == Value.of(90)


def test_period_and_years() -> None:
    with pytest.raises(InvalidModel, match="after end year"):
        PlanPeriod(start=2029, end=2025)
    with pytest.raises(InvalidModel, match="a year"):
        PlanPeriod(start=25, end=29)
    period = PlanPeriod(start=2025, end=2029)
    assert period.year_index(2027) == 3
    assert str(period) == "2025–2029"


def test_duplicate_ids_are_rejected() -> None:
    with pytest.raises(InvalidModel, match="duplicate sub kegiatan id"):
        Activity(code=Code.parse("1.02.02.2.02"), name="K", sub_activities=[sub(), sub()])
    two = Indicator(name="Jumlah ibu hamil")
    with pytest.raises(InvalidModel, match="duplicate indicator"):
        sub(indicators=[two, two])
    with pytest.raises(InvalidModel, match="duplicate plan"):
        Bundle(plans=[Plan(id="a", kind=PlanKind.RKPD, title="x", period=PlanPeriod(start=2026, end=2026))] * 2)


def test_same_code_in_two_agencies_gets_distinct_ids() -> None:
    a, b = sub(agency_id="dinkes"), sub(agency_id="rsud")
    assert a.id == "dinkes/1.02.02.2.02.0001" and b.id != a.id
    activity = Activity(code=Code.parse("1.02.02.2.02"), name="K", sub_activities=[a, b])
    assert len(activity.sub_activities) == 2


def test_budget_for_prefers_the_most_final_kind() -> None:
    item = sub(
        budgets=[
            Budget(year=2026, amount=Money(100), kind=BudgetKind.INDICATIVE),
            Budget(year=2026, amount=Money(90), kind=BudgetKind.CEILING),
            Budget(year=2027, amount=Money(120)),
        ]
    )
    assert item.budget_for(2026) == Money(90)
    assert item.budget_for(2026, BudgetKind.INDICATIVE) == Money(100)
    assert item.budget_for(2028) is None


_BUDGETS = st.lists(
    st.builds(
        Budget,
        year=st.integers(2025, 2027),
        amount=st.integers(0, 10**9).map(Money),
        kind=st.sampled_from(BudgetKind),
    ),
    max_size=5,
)


@settings(max_examples=80, deadline=None)
@given(_BUDGETS, st.integers(2025, 2027), st.none() | st.sampled_from(BudgetKind))
def test_budget_for_sums_the_most_final_kind_of_the_year(budgets: list[Budget], year: int, kind: Any) -> None:
    # Several budgets of one year and kind add up; without a kind, the revised pagu wins over the
    # ceiling, the ceiling over the indicative pagu.
    of_year = [b for b in budgets if b.year == year and (kind is None or b.kind is kind)]
    expected = None
    for candidate in (BudgetKind.INDICATIVE, BudgetKind.CEILING, BudgetKind.REVISED):
        amounts = [b.amount.amount for b in of_year if b.kind is candidate]
        if amounts:
            expected = Money(sum(amounts))
    assert sub(budgets=budgets).budget_for(year, kind) == expected


def test_government_region_codes() -> None:
    assert Government(level=GovernmentLevel.PROVINCE, region_code="62", name="Kalimantan Tengah").id == "62"
    with pytest.raises(InvalidModel, match="kode wilayah"):
        Government(level=GovernmentLevel.CITY, region_code="6271", name="x")
    with pytest.raises(InvalidModel, match="kabupaten/kota code"):
        Government(level=GovernmentLevel.CITY, region_code="62", name="x")
    with pytest.raises(InvalidModel, match="needs its kode wilayah"):
        Government(level=GovernmentLevel.REGENCY, name="x")


def test_meeting_validation() -> None:
    with pytest.raises(InvalidModel, match="before it starts"):
        Meeting(id="m", kind=MeetingKind.RAKOR, title="t", start=dt.date(2025, 10, 29), end=dt.date(2025, 10, 26))
    with pytest.raises(InvalidModel, match="unknown desk"):
        Meeting(
            id="m",
            kind=MeetingKind.RAKORTEKRENBANG,
            title="t",
            start=dt.date(2025, 3, 1),
            agreements=[Agreement(id="a", agency_id="x", sub_activity=SUB, year=2026, desk_id="nope")],
        )
    with pytest.raises(InvalidModel, match="at least 1"):
        Participant(role="Sekda", government_id="62", count=0)
    m = Meeting(
        id="m",
        kind=MeetingKind.RAKOR,
        title="Rakor",
        start=dt.date(2025, 10, 26),
        participants=[
            Participant(role="Sekda", government_id="62", count=38),
            Participant(role="Kepala Bappeda", name="x", count=514),
        ],
    )
    assert m.participant_count == 552


def test_link_cannot_point_at_itself() -> None:
    with pytest.raises(InvalidModel, match="its own source"):
        Link(kind=LinkKind.SUPPORTS, source="a", target="a")


def test_bundle_merge_dedupes_shared_records() -> None:
    prov = Government(level=GovernmentLevel.PROVINCE, region_code="62", name="Kalteng")
    p1 = Plan(id="a", kind=PlanKind.RKPD, title="x", period=PlanPeriod(start=2026, end=2026))
    p2 = Plan(id="b", kind=PlanKind.RKPD, title="y", period=PlanPeriod(start=2026, end=2026))
    merged = Bundle(governments=[prov], plans=[p1], sources=["a"]).merge(
        Bundle(governments=[prov], plans=[p2], sources=["b"])
    )
    assert [p.id for p in merged.plans] == ["a", "b"]
    assert len(merged.governments) == 1
    assert merged.sources == ("a", "b")
    with pytest.raises(InvalidModel, match="duplicate plan"):
        merged.merge(Bundle(plans=[p1]))
    assert merged.plan("b") is p2
    with pytest.raises(KeyError):
        merged.plan("c")


_MERGED_BUNDLES = st.builds(
    Bundle,
    nomenclature=st.none() | st.sampled_from(["kepmendagri-900-1317-2023", "kepmendagri-050-5889-2021"]),
    sources=st.lists(st.sampled_from(["a.xlsx", "b.json", "c.csv"]), unique=True, max_size=2),
)


def _merged(build: Callable[[], Bundle]) -> Bundle | str:
    """The merged bundle, or the field a refused merge names."""
    try:
        return build()
    except InvalidModel as exc:
        return exc.field


@settings(max_examples=300, deadline=None)
@given(_MERGED_BUNDLES, _MERGED_BUNDLES, _MERGED_BUNDLES)
def test_bundle_merge_is_associative(first: Bundle, second: Bundle, third: Bundle) -> None:
    # However the merges are grouped, the result is the same bundle (the same nomenclature), and
    # bundles naming different nomenclature versions are refused in every grouping.
    groupings = [
        _merged(lambda: Bundle().merge(first, second, third)),
        _merged(lambda: first.merge(second, third)),
        _merged(lambda: first.merge(second).merge(third)),
        _merged(lambda: first.merge(second.merge(third))),
        _merged(lambda: Bundle().merge(first).merge(Bundle(), second).merge(third)),
    ]
    assert all(result == groupings[1] for result in groupings), groupings
    named = {b.nomenclature for b in (first, second, third)} - {None}
    if len(named) > 1:
        assert groupings[0] == "nomenclature"
    else:
        assert isinstance(groupings[0], Bundle) and groupings[0].nomenclature == next(iter(named), None)


def test_bundle_merge_refuses_conflicting_nomenclatures() -> None:
    older, newer = Bundle(nomenclature="kepmendagri-050-5889-2021"), Bundle(nomenclature="kepmendagri-900-1317-2023")
    assert Bundle().merge(newer, Bundle()).nomenclature == "kepmendagri-900-1317-2023"
    with pytest.raises(InvalidModel, match="different nomenclature versions") as raised:
        Bundle().merge(newer, older)
    assert "kepmendagri-050-5889-2021" in str(raised.value) and raised.value.field == "nomenclature"


@pytest.mark.parametrize(
    ("build", "model", "field", "shown"),
    [
        (lambda: Budget(year=2026, amount=5), "Budget", "amount", "Money(...)"),
        (lambda: Budget(year=2026, amount=Money(5), kind="pagu"), "Budget", "kind", "'pagu_perubahan'"),
        (lambda: Spending(year=2026, amount=Money(5), period="tw4"), "Spending", "period", "'q4'"),
        (lambda: Spending(year=2026, amount=Decimal(5)), "Spending", "amount", "Money(...)"),
        (
            lambda: Plan(id="rkpd", kind=PlanKind.RKPD, title="RKPD 2026", period=(2026, 2026)),
            "Plan",
            "period",
            "PlanPeriod(...)",
        ),
        (
            lambda: Plan(id="rkpd", kind="rkpd", title="RKPD 2026", period=PlanPeriod(start=2026, end=2026)),
            "Plan",
            "kind",
            "'renja_pd'",
        ),
    ],
)
def test_stand_ins_for_typed_values_are_rejected_where_they_are_written(
    build: Callable[[], object], model: str, field: str, shown: str
) -> None:
    """models.md: impossible states are rejected with the field named, not accepted to crash in a rule later."""
    with pytest.raises(InvalidModel) as raised:
        build()
    assert (raised.value.model, raised.value.field) == (model, field)
    assert shown in raised.value.reason  # how to build the right value


def test_the_typed_values_themselves_are_accepted() -> None:
    spent = Spending(year=2026, amount=Money(5), period=ReportingPeriod("q4"))
    plan = Plan(id="rkpd", kind=PlanKind("rkpd"), title="RKPD 2026", period=PlanPeriod(start=2026, end=2026))
    assert (spent.period, plan.year, Budget(year=2026, amount=Money(5)).kind) == (
        ReportingPeriod.Q4,
        2026,
        BudgetKind.INDICATIVE,
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jumlah Ibu Hamil (%)", "jumlah-ibu-hamil"),
        ("Persentase  Cakupan – Desa", "persentase-cakupan-desa"),
        ("%", "x"),
    ],
)
def test_slug_of_a_name(name: str, expected: str) -> None:
    from sinkron.models._base import slug

    assert slug(name) == expected
