"""Rule family 3 — Vertical consistency within one government: Renja PD within Renstra PD, RKPD against RPJMD, Renstra tujuan/sasaran linked to RPJMD sasaran, budgets adding up.

How documents are paired (computed once per check, shared by the rules):

* A **Renja PD** of perangkat daerah *A* (``owner_id``) for year *Y* is compared with the **Renstra
  PD** of *A* in the same government whose period contains *Y* (the latest revision if there are
  several). An **RKPD** of a government for *Y* is compared with its **RPJMD** (or RPD) covering *Y*.
  Without the upper document in the bundle there is nothing to compare and the rules stay silent.
* Items are matched through a ``derived_from`` link when one exists, else **by code** at the same
  level — a legacy 2-digit sub kegiatan number as its 4-digit form, a penunjang code in ``X.XX``
  form as its concrete form and back. Renja items prefer the Renstra item of the same agency;
  an RKPD program matches an RPJMD program of the same agency when both carry one.
* Indicators are matched by id, else by name (:func:`sinkron.nomenclature.compare_names`).
* *Year k*: the target and pagu of the lower document for *Y* are compared with the upper document's
  target and pagu for *Y* (``target_k`` / ``pagu_k`` of SIPD, *k* = *Y* − first year + 1).

Tolerances are relative and written as decimal text (``"0.10"`` = 10 %).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

import attrs

from sinkron.align.context import Context
from sinkron.align.findings import Finding, Severity
from sinkron.align.index import BundleIndex, ItemRecord
from sinkron.align.messages import join_messages
from sinkron.align.rule import Rule, register_all, rule
from sinkron.align.rules._options import (
    BudgetSumOptions,
    PaguToleranceOptions,
    TargetAndPaguToleranceOptions,
    TargetToleranceOptions,
)
from sinkron.align.rules._shared import (
    MEDIUM_TERM_REGIONAL,
    cached,
    children,
    exceeds,
    latest,
    level_label,
    own_pagu,
    pagu_of,
    plan_government,
    relative_difference,
    unit_key,
)
from sinkron.codes import Code, CodeLevel
from sinkron.models import (
    BudgetKind,
    Goal,
    Indicator,
    LinkKind,
    Objective,
    Plan,
    PlanKind,
    Value,
    ValueKind,
    ref,
)
from sinkron.nomenclature import compare_names, comparison_key
from sinkron.plugins.hookspecs import hookimpl

__all__ = ["DocumentPair", "ItemMatch", "match_indicator", "renja_pairs", "rkpd_pairs", "target_gap"]


# -- pairing documents and items ------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class ItemMatch:
    """An item of the lower document and its counterpart in the upper one (``None`` when absent)."""

    record: ItemRecord
    counterpart: ItemRecord | None
    by: str = ""
    """``"link"`` (a ``derived_from`` link) or ``"code"``."""


@attrs.frozen(kw_only=True)
class DocumentPair:
    """A yearly document and the medium-term document it must follow, with the items matched."""

    plan: Plan
    reference: Plan
    year: int
    matches: tuple[ItemMatch, ...]

    @property
    def year_index(self) -> int:
        """*k*: 1 for the first year of the reference period."""
        return self.reference.period.year_index(self.year)


class _CodeLookup:
    """The items of one plan by code (modernised), and penunjang items by their generic ``X.XX`` form."""

    def __init__(self, records: Sequence[ItemRecord], levels: frozenset[CodeLevel] | None = None) -> None:
        self.exact: dict[Code, list[ItemRecord]] = defaultdict(list)
        self.generic: dict[Code, list[ItemRecord]] = defaultdict(list)
        for record in records:
            if levels is not None and record.level not in levels:
                continue
            code = record.code.modernised()
            self.exact[code].append(record)
            if code.is_support or code.is_generic:
                self.generic[code.as_generic()].append(record)

    def find(self, code: Code) -> list[ItemRecord]:
        code = code.modernised()
        found = self.exact.get(code)
        if found:
            return found
        if code.is_support or code.is_generic:
            return self.generic.get(code.as_generic(), [])
        return []


def _explicit_agency(record: ItemRecord) -> str | None:
    """The agency an item names itself (not the plan owner, which is the government in an RKPD)."""
    return record.item.agency_id or record.program.agency_id


def _linked_counterpart(index: BundleIndex, record: ItemRecord, kinds: tuple[PlanKind, ...]) -> ItemRecord | None:
    for link in index.linked(record.ref, LinkKind.DERIVED_FROM):
        target = index.items.get(link.target)
        if target is not None and target.plan.kind in kinds and target.level is record.level:
            return target
    return None


def _match(
    index: BundleIndex, record: ItemRecord, lookup: _CodeLookup, kinds: tuple[PlanKind, ...], *, strict_agency: bool
) -> ItemMatch:
    """The counterpart of ``record``: through a ``derived_from`` link, else by code.

    Among items of the same code, the one of the same agency is preferred. With ``strict_agency``
    (RKPD ↔ RPJMD) an item of another agency never matches; one naming no agency does.
    """
    linked = _linked_counterpart(index, record, kinds)
    if linked is not None:
        return ItemMatch(record=record, counterpart=linked, by="link")
    candidates = lookup.find(record.code)
    agency = _explicit_agency(record)
    same = [c for c in candidates if agency is not None and _explicit_agency(c) == agency]
    if same:
        return ItemMatch(record=record, counterpart=same[0], by="code")
    if strict_agency:
        candidates = [c for c in candidates if agency is None or _explicit_agency(c) is None]
    if candidates:
        return ItemMatch(record=record, counterpart=candidates[0], by="code")
    return ItemMatch(record=record, counterpart=None)


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _build_renja_pairs(index: BundleIndex) -> list[DocumentPair]:
    by_owner: dict[str, list[Plan]] = defaultdict(list)
    for plan in index.plans_by_kind.get(PlanKind.RENSTRA_PD, ()):
        if plan.owner_id:
            by_owner[plan.owner_id].append(plan)
    lookups: dict[str, _CodeLookup] = {}
    pairs: list[DocumentPair] = []
    for renja in index.plans_by_kind.get(PlanKind.RENJA_PD, ()):
        if not renja.owner_id:
            continue
        year = renja.period.start
        government = plan_government(index, renja)
        renstra = latest(
            p
            for p in by_owner.get(renja.owner_id, ())
            if year in p.period and _compatible(government, plan_government(index, p))
        )
        if renstra is None:
            continue
        lookup = lookups.get(renstra.id)
        if lookup is None:
            lookup = lookups[renstra.id] = _CodeLookup(index.items_by_plan.get(renstra.id, []))
        matches = tuple(
            _match(index, record, lookup, (PlanKind.RENSTRA_PD,), strict_agency=False)
            for record in index.items_by_plan.get(renja.id, ())
        )
        pairs.append(DocumentPair(plan=renja, reference=renstra, year=year, matches=matches))
    return pairs


def renja_pairs(index: BundleIndex) -> list[DocumentPair]:
    """Each Renja PD with the Renstra PD it follows and its items matched (computed once per index)."""
    return cached(index, "vertical.renja_pairs", _build_renja_pairs)


_PROGRAMS_ONLY = frozenset({CodeLevel.PROGRAM})


def _program_lookup(index: BundleIndex, plan: Plan) -> _CodeLookup:
    """The programs of an RPJMD by code (built once per plan and index)."""
    lookups = cached(index, "vertical.program_lookups", lambda _: dict[str, _CodeLookup]())
    lookup = lookups.get(plan.id)
    if lookup is None:
        lookup = lookups[plan.id] = _CodeLookup(index.items_by_plan.get(plan.id, []), _PROGRAMS_ONLY)
    return lookup


def _build_rkpd_pairs(index: BundleIndex) -> list[DocumentPair]:
    by_government: dict[str | None, list[Plan]] = defaultdict(list)
    for kind in MEDIUM_TERM_REGIONAL:
        for plan in index.plans_by_kind.get(kind, ()):
            by_government[plan_government(index, plan)].append(plan)
    pairs: list[DocumentPair] = []
    for rkpd in index.plans_by_kind.get(PlanKind.RKPD, ()):
        year = rkpd.period.start
        government = plan_government(index, rkpd)
        candidates = by_government.get(government, []) if government is not None else []
        if government is None and len(by_government) == 1:
            candidates = next(iter(by_government.values()))  # one government in the bundle: no ambiguity
        rpjmd = latest(p for p in candidates if year in p.period)
        if rpjmd is None:
            continue
        lookup = _program_lookup(index, rpjmd)
        matches = tuple(
            _match(index, record, lookup, MEDIUM_TERM_REGIONAL, strict_agency=True)
            for record in index.item_records(CodeLevel.PROGRAM, rkpd)
        )
        pairs.append(DocumentPair(plan=rkpd, reference=rpjmd, year=year, matches=matches))
    return pairs


def rkpd_pairs(index: BundleIndex) -> list[DocumentPair]:
    """Each RKPD with the RPJMD (or RPD) covering its year and its programs matched (computed once per index)."""
    return cached(index, "vertical.rkpd_pairs", _build_rkpd_pairs)


# -- comparing indicators and targets ---------------------------------------------------------------------
def match_indicator(indicator: Indicator, candidates: Sequence[Indicator]) -> Indicator | None:
    """The candidate with the same id, else the same name (tolerated variants), else ``None``."""
    for candidate in candidates:
        if candidate.id == indicator.id:
            return candidate
    key = comparison_key(indicator.name)
    for candidate in candidates:
        if comparison_key(candidate.name) == key:
            return candidate
    best: tuple[float, Indicator] | None = None
    for candidate in candidates:
        found = compare_names(indicator.name, candidate.name)
        if found.matches and (best is None or found.score > best[0]):
            best = (found.score, candidate)
    return best[1] if best else None


@attrs.frozen(kw_only=True)
class TargetGap:
    """How a target differs from the reference target (``relative`` is ``None`` when not computable)."""

    difference: Decimal | None
    relative: Decimal | None


def _within(number: Decimal, low: Decimal, high: Decimal, tolerance: Decimal) -> bool:
    return low - tolerance * abs(low) <= number <= high + tolerance * abs(high)


def target_gap(value: Value, reference: Value, tolerance: Decimal) -> TargetGap | None:
    """``None`` when ``value`` agrees with ``reference`` within ``tolerance``, else the gap.

    Numbers differ when they are more than ``tolerance`` × the reference apart; a number agrees with
    a range it falls in (widened by the tolerance); two ranges agree when both bounds do; texts agree
    when they read the same; a text never agrees with a number.
    """
    if value.kind is ValueKind.TEXT or reference.kind is ValueKind.TEXT:
        same = value.kind is reference.kind and comparison_key(value.text) == comparison_key(reference.text)
        return None if same else TargetGap(difference=None, relative=None)
    if value.kind is ValueKind.NUMBER and reference.kind is ValueKind.NUMBER:
        assert value.number is not None and reference.number is not None
        agrees = not exceeds(value.number, reference.number, tolerance)
    elif value.kind is ValueKind.RANGE and reference.kind is ValueKind.RANGE:
        assert value.low is not None and value.high is not None
        assert reference.low is not None and reference.high is not None
        agrees = not exceeds(value.low, reference.low, tolerance) and not exceeds(value.high, reference.high, tolerance)
    elif value.kind is ValueKind.NUMBER:
        assert value.number is not None and reference.low is not None and reference.high is not None
        agrees = _within(value.number, reference.low, reference.high, tolerance)
    else:
        assert reference.number is not None and value.low is not None and value.high is not None
        agrees = _within(reference.number, value.low, value.high, tolerance)
    if agrees:
        return None
    ours, theirs = value.midpoint, reference.midpoint
    assert ours is not None and theirs is not None
    return TargetGap(difference=ours - theirs, relative=relative_difference(ours, theirs))


@attrs.frozen(kw_only=True)
class _Docs:
    """How the two documents of a pair are named in messages and evidence keys."""

    lower: str
    upper: str
    lower_key: str
    upper_key: str


_RENJA = _Docs(lower="Renja", upper="Renstra", lower_key="renja", upper_key="renstra")
_RKPD = _Docs(lower="RKPD", upper="RPJMD", lower_key="rkpd", upper_key="rpjmd")


def _indicator_findings(
    ctx: Context, pair: DocumentPair, match: ItemMatch, tolerance: Decimal, docs: _Docs
) -> Iterator[Finding]:
    record, counterpart = match.record, match.counterpart
    assert counterpart is not None
    theirs = counterpart.item.indicators
    if not theirs:
        return  # the upper document's item has no indicator at all: the completeness rules report it there
    for indicator in record.item.indicators:
        subject = ref(record.ref, indicator.id)
        values = {
            "indicator": indicator.name,
            "level": level_label(record.level),
            "code": record.code,
            "year": pair.year,
            "k": pair.year_index,
            "plan": pair.plan.title,
            "reference": pair.reference.title,
            "lower": docs.lower,
            "upper": docs.upper,
        }
        evidence = {
            "indicator": indicator.name,
            "code": str(record.code),
            "year": pair.year,
            "year_index": pair.year_index,
            f"{docs.lower_key}_plan": pair.plan.id,
            f"{docs.upper_key}_plan": pair.reference.id,
        }
        reference = match_indicator(indicator, theirs)
        if reference is None:
            names = [i.name for i in theirs]
            yield ctx.report(
                subject,
                "skn3.indicator-absent",
                {**values, "names": "; ".join(names)},
                evidence={**evidence, "reason": "indicator-absent", f"{docs.upper_key}_indicators": names},
                fix="skn3.indicator-absent.fix",
            )
            continue
        upper_indicator = ref(counterpart.ref, reference.id)
        finding = _target_finding(
            ctx, subject, (indicator, reference), upper_indicator, tolerance, docs, values, evidence
        )
        if finding is not None:
            yield finding


def _target_finding(
    ctx: Context,
    subject: str,
    indicators: tuple[Indicator, Indicator],
    upper_indicator: str,
    tolerance: Decimal,
    docs: _Docs,
    values: dict[str, object],
    evidence: dict[str, object],
) -> Finding | None:
    """The finding on an indicator whose year-k target or satuan departs from its counterpart's, if any."""
    indicator, reference = indicators
    year = evidence["year"]
    assert isinstance(year, int)
    ours_unit, theirs_unit = indicator.unit, reference.unit
    unit_differs = (
        unit_key(ours_unit) is not None
        and unit_key(theirs_unit) is not None
        and unit_key(ours_unit) != unit_key(theirs_unit)
    )
    ours_target, theirs_target = indicator.target_for(year), reference.target_for(year)
    gap = None
    if ours_target is not None and theirs_target is not None:
        gap = target_gap(ours_target, theirs_target, tolerance)
    if gap is None and not unit_differs:
        return None
    evidence = {
        **evidence,
        "reason": "target" if gap is not None else "unit",
        f"{docs.lower_key}_target": ours_target.display() if ours_target else None,
        f"{docs.upper_key}_target": theirs_target.display() if theirs_target else None,
        "difference": gap.difference if gap else None,
        "relative_difference": gap.relative if gap else None,
        "tolerance": tolerance,
        f"{docs.lower_key}_unit": ours_unit,
        f"{docs.upper_key}_unit": theirs_unit,
        f"{docs.upper_key}_indicator": upper_indicator,
    }
    values = {**values, "ours_unit": ours_unit, "theirs_unit": theirs_unit}
    if gap is None:
        return ctx.report(subject, "skn3.unit", values, evidence=evidence, fix="skn3.unit.fix")

    assert ours_target is not None and theirs_target is not None
    values.update(ours=ours_target.display(), theirs=theirs_target.display(), tolerance=tolerance)
    if gap.relative is None:
        target_key = "skn3.target.incomparable"
    else:
        target_key = "skn3.target"
        values["relative"] = abs(gap.relative)
    if not unit_differs:
        return ctx.report(subject, target_key, values, evidence=evidence, fix="skn3.target.fix")
    values.update(target=ctx.text(target_key, values), unit=ctx.text("skn3.unit", values))
    return ctx.report(subject, "skn3.target-and-unit", values, evidence=evidence, fix="skn3.target-and-unit.fix")


