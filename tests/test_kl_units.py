"""Satuan normalisation and interval comparison of national and regional targets."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sinkron import Direction, Value
from sinkron.kl import compatible, falls_short, interval, normalise_unit, overlaps


def test_units_reduce_to_a_base_and_a_scale() -> None:
    assert normalise_unit("Juta KL") == normalise_unit("juta  kl")
    assert (normalise_unit("Juta KL").base, normalise_unit("Juta KL").scale) == ("liter", Decimal(10) ** 9)  # type: ignore[union-attr]
    assert normalise_unit("GWH").scale == Decimal(10) ** 9  # type: ignore[union-attr]
    assert normalise_unit("Ribu Orang").base == "orang"  # type: ignore[union-attr]
    assert normalise_unit("Kunjungan Wisata").base == "kunjungan wisata"  # type: ignore[union-attr]
    assert normalise_unit("  ") is None and normalise_unit(None) is None
    assert compatible("%", "Persen") and compatible("Orang", "jiwa") and compatible("KL", "Juta KL")
    assert not compatible("Orang", "Layanan") and not compatible("GWH", "MW")
    assert compatible(None, "Orang")


def test_values_become_intervals_in_base_units() -> None:
    assert interval(Value.parse("13,50"), "Juta KL") == (Decimal("13500000000.00"), Decimal("13500000000.00"))
    assert interval(Value.parse("7,0–8,0 %")) == (Decimal("7.0"), Decimal("8.0"))
    assert interval(Value.parse("Tersedia")) is None


def test_falling_short_is_direction_aware() -> None:
    national = (Decimal("4.5"), Decimal("5.0"))
    assert falls_short((Decimal(6), Decimal(7)), national, Direction.LOWER_IS_BETTER)
    assert not falls_short((Decimal(4), Decimal(4)), national, Direction.LOWER_IS_BETTER)
    assert falls_short((Decimal(4), Decimal(4)), national, Direction.HIGHER_IS_BETTER)
    assert not falls_short((Decimal("4.9"), Decimal(6)), national, Direction.HIGHER_IS_BETTER)


_numbers = st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False, places=2)


@given(_numbers, _numbers, _numbers, _numbers)
def test_overlap_is_symmetric_and_excludes_falling_short(a: Decimal, b: Decimal, c: Decimal, d: Decimal) -> None:
    first, second = (min(a, b), max(a, b)), (min(c, d), max(c, d))
    assert overlaps(first, second) == overlaps(second, first)
    for direction in Direction:
        short = falls_short(first, second, direction)
        assert not (short and overlaps(first, second))
        assert not (short and falls_short(second, first, direction))
