"""Aligned bundles and fault injection: planning data that is wrong in a known way.

:func:`aligned_bundles` generates a bundle in which the cascade agrees — an RPJMD, the Renstra PD of
one perangkat daerah, the Renja PD and the RKPD of one year taken from them, a national and a
regional priority supported through tags and indicator links, realisations on target — so
``sinkron.check`` reports no error on it.

:func:`faulty_bundles` injects named faults into such a bundle and returns it with the findings it
must produce (:class:`FaultyBundle`)::

    @given(faulty_bundles(faults={"renja_outside_renstra", "missing_target"}))
    def test_my_app_reports_them(case):
        report = sinkron.check(case.bundle, config=case.config)
        for expected in case.expected:
            assert expected.found_in(report)

:data:`FAULTS` lists every fault name with the rule that reports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from sinkron.align.engine import CheckConfig
from sinkron.align.report import Report
from sinkron.codes import PROVINCIAL_VARIANT, Code, CodeLevel
from sinkron.models import (
    Activity,
    Agency,
    Agreement,
    Baseline,
    Budget,
    Bundle,
    Desk,
    Direction,
    Goal,
    Government,
    GovernmentLevel,
    Indicator,
    IndicatorKind,
    Link,
    LinkKind,
    Meeting,
    MeetingKind,
    Money,
    Objective,
    Origin,
    Plan,
    PlanKind,
    PlanPeriod,
    Priority,
    PriorityKind,
    Program,
    Provenance,
    Realisation,
    ReportingPeriod,
    Spending,
    SubActivity,
    Target,
    Value,
    ref,
)
from sinkron.nomenclature import Change, ChangeKind, Version, provincial_nomenclature

__all__ = ["FAULTS", "NOT_JUDGED", "ExpectedFinding", "Fault", "FaultyBundle", "aligned_bundles", "faulty_bundles"]

PROVINCE = "62"
PERIOD = PlanPeriod(start=2025, end=2029)


@attrs.frozen
class ExpectedFinding:
    """A finding a fault must produce: the rule and the subject (reference) it is about."""

    rule: str
    subject: str

    def found_in(self, report: Report) -> bool:
        """True when the report has a finding of this rule about this subject."""
        return any(f.rule == self.rule and f.subject == self.subject for f in report.findings)


#: Rules a faulty bundle's ``config`` leaves out: they judge what the generated plans do not try to be
#: (SKN408: that an RKPD holds every SPM service of its bidang).
NOT_JUDGED: tuple[str, ...] = ("SKN408",)


@attrs.frozen(kw_only=True)
class FaultyBundle:
    """A generated bundle, the faults injected into it and the findings they must produce.

    Check it with ``config`` (some faults need a nomenclature change list; it leaves out :data:`NOT_JUDGED`).
    """

    bundle: Bundle
    faults: frozenset[str]
    expected: tuple[ExpectedFinding, ...]
    config: CheckConfig = attrs.field(factory=CheckConfig)


# -- the aligned base ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Base:
    """The aligned bundle's parts, by role, so faults can rewrite one of them."""

    government: Government
    agency: Agency
    rpjmd: Plan
    renstra: Plan
    renja: Plan
    rkpd: Plan
    priorities: tuple[Priority, ...]
    links: tuple[Link, ...]
    meetings: tuple[Meeting, ...]
    year: int

    def bundle(self) -> Bundle:
        return Bundle(
            governments=[self.government],
            agencies=[self.agency],
            plans=[self.rpjmd, self.renstra, self.renja, self.rkpd],
            priorities=self.priorities,
            links=self.links,
            meetings=self.meetings,
            sources=["generated"],
        )


def _entries_tree() -> tuple[list[Code], dict[Code, list[Code]]]:
    entries = provincial_nomenclature().entries()
    children: dict[Code, list[Code]] = {}
    for code in entries:
        # the base is a province: its kegiatan are provincial (variant 1), never a special-region variant
        if code.variant == PROVINCIAL_VARIANT and not code.is_generic and code.parent:
            children.setdefault(code.parent, []).append(code)
    for codes in children.values():
        codes.sort()
    programs = sorted(
        c
        for c in entries
        if c.level is CodeLevel.PROGRAM
        and not c.is_generic
        and c.variant is None
        and sum(1 for a in children.get(c, ()) if len(children.get(a, ())) >= 3) >= 1
    )
    return programs, children


