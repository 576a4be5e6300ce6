"""Rule family 7 — National–regional synchronisation (K/L–Pemda): tag versions, Form 4 coverage, DAK menus and the 5 % penunjang cap, RO locations, units and range targets.

The national and regional code trees never share keys, so these rules join only through

* ``TAGGED``/``SUPPORTS`` links to priorities (PN/PP/KP/ProP and thematic tags),
* the crosswalks in ``Bundle.national`` (KP → sub kegiatan, DAK menu → sub kegiatan and
  kode_dana, K/L program ↔ bidang urusan), and
* locations (an RO's lokasi, a satker's location, a regional plan's government).

Everything the rules need travels in the bundle (see :mod:`sinkron.models.national.records`); options only tune
thresholds. Yearly regional plans are the RKPD, Renja PD and DPA of a government other than
``pusat``; K/L records are the ministry plans of ``Bundle.national``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from sinkron.align.context import Context
from sinkron.align.findings import Finding, Severity
from sinkron.align.index import PATH_SEPARATOR, BundleIndex
from sinkron.align.rule import Rule, register_all, rule
from sinkron.align.rules._options import DakCapOptions, KpCoverageOptions
from sinkron.align.rules._shared import cached
from sinkron.codes import Code
from sinkron.errors import SinkronError
from sinkron.kl import (
    DAKMenu,
    FundingKind,
    FundingName,
    NationalPriority,
    OutputRecord,
    PriorityTree,
    compatible,
    falls_short,
    form4_rollup,
    interval,
    normalise_unit,
    regional_plans,
)
from sinkron.models import (
    FundingSource,
    Indicator,
    LinkKind,
    Plan,
    PlanKind,
    PlanPeriod,
    Priority,
    PriorityKind,
    SubActivity,
    Value,
)
from sinkron.models.links import REF_SEPARATOR
from sinkron.models.national import Authority, WorkUnit
from sinkron.models.national._base import within_region
from sinkron.names import comparison_key
from sinkron.plugins.hookspecs import hookimpl
from sinkron.regions import region_label

__all__ = ["NationalIndex", "national_index"]

_YEARLY_REGIONAL = (PlanKind.RKPD, PlanKind.RENJA_PD, PlanKind.DPA)
_TREE_KINDS = (PriorityKind.NATIONAL, PriorityKind.PROGRAM, PriorityKind.ACTIVITY, PriorityKind.PROJECT)


def _is_regional_yearly(plan: Plan) -> bool:
    return plan.kind in _YEARLY_REGIONAL and plan.government_id not in (None, "pusat")


def _short(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@attrs.frozen(kw_only=True)
class _SubRecord:
    ref: str
    plan: Plan
    sub: SubActivity


class NationalIndex:
    """Lookups over ``Bundle.national`` and the bundle's tags, built once per check (:func:`national_index`)."""

    def __init__(self, index: BundleIndex) -> None:
        bundle = index.bundle
        national = bundle.national
        self.index = index
        self.outputs: dict[str, OutputRecord] = {o.ref: o for o in national.outputs()}
        self.output_indicators: dict[str, tuple[OutputRecord, Indicator]] = {
            f"{o.ref}{REF_SEPARATOR}{ind.id}": (o, ind) for o in self.outputs.values() for ind in o.output.indicators
        }
        self.nodes: dict[str, tuple[PriorityTree, NationalPriority]] = {
            tree.priority_id(node.code): (tree, node) for tree in national.priority_trees for node in tree.nodes
        }
        self.work_units = {w.code: w for w in national.work_units}
        self.government_at: dict[str, set[str]] = defaultdict(set)
        for government in bundle.governments:
            if government.region_code:
                self.government_at[government.region_code].add(government.id)
        # direct priority links of every record (item, RO, or their indicators → the record)
        self.tags: dict[str, set[str]] = defaultdict(set)
        for link in bundle.links:
            if link.kind in (LinkKind.TAGGED, LinkKind.SUPPORTS):
                head = link.target.split(REF_SEPARATOR, 1)[0]
                if head in index.priorities:
                    self.tags[self._owner(link.source)].add(head)
        self.subs: dict[str, _SubRecord] = {}
        self.sub_tags: dict[str, set[str]] = {}
        self.plan_codes: dict[str, set[Code]] = defaultdict(set)
        """Per yearly regional plan: its sub kegiatan codes, their bidang urusan and their tags."""
        self.plan_sectors: dict[str, set[Code]] = defaultdict(set)
        self.plan_tags: dict[str, set[str]] = defaultdict(set)
        for plan in bundle.plans:
            if not _is_regional_yearly(plan):
                continue
            for program in plan.programs:
                program_tags = self.tags.get(f"{plan.id}{REF_SEPARATOR}{program.id}", set())
                for activity in program.activities:
                    activity_tags = self.tags.get(f"{plan.id}{REF_SEPARATOR}{activity.id}", set())
                    for sub in activity.sub_activities:
                        r = f"{plan.id}{REF_SEPARATOR}{sub.id}"
                        self.subs[r] = _SubRecord(ref=r, plan=plan, sub=sub)
                        self.sub_tags[r] = program_tags | activity_tags | self.tags.get(r, set())
                        self.plan_codes[plan.id].add(sub.code)
                        if sub.code.sector is not None:
                            self.plan_sectors[plan.id].add(sub.code.sector)
                        self.plan_tags[plan.id] |= self.sub_tags[r]

    def _owner(self, source: str) -> str:
        """The record a link source belongs to (an indicator reference → its item or RO)."""
        if source in self.index.items or source in self.outputs:
            return source
        indicator = self.index.indicators.get(source)
        if indicator is not None:
            return indicator.owner_ref
        if source in self.output_indicators:
            return self.output_indicators[source][0].ref
        return source

    def period_of(self, source: str) -> PlanPeriod | None:
        """The years of the plan a record belongs to (regional item, RO, or an indicator of either)."""
        owner = self._owner(source)
        record = self.index.items.get(owner)
        if record is not None:
            return record.plan.period
        output = self.outputs.get(owner)
        if output is not None:
            return PlanPeriod(start=output.plan.year, end=output.plan.year)
        return None

    def path(self, subject: str) -> str:
        """A human path, for K/L ROs and their indicators too."""
        found = self.outputs.get(subject)
        suffix = ""
        if found is None and subject in self.output_indicators:
            found, indicator = self.output_indicators[subject]
            suffix = f"{PATH_SEPARATOR}{_short(indicator.name)}"
        if found is None:
            return self.index.path(subject)
        chain = [
            (found.program.code, found.program.name),
            (found.activity.code, found.activity.name),
            (found.output_class.code, found.output_class.name),
            (found.output.code, found.output.name),
        ]
        return PATH_SEPARATOR.join([found.plan.title, *(f"{code} {_short(name)}" for code, name in chain)]) + suffix

    def priority_period(self, priority: Priority) -> PlanPeriod | None:
        if priority.period is not None:
            return priority.period
        node = self.nodes.get(priority.id)
        return node[0].period if node else None

    def governments_at(self, region_code: str) -> set[str]:
        """Ids of the governments with this kode wilayah (the code itself when no Government record names it)."""
        return self.government_at.get(region_code) or {region_code}

    def related_ids(self, tags: set[str]) -> set[str]:
        """Priority ids a tag set meets: the tags, their ancestors below PN level, and what sits under them.

        A shared PN alone relates nothing (everything of PN 02 would meet everything else of it);
        a PP tag on a sub kegiatan meets an RO's KP under that PP, and vice versa.
        """
        out: set[str] = set(tags)
        for tag_id in tags:
            for ancestor in self.index.priority_ancestors(tag_id)[1:]:
                if ancestor.kind not in (PriorityKind.NATIONAL, PriorityKind.ASTA_CITA):
                    out.add(ancestor.id)
            top = self.index.priorities.get(tag_id)
            if top is None or top.kind in (PriorityKind.NATIONAL, PriorityKind.ASTA_CITA):
                continue
            stack = [tag_id]
            while stack:
                for child in self.index.priority_children.get(stack.pop(), ()):
                    if child.id not in out:
                        out.add(child.id)
                        stack.append(child.id)
        return out


