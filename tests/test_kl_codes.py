"""K/L budget codes: every spelling of domain-kl.md, canonical keys, scoping and the reasons for rejection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinkron import SinkronError
from sinkron.kl import KLCode, KLCodeError, KLLevel

PROGRAM = KLCode.parse("022.12.DL")
KEGIATAN = KLCode.parse("3996", within=PROGRAM)
KRO = KLCode.parse("3996.AEC", within=PROGRAM)


@pytest.mark.parametrize(
    ("text", "level", "canonical"),
    [
        ("022.12.DL", KLLevel.PROGRAM, "022.12.DL"),
        ("12.DL", KLLevel.PROGRAM, "12.DL"),
        ("DL", KLLevel.PROGRAM, "DL"),
        ("WA.1090", KLLevel.ACTIVITY, "WA.1090"),
        ("3996", KLLevel.ACTIVITY, "3996"),
        ("3996.AEC", KLLevel.OUTPUT_CLASS, "3996.AEC"),
        ("AEC", KLLevel.OUTPUT_CLASS, "AEC"),
        ("AEC.002", KLLevel.OUTPUT, "AEC.002"),
        ("3996.AEC.002", KLLevel.OUTPUT, "3996.AEC.002"),
        ("3996.AE002", KLLevel.OUTPUT, "3996.AE002"),
        ("(WA)", KLLevel.PROGRAM, "WA"),
        ("(2886)", KLLevel.ACTIVITY, "2886"),
        ("022.12", KLLevel.UNIT, "022.12"),
        ("BAH.U13", KLLevel.OUTPUT, "BAH.U13"),
        ("4627.EBA.994", KLLevel.OUTPUT, "4627.EBA.994"),
        ("994.001", KLLevel.COMPONENT, "994.001"),
        ("001.A", KLLevel.SUB_COMPONENT, "001.A"),
        ("521211", KLLevel.ACCOUNT, "521211"),
        (" wa.1090 ", KLLevel.ACTIVITY, "WA.1090"),
    ],
)
def test_every_spelling_parses_and_keeps_its_display(text: str, level: KLLevel, canonical: str) -> None:
    code = KLCode.parse(text)
    assert code.level is level
    assert str(code) == canonical
    assert code.display == text.strip()


@pytest.mark.parametrize("text", ["3996.AEC.002", "AEC.002", "3996.AE002", "002", "022.12.DL.3996.AEC.002"])
def test_the_same_ro_in_every_spelling_has_one_canonical_key(text: str) -> None:
    code = KLCode.parse(text, within=KRO)
    assert code.key == "022.12.DL.3996.AEC.002"
    assert code == KLCode.parse("022.12.DL.3996.AEC.002")
    assert code.display == text  # equality ignores the display form


@pytest.mark.parametrize(
    ("text", "within"),
    [("022.12.WA", None), ("12.WA", "022"), ("WA", "022.12"), ("(WA)", "022.12"), ("WA", "022.12.WA")],
)
def test_program_spellings_share_a_key_with_their_context(text: str, within: str | None) -> None:
    context = KLCode.parse(within, level=KLLevel.BUDGET_SECTION) if within == "022" else within
    assert KLCode.parse(text, within=context).key == "022.12.WA"


def test_kegiatan_with_a_program_prefix_reads_the_same_as_the_bare_kegiatan() -> None:
    wa = KLCode.parse("022.12.WA")
    assert KLCode.parse("WA.1090", within=wa) == KLCode.parse("1090", within=wa)
    assert KLCode.parse("WA.1090", within=wa).key == "022.12.WA.1090"


def test_kro_and_ro_are_scoped_to_their_kegiatan_never_global() -> None:
    under_3996 = KLCode.parse("EBA.994", within=KLCode.parse("3996", within=PROGRAM))
    under_4627 = KLCode.parse("EBA.994", within=KLCode.parse("4627", within=PROGRAM))
    assert under_3996 != under_4627
    assert under_3996.key != under_4627.key
    bare = KLCode.parse("EBA.994")
    assert not bare.is_anchored and bare.top is KLLevel.OUTPUT_CLASS
    with pytest.raises(KLCodeError, match="scoped to its parent"):
        _ = bare.key
    with pytest.raises(KLCodeError, match="does not name its KRO"):
        _ = KLCode.parse("3996.AE002", within=PROGRAM).key


@pytest.mark.parametrize(
    ("text", "within", "reason"),
    [
        ("", None, "empty"),
        ("3996 AEC", None, "no spaces"),
        ("022..DL", None, "empty"),
        ("022.12.D1", None, "comes the program (2 letters), not 'D1'"),
        ("3996.AECD", None, "comes the KRO (3 letters), not 'AECD'"),
        ("3996.AEC.002.001.A.521211.9", None, "more parts than the K/L chain"),
        ("X1", None, "not a K/L code part"),
        ("002", None, "ambiguous: it may be a bagian anggaran, RO or komponen"),
        ("4627.EBA", "022.12.DL.3996", "differs from '3996'"),
        ("AEC.002", "022.12.DL", "needs its kegiatan"),
        ("3996.BM005", "022.12.DL.3996.AEC", "does not belong to the KRO AEC"),
        ("022.12.DL", "3996", "starts above its parent"),
    ],
)
def test_bad_codes_are_rejected_with_the_reason(text: str, within: str | None, reason: str) -> None:
    with pytest.raises(KLCodeError) as caught:
        KLCode.parse(text, within=within)
    assert reason in caught.value.reason
    assert caught.value.text == text
    assert isinstance(caught.value, SinkronError) and isinstance(caught.value, ValueError)


def test_ambiguous_codes_are_read_with_their_parent_or_level() -> None:
    ro = KLCode.parse("3996.AEC.002", within=PROGRAM)
    assert KLCode.parse("001", within=ro).level is KLLevel.COMPONENT
    assert KLCode.parse("002", within=KRO).level is KLLevel.OUTPUT
    assert KLCode.parse("022", level=KLLevel.BUDGET_SECTION).budget_section == "022"
    with pytest.raises(KLCodeError, match="cannot be read as a kegiatan"):
        KLCode.parse("022", level=KLLevel.ACTIVITY)


def test_structure_navigation() -> None:
    ro = KLCode.parse("022.12.DL.3996.AEC.002.051.A")
    assert ro.level is KLLevel.SUB_COMPONENT
    assert str(ro.parent) == "022.12.DL.3996.AEC.002.051"
    assert str(ro.ancestor(KLLevel.ACTIVITY)) == "022.12.DL.3996"
    assert ro.is_within(PROGRAM) and ro.is_within(KLCode.parse("3996.AEC"))
    assert not ro.is_within(KLCode.parse("4627"))
    assert KLCode.parse("DL").parent is None
    assert str(KLCode.parse("3996.AE002").parent) == "3996"
    assert dict(KLCode.parse("3996.AEC").segments()) == {KLLevel.ACTIVITY: "3996", KLLevel.OUTPUT_CLASS: "AEC"}
    assert KLCode.parse("4627.EBA.994").is_operational_output
    assert str(KRO.child("AEC.002")) == "022.12.DL.3996.AEC.002"
    with pytest.raises(KLCodeError, match="no kegiatan segment"):
        KLCode.parse("DL").ancestor(KLLevel.ACTIVITY)


def test_direct_construction_is_validated() -> None:
    with pytest.raises(KLCodeError, match="contiguous, but the unit eselon I is missing"):
        KLCode(budget_section="022", program="DL")
    with pytest.raises(KLCodeError, match="is not 3 letters"):
        KLCode(activity="3996", output_class="AE1")
    with pytest.raises(KLCodeError, match="at least one segment"):
        KLCode()
    with pytest.raises(KLCodeError, match="the activity must be text, got int"):
        KLCode(activity=3996)  # type: ignore[arg-type]


def test_split_name() -> None:
    assert KLCode.split_name("(WA) PROGRAM DUKUNGAN MANAJEMEN") == (KLCode.parse("WA"), "PROGRAM DUKUNGAN MANAJEMEN")
    assert KLCode.split_name("WA.1090 | Dukungan Manajemen") == (KLCode.parse("WA.1090"), "Dukungan Manajemen")
    assert KLCode.split_name("CCL | OM Sarana Bidang TIK")[0] == KLCode.parse("CCL")
    assert KLCode.split_name("PROGRAM X") == (None, "PROGRAM X")


_segments = st.tuples(
    st.from_regex(r"[0-9]{3}", fullmatch=True),
    st.from_regex(r"[0-9]{2}", fullmatch=True),
    st.from_regex(r"[A-Z]{2}", fullmatch=True),
    st.from_regex(r"[0-9]{4}", fullmatch=True),
    st.from_regex(r"[A-Z]{3}", fullmatch=True),
    st.from_regex(r"[A-Z0-9]{2}[0-9]", fullmatch=True),
)
_LEVELS = list(KLLevel)


@settings(max_examples=60)
@given(_segments, st.integers(1, 5), st.booleans())
def test_round_trip_and_scoped_suffixes(segments: tuple[str, ...], cut: int, overlap: bool) -> None:
    full = KLCode.parse(".".join(segments))
    assert full.key == ".".join(segments)
    assert KLCode.parse(str(full)) == full
    parent = KLCode.parse(".".join(segments[:cut]), level=_LEVELS[cut - 1])
    suffix = ".".join(segments[cut - 1 :] if overlap else segments[cut:])
    assert KLCode.parse(suffix, within=parent) == full
    assert KLCode.parse(suffix, within=parent).display == suffix


@given(st.text(max_size=12))
def test_arbitrary_text_parses_or_says_why(text: str) -> None:
    reason = None
    try:
        code = KLCode.parse(text)
    except KLCodeError as exc:
        reason = exc.reason
    if reason is None:
        assert str(code).isascii() and code.display == text.strip()
    else:
        assert reason.strip()
