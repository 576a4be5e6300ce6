"""The shortcuts still taken in number and code parsing give exactly what the general paths give.

These tests compare the two on generated inputs, so a shortcut can never drift from the rule it
shortcuts. (The core engine's fast paths were folded into one code path: docs/performance.md,
"Issue 21: fast paths folded".)
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinkron.codes import Code, _make, _parse
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