def national_index(index: BundleIndex) -> NationalIndex:
    """The :class:`NationalIndex` of a check, built once and shared by the family-7 rules."""
    return cached(index, "national.index", NationalIndex)


def _report(
    ctx: Context,
    nat: NationalIndex,
    subject: str,
    key: str,
    values: Mapping[str, Any],
    *,
    evidence: dict[str, object],
    fix: str,
    severity: Severity | None = None,
) -> Finding:
    """:meth:`Context.report`, with a path and location that also work for K/L ROs."""
    finding = ctx.report(subject, key, values, evidence=evidence, fix=fix, path=nat.path(subject), severity=severity)
    output = nat.outputs.get(subject)
    if output is not None and finding.location is None:
        finding = attrs.evolve(finding, location=output.output.provenance)
    return finding


def _years(period: PlanPeriod) -> str:
    return str(period)


# -- SKN701 -------------------------------------------------------------------------------------------------


def _replacement(nat: NationalIndex, priority: Priority, period: PlanPeriod) -> Priority | None:
    """A priority of the same kind, with the same code or name, in force over ``period``."""
    key = comparison_key(priority.name)
    for candidate in nat.index.priorities.values():
        cp = nat.priority_period(candidate)
        if candidate.id == priority.id or candidate.kind is not priority.kind or cp is None:
            continue
        if not (cp.start <= period.start and period.end <= cp.end):
            continue
        if (priority.code and candidate.code == priority.code) or comparison_key(candidate.name) == key:
            return candidate
    return None


