from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinkron import Code, CodeError, CodeLevel
from sinkron.testing import strategies as sst


@pytest.mark.parametrize(
    ("text", "canonical", "level"),
    [
        ("1", "1", CodeLevel.AFFAIR),
        ("1.02", "1.02", CodeLevel.SECTOR),
        ("1.3", "1.03", CodeLevel.SECTOR),
        ("1.02.02", "1.02.02", CodeLevel.PROGRAM),
        ("1.02.02.2.02", "1.02.02.2.02", CodeLevel.ACTIVITY),
        ("1.02.02.2.02.0001", "1.02.02.2.02.0001", CodeLevel.SUB_ACTIVITY),
        ("1.2.2.2.2.1", "1.02.02.2.02.0001", CodeLevel.SUB_ACTIVITY),
        ("7.01.02.2.01.01", "7.01.02.2.01.01", CodeLevel.SUB_ACTIVITY),
        ("X.XX.01.2.01.0001", "X.XX.01.2.01.0001", CodeLevel.SUB_ACTIVITY),
        ("x.xx.01", "X.XX.01", CodeLevel.PROGRAM),
        ("  1.05.02.2.03.0002 Pembentukan Sekretariat PPNS", "1.05.02.2.03.0002", CodeLevel.SUB_ACTIVITY),
        ("1.02.02.2.02.0001\nPengelolaan", "1.02.02.2.02.0001", CodeLevel.SUB_ACTIVITY),
    ],
)
def test_parse_accepted_forms(text: str, canonical: str, level: CodeLevel) -> None:
    code = Code.parse(text)
    assert str(code) == canonical
    assert code.level is level


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("1.02.02.2", "four is incomplete"),
        ("1.02.02.2.02.0001.1", "not 7"),
        ("1.02.02.22.02.0001", "single digit"),
        ("1.002", "more than 2 digits"),
        ("1.02.02.2.02.00001", "more than 4 digits"),
        ("0.02", "single digit 1-9"),
        ("1.00", "must not be zero"),
        ("1.02.02.2.02.0000", "must not be zero"),
        ("X.02.01", "X.XX"),
        ("X.XX.02", "penunjang program 01"),
        ("1.XX", "X.XX"),
        ("1.02.XX", "only urusan and bidang"),
        ("abc", "dot-separated numbers"),
        ("Program Penunjang", "dot-separated numbers"),
        ("1,02", "dot-separated numbers"),
    ],
)
def test_parse_rejects_with_reason(text: str, reason: str) -> None:
    with pytest.raises(CodeError) as info:
        Code.parse(text)
    assert reason in info.value.reason
    assert isinstance(info.value, ValueError)


def test_parse_rejects_non_text() -> None:
    with pytest.raises(CodeError, match="must be text"):
        Code.parse(1.02)  # type: ignore[arg-type]


def test_structure_helpers() -> None:
    code = Code.parse("1.02.02.2.02.0001")
    assert [str(a) for a in code.ancestors] == ["1", "1.02", "1.02.02", "1.02.02.2.02"]
    assert str(code.parent) == "1.02.02.2.02"
    assert Code.parse("1").parent is None
    assert str(code.ancestor(CodeLevel.PROGRAM)) == "1.02.02"
    assert code.is_within(Code.parse("1.02"))
    assert not code.is_within(Code.parse("1.03"))
    assert code.variant == "2"
    assert str(code.sector) == "1.02"
    with pytest.raises(ValueError, match="above"):
        Code.parse("1.02").ancestor(CodeLevel.PROGRAM)


def test_penunjang_generic_and_concrete() -> None:
    generic = Code.parse("X.XX.01.2.01.0001")
    concrete = generic.in_sector(Code.parse("1.03"))
    assert str(concrete) == "1.03.01.2.01.0001"
    assert concrete.is_support and not concrete.is_generic
    assert concrete.as_generic() == generic
    assert Code.parse("1.02.02").as_generic() == Code.parse("1.02.02")
    with pytest.raises(ValueError, match="not a concrete bidang"):
        generic.in_sector(Code.parse("1"))


def test_legacy_codes() -> None:
    legacy = Code.parse("7.01.02.2.01.01")
    assert legacy.is_legacy
    assert str(legacy.modernised()) == "7.01.02.2.01.0001"
    assert not Code.parse("7.01.02.2.01.0001").is_legacy


def test_split_name() -> None:
    assert Code.split_name("1.05.02.2.03.0002 Pembentukan Sekretariat PPNS") == (
        Code.parse("1.05.02.2.03.0002"),
        "Pembentukan Sekretariat PPNS",
    )
    assert Code.split_name("Pembentukan Sekretariat") == (None, "Pembentukan Sekretariat")
    assert Code.split_name("1.02 - Kesehatan") == (Code.parse("1.02"), "Kesehatan")


def test_ordering_is_numeric_with_generic_first() -> None:
    codes = [Code.parse(t) for t in ["1.10", "1.02", "X.XX", "2.07", "1.02.02"]]
    assert [str(c) for c in sorted(codes)] == ["X.XX", "1.02", "1.02.02", "1.10", "2.07"]


def test_direct_construction_is_validated() -> None:
    assert Code(parts=("1", "02")) == Code.parse("1.02")
    with pytest.raises(CodeError, match="canonical"):
        Code(parts=("1", "2"))


@given(sst.codes(CodeLevel.SUB_ACTIVITY) | sst.codes(CodeLevel.PROGRAM) | sst.codes(CodeLevel.ACTIVITY, known=False))
def test_parse_of_str_round_trips(code: Code) -> None:
    assert Code.parse(str(code)) == code
    assert hash(Code.parse(str(code))) == hash(code)


@given(st.text(max_size=30))
def test_parse_never_raises_anything_but_code_error(text: str) -> None:
    try:
        code = Code.parse(text)
    except CodeError:
        return
    assert Code.parse(str(code)) == code