def _pagu_finding(
    ctx: Context,
    pair: DocumentPair,
    subject: str,
    what: object,
    ours: Decimal,
    theirs: Decimal,
    tolerance: Decimal,
    docs: _Docs,
    extra: dict[str, object],
) -> Finding:
    year, k = pair.year, pair.year_index
    difference = ours - theirs
    relative = relative_difference(ours, theirs)
    values = {
        "year": year,
        "k": k,
        "what": what,
        "plan": pair.plan.title,
        "reference": pair.reference.title,
        "upper": docs.upper,
        "ours": ours,
        "theirs": theirs,
        "tolerance": tolerance,
    }
    if relative is None:
        key = "skn3.pagu.unbudgeted"
    else:
        key = "skn3.pagu"
        direction = ctx.text("skn3.pagu.higher" if difference > 0 else "skn3.pagu.lower")
        values.update(direction=direction, difference=abs(difference), relative=abs(relative))
    return ctx.report(
        subject,
        key,
        values,
        evidence={
            **extra,
            "year": year,
            "year_index": k,
            f"{docs.lower_key}_plan": pair.plan.id,
            f"{docs.upper_key}_plan": pair.reference.id,
            f"{docs.lower_key}_pagu": ours,
            f"{docs.upper_key}_pagu": theirs,
            "difference": difference,
            "relative_difference": relative,
            "tolerance": tolerance,
        },
        fix="skn3.pagu.fix",
    )


