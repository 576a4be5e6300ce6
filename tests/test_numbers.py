from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinkron.models import Value
from sinkron.models._base import MAX_DECIMALS, MAX_MAGNITUDE
from sinkron.numbers import format_id, number_text, parse_number, parse_range, split_number_unit


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


#: Finite decimals of any size and precision, and numbers with up to three decimals.
_ANY_DECIMAL = st.decimals(allow_nan=False, allow_infinity=False) | st.decimals(
    min_value=-(10**9), max_value=10**9, places=3, allow_nan=False
)
#: The numbers a model holds (docs/models.md: below 10^18, at most 20 decimals).
_PLAN_DECIMAL = _ANY_DECIMAL.filter(
    lambda d: d.copy_abs() < MAX_MAGNITUDE and int(d.as_tuple().exponent) >= -MAX_DECIMALS
)
#: Satuan as plans write them, with the digits of a rate or a power among them.
_UNITS = st.sampled_from(
    [
        None,
        "%",
        "Orang",
        "Indeks",
        "Dokumen",
        "Km",
        "Nilai",
        "Persen (%)",
        "per 100.000 KH",
        "per 1.000 penduduk",
        "m2",
        "m³",
    ]
)


@pytest.mark.parametrize(
    ("number", "text"),
    [("3.125", "3,125"), ("1234.567", "1234,567"), ("1250", "1250"), ("0.5", "0,5"), ("-1500.25", "-1500,25")],
)
def test_number_text_never_writes_a_dot_a_reader_takes_for_thousands(number: str, text: str) -> None:
    assert number_text(Decimal(number)) == text
    assert parse_number(text) == Decimal(number)


@settings(max_examples=300)
@given(_ANY_DECIMAL)
def test_number_text_reads_back_exactly(value: Decimal) -> None:
    assert parse_number(number_text(value)) == value


@settings(max_examples=300)
@given(_PLAN_DECIMAL, _UNITS)
def test_a_value_reads_back_from_its_own_text(number: Decimal, unit: str | None) -> None:
    value = Value(number=number, unit=unit)
    assert Value.parse(value.text) == value


@settings(max_examples=300)
@given(_PLAN_DECIMAL, _PLAN_DECIMAL, _UNITS)
def test_a_range_reads_back_from_its_own_text(a: Decimal, b: Decimal, unit: str | None) -> None:
    value = Value(low=min(a, b), high=max(a, b), unit=unit)
    assert Value.parse(value.text) == value


def test_three_decimals_keep_their_size() -> None:
    # Issue 26, bug 1: the default text was "3.125 Indeks", which reads as 3125.
    assert Value.parse(Value(number=Decimal("3.125"), unit="Indeks").text).number == Decimal("3.125")
    assert Value.parse(Value(number=Decimal("1234.567"), unit="%").text).number == Decimal("1234.567")
    # A human's "3.125" in an Indonesian file is still three thousand one hundred and twenty-five.
    assert Value.parse("3.125 Indeks").number == Decimal(3125)


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("98 per 100.000 KH", "98", "per 100.000 KH"),
        ("12,5 per 1.000 penduduk", "12.5", "per 1.000 penduduk"),
        ("250 m2", "250", "m2"),
        ("4 m³/detik", "4", "m³/detik"),
    ],
)
def test_a_unit_may_hold_the_digits_of_a_rate_or_a_power(text: str, number: str, unit: str) -> None:
    # Issue 26, bug 2: "98 per 100.000 KH" (maternal mortality) was read as text.
    value = Value.parse(text)
    assert (value.number, value.unit, value.text) == (Decimal(number), unit, text)


@pytest.mark.parametrize("text", ["1 dari 3 kegiatan selesai", "3 Dokumen 2025", "2 kali dalam 12 bulan"])
def test_other_digits_after_a_number_make_a_text(text: str) -> None:
    assert Value.parse(text).number is None