@rule(
    "SKN701",
    "tag-out-of-version",
    Severity.ERROR,
    id="Tag prioritas menunjuk prioritas yang tidak ada atau tidak berlaku pada tahun rencana",
    en="A priority tag points to a priority that does not exist or is not in force in the plan year",
)
def tag_out_of_version(ctx: Context) -> Iterator[Finding]:
    """TAGGED links from a regional item or a K/L RO to a national (PN/PP/KP/ProP) or thematic
    priority must name a priority of the bundle whose document is in force over the plan's years
    (RPJMN 2025–2029 for a 2026 RKPD, not RPJMN 2020–2024)."""
    nat = national_index(ctx.index)
    for link in ctx.bundle.links:
        if link.kind is not LinkKind.TAGGED:
            continue
        period = nat.period_of(link.source)
        if period is None:
            continue
        owner = nat._owner(link.source)
        target = link.target.split(REF_SEPARATOR, 1)[0]
        priority = ctx.index.priorities.get(target)
        if priority is None:
            yield _report(
                ctx,
                nat,
                owner,
                "skn701.missing",
                {"tag": repr(target)},
                evidence={"tag": target, "plan_years": _years(period)},
                fix="skn701.missing.fix",
            )
            continue
        if priority.kind not in (*_TREE_KINDS, PriorityKind.ASTA_CITA, PriorityKind.THEMATIC):
            continue
        valid = nat.priority_period(priority)
        if valid is None or (valid.start <= period.start and period.end <= valid.end):
            continue
        better = _replacement(nat, priority, period)
        document = priority.document or "?"
        values = {
            "priority": f"{priority.code or priority.id} “{_short(priority.name, 60)}”",
            "document": document,
            "valid": valid,
            "period": period,
            "replacement": f"{better.code or better.id} “{_short(better.name, 60)}”" if better else None,
            "replacement_document": better.document if better else None,
        }
        yield _report(
            ctx,
            nat,
            owner,
            "skn701.out-of-version",
            values,
            evidence={
                "tag": priority.id,
                "document": document,
                "valid": str(valid),
                "plan_years": _years(period),
                "replacement": better.id if better else None,
            },
            fix="skn701.out-of-version.replacement.fix" if better else "skn701.out-of-version.fix",
        )


# -- SKN702 -------------------------------------------------------------------------------------------------


def _regional_years(ctx: Context) -> list[int]:
    return sorted({p.period.start for p in ctx.bundle.plans if _is_regional_yearly(p)})


def _candidates(ctx: Context, nat: NationalIndex, tree: PriorityTree, code: str, year: int) -> list[str]:
    """Untagged regional sub kegiatan whose code a KP crosswalk maps to this KP."""
    mapped: set[Code] = set()
    for crosswalk in ctx.bundle.national.priority_crosswalks:
        if crosswalk.applies_to(year) and crosswalk.tree_id in (None, tree.id):
            mapped |= crosswalk.sub_activities(code)
    return sorted(r for r, s in nat.subs.items() if s.plan.period.start == year and s.sub.code in mapped)