# -- SKN301 ----------------------------------------------------------------------------------------------
def _deepest_level(index: BundleIndex, plan: Plan) -> int:
    """The depth (:attr:`CodeLevel.depth`) of the deepest items a plan lists (0 when it has none)."""
    return max((record.level.depth for record in index.items_by_plan.get(plan.id, ())), default=0)


@rule(
    "SKN301",
    "renja-outside-renstra",
    Severity.ERROR,
    id="Program, kegiatan atau sub kegiatan Renja PD tidak tercantum dalam Renstra PD perangkat daerah yang sama",
    en="A Renja PD program, kegiatan or sub kegiatan is not in the same agency's Renstra PD covering the year",
)
def renja_outside_renstra(ctx: Context) -> Iterator[Finding]:
    """Renja items with no counterpart in the Renstra PD covering the year.

    Reported at the highest absent level: when a program is absent, its kegiatan and sub kegiatan are
    counted in that one finding rather than reported one by one. Items are compared down to the
    deepest level the Renstra is written at: a Renstra listing kegiatan but no sub kegiatan does not
    make every Renja sub kegiatan absent.
    """
    for pair in renja_pairs(ctx.index):
        deepest = _deepest_level(ctx.index, pair.reference)
        top_of: dict[str, str] = {}
        below: dict[str, int] = defaultdict(int)
        tops: list[ItemRecord] = []
        for match in pair.matches:
            if match.counterpart is not None or match.record.level.depth > deepest:
                continue
            record = match.record
            parent = record.parent
            parent_ref = ref(pair.plan.id, parent.id) if parent is not None else None
            if parent_ref is not None and parent_ref in top_of:
                top = top_of[record.ref] = top_of[parent_ref]
                below[top] += 1
                continue
            top_of[record.ref] = record.ref
            tops.append(record)
        renja, renstra = pair.plan, pair.reference
        for record in tops:
            count = below[record.ref]
            yield ctx.report(
                record.ref,
                "skn301.absent.with-below" if count else "skn301.absent",
                {
                    "level": level_label(record.level),
                    "code": record.code,
                    "name": record.item.name,
                    "plan": renja.title,
                    "reference": renstra.title,
                    "below": count,
                },
                evidence={
                    "code": str(record.code),
                    "level": record.level.value,
                    "name": record.item.name,
                    "agency": renja.owner_id,
                    "year": pair.year,
                    "renja_plan": renja.id,
                    "renstra_plan": renstra.id,
                    "renstra_period": str(renstra.period),
                    "items_below": count,
                },
                fix="skn301.absent.fix",
            )


