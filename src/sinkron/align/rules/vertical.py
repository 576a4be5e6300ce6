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
    percent_en,
    percent_id,
    plan_government,
    relative_difference,
    rupiah_en,
    rupiah_id,
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
    year, k = pair.year, pair.year_index
    level = level_label(record.level)
    lower_title, upper_title = pair.plan.title, pair.reference.title
    for indicator in record.item.indicators:
        subject = ref(record.ref, indicator.id)
        reference = match_indicator(indicator, theirs)
        base = {
            "indicator": indicator.name,
            "code": str(record.code),
            "year": year,
            "year_index": k,
            f"{docs.lower_key}_plan": pair.plan.id,
            f"{docs.upper_key}_plan": pair.reference.id,
        }
        if reference is None:
            names = [i.name for i in theirs]
            yield ctx.finding(
                subject,
                id=f"Indikator “{indicator.name}” pada {level.lower()} {record.code} di {lower_title} tidak ditemukan "
                f"pada {level.lower()} yang sama di {upper_title}, sehingga targetnya tidak dapat ditelusuri ke "
                f"{docs.upper}.",
                en=f"Indicator “{indicator.name}” of {level.lower()} {record.code} in {lower_title} is not among the "
                f"indicators of that {level.lower()} in {upper_title}, so its target cannot be traced to the "
                f"{docs.upper}.",
                evidence={**base, "reason": "indicator-absent", f"{docs.upper_key}_indicators": names},
                fix_id=f"Gunakan indikator yang tercantum di {docs.upper} ({'; '.join(names)}), atau tambahkan "
                f"indikator ini ke {docs.upper} melalui perubahan dokumen.",
                fix_en=f"Use an indicator listed in the {docs.upper} ({'; '.join(names)}), or add this indicator to "
                f"the {docs.upper} through a revision.",
            )
            continue
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
            continue
        evidence = {
            **base,
            "reason": "target" if gap is not None else "unit",
            f"{docs.lower_key}_target": ours_target.display() if ours_target else None,
            f"{docs.upper_key}_target": theirs_target.display() if theirs_target else None,
            "difference": gap.difference if gap else None,
            "relative_difference": gap.relative if gap else None,
            "tolerance": tolerance,
            f"{docs.lower_key}_unit": ours_unit,
            f"{docs.upper_key}_unit": theirs_unit,
            f"{docs.upper_key}_indicator": ref(counterpart.ref, reference.id),
        }
        parts_id: list[str] = []
        parts_en: list[str] = []
        if gap is not None:
            assert ours_target is not None and theirs_target is not None
            ours_text, theirs_text = ours_target.display(), theirs_target.display()
            head_id = (
                f"Target {year} indikator “{indicator.name}” di {lower_title} ({ours_text}) berbeda dengan target "
                f"tahun ke-{k} di {upper_title} ({theirs_text})"
            )
            head_en = (
                f"The {year} target of indicator “{indicator.name}” in {lower_title} ({ours_text}) differs from the "
                f"year-{k} target in {upper_title} ({theirs_text})"
            )
            if gap.relative is not None:
                head_id += f": selisih {percent_id(abs(gap.relative))}, di atas toleransi {percent_id(tolerance)}."
                head_en += f": {percent_en(abs(gap.relative))} apart, beyond the {percent_en(tolerance)} tolerance."
            else:
                head_id += "."
                head_en += "."
            parts_id.append(head_id)
            parts_en.append(head_en)
        if unit_differs:
            parts_id.append(
                f"Satuan indikator “{indicator.name}” di {docs.lower} ({ours_unit}) berbeda dengan di {docs.upper} "
                f"({theirs_unit})."
            )
            parts_en.append(
                f"The unit of indicator “{indicator.name}” is {ours_unit} in the {docs.lower} but {theirs_unit} in "
                f"the {docs.upper}."
            )
        what_id = " dan ".join(w for w, on in (("target", gap is not None), ("satuan", unit_differs)) if on)
        what_en = " and ".join(w for w, on in (("target", gap is not None), ("unit", unit_differs)) if on)
        yield ctx.finding(
            subject,
            id=" ".join(parts_id),
            en=" ".join(parts_en),
            evidence=evidence,
            fix_id=f"Samakan {what_id} dengan {docs.upper} tahun ke-{k}, atau perbarui {docs.upper} bila memang "
            f"berubah.",
            fix_en=f"Align the {what_en} with the {docs.upper}'s year-{k} figure, or revise the {docs.upper} if it has "
            f"really changed.",
        )