@rule(
    "SKN702",
    "kp-coverage-gap",
    Severity.WARNING,
    id="Kegiatan Prioritas yang didanai DAK atau APBD tidak didukung sub kegiatan daerah mana pun (Form 4)",
    en="A Kegiatan Prioritas funded from DAK or APBD has no supporting regional sub kegiatan (Form 4)",
    options=KpCoverageOptions,
)
def kp_coverage_gap(ctx: Context) -> Iterator[Finding]:
    """The Form 4 roll-up (:func:`sinkron.kl.form4_rollup`) per plan year: a KP of a priority tree in
    force whose funding categories include DAK or APBD, with no regional sub kegiatan supporting it
    (directly or through a ProP under it). ``scope`` is ``bundle`` (all regions of the bundle
    together) or ``government`` (each government with a yearly plan on its own)."""
    scope = ctx.option("scope")
    if scope not in ("bundle", "government"):
        raise SinkronError(f"rule {ctx.rule.id}: option scope must be 'bundle' or 'government', got {scope!r}")
    nat = national_index(ctx.index)
    for year in _regional_years(ctx):
        governments: Sequence[str | None] = [None]
        if scope == "government":
            governments = sorted({p.government_id for p in regional_plans(ctx.bundle, year) if p.government_id})
        # one roll-up per year; per government its entries are the government's share of it
        rows = form4_rollup(ctx.bundle, year, kinds=(PriorityKind.ACTIVITY,))
        for government in governments:
            for row in rows:
                found = nat.nodes.get(row.priority.id)
                if found is None or any(government in (None, e.government_id) for e in row.entries):
                    continue
                tree, node = found
                regional = [c for c in node.funding if c.is_regional]
                if not regional:
                    continue
                candidates = _candidates(ctx, nat, tree, node.code, year)
                if government is not None:
                    candidates = [c for c in candidates if nat.subs[c].plan.government_id == government]
                values = {
                    "node": node.label,
                    "name": _short(node.display_name, 60),
                    "funds": "/".join(c.value.upper() for c in regional),
                    "government": government,
                    "year": year,
                    "candidates": ", ".join(candidates),
                }
                yield ctx.report(
                    row.priority.id,
                    "skn702.gap.government" if government else "skn702.gap",
                    values,
                    evidence={
                        "year": year,
                        "kp": node.code,
                        "tree": tree.id,
                        "funding": ", ".join(c.value for c in node.funding),
                        "government": government,
                        "regional_pagu": "0",
                        "crosswalk_candidates": candidates,
                    },
                    fix="skn702.gap.candidates.fix" if candidates else "skn702.gap.fix",
                )


# -- DAK (SKN703, SKN704) ---------------------------------------------------------------------------------


def _dak_rows(ctx: Context) -> dict[tuple[int, Code], list[DAKMenu]]:
    out: dict[tuple[int, Code], list[DAKMenu]] = defaultdict(list)
    for crosswalk in ctx.bundle.national.dak_crosswalks:
        for row in crosswalk.rows:
            out[(row.year, row.sub_activity)].append(row)
    return out


def _dak_years(ctx: Context) -> dict[int, set[str]]:
    """Years covered by a DAK crosswalk, with the kode_dana its rows name."""
    out: dict[int, set[str]] = defaultdict(set)
    for crosswalk in ctx.bundle.national.dak_crosswalks:
        for row in crosswalk.rows:
            codes = out.setdefault(row.year, set())
            if row.funding_code:
                codes.add(row.funding_code)
    return out


def _dak_sources(sub: SubActivity, codes: set[str]) -> list[tuple[FundingSource, FundingName]]:
    """The sub kegiatan's DAK sumber dana: named DAK, or coded with a kode_dana of a DAK crosswalk row."""
    out = []
    for source in sub.funding:
        name = FundingName.parse(source.name)
        if name.is_dak or (source.code is not None and source.code in codes):
            out.append((source, name))
    return out


def _fits(row: DAKMenu, source: FundingSource, name: FundingName) -> bool:
    """Whether a menu row can be what a DAK sumber dana funds (jenis, bidang and kode_dana agree where both are given)."""
    if name.kind in (FundingKind.DAK_PHYSICAL, FundingKind.DAK_NON_PHYSICAL) and name.kind is not row.kind:
        return False
    if name.area and comparison_key(name.area) != comparison_key(row.area):
        return False
    return not (row.funding_code and source.code and row.funding_code != source.code)


