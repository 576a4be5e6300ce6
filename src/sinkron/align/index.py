"""The bundle index: built once per check so that every rule looks records up in O(1).

Rules never compare all pairs; they join through the dictionaries here (by reference, by code,
by plan kind, by link endpoint). Building the index is linear in the size of the bundle.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple, TypeVar, cast

from sinkron.codes import Code, CodeLevel
from sinkron.models import (
    Activity,
    Agency,
    Bundle,
    Goal,
    Government,
    Indicator,
    Link,
    LinkKind,
    Meeting,
    Objective,
    Plan,
    PlanKind,
    Priority,
    Program,
    SubActivity,
    ref,
)
from sinkron.nomenclature import Nomenclature

__all__ = ["BundleIndex", "IndicatorRecord", "ItemRecord"]

T = TypeVar("T")

PATH_SEPARATOR = " › "
_ITEM_LEVELS = (CodeLevel.PROGRAM, CodeLevel.ACTIVITY, CodeLevel.SUB_ACTIVITY)
_NAME_WIDTH = 48

Item = Program | Activity | SubActivity


class _ItemFields(NamedTuple):
    ref: str
    plan: Plan
    item: Item
    program: Program
    activity: Activity | None
    code: Code
    level: CodeLevel


class ItemRecord(_ItemFields):
    """A program, kegiatan or sub kegiatan with the plan and parents it sits under.

    Fields: ``ref``, ``plan``, ``item``, ``program``, ``activity`` (the kegiatan above a sub kegiatan),
    ``code`` and ``level``. The constructor takes the first five; ``code`` is ``item.code`` and ``level``
    is ``code.level``, stored because the rules read them for every item.
    A record is an immutable named tuple (a million of them are built per check of national data).
    """

    __slots__ = ()

    def __new__(
        cls,
        *,
        ref: str,
        plan: Plan,
        item: Item,
        program: Program,
        activity: Activity | None = None,
    ) -> ItemRecord:
        return super().__new__(cls, ref, plan, item, program, activity, item.code, item.code.level)

    @property
    def parent(self) -> Program | Activity | None:
        if isinstance(self.item, SubActivity):
            return self.activity
        if isinstance(self.item, Activity):
            return self.program
        return None

    @property
    def agency_id(self) -> str | None:
        return self.item.agency_id or self.program.agency_id or self.plan.owner_id


class IndicatorRecord(NamedTuple):
    """An indicator with the reference of the record that owns it (an immutable named tuple)."""

    ref: str
    owner_ref: str
    indicator: Indicator
    plan: Plan | None = None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _NAME_WIDTH else text[: _NAME_WIDTH - 1].rstrip() + "…"


class BundleIndex:
    """Dictionaries over a bundle's records. Build with ``BundleIndex(bundle, nomenclature)``."""

    def __init__(self, bundle: Bundle, nomenclature: Nomenclature | None = None) -> None:
        self.bundle = bundle
        self.nomenclature = nomenclature
        self.plans: dict[str, Plan] = {}
        self.plans_by_kind: dict[PlanKind, list[Plan]] = defaultdict(list)
        self.items: dict[str, ItemRecord] = {}
        self.items_by_plan: dict[str, list[ItemRecord]] = defaultdict(list)
        self.items_by_level: dict[CodeLevel, list[ItemRecord]] = {level: [] for level in _ITEM_LEVELS}
        """Item records of each level (program, kegiatan, sub kegiatan), in bundle order."""
        self._by_plan_level: dict[tuple[str, CodeLevel], list[ItemRecord]] = {}
        self._items_by_code: dict[tuple[str, Code], list[ItemRecord]] | None = None
        self.indicators: dict[str, IndicatorRecord] = {}
        self.objectives: dict[str, tuple[Plan, Goal | Objective]] = {}
        self.priorities: dict[str, Priority] = {p.id: p for p in bundle.priorities}
        self.priority_children: dict[str, list[Priority]] = defaultdict(list)
        self.governments: dict[str, Government] = {g.id: g for g in bundle.governments}
        self.agencies: dict[str, Agency] = {a.id: a for a in bundle.agencies}
        self.meetings: dict[str, Meeting] = {m.id: m for m in bundle.meetings}
        self._derived: dict[str, Any] = {}
        self.links_from: dict[str, list[Link]] = defaultdict(list)
        self.links_to: dict[str, list[Link]] = defaultdict(list)
        for priority in bundle.priorities:
            if priority.parent_id:
                self.priority_children[priority.parent_id].append(priority)
            self._add_indicators(priority.id, priority.indicators, None)
        for plan in bundle.plans:
            self._add_plan(plan)
        for link in bundle.links:
            self.links_from[link.source].append(link)
            self.links_to[link.target].append(link)

    def _add_plan(self, plan: Plan) -> None:
        self.plans[plan.id] = plan
        self.plans_by_kind[plan.kind].append(plan)
        statements: list[Goal | Objective] = [*plan.goals, *plan.objectives]
        for statement in statements:
            owner = ref(plan.id, statement.id)
            self.objectives[owner] = (plan, statement)
            self._add_indicators(owner, statement.indicators, plan)
        for program in plan.programs:
            self._add_item(plan, program, program, None)
            for activity in program.activities:
                self._add_item(plan, activity, program, None)
                for sub in activity.sub_activities:
                    self._add_item(plan, sub, program, activity)

    def _add_item(self, plan: Plan, item: Item, program: Program, activity: Activity | None) -> None:
        record = ItemRecord(ref=ref(plan.id, item.id), plan=plan, item=item, program=program, activity=activity)
        self.items[record.ref] = record
        self.items_by_plan[plan.id].append(record)
        self.items_by_level[record.level].append(record)
        self._by_plan_level.setdefault((plan.id, record.level), []).append(record)
        self._add_indicators(record.ref, item.indicators, plan)

    def _add_indicators(self, owner: str, indicators: Iterable[Indicator], plan: Plan | None) -> None:
        for indicator in indicators:
            r = ref(owner, indicator.id)
            self.indicators[r] = IndicatorRecord(ref=r, owner_ref=owner, indicator=indicator, plan=plan)

    @property
    def items_by_code(self) -> dict[tuple[str, Code], list[ItemRecord]]:
        """Item records by (plan id, code), in bundle order (built on first use: few rules need it)."""
        if self._items_by_code is None:
            by_code: dict[tuple[str, Code], list[ItemRecord]] = defaultdict(list)
            for plan_id, records in self.items_by_plan.items():
                for record in records:
                    by_code[(plan_id, record.code)].append(record)
            self._items_by_code = by_code
        return self._items_by_code

    def derived(self, key: str, build: Callable[[BundleIndex], T]) -> T:
        """``build(self)``, computed once per index and shared by every rule of the check.

        Rules keep their own lookups here (keyed by a name they own) instead of in module globals.
        """
        if key not in self._derived:
            self._derived[key] = build(self)
        return cast(T, self._derived[key])

    def release(self) -> None:
        """Drop what :meth:`derived` computed (the engine calls it when a check is over).

        Shared lookups such as the support map refer back to the index; without them the index
        and its records are freed as soon as the last reference goes.
        """
        self._derived.clear()

    # -- queries -------------------------------------------------------------------------------
    def item_records(self, level: CodeLevel | None = None, plan: Plan | None = None) -> Iterator[ItemRecord]:
        """Item records, optionally of one level or one plan (in bundle order)."""
        records: Iterable[ItemRecord]
        if level is None:
            records = self.items_by_plan.get(plan.id, ()) if plan else self.items.values()
        elif plan is None:
            records = self.items_by_level.get(level, ())
        else:
            records = self._by_plan_level.get((plan.id, level), ())
        return iter(records)

    def linked(self, source: str, kind: LinkKind | None = None) -> list[Link]:
        """Links whose source is ``source``."""
        return [link for link in self.links_from.get(source, ()) if kind is None or link.kind is kind]

    def linked_to(self, target: str, kind: LinkKind | None = None) -> list[Link]:
        """Links whose target is ``target``."""
        return [link for link in self.links_to.get(target, ()) if kind is None or link.kind is kind]

    def priority_ancestors(self, priority_id: str) -> list[Priority]:
        """The priority and those above it, nearest first."""
        out: list[Priority] = []
        seen: set[str] = set()
        current = self.priorities.get(priority_id)
        while current is not None and current.id not in seen:
            out.append(current)
            seen.add(current.id)
            current = self.priorities.get(current.parent_id) if current.parent_id else None
        return out

    def plans_of(self, kind: PlanKind, owner_id: str | None = None, government_id: str | None = None) -> list[Plan]:
        """Plans of a kind, optionally of one owner or government."""
        return [
            p
            for p in self.plans_by_kind.get(kind, ())
            if (owner_id is None or p.owner_id == owner_id)
            and (government_id is None or p.government_id == government_id)
        ]

    # -- human paths ---------------------------------------------------------------------------------
    def _code_name(self, code: Code, year: int | None) -> str:
        if self.nomenclature is None:
            return ""
        entry = self.nomenclature.lookup(code, year)
        return entry.name if entry else ""

    def path(self, subject: str) -> str:
        """A human path for a reference: ``RKPD 2026 › 1.02 Kesehatan › 1.02.02 … › 1.02.02.2.02.0001 …``."""
        record = self.items.get(subject)
        if record is not None:
            plan = record.plan
            year = plan.year or plan.period.start
            parts = [plan.title]
            sector = record.code.sector
            if sector is not None:
                parts.append(f"{sector} {_short(self._code_name(sector, year))}".strip())
            chain: list[Item]
            if isinstance(record.item, Program):
                chain = [record.program]
            elif isinstance(record.item, Activity) or record.activity is None:
                chain = [record.program, record.item]
            else:
                chain = [record.program, record.activity, record.item]
            parts += [f"{i.code} {_short(i.name)}" for i in chain]
            return PATH_SEPARATOR.join(parts)
        indicator = self.indicators.get(subject)
        if indicator is not None:
            return f"{self.path(indicator.owner_ref)}{PATH_SEPARATOR}{_short(indicator.indicator.name)}"
        statement = self.objectives.get(subject)
        if statement is not None:
            plan, goal = statement
            kind = "Tujuan" if isinstance(goal, Goal) else "Sasaran"
            return f"{plan.title}{PATH_SEPARATOR}{kind} {goal.id}: {_short(goal.text)}"
        if subject in self.priorities:
            chain_p = list(reversed(self.priority_ancestors(subject)))
            return PATH_SEPARATOR.join(f"{p.code or p.id} {_short(p.name)}" for p in chain_p)
        if subject in self.plans:
            return self.plans[subject].title
        if subject in self.meetings:
            return self.meetings[subject].title
        if subject in self.agencies:
            return self.agencies[subject].name
        if subject in self.governments:
            return self.governments[subject].name
        plan_id, hash_, rest = subject.partition("#")
        if hash_ and plan_id in self.plans:  # a reference into a known plan to a record it lacks
            return f"{self.plans[plan_id].title}{PATH_SEPARATOR}{rest}"
        return subject
