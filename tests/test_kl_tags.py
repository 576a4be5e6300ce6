"""Typed, many-to-many priority tags from Form 4 codes, APBN budget-line columns and SIPD labels."""

from __future__ import annotations

import pytest

from sinkron import Link, LinkKind, PlanPeriod, Provenance
from sinkron.kl import (
    PriorityTree,
    TagError,
    budget_line_code,
    rpjmn_2025_2029,
    tag,
    tags_for_codes,
    tags_for_labels,
    thematic_tags,
)

SUB = "rkpd-6271-2026#3.25.0.00.0.00.01.0000/3.25.03.2.01.0002"
RO = "renja-kkp-2026#032.04.CE.5678.RBK.001"


def test_form4_codes_become_tags_of_the_tree() -> None:
    where = Provenance(source="form4.xlsx", row=12)
    links = tags_for_codes(SUB, ["02.10", "2.10.9", "02.10.09"], rpjmn_2025_2029(), provenance=where)
    assert [link.target for link in links] == ["rpjmn-2025-2029:02.10", "rpjmn-2025-2029:02.10.09"]  # duplicates fold
    assert all(link.kind is LinkKind.TAGGED and link.source == SUB for link in links)
    assert links[0].provenance == where


def test_unknown_or_malformed_codes_are_all_reported() -> None:
    with pytest.raises(TagError) as caught:
        tags_for_codes(SUB, ["02.10.99", "x.1", "06"], rpjmn_2025_2029())
    assert len(caught.value.problems) == 2
    assert "no priority 02.10.99 in RPJMN 2025–2029" in caught.value.problems[0]
    assert "invalid priority code 'x.1'" in caught.value.problems[1]


def test_budget_line_columns_join_into_a_code() -> None:
    assert budget_line_code("02", "10", "09", "01") == "02.10.09.01"
    assert budget_line_code("6", " ", None) == "06"
    assert [link.target for link in tags_for_codes(RO, [budget_line_code("2", "11", "3")], rpjmn_2025_2029())] == [
        "rpjmn-2025-2029:02.11.03"
    ]


def test_labels_match_names_exactly_after_normalising_never_fuzzily() -> None:
    label_pusat = "MEMBANGUN DARI DESA DAN DARI BAWAH UNTUK PERTUMBUHAN EKONOMI, PEMERATAAN EKONOMI, DAN  PEMBERANTASAN KEMISKINAN"
    links = tags_for_labels(
        SUB, [label_pusat, "Upaya Konvergensi Stunting"], trees=[rpjmn_2025_2029()], vocabularies=[thematic_tags()]
    )
    assert [link.target for link in links] == ["rpjmn-2025-2029:06", "tematik:stunting"]
    with pytest.raises(TagError) as caught:
        tags_for_labels(
            SUB,
            ["Membangun dari Desa", "Mengembangkan Wilayah Untuk Mengurangi Kesenjangan"],
            trees=[rpjmn_2025_2029()],
        )
    assert len(caught.value.problems) == 2  # a shortened name is not guessed


def test_a_label_naming_two_priorities_is_an_error() -> None:
    rpjmn = rpjmn_2025_2029()
    rkp = PriorityTree(
        id="rkp-2026",
        document="RKP 2026",
        period=PlanPeriod(start=2026, end=2026),
        nodes=[n for n in rpjmn.nodes if n.code.startswith("02")],
    )
    with pytest.raises(TagError, match="names several priorities"):
        tags_for_labels(SUB, ["Swasembada Energi"], trees=[rpjmn, rkp])
    assert tags_for_labels(SUB, ["Swasembada Energi"], trees=[rkp])[0].target == "rkp-2026:02.11"


def test_tags_are_many_to_many() -> None:
    links = [tag(SUB, "rpjmn-2025-2029:02.10.09"), tag(SUB, "tematik:stunting"), tag(RO, "rpjmn-2025-2029:02.10.09")]
    by_target: dict[str, set[str]] = {}
    for link in links:
        by_target.setdefault(link.target, set()).add(link.source)
    assert by_target["rpjmn-2025-2029:02.10.09"] == {SUB, RO}
    assert {link.target for link in links if link.source == SUB} == {"rpjmn-2025-2029:02.10.09", "tematik:stunting"}
    assert isinstance(links[0], Link)