@rule(
    "SKN703",
    "dak-menu-unmapped",
    Severity.ERROR,
    id="Sub kegiatan yang didanai DAK tidak terpetakan ke menu DAK tahun tersebut",
    en="A DAK-funded sub kegiatan maps to no DAK menu of that year",
)
def dak_menu_unmapped(ctx: Context) -> Iterator[Finding]:
    """Every sub kegiatan of a yearly regional plan with a DAK sumber dana (named "DAK …", or coded
    with a kode_dana of a DAK menu row) must appear in a DAK menu crosswalk of the plan year under
    a menu of the same jenis and bidang and, where both are given, the same kode_dana. Without a
    crosswalk for the year the plan gets one info finding instead."""
    nat = national_index(ctx.index)
    rows = _dak_rows(ctx)
    years = _dak_years(ctx)
    unchecked: dict[str, int] = defaultdict(int)
    for ref, record in nat.subs.items():
        year = record.plan.period.start
        sources = _dak_sources(record.sub, years.get(year, set()))
        if not sources:
            continue
        if year not in years:
            unchecked[record.plan.id] += 1
            continue
        menus = rows.get((year, record.sub.code), [])
        for source, name in sources:
            if any(_fits(m, source, name) for m in menus):
                continue
            mapped = [
                f"{m.area} › {m.menu}" + (f" (kode_dana {m.funding_code})" if m.funding_code else "") for m in menus
            ]
            values = {
                "source": f"{source.name} [{source.code}]" if source.code else source.name,
                "year": year,
                "menus": "; ".join(mapped),
            }
            yield ctx.report(
                ref,
                "skn703.unmapped.elsewhere" if mapped else "skn703.unmapped",
                values,
                evidence={
                    "year": year,
                    "sumber_dana": source.name,
                    "kode_dana": source.code,
                    "jenis": name.kind.value if name.kind else None,
                    "bidang": name.area,
                    "menus": mapped,
                },
                fix="skn703.unmapped.fix",
            )
    for plan_id, count in sorted(unchecked.items()):
        plan = ctx.index.plans[plan_id]
        yield ctx.report(
            plan_id,
            "skn703.no-crosswalk",
            {"count": count, "plan": plan.title, "year": plan.period.start},
            evidence={"year": plan.period.start, "dak_sub_kegiatan": count},
            severity=Severity.INFO,
            fix="skn703.no-crosswalk.fix",
        )


def _dak_amount(sub: SubActivity, sources: list[FundingSource], year: int) -> Decimal | None:
    """The DAK money of a sub kegiatan: its DAK sources' amounts, else its pagu when DAK is its only source."""
    amounts = [s.amount.amount for s in sources if s.amount is not None]
    if len(amounts) == len(sources):
        return sum(amounts, Decimal(0))
    if len(sub.funding) == len(sources) == 1:
        pagu = sub.budget_for(year)
        return pagu.amount if pagu is not None else None
    return None


@rule(
    "SKN704",
    "dak-support-cap",
    Severity.WARNING,
    id="Porsi kegiatan penunjang DAK melebihi batas",
    en="The share of DAK supporting activities (kegiatan penunjang) exceeds its cap",
    options=DakCapOptions,
)
def dak_support_cap(ctx: Context) -> Iterator[Finding]:
    """Per government, year, jenis, bidang and subbidang of the DAK menus matched (as in SKN703):
    the DAK money on sub kegiatan mapped only to menu rows marked *penunjang*, as a share of all the
    DAK money matched to that group, must not exceed ``cap`` (5 % by default, the KRISNA-DAK rule for
    Kegiatan Penunjang). Amounts are the DAK sources' ``amount`` (pagu_dana), or the sub kegiatan's
    pagu when DAK is its only source; sub kegiatan without either are listed, not counted."""
    cap = ctx.option("cap")
    nat = national_index(ctx.index)
    rows = _dak_rows(ctx)
    years = _dak_years(ctx)
    Group = tuple[str | None, int, FundingKind, str, str | None]
    totals: dict[Group, Decimal] = defaultdict(Decimal)
    supporting: dict[Group, Decimal] = defaultdict(Decimal)
    members: dict[Group, list[str]] = defaultdict(list)
    unpriced: dict[Group, list[str]] = defaultdict(list)
    plans_of: dict[Group, str] = {}
    for year in sorted(years):
        counted = {p.id for p in regional_plans(ctx.bundle, year)}
        for ref, record in nat.subs.items():
            if record.plan.id not in counted:
                continue
            pairs = _dak_sources(record.sub, years[year])
            matched = [m for m in rows.get((year, record.sub.code), []) if any(_fits(m, s, n) for s, n in pairs)]
            if not matched:
                continue
            first = matched[0]
            group: Group = (record.plan.government_id, first.year, first.kind, first.area, first.subarea)
            plans_of.setdefault(group, record.plan.id)
            amount = _dak_amount(record.sub, [s for s, _ in pairs], year)
            if amount is None:
                unpriced[group].append(ref)
                continue
            totals[group] += amount
            if all(m.supporting for m in matched if m.group == first.group):
                supporting[group] += amount
                members[group].append(ref)
    for group, total in totals.items():
        share = supporting[group] / total if total else Decimal(0)
        if share <= cap:
            continue
        government, year, kind, area, subarea = group
        values = {
            "where": f"{area} › {subarea}" if subarea else area,
            "year": year,
            "government": government,
            "supporting": supporting[group],
            "total": total,
            "share": share,
            "cap": cap,
        }
        yield ctx.report(
            plans_of[group],
            "skn704.over-cap",
            values,
            evidence={
                "government": government,
                "year": year,
                "jenis": kind.value,
                "bidang": area,
                "subbidang": subarea,
                "supporting": str(supporting[group]),
                "total": str(total),
                "share": str(share.quantize(Decimal("0.0001"))),
                "cap": str(cap),
                "supporting_sub_kegiatan": members[group],
                "unpriced": unpriced.get(group, []),
            },
            fix="skn704.over-cap.fix",
        )