def _indicator(
    name: str, unit: str, kind: IndicatorKind, base: Decimal, step: Decimal, years: Iterable[int]
) -> Indicator:
    years = list(years)
    return Indicator(
        name=name,
        unit=unit,
        kind=kind,
        direction=Direction.HIGHER_IS_BETTER,
        baseline=Baseline(value=Value(number=base, unit=unit), year=PERIOD.start - 1),
        targets=[Target(year=y, value=Value(number=base + step * (i + 1), unit=unit)) for i, y in enumerate(years)],
    )


def _with_realisation(indicator: Indicator, year: int) -> Indicator:
    """Realised on target in ``year``."""
    target = indicator.target_for(year)
    assert target is not None
    return attrs.evolve(indicator, realisations=[Realisation(year=year, value=target)])


def _budgets(amount: Decimal, years: Iterable[int]) -> list[Budget]:
    return [Budget(year=y, amount=Money(amount)) for y in years]


@st.composite
def _base(draw: st.DrawFn, sub_count: int = 2) -> _Base:
    """An aligned base whose one kegiatan holds ``sub_count`` sub kegiatan (one code of it stays free)."""
    programs, children = _entries_tree()
    nomenclature = provincial_nomenclature()
    roomy = [p for p in programs if any(len(children.get(a, ())) > sub_count for a in children[p])]
    program_code = draw(st.sampled_from(roomy))
    activity_codes = [a for a in children[program_code] if len(children.get(a, ())) > sub_count]
    activity_code = draw(st.sampled_from(activity_codes))
    sub_codes = children[activity_code][:sub_count]
    year = draw(st.integers(PERIOD.start, PERIOD.end))
    sector = program_code.sector
    assert sector is not None
    government = Government(level=GovernmentLevel.PROVINCE, region_code=PROVINCE, name="Provinsi Kalimantan Tengah")
    agency = Agency(code=f"{sector}.0.00.0.00.01.0000", name="Dinas", government_id=PROVINCE, sectors=[sector])
    pagu = [Decimal(draw(st.integers(1, 50_000))) * 1000 for _ in sub_codes]
    years = list(PERIOD.years)

    def sub(code: Code, amount: Decimal) -> SubActivity:
        entry = nomenclature.lookup(code)
        assert entry is not None
        return SubActivity(
            code=code,
            name=entry.name,
            agency_id=agency.id,
            budgets=_budgets(amount, years),
            indicators=[
                _indicator(
                    entry.indikator or entry.name,
                    entry.satuan or "Unit",
                    IndicatorKind.OUTPUT,
                    Decimal(draw(st.integers(1, 500))),
                    Decimal(draw(st.integers(1, 20))),
                    years,
                )
            ],
        )

    subs = [sub(c, a) for c, a in zip(sub_codes, pagu)]
    total = sum(pagu, Decimal(0))
    outcome = _indicator("Persentase capaian layanan", "%", IndicatorKind.OUTCOME, Decimal(60), Decimal(5), years)
    activity = Activity(
        code=activity_code,
        name=nomenclature.lookup(activity_code).name,  # type: ignore[union-attr]
        agency_id=agency.id,
        sub_activities=subs,
        budgets=_budgets(total, years),
        indicators=[outcome],
    )
    program = Program(
        code=program_code,
        name=nomenclature.lookup(program_code).name,  # type: ignore[union-attr]
        agency_id=agency.id,
        activities=[activity],
        budgets=_budgets(total, years),
        indicators=[outcome],
    )
    impact = _indicator("Indeks kinerja pembangunan daerah", "%", IndicatorKind.IMPACT, Decimal(70), Decimal(2), years)
    rpjmd = Plan(
        id="rpjmd",
        kind=PlanKind.RPJMD,
        title="RPJMD 2025–2029",
        period=PERIOD,
        owner_id=PROVINCE,
        government_id=PROVINCE,
        vision="Kalimantan Tengah maju",
        missions=[],
        goals=[Goal(id="T1", text="Meningkatnya kualitas layanan dasar", indicators=[impact])],
        objectives=[Objective(id="S1", text="Meningkatnya cakupan layanan", goal_id="T1", indicators=[outcome])],
        programs=[attrs.evolve(program, activities=())],
    )
    renstra = Plan(
        id="renstra",
        kind=PlanKind.RENSTRA_PD,
        title="Renstra PD 2025–2029",
        period=PERIOD,
        owner_id=agency.id,
        government_id=PROVINCE,
        goals=[Goal(id="T1", text="Meningkatnya layanan", indicators=[outcome])],
        objectives=[Objective(id="S1", text="Meningkatnya cakupan", goal_id="T1", indicators=[outcome])],
        programs=[program],
    )
    yearly = PlanPeriod(start=year, end=year)
    yearly_program = _only_year(program, year)
    renja = Plan(
        id="renja",
        kind=PlanKind.RENJA_PD,
        title=f"Renja PD {year}",
        period=yearly,
        owner_id=agency.id,
        government_id=PROVINCE,
        programs=[yearly_program],
    )
    rkpd = Plan(
        id="rkpd",
        kind=PlanKind.RKPD,
        title=f"RKPD {year}",
        period=yearly,
        owner_id=PROVINCE,
        government_id=PROVINCE,
        programs=[yearly_program],
    )
    national = Priority(
        id="PN04",
        kind=PriorityKind.NATIONAL,
        code="04",
        name="Memperkuat Pembangunan SDM",
        period=PERIOD,
        document="RPJMN 2025–2029",
        indicators=[outcome],
    )
    regional = Priority(
        id="PD01",
        kind=PriorityKind.REGIONAL,
        code="01",
        name="Layanan dasar berkualitas",
        period=PERIOD,
        government_id=PROVINCE,
        indicators=[outcome],
    )
    manual = Provenance(origin=Origin.MANUAL)
    links: list[Link] = [
        Link(kind=LinkKind.CASCADES, source=ref("renstra", "S1"), target=ref("rpjmd", "S1"), provenance=manual),
        Link(kind=LinkKind.CASCADES, source=ref("renstra", "T1"), target=ref("rpjmd", "S1"), provenance=manual),
    ]
    for plan_id in ("renja", "rkpd"):
        program_ref = ref(plan_id, yearly_program.id)
        for priority in (national, regional):
            links.append(Link(kind=LinkKind.TAGGED, source=program_ref, target=priority.id))
            links.append(
                Link(kind=LinkKind.SUPPORTS, source=ref(program_ref, outcome.id), target=ref(priority.id, outcome.id))
            )
    # The Rakortekrenbang of the year before agreed the first sub kegiatan, and the Renja follows it.
    followed = yearly_program.activities[0].sub_activities[0]
    meeting = Meeting(
        id="rakortek",
        kind=MeetingKind.RAKORTEKRENBANG,
        title=f"Rakortekrenbang {year - 1}",
        start=dt.date(year - 1, 3, 10),
        desks=[Desk(id="D1", name="Desk", sectors=[sector])],
        agreements=[
            Agreement(
                id="A1",
                desk_id="D1",
                agency_id=agency.id,
                sub_activity=followed.code,
                year=year,
                target=followed.indicators[0].target_for(year),
                pagu=followed.budget_for(year),
            )
        ],
    )
    return _Base(
        government=government,
        agency=agency,
        rpjmd=rpjmd,
        renstra=renstra,
        renja=renja,
        rkpd=rkpd,
        priorities=(national, regional),
        links=tuple(links),
        meetings=(meeting,),
        year=year,
    )


