"""Plan diff (perbandingan dokumen): what changed between two revisions or two years of a plan.

``diff(old, new)`` compares two plans — or two bundles, whose plans are paired by kind and owner —
and returns a :class:`PlanDiff`: the program, kegiatan and sub kegiatan **added**, **removed**,
**recoded** (the same item under a new code), **retargeted** (an indicator's target changed for a
year both plans cover) and **re-budgeted** (pagu changed), with the pagu totals and item counts of
both sides.

Items are matched by perangkat daerah (by its kode unit when a bundle lists it) and code (a program or kegiatan naming none has that of its
sub kegiatan when they all name the same one, else its parent's, else the plan owner's). An item removed under one code and added under
another is *recoded* when the nomenclature says the old code was replaced by the new one (a retired
code with its replacement, or a 2-digit legacy sub kegiatan number and its 4-digit form), or when
both carry the same name (by :func:`~sinkron.nomenclature.comparison_key`, then by similarity).
Indicators are matched by id, then by name. A program or kegiatan without a pagu of its own on
one side counts as the sum of its children's there (the subtotal a reader may fill in).

Which years are compared:

* plans whose periods overlap (two revisions of an RPJMD or Renstra, a Renja before and after
  perubahan): every year both cover — targets and pagu of year *k* against year *k*;
* plans with disjoint periods (the RKPD 2025 and the RKPD 2026): year *k* of the old plan against
  year *k* of the new one, for pagu only — targets of different years are not a retargeting.

JSON form (``PlanDiff.to_dict()``, ``schema_version`` 1)::

    {"schema_version": 1,
     "summary": {"plans": int, "plans_added": int, "plans_removed": int, "added": int, "removed": int,
                 "recoded": int, "retargeted": int, "rebudgeted": int},
     "plans": [{"old": plan, "new": plan, "mode": "revision" | "years",
                "years": [[old_year, new_year]],
                "totals": {"pagu": [{"old_year", "new_year", "old", "new", "change"}],
                           "items": {"old": {"program": int, "kegiatan": int, "sub_kegiatan": int},
                                     "new": {…}}},
                "added": [item], "removed": [item],
                "recoded": [{"old": item, "new": item, "reason": "nomenclature" | "legacy" | "name", "score"}],
                "retargeted": [{"item": item, "indicator": {"id", "name", "unit"}, "year", "old": value | null,
                                "new": value | null}],
                "rebudgeted": [{"item": item, "old_year", "new_year", "old", "new", "change"}]}],
     "plans_added": [plan], "plans_removed": [plan]}

    plan  = {"id", "kind", "title", "period", "revision", "owner"}
    item  = {"id", "code", "name", "level", "agency"}
    value = {"text", "kind", "number", "low", "high", "unit"}

Money is written as a decimal string of rupiah (``"1500000"``), a missing pagu as ``null``.
"""

from __future__ import annotations

import enum
import functools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from sinkron.codes import Code, CodeLevel
from sinkron.models import Activity, Bundle, Indicator, Money, Plan, Program, SubActivity, Value
from sinkron.nomenclature import CodeState, Nomenclature, compare_names, comparison_key, default_nomenclature
from sinkron.numbers import format_id
from sinkron.safe_text import escape_markdown

__all__ = [
    "DIFF_SCHEMA_VERSION",
    "FUZZY_PAIR_LIMIT",
    "ChangeKind",
    "ItemRef",
    "PaguTotal",
    "PlanChanges",
    "PlanDiff",
    "PlanSummary",
    "Rebudget",
    "Recode",
    "RecodeReason",
    "Retarget",
    "diff",
    "render_markdown",
    "render_text",
]

DIFF_SCHEMA_VERSION = 1

#: Above this many (removed × added) pairs in one perangkat daerah and level, recodes are found by
#: exact name only, so that a diff stays fast on whole RKPDs.
FUZZY_PAIR_LIMIT = 10_000

_LEVELS = (CodeLevel.PROGRAM, CodeLevel.ACTIVITY, CodeLevel.SUB_ACTIVITY)
_LEVEL_LABEL = {CodeLevel.PROGRAM: "program", CodeLevel.ACTIVITY: "kegiatan", CodeLevel.SUB_ACTIVITY: "sub kegiatan"}

Item = Program | Activity | SubActivity

_DIGITS = re.compile(r"\d+")


class ChangeKind(str, enum.Enum):
    """The kinds of change a plan diff reports."""

    ADDED = "added"
    REMOVED = "removed"
    RECODED = "recoded"
    RETARGETED = "retargeted"
    REBUDGETED = "rebudgeted"


class RecodeReason(str, enum.Enum):
    """Why a removed and an added item are taken as one item under a new code."""

    NOMENCLATURE = "nomenclature"
    """The nomenclature retired the old code and names the new one as its replacement."""
    LEGACY = "legacy"
    """The old code is the 2-digit legacy form of the new 4-digit sub kegiatan number."""
    NAME = "name"
    """Same perangkat daerah, level and name (or a name similar above the threshold)."""


