"""SIPD sumber dana: names and codes read into their parts; year-to-year renumberings matched by name."""

from __future__ import annotations

import pytest

from sinkron.kl import FundingCode, FundingCodeError, FundingKind, FundingName, funding_key, match_renumbered


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        (
            "DAK Fisik-Bidang Pendidikan-Reguler-PAUD",
            (None, FundingKind.DAK_PHYSICAL, "Pendidikan", "Reguler", "PAUD", None),
        ),
        (
            "DANA KHUSUS-DAK Fisik-Bidang Pendidikan-Reguler-SD",
            ("DANA KHUSUS", FundingKind.DAK_PHYSICAL, "Pendidikan", "Reguler", "SD", None),
        ),
        (
            "DAK Fisik-Bidang Pendidikan-Afirmasi-SD",
            (None, FundingKind.DAK_PHYSICAL, "Pendidikan", "Afirmasi", "SD", None),
        ),
        ("DAK Fisik-Bidang Sanitasi-Reguler", (None, FundingKind.DAK_PHYSICAL, "Sanitasi", "Reguler", None, None)),
        (
            "DAK Fisik-Bidang Kesehatan dan KB-Reguler-Penguatan Sistem Kesehatan",
            (None, FundingKind.DAK_PHYSICAL, "Kesehatan dan KB", "Reguler", "Penguatan Sistem Kesehatan", None),
        ),
        ("DAK Non Fisik-Dana BOK-BOK Pkm", (None, FundingKind.DAK_NON_PHYSICAL, "Dana BOK", None, "BOK Pkm", None)),
        ("DAK Non-Fisik-Dana BOK-BOK Pkm", (None, FundingKind.DAK_NON_PHYSICAL, "Dana BOK", None, "BOK Pkm", None)),
        (
            "Dana Transfer Khusus-Dana Alokasi Khusus Non Fisik",
            ("Dana Transfer Khusus", FundingKind.DAK_NON_PHYSICAL, None, None, None, None),
        ),
    ],
)
def test_dak_names_split_into_their_parts(name: str, parts: tuple[object, ...]) -> None:
    parsed = FundingName.parse(name)
    assert (parsed.group, parsed.kind, parsed.area, parsed.scheme, parsed.subarea, parsed.detail) == parts
    assert parsed.is_dak and parsed.text == name


def test_children_of_a_dak_non_fisik_parent_take_the_jenis_from_it() -> None:
    bok = FundingName.parse("Dana BOK-BOK Dinas-BOK Kabupaten/Kota", kind=FundingKind.DAK_NON_PHYSICAL)
    assert (bok.area, bok.subarea, bok.detail) == ("Dana BOK", "BOK Dinas", "BOK Kabupaten/Kota")
    assert not FundingName.parse("Dana BOK-BOK Dinas-BOK Kabupaten/Kota").is_dak  # never guessed from the words


def test_other_sources_keep_their_text() -> None:
    pad = FundingName.parse("[DANA UMUM] - PENDAPATAN ASLI DAERAH (PAD)")
    assert (pad.group, pad.kind, pad.rest) == ("DANA UMUM", None, "PENDAPATAN ASLI DAERAH (PAD)")
    assert FundingName.parse("Dana Alokasi Khusus").kind is FundingKind.DAK


def test_codes_are_parts_without_meaning() -> None:
    code = FundingCode.parse(" 2.2.01.01.03.0001 ")
    assert code.parts == ("2", "2", "01", "01", "03", "0001") and str(code) == "2.2.01.01.03.0001"
    assert code.is_within(FundingCode.parse("2.2.01")) and not code.is_within(FundingCode.parse("2.2.02"))
    assert FundingCode.parse("2").parent is None
    for bad in ("", "2.2.x", "2..1", "٢.2"):
        with pytest.raises(FundingCodeError):
            FundingCode.parse(bad)


def test_renumbered_dak_codes_are_matched_by_name() -> None:
    year_2021 = [
        ("4.2.1.01.03.0004", "DAK Fisik-Bidang Pendidikan-Reguler-SMA"),
        ("4.2.1.01.03.0001", "DAK Fisik-Bidang Pendidikan-Reguler-PAUD"),
        ("4.2.1.01.03.0099", "DAK Fisik-Bidang Pariwisata-Reguler"),
    ]
    year_2025 = [
        ("4.2.01.09.01.0001", "DAK Fisik-Bidang Pendidikan-Reguler-PAUD"),
        ("4.2.01.09.01.0004", "DANA KHUSUS-DAK Fisik-Bidang  pendidikan-Reguler-SMA"),
        ("4.2.01.09.01.0040", "DAK Fisik-Bidang Sanitasi-Reguler"),
        ("4.2.01.09.02.0035", "DAK Non Fisik-Dana BOK-BOK Pkm"),
    ]
    result = match_renumbered(year_2021, year_2025)
    assert {(m.old_code, m.new_code) for m in result.matches} == {
        ("4.2.1.01.03.0004", "4.2.01.09.01.0004"),
        ("4.2.1.01.03.0001", "4.2.01.09.01.0001"),
    }
    assert len(result.changed) == 2
    assert result.unmatched_old == (("4.2.1.01.03.0099", "DAK Fisik-Bidang Pariwisata-Reguler"),)
    assert {c for c, _ in result.unmatched_new} == {"4.2.01.09.01.0040", "4.2.01.09.02.0035"}
    assert result.ambiguous == ()


def test_a_name_repeated_in_a_list_is_ambiguous_not_paired() -> None:
    old = [("1", "DAK Fisik-Bidang Jalan-Reguler"), ("2", "DAK Fisik-Bidang Jalan-Reguler")]
    result = match_renumbered(old, [("9", "DAK Fisik-Bidang Jalan-Reguler")])
    assert result.matches == () and {c for c, _ in result.ambiguous} == {"1", "2", "9"}
    assert funding_key("DAK Fisik-Bidang Jalan-Reguler") != funding_key("DAK Non Fisik-Bidang Jalan-Reguler")