def _only_year(program: Program, year: int) -> Program:
    """The program as a yearly plan carries it: targets, pagu and a realisation for ``year`` only."""

    def indicators(items: Iterable[Indicator]) -> list[Indicator]:
        out = []
        for indicator in items:
            kept = attrs.evolve(indicator, targets=[t for t in indicator.targets if t.year == year])
            out.append(_with_realisation(kept, year))
        return out

    def budgets(items: Iterable[Budget]) -> list[Budget]:
        return [b for b in items if b.year == year]

    activities = []
    for activity in program.activities:
        subs = [
            attrs.evolve(s, indicators=indicators(s.indicators), budgets=budgets(s.budgets))
            for s in activity.sub_activities
        ]
        activities.append(
            attrs.evolve(
                activity,
                sub_activities=subs,
                indicators=indicators(activity.indicators),
                budgets=budgets(activity.budgets),
            )
        )
    return attrs.evolve(
        program, activities=activities, indicators=indicators(program.indicators), budgets=budgets(program.budgets)
    )


def aligned_bundles() -> st.SearchStrategy[Bundle]:
    """Bundles whose RPJMD, Renstra PD, Renja PD and RKPD agree and whose priorities are supported."""
    return _base().map(lambda base: base.bundle())


# -- faults ----------------------------------------------------------------------------------------