# -- SKN302 ----------------------------------------------------------------------------------------------
@rule(
    "SKN302",
    "renja-target-mismatch",
    Severity.WARNING,
    id="Target indikator Renja PD tahun ke-k berbeda dengan target Renstra PD tahun ke-k, atau indikatornya tidak ada di Renstra",
    en="A Renja PD indicator target for year k differs from the Renstra PD target for year k, or the indicator is not in the Renstra",
    options=TargetToleranceOptions,
)
def renja_target_mismatch(ctx: Context) -> Iterator[Finding]:
    """Indicators of matched Renja items whose year-k target (or satuan) departs from the Renstra's.

    Checked where both documents give a target for the year; an indicator the Renstra item does not
    have is reported too (unless the Renstra item has no indicator at all — SKN201 reports that).
    """
    tolerance = ctx.option("target_tolerance")
    for pair in renja_pairs(ctx.index):
        for match in pair.matches:
            if match.counterpart is not None:
                yield from _indicator_findings(ctx, pair, match, tolerance, _RENJA)


# -- SKN303 ----------------------------------------------------------------------------------------------
@rule(
    "SKN303",
    "renja-pagu-mismatch",
    Severity.WARNING,
    id="Pagu Renja PD berbeda dengan pagu indikatif Renstra PD tahun ke-k melebihi toleransi",
    en="A Renja PD pagu differs from the Renstra PD pagu for year k beyond the tolerance",
    options=PaguToleranceOptions,
)
def renja_pagu_mismatch(ctx: Context) -> Iterator[Finding]:
    """Matched Renja items whose pagu for the year differs from the Renstra's pagu for that year.

    An item without its own pagu counts the sum of its children's; items where either document gives
    no pagu for the year are not compared.
    """
    tolerance = ctx.option("pagu_tolerance")
    for pair in renja_pairs(ctx.index):
        for match in pair.matches:
            if match.counterpart is None:
                continue
            ours = pagu_of(match.record.item, pair.year)
            theirs = pagu_of(match.counterpart.item, pair.year)
            if ours is None or theirs is None or not exceeds(ours, theirs, tolerance):
                continue
            record = match.record
            yield _pagu_finding(
                ctx,
                pair,
                record.ref,
                f"{level_label(record.level).lower()} {record.code}",
                ours,
                theirs,
                tolerance,
                _RENJA,
                {"code": str(record.code), "level": record.level.value, "renstra_item": match.counterpart.ref},
            )


