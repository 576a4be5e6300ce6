"""The national priority tree: the shipped RPJMN 2025–2029 data, the curated CSV format and thematic vocabularies."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import sinkron.kl
from sinkron import Bundle, InvalidModel, PlanPeriod, Priority, PriorityKind
from sinkron.convert import dumps, loads
from sinkron.kl import (
    FundingCategory,
    NationalPriority,
    PriorityCodeError,
    PriorityTree,
    TagTerm,
    TagVocabulary,
    add_priority_tree,
    add_vocabulary,
    parse_priority_code,
    read_priority_tree,
    read_vocabulary,
    rpjmn_2025_2029,
    thematic_tags,
)


def test_the_shipped_tree_has_the_8_pn_in_full_and_says_what_else_is_partial() -> None:
    tree = rpjmn_2025_2029()
    assert (tree.id, tree.document, tree.regulation) == ("rpjmn-2025-2029", "RPJMN 2025–2029", "Perpres 12/2025")
    assert tree.period == PlanPeriod(start=2025, end=2029)
    pns = tree.of_kind(PriorityKind.NATIONAL)
    assert [n.code for n in pns] == [f"0{k}" for k in range(1, 9)]
    assert all(n.name for n in pns)
    assert (
        pns[5].name
        == "Membangun dari Desa dan dari Bawah untuk Pertumbuhan Ekonomi, Pemerataan Ekonomi, dan Pemberantasan Kemiskinan"
    )
    assert tree.complete_levels == (PriorityKind.NATIONAL,)
    assert not tree.is_complete(PriorityKind.PROGRAM) and not tree.is_complete(PriorityKind.ACTIVITY)
    # every node names its source; nodes the notes give only as codes say so
    assert all(n.extra.get("sumber") for n in tree.nodes)
    unnamed = [n for n in tree.nodes if n.name is None]
    assert unnamed and all(n.extra.get("catatan") for n in unnamed)
    assert all(n.kpu for n in tree.of_kind(PriorityKind.ACTIVITY))


def test_the_shipped_kps_carry_funding_sasaran_indicators_and_amounts_in_rupiah() -> None:
    tree = rpjmn_2025_2029()
    blue_food = tree.node("02.10.09")
    assert blue_food is not None and blue_food.kpu
    assert blue_food.funding == (
        FundingCategory.MINISTRY_SPENDING,
        FundingCategory.DAK,
        FundingCategory.APBD,
        FundingCategory.BUSINESS,
    )
    assert any(c.is_regional for c in blue_food.funding)
    assert blue_food.objectives[0].text == "Meningkatnya penyediaan ikan untuk konsumsi masyarakat"
    energy = tree.node("02.11.03")
    assert energy is not None and tree.node("02.11").name == "Swasembada Energi"  # type: ignore[union-attr]
    biofuel, power = energy.objectives[0].indicators
    assert (biofuel.id, biofuel.unit, str(biofuel.target_for(2029).number)) == ("01.01", "Juta KL", "17.11")  # type: ignore[union-attr]
    assert power.target_for(2025).number == Decimal(50739)  # type: ignore[union-attr]
    needs = {n.category: n.amount.amount for n in energy.funding_needs}
    assert needs[FundingCategory.MINISTRY_SPENDING] == Decimal("25995981900000")
    assert needs[FundingCategory.PRIVATE] == Decimal("85027000000000")
    assert not any(c.is_regional for c in energy.funding)


def test_the_shipped_sasaran_utama_keep_baselines_and_range_targets() -> None:
    tree = rpjmn_2025_2029()
    pn4 = {i.name: i for i in tree.node("04").indicators}  # type: ignore[union-attr]
    stunting = pn4["Prevalensi stunting balita"]
    assert stunting.direction.value == "turun" and stunting.baseline.year == 2023  # type: ignore[union-attr]
    ipg = pn4["Indeks Pembangunan Gender"].target_for(2029)
    assert (ipg.low, ipg.high) == (Decimal("92.34"), Decimal("92.54"))  # type: ignore[union-attr]
    poverty = {i.name: i for i in tree.node("06").indicators}["Tingkat kemiskinan"]  # type: ignore[union-attr]
    assert poverty.unit == "%" and poverty.target_for(2025).text == "7,0–8,0"  # type: ignore[union-attr]


def test_the_tree_becomes_priority_records_that_family_4_sees() -> None:
    tree = rpjmn_2025_2029()
    priorities = {p.id: p for p in tree.priorities()}
    kp = priorities["rpjmn-2025-2029:02.10.09"]
    assert (kp.kind, kp.code, kp.parent_id, kp.document) == (
        PriorityKind.ACTIVITY,
        "02.10.09",
        "rpjmn-2025-2029:02.10",
        "RPJMN 2025–2029",
    )
    assert priorities["rpjmn-2025-2029:02.10.03"].name == "KP 02.10.03"  # code only in the source: labelled
    assert [i.id for i in priorities["rpjmn-2025-2029:02.11.03"].indicators] == ["01.01", "01.02"]
    bundle = add_priority_tree(Bundle(), tree)
    assert len(bundle.priorities) == len(tree.nodes) and bundle.national.priority_trees == (tree,)
    assert add_priority_tree(bundle, tree) == bundle  # adding it again changes nothing
    clash = Bundle(priorities=[Priority(id="rpjmn-2025-2029:04", kind=PriorityKind.NATIONAL, name="PN 4")])
    with pytest.raises(InvalidModel, match="a different priority"):
        add_priority_tree(clash, tree)
    assert loads(dumps(bundle), Bundle) == bundle


def test_tree_lookups() -> None:
    tree = rpjmn_2025_2029()
    assert [n.code for n in tree.ancestors("02.10.09")] == ["02.10.09", "02.10", "02"]
    assert [n.code for n in tree.children("02.11")] == ["02.11.01", "02.11.02", "02.11.03"]
    assert tree.node("2.10.9") is tree.node("02.10.09") and tree.node("nonsense") is None
    assert tree.code_of("rpjmn-2025-2029:06") == "06" and tree.code_of("rkp-2026:06") is None
    assert [n.code for n in tree.find_by_name("PENGEMBANGAN PANGAN AKUATIK  (Blue Food)")] == ["02.10.09"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("02.10.09", "02.10.09"),
        ("2.10.9", "02.10.09"),
        ("KP 02.10.09", "02.10.09"),
        ("PN 6", "06"),
        ("PP: 02.11", "02.11"),
        ("02.10.09.01", "02.10.09.01"),
    ],
)
def test_priority_codes(text: str, code: str) -> None:
    assert parse_priority_code(text) == code


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "empty"), ("02.10.09.01.02", "1 to 4 parts"), ("02.1x", "not a 1–2 digit number"), ("02.00", "zero")],
)
def test_bad_priority_codes(text: str, reason: str) -> None:
    with pytest.raises(PriorityCodeError, match=reason):
        parse_priority_code(text)


def test_nodes_and_trees_are_validated() -> None:
    with pytest.raises(InvalidModel, match="only a KP can be a KPU"):
        NationalPriority(code="02.10", kpu=True)
    with pytest.raises(InvalidModel, match="expected a code like"):
        NationalPriority(code="2.10")
    with pytest.raises(InvalidModel, match="has no parent 02.10"):
        PriorityTree(
            id="t",
            document="RKP 2026",
            period=PlanPeriod(start=2026, end=2026),
            nodes=[NationalPriority(code="02"), NationalPriority(code="02.10.09")],
        )
    with pytest.raises(InvalidModel, match="a tree id has no"):
        PriorityTree(id="rkp:2026", document="RKP 2026", period=PlanPeriod(start=2026, end=2026))


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


RKP_META = {"id": "rkp-2026", "document": "RKP 2026", "period": [2026, 2026], "complete_levels": ["pn", "pp"]}


def test_a_curated_rkp_tree_reads_with_its_provenance(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "rkp-2026",
        {
            "tree.json": json.dumps(RKP_META),
            "prioritas.csv": "kode;nama;kpu;sumber_dana;pelaksana\n"
            '06;Membangun dari Desa;;;\n06.01;PP contoh;;;\n06.01.02;KP contoh;ya;"DAK; APBD";Pemerintah Daerah\n',
            "indikator.csv": "kode_prioritas;kode_sasaran;kode_indikator;indikator;satuan;arah;target_2026\n"
            "06.01.02;01;01;Desa mandiri;Desa;naik;120\n",
            "sasaran.csv": "kode_prioritas;kode_sasaran;sasaran\n06.01.02;01;Meningkatnya desa mandiri\n",
        },
    )
    loaded = read_priority_tree(folder)
    assert loaded.complete and loaded.rows == 3
    tree = loaded.raise_for_errors()
    assert tree is not None and tree.is_complete(PriorityKind.PROGRAM)
    kp = tree.node("06.01.02")
    assert kp is not None and kp.kpu and kp.funding == (FundingCategory.DAK, FundingCategory.APBD)
    assert kp.objectives[0].indicators[0].id == "01.01"
    assert kp.provenance is not None and (kp.provenance.source, kp.provenance.row) == (f"{folder}/prioritas.csv", 4)


def test_every_problem_of_a_curated_tree_is_reported_with_its_place(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "bad",
        {
            "tree.json": json.dumps({**RKP_META, "complete_levels": ["kp", "sub"]}),
            "prioritas.csv": "kode,nama,kpu,sumber_dana,warna\n06,PN,,,\n06.01.02,KP,mungkin,Hibah,\n06.0x,X,,,\n",
            "indikator.csv": "kode_prioritas,indikator,arah,target_2026\n06,Desa mandiri,ke atas,12\n07,X,naik,1\n",
        },
    )
    loaded = read_priority_tree(folder)
    assert loaded.value is None and not loaded.complete
    places = {(e.location.source.rsplit("/", 1)[-1], e.location.row, e.location.column) for e in loaded.errors}
    assert ("prioritas.csv", 1, "warna") in places  # unknown column
    assert ("prioritas.csv", 3, "kpu") in places
    assert ("prioritas.csv", 3, "sumber_dana") in places
    assert ("prioritas.csv", 4, "kode") in places
    assert ("indikator.csv", 2, "arah") in places
    assert any(e.location.json_path == "$.complete_levels" for e in loaded.errors)
    assert any("indikator of 07" in e.message for e in loaded.errors)


def test_a_missing_parent_row_is_reported_and_the_orphans_left_out(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "orphan",
        {"tree.json": json.dumps(RKP_META), "prioritas.csv": "kode,nama\n06,PN\n06.01.02,KP\n06.01.02.01,ProP\n"},
    )
    loaded = read_priority_tree(folder)
    assert [e.message for e in loaded.errors] == ["KP 06.01.02 has no parent row 06.01"]
    assert loaded.value is not None and [n.code for n in loaded.value.nodes] == ["06"]


def test_duplicate_codes_invalid_nodes_and_an_invalid_tree_are_reported(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "dup",
        {
            "tree.json": json.dumps({**RKP_META, "id": "rkp:2026"}),  # a tree id has no ':'
            "prioritas.csv": "kode,nama,kpu\n06,PN,\n06,PN lagi,\n07,PN,ya\n",  # only a KP can be a KPU
        },
    )
    loaded = read_priority_tree(folder)
    assert loaded.value is None and loaded.rows == 3
    assert [(e.location.source.rsplit("/", 1)[-1], e.location.row, e.location.column) for e in loaded.errors] == [
        ("prioritas.csv", 3, "kode"),
        ("prioritas.csv", 4, None),
        ("tree.json", None, None),
    ]
    assert "duplicate code 06 (first in row 2)" in loaded.errors[0].message
    assert "only a KP can be a KPU" in loaded.errors[1].message and loaded.errors[1].actual == "07"


def test_thematic_vocabularies() -> None:
    vocabulary = thematic_tags()
    assert [t.code for t in vocabulary.terms] == ["kemiskinan_ekstrem", "stunting", "inflasi"]
    assert not vocabulary.complete
    assert vocabulary.find("Upaya Konvergensi Stunting").code == "stunting"  # type: ignore[union-attr]
    assert vocabulary.find("kemiskinan_ekstrim").code == "kemiskinan_ekstrem"  # type: ignore[union-attr]
    assert vocabulary.find("pemilu") is None
    bundle = add_vocabulary(Bundle(), vocabulary)
    assert {p.id for p in bundle.priorities} == {"tematik:kemiskinan_ekstrem", "tematik:stunting", "tematik:inflasi"}
    assert all(p.kind is PriorityKind.THEMATIC for p in bundle.priorities)
    with pytest.raises(InvalidModel, match="used by both"):
        TagVocabulary(id="v", name="v", terms=[TagTerm(code="a", name="Stunting"), TagTerm(code="b", name="stunting")])


def test_a_vocabulary_folder_with_problems(tmp_path: Path) -> None:
    folder = _write(tmp_path / "v", {"vocabulary.json": "{}", "istilah.csv": "kode,nama\nPemilu 2029,Pemilu\n"})
    loaded = read_vocabulary(folder)
    assert loaded.value is None
    assert {e.location.row for e in loaded.errors} >= {2}


def test_every_shipped_data_folder_is_cited_in_sources_md() -> None:
    data = Path(sinkron.kl.__file__).parent / "data"
    sources = (data / "SOURCES.md").read_text(encoding="utf-8")
    folders = sorted(p.name for p in data.iterdir() if p.is_dir() and not p.name.startswith("__"))
    assert folders == ["rpjmn-2025-2029", "tematik-anggaran", "templates"]
    assert all(f"`{name}/`" in sources for name in folders)