Injector = Callable[[_Base, int], tuple[_Base, list[ExpectedFinding], CheckConfig | None]]


@attrs.frozen(kw_only=True)
class Fault:
    """A named fault: the rule that must report it, and how to inject it."""

    name: str
    rule: str
    description: str
    inject: Injector = attrs.field(eq=False, repr=False)
    uses_slot: bool = True
    """Whether the fault rewrites a sub kegiatan of its own (each such fault gets a distinct one)."""
    also: tuple[str, ...] = ()
    """Rules that may report the fault's consequences too (other subjects, or the rules downstream of it).

    Besides :attr:`rule`'s finding, a check of the faulty bundle reports no finding above info level
    of a rule outside ``(rule, *also)``: an "exactly these findings" assertion allows these.
    """


def _sub(plan: Plan, slot: int) -> SubActivity:
    """The sub kegiatan a fault works on: each fault of a bundle gets its own ``slot``."""
    return plan.programs[0].activities[0].sub_activities[slot]


def _replace_sub(plan: Plan, old: SubActivity, new: SubActivity | None, extra: SubActivity | None = None) -> Plan:
    """``plan`` with ``old`` replaced by ``new`` (or removed), optionally with ``extra`` appended to its kegiatan.

    Appending (not inserting) keeps every other fault's slot pointing at the same sub kegiatan.
    """
    programs = []
    for program in plan.programs:
        activities = []
        for activity in program.activities:
            subs: list[SubActivity] = []
            for sub in activity.sub_activities:
                if sub is not old:
                    subs.append(sub)
                elif new is not None:
                    subs.append(new)
            if extra is not None and any(sub is old for sub in activity.sub_activities):
                subs.append(extra)
            activities.append(attrs.evolve(activity, sub_activities=subs))
        programs.append(attrs.evolve(program, activities=activities))
    return attrs.evolve(plan, programs=programs)


def _renja_sub(
    base: _Base, slot: int, change: Callable[[SubActivity], SubActivity], rule: str
) -> tuple[_Base, list[ExpectedFinding], None]:
    old = _sub(base.renja, slot)
    new = change(old)
    renja = _replace_sub(base.renja, old, new)
    return attrs.evolve(base, renja=renja), [ExpectedFinding(rule, ref("renja", new.id))], None


def _free_code(base: _Base) -> Code:
    """A code of the nomenclature under the same kegiatan that the plans do not use."""
    activity = base.renstra.programs[0].activities[0]
    _, children = _entries_tree()
    used = {s.code for s in activity.sub_activities}
    return next(c for c in children[activity.code] if c not in used)