# -- SKN304 ----------------------------------------------------------------------------------------------
@rule(
    "SKN304",
    "rkpd-rpjmd-mismatch",
    Severity.WARNING,
    id="Program RKPD tidak ada di RPJMD, atau target/pagu tahun ke-k berbeda dengan RPJMD",
    en="An RKPD program is not in the RPJMD, or its year-k target or pagu differs from the RPJMD",
    options=TargetAndPaguToleranceOptions,
)
def rkpd_rpjmd_mismatch(ctx: Context) -> Iterator[Finding]:
    """RKPD programs against the RPJMD programs of the same code (the Form 1 consistency table).

    The pagu of an RPJMD program is compared with the sum over the RKPD programs matched to it (one
    per perangkat daerah when the RPJMD program names no agency).
    """
    target_tolerance = ctx.option("target_tolerance")
    pagu_tolerance = ctx.option("pagu_tolerance")
    index = ctx.index
    for pair in rkpd_pairs(index):
        groups: dict[str, list[ItemRecord]] = defaultdict(list)
        for match in pair.matches:
            record = match.record
            if match.counterpart is None:
                same_code = _program_lookup(index, pair.reference).find(record.code)
                other_agencies = sorted({a for a in map(_explicit_agency, same_code) if a is not None})
                agency = _explicit_agency(record)
                yield ctx.report(
                    record.ref,
                    "skn304.absent.elsewhere" if other_agencies else "skn304.absent",
                    {
                        "code": record.code,
                        "name": record.item.name,
                        "plan": pair.plan.title,
                        "reference": pair.reference.title,
                        "agencies": ", ".join(other_agencies),
                    },
                    evidence={
                        "reason": "program-absent",
                        "code": str(record.code),
                        "name": record.item.name,
                        "agency": agency,
                        "year": pair.year,
                        "rkpd_plan": pair.plan.id,
                        "rpjmd_plan": pair.reference.id,
                        "rpjmd_agencies": other_agencies,
                    },
                    fix="skn304.absent.fix",
                )
                continue
            groups[match.counterpart.ref].append(record)
            yield from _indicator_findings(ctx, pair, match, target_tolerance, _RKPD)
        for rpjmd_ref, records in groups.items():
            rpjmd_program = index.items[rpjmd_ref]
            theirs = pagu_of(rpjmd_program.item, pair.year)
            amounts = [a for a in (pagu_of(r.item, pair.year) for r in records) if a is not None]
            if theirs is None or not amounts:
                continue
            ours = sum(amounts, Decimal(0))
            if not exceeds(ours, theirs, pagu_tolerance):
                continue
            single = len(records) == 1
            what = ctx.text(
                "skn304.program" if single else "skn304.programs", {"code": rpjmd_program.code, "count": len(records)}
            )
            yield _pagu_finding(
                ctx,
                pair,
                records[0].ref if single else rpjmd_ref,
                what,
                ours,
                theirs,
                pagu_tolerance,
                _RKPD,
                {
                    "reason": "pagu",
                    "code": str(rpjmd_program.code),
                    "rkpd_programs": [r.ref for r in records],
                    "rpjmd_program": rpjmd_ref,
                },
            )