@attrs.frozen(kw_only=True)
class ItemRef:
    """A program, kegiatan or sub kegiatan on one side of a diff."""

    id: str
    code: Code
    name: str
    level: CodeLevel
    agency_id: str | None = None

    def label(self) -> str:
        """``sub kegiatan 1.02.02.2.02.0001 Pengelolaan …``."""
        return f"{_LEVEL_LABEL[self.level]} {self.code} {self.name}"


@attrs.frozen(kw_only=True)
class Recode:
    """The same item under a new code."""

    old: ItemRef
    new: ItemRef
    reason: RecodeReason
    score: float = 1.0
    """Name similarity 0–1 for :attr:`RecodeReason.NAME` (1 for the same name and for nomenclature matches)."""


@attrs.frozen(kw_only=True)
class Retarget:
    """An indicator target that changed (or appeared, or disappeared) for a year both plans cover."""

    item: ItemRef
    """The item, as it is in the new plan."""
    indicator_id: str
    indicator: str
    unit: str | None
    year: int
    old: Value | None
    new: Value | None


@attrs.frozen(kw_only=True)
class Rebudget:
    """A pagu that changed between the compared years."""

    item: ItemRef
    old_year: int
    new_year: int
    old: Money | None
    new: Money | None

    @property
    def change(self) -> Decimal:
        """New minus old pagu (a missing pagu counts as 0)."""
        return _amount(self.new) - _amount(self.old)


@attrs.frozen(kw_only=True)
class PaguTotal:
    """The plan's total pagu for a compared pair of years (programs, or their children where a program has none)."""

    old_year: int
    new_year: int
    old: Decimal
    new: Decimal

    @property
    def change(self) -> Decimal:
        return self.new - self.old


@attrs.frozen(kw_only=True)
class PlanSummary:
    """Which plan a side of the diff is."""

    id: str
    kind: str
    title: str
    period: str
    revision: int
    owner_id: str | None = None

    @classmethod
    def of(cls, plan: Plan) -> PlanSummary:
        return cls(
            id=plan.id,
            kind=plan.kind.value,
            title=plan.title,
            period=str(plan.period),
            revision=plan.revision,
            owner_id=plan.owner_id,
        )

    def label(self) -> str:
        revision = f", revisi {self.revision}" if self.revision else ""
        return f"{self.title} ({self.id}{revision})"


@attrs.frozen(kw_only=True)
class PlanChanges:
    """The changes between one old plan and the new plan it is paired with."""

    old: PlanSummary
    new: PlanSummary
    mode: str
    """``"revision"`` (same years compared) or ``"years"`` (year *k* of each; pagu only)."""
    years: tuple[tuple[int, int], ...]
    """The compared (old year, new year) pairs."""
    added: tuple[ItemRef, ...] = ()
    removed: tuple[ItemRef, ...] = ()
    recoded: tuple[Recode, ...] = ()
    retargeted: tuple[Retarget, ...] = ()
    rebudgeted: tuple[Rebudget, ...] = ()
    pagu: tuple[PaguTotal, ...] = ()
    items_old: Mapping[str, int] = attrs.field(factory=dict)
    """Item counts of the old plan by level (``program``, ``kegiatan``, ``sub_kegiatan``)."""
    items_new: Mapping[str, int] = attrs.field(factory=dict)

    @property
    def is_empty(self) -> bool:
        """True when nothing was added, removed, recoded, retargeted or re-budgeted."""
        return not (self.added or self.removed or self.recoded or self.retargeted or self.rebudgeted)

    def counts(self) -> dict[str, int]:
        """How many changes of each kind."""
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "recoded": len(self.recoded),
            "retargeted": len(self.retargeted),
            "rebudgeted": len(self.rebudgeted),
        }