# -- SKN705 -------------------------------------------------------------------------------------------------


def _program_sectors(ctx: Context, output: OutputRecord) -> set[Code]:
    sectors: set[Code] = set()
    for crosswalk in ctx.bundle.national.program_crosswalks:
        sectors |= crosswalk.sectors_for(output.program.code)
    return sectors


def _mapped_codes(ctx: Context, nat: NationalIndex, tags: set[str], year: int) -> set[Code]:
    codes: set[Code] = set()
    for tag in tags:
        found = nat.nodes.get(tag)
        if found is None:
            continue
        tree, node = found
        for crosswalk in ctx.bundle.national.priority_crosswalks:
            if crosswalk.applies_to(year) and crosswalk.tree_id in (None, tree.id):
                for ancestor in tree.ancestors(node.code):
                    codes |= crosswalk.sub_activities(ancestor.code)
    return codes


@rule(
    "SKN705",
    "ro-location-unmatched",
    Severity.WARNING,
    id="Lokasi RO K/L tidak bertemu sub kegiatan daerah yang terkait di lokasi yang sama",
    en="A K/L RO location meets no related regional sub kegiatan at the same location",
)
def ro_location_unmatched(ctx: Context) -> Iterator[Finding]:
    """For each lokasi of a K/L RO whose government has a yearly plan of the RO's year in the
    bundle: some sub kegiatan of that plan must be related to the RO — sharing a priority tag (the
    same priority, or one under the other below PN level), mapped from the RO's KP by a KP
    crosswalk, or in a bidang urusan the RO's program maps to. ROs with neither tags nor crosswalk
    rows cannot be joined and are skipped. Dekonsentrasi and tugas pembantuan ROs are matched by
    satker location only: each lokasi must lie in the satker's province or kabupaten/kota."""
    nat = national_index(ctx.index)
    plans_at: dict[tuple[str, int], list[Plan]] = defaultdict(list)
    for plan in ctx.bundle.plans:
        if _is_regional_yearly(plan) and plan.government_id is not None:
            plans_at[(plan.government_id, plan.period.start)].append(plan)
    for ref, output in nat.outputs.items():
        ro = output.output
        unit = nat.work_units.get(ro.work_unit) if ro.work_unit else None
        authority = ro.authority or (unit.authority if unit else None)
        if authority is not None and authority.is_delegated:
            yield from _outside_satker_region(ctx, nat, ref, output, unit, authority)
        else:
            yield from _unrelated_locations(ctx, nat, ref, output, plans_at)


def _place(ctx: Context, region_code: str) -> str:
    """A kode wilayah as a message names it: ``Kabupaten Kotawaringin Timur (62.02)``, the name from the
    bundle's governments or else the shipped list (:mod:`sinkron.regions`); the code alone when neither has it."""
    name = next((g.name for g in ctx.bundle.governments if g.region_code == region_code), None)
    name = name or region_label(region_code)
    return f"{name} ({region_code})" if name != region_code else region_code


def _outside_satker_region(
    ctx: Context, nat: NationalIndex, ref: str, output: OutputRecord, unit: WorkUnit | None, authority: Authority
) -> Iterator[Finding]:
    """A dekonsentrasi or tugas pembantuan RO's lokasi outside the region of its satker."""
    if unit is None or unit.location is None:
        return
    for location in output.output.locations:
        if within_region(location.region_code, unit.location):
            continue
        values = {
            "authority": authority.value.replace("_", " "),
            "location": _place(ctx, location.region_code),
            "satker": unit.code,
            "satker_location": _place(ctx, unit.location),
        }
        yield _report(
            ctx,
            nat,
            ref,
            "skn705.outside-satker",
            values,
            evidence={
                "lokasi": location.region_code,
                "satker": unit.code,
                "satker_lokasi": unit.location,
                "kewenangan": authority.value,
            },
            fix="skn705.outside-satker.fix",
        )