# -- SKN305 ----------------------------------------------------------------------------------------------
def _cascade_target(ctx: Context, target: str) -> tuple[Plan, Goal | Objective] | None:
    statement = ctx.index.objectives.get(target)
    if statement is None:
        indicator = ctx.index.indicators.get(target)
        if indicator is not None:
            statement = ctx.index.objectives.get(indicator.owner_ref)
    return statement


_LINK_PROBLEMS = {
    "target-missing": "skn305.target-missing",
    "not-rpjmd-sasaran": "skn305.not-rpjmd-sasaran",
    "other-government": "skn305.other-government",
}


def _link_problem(ctx: Context, target: str, government: str | None) -> str | None:
    """Why a cascades link to ``target`` does not reach an RPJMD sasaran of ``government`` (``None`` if it does)."""
    found = _cascade_target(ctx, target)
    if found is None:
        return "target-missing"
    if found[0].kind not in MEDIUM_TERM_REGIONAL or not isinstance(found[1], Objective):
        return "not-rpjmd-sasaran"
    if not _compatible(government, plan_government(ctx.index, found[0])):
        return "other-government"
    return None


def _cascade_links(ctx: Context, renstra: Plan, can_resolve: bool) -> tuple[set[str], dict[str, list[tuple[str, str]]]]:
    """The Renstra statements with a valid cascades link, and the invalid links of each statement."""
    government = plan_government(ctx.index, renstra)
    linked: set[str] = set()
    problems: dict[str, list[tuple[str, str]]] = defaultdict(list)
    statements: list[Goal | Objective] = [*renstra.goals, *renstra.objectives]
    for statement in statements:
        for link in ctx.index.linked(ref(renstra.id, statement.id), LinkKind.CASCADES):
            problem = _link_problem(ctx, link.target, government) if can_resolve else None
            if problem is None:
                linked.add(statement.id)
            else:
                problems[statement.id].append((link.target, problem))
    return linked, problems


