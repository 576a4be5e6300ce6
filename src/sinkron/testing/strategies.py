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
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING, TypeVar, overload

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
from sinkron.testing import _vocabulary
from sinkron.testing._vocabulary import IndicatorTemplate

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

T = TypeVar("T")

text = st.sampled_from(_vocabulary.STATEMENTS)
years = st.integers(min_value=2020, max_value=2035)


def _with_leading_punctuation(texts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Texts as cells of real files write them: now and then after a list dash or a colon (``"- Bantuan Sosial"``)."""
    return st.tuples(st.sampled_from(("", "", "", *_vocabulary.LEADING_PUNCTUATION)), texts).map("".join)


statements = _with_leading_punctuation(text)


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
    """Codes of ``level``: from the shipped nomenclature, or (``known=False``) well-formed but absent from it.

    Every urusan ``1``–``9`` is in the nomenclature, so ``codes(CodeLevel.AFFAIR, known=False)`` raises
    :class:`ValueError` (no well-formed urusan code is unknown).
    """
    entries = default_nomenclature().entries()
    if known:
        pool = sorted(c for c in entries if c.level is level and not c.is_generic)
        return st.sampled_from(pool)
    if level is CodeLevel.AFFAIR:
        unknown_affairs = [c for c in (Code(parts=(str(n),)) for n in range(1, 10)) if c not in entries]
        if not unknown_affairs:
            raise ValueError("every urusan code 1-9 is in the nomenclature: no well-formed urusan code is unknown")
        return st.sampled_from(unknown_affairs)
    # urusan, bidang, program, kegiatan variant, kegiatan, sub kegiatan: each part's canonical width
    n_parts = {CodeLevel.SECTOR: 2, CodeLevel.PROGRAM: 3, CodeLevel.ACTIVITY: 5, CodeLevel.SUB_ACTIVITY: 6}[level]
    widths = (1, 2, 2, 1, 2, 4)[:n_parts]
    parts = st.tuples(*(st.integers(1, 10**w - 1).map(functools.partial(_padded, width=w)) for w in widths))
    nomenclature = default_nomenclature()
    return parts.map(lambda p: Code(parts=tuple(p))).filter(lambda c: nomenclature.lookup(c) is None)


def money(max_amount: int = 50_000_000_000) -> st.SearchStrategy[Money]:
    """Rupiah amounts, whole thousands (as budget documents write them)."""
    return st.integers(0, max_amount // 1000).map(_thousands)


def _thousands(n: int) -> Money:
    return Money(Decimal(n * 1000))


def _number(places: int, low: Decimal = Decimal(0), high: Decimal = Decimal(10**9)) -> st.SearchStrategy[Decimal]:
    """Numbers between ``low`` and ``high`` written with exactly ``places`` decimals."""
    scale = 10**places
    return st.integers(int(low * scale), int(high * scale)).map(lambda n: Decimal(n).scaleb(-places))


#: Numbers with 0–3 decimals (``3.125`` Indeks, ``98`` per 100.000 KH, ``1234.5`` Ton).
_numbers = st.integers(0, 3).flatmap(_number)
_number_values = st.builds(
    lambda n, u: Value(number=n, unit=u), _numbers, st.none() | st.sampled_from(_vocabulary.UNITS)
)
_range_values = st.tuples(_numbers, _numbers).map(sorted).map(lambda lh: Value(low=lh[0], high=lh[1], unit="%"))
_text_values = st.sampled_from(("Tersedia", "WTP", "Baik", "Terlaksana")).map(lambda t: Value(text=t))
_measurable_values = _number_values | _range_values


def values(*, measurable: bool | None = None) -> st.SearchStrategy[Value]:
    """Numbers (0–3 decimals) with units (some with digits: ``per 100.000 KH``), ranges, and qualitative text.

    ``measurable=True`` leaves text out, ``measurable=False`` gives text only.
    """
    if measurable is True:
        return _measurable_values
    if measurable is False:
        return _text_values
    return _measurable_values | _text_values


@functools.lru_cache(maxsize=1)
def _output_templates() -> tuple[IndicatorTemplate, ...]:
    """Keluaran indicators of the shipped nomenclature: the indikator and satuan of each sub kegiatan."""
    seen = {
        (e.indikator, e.satuan)
        for c, e in default_nomenclature().entries().items()
        if c.level is CodeLevel.SUB_ACTIVITY and e.indikator and e.satuan
    }
    return tuple(_output_template(name, unit) for name, unit in sorted(seen))


def _output_template(name: str, unit: str) -> IndicatorTemplate:
    return IndicatorTemplate(name, unit, Direction.HIGHER_IS_BETTER, Decimal(1), Decimal(200), 0)


def _indicator(
    draw: st.DrawFn, template: IndicatorTemplate, kind: IndicatorKind, period: PlanPeriod, name: str | None = None
) -> Indicator:
    """An indicator of ``template``: values in its satuan, moving each year the way its polarity calls better.

    Realisations are on target (clean data has no low achievement). The draws are the same whatever
    the template, so hypothesis can copy one indicator over another.
    """
    years = list(period.years)
    scale = Decimal(10) ** -template.places
    base = draw(_number(template.places, template.low, template.high))
    # every target (a range's high end too) stays inside the template's span
    room = (base - template.low if template.direction is Direction.LOWER_IS_BETTER else template.high - base) - scale
    room = max(room, Decimal(0)) / (len(years) + 1)
    step = draw(_number(template.places, Decimal(0), room.quantize(scale, rounding=ROUND_DOWN)))
    sign = -1 if template.direction is Direction.LOWER_IS_BETTER else 1
    as_range = draw(st.integers(0, 4)) == 0
    realised = draw(st.integers(0, len(years)))
    unit = template.unit

    def value_at(i: int) -> Value:
        n = base + sign * step * i
        if as_range:
            return Value(low=n, high=n + step + scale, unit=unit)
        return Value(number=n, unit=unit)

    return Indicator(
        name=name or template.name,
        unit=unit,
        kind=kind,
        direction=template.direction,
        baseline=Baseline(value=Value(number=base, unit=unit), year=period.start - 1),
        targets=[Target(year=y, value=value_at(i + 1)) for i, y in enumerate(years)],
        realisations=[
            Realisation(year=y, value=Value(number=base + sign * step * (i + 1), unit=unit))
            for i, y in enumerate(years[:realised])
        ],
    )


@functools.lru_cache(maxsize=256)
def indicators(
    *, period: PlanPeriod | None = None, kind: IndicatorKind | None = None, name: str | None = None
) -> st.SearchStrategy[Indicator]:
    """Indicators with a satuan, a baseline and one target per year of ``period``, as plans write them.

    Keluaran (output) indicators are the nomenclature's indikator and satuan; hasil and dampak
    indicators read like RPJMD ones (``Angka Kematian Ibu``, per 100.000 KH, lower is better). Values
    have 0–3 decimals in the indicator's satuan and move towards better each year; the id is derived
    from the name; some names start with a list dash (``- Persentase …``), as cells of real files do.
    """
    period = period or PlanPeriod(start=2025, end=2029)

    @st.composite
    def build(draw: st.DrawFn) -> Indicator:
        indicator_kind = kind or draw(st.sampled_from(IndicatorKind))
        pool = _output_templates() if indicator_kind is IndicatorKind.OUTPUT else _vocabulary.OUTCOME_INDICATORS
        template = draw(st.sampled_from(pool))
        shown = name or draw(_with_leading_punctuation(st.just(template.name)))
        return _indicator(draw, template, indicator_kind, period, shown)

    return build()


def _budgets(period: PlanPeriod) -> st.SearchStrategy[tuple[Budget, ...]]:
    """Pagu per year, growing 10% a year from a drawn first-year amount."""
    return money().map(functools.partial(_growing, period=period))


def _growing(first: Money, period: PlanPeriod) -> tuple[Budget, ...]:
    return tuple(
        Budget(year=y, amount=Money((first.amount * Decimal("1.1") ** i).quantize(Decimal(1000))))
        for i, y in enumerate(period.years)
    )


def _summed(children: Sequence[SubActivity | Activity], period: PlanPeriod) -> tuple[Budget, ...]:
    return tuple(
        Budget(year=y, amount=Money.total(c.budget_for(y) or Money.zero() for c in children)) for y in period.years
    )


def _distinct(items: Iterable[T], key: Callable[[T], object] = lambda item: item) -> list[T]:
    """``items`` without the repeats of a key, in order.

    The kit draws plain lists and drops repeats rather than drawing unique lists: hypothesis gives
    every unique list one label and copies them over each other (locations over plans), which
    wastes the draw.
    """
    seen: set[object] = set()
    out = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            out.append(item)
    return out


_LOCATIONS = st.lists(st.sampled_from(_vocabulary.LOCATIONS), max_size=2).map(_distinct)
_FUNDING = st.lists(
    st.builds(
        FundingSource, name=st.sampled_from(("PAD", "DAU", "DAK Fisik")), code=st.sampled_from(("1.1", "2.1", "2.2.01"))
    ),
    max_size=2,
)


@st.composite
def _budget_line(draw: st.DrawFn) -> BudgetLine:
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


_budget_lines = _budget_line()


@functools.lru_cache(maxsize=4096)
def _sub_activity(entry: Entry, period: PlanPeriod, agency_id: str | None) -> st.SearchStrategy[SubActivity]:
    """The sub kegiatan of ``entry``, with its keluaran indicator (its indikator and satuan) and pagu.

    One strategy per record, so hypothesis' mutations copy whole sub kegiatan over each other.
    """

    @st.composite
    def build(draw: st.DrawFn) -> SubActivity:
        template = _output_template(entry.indikator or entry.name, entry.satuan or "Unit")
        indicator = _indicator(draw, template, IndicatorKind.OUTPUT, period)
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
            budget_lines=draw(st.lists(_budget_lines, max_size=2)),
        )

    return build()


def _draw_children(draw: st.DrawFn, pool: Sequence[Entry], max_size: int) -> list[Entry]:
    """1 to ``max_size`` distinct entries of ``pool``, in code order.

    The draws do not depend on the pool's size (an index is taken modulo it), so hypothesis can copy
    one record's choices over another's without them going out of range.
    """
    indices = draw(st.lists(st.integers(0, _ANY_INDEX), min_size=1, max_size=max_size))
    return [pool[i] for i in sorted({i % len(pool) for i in indices})]


_ANY_INDEX = 2**16


@functools.lru_cache(maxsize=4096)
def _activity(
    entry: Entry, period: PlanPeriod, agency_id: str | None, scope: str = KABKOTA_SCOPE
) -> st.SearchStrategy[Activity]:
    @st.composite
    def build(draw: st.DrawFn) -> Activity:
        _, children, _ = _tree(scope)
        subs = [draw(_sub_activity(e, period, agency_id)) for e in _draw_children(draw, children[entry.code], 3)]
        return Activity(
            code=entry.code,
            name=entry.name,
            agency_id=agency_id,
            sub_activities=subs,
            budgets=_summed(subs, period),
            indicators=[draw(indicators(period=period, kind=IndicatorKind.OUTCOME))],
        )

    return build()


@functools.lru_cache(maxsize=4096)
def _program(
    entry: Entry, period: PlanPeriod, agency_id: str | None, scope: str = KABKOTA_SCOPE
) -> st.SearchStrategy[Program]:
    @st.composite
    def build(draw: st.DrawFn) -> Program:
        _, _, with_subs = _tree(scope)
        acts = [draw(_activity(e, period, agency_id, scope)) for e in _draw_children(draw, with_subs[entry.code], 2)]
        return Program(
            code=entry.code,
            name=entry.name,
            agency_id=agency_id,
            activities=acts,
            budgets=_summed(acts, period),
            indicators=[draw(indicators(period=period, kind=IndicatorKind.OUTCOME))],
        )

    return build()


def _padded(number: int, width: int) -> str:
    return str(number).zfill(width)


@functools.lru_cache(maxsize=256)
def sub_activities(*, period: PlanPeriod | None = None, agency_id: str | None = None) -> st.SearchStrategy[SubActivity]:
    """Sub kegiatan from the shipped nomenclature with an output indicator (its indikator and satuan) and pagu."""
    period = period or PlanPeriod(start=2025, end=2029)
    entries = default_nomenclature().entries()
    return codes(CodeLevel.SUB_ACTIVITY).flatmap(lambda c: _sub_activity(entries[c], period, agency_id))


@functools.lru_cache(maxsize=256)
def activities(*, period: PlanPeriod | None = None, agency_id: str | None = None) -> st.SearchStrategy[Activity]:
    """Kegiatan with 1–3 sub kegiatan under it; its pagu is the sum of theirs."""
    period = period or PlanPeriod(start=2025, end=2029)
    programs_, _, with_subs = _tree()
    pool = st.sampled_from(programs_).flatmap(lambda p: st.sampled_from(with_subs[p.code]))
    return pool.flatmap(lambda e: _activity(e, period, agency_id))


@functools.lru_cache(maxsize=256)
def programs(*, period: PlanPeriod | None = None, agency_id: str | None = None) -> st.SearchStrategy[Program]:
    """Programs with 1–2 kegiatan, each with 1–3 sub kegiatan; pagu adds up at every level."""
    period = period or PlanPeriod(start=2025, end=2029)
    program_entries, _, _ = _tree()
    return st.sampled_from(program_entries).flatmap(lambda e: _program(e, period, agency_id))


@functools.lru_cache(maxsize=256)
def governments(level: GovernmentLevel | None = None) -> st.SearchStrategy[Government]:
    """A province, kabupaten or kota with its kode wilayah, from the 552 governments sinkron ships
    (:mod:`sinkron.regions`, Kepmendagri 300.2.2-2138/2025)."""
    pool = [g for g in _vocabulary.governments() if level is None or g.level is level]
    if not pool:
        raise ValueError(f"the kit has no government of level {level.value if level else None!r}")
    return st.sampled_from(pool)


@functools.lru_cache(maxsize=256)
def agencies(government_id: str = "62") -> st.SearchStrategy[Agency]:
    """Perangkat daerah of a government, named as real ones are, with an SKPD code and its bidang urusan.

    ``Dinas Kesehatan Kabupaten Kotawaringin Timur``, ``Badan Perencanaan Pembangunan Daerah Provinsi …``.
    """
    entries = default_nomenclature().entries()
    sectors = sorted(c for c in entries if c.level is CodeLevel.SECTOR and not c.is_generic)
    government = _vocabulary.government(government_id)

    def agency(sector: Code, number: int) -> Agency:
        return Agency(
            code=f"{sector}.0.00.0.00.{number:02d}.0000",
            name=_vocabulary.agency_name(sector, entries[sector].name, government),
            government_id=government_id,
            sectors=[sector],
        )

    return st.builds(agency, st.sampled_from(sectors), st.integers(1, 20))


def _programs_of(agency_id: str | None, scope: str = KABKOTA_SCOPE) -> tuple[Entry, ...]:
    """Programs of the agency's bidang urusan (its SKPD code starts with it), or every program (of ``scope``'s list)."""
    program_entries, _, _ = _tree(scope)
    sector = ".".join(agency_id.split(".")[:2]) if agency_id else ""
    own = tuple(e for e in program_entries if str(e.code).startswith(sector + "."))
    return own or program_entries


_PLAN_KINDS = (PlanKind.RPJMD, PlanKind.RKPD, PlanKind.RENSTRA_PD, PlanKind.RENJA_PD)
_PLAN_TITLES = {
    PlanKind.RPJMD: "RPJMD {period}",
    PlanKind.RKPD: "RKPD Tahun {period}",
    PlanKind.RENSTRA_PD: "Renstra Perangkat Daerah {period}",
    PlanKind.RENJA_PD: "Renja Perangkat Daerah Tahun {period}",
}


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
        plan_kind = kind or draw(st.sampled_from(_PLAN_KINDS))
        if period is not None:
            plan_period = period
        elif plan_kind.is_yearly:
            y = draw(st.integers(2025, 2029))
            plan_period = PlanPeriod(start=y, end=y)
        else:
            plan_period = PlanPeriod(start=2025, end=2029)
        programs_ = _programs_of(agency_id, scope)
        progs = [draw(_program(e, plan_period, agency_id, scope)) for e in _draw_children(draw, programs_, 3)]
        medium = not plan_kind.is_yearly
        plan_id = f"{plan_kind.value}-{plan_period.start}-{draw(st.integers(1, 999))}"
        title = _PLAN_TITLES.get(plan_kind, "{period}").format(period=plan_period)
        return Plan(
            id=plan_id,
            kind=plan_kind,
            title=title,
            period=plan_period,
            stage=draw(st.sampled_from(PlanStage)),
            revision=draw(st.integers(0, 2)),
            vision=draw(text) if medium else None,
            missions=[Mission(id="M1", number=1, text=draw(statements))] if medium else [],
            goals=[
                Goal(
                    id="T1",
                    text=draw(statements),
                    mission_id="M1",
                    indicators=[draw(indicators(period=plan_period, kind=IndicatorKind.IMPACT))],
                )
            ]
            if medium
            else [],
            objectives=[
                Objective(
                    id="S1",
                    text=draw(statements),
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


@functools.lru_cache(maxsize=1)
def _national_priorities() -> tuple[Priority, ...]:
    """The Prioritas Nasional of the shipped RPJMN 2025–2029 tree."""
    from sinkron.kl.catalogue import rpjmn_2025_2029

    return tuple(p for p in rpjmn_2025_2029().priorities() if p.kind is PriorityKind.NATIONAL)


def _regional_document(government: Government, period: PlanPeriod) -> str:
    return f"RPJMD {government.name} {period}"


@functools.lru_cache(maxsize=256)
def priorities(government_id: str = "62") -> st.SearchStrategy[Priority]:
    """Prioritas Nasional of the shipped RPJMN 2025–2029, and prioritas daerah citing the RPJMD that sets them."""
    period = PlanPeriod(start=2025, end=2029)
    government = _vocabulary.government(government_id)
    document = _regional_document(government, period) if government else f"RPJMD {period}"

    def national(source: Priority, impact: Indicator) -> Priority:
        return Priority(
            id=f"PN{source.code}",
            kind=PriorityKind.NATIONAL,
            code=source.code,
            name=source.name,
            document=source.document,
            period=source.period,
            indicators=[impact],
        )

    def regional(number: int, impact: Indicator) -> Priority:
        return Priority(
            id=f"PD{number:02d}",
            kind=PriorityKind.REGIONAL,
            code=f"{number:02d}",
            name=_vocabulary.REGIONAL_PRIORITIES[number - 1],
            document=document,
            period=period,
            government_id=government_id,
            indicators=[impact],
        )

    impact = indicators(kind=IndicatorKind.IMPACT)
    return st.one_of(
        st.builds(national, st.sampled_from(_national_priorities()), impact),
        st.builds(regional, st.integers(1, len(_vocabulary.REGIONAL_PRIORITIES)), impact),
    )


@functools.lru_cache(maxsize=256)
def meetings(government_id: str = "62") -> st.SearchStrategy[Meeting]:
    """A coordination meeting titled after its kind (Rakortekrenbang, Musrenbang …) with desks, agreements,
    action items and proposals."""
    government = _vocabulary.government(government_id)
    where = government.name if government else government_id

    @st.composite
    def build(draw: st.DrawFn) -> Meeting:
        start = draw(st.dates(dt.date(2024, 1, 1), dt.date(2029, 12, 1)))
        kind = draw(st.sampled_from(MeetingKind))
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
            for i, code in enumerate(_distinct(draw(st.lists(codes(), min_size=0, max_size=3))))
        ]
        return Meeting(
            id=f"{kind.value}-{start.isoformat()}",
            kind=kind,
            title=_vocabulary.MEETING_TITLES[kind].format(government=where, year=start.year),
            start=start,
            end=start + dt.timedelta(days=draw(st.integers(0, 3))),
            venue=draw(st.none() | st.just("Palangka Raya")),
            participants=[
                Participant(role="Kepala Bappeda", government_id=government_id, count=draw(st.integers(1, 5)))
            ],
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
                    government_id=government_id,
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

    The result's type depends on whether ``faults`` is *given*, never on its value: ``bundles()``
    draws :class:`~sinkron.Bundle`; ``bundles(faults=...)`` (names from
    :data:`sinkron.testing.faults.FAULTS`) draws a :class:`~sinkron.testing.faults.FaultyBundle`, an
    *aligned* bundle — RPJMD, Renstra, Renja and RKPD that agree — with those faults injected and the
    findings they must produce. ``faults=set()`` is that aligned bundle with no fault and no expected
    finding (``FaultyBundle.expected == ()``); :func:`sinkron.testing.faults.aligned_bundles` draws
    the same bundles as plain ``Bundle``.
    """
    if faults is not None:
        from sinkron.testing.faults import faulty_bundles

        return faulty_bundles(faults)
    return _bundles()


def _id(record: Plan | Priority) -> str:
    return record.id


@functools.lru_cache(maxsize=1)
def _bundles() -> st.SearchStrategy[Bundle]:

    @st.composite
    def build(draw: st.DrawFn) -> Bundle:
        government = draw(governments())
        agency = draw(agencies(government.id))
        plan_list = _distinct(draw(st.lists(plans(agency_id=agency.id), min_size=1, max_size=2)), key=_id)
        prios = _distinct(draw(st.lists(priorities(government.id), max_size=3)), key=_id)
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
            meetings=draw(st.lists(meetings(government.id), max_size=1)),
            links=links,
            sources=["generated"],
        )

    return build()