def _unrelated_locations(
    ctx: Context, nat: NationalIndex, ref: str, output: OutputRecord, plans_at: dict[tuple[str, int], list[Plan]]
) -> Iterator[Finding]:
    """Lokasi of an RO where the yearly plans of the government there have no related sub kegiatan."""
    year = output.plan.year
    tags = nat.tags.get(ref, set())
    sectors = _program_sectors(ctx, output)
    mapped = _mapped_codes(ctx, nat, tags, year)
    if not tags and not sectors:
        return
    reach = nat.related_ids(tags)
    for location in output.output.locations:
        plans = [p for g in nat.governments_at(location.region_code) for p in plans_at.get((g, year), [])]
        if not plans:
            continue
        plan_ids = {p.id for p in plans}
        related = any(
            (mapped & nat.plan_codes[p]) or (sectors & nat.plan_sectors[p]) or (reach & nat.plan_tags[p])
            for p in plan_ids
        )
        if related:
            continue
        yield _report(
            ctx,
            nat,
            ref,
            "skn705.unrelated",
            {"location": _place(ctx, location.region_code), "titles": ", ".join(p.title for p in plans)},
            evidence={
                "lokasi": location.region_code,
                "year": year,
                "tags": sorted(tags),
                "bidang_urusan": sorted(str(s) for s in sectors),
                "plans": sorted(plan_ids),
            },
            fix="skn705.unrelated.fix",
        )


# -- SKN706, SKN707 ----------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _MeasurePair:
    """A ``supports`` link from an indicator (regional or K/L) to a priority indicator it measures."""

    source_ref: str
    source: Indicator
    target_ref: str
    target: Indicator
    priority: Priority
    plan: Plan | None
    """The regional plan of the source indicator (``None`` for a K/L RO's)."""


def _measure_pairs(ctx: Context, nat: NationalIndex) -> Iterator[_MeasurePair]:
    """The SUPPORTS links between indicators: a regional or K/L indicator measuring a priority indicator."""
    for link in ctx.bundle.links:
        if link.kind is not LinkKind.SUPPORTS:
            continue
        target = ctx.index.indicators.get(link.target)
        if target is None or target.owner_ref not in ctx.index.priorities:
            continue
        priority = ctx.index.priorities[target.owner_ref]
        source = ctx.index.indicators.get(link.source)
        if source is not None and source.plan is not None:
            yield _MeasurePair(
                source_ref=link.source,
                source=source.indicator,
                target_ref=link.target,
                target=target.indicator,
                priority=priority,
                plan=source.plan,
            )
        elif link.source in nat.output_indicators:
            yield _MeasurePair(
                source_ref=link.source,
                source=nat.output_indicators[link.source][1],
                target_ref=link.target,
                target=target.indicator,
                priority=priority,
                plan=None,
            )


@rule(
    "SKN706",
    "unit-incompatible",
    Severity.WARNING,
    id="Satuan indikator daerah/K-L tidak sebanding dengan satuan indikator prioritas nasional yang diukurnya",
    en="A regional or K/L indicator's unit cannot be compared with the national priority indicator it measures",
)
def unit_incompatible(ctx: Context) -> Iterator[Finding]:
    """A ``supports`` link from an indicator (of a regional item or a K/L RO) to a priority indicator
    says the first measures the second. Their satuan must reduce to the same base unit after
    normalisation (``%`` = ``persen``, ``Juta KL`` = 10⁹ liter, ``GWH`` = 10⁹ Wh; unknown units
    compare by text). Indicators without a satuan are left to SKN202."""
    nat = national_index(ctx.index)
    for pair in _measure_pairs(ctx, nat):
        source, target = pair.source, pair.target
        if source.unit is None or target.unit is None or compatible(source.unit, target.unit):
            continue
        yield _report(
            ctx,
            nat,
            pair.source_ref,
            "skn706.incompatible",
            {"unit": source.unit, "national_unit": target.unit, "national": _short(target.name, 60)},
            evidence={"unit": source.unit, "national_unit": target.unit, "national_indicator": pair.target_ref},
            fix="skn706.incompatible.fix",
        )


@attrs.frozen(kw_only=True)
class _Comparator:
    """The target a regional or K/L target is compared with, and where it comes from."""

    value: Value
    document: str | None
    """The target table's document; ``None`` for the priority tree's own target."""
    region: str | None
    """The kode wilayah of a region-differentiated target; ``None`` for a national one."""