def _covered(renstra: Plan, linked: set[str]) -> set[str]:
    """Statements covered by a link: their own, a tujuan's by one of its sasaran, a sasaran's by its tujuan."""
    goal_ids = {g.id for g in renstra.goals}
    covered = set(linked)
    for objective in renstra.objectives:
        if objective.id in linked and objective.goal_id in goal_ids:
            covered.add(objective.goal_id)
        if objective.goal_id in linked:
            covered.add(objective.id)
    return covered


@rule(
    "SKN305",
    "renstra-not-cascaded",
    Severity.WARNING,
    id="Tujuan/sasaran Renstra PD tidak terhubung (cascading) ke sasaran RPJMD",
    en="A Renstra PD tujuan/sasaran is not linked (cascaded) to an RPJMD sasaran",
)
def renstra_not_cascaded(ctx: Context) -> Iterator[Finding]:
    """Renstra tujuan and sasaran without a ``cascades`` link to a sasaran of the government's RPJMD.

    A sasaran is covered by its own link or by its tujuan's; a tujuan by its own link or by one of its
    sasaran's (SIPD links the tujuan, ``kode_sasaran_rpjm``). When the RPJMD is in the bundle, links
    must reach an existing RPJMD sasaran (or one of its indicators) of the same government; without it,
    only the presence of a link is checked.
    """
    index = ctx.index
    rpjmd_governments = {
        plan_government(index, p) for kind in MEDIUM_TERM_REGIONAL for p in index.plans_by_kind.get(kind, ())
    }
    for renstra in index.plans_by_kind.get(PlanKind.RENSTRA_PD, ()):
        government = plan_government(index, renstra)
        can_resolve = government in rpjmd_governments or (government is None and bool(rpjmd_governments))
        linked, problems = _cascade_links(ctx, renstra, can_resolve)
        covered = _covered(renstra, linked)
        statements: list[Goal | Objective] = [*renstra.goals, *renstra.objectives]
        for statement in statements:
            bad = problems.get(statement.id, [])
            if statement.id in covered and not bad:
                continue
            values = {
                "kind": "Tujuan" if isinstance(statement, Goal) else "Sasaran",
                "statement": statement.id,
                "text": statement.text,
                "plan": renstra.title,
                "links": join_messages(
                    (ctx.text(_LINK_PROBLEMS[r], {"target": ctx.index.path(t)}) for t, r in bad), "; "
                ),
            }
            yield ctx.report(
                ref(renstra.id, statement.id),
                "skn305.invalid-link" if bad else "skn305.no-link",
                values,
                evidence={
                    "reason": "invalid-link" if bad else "no-link",
                    "statement": statement.id,
                    "kind": "tujuan" if isinstance(statement, Goal) else "sasaran",
                    "text": statement.text,
                    "renstra_plan": renstra.id,
                    "links": [{"target": t, "problem": r} for t, r in bad],
                    "rpjmd_checked": can_resolve,
                },
                fix="skn305.fix",
            )


