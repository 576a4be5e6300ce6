from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinkron.numbers import format_id, parse_number, parse_range, split_number_unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234.567,89", "1234567.89"),
        ("1.234.567", "1234567"),
        ("1,234,567.89", "1234567.89"),
        ("1,234,567", "1234567"),
        ("296187500", "296187500"),
        ("Rp 1.234.567", "1234567"),
        ("Rp. 1.234.567,00", "1234567.00"),
        ("96%", "96"),
        ("8.3", "8.3"),
        ("0.96", "0.96"),
        ("9,07", "9.07"),
        ("1.234", "1234"),
        ("0.123", "0.123"),
        ("-1.500", "-1500"),
        (" 12 ", "12"),
        ("1 234 567", "1234567"),
        ("12.", "12"),  # a trailing decimal mark with nothing after it
        ("1.234,", "1234"),
        ("-Rp 2.500", "-2500"),
    ],
)
def test_parse_number(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


def test_decimal_mark_can_be_forced() -> None:
    assert parse_number("1.234", decimal=".") == Decimal("1.234")
    assert parse_number("1,5", decimal=",") == Decimal("1.5")


@pytest.mark.parametrize("text", ["", "abc", "1.2.3,4,5", "12,34,5", "1.23.456", "Rp", "--1", "1e5"])
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text)


def test_split_number_unit() -> None:
    assert split_number_unit("12 Bulan") == (Decimal(12), "Bulan")
    assert split_number_unit("100 %") == (Decimal(100), "%")
    assert split_number_unit("8.3 Nilai") == (Decimal("8.3"), "Nilai")
    assert split_number_unit("Tersedia") is None


def test_single_digit_numbers_are_numbers() -> None:
    assert split_number_unit("8") == (Decimal(8), "")
    assert split_number_unit("1 Dokumen") == (Decimal(1), "Dokumen")
    assert split_number_unit("5 %") == (Decimal(5), "%")
    assert parse_range("7–8") == (Decimal(7), Decimal(8), "")


def test_parse_range() -> None:
    assert parse_range("7,0–8,0") == (Decimal("7.0"), Decimal("8.0"), "")
    assert parse_range("92,02 - 92,11 %") == (Decimal("92.02"), Decimal("92.11"), "%")
    assert parse_range("4,5 s.d. 5,0") == (Decimal("4.5"), Decimal("5.0"), "")
    assert parse_range("Tersedia") is None


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_format_id_round_trips(value: Decimal) -> None:
    assert parse_number(format_id(value), decimal=",") == value