@attrs.frozen(kw_only=True)
class PlanDiff:
    """The result of :func:`diff`: the changes per paired plan, and plans present on one side only."""

    plans: tuple[PlanChanges, ...] = ()
    plans_added: tuple[PlanSummary, ...] = ()
    plans_removed: tuple[PlanSummary, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the two sides hold the same plans with no item changes."""
        return not self.plans_added and not self.plans_removed and all(p.is_empty for p in self.plans)

    @property
    def added(self) -> tuple[ItemRef, ...]:
        return tuple(i for p in self.plans for i in p.added)

    @property
    def removed(self) -> tuple[ItemRef, ...]:
        return tuple(i for p in self.plans for i in p.removed)

    @property
    def recoded(self) -> tuple[Recode, ...]:
        return tuple(r for p in self.plans for r in p.recoded)

    @property
    def retargeted(self) -> tuple[Retarget, ...]:
        return tuple(r for p in self.plans for r in p.retargeted)

    @property
    def rebudgeted(self) -> tuple[Rebudget, ...]:
        return tuple(r for p in self.plans for r in p.rebudgeted)

    def summary(self) -> dict[str, int]:
        """Counts of paired plans, plans on one side only, and changes of each kind."""
        totals = {
            "plans": len(self.plans),
            "plans_added": len(self.plans_added),
            "plans_removed": len(self.plans_removed),
        }
        for kind in ChangeKind:
            totals[kind.value] = sum(p.counts()[kind.value] for p in self.plans)
        return totals

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form (see the module docs)."""
        return {
            "schema_version": DIFF_SCHEMA_VERSION,
            "summary": self.summary(),
            "plans": [_changes_dict(p) for p in self.plans],
            "plans_added": [_plan_dict(p) for p in self.plans_added],
            "plans_removed": [_plan_dict(p) for p in self.plans_removed],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_text(self, language: str = "en") -> str:
        """A plain-text rendering for the terminal (see :func:`render_text`), in English or Indonesian (``"id"``)."""
        return render_text(self, language)

    def to_markdown(self, language: str = "en") -> str:
        """A Markdown rendering (see :func:`render_markdown`), in English or Indonesian (``"id"``)."""
        return render_markdown(self, language)


# -- computing ------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Entry:
    ref: ItemRef
    item: Item


def _amount(money: Money | None) -> Decimal:
    return money.amount if money is not None else Decimal(0)


def _entries(plan: Plan, unit_codes: Mapping[str, str]) -> dict[tuple[str | None, Code, int], _Entry]:
    """The plan's items keyed by (perangkat daerah, code, occurrence); a perangkat daerah by its code where
    ``unit_codes`` (agency id → kode unit) knows it, so files naming agencies by code match those naming them by id."""
    out: dict[tuple[str | None, Code, int], _Entry] = {}
    seen: dict[tuple[str | None, Code], int] = defaultdict(int)

    def add(item: Item, agency: str | None) -> None:
        unit = unit_codes.get(agency, agency) if agency is not None else None
        key = (unit, item.code)
        out[(unit, item.code, seen[key])] = _Entry(
            ref=ItemRef(id=item.id, code=item.code, name=item.name, level=item.code.level, agency_id=agency), item=item
        )
        seen[key] += 1

    for program in plan.programs:
        subs = [sub for activity in program.activities for sub in activity.sub_activities]
        program_agency = program.agency_id or _common_agency(subs) or plan.owner_id
        add(program, program_agency)
        for activity in program.activities:
            activity_agency = activity.agency_id or _common_agency(activity.sub_activities) or program_agency
            add(activity, activity_agency)
            for sub in activity.sub_activities:
                add(sub, sub.agency_id or activity_agency)
    return out


def _common_agency(subs: Iterable[SubActivity]) -> str | None:
    """The one perangkat daerah all ``subs`` name, if they do: that of a program or kegiatan naming none itself
    (a layout of one unit per sheet gives it to every row)."""
    agencies = {sub.agency_id for sub in subs}
    return agencies.pop() if len(agencies) == 1 else None


def _counts(entries: Iterable[_Entry]) -> dict[str, int]:
    counts = dict.fromkeys((level.value for level in _LEVELS), 0)
    for entry in entries:
        counts[entry.ref.level.value] += 1
    return counts


def _rolled_up(item: Item, year: int) -> Decimal | None:
    """The item's pagu for ``year``: its own, else the sum of its children's (``None`` when none has one)."""
    own = item.budget_for(year)
    if own is not None:
        return own.amount
    children: Sequence[Item] = (
        item.activities if isinstance(item, Program) else item.sub_activities if isinstance(item, Activity) else ()
    )
    amounts = [amount for amount in (_rolled_up(child, year) for child in children) if amount is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def _plan_total(plan: Plan, year: int) -> Decimal:
    return sum((_rolled_up(p, year) or Decimal(0) for p in plan.programs), Decimal(0))


def _compared_years(old: Plan, new: Plan) -> tuple[str, tuple[tuple[int, int], ...]]:
    both = [y for y in old.period.years if y in new.period]
    if both:
        return "revision", tuple((y, y) for y in both)
    return "years", tuple(zip(old.period.years, new.period.years))


def _unit(value: Value, indicator: Indicator) -> str:
    unit = value.unit or indicator.unit or ""
    return " ".join(unit.split()).casefold()


def _same_value(old: Value, old_ind: Indicator, new: Value, new_ind: Indicator) -> bool:
    if old.kind is not new.kind:
        return False
    if not old.is_measurable:
        return " ".join(old.text.split()).casefold() == " ".join(new.text.split()).casefold()
    old_unit, new_unit = _unit(old, old_ind), _unit(new, new_ind)
    # A side that states no satuan (a layout that keeps none) does not change it: only a different one does.
    same_unit = old_unit == new_unit or not old_unit or not new_unit
    return (old.number, old.low, old.high) == (new.number, new.low, new.high) and same_unit


def _indicator_pairs(old: Item, new: Item) -> Iterator[tuple[Indicator | None, Indicator | None]]:
    """The item's indicators on both sides, paired by id, then by name (a format that keeps no ids gives its own)."""
    old_by_id = {i.id: i for i in old.indicators}
    new_by_id = {i.id: i for i in new.indicators}
    unpaired_old = [i for i in old.indicators if i.id not in new_by_id]
    unpaired_new = [i for i in new.indicators if i.id not in old_by_id]
    old_names = Counter(_name_key(i) for i in unpaired_old)
    new_names = Counter(_name_key(i) for i in unpaired_new)
    by_name = {_name_key(i): i for i in unpaired_new if old_names[_name_key(i)] == 1 and new_names[_name_key(i)] == 1}
    paired: set[str] = set()
    for before in old.indicators:
        after = new_by_id.get(before.id)
        if after is None and old_names[_name_key(before)] == 1:
            after = by_name.get(_name_key(before))
        if after is not None:
            paired.add(after.id)
        yield before, after
    for after in new.indicators:
        if after.id not in paired:
            yield None, after


def _name_key(indicator: Indicator) -> str:
    return " ".join(indicator.name.split()).casefold()


def _retargets(old: Item, new: Item, ref: ItemRef, years: Sequence[int]) -> Iterator[Retarget]:
    for before, after in _indicator_pairs(old, new):
        shown = after or before
        assert shown is not None
        for year in years:
            old_target = before.target_for(year) if before else None
            new_target = after.target_for(year) if after else None
            if old_target is None and new_target is None:
                continue
            if old_target is not None and new_target is not None:
                assert before is not None and after is not None
                if _same_value(old_target, before, new_target, after):
                    continue
            yield Retarget(
                item=ref,
                indicator_id=shown.id,
                indicator=shown.name,
                unit=shown.unit,
                year=year,
                old=old_target,
                new=new_target,
            )


def _rebudgets(old: Item, new: Item, ref: ItemRef, years: Sequence[tuple[int, int]]) -> Iterator[Rebudget]:
    for old_year, new_year in years:
        before, after = old.budget_for(old_year), new.budget_for(new_year)
        if (before is None) != (after is None):
            # A program or kegiatan with no pagu of its own on one side has the sum of its children's (what a
            # reader that fills in subtotals writes): only a different amount is a rebudget.
            before, after = _stated_or_rolled_up(old, old_year, before), _stated_or_rolled_up(new, new_year, after)
        if _amount(before) == _amount(after) and (before is None) == (after is None):
            continue
        yield Rebudget(item=ref, old_year=old_year, new_year=new_year, old=before, new=after)


def _stated_or_rolled_up(item: Item, year: int, stated: Money | None) -> Money | None:
    if stated is not None:
        return stated
    rolled_up = _rolled_up(item, year)
    return Money(rolled_up) if rolled_up is not None else None


_EntryKey = tuple[str | None, Code, int]
"""(perangkat daerah, code, occurrence) of an item in a plan."""
_Recode = tuple[_Entry, _Entry, RecodeReason, float]
"""(removed entry, added entry, why they are one item, score)."""


def _find_recodes(
    removed: dict[_EntryKey, _Entry],
    added: dict[_EntryKey, _Entry],
    nomenclature: Nomenclature,
    year: int,
    threshold: float,
) -> list[_Recode]:
    """Pair removed and added items that are one item under a new code; pops the pairs from both dicts.

    Three passes, each on what the earlier ones left: the nomenclature's replacement, the same
    name, then similar names.
    """
    return [
        *_recodes_by_nomenclature(removed, added, nomenclature, year),
        *_recodes_by_same_name(removed, added),
        *_recodes_by_similar_name(removed, added, threshold),
    ]


def _replacement(code: Code, nomenclature: Nomenclature, year: int) -> tuple[Code, RecodeReason] | None:
    """The code that replaces ``code`` in ``year`` (retired code → replacement; legacy 2-digit → 4-digit)."""
    status = nomenclature.status(code, year)
    if status.state in (CodeState.RETIRED, CodeState.LEGACY) and status.replacement is not None:
        reason = RecodeReason.LEGACY if status.state is CodeState.LEGACY else RecodeReason.NOMENCLATURE
        return status.replacement, reason
    if code.is_legacy:
        return code.modernised(), RecodeReason.LEGACY
    return None


def _recodes_by_nomenclature(
    removed: dict[_EntryKey, _Entry], added: dict[_EntryKey, _Entry], nomenclature: Nomenclature, year: int
) -> list[_Recode]:
    """1. a removed item whose code the nomenclature replaces, paired with an added item under the replacement."""
    pairs: list[_Recode] = []
    added_by_code: dict[tuple[str | None, Code], list[_EntryKey]] = defaultdict(list)
    for key in added:
        added_by_code[(key[0], key[1])].append(key)
    for key in list(removed):
        agency, code, _ = key
        found = _replacement(code, nomenclature, year)
        if found is None:
            continue
        replacement, reason = found
        candidates = [k for k in added_by_code.get((agency, replacement), ()) if k in added]
        if candidates:
            pairs.append((removed.pop(key), added.pop(candidates[0]), reason, 1.0))
    return pairs


def _recodes_by_same_name(removed: dict[_EntryKey, _Entry], added: dict[_EntryKey, _Entry]) -> list[_Recode]:
    """2. the same name (comparison key) in the same perangkat daerah and level.

    Only when exactly one removed and one added item carry it: two removed items of one name (Papua
    variants 3/4 of a kegiatan share names) cannot tell which of them moved.
    """
    NameKey = tuple[str | None, CodeLevel, str]
    added_by_name: dict[NameKey, list[_EntryKey]] = defaultdict(list)
    removed_by_name: dict[NameKey, list[_EntryKey]] = defaultdict(list)
    for key, entry in added.items():
        added_by_name[(key[0], entry.ref.level, comparison_key(entry.ref.name))].append(key)
    for key, entry in removed.items():
        removed_by_name[(key[0], entry.ref.level, comparison_key(entry.ref.name))].append(key)
    pairs: list[_Recode] = []
    for name_key, old_keys in removed_by_name.items():
        new_keys = added_by_name.get(name_key, [])
        if len(old_keys) == 1 and len(new_keys) == 1:
            pairs.append((removed.pop(old_keys[0]), added.pop(new_keys[0]), RecodeReason.NAME, 1.0))
    return pairs


def _recodes_by_similar_name(
    removed: dict[_EntryKey, _Entry], added: dict[_EntryKey, _Entry], threshold: float
) -> list[_Recode]:
    """3. similar names, within one perangkat daerah and level, while the buckets stay small."""
    old_groups: dict[tuple[str | None, CodeLevel], list[_EntryKey]] = defaultdict(list)
    new_groups: dict[tuple[str | None, CodeLevel], list[_EntryKey]] = defaultdict(list)
    for key, entry in removed.items():
        old_groups[(key[0], entry.ref.level)].append(key)
    for key, entry in added.items():
        new_groups[(key[0], entry.ref.level)].append(key)
    pairs: list[_Recode] = []
    for group, old_keys in old_groups.items():
        new_keys = new_groups.get(group, [])
        if not new_keys or len(old_keys) * len(new_keys) > FUZZY_PAIR_LIMIT:
            continue
        scored = _similar_name_scores(removed, added, old_keys, new_keys, threshold)
        for score, old_key, new_key in _unambiguous_best(scored):
            if old_key in removed and new_key in added:
                pairs.append((removed.pop(old_key), added.pop(new_key), RecodeReason.NAME, score))
    return pairs


def _similar_name_scores(
    removed: dict[_EntryKey, _Entry],
    added: dict[_EntryKey, _Entry],
    old_keys: list[_EntryKey],
    new_keys: list[_EntryKey],
    threshold: float,
) -> list[tuple[float, _EntryKey, _EntryKey]]:
    """(score, removed key, added key) of every pair whose names match above ``threshold`` with the same numbers."""
    scored: list[tuple[float, _EntryKey, _EntryKey]] = []
    for old_key in old_keys:
        old_name = removed[old_key].ref.name
        for new_key in new_keys:
            new_name = added[new_key].ref.name
            if _DIGITS.findall(old_name) != _DIGITS.findall(new_name):
                continue  # "Jalan Ruas 2" is not "Jalan Ruas 3"
            match = compare_names(old_name, new_name, threshold=threshold * 100)
            if match.matches:
                scored.append((match.score, old_key, new_key))
    return scored


def _unambiguous_best(
    scored: list[tuple[float, _EntryKey, _EntryKey]],
) -> Iterator[tuple[float, _EntryKey, _EntryKey]]:
    """The pairs that are the unique best match on both sides, best first: a tie means we cannot tell which item it is."""
    best_old: dict[_EntryKey, list[float]] = defaultdict(list)
    best_new: dict[_EntryKey, list[float]] = defaultdict(list)
    for score, old_key, new_key in scored:
        best_old[old_key].append(score)
        best_new[new_key].append(score)
    for score, old_key, new_key in sorted(scored, key=lambda s: (-s[0], s[1][1], s[2][1])):
        if _unique_best(best_old[old_key], score) and _unique_best(best_new[new_key], score):
            yield score, old_key, new_key


def _unique_best(scores: list[float], score: float) -> bool:
    return score == max(scores) and scores.count(score) == 1


def _by_code(refs: Iterable[ItemRef]) -> tuple[ItemRef, ...]:
    return tuple(sorted(refs, key=lambda r: (r.code, r.agency_id or "", r.id)))


def _compare(
    old: Plan, new: Plan, nomenclature: Nomenclature, threshold: float, unit_codes: Mapping[str, str]
) -> PlanChanges:
    mode, years = _compared_years(old, new)
    target_years = [y for y, _ in years] if mode == "revision" else []
    old_entries, new_entries = _entries(old, unit_codes), _entries(new, unit_codes)
    removed = {k: e for k, e in old_entries.items() if k not in new_entries}
    added = {k: e for k, e in new_entries.items() if k not in old_entries}
    recodes = _find_recodes(removed, added, nomenclature, new.period.start, threshold)
    pairs = [(old_entries[k], new_entries[k]) for k in old_entries if k in new_entries]
    pairs += [(a, b) for a, b, _, _ in recodes]
    retargeted: list[Retarget] = []
    rebudgeted: list[Rebudget] = []
    for before, after in pairs:
        retargeted.extend(_retargets(before.item, after.item, after.ref, target_years))
        rebudgeted.extend(_rebudgets(before.item, after.item, after.ref, years))
    return PlanChanges(
        old=PlanSummary.of(old),
        new=PlanSummary.of(new),
        mode=mode,
        years=years,
        added=_by_code(e.ref for e in added.values()),
        removed=_by_code(e.ref for e in removed.values()),
        recoded=tuple(
            sorted(
                (Recode(old=a.ref, new=b.ref, reason=reason, score=score) for a, b, reason, score in recodes),
                key=lambda r: (r.old.code, r.old.agency_id or ""),
            )
        ),
        retargeted=tuple(
            sorted(retargeted, key=lambda r: (r.item.code, r.item.agency_id or "", r.indicator_id, r.year))
        ),
        rebudgeted=tuple(sorted(rebudgeted, key=lambda r: (r.item.code, r.item.agency_id or "", r.old_year))),
        pagu=tuple(
            PaguTotal(old_year=oy, new_year=ny, old=_plan_total(old, oy), new=_plan_total(new, ny)) for oy, ny in years
        ),
        items_old=_counts(old_entries.values()),
        items_new=_counts(new_entries.values()),
    )


def _pair_plans(old: Bundle, new: Bundle) -> tuple[list[tuple[Plan, Plan]], list[Plan], list[Plan]]:
    if len(old.plans) == 1 and len(new.plans) == 1:
        return [(old.plans[0], new.plans[0])], [], []
    groups_old: dict[tuple[str, str | None], list[Plan]] = defaultdict(list)
    groups_new: dict[tuple[str, str | None], list[Plan]] = defaultdict(list)
    for plan in old.plans:
        groups_old[(plan.kind.value, plan.owner_id)].append(plan)
    for plan in new.plans:
        groups_new[(plan.kind.value, plan.owner_id)].append(plan)
    pairs: list[tuple[Plan, Plan]] = []
    only_old: list[Plan] = []
    only_new: list[Plan] = []
    for key in dict.fromkeys([*groups_old, *groups_new]):
        olds = sorted(groups_old.get(key, []), key=lambda p: (p.period.start, p.period.end, p.revision, p.id))
        news = sorted(groups_new.get(key, []), key=lambda p: (p.period.start, p.period.end, p.revision, p.id))
        # Same period first (two revisions), then in period order (two years of a yearly plan).
        for plan in list(olds):
            same = next((p for p in news if p.period == plan.period), None)
            if same is not None:
                pairs.append((plan, same))
                olds.remove(plan)
                news.remove(same)
        pairs.extend(zip(olds, news))
        only_old.extend(olds[len(news) :])
        only_new.extend(news[len(olds) :])
    return pairs, only_old, only_new


def diff(
    old: Plan | Bundle,
    new: Plan | Bundle,
    *,
    nomenclature: Nomenclature | None = None,
    name_threshold: float = 0.95,
) -> PlanDiff:
    """Compare two plans, or the plans of two bundles, and return a :class:`PlanDiff`.

    Two bundles: plans are paired by kind and owner (the same period first, then in period order);
    when each bundle holds exactly one plan, those two are compared. ``nomenclature`` (the shipped
    one by default) supplies the code replacements used to recognise recoded items;
    ``name_threshold`` (0–1) is the name similarity from which a removed and an added item of the
    same perangkat daerah and level count as one recoded item — when that is the best match of
    both, no other candidate ties with it, and the names carry the same numbers. Distinct sub
    kegiatan can be close (*… Ibu Hamil* / *… Ibu Bersalin* score 0.88), hence the high default.

    Linear in the size of the plans, except that similar (not identical) names are only searched
    within one perangkat daerah and level while that takes at most :data:`FUZZY_PAIR_LIMIT` comparisons.
    """
    if not 0 < name_threshold <= 1:
        raise ValueError(f"name_threshold must be in (0, 1], got {name_threshold}")
    catalogue = nomenclature or default_nomenclature()
    old_bundle = Bundle(plans=[old]) if isinstance(old, Plan) else old
    new_bundle = Bundle(plans=[new]) if isinstance(new, Plan) else new
    if not isinstance(old_bundle, Bundle) or not isinstance(new_bundle, Bundle):
        raise TypeError(f"diff compares plans or bundles, got {type(old).__name__} and {type(new).__name__}")
    pairs, only_old, only_new = _pair_plans(old_bundle, new_bundle)
    unit_codes = {agency.id: agency.code for agency in (*old_bundle.agencies, *new_bundle.agencies)}
    return PlanDiff(
        plans=tuple(_compare(a, b, catalogue, name_threshold, unit_codes) for a, b in pairs),
        plans_added=tuple(PlanSummary.of(p) for p in only_new),
        plans_removed=tuple(PlanSummary.of(p) for p in only_old),
    )


# -- JSON ---------------------------------------------------------------------------------------------------


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _plan_dict(plan: PlanSummary) -> dict[str, Any]:
    return {
        "id": plan.id,
        "kind": plan.kind,
        "title": plan.title,
        "period": plan.period,
        "revision": plan.revision,
        "owner": plan.owner_id,
    }


def _item_dict(item: ItemRef) -> dict[str, Any]:
    return {
        "id": item.id,
        "code": str(item.code),
        "name": item.name,
        "level": item.level.value,
        "agency": item.agency_id,
    }


def _value_dict(value: Value | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "text": value.text,
        "kind": value.kind.value,
        "number": _num(value.number),
        "low": _num(value.low),
        "high": _num(value.high),
        "unit": value.unit,
    }


def _changes_dict(changes: PlanChanges) -> dict[str, Any]:
    return {
        "old": _plan_dict(changes.old),
        "new": _plan_dict(changes.new),
        "mode": changes.mode,
        "years": [list(pair) for pair in changes.years],
        "totals": {
            "pagu": [
                {
                    "old_year": t.old_year,
                    "new_year": t.new_year,
                    "old": _num(t.old),
                    "new": _num(t.new),
                    "change": _num(t.change),
                }
                for t in changes.pagu
            ],
            "items": {"old": dict(changes.items_old), "new": dict(changes.items_new)},
        },
        "added": [_item_dict(i) for i in changes.added],
        "removed": [_item_dict(i) for i in changes.removed],
        "recoded": [
            {"old": _item_dict(r.old), "new": _item_dict(r.new), "reason": r.reason.value, "score": r.score}
            for r in changes.recoded
        ],
        "retargeted": [
            {
                "item": _item_dict(r.item),
                "indicator": {"id": r.indicator_id, "name": r.indicator, "unit": r.unit},
                "year": r.year,
                "old": _value_dict(r.old),
                "new": _value_dict(r.new),
            }
            for r in changes.retargeted
        ],
        "rebudgeted": [
            {
                "item": _item_dict(r.item),
                "old_year": r.old_year,
                "new_year": r.new_year,
                "old": _num(r.old.amount if r.old else None),
                "new": _num(r.new.amount if r.new else None),
                "change": _num(r.change),
            }
            for r in changes.rebudgeted
        ],
    }


# -- text and Markdown ---------------------------------------------------------------------------------------

_WORDS: dict[str, tuple[str, str]] = {
    "revision": ("revisi", "revision"),
    "year to year": ("antartahun", "year to year"),
    "items": ("item", "items"),
    "changes": ("perubahan", "changes"),
    "added": ("ditambah", "added"),
    "removed": ("dihapus", "removed"),
    "recoded": ("kode diganti", "recoded"),
    "retargeted": ("target diubah", "retargeted"),
    "rebudgeted": ("pagu diubah", "rebudgeted"),
    "only in new": ("rencana hanya di BARU", "plan only in NEW"),
    "only in old": ("rencana hanya di LAMA", "plan only in OLD"),
    "nothing": ("tidak ada rencana yang dibandingkan", "no plans to compare"),
    "no changes": ("tidak ada perubahan", "no changes"),
    "title": ("Perbandingan rencana", "Plan diff"),
    "compared": ("Dibandingkan", "Compared"),
    "old": ("lama", "old"),
    "new": ("baru", "new"),
    "change": ("perubahan", "change"),
    "level": ("tingkat", "level"),
    "code": ("kode", "code"),
    "name": ("nama", "name"),
    "detail": ("rincian", "detail"),
    "one side": ("Rencana yang hanya ada di satu sisi", "Plans on one side only"),
    "md only in new": ("hanya di baru", "only in new"),
    "md only in old": ("hanya di lama", "only in old"),
    "md no changes": ("Tidak ada perubahan.", "No changes."),
}
"""The words of the diff's text and Markdown in Indonesian and English."""


def _word(key: str, language: str) -> str:
    if language not in ("id", "en"):
        raise ValueError(f"unknown language {language!r}; use id or en")
    return _WORDS[key][0 if language == "id" else 1]


def _rp(amount: Decimal | None) -> str:
    return "—" if amount is None else f"Rp {format_id(amount)}"


def _signed_rp(amount: Decimal) -> str:
    sign = "+" if amount > 0 else ("−" if amount < 0 else "±")
    return f"{sign}Rp {format_id(abs(amount))}"


def _shown(value: Value | None) -> str:
    return "—" if value is None else value.display()


def _years_label(changes: PlanChanges, language: str) -> str:
    """``revision, 2026–2029`` or ``year to year, 2025→2026`` (``revisi``, ``antartahun`` in Indonesian)."""
    if changes.mode == "revision":
        years = [y for y, _ in changes.years]
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        return f"{_word('revision', language)}, {span}"
    return f"{_word('year to year', language)}, " + ", ".join(f"{a}→{b}" for a, b in changes.years)


def _count_line(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{counts.get(level.value, 0)} {_LEVEL_LABEL[level]}" for level in _LEVELS)


def _year_pair(old_year: int, new_year: int) -> str:
    return str(old_year) if old_year == new_year else f"{old_year}→{new_year}"


def _padded(key: str, language: str) -> str:
    """A change kind padded so the changes line up: ``added       ``."""
    width = max(len(_word(k, language)) for k in ("added", "removed", "recoded", "retargeted", "rebudgeted"))
    return _word(key, language).ljust(width + 2)


def render_text(result: PlanDiff, language: str = "en") -> str:
    """The diff as plain text: one block per paired plan, a line per change, totals first (``language``: en, id)."""
    w = functools.partial(_word, language=language)
    pad = functools.partial(_padded, language=language)
    lines: list[str] = []
    for changes in result.plans:
        lines.append(f"{changes.old.label()} → {changes.new.label()}  [{_years_label(changes, language)}]")
        for total in changes.pagu:
            lines.append(
                f"  pagu {_year_pair(total.old_year, total.new_year)}: {_rp(total.old)} → {_rp(total.new)} "
                f"({_signed_rp(total.change)})"
            )
        lines.append(f"  {w('items')}: {_count_line(changes.items_old)} → {_count_line(changes.items_new)}")
        counts = changes.counts()
        lines.append(f"  {w('changes')}: " + ", ".join(f"{n} {w(kind)}" for kind, n in counts.items()))
        lines += [f"  + {pad('added')}{i.label()}" for i in changes.added]
        lines += [f"  - {pad('removed')}{i.label()}" for i in changes.removed]
        lines += [
            f"  ~ {pad('recoded')}{_LEVEL_LABEL[r.old.level]} {r.old.code} → {r.new.code} {r.new.name} "
            f"({r.reason.value})"
            for r in changes.recoded
        ]
        lines += [
            f"  * {pad('retargeted')}{r.item.label()} · {r.indicator} · {r.year}: {_shown(r.old)} → {_shown(r.new)}"
            for r in changes.retargeted
        ]
        lines += [
            f"  $ {pad('rebudgeted')}{r.item.label()} · {_year_pair(r.old_year, r.new_year)}: "
            f"{_rp(r.old.amount if r.old else None)} → {_rp(r.new.amount if r.new else None)} "
            f"({_signed_rp(r.change)})"
            for r in changes.rebudgeted
        ]
    lines += [f"{w('only in new')}: {p.label()}" for p in result.plans_added]
    lines += [f"{w('only in old')}: {p.label()}" for p in result.plans_removed]
    if not lines:
        lines.append(w("nothing"))
    elif result.is_empty:
        lines.append(w("no changes"))
    return "\n".join(lines)


def render_markdown(result: PlanDiff, language: str = "en") -> str:
    """The diff as Markdown: a section per paired plan with a totals table and a table of changes."""
    w = functools.partial(_word, language=language)
    out: list[str] = [f"# {w('title')}", ""]
    for changes in result.plans:
        out += [
            f"## {escape_markdown(changes.old.label())} → {escape_markdown(changes.new.label())}",
            "",
            f"{w('compared')}: {_years_label(changes, language)}.",
            "",
            f"| | {w('old')} | {w('new')} | {w('change')} |",
            "| --- | ---: | ---: | ---: |",
        ]
        for total in changes.pagu:
            out.append(
                f"| pagu {_year_pair(total.old_year, total.new_year)} | {_rp(total.old)} | {_rp(total.new)} "
                f"| {_signed_rp(total.change)} |"
            )
        for level in _LEVELS:
            before, after = changes.items_old.get(level.value, 0), changes.items_new.get(level.value, 0)
            out.append(f"| {_LEVEL_LABEL[level]} | {before} | {after} | {after - before:+d} |")
        out.append("")
        if changes.is_empty:
            out += [w("md no changes"), ""]
            continue
        heads = " | ".join(w(k) for k in ("change", "level", "code", "name", "detail"))
        out += [f"| {heads} |", "| --- | --- | --- | --- | --- |"]
        for i in changes.added:
            out.append(f"| {w('added')} | {_LEVEL_LABEL[i.level]} | {i.code} | {escape_markdown(i.name)} | |")
        for i in changes.removed:
            out.append(f"| {w('removed')} | {_LEVEL_LABEL[i.level]} | {i.code} | {escape_markdown(i.name)} | |")
        for r in changes.recoded:
            out.append(
                f"| {w('recoded')} | {_LEVEL_LABEL[r.new.level]} | {r.old.code} → {r.new.code} | {escape_markdown(r.new.name)} "
                f"| {r.reason.value} |"
            )
        for t in changes.retargeted:
            out.append(
                f"| {w('retargeted')} | {_LEVEL_LABEL[t.item.level]} | {t.item.code} | {escape_markdown(t.item.name)} "
                f"| {escape_markdown(t.indicator)} {t.year}: {escape_markdown(_shown(t.old))} → {escape_markdown(_shown(t.new))} |"
            )
        for b in changes.rebudgeted:
            out.append(
                f"| {w('rebudgeted')} | {_LEVEL_LABEL[b.item.level]} | {b.item.code} | {escape_markdown(b.item.name)} "
                f"| {_year_pair(b.old_year, b.new_year)}: {_rp(b.old.amount if b.old else None)} → "
                f"{_rp(b.new.amount if b.new else None)} ({_signed_rp(b.change)}) |"
            )
        out.append("")
    if result.plans_added or result.plans_removed:
        out += [f"## {w('one side')}", ""]
        out += [f"- {w('md only in new')}: {escape_markdown(p.label())}" for p in result.plans_added]
        out += [f"- {w('md only in old')}: {escape_markdown(p.label())}" for p in result.plans_removed]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
