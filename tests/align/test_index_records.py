"""The bundle index holds one record per item and indicator, in bundle order.

These tests rebuild the records one by one from the bundle, independently of the index's own walk,
and compare them with what the index holds and with the lookups built the plain way.
"""

from __future__ import annotations

import gc
import weakref
from collections import defaultdict

from sinkron.align.index import BundleIndex, IndicatorRecord, ItemRecord
from sinkron.align.support import SupportMap
from sinkron.codes import Code, CodeLevel
from sinkron.demo import demo_bundle
from sinkron.models import Activity, Bundle, Program, SubActivity, ref


def _expected_records(bundle: Bundle) -> tuple[list[ItemRecord], list[IndicatorRecord]]:
    """The item and indicator records of a bundle, built one by one with the keyword constructors."""
    items: list[ItemRecord] = []
    indicators: list[IndicatorRecord] = []
    for priority in bundle.priorities:
        indicators += [
            IndicatorRecord(ref=ref(priority.id, i.id), owner_ref=priority.id, indicator=i) for i in priority.indicators
        ]
    for plan in bundle.plans:
        for statement in [*plan.goals, *plan.objectives]:
            owner = ref(plan.id, statement.id)
            indicators += [
                IndicatorRecord(ref=ref(owner, i.id), owner_ref=owner, indicator=i, plan=plan)
                for i in statement.indicators
            ]

        triples: list[tuple[Program | Activity | SubActivity, Program, Activity | None]] = []
        for program in plan.programs:
            triples.append((program, program, None))
            for activity in program.activities:
                triples.append((activity, program, None))
                triples += [(sub, program, activity) for sub in activity.sub_activities]
        for item, program, activity in triples:
            record = ItemRecord(ref=ref(plan.id, item.id), plan=plan, item=item, program=program, activity=activity)
            items.append(record)
            indicators += [
                IndicatorRecord(ref=ref(record.ref, i.id), owner_ref=record.ref, indicator=i, plan=plan)
                for i in item.indicators
            ]
    return items, indicators


def test_index_records_equal_the_records_built_one_by_one() -> None:
    bundle = demo_bundle()
    index = BundleIndex(bundle)
    items, indicators = _expected_records(bundle)
    assert len(items) > 100 and len(indicators) > 100
    assert list(index.items.values()) == items
    assert list(index.indicators.values()) == indicators
    assert [type(r) for r in index.items.values()] == [ItemRecord] * len(items)
    for record in index.items.values():
        assert record.code is record.item.code and record.level is record.item.code.level
    by_plan: dict[str, list[ItemRecord]] = defaultdict(list)
    for record in items:
        by_plan[record.plan.id].append(record)
    assert index.items_by_plan == by_plan


def test_items_by_code_built_on_first_use_equals_the_eager_lookup() -> None:
    bundle = demo_bundle()
    index = BundleIndex(bundle)
    expected: dict[tuple[str, Code], list[ItemRecord]] = defaultdict(list)
    for record in index.items.values():
        expected[(record.plan.id, record.code)].append(record)
    assert index.items_by_code == expected
    assert index.items_by_code is index.items_by_code


def test_item_record_keyword_constructor_fills_code_and_level() -> None:
    plan = demo_bundle().plans[0]
    program = plan.programs[0]
    record = ItemRecord(ref="p#x", plan=plan, item=program, program=program)
    assert (record.code, record.level, record.activity, record.parent) == (program.code, program.code.level, None, None)
    assert record.agency_id == (program.agency_id or plan.owner_id)


def test_released_index_is_freed_without_the_collector() -> None:
    index = BundleIndex(demo_bundle())
    SupportMap.of(index)  # a shared lookup that refers back to the index
    alive = weakref.ref(index)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        index.release()
        del index
        assert alive() is None
    finally:
        if was_enabled:
            gc.enable()


def test_index_records_by_level_equal_the_filtered_records() -> None:
    bundle = demo_bundle()
    index = BundleIndex(bundle)
    everything = list(index.items.values())
    assert everything, "the demo has items"
    for record in everything:
        assert record.code is record.item.code and record.level is record.item.code.level
    for level in (None, CodeLevel.PROGRAM, CodeLevel.ACTIVITY, CodeLevel.SUB_ACTIVITY):
        assert list(index.item_records(level)) == [r for r in everything if level is None or r.level is level]
        for plan in bundle.plans:
            expected = [r for r in index.items_by_plan.get(plan.id, ()) if level is None or r.level is level]
            assert list(index.item_records(level, plan)) == expected
    assert set(index.items_by_plan) == {p.id for p in bundle.plans if p.programs}
