"""Hypothesis strategies that generate valid planning data.

Data is valid by construction: codes exist in the shipped nomenclature (unless
``known=False``), kegiatan sit under their program and sub kegiatan under their kegiatan,
a parent's pagu is the sum of its children's, target years fall in the plan period.

>>> from hypothesis import given
>>> from sinkron.testing import strategies as sst
>>> @given(sst.sub_activities())
... def test_has_a_code(item):
...     assert item.code.level.value == "sub_kegiatan"
>>> test_has_a_code()
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, overload

import attrs
from hypothesis import strategies as st

from sinkron.codes import PROVINCIAL_VARIANT, Code, CodeLevel
from sinkron.models import (
    ActionItem,
    ActionStatus,
    Activity,
    Agency,
    AgendaItem,
    Agreement,
    Baseline,
    Budget,
    BudgetLine,
    Bundle,
    Desk,
    Direction,
    FundingSource,
    Goal,
    Government,
    GovernmentLevel,
    Indicator,
    IndicatorKind,
    Link,
    LinkKind,
    Meeting,
    MeetingKind,
    Mission,
    Money,
    Objective,
    Origin,
    Participant,
    Plan,
    PlanKind,
    PlanPeriod,
    PlanStage,
    PriceStandard,
    Priority,
    PriorityKind,
    Program,
    Proposal,
    Provenance,
    Realisation,
    ReportingPeriod,
    Spending,
    SubActivity,
    Target,
    Value,
    ref,
)
from sinkron.nomenclature import KABKOTA_SCOPE, PROVINCIAL_SCOPE, Entry, default_nomenclature, provincial_nomenclature

if TYPE_CHECKING:
    from sinkron.testing.faults import FaultyBundle

__all__ = [
    "activities",
    "agencies",
    "bundles",
    "codes",
    "governments",
    "indicators",
    "meetings",
    "money",
    "plans",
    "priorities",
    "programs",
    "sub_activities",
    "values",
]

_WORDS = [
    "Pelayanan",
    "Kesehatan",
    "Ibu",
    "Hamil",
    "Pembangunan",
    "Jalan",
    "Jembatan",
    "Penyediaan",
    "Air",
    "Minum",
    "Sanitasi",
    "Bantuan",
    "Sosial",
    "Penanggulangan",
    "Kemiskinan",
    "Stunting",
    "Pendidikan",
    "Dasar",
    "Ketahanan",
    "Pangan",
    "Desa",
    "Mandiri",
    "Laporan",
    "Dokumen",
]
_UNITS = ("%", "Orang", "Dokumen", "Laporan", "Unit", "Km", "Desa", "Keluarga", "Bulan", "Paket")

text = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map(" ".join)
years = st.integers(min_value=2020, max_value=2035)


@functools.lru_cache(maxsize=2)
def _tree(
    scope: str = KABKOTA_SCOPE,
) -> tuple[tuple[Entry, ...], dict[Code, tuple[Entry, ...]], dict[Code, tuple[Entry, ...]]]:
    """Concrete (non-generic) programs of the shipped list of ``scope`` with their kegiatan, and kegiatan with
    sub kegiatan (a provincial tree holds provincial kegiatan only, variant ``1``)."""
    provincial = scope == PROVINCIAL_SCOPE
    entries = (provincial_nomenclature() if provincial else default_nomenclature()).entries()
    children: dict[Code, list[Entry]] = {}
    # Only programs whose kegiatan have sub kegiatan can hold a complete tree.
    for code, entry in entries.items():
        if provincial and code.variant != PROVINCIAL_VARIANT:
            continue
        if code.parent is not None and code.level in (CodeLevel.ACTIVITY, CodeLevel.SUB_ACTIVITY):
            children.setdefault(code.parent, []).append(entry)
    programs = tuple(
        e
        for c, e in sorted(entries.items())
        if c.level is CodeLevel.PROGRAM and not c.is_generic and any(a.code in children for a in children.get(c, ()))
    )
    by_parent = {k: tuple(sorted(v, key=lambda e: e.code)) for k, v in children.items()}
    with_subs = {p.code: tuple(a for a in by_parent[p.code] if a.code in by_parent) for p in programs}
    return programs, by_parent, with_subs


@functools.lru_cache(maxsize=256)
def codes(level: CodeLevel = CodeLevel.SUB_ACTIVITY, *, known: bool = True) -> st.SearchStrategy[Code]:
    """Codes of ``level``: from the shipped nomenclature, or (``known=False``) well-formed but absent from it."""
    entries = default_nomenclature().entries()
    if known:
        pool = sorted(c for c in entries if c.level is level and not c.is_generic)
        return st.sampled_from(pool)
    n_parts = {
        CodeLevel.AFFAIR: 1,
        CodeLevel.SECTOR: 2,
        CodeLevel.PROGRAM: 3,
        CodeLevel.ACTIVITY: 5,
        CodeLevel.SUB_ACTIVITY: 6,
    }[level]
    widths = (1, 2, 2, 1, 2, 4)[:n_parts]
    parts = st.tuples(*(st.integers(1, 10**w - 1).map(functools.partial(_padded, width=w)) for w in widths))
    unknown_parts = parts.filter(lambda p: p[0] in "123" and (len(p) < 4 or p[3] in "1234579"))
    return unknown_parts.map(lambda p: Code(parts=tuple(p))).filter(lambda c: c not in entries)


def money(max_amount: int = 50_000_000_000) -> st.SearchStrategy[Money]:
    """Rupiah amounts, whole thousands (as budget documents write them)."""
    return st.integers(0, max_amount // 1000).map(lambda n: Money(Decimal(n * 1000)))


_numbers = st.integers(0, 10**11).map(lambda n: Decimal(n).scaleb(-2)) | st.integers(0, 10**6).map(Decimal)
_number_values = st.builds(lambda n, u: Value(number=n, unit=u), _numbers, st.none() | st.sampled_from(_UNITS))
_range_values = st.tuples(_numbers, _numbers).map(sorted).map(lambda lh: Value(low=lh[0], high=lh[1], unit="%"))
_text_values = st.sampled_from(("Tersedia", "WTP", "Baik", "Terlaksana")).map(lambda t: Value(text=t))
_measurable_values = _number_values | _range_values


def values(*, measurable: bool | None = None) -> st.SearchStrategy[Value]:
    """Numbers with units, ranges, and qualitative text; ``measurable=True`` leaves text out."""
    if measurable is True:
        return _measurable_values
    if measurable is False:
        return _text_values
    return _measurable_values | _text_values


@functools.lru_cache(maxsize=256)
def indicators(
    *, period: PlanPeriod | None = None, kind: IndicatorKind | None = None, name: str | None = None
) -> st.SearchStrategy[Indicator]:
    """Indicators with a unit, a baseline and one measurable target per year of ``period``."""
    period = period or PlanPeriod(start=2025, end=2029)

    years = list(period.years)

    @st.composite
    def build(draw: st.DrawFn) -> Indicator:
        # Few draws per indicator keep 200 bundles within seconds; values still vary in kind and size.
        unit = draw(st.sampled_from(_UNITS))
        base = draw(_numbers)
        step = Decimal(draw(st.integers(0, 20)))
        as_range = draw(st.booleans())

        def value_at(i: int) -> Value:
            n = base + step * i
            return Value(low=n, high=n + step + 1, unit=unit) if as_range else Value(number=n, unit=unit)

        realised = draw(st.integers(0, len(years)))
        return Indicator(
            name=name or f"Jumlah {draw(text)}",
            unit=unit,
            kind=kind or draw(st.sampled_from(IndicatorKind)),
            direction=draw(st.sampled_from(Direction)),
            baseline=Baseline(value=Value(number=base, unit=unit), year=period.start - 1),
            targets=[Target(year=y, value=value_at(i + 1)) for i, y in enumerate(years)],
            # Realised on target (the number, or a range's low end): clean data has no low achievement.
            realisations=[
                Realisation(year=y, value=Value(number=base + step * (i + 1), unit=unit))
                for i, y in enumerate(years[:realised])
            ],
        )

    return build()


def _budgets(period: PlanPeriod) -> st.SearchStrategy[tuple[Budget, ...]]:
    """Pagu per year, growing 10% a year from a drawn first-year amount."""
    return money().map(
        lambda m: tuple(
            Budget(year=y, amount=Money((m.amount * Decimal("1.1") ** i).quantize(Decimal(1000))))
            for i, y in enumerate(period.years)
        )
    )


def _summed(children: Sequence[SubActivity | Activity], period: PlanPeriod) -> tuple[Budget, ...]:
    return tuple(
        Budget(year=y, amount=Money.total(c.budget_for(y) or Money.zero() for c in children)) for y in period.years
    )


_LOCATIONS = st.lists(st.sampled_from(("Kec. Pahandut", "Kec. Jekan Raya", "Semua Kecamatan")), max_size=2, unique=True)
_FUNDING = st.lists(
    st.builds(
        FundingSource, name=st.sampled_from(("PAD", "DAU", "DAK Fisik")), code=st.sampled_from(("1.1", "2.1", "2.2.01"))
    ),
    max_size=2,
)


def _draw_budget_line(draw: st.DrawFn) -> BudgetLine:
    """A rincian belanja line whose jumlah is its harga satuan × its (possibly compound) volumes."""
    volumes = draw(st.lists(st.integers(1, 500).map(Decimal), min_size=1, max_size=2))
    units = draw(st.sampled_from(((), ("lembar", "bulan", "kali")[: len(volumes)])))
    price = Money(draw(st.integers(1, 5_000)) * 100)
    amount = price.amount
    for volume in volumes:
        amount *= volume
    return BudgetLine(
        account=draw(st.sampled_from(("5.1.02.01.01.0024", "5.1.02.01.01.0052", "5.1.02.02.01.0004"))),
        description=draw(st.sampled_from((None, "Alat Tulis Kantor", "Makan Minum Rapat"))),
        component=draw(st.sampled_from(("Kertas HVS", "Nasi Kotak", "Honorarium Narasumber"))),
        standard=draw(st.sampled_from((None, *PriceStandard))),
        unit_price=price,
        volumes=volumes,
        units=units,
        amount=Money(amount),
        funding_code=draw(st.sampled_from((None, "1.2.1.01.02"))),
    )


def _draw_sub(draw: st.DrawFn, entry: Entry, period: PlanPeriod, agency_id: str | None) -> SubActivity:
    indicator = draw(indicators(period=period, kind=IndicatorKind.OUTPUT))
    indicator = attrs.evolve(indicator, name=entry.indikator or entry.name, unit=entry.satuan or indicator.unit)
    months, monthly = draw(st.integers(0, 12)), draw(money(1_000_000_000))
    return SubActivity(
        code=entry.code,
        name=entry.name,
        agency_id=agency_id,
        indicators=[indicator],
        budgets=draw(_budgets(period)),
        spending=[
            Spending(year=period.start, amount=monthly, period=ReportingPeriod.month(m + 1)) for m in range(months)
        ],
        locations=draw(_LOCATIONS),
        funding=draw(_FUNDING),
        budget_lines=[_draw_budget_line(draw) for _ in range(draw(st.integers(0, 2)))],
    )


def _draw_children(draw: st.DrawFn, pool: Sequence[Entry], max_size: int) -> list[Entry]:
    indices = draw(st.lists(st.integers(0, len(pool) - 1), min_size=1, max_size=max_size, unique=True))
    return [pool[i] for i in sorted(indices)]


def _draw_activity(
    draw: st.DrawFn, entry: Entry, period: PlanPeriod, agency_id: str | None, scope: str = KABKOTA_SCOPE
) -> Activity:
    _, children, _ = _tree(scope)
    subs = [_draw_sub(draw, e, period, agency_id) for e in _draw_children(draw, children[entry.code], 3)]
    return Activity(
        code=entry.code,
        name=entry.name,
        agency_id=agency_id,
        sub_activities=subs,
        budgets=_summed(subs, period),
        indicators=[draw(indicators(period=period, kind=IndicatorKind.OUTCOME))],
    )


def _draw_program(
    draw: st.DrawFn, entry: Entry, period: PlanPeriod, agency_id: str | None, scope: str = KABKOTA_SCOPE
) -> Program:
    _, _, with_subs = _tree(scope)
    acts = [_draw_activity(draw, e, period, agency_id, scope) for e in _draw_children(draw, with_subs[entry.code], 2)]
    return Program(
        code=entry.code,
        name=entry.name,
        agency_id=agency_id,
        activities=acts,
        budgets=_summed(acts, period),
        indicators=[draw(indicators(period=period, kind=IndicatorKind.OUTCOME))],
    )


def _padded(number: int, width: int) -> str:
    return str(number).zfill(width)


@functools.lru_cache(maxsize=256)
def sub_activities(*, period: PlanPeriod | None = None, agency_id: str | None = None) -> st.SearchStrategy[SubActivity]:
    """Sub kegiatan from the shipped nomenclature with an output indicator (its indikator and satuan) and pagu."""
    period = period or PlanPeriod(start=2025, end=2029)
    entries = default_nomenclature().entries()
    pool = codes(CodeLevel.SUB_ACTIVITY).map(entries.__getitem__)
    return st.composite(lambda draw: _draw_sub(draw, draw(pool), period, agency_id))()


@functools.lru_cache(maxsize=256)
def activities(*, period: PlanPeriod | None = None, agency_id: str | None = None) -> st.SearchStrategy[Activity]:
    """Kegiatan with 1–3 sub kegiatan under it; its pagu is the sum of theirs."""
    period = period or PlanPeriod(start=2025, end=2029)
    programs_, _, with_subs = _tree()
    pool = st.sampled_from(programs_).flatmap(lambda p: st.sampled_from(with_subs[p.code]))
    return st.composite(lambda draw: _draw_activity(draw, draw(pool), period, agency_id))()


@functools.lru_cache(maxsize=256)
def programs(*, period: PlanPeriod | None = None, agency_id: str | None = None) -> st.SearchStrategy[Program]:
    """Programs with 1–2 kegiatan, each with 1–3 sub kegiatan; pagu adds up at every level."""
    period = period or PlanPeriod(start=2025, end=2029)
    program_entries, _, _ = _tree()
    return st.composite(lambda draw: _draw_program(draw, draw(st.sampled_from(program_entries)), period, agency_id))()


@functools.lru_cache(maxsize=256)
def governments(level: GovernmentLevel | None = None) -> st.SearchStrategy[Government]:
    """A province or kabupaten/kota with a well-formed kode wilayah."""
    province = st.integers(11, 96).map(
        lambda n: Government(level=GovernmentLevel.PROVINCE, region_code=f"{n:02d}", name=f"Provinsi {n}")
    )
    regency = st.tuples(
        st.integers(11, 96), st.integers(1, 79), st.sampled_from((GovernmentLevel.REGENCY, GovernmentLevel.CITY))
    ).map(
        lambda t: Government(
            level=t[2],
            region_code=f"{t[0]:02d}.{t[1]:02d}",
            name=f"{t[2].value.title()} {t[0]}.{t[1]}",
            parent_id=f"{t[0]:02d}",
        )
    )
    if level is GovernmentLevel.PROVINCE:
        return province
    if level in (GovernmentLevel.REGENCY, GovernmentLevel.CITY):
        return regency.filter(lambda g: g.level is level)
    return province | regency


@functools.lru_cache(maxsize=256)
def agencies(government_id: str = "62") -> st.SearchStrategy[Agency]:
    """Perangkat daerah of a government, with an SKPD code and the bidang urusan it carries."""
    sectors = sorted(c for c in default_nomenclature().entries() if c.level is CodeLevel.SECTOR and not c.is_generic)
    return st.builds(
        lambda s, n: Agency(
            code=f"{s}.0.00.0.00.{n:02d}.0000", name=f"Dinas {s}", government_id=government_id, sectors=[s]
        ),
        st.sampled_from(sectors),
        st.integers(1, 20),
    )


@functools.lru_cache(maxsize=256)
def plans(
    *,
    kind: PlanKind | None = None,
    period: PlanPeriod | None = None,
    agency_id: str | None = None,
    scope: str = KABKOTA_SCOPE,
) -> st.SearchStrategy[Plan]:
    """A plan with 1–3 programs, misi/tujuan/sasaran for medium-term kinds, years inside the period.

    ``scope`` is the list its codes come from: ``"kabupaten/kota"`` (the shipped kab/kota list, the default)
    or ``"provinsi"`` (the shipped provincial list, provincial kegiatan only) — for a provincial plan.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Plan:
        plan_kind = kind or draw(
            st.sampled_from((PlanKind.RPJMD, PlanKind.RKPD, PlanKind.RENSTRA_PD, PlanKind.RENJA_PD))
        )
        if period is not None:
            plan_period = period
        elif plan_kind.is_yearly:
            y = draw(st.integers(2025, 2029))
            plan_period = PlanPeriod(start=y, end=y)
        else:
            plan_period = PlanPeriod(start=2025, end=2029)
        program_entries, _, _ = _tree(scope)
        progs = [
            _draw_program(draw, e, plan_period, agency_id, scope) for e in _draw_children(draw, program_entries, 3)
        ]
        medium = not plan_kind.is_yearly
        plan_id = f"{plan_kind.value}-{plan_period.start}-{draw(st.integers(1, 999))}"
        return Plan(
            id=plan_id,
            kind=plan_kind,
            title=f"{plan_kind.value.upper()} {plan_period}",
            period=plan_period,
            stage=draw(st.sampled_from(PlanStage)),
            revision=draw(st.integers(0, 2)),
            vision=draw(text) if medium else None,
            missions=[Mission(id="M1", number=1, text=draw(text))] if medium else [],
            goals=[
                Goal(
                    id="T1",
                    text=draw(text),
                    mission_id="M1",
                    indicators=[draw(indicators(period=plan_period, kind=IndicatorKind.IMPACT))],
                )
            ]
            if medium
            else [],
            objectives=[
                Objective(
                    id="S1",
                    text=draw(text),
                    goal_id="T1",
                    indicators=[draw(indicators(period=plan_period, kind=IndicatorKind.OUTCOME))],
                )
            ]
            if medium
            else [],
            programs=progs,
            provenance=draw(st.none() | st.builds(Provenance, source=st.just("data.xlsx"), row=st.integers(1, 10_000))),
        )

    return build()


