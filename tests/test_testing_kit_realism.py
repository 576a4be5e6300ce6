"""The kit's generators produce data as real as the plans it stands for (issue 26 item 10).

Properties hold for every generated bundle; ``find`` shows each input that broke a writer occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from hypothesis import HealthCheck, Phase, find, given, settings

from sinkron import Bundle, CodeLevel, Direction, Indicator, IndicatorKind, PriorityKind, Value
from sinkron.nomenclature import default_nomenclature
from sinkron.testing import _vocabulary
from sinkron.testing import strategies as sst

# the first bundle that has it will do: no shrinking
_FIND = settings(
    max_examples=500, deadline=None, suppress_health_check=list(HealthCheck), database=None, phases=[Phase.generate]
)


def _indicators(bundle: Bundle) -> Iterator[Indicator]:
    for plan in bundle.plans:
        for statement in (*plan.goals, *plan.objectives):
            yield from statement.indicators
        for item in plan.items():
            yield from item.indicators
    for priority in bundle.priorities:
        yield from priority.indicators


def _values(indicator: Indicator) -> Iterator[Value]:
    if indicator.baseline is not None:
        yield indicator.baseline.value
    yield from (t.value for t in indicator.targets)
    yield from (r.value for r in indicator.realisations)


def _texts(bundle: Bundle) -> Iterator[str]:
    for plan in bundle.plans:
        yield from (s.text for s in (*plan.missions, *plan.goals, *plan.objectives))
        for item in plan.items():
            yield item.name
            yield from getattr(item, "locations", ())
    yield from (i.name for i in _indicators(bundle))
    yield from (a.name for a in bundle.agencies)


@settings(max_examples=40, deadline=None)
@given(sst.bundles())
def test_generated_bundles_read_like_real_plans(bundle: Bundle) -> None:
    entries = default_nomenclature().entries()
    output_names = {e.indikator for c, e in entries.items() if c.level is CodeLevel.SUB_ACTIVITY}
    outcome_names = {t.name for t in _vocabulary.OUTCOME_INDICATORS}
    government_ids = {g.id for g in _vocabulary.governments()}
    (government,) = bundle.governments
    assert government.id in government_ids
    for agency in bundle.agencies:
        assert agency.name.endswith(government.name)
        assert agency.name.split()[0] in {"Dinas", "Badan", "Sekretariat", "Satuan", "Inspektorat", "Kecamatan"}
    for indicator in _indicators(bundle):
        assert indicator.id == Indicator(name=indicator.name).id
        if indicator.kind is IndicatorKind.OUTPUT:  # the nomenclature's own (two of them start with "-")
            assert indicator.name in output_names
        else:
            assert indicator.name.lstrip("-:• ") in outcome_names
        assert {v.unit for v in _values(indicator)} == {indicator.unit}
        numbers = [t.value.number if t.value.number is not None else t.value.low for t in indicator.targets]
        if indicator.baseline is not None and indicator.baseline.value.number is not None:
            numbers.insert(0, indicator.baseline.value.number)
        ordered = sorted(numbers, reverse=indicator.direction is Direction.LOWER_IS_BETTER)
        assert numbers == ordered, (indicator.direction, numbers)
    for priority in bundle.priorities:
        if priority.kind is PriorityKind.REGIONAL:
            assert priority.document == f"RPJMD {government.name} 2025–2029"
        else:
            assert priority.document == "RPJMN 2025–2029"
    for meeting in bundle.meetings:
        prefix = _vocabulary.MEETING_TITLES[meeting.kind].split("{")[0]
        assert meeting.title.startswith(prefix) and government.name in meeting.title


def _numbers_of(bundle: Bundle) -> Iterator[Decimal]:
    for indicator in _indicators(bundle):
        for value in _values(indicator):
            yield from (n for n in (value.number, value.low, value.high) if n is not None)


def _decimals(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def test_numbers_with_zero_to_three_decimals_occur() -> None:
    for places in range(4):
        find(sst.bundles(), lambda b, p=places: any(_decimals(n) == p for n in _numbers_of(b)), settings=_FIND)


def test_units_with_digits_occur() -> None:
    bundle = find(sst.bundles(), lambda b: any(re.search(r"\d", i.unit or "") for i in _indicators(b)), settings=_FIND)
    assert any(re.search(r"\d", i.unit or "") for i in _indicators(bundle))


def test_texts_with_leading_punctuation_occur() -> None:
    for mark in ("-", ":", ","):
        find(sst.bundles(), lambda b, m=mark: any(t.startswith(m) for t in _texts(b)), settings=_FIND)


def test_long_names_occur() -> None:
    find(sst.bundles(), lambda b: any(len(t) > 100 for t in _texts(b)), settings=_FIND)


def test_three_decimal_numbers_occur_and_are_written_with_a_decimal_comma() -> None:
    value = find(
        sst.values(measurable=True), lambda v: v.number is not None and _decimals(v.number) == 3, settings=_FIND
    )
    assert "," in value.text.split()[0]  # never the "3.125" a reader takes for thousands (issue 26 bug 1)


def test_governments_come_from_the_552_shipped() -> None:
    from sinkron.regions import governments as shipped

    drawn = find(sst.governments(), lambda g: not g.id.startswith("62"), settings=_FIND)
    assert drawn in shipped()