def _pagu_finding(
    ctx: Context,
    pair: DocumentPair,
    subject: str,
    what: tuple[str, str],
    ours: Decimal,
    theirs: Decimal,
    tolerance: Decimal,
    docs: _Docs,
    extra: dict[str, object],
) -> Finding:
    year, k = pair.year, pair.year_index
    difference = ours - theirs
    relative = relative_difference(ours, theirs)
    if relative is not None:
        direction_id = "lebih tinggi" if difference > 0 else "lebih rendah"
        direction_en = "higher" if difference > 0 else "lower"
        tail_id = (
            f": {direction_id} {rupiah_id(abs(difference))} ({percent_id(abs(relative))}), di atas toleransi "
            f"{percent_id(tolerance)}."
        )
        tail_en = (
            f": {rupiah_en(abs(difference))} ({percent_en(abs(relative))}) {direction_en}, beyond the "
            f"{percent_en(tolerance)} tolerance."
        )
    else:
        tail_id = f", padahal {docs.upper} tidak menganggarkan dana untuk tahun tersebut."
        tail_en = f", while the {docs.upper} budgets nothing for that year."
    return ctx.finding(
        subject,
        id=f"Pagu {year} {what[0]} di {pair.plan.title} ({rupiah_id(ours)}) berbeda dengan pagu tahun ke-{k} di "
        f"{pair.reference.title} ({rupiah_id(theirs)}){tail_id}",
        en=f"The {year} pagu of {what[1]} in {pair.plan.title} ({rupiah_en(ours)}) differs from the year-{k} pagu in "
        f"{pair.reference.title} ({rupiah_en(theirs)}){tail_en}",
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
        fix_id=f"Sesuaikan pagu dengan {docs.upper} tahun ke-{k}, atau perbarui pagu indikatif {docs.upper} bila "
        f"kebutuhan dananya memang berubah.",
        fix_en=f"Bring the pagu in line with the {docs.upper}'s year-{k} figure, or revise the {docs.upper}'s "
        f"pagu indikatif if the funding need has really changed.",
    )