@functools.lru_cache(maxsize=256)
def priorities() -> st.SearchStrategy[Priority]:
    """National and regional priorities with indicators."""
    return st.builds(
        lambda n, kind, ind: Priority(
            id=f"{kind.value}-{n:02d}",
            kind=kind,
            code=f"{n:02d}",
            name=f"Prioritas {n}",
            document="RPJMN 2025–2029",
            period=PlanPeriod(start=2025, end=2029),
            indicators=[ind],
        ),
        st.integers(1, 8),
        st.sampled_from(PriorityKind),
        indicators(kind=IndicatorKind.IMPACT),
    )


@functools.lru_cache(maxsize=256)
def meetings() -> st.SearchStrategy[Meeting]:
    """A Rakortekrenbang-like meeting with desks, agreements, action items and proposals."""

    @st.composite
    def build(draw: st.DrawFn) -> Meeting:
        start = draw(st.dates(dt.date(2024, 1, 1), dt.date(2029, 12, 1)))
        desks = [Desk(id="D1", name="Desk Kesehatan", sectors=[Code.parse("1.02")])]
        agreements = [
            Agreement(
                id=f"A{i}",
                desk_id="D1",
                agency_id="1.02.0.00.0.00.01.0000",
                sub_activity=code,
                year=start.year + 1,
                outcome=draw(text),
                target=draw(values(measurable=True)),
                pagu=draw(money()),
            )
            for i, code in enumerate(draw(st.lists(codes(), min_size=0, max_size=3, unique=True)))
        ]
        return Meeting(
            id=f"rakortek-{start.isoformat()}",
            kind=draw(st.sampled_from(MeetingKind)),
            title=f"Rakortekrenbang {start.year}",
            start=start,
            end=start + dt.timedelta(days=draw(st.integers(0, 3))),
            venue=draw(st.none() | st.just("Palangka Raya")),
            participants=[Participant(role="Kepala Bappeda", government_id="62", count=draw(st.integers(1, 5)))],
            agenda=[AgendaItem(title="Pembukaan", start=dt.datetime.combine(start, dt.time(9, 0)))],
            desks=desks,
            agreements=agreements,
            action_items=[
                ActionItem(
                    id="T1",
                    description="Revisi Renja",
                    owner="Dinkes",
                    due=start + dt.timedelta(days=30),
                    status=draw(st.sampled_from(ActionStatus)),
                )
            ],
            proposals=[
                Proposal(
                    id="U1",
                    government_id="62",
                    title="Pembangunan RSUD",
                    addressed_to="Kemenkes",
                    rank=1,
                    sector=Code.parse("1.02"),
                    pagu=draw(money()),
                    year=start.year + 1,
                )
            ],
        )

    return build()