def _unknown_code(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    entries = provincial_nomenclature().entries()
    activity = _sub(base.renja, slot).code.parent
    assert activity is not None
    candidates = (Code(parts=(*activity.parts, f"{n:04d}")) for n in range(9999, 0, -1))
    code = next(c for c in candidates if c not in entries)
    return _renja_sub(base, slot, lambda s: attrs.evolve(s, code=code, id=f"{s.agency_id}/{code}"), "SKN101")


def _retired_code(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], CheckConfig]:
    sub = _sub(base.renja, slot)
    replacement = _free_code(base)
    version = Version(
        id="contoh-perubahan",
        regulation="Contoh perubahan nomenklatur (generated)",
        effective_year=PERIOD.start,
        changes=(Change(kind=ChangeKind.RETIRED, code=sub.code, replacement=replacement),),
    )
    config = CheckConfig(provincial_nomenclature=provincial_nomenclature().with_changes(version))
    return base, [ExpectedFinding("SKN102", ref("renja", sub.id))], config


def _name_mismatch(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    return _renja_sub(
        base, slot, lambda s: attrs.evolve(s, name="Pembangunan Gedung Olahraga Serbaguna Terpadu"), "SKN104"
    )


def _wrong_parent(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    programs, children = _entries_tree()
    own_activity = _sub(base.renja, slot).code.parent
    other = next(a for p in programs for a in children[p] if a != own_activity and len(children.get(a, ())) >= 1)
    code = children[other][0]
    entry = provincial_nomenclature().lookup(code)
    assert entry is not None
    old = _sub(base.renja, slot)
    stray = attrs.evolve(old, code=code, name=entry.name, id=f"{old.agency_id}/{code}")
    renja = _replace_sub(base.renja, old, old, extra=stray)
    return attrs.evolve(base, renja=renja), [ExpectedFinding("SKN105", ref("renja", stray.id))], None


def _missing_indicator(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    return _renja_sub(base, slot, lambda s: attrs.evolve(s, indicators=()), "SKN201")


def _missing_target(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    old = _sub(base.renstra, slot)
    indicator = old.indicators[0]
    kept = attrs.evolve(indicator, targets=[t for t in indicator.targets if t.year != base.year])
    new = attrs.evolve(old, indicators=[kept])
    renstra = _replace_sub(base.renstra, old, new)
    return attrs.evolve(base, renstra=renstra), [ExpectedFinding("SKN203", ref("renstra", new.id, kept.id))], None


def _renja_outside_renstra(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    code = _free_code(base)
    entry = provincial_nomenclature().lookup(code)
    assert entry is not None
    old = _sub(base.renja, slot)
    extra = attrs.evolve(old, code=code, name=entry.name, id=f"{old.agency_id}/{code}")
    renja = _replace_sub(base.renja, old, old, extra=extra)
    return attrs.evolve(base, renja=renja), [ExpectedFinding("SKN301", ref("renja", extra.id))], None


def _renja_pagu_mismatch(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    return _renja_sub(
        base,
        slot,
        lambda s: attrs.evolve(s, budgets=[attrs.evolve(b, amount=Money(b.amount.amount * 2)) for b in s.budgets]),
        "SKN303",
    )


def _renja_target_mismatch(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    def doubled(s: SubActivity) -> SubActivity:
        indicator = s.indicators[0]
        targets = [
            Target(year=t.year, value=Value(number=(t.value.number or Decimal(1)) * 2 + 10, unit=t.value.unit))
            for t in indicator.targets
        ]
        return attrs.evolve(s, indicators=[attrs.evolve(indicator, targets=targets, realisations=())])

    base, _, _ = _renja_sub(base, slot, doubled, "SKN302")
    sub = _sub(base.renja, slot)
    return base, [ExpectedFinding("SKN302", ref("renja", sub.id, sub.indicators[0].id))], None


def _renstra_not_cascaded(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    links = tuple(link for link in base.links if link.kind is not LinkKind.CASCADES)
    return attrs.evolve(base, links=links), [ExpectedFinding("SKN305", ref("renstra", "S1"))], None


def _pagu_mismatch(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    # On the RKPD, so the Renja-vs-Renstra comparisons of other faults stay at sub kegiatan level.
    program = base.rkpd.programs[0]
    bumped = attrs.evolve(
        program, budgets=[attrs.evolve(b, amount=Money(b.amount.amount + 5_000_000)) for b in program.budgets]
    )
    rkpd = attrs.evolve(base.rkpd, programs=[bumped])
    return attrs.evolve(base, rkpd=rkpd), [ExpectedFinding("SKN306", ref("rkpd", bumped.id))], None


def _unsupported_priority(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    orphan = Priority(
        id="PD99",
        kind=PriorityKind.REGIONAL,
        code="99",
        name="Prioritas tanpa program",
        period=PERIOD,
        government_id=PROVINCE,
    )
    return attrs.evolve(base, priorities=(*base.priorities, orphan)), [ExpectedFinding("SKN402", orphan.id)], None


def _national_priority_unsupported(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    orphan = Priority(
        id="PN06",
        kind=PriorityKind.NATIONAL,
        code="06",
        name="Membangun dari Desa",
        period=PERIOD,
        document="RPJMN 2025–2029",
    )
    return attrs.evolve(base, priorities=(*base.priorities, orphan)), [ExpectedFinding("SKN401", orphan.id)], None


def _low_achievement(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    def low(s: SubActivity) -> SubActivity:
        indicator = s.indicators[0]
        target = indicator.target_for(base.year)
        assert target is not None and target.number is not None
        realised = Value(number=(target.number * Decimal("0.3")).quantize(Decimal("0.01")), unit=target.unit)
        return attrs.evolve(
            s, indicators=[attrs.evolve(indicator, realisations=[Realisation(year=base.year, value=realised)])]
        )

    base, _, _ = _renja_sub(base, slot, low, "SKN601")
    sub = _sub(base.renja, slot)
    return base, [ExpectedFinding("SKN601", ref("renja", sub.id, sub.indicators[0].id))], None


def _low_absorption(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    def spent(s: SubActivity) -> SubActivity:
        pagu = s.budget_for(base.year)
        assert pagu is not None
        part = (pagu.amount / 10).quantize(Decimal(1))
        return attrs.evolve(s, spending=[Spending(year=base.year, amount=Money(part), period=ReportingPeriod.YEAR)])

    return _renja_sub(base, slot, spent, "SKN602")


def _year_end_spending(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    def bunched(s: SubActivity) -> SubActivity:
        pagu = s.budget_for(base.year)
        assert pagu is not None
        early = (pagu.amount * Decimal("0.05")).quantize(Decimal(1))
        late = pagu.amount - 9 * early
        months = [Spending(year=base.year, amount=Money(early), period=ReportingPeriod.month(m)) for m in range(1, 10)]
        return attrs.evolve(
            s, spending=[*months, Spending(year=base.year, amount=Money(late), period=ReportingPeriod.M12)]
        )

    base, _, _ = _renja_sub(base, slot, bunched, "SKN603")
    return base, [ExpectedFinding("SKN603", "renja")], None  # judged per plan and perangkat daerah


def _agreement_not_followed(base: _Base, slot: int) -> tuple[_Base, list[ExpectedFinding], None]:
    # A code no plan uses and no other fault picks (unknown_code counts down from 9999).
    activity = base.renja.programs[0].activities[0].code
    code = Code(parts=(*activity.parts, "9000"))
    meeting = base.meetings[0]
    agreement = Agreement(id="A-lost", desk_id="D1", agency_id=base.agency.id, sub_activity=code, year=base.year)
    meeting = attrs.evolve(meeting, agreements=[*meeting.agreements, agreement])
    return attrs.evolve(base, meetings=(meeting,)), [ExpectedFinding("SKN501", ref(meeting.id, agreement.id))], None


#: Every fault by name.
FAULTS: dict[str, Fault] = {
    f.name: f
    for f in (
        Fault(
            name="unknown_code",
            rule="SKN101",
            description="a Renja sub kegiatan code absent from the nomenclature",
            inject=_unknown_code,
            also=("SKN301", "SKN501"),
        ),
        Fault(
            name="retired_code",
            rule="SKN102",
            description="a code retired by a change list in force in the plan year",
            inject=_retired_code,
            also=("SKN102",),
        ),
        Fault(
            name="name_mismatch",
            rule="SKN104",
            description="a sub kegiatan named unlike its code",
            inject=_name_mismatch,
        ),
        Fault(
            name="wrong_parent",
            rule="SKN105",
            description="a sub kegiatan under a kegiatan of another code",
            inject=_wrong_parent,
            also=("SKN301", "SKN306"),
        ),
        Fault(
            name="missing_indicator",
            rule="SKN201",
            description="a sub kegiatan without indicators",
            inject=_missing_indicator,
            also=("SKN502",),
        ),
        Fault(
            name="missing_target",
            rule="SKN203",
            description="a Renstra indicator without a target for one plan year",
            inject=_missing_target,
        ),
        Fault(
            name="renja_outside_renstra",
            rule="SKN301",
            description="a Renja sub kegiatan absent from the Renstra",
            inject=_renja_outside_renstra,
            also=("SKN306",),
        ),
        Fault(
            name="renja_target_mismatch",
            rule="SKN302",
            description="a Renja target far from the Renstra target of the year",
            inject=_renja_target_mismatch,
            also=("SKN502",),
        ),
        Fault(
            name="renja_pagu_mismatch",
            rule="SKN303",
            description="a Renja pagu twice the Renstra pagu of the year",
            inject=_renja_pagu_mismatch,
            also=("SKN306", "SKN503"),
        ),
        Fault(
            name="renstra_not_cascaded",
            rule="SKN305",
            description="Renstra sasaran without a cascading link to the RPJMD",
            inject=_renstra_not_cascaded,
            also=("SKN305",),
            uses_slot=False,
        ),
        Fault(
            name="pagu_mismatch",
            rule="SKN306",
            description="a program pagu that is not the sum of its kegiatan",
            inject=_pagu_mismatch,
            also=("SKN304",),
            uses_slot=False,
        ),
        Fault(
            name="national_priority_unsupported",
            rule="SKN401",
            description="a Prioritas Nasional no program supports",
            inject=_national_priority_unsupported,
            uses_slot=False,
        ),
        Fault(
            name="unsupported_priority",
            rule="SKN402",
            description="a regional priority no program supports",
            inject=_unsupported_priority,
            uses_slot=False,
        ),
        Fault(
            name="low_achievement",
            rule="SKN601",
            description="a realisation at 30 % of its target",
            inject=_low_achievement,
            also=("SKN604",),
        ),
        Fault(
            name="agreement_not_followed",
            rule="SKN501",
            description="a sub kegiatan agreed at a Rakortekrenbang absent from the next Renja",
            inject=_agreement_not_followed,
            uses_slot=False,
        ),
        Fault(name="low_absorption", rule="SKN602", description="10 % of a pagu spent", inject=_low_absorption),
        Fault(
            name="year_end_spending",
            rule="SKN603",
            description="most of a year's spending in December",
            inject=_year_end_spending,
        ),
    )
}


def faulty_bundles(faults: Iterable[str] | None = None) -> st.SearchStrategy[FaultyBundle]:
    """Aligned bundles with ``faults`` injected (all of :data:`FAULTS` by default), with the expected findings."""
    names = frozenset(FAULTS) if faults is None else frozenset(faults)
    unknown = names - set(FAULTS)
    if unknown:
        raise ValueError(f"unknown fault(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(FAULTS))}")

    slots = sum(1 for name in names if FAULTS[name].uses_slot)

    @st.composite
    def build(draw: st.DrawFn) -> FaultyBundle:
        base = draw(_base(sub_count=max(2, slots)))
        expected: list[ExpectedFinding] = []
        config: CheckConfig | None = None
        slot = 0
        for name in sorted(names):
            fault = FAULTS[name]
            base, found, fault_config = fault.inject(base, slot)
            slot += fault.uses_slot
            expected += found
            if fault_config is not None:
                config = fault_config
        config = config or CheckConfig()
        # The generated plans are aligned, not complete: they are not meant to hold every SPM service.
        config = attrs.evolve(config, ignore=(*config.ignore, *NOT_JUDGED))
        return FaultyBundle(bundle=base.bundle(), faults=names, expected=tuple(expected), config=config)

    return build()
