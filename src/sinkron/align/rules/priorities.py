"""Rule family 4 — Cascade to priorities: every national and regional priority is supported, pagu shares on priorities, tagged items measure the priority, provincial priorities reach kab/kota plans.

Support is read from ``tagged`` and ``supports`` links (:class:`sinkron.align.support.SupportMap`):
an item, or one of its indicators, linked to a priority or to one of the priority's indicators
supports it; a tagged program or kegiatan counts with its sub kegiatan; support of a child priority
(PP, KP, a kab/kota priority under a provincial one) counts for its ancestors. A priority is
*supported by a plan* when one of that plan's programs supports it.

Only plans whose period overlaps the priority's period are considered (a priority without a period
overlaps every plan). A plan belongs to its ``government_id``, else to its owner's government.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal

from sinkron.align.context import Context
from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.index import BundleIndex, ItemRecord
from sinkron.align.rule import Rule, register_all, rule
from sinkron.align.rules._options import NationalPriorityOptions, PriorityShareOptions
from sinkron.align.rules._shared import (
    cached,
    children,
    level_label,
    overlaps,
    plan_government,
    regional_plans,
    support_map,
    unit_key,
)
from sinkron.align.support import pagu_shares
from sinkron.errors import SinkronError
from sinkron.models import Activity, GovernmentLevel, Indicator, LinkKind, Plan, Priority, PriorityKind, Program, ref
from sinkron.names import tokens
from sinkron.plugins.hookspecs import hookimpl

__all__ = ["shares_measure", "supporting_plans"]


def _build_supporting_plans(index: BundleIndex) -> dict[str, set[str]]:
    support = support_map(index)
    out: dict[str, set[str]] = defaultdict(set)
    for priority_id, program_refs in support.programs.items():
        for program_ref in program_refs:
            record = index.items.get(program_ref)
            if record is not None:
                out[priority_id].add(record.plan.id)
    return out


def supporting_plans(index: BundleIndex) -> dict[str, set[str]]:
    """For each priority id, the ids of the plans with a program supporting it (computed once per index)."""
    return cached(index, "priorities.supporting_plans", _build_supporting_plans)


_KIND_LABELS: dict[PriorityKind, str] = {
    PriorityKind.ASTA_CITA: "skn4.kind.asta_cita",
    PriorityKind.NATIONAL: "skn4.kind.pn",
    PriorityKind.PROGRAM: "skn4.kind.pp",
    PriorityKind.ACTIVITY: "skn4.kind.kp",
    PriorityKind.PROJECT: "skn4.kind.prop",
    PriorityKind.REGIONAL: "skn4.kind.regional",
    PriorityKind.THEMATIC: "skn4.kind.thematic",
}


def _priority_label(ctx: Context, priority: Priority) -> Message:
    """``PN 06 “Membangun dari Desa …”``, ``prioritas daerah 03 “…”`` (``regional priority 03 “…”`` in English)."""
    values = {"kind": ctx.text(_KIND_LABELS[priority.kind]), "code": priority.code, "name": priority.name}
    return ctx.text("skn4.priority" if priority.code else "skn4.priority.uncoded", values)


def _plan_list(plans: list[Plan]) -> list[dict[str, object]]:
    return [{"plan": p.id, "title": p.title, "period": str(p.period)} for p in plans]


# -- SKN401 ----------------------------------------------------------------------------------------------
_NATIONAL_TOP = (PriorityKind.ASTA_CITA, PriorityKind.NATIONAL)


def _kinds_option(ctx: Context) -> set[PriorityKind]:
    raw = ctx.option("kinds")
    values = [raw] if isinstance(raw, str) else list(raw)
    try:
        return {PriorityKind(v) for v in values}
    except ValueError:
        allowed = ", ".join(k.value for k in PriorityKind if k.is_national)
        raise SinkronError(
            f"rule {ctx.rule.id}: option kinds takes priority kinds among {allowed}, got {raw!r}"
        ) from None


@rule(
    "SKN401",
    "national-priority-unsupported",
    Severity.WARNING,
    id="Prioritas Nasional / Asta Cita tidak didukung program mana pun dalam dokumen perencanaan daerah",
    en="A Prioritas Nasional / Asta Cita is supported by no program in any regional plan",
    options=NationalPriorityOptions,
)
def national_priority_unsupported(ctx: Context) -> Iterator[Finding]:
    """National priorities of the kinds in ``kinds`` (Asta Cita and PN by default; add ``"pp"`` for
    Program Prioritas) that no program of any regional plan overlapping their period supports.

    PN *k* and Asta Cita *k* of the same period are the same priority (RPJMN 2025–2029): support of
    one counts for the other.
    """
    index = ctx.index
    kinds = _kinds_option(ctx)
    plans = regional_plans(index)
    if not plans:
        return
    supporting = supporting_plans(index)
    plan_by_id = {p.id: p for p in plans}

    def supported(priority: Priority) -> bool:
        return any(
            plan_id in plan_by_id and overlaps(priority.period, plan_by_id[plan_id].period)
            for plan_id in supporting.get(priority.id, ())
        )

    def top_key(priority: Priority) -> tuple[str, str | None] | None:
        if priority.kind not in _NATIONAL_TOP or not priority.code:
            return None
        return (priority.code, str(priority.period) if priority.period else None)

    supported_tops = {top_key(p) for p in index.bundle.priorities if top_key(p) and supported(p)}
    for priority in index.bundle.priorities:
        if priority.kind not in kinds:
            continue
        considered = [p for p in plans if overlaps(priority.period, p.period)]
        if not considered or supported(priority):
            continue
        key = top_key(priority)
        if key is not None and key in supported_tops:
            continue
        titles = ", ".join(p.title for p in considered[:5]) + (" …" if len(considered) > 5 else "")
        yield ctx.report(
            priority.id,
            "skn401.unsupported",
            {"priority": _priority_label(ctx, priority), "count": len(considered), "titles": titles},
            evidence={
                "priority": priority.id,
                "kind": priority.kind.value,
                "code": priority.code,
                "name": priority.name,
                "document": priority.document,
                "period": str(priority.period) if priority.period else None,
                "plans_checked": _plan_list(considered),
            },
            fix="skn401.unsupported.fix",
        )


# -- SKN402 ----------------------------------------------------------------------------------------------
def _plans_by_government(index: BundleIndex) -> dict[str | None, list[Plan]]:
    def build(index: BundleIndex) -> dict[str | None, list[Plan]]:
        out: dict[str | None, list[Plan]] = defaultdict(list)
        for plan in regional_plans(index):
            out[plan_government(index, plan)].append(plan)
        return out

    return cached(index, "priorities.plans_by_government", build)


def _government_name(index: BundleIndex, government_id: str) -> str:
    government = index.governments.get(government_id)
    return government.name if government is not None else government_id


@rule(
    "SKN402",
    "regional-priority-unsupported",
    Severity.ERROR,
    id="Prioritas daerah tidak didukung program mana pun dalam dokumen perencanaan pemerintah daerah tersebut",
    en="A regional priority is supported by no program in its own government's plans",
)
def regional_priority_unsupported(ctx: Context) -> Iterator[Finding]:
    """Regional priorities (kind ``daerah``) that no program of their government's plans supports.

    Checked only when the bundle holds plans of that government overlapping the priority's period;
    a regional priority without ``government_id`` cannot be attributed and is not checked.
    """
    index = ctx.index
    by_government = _plans_by_government(index)
    supporting = supporting_plans(index)
    for priority in index.bundle.priorities:
        if priority.kind is not PriorityKind.REGIONAL or not priority.government_id:
            continue
        own = [p for p in by_government.get(priority.government_id, []) if overlaps(priority.period, p.period)]
        if not own:
            continue
        own_ids = {p.id for p in own}
        if supporting.get(priority.id, set()) & own_ids:
            continue
        government = _government_name(index, priority.government_id)
        titles = ", ".join(p.title for p in own[:5]) + (" …" if len(own) > 5 else "")
        yield ctx.report(
            priority.id,
            "skn402.unsupported",
            {"priority": _priority_label(ctx, priority), "government": government, "titles": titles},
            evidence={
                "priority": priority.id,
                "code": priority.code,
                "name": priority.name,
                "government": priority.government_id,
                "period": str(priority.period) if priority.period else None,
                "plans_checked": _plan_list(own),
            },
            fix="skn402.unsupported.fix",
        )


# -- SKN403 ----------------------------------------------------------------------------------------------
def _share_key(support: Decimal, with_support: bool) -> str:
    """The message of a low share: one share when the plan has no program penunjang pagu, else both."""
    if not support:
        return "skn403.low-share"
    return "skn403.low-share.with-support" if with_support else "skn403.low-share.without-support"


@rule(
    "SKN403",
    "low-priority-share",
    Severity.WARNING,
    id="Porsi pagu rencana tahunan yang mendukung prioritas di bawah ambang batas",
    en="The share of a yearly plan's pagu that supports priorities is below the threshold",
    options=PriorityShareOptions,
)
def low_priority_share(ctx: Context) -> Iterator[Finding]:
    """Yearly plans (RKPD, else each Renja PD / DPA; the same plans as the report's pagu share table)
    where the pagu of sub kegiatan supporting any priority is less than ``min_share`` of the total
    sub kegiatan pagu, each year on its own. The program penunjang urusan (``X.XX.01``: salaries,
    offices, planning) is left out of both figures unless ``include_support``; the message gives the
    share both ways. Plans with no pagu are not judged.
    """
    threshold = ctx.option("min_share")
    with_support = ctx.option("include_support")
    for figures in pagu_shares(ctx.index):
        share = figures.share if with_support else figures.share_without_support
        if share is None or share >= threshold:  # no pagu: not judged
            continue
        other = figures.share_without_support if with_support else figures.share
        on_support = figures.on_priorities - figures.support_on_priorities
        without_support = figures.total - figures.support
        plan = ctx.index.plans[figures.plan]
        values = {
            "share": share,
            "plan": plan.title,
            "on": figures.on_priorities if with_support else on_support,
            "total": figures.total if with_support else without_support,
            "threshold": threshold,
            "other": other if other is not None else Decimal(0),
            "support": figures.support,
        }
        yield ctx.report(
            plan.id,
            _share_key(figures.support, with_support),
            values,
            evidence={
                "plan": plan.id,
                "year": figures.year,
                "total_pagu": figures.total,
                "pagu_on_priorities": figures.on_priorities,
                "share": figures.share,
                "penunjang_pagu": figures.support,
                "penunjang_pagu_on_priorities": figures.support_on_priorities,
                "share_without_penunjang": figures.share_without_support,
                "include_penunjang": with_support,
                "min_share": threshold,
            },
            fix="skn403.low-share.fix",
        )


# -- SKN404 ----------------------------------------------------------------------------------------------
_STOPWORDS = frozenset(
    [
        "jumlah",
        "persentase",
        "presentase",
        "prosentase",
        "tingkat",
        "angka",
        "rasio",
        "indeks",
        "nilai",
        "cakupan",
        "capaian",
        "rata",
        "rata",
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "pada",
        "untuk",
        "dengan",
        "dalam",
        "oleh",
        "terhadap",
        "atau",
        "per",
        "bagi",
        "sesuai",
        "standar",
        "tahun",
    ]
)


def _keywords(name: str) -> frozenset[str]:
    return frozenset(t for t in tokens(name) if len(t) >= 4 and t not in _STOPWORDS and not t.isdigit())


def _keyword_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Shared keyword, allowing an Indonesian affix around it (``miskin`` ~ ``kemiskinan``)."""
    if a & b:
        return True
    return any((x in y or y in x) and min(len(x), len(y)) >= 5 for x in a for y in b)


def shares_measure(indicator: Indicator, measure: Indicator) -> bool:
    """True when ``indicator`` plausibly measures ``measure``: the same satuan and a shared keyword.

    >>> from sinkron.models import Indicator
    >>> shares_measure(Indicator(name="Persentase penduduk miskin", unit="%"),
    ...                Indicator(name="Tingkat kemiskinan", unit="persen"))
    True
    >>> shares_measure(Indicator(name="Jumlah dokumen perencanaan", unit="Dokumen"),
    ...                Indicator(name="Tingkat kemiskinan", unit="%"))
    False
    """
    unit, other = unit_key(indicator.unit), unit_key(measure.unit)
    if unit is None or unit != other:
        return False
    return _keyword_overlap(_keywords(indicator.name), _keywords(measure.name))


def _item_indicators(index: BundleIndex, record: ItemRecord) -> list[tuple[str, Indicator]]:
    """The item's indicators and those of the items below it, with their references."""
    out = [(ref(record.ref, i.id), i) for i in record.item.indicators]
    stack: list[Program | Activity] = [record.item] if isinstance(record.item, (Program, Activity)) else []
    while stack:
        node = stack.pop()
        for child in children(node):
            child_ref = ref(record.plan.id, child.id)
            out.extend((ref(child_ref, i.id), i) for i in child.indicators)
            if isinstance(child, Activity):
                stack.append(child)
    return out


@rule(
    "SKN404",
    "tag-without-measure",
    Severity.WARNING,
    id="Item ditandai ke suatu prioritas, tetapi tidak ada indikatornya yang mengukur indikator prioritas tersebut",
    en="An item is tagged to a priority, but none of its indicators measures the priority's indicators",
)
def tag_without_measure(ctx: Context) -> Iterator[Finding]:
    """Items tagged to a priority that has indicators, where no indicator of the item (or of the items
    below it) measures one: neither a ``supports`` link from the item or its indicators to an indicator
    of the priority (or of a priority above or below it), nor an indicator with the same satuan and a
    shared keyword (:func:`shares_measure`).
    """
    index = ctx.index
    relatives: dict[str, set[str]] = {}
    measures: dict[str, list[tuple[str, Indicator]]] = {}

    def family_of(priority: Priority) -> set[str]:
        found = relatives.get(priority.id)
        if found is None:
            ids = {p.id for p in index.priority_ancestors(priority.id)}
            stack = [priority.id]
            while stack:
                for child in index.priority_children.get(stack.pop(), ()):
                    if child.id not in ids:
                        ids.add(child.id)
                        stack.append(child.id)
            found = relatives[priority.id] = ids
        return found

    def indicators_of(priority: Priority) -> list[tuple[str, Indicator]]:
        found = measures.get(priority.id)
        if found is None:
            found = measures[priority.id] = [
                (ref(p_id, i.id), i) for p_id in family_of(priority) for i in index.priorities[p_id].indicators
            ]
        return found

    seen: set[tuple[str, str]] = set()
    for link in index.bundle.links:
        if link.kind is not LinkKind.TAGGED:
            continue
        priority = index.priorities.get(link.target)
        if priority is None or not priority.indicators:
            continue
        tagged_indicator = index.indicators.get(link.source)
        record = index.items.get(tagged_indicator.owner_ref if tagged_indicator else link.source)
        if record is None or (record.ref, priority.id) in seen:
            continue
        seen.add((record.ref, priority.id))
        own = (
            [(tagged_indicator.ref, tagged_indicator.indicator)]
            if tagged_indicator is not None
            else _item_indicators(index, record)
        )
        targets = {r for r, _ in indicators_of(priority)}
        sources = [record.ref, *(r for r, _ in own)]
        if any(s.target in targets for source in sources for s in index.linked(source, LinkKind.SUPPORTS)):
            continue
        priority_measures = indicators_of(priority)
        if any(shares_measure(mine, theirs) for _, mine in own for _, theirs in priority_measures):
            continue
        wanted = [f"{i.name} ({i.unit})" if i.unit else i.name for i in priority.indicators]
        mine_names = [f"{i.name} ({i.unit})" if i.unit else i.name for _, i in own]
        values = {
            "level": level_label(record.level),
            "code": record.code,
            "priority": _priority_label(ctx, priority),
            "wanted": "; ".join(wanted),
        }
        yield ctx.report(
            record.ref,
            "skn404.no-measure",
            values,
            evidence={
                "priority": priority.id,
                "priority_indicators": wanted,
                "item_indicators": mine_names,
                "tag": link.source,
            },
            fix="skn404.no-measure.fix",
        )


# -- SKN405 ----------------------------------------------------------------------------------------------
@rule(
    "SKN405",
    "province-priority-not-in-kabkota",
    Severity.WARNING,
    id="Prioritas daerah provinsi tidak didukung dokumen perencanaan kabupaten/kota mana pun",
    en="A provincial regional priority is supported by none of its kabupaten/kota plans",
)
def province_priority_not_in_kabkota(ctx: Context) -> Iterator[Finding]:
    """Provincial regional priorities that no plan of the province's kabupaten/kota (``parent_id``)
    supports — by tagging the provincial priority itself (SIPD ``label_prov``) or a kab/kota priority
    under it. Checked when the bundle holds plans of at least one of those kabupaten/kota.
    """
    index = ctx.index
    by_government = _plans_by_government(index)
    supporting = supporting_plans(index)
    members: dict[str, list[str]] = defaultdict(list)
    for government in index.bundle.governments:
        if government.parent_id and government.level in (GovernmentLevel.REGENCY, GovernmentLevel.CITY):
            members[government.parent_id].append(government.id)
    for priority in index.bundle.priorities:
        province = index.governments.get(priority.government_id or "")
        if priority.kind is not PriorityKind.REGIONAL or province is None:
            continue
        if province.level is not GovernmentLevel.PROVINCE:
            continue
        checked = {
            g: plans
            for g in members.get(province.id, [])
            if (plans := [p for p in by_government.get(g, []) if overlaps(priority.period, p.period)])
        }
        if not checked:
            continue
        plan_ids = {p.id for plans in checked.values() for p in plans}
        if supporting.get(priority.id, set()) & plan_ids:
            continue
        names = [_government_name(index, g) for g in checked]
        values = {
            "priority": _priority_label(ctx, priority),
            "province": province.name,
            "count": len(checked),
            "names": ", ".join(names),
        }
        yield ctx.report(
            priority.id,
            "skn405.unsupported",
            values,
            evidence={
                "priority": priority.id,
                "code": priority.code,
                "name": priority.name,
                "province": province.id,
                "kabkota_checked": [
                    {"government": g, "name": n, "plans": [p.id for p in checked[g]]}
                    for g, n in zip(checked, names, strict=True)
                ],
            },
            fix="skn405.unsupported.fix",
        )


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
