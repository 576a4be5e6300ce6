"""Which plan items support which priorities, resolved once through ``tagged``/``supports`` links.

A link may start at an item or at one of its indicators (``plan#item#indicator``) and end at a
priority or at one of its indicators (``PN06#tingkat-kemiskinan``). A tagged program or kegiatan
counts with all the sub kegiatan under it; a child priority's support counts for its ancestors.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sinkron.align.index import BundleIndex, ItemRecord
from sinkron.align.report import PaguShare
from sinkron.codes import CodeLevel
from sinkron.models import Activity, LinkKind, Plan, PlanKind, Program, ref
from sinkron.models.links import REF_SEPARATOR

__all__ = ["SupportMap", "budget_plans", "pagu_shares"]

_SUPPORT_KINDS = (LinkKind.TAGGED, LinkKind.SUPPORTS)
_YEARLY_AGGREGATES = {PlanKind.RKPD: (PlanKind.RENJA_PD, PlanKind.DPA), PlanKind.RKP: (PlanKind.RENJA_KL,)}


def budget_plans(index: BundleIndex) -> list[Plan]:
    """The yearly plans whose pagu is counted, one layer per government and year.

    The RKPD (RKP) of a government and year is the sum of its Renja PD (Renja K/L); when the
    aggregate is present its items are counted and the Renja are not, so nothing is counted twice.
    """
    chosen: list[Plan] = []
    covered: set[tuple[str | None, int]] = set()
    for aggregate in (PlanKind.RKPD, PlanKind.RKP):
        for plan in index.plans_by_kind.get(aggregate, ()):
            chosen.append(plan)
            covered.add((plan.government_id, plan.period.start))
    for parts in _YEARLY_AGGREGATES.values():
        for kind in parts:
            for plan in index.plans_by_kind.get(kind, ()):
                if (plan.government_id, plan.period.start) not in covered:
                    chosen.append(plan)
    return chosen


class SupportMap:
    """For each priority: the sub kegiatan and programs that support it (directly or through a child)."""

    def __init__(self, index: BundleIndex) -> None:
        self.index = index
        self.sub_activities: dict[str, set[str]] = defaultdict(set)
        self.programs: dict[str, set[str]] = defaultdict(set)
        self.priorities_of_item: dict[str, set[str]] = defaultdict(set)
        for link in index.bundle.links:
            if link.kind not in _SUPPORT_KINDS:
                continue
            priority_id = self._priority_of(link.target)
            record = self._item_of(link.source)
            if priority_id is None or record is None:
                continue
            subs = self._subs_under(record)
            for priority in index.priority_ancestors(priority_id):
                self.sub_activities[priority.id].update(s.ref for s in subs)
                self.programs[priority.id].add(REF_SEPARATOR.join((record.plan.id, record.program.id)))
                for sub in subs:
                    self.priorities_of_item[sub.ref].add(priority.id)
                self.priorities_of_item[record.ref].add(priority.id)

    @classmethod
    def of(cls, index: BundleIndex) -> SupportMap:
        """The support map of ``index``, built once per check and shared by rules and metrics."""
        return index.derived("support_map", cls)

    def _priority_of(self, target: str) -> str | None:
        head = target.split(REF_SEPARATOR, 1)[0]
        return head if head in self.index.priorities else None

    def _item_of(self, source: str) -> ItemRecord | None:
        record = self.index.items.get(source)
        if record is None:
            indicator = self.index.indicators.get(source)
            if indicator is not None:
                record = self.index.items.get(indicator.owner_ref)
        return record

    def _subs_under(self, record: ItemRecord) -> list[ItemRecord]:
        # Walk the item's own subtree (not the whole plan): linear in what the link covers.
        item = record.item
        if isinstance(item, Program):
            activities: tuple[Activity, ...] = item.activities
        elif isinstance(item, Activity):
            activities = (item,)
        else:
            return [record]
        plan_id = record.plan.id
        return [self.index.items[ref(plan_id, sub.id)] for activity in activities for sub in activity.sub_activities]

    def counts(self, priority_id: str, plans: list[Plan]) -> tuple[int, int]:
        """How many programs and sub kegiatan of ``plans`` support the priority."""
        plan_ids = {p.id for p in plans}

        def within(refs: set[str]) -> int:
            return sum(1 for r in refs if r.split(REF_SEPARATOR, 1)[0] in plan_ids)

        return within(self.programs.get(priority_id, set())), within(self.sub_activities.get(priority_id, set()))

    def pagu(self, priority_id: str, plans: list[Plan]) -> Decimal:
        """Sum of the year's pagu of the supporting sub kegiatan that sit in ``plans``."""
        plan_ids = {p.id for p in plans}
        total = Decimal(0)
        for sub_ref in self.sub_activities.get(priority_id, ()):
            record = self.index.items[sub_ref]
            if record.plan.id in plan_ids:
                amount = record.item.budget_for(record.plan.period.start)
                if amount is not None:
                    total += amount.amount
        return total


def pagu_shares(index: BundleIndex) -> list[PaguShare]:
    """For each plan of :func:`budget_plans`: its sub kegiatan pagu and the part supporting a priority.

    Computed once per check: the report's table and rule SKN403 read the same figures.
    """
    return index.derived("pagu_shares", _pagu_shares)


def _pagu_shares(index: BundleIndex) -> list[PaguShare]:
    support = SupportMap.of(index)
    shares = []
    for plan in budget_plans(index):
        year = plan.period.start
        total = on = support_total = support_on = Decimal(0)
        for record in index.item_records(CodeLevel.SUB_ACTIVITY, plan):
            amount = record.item.budget_for(year)
            if amount is None:
                continue
            tagged = bool(support.priorities_of_item.get(record.ref))
            total += amount.amount
            on += amount.amount if tagged else 0
            if record.code.is_support:
                support_total += amount.amount
                support_on += amount.amount if tagged else 0
        shares.append(
            PaguShare(
                plan=plan.id,
                year=year,
                total=total,
                on_priorities=on,
                support=support_total,
                support_on_priorities=support_on,
            )
        )
    return shares
