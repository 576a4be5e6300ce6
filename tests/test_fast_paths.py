"""The fast paths added for national-scale data give exactly what the general paths give.

Each optimisation in docs/performance.md ("What was changed") keeps a slower general path; these
tests compare the two on generated inputs, so a fast path can never drift from the rule it shortcuts.
"""

from __future__ import annotations

import gc
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinkron import convert
from sinkron.align.index import BundleIndex
from sinkron.codes import Code, CodeLevel, _make, _parse
from sinkron.demo import demo_bundle
from sinkron.errors import ValidationError
from sinkron.numbers import _RANGE, parse_number, parse_range

SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(st.text(alphabet="0123456789", min_size=1, max_size=25))
def test_plain_digits_read_as_the_general_path_reads_them(digits: str) -> None:
    # A leading space sends the text down the general path (it is removed there).
    assert parse_number(digits) == parse_number(f" {digits}") == Decimal(digits)


def test_non_ascii_digits_read_as_the_general_path_reads_them() -> None:
    assert parse_number("١٢٣") == parse_number(" ١٢٣") == Decimal(123)  # Arabic-Indic digits


@SETTINGS
@given(st.text(alphabet="0123456789.,% abcdefghijklmnopqrtuvwxyzABCDEFGHIJKLMNOPQRTUVWXYZ()/", max_size=30))
def test_text_without_a_range_mark_is_never_a_range(text: str) -> None:
    assert _RANGE.match(text) is None
    assert parse_range(text) is None


@pytest.mark.parametrize("text", ["7,0–8,0", "92,02 - 92,11 %", "10 s.d. 20", "5 sampai 9 Orang", "1 SD 2"])
def test_ranges_still_read(text: str) -> None:
    assert parse_range(text) is not None


@pytest.mark.parametrize("text", ["1.02.02.2.02.0001", "1.2.2.2.2.1", "X.XX.01.2.01.0001", "1.05.02.2.03.0002 Nama"])
def test_code_parse_cache_gives_the_parsed_code(text: str) -> None:
    parts, _ = _parse(text)
    assert Code.parse(text) is _make(parts)
    assert Code.parse(text) is Code.parse(text)


def test_modernised_matches_is_legacy() -> None:
    for text in ("1.02.02.2.02.01", "1.02.02.2.02.0001", "1.02.02.2.02", "1.02"):
        code = Code.parse(text)
        assert (code.modernised() is not code) == code.is_legacy
    assert str(Code.parse("1.02.02.2.02.01").modernised()) == "1.02.02.2.02.0001"


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


def test_dump_and_load_leave_the_collector_as_they_found_it() -> None:
    bundle = demo_bundle()
    assert gc.isenabled()
    text = convert.dumps(bundle)
    assert gc.isenabled()
    assert convert.loads(text, type(bundle)) == bundle
    assert gc.isenabled()
    gc.disable()
    try:
        convert.loads(text, type(bundle))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_duplicate_keys_are_still_refused_with_the_key() -> None:
    document = '{"schema_version": 1, "type": "Bundle", "data": {"plans": [], "plans": []}}'
    with pytest.raises(ValidationError) as raised:
        convert.loads(document)
    assert raised.value.errors[0].actual == "plans"
    assert convert.parse_json(json.dumps({"a": 1, "b": {"a": 2}})) == {"a": 1, "b": {"a": 2}}