def _region_of(ctx: Context, plan: Plan | None) -> tuple[str | None, str | None]:
    """(kode wilayah, name) of the government a regional plan belongs to."""
    if plan is None or plan.government_id is None:
        return None, None
    government = ctx.index.governments.get(plan.government_id)
    if government is None:
        return None, plan.government_id
    return government.region_code, government.name


def _comparator(ctx: Context, pair: _MeasurePair, year: int, region: str | None) -> _Comparator | None:
    """The region's own target from a target table, else the national target (the tree's, else an RKP-year row)."""
    tables = ctx.bundle.national.target_tables
    if region is not None:
        for table in tables:
            row = table.find(pair.priority, pair.target, year, region)
            if row is not None:
                return _Comparator(value=row.value, document=table.document, region=region)
    own = pair.target.target_for(year)
    if own is not None:
        return _Comparator(value=own, document=None, region=None)
    for table in tables:
        row = table.find(pair.priority, pair.target, year, None)
        if row is not None:
            return _Comparator(value=row.value, document=table.document, region=None)
    return None


@rule(
    "SKN707",
    "target-falls-short",
    Severity.WARNING,
    id="Target daerah/K-L berada seluruhnya di sisi yang lebih buruk dari target prioritas nasional yang diukurnya",
    en="A regional or K/L target lies wholly on the worse side of the national priority target it measures",
)
def target_falls_short(ctx: Context) -> Iterator[Finding]:
    """For indicators linked as in SKN706 with comparable units, every year both give a measurable
    target: the targets are compared as intervals in base units (a number n is [n, n], a range
    ``4,5–5,0`` is [4.5, 5.0]). When the intervals do not overlap and the regional one lies on the
    worse side given the national indicator's direction, the target falls short.

    A region is compared with the target set for it when a target table in ``Bundle.national``
    (:func:`sinkron.kl.read_target_table`: RPJMN province targets, RKP-year targets, a provincial
    RPJMD's targets for its kab/kota) gives one; the finding names the document. Without one, the
    comparison is with the national aggregate, which a region with a high baseline cannot meet, so
    the finding is only information. K/L targets are compared with the national target.
    """
    nat = national_index(ctx.index)
    for pair in _measure_pairs(ctx, nat):
        source, target = pair.source, pair.target
        if not compatible(source.unit, target.unit):
            continue
        region, region_name = _region_of(ctx, pair.plan)
        for year in source.target_years:
            mine = source.target_for(year)
            against = _comparator(ctx, pair, year, region)
            if mine is None or against is None:
                continue
            a, b = interval(mine, source.unit), interval(against.value, target.unit)
            if a is None or b is None or not falls_short(a, b, target.direction):
                continue
            yield _falls_short(ctx, nat, pair, year, mine, against, (a, b), region_name)


def _falls_short(
    ctx: Context,
    nat: NationalIndex,
    pair: _MeasurePair,
    year: int,
    mine: Value,
    against: _Comparator,
    intervals: tuple[tuple[Decimal, Decimal], tuple[Decimal, Decimal]],
    region_name: str | None,
) -> Finding:
    """The SKN707 finding: against the region's own target (a warning) or the national aggregate (info for a region)."""
    a, b = intervals
    regional_source = pair.plan is not None
    if against.region is not None:
        key, fix, severity = "skn707.falls-short.regional", "skn707.falls-short.regional.fix", Severity.WARNING
    elif regional_source:
        key, fix, severity = "skn707.falls-short.aggregate", "skn707.falls-short.aggregate.fix", Severity.INFO
    else:
        key, fix, severity = "skn707.falls-short", "skn707.falls-short.fix", Severity.WARNING
    base = normalise_unit(pair.target.unit or pair.source.unit)
    values = {
        "year": year,
        "mine": mine.display(),
        "theirs": against.value.display(),
        "national": _short(pair.target.name, 60),
        "region": region_name or (pair.plan.title if pair.plan is not None else ""),
        "document": against.document or pair.priority.document or "?",
    }
    return _report(
        ctx,
        nat,
        pair.source_ref,
        key,
        values,
        evidence={
            "year": year,
            "target": mine.text,
            "national_target": against.value.text,
            "compared_with": "region" if against.region is not None else "national",
            "target_document": against.document or pair.priority.document,
            "target_region": against.region,
            "interval": [str(a[0]), str(a[1])],
            "national_interval": [str(b[0]), str(b[1])],
            "base_unit": base.base if base else None,
            "direction": pair.target.direction.value,
            "national_indicator": pair.target_ref,
        },
        fix=fix,
        severity=severity,
    )


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
