"""What a sub kegiatan or program may be linked to: priorities, their indicators, RPJMD sasaran.

Each candidate is a :class:`Target` with the texts it is compared on (its name first, then its
indicators and, for a child priority, the names of the priorities above it — weighing less), the
link an accepted suggestion makes (``tagged`` for a priority, ``supports`` for an indicator or a
sasaran, as ``docs/rules-plan`` conventions say) and who may use it:

* national and thematic priorities: every item (when the priority has a period, it must overlap the
  plan's);
* regional priorities: items of the government that set them and of the kab/kota under it;
* RPJMD sasaran and their indicators: items of the same government.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from sinkron.align.index import BundleIndex, ItemRecord
from sinkron.models import Indicator, LinkKind, Plan, PlanKind, Priority, PriorityKind, ref
from sinkron.suggest.index import Fields

__all__ = ["Target", "TargetKind", "collect_targets", "eligible"]

#: Weights of a target's texts.
NAME_WEIGHT = 1.0
INDICATOR_WEIGHT = 0.6
PARENT_WEIGHT = 0.5
GRANDPARENT_WEIGHT = 0.3


class TargetKind(str, enum.Enum):
    """A kind of link target."""

    PRIORITY = "priority"
    """A priority (PN/PP/KP, regional, thematic): the accepted link is ``tagged``."""
    PRIORITY_INDICATOR = "priority-indicator"
    """An indicator of a priority (``PN06#tingkat-kemiskinan``): ``supports``."""
    OBJECTIVE = "objective"
    """A sasaran of the government's RPJMD (``rpjmd#S1``): ``supports``."""
    OBJECTIVE_INDICATOR = "objective-indicator"
    """An indicator of an RPJMD sasaran (``rpjmd#S1#prevalensi-stunting``): ``supports``."""

    @property
    def link_kind(self) -> LinkKind:
        return LinkKind.TAGGED if self is TargetKind.PRIORITY else LinkKind.SUPPORTS


@attrs.frozen(kw_only=True)
class Target:
    """A candidate link target."""

    ref: str
    kind: TargetKind
    name: str
    fields: Fields
    unit: str | None = None
    priority: Priority | None = None
    """The priority (itself, or the owner of the indicator)."""
    plan: Plan | None = None
    """For a sasaran: the RPJMD it belongs to."""

    @property
    def link_kind(self) -> LinkKind:
        return self.kind.link_kind


def collect_targets(index: BundleIndex, kinds: Iterable[TargetKind]) -> list[Target]:
    """Every target of ``kinds`` in the bundle, in bundle order."""
    wanted = set(kinds)
    out: list[Target] = []
    for priority in index.bundle.priorities:
        chain = index.priority_ancestors(priority.id)
        context = [(p.name, w) for p, w in zip(chain[1:], (PARENT_WEIGHT, GRANDPARENT_WEIGHT))]
        if TargetKind.PRIORITY in wanted:
            fields = [
                (priority.name, NAME_WEIGHT),
                *((i.name, INDICATOR_WEIGHT) for i in priority.indicators),
                *context,
            ]
            out.append(
                Target(ref=priority.id, kind=TargetKind.PRIORITY, name=priority.name, fields=fields, priority=priority)
            )
        if TargetKind.PRIORITY_INDICATOR in wanted:
            out += [
                _indicator(ref(priority.id, i.id), TargetKind.PRIORITY_INDICATOR, i, priority.name, priority=priority)
                for i in priority.indicators
            ]
    for plan in index.plans_by_kind.get(PlanKind.RPJMD, ()):
        goals = {goal.id: goal for goal in plan.goals}
        for objective in plan.objectives:
            goal = goals.get(objective.goal_id) if objective.goal_id else None
            owner = ref(plan.id, objective.id)
            context = [(goal.text, PARENT_WEIGHT)] if goal is not None else []
            if TargetKind.OBJECTIVE in wanted:
                fields = [
                    (objective.text, NAME_WEIGHT),
                    *((i.name, INDICATOR_WEIGHT) for i in objective.indicators),
                    *context,
                ]
                out.append(Target(ref=owner, kind=TargetKind.OBJECTIVE, name=objective.text, fields=fields, plan=plan))
            if TargetKind.OBJECTIVE_INDICATOR in wanted:
                out += [
                    _indicator(ref(owner, i.id), TargetKind.OBJECTIVE_INDICATOR, i, objective.text, plan=plan)
                    for i in objective.indicators
                ]
    return out


def _indicator(
    target_ref: str,
    kind: TargetKind,
    indicator: Indicator,
    owner_name: str,
    *,
    priority: Priority | None = None,
    plan: Plan | None = None,
) -> Target:
    fields = [(indicator.name, NAME_WEIGHT), (owner_name, PARENT_WEIGHT)]
    return Target(
        ref=target_ref, kind=kind, name=indicator.name, fields=fields, unit=indicator.unit, priority=priority, plan=plan
    )


def eligible(target: Target, record: ItemRecord, index: BundleIndex) -> bool:
    """Whether ``record`` (an item) may be linked to ``target`` (government and period)."""
    plan = record.plan
    if target.plan is not None:
        return target.plan.government_id is not None and target.plan.government_id == plan.government_id
    priority = target.priority
    if priority is None:
        return True
    if priority.period is not None and (
        priority.period.end < plan.period.start or priority.period.start > plan.period.end
    ):
        return False
    if priority.kind is PriorityKind.REGIONAL and priority.government_id:
        return priority.government_id in _government_chain(plan.government_id, index)
    return True


def _government_chain(government_id: str | None, index: BundleIndex) -> set[str]:
    chain: set[str] = set()
    while government_id and government_id not in chain:
        chain.add(government_id)
        government = index.governments.get(government_id)
        government_id = government.parent_id if government is not None else None
    return chain