# -- SKN306 ----------------------------------------------------------------------------------------------
_KINDS = (BudgetKind.INDICATIVE, BudgetKind.CEILING, BudgetKind.REVISED)
_KIND_LABEL = {
    BudgetKind.INDICATIVE: "pagu indikatif",
    BudgetKind.CEILING: "pagu",
    BudgetKind.REVISED: "pagu perubahan",
}


@rule(
    "SKN306",
    "pagu-not-summing",
    Severity.ERROR,
    id="Pagu program/kegiatan tidak sama dengan jumlah pagu kegiatan/sub kegiatan di bawahnya",
    en="A program/kegiatan pagu is not the sum of the pagu of its kegiatan/sub kegiatan",
    options=BudgetSumOptions,
)
def pagu_not_summing(ctx: Context) -> Iterator[Finding]:
    """Parents whose own pagu for a year differs from the sum of their children's, per budget kind.

    A difference is tolerated up to ``absolute_tolerance`` rupiah (rounding in documents written in
    thousands) or ``pagu_tolerance`` × the parent's pagu, whichever is larger. A child without its own
    pagu counts the sum of its own children; a child with no figure of that kind counts its latest
    earlier figure (an unchanged item in an APBD perubahan); a year where no child has a figure is
    not compared. One finding per parent lists every year and kind that does not add up.
    """
    relative = ctx.option("pagu_tolerance")
    absolute = ctx.option("absolute_tolerance")
    for record in ctx.index.items.values():
        item = record.item
        below = children(item)
        if not below or not item.budgets:
            continue
        rows: list[tuple[int, BudgetKind, Decimal, Decimal]] = []
        for year, kind in sorted({(b.year, b.kind) for b in item.budgets}, key=lambda yk: (yk[0], _KINDS.index(yk[1]))):
            parent = own_pagu(item, year, kind)
            amounts = [a for a in (pagu_of(c, year, kind) for c in below) if a is not None]
            if parent is None or not amounts:
                continue
            total = sum(amounts, Decimal(0))
            if abs(parent - total) > max(absolute, relative * parent):
                rows.append((year, kind, parent, total))
        if not rows:
            continue
        year, kind, parent, total = rows[0]
        yield ctx.report(
            record.ref,
            "skn306.not-summing.more" if len(rows) > 1 else "skn306.not-summing",
            {
                "kind": _KIND_LABEL[kind],
                "year": year,
                "level": level_label(record.level),
                "code": record.code,
                "parent": parent,
                "total": total,
                "children": len(below),
                "child_level": "kegiatan" if record.level is CodeLevel.PROGRAM else "sub kegiatan",
                "more": len(rows) - 1,
            },
            evidence={
                "code": str(record.code),
                "level": record.level.value,
                "plan": record.plan.id,
                "children": len(below),
                "years": [
                    {"year": y, "kind": k.value, "parent_pagu": p, "children_sum": t, "difference": p - t}
                    for y, k, p, t in rows
                ],
                "pagu_tolerance": relative,
                "absolute_tolerance": absolute,
            },
            fix="skn306.not-summing.fix",
        )


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