@overload
def bundles() -> st.SearchStrategy[Bundle]: ...
@overload
def bundles(*, faults: Iterable[str]) -> st.SearchStrategy[FaultyBundle]: ...
def bundles(*, faults: Iterable[str] | None = None) -> st.SearchStrategy[Bundle] | st.SearchStrategy[FaultyBundle]:
    """A bundle with a province, its agencies, 1–2 plans, priorities, a meeting and links between them.

    With ``faults`` (names from :data:`sinkron.testing.faults.FAULTS`), an *aligned* bundle — RPJMD,
    Renstra, Renja and RKPD that agree — with those faults injected, as a
    :class:`~sinkron.testing.faults.FaultyBundle` carrying the findings they must produce.
    """
    if faults is not None:
        from sinkron.testing.faults import faulty_bundles

        return faulty_bundles(faults)
    return _bundles()


@functools.lru_cache(maxsize=1)
def _bundles() -> st.SearchStrategy[Bundle]:

    @st.composite
    def build(draw: st.DrawFn) -> Bundle:
        government = Government(level=GovernmentLevel.PROVINCE, region_code="62", name="Provinsi Kalimantan Tengah")
        agency = draw(agencies("62"))
        plan_list = draw(st.lists(plans(agency_id=agency.id), min_size=1, max_size=2, unique_by=lambda p: p.id))
        prios = draw(st.lists(priorities(), max_size=3, unique_by=lambda p: p.id))
        links = []
        for plan in plan_list:
            for item in plan.sub_activities():
                for priority in prios[:1]:
                    links.append(
                        Link(
                            kind=LinkKind.TAGGED,
                            source=ref(plan.id, item.id),
                            target=priority.id,
                            provenance=Provenance(origin=Origin.MANUAL),
                        )
                    )
        return Bundle(
            governments=[government],
            agencies=[agency],
            plans=plan_list,
            priorities=prios,
            meetings=draw(st.lists(meetings(), max_size=1)),
            links=links,
            sources=["generated"],
        )

    return build()