# -- SKN301 ----------------------------------------------------------------------------------------------
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
    counted in that one finding rather than reported one by one.
    """
    for pair in renja_pairs(ctx.index):
        top_of: dict[str, str] = {}
        below: dict[str, int] = defaultdict(int)
        tops: list[ItemRecord] = []
        for match in pair.matches:
            if match.counterpart is not None:
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
            level = level_label(record.level)
            count = below[record.ref]
            yield ctx.finding(
                record.ref,
                id=f"{level} {record.code} “{record.item.name}” ada di {renja.title} tetapi tidak tercantum dalam "
                f"{renstra.title}." + (f" Begitu pula {count} item di bawahnya." if count else ""),
                en=f"{level} {record.code} “{record.item.name}” is in {renja.title} but not in {renstra.title}."
                + (f" Neither are the {count} items below it." if count else ""),
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
                fix_id=f"Masukkan {level.lower()} ini ke Renstra melalui perubahan Renstra, atau ganti dengan "
                f"{level.lower()} yang tercantum di Renstra (Renja berpedoman pada Renstra).",
                fix_en=f"Add this {level.lower()} to the Renstra through a Renstra revision, or replace it with a "
                f"{level.lower()} the Renstra lists (the Renja follows the Renstra).",
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
                (f"{level_label(record.level).lower()} {record.code}",) * 2,
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
                if other_agencies:
                    id_text = f" RPJMD memuat program ini untuk perangkat daerah lain ({', '.join(other_agencies)})."
                    en_text = f" The RPJMD has it for other agencies ({', '.join(other_agencies)})."
                else:
                    id_text = en_text = ""
                yield ctx.finding(
                    record.ref,
                    id=f"Program {record.code} “{record.item.name}” ada di {pair.plan.title} tetapi tidak tercantum "
                    f"dalam {pair.reference.title}.{id_text}",
                    en=f"Program {record.code} “{record.item.name}” is in {pair.plan.title} but not in "
                    f"{pair.reference.title}.{en_text}",
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
                    fix_id="Gunakan program yang tercantum di RPJMD, atau tampung program ini melalui perubahan RPJMD.",
                    fix_en="Use a program listed in the RPJMD, or take this program in through an RPJMD revision.",
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
            what = (
                f"program {rpjmd_program.code}" + ("" if single else f" (jumlah {len(records)} perangkat daerah)"),
                f"program {rpjmd_program.code}" + ("" if single else f" ({len(records)} perangkat daerah together)"),
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
        statements: list[Goal | Objective] = [*renstra.goals, *renstra.objectives]
        linked: set[str] = set()
        problems: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for statement in statements:
            source = ref(renstra.id, statement.id)
            for link in index.linked(source, LinkKind.CASCADES):
                if not can_resolve:
                    linked.add(statement.id)
                    continue
                found = _cascade_target(ctx, link.target)
                if found is None:
                    problems[statement.id].append((link.target, "target-missing"))
                elif found[0].kind not in MEDIUM_TERM_REGIONAL or not isinstance(found[1], Objective):
                    problems[statement.id].append((link.target, "not-rpjmd-sasaran"))
                elif not _compatible(government, plan_government(index, found[0])):
                    problems[statement.id].append((link.target, "other-government"))
                else:
                    linked.add(statement.id)
        goal_ids = {g.id for g in renstra.goals}
        covered = set(linked)
        for objective in renstra.objectives:
            if objective.id in linked and objective.goal_id in goal_ids:
                covered.add(objective.goal_id)
            if objective.goal_id in linked:
                covered.add(objective.id)
        for statement in statements:
            bad = problems.get(statement.id, [])
            if statement.id in covered and not bad:
                continue
            kind_id = "Tujuan" if isinstance(statement, Goal) else "Sasaran"
            subject = ref(renstra.id, statement.id)
            if bad:
                reasons_id = {
                    "target-missing": "tidak ditemukan",
                    "not-rpjmd-sasaran": "bukan sasaran RPJMD",
                    "other-government": "milik RPJMD pemerintah daerah lain",
                }
                reasons_en = {
                    "target-missing": "does not exist",
                    "not-rpjmd-sasaran": "is not an RPJMD sasaran",
                    "other-government": "belongs to another government's RPJMD",
                }
                listed_id = "; ".join(f"{t} {reasons_id[r]}" for t, r in bad)
                listed_en = "; ".join(f"{t} {reasons_en[r]}" for t, r in bad)
                message_id = (
                    f"{kind_id} {statement.id} “{statement.text}” di {renstra.title} terhubung ke sasaran RPJMD yang "
                    f"tidak valid ({listed_id})."
                )
                message_en = (
                    f"{kind_id} {statement.id} “{statement.text}” in {renstra.title} cascades to an invalid RPJMD "
                    f"sasaran ({listed_en})."
                )
                reason = "invalid-link"
            else:
                message_id = (
                    f"{kind_id} {statement.id} “{statement.text}” di {renstra.title} belum terhubung (cascading) ke "
                    f"sasaran RPJMD mana pun."
                )
                message_en = (
                    f"{kind_id} {statement.id} “{statement.text}” in {renstra.title} is not linked (cascaded) to any "
                    f"RPJMD sasaran."
                )
                reason = "no-link"
            yield ctx.finding(
                subject,
                id=message_id,
                en=message_en,
                evidence={
                    "reason": reason,
                    "statement": statement.id,
                    "kind": "tujuan" if isinstance(statement, Goal) else "sasaran",
                    "text": statement.text,
                    "renstra_plan": renstra.id,
                    "links": [{"target": t, "problem": r} for t, r in bad],
                    "rpjmd_checked": can_resolve,
                },
                fix_id=f"Hubungkan {kind_id.lower()} ini ke sasaran RPJMD yang didukungnya (tautan cascades ke "
                f"“<rpjmd>#<id sasaran>”), sesuai pohon kinerja.",
                fix_en=f"Link this {kind_id.lower()} to the RPJMD sasaran it serves (a cascades link to "
                f"“<rpjmd>#<sasaran id>”), following the performance tree.",
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
        level = level_label(record.level).lower()
        child_level = "kegiatan" if record.level is CodeLevel.PROGRAM else "sub kegiatan"
        more = len(rows) - 1
        yield ctx.finding(
            record.ref,
            id=f"{_KIND_LABEL[kind].capitalize()} {year} {level} {record.code} ({rupiah_id(parent)}) tidak sama "
            f"dengan jumlah pagu {len(below)} {child_level} di bawahnya ({rupiah_id(total)})."
            + (f" Hal yang sama terjadi pada {more} tahun/jenis pagu lain." if more else ""),
            en=f"The {year} {_KIND_LABEL[kind]} of {level} {record.code} ({rupiah_en(parent)}) is not the sum of its "
            f"{len(below)} {child_level} ({rupiah_en(total)})."
            + (f" The same holds for {more} other year(s)/kind(s) of pagu." if more else ""),
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
            fix_id=f"Perbaiki pagu {level} menjadi {rupiah_id(total)} (jumlah pagu {child_level}), atau lengkapi "
            f"{child_level} yang belum tercantum.",
            fix_en=f"Set the {level} pagu to {rupiah_en(total)} (the sum of its {child_level}), or add the "
            f"{child_level} that are missing.",
        )


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
