"""Link suggestions: the demo's deliberately untagged items, the text analysis, the tables, the scorer."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import sinkron
from sinkron.codes import Code
from sinkron.demo import UNTAGGED, demo_bundle
from sinkron.errors import ValidationError
from sinkron.models import (
    Activity,
    Bundle,
    Government,
    GovernmentLevel,
    Indicator,
    Link,
    LinkKind,
    Objective,
    Origin,
    Plan,
    PlanKind,
    PlanPeriod,
    Priority,
    PriorityKind,
    Program,
    SubActivity,
    ref,
)
from sinkron.suggest import BidangMap, Lexicon, SuggestConfig, Suggestion, TargetKind, accept, suggest_links
from sinkron.suggest.index import TextIndex
from sinkron.suggest.scorer import Weights
from sinkron.suggest.stem import stem
from sinkron.suggest.text import Analyzer

ROOT = Path(__file__).resolve().parents[1]


def _priority_of(target: str) -> str:
    return target.split("#", 1)[0]


# -- the demo ------------------------------------------------------------------------------------
def test_demo_untagged_items_get_the_right_target_in_the_top_3() -> None:
    """Done-when of issue 11: the right priority (or one of its indicators) in the top 3 for most items."""
    found = suggest_links(demo_bundle(), top_k=3)
    by_source: dict[str, list[Suggestion]] = {}
    for s in found:
        by_source.setdefault(s.source, []).append(s)
    right = [u for u in UNTAGGED if u.priority in {_priority_of(s.target) for s in by_source.get(u.subject, [])}]
    assert all(u.subject in by_source for u in UNTAGGED), "every untagged item gets suggestions"
    assert len(right) >= len(UNTAGGED) - 1, [u.subject for u in UNTAGGED if u not in right]


def test_demo_text_and_bidang_alone_still_rank_most_right() -> None:
    """Without the precedent of other plans' links, names, themes and the bidang table do most of it."""
    found = suggest_links(demo_bundle(), top_k=3, precedent=False)
    right = [u for u in UNTAGGED if u.priority in {_priority_of(s.target) for s in found if s.source == u.subject}]
    assert len(right) > len(UNTAGGED) // 2


def test_demo_suggestions_are_only_for_items_without_links_and_never_applied() -> None:
    bundle = demo_bundle()
    before = bundle.links
    found = suggest_links(bundle)
    linked = {link.source for link in bundle.links if link.kind in (LinkKind.TAGGED, LinkKind.SUPPORTS)}
    assert found and not {s.source for s in found} & linked
    assert bundle.links == before
    # the RKPD of each government (and the DPA of a year without one) are looked at, not the Renja
    assert {s.source.split("#")[0] for s in found} <= {
        "rkpd-kalteng-2026",
        "rkpd-palangkaraya-2026",
        "rkpd-kotim-2026",
        "dpa-dinkes-kalteng-2025",
        "dpa-pupr-kalteng-2025",
        "dpa-dinsos-kalteng-2025",
    }


def test_penunjang_lines_get_no_priority_unless_asked() -> None:
    """Issue 20 fix 4: salary and office lines of the program penunjang (X.XX.01) were proposed for PN 07."""

    def penunjang(found: list[Suggestion]) -> set[str]:
        return {s.source for s in found if s.target_kind.value.startswith("priority") and _is_support(s.source)}

    assert penunjang(suggest_links(demo_bundle())) == set()
    asked = penunjang(suggest_links(demo_bundle(), include_support=True))
    assert any("1.02.01.2.02.0001" in source for source in asked)  # Penyediaan Gaji dan Tunjangan ASN


def _is_support(source: str) -> bool:
    return Code.parse(source.rsplit("/", 1)[1]).is_support


def test_suggestion_shape_scores_ranks_and_reasons() -> None:
    found = suggest_links(demo_bundle(), top_k=4)
    assert found
    for s in found:
        assert 0.0 <= s.score <= 1.0
        assert s.reason.id and s.reason.en and s.reason.id != s.reason.en
        assert (s.kind is LinkKind.TAGGED) == (s.target_kind is TargetKind.PRIORITY)
    for source in {s.source for s in found}:
        mine = [s for s in found if s.source == source]
        assert [s.rank for s in mine] == list(range(1, len(mine) + 1))
        assert [s.score for s in mine] == sorted((s.score for s in mine), reverse=True)
        assert len(mine) <= 4
    balita = next(
        s for s in found if s.source == "rkpd-kotim-2026#kotim.dinkes/1.02.02.2.02.0004" and s.target == "KP04.02.01"
    )
    assert "tema:stunting (balita)" in balita.matched_terms
    assert "stunting" in balita.reason.en


def test_targets_filter_and_eligibility() -> None:
    bundle = demo_bundle()
    only_indicators = suggest_links(bundle, targets=["priority-indicator"])
    assert only_indicators and all(s.target_kind is TargetKind.PRIORITY_INDICATOR for s in only_indicators)
    assert all(s.kind is LinkKind.SUPPORTS and "#" in s.target for s in only_indicators)
    everything = suggest_links(bundle, top_k=50, min_score=0.0)
    # Regional priorities only for their government and the kab/kota under it.
    for s in everything:
        if s.target == "PD6271.01":
            assert s.source.startswith("rkpd-palangkaraya-2026#")
        if s.target == "PD6202.01":
            assert s.source.startswith("rkpd-kotim-2026#")
    assert {"PD6271.01", "PD6202.01"} <= {s.target for s in everything}


def test_rpjmd_sasaran_of_the_same_government_only() -> None:
    def rpjmd(plan_id: str, government: str) -> Plan:
        objective = Objective(
            id="S1",
            text="Meningkatnya kemantapan jalan kabupaten",
            indicators=[Indicator(name="Persentase jalan kabupaten mantap", unit="%")],
        )
        return Plan(
            id=plan_id,
            kind=PlanKind.RPJMD,
            period=PlanPeriod(start=2025, end=2029),
            title=plan_id,
            owner_id=government,
            government_id=government,
            objectives=[objective],
        )

    bundle = _bundle()
    bundle = bundle.replace(plans=(*bundle.plans, rpjmd("rpjmd-x", "99.01"), rpjmd("rpjmd-z", "77.01")))
    found = suggest_links(bundle, targets=["objective", "objective-indicator"], top_k=5)
    road = [s.target for s in found if s.source.endswith("1.03.10.2.01.0034")]
    assert road[:2] in (
        ["rpjmd-x#S1", "rpjmd-x#S1#persentase-jalan-kabupaten-mantap"],
        ["rpjmd-x#S1#persentase-jalan-kabupaten-mantap", "rpjmd-x#S1"],
    )
    assert not any(t.startswith("rpjmd-z") for t in road)
    assert all(s.kind is LinkKind.SUPPORTS for s in found)


def test_accept_makes_suggested_links_and_they_count_for_the_rules() -> None:
    bundle = demo_bundle()
    found = [s for s in suggest_links(bundle, targets=[TargetKind.PRIORITY], top_k=1) if s.rank == 1]
    links = accept(found)
    assert len(links) == len(found)
    assert all(link.provenance is not None and link.provenance.origin is Origin.SUGGESTED for link in links)
    merged = bundle.merge(Bundle(links=links))
    assert suggest_links(merged, targets=[TargetKind.PRIORITY]) == []


def test_program_level_and_explicit_plans() -> None:
    bundle = demo_bundle()
    programs = suggest_links(bundle, level=sinkron.CodeLevel.PROGRAM, plans=("rpjmd-kalteng-2025-2029",))
    assert programs and all(s.source.startswith("rpjmd-kalteng-2025-2029#") for s in programs)
    with pytest.raises(KeyError):
        suggest_links(bundle, plans=("no-such-plan",))
    with pytest.raises(ValueError, match="top_k"):
        suggest_links(bundle, top_k=0)


# -- a small bundle built here -------------------------------------------------------------------
def _bundle(links: tuple[Link, ...] = ()) -> Bundle:
    def sub(code: str, name: str, indicator: str, unit: str) -> SubActivity:
        return SubActivity(
            code=Code.parse(code), name=name, agency_id="kab.x", indicators=[Indicator(name=indicator, unit=unit)]
        )

    road = sub("1.03.10.2.01.0034", "Pemeliharaan Berkala Jalan", "Panjang jalan dipelihara", "KM")
    school = sub("1.01.02.2.01.0014", "Pengadaan Mebel Sekolah", "Jumlah mebel", "Unit")
    programs = [
        Program(
            code=Code.parse("1.03.10"),
            name="PROGRAM PENYELENGGARAAN JALAN",
            agency_id="kab.x",
            activities=[
                Activity(code=Code.parse("1.03.10.2.01"), name="Jalan", agency_id="kab.x", sub_activities=[road])
            ],
        ),
        Program(
            code=Code.parse("1.01.02"),
            name="PROGRAM PENGELOLAAN PENDIDIKAN",
            agency_id="kab.x",
            activities=[
                Activity(code=Code.parse("1.01.02.2.01"), name="Sekolah", agency_id="kab.x", sub_activities=[school])
            ],
        ),
    ]
    plan = Plan(
        id="rkpd-x-2026",
        kind=PlanKind.RKPD,
        period=PlanPeriod(start=2026, end=2026),
        title="RKPD X",
        owner_id="99.01",
        government_id="99.01",
        programs=programs,
    )
    priorities = [
        Priority(id="PN03", kind=PriorityKind.NATIONAL, code="03", name="Infrastruktur dan lapangan kerja"),
        Priority(id="PN04", kind=PriorityKind.NATIONAL, code="04", name="Pembangunan SDM, pendidikan dan kesehatan"),
        Priority(
            id="PD99.01",
            kind=PriorityKind.REGIONAL,
            code="99.01",
            government_id="99.01",
            name="Konektivitas jalan antar kecamatan",
            indicators=[Indicator(name="Panjang jalan kabupaten mantap", unit="km")],
        ),
        Priority(id="PD88.01", kind=PriorityKind.REGIONAL, code="88.01", government_id="88", name="Jalan provinsi"),
    ]
    governments = [Government(level=GovernmentLevel.REGENCY, name="Kabupaten X", region_code="99.01")]
    return Bundle(governments=governments, plans=[plan], priorities=priorities, links=links)


def test_small_bundle_ranks_by_bidang_text_and_unit() -> None:
    found = suggest_links(_bundle(), top_k=3)
    road = [s for s in found if s.source.endswith("1.03.10.2.01.0034")]
    school = [s for s in found if s.source.endswith("1.01.02.2.01.0014")]
    assert {"PD99.01", "PN03"} <= {s.target for s in road[:3]}
    assert "PD88.01" not in {s.target for s in found}  # another government's priority
    assert school[0].target == "PN04"
    all_road = [s for s in suggest_links(_bundle(), top_k=10) if s.source.endswith("0034")]
    indicator = next(s for s in all_road if s.target == "PD99.01#panjang-jalan-kabupaten-mantap")
    assert indicator.evidence["unit"] == 1.0 and "satuan sama" in indicator.reason.id


def test_linked_item_and_items_under_a_linked_program_are_skipped() -> None:
    source = ref("rkpd-x-2026", "kab.x/1.03.10")
    found = suggest_links(_bundle((Link(kind=LinkKind.TAGGED, source=source, target="PN03"),)))
    assert {s.source.rsplit("/", 1)[1] for s in found} == {"1.01.02.2.01.0014"}


def test_precedent_from_the_same_code_elsewhere() -> None:
    bundle = _bundle()
    other = Plan(
        id="rkpd-y-2026",
        kind=PlanKind.RKPD,
        period=PlanPeriod(start=2026, end=2026),
        title="RKPD Y",
        owner_id="99.02",
        government_id="99.02",
        programs=bundle.plans[0].programs,
    )
    link = Link(kind=LinkKind.TAGGED, source=ref("rkpd-y-2026", "kab.x/1.01.02.2.01.0014"), target="PN03")
    with_precedent = bundle.replace(plans=(*bundle.plans, other), links=(link,))
    school = [s for s in suggest_links(with_precedent, top_k=5) if s.source == "rkpd-x-2026#kab.x/1.01.02.2.01.0014"]
    pn03 = next(s for s in school if s.target == "PN03")
    assert pn03.evidence["precedent"] == 1.0 and "rkpd-y-2026" in pn03.reason.id
    without = [
        s
        for s in suggest_links(with_precedent, top_k=5, precedent=False)
        if s.source == "rkpd-x-2026#kab.x/1.01.02.2.01.0014" and s.target == "PN03"
    ]
    assert not without or without[0].score < pn03.score


# -- text, tables, weights -----------------------------------------------------------------------
def test_analyzer_normalises_indonesian_planning_text() -> None:
    analyzer = Analyzer()
    keys = [t.key for t in analyzer.terms("PENYEDIAAN Bansos bagi Keluarga Miskin di Kab.")]
    assert keys[:4] == ["bantuan", "sosial", "keluarga", "miskin"]
    assert "penyediaan" not in keys and "kabupaten" not in keys and "@kemiskinan" in keys
    assert analyzer.words("Pendidikan Non Formal") == analyzer.words("Pendidikan Nonformal")
    assert analyzer.words("resiko bencana") == ["risiko", "bencana"]
    assert analyzer.words("Pengelolaan Sumberdaya Air") == ["pengelolaan", "sumber", "daya", "air"]
    assert analyzer.words("umumdan", known={"umum"}) == ["umum", "dan"]
    assert analyzer.words("badan", known={"ba"}) == ["badan"]
    assert [t.key for t in Analyzer(stem=True).terms("pelayanan layanan")] == ["layan"]


def test_stemmer_keeps_short_roots() -> None:
    assert stem("pemeliharaan") == stem("terpeliharanya") == "pelihara"
    assert stem("jalan") == "jalan" and stem("evaluasi") == "evaluasi"
    assert stem("penyelenggaraan") == stem("menyelenggarakan")


@pytest.mark.parametrize(
    ("words", "root"),
    [
        (("ditingkatkan", "peningkatan"), "tingkat"),  # di-…-kan; peN- before a vowel recodes n → t
        (("perbaikan",), "baik"),  # per-
        (("perlindungan",), "lindung"),
        (("pengelolaan",), "kelola"),  # peN- before e recodes ng → k
        (("menggambar",), "gambar"),  # meN- keeps the g
        (("mempertahankan",), "tahan"),  # meN- then a second prefix per-
        (("memberdayakan", "pemberdayaan"), "daya"),  # meN-/peN- then ber-
        (("menanam", "penanaman"), "tanam"),
        (("pendataan",), "data"),  # peN- before a consonant drops the nasal
        (("peserta", "petani"), None),  # pe- before another consonant is no prefix: the word stays
    ],
)
def test_stemmer_prefixes(words: tuple[str, ...], root: str | None) -> None:
    assert [stem(w) for w in words] == [root or w for w in words]


def test_index_corrects_misspelt_words_and_breaks_ties_by_name() -> None:
    index = TextIndex(Analyzer(), corpus=["kemiskinan ekstrem", "jalan desa", "air minum"])
    index.add("poverty", [("Penghapusan kemiskinan ekstrem", 1.0)])
    index.add("roads", [("Pembangunan jalan desa", 1.0)])
    hits = index.rank(index.query([("Pendataan kemiskian", 1.0)]))
    assert [h.id for h in hits] == ["poverty"]
    assert (hits[0].matched[0].key, hits[0].matched[0].surface) == ("kemiskinan", "kemiskian")
    index.add("a", [("Pengadaan Mebel", 1.0)])
    index.add("b", [("Penyediaan Mebel", 1.0)])
    assert [h.id for h in index.rank(index.query([("Pengadaan Mebel", 1.0)]))][:2] == ["a", "b"]


def test_weights_combine_within_the_unit_interval() -> None:
    weights = Weights()
    assert weights.combine(0, 0, 0, 0) == 0
    assert weights.combine(1, 1, 1, 1) <= 1
    assert weights.combine(0.5, 1, 0, 0) > max(weights.combine(0.5, 0, 0, 0), weights.combine(0, 1, 0, 0))


def test_bidang_table_lookup_override_and_errors(tmp_path: Path) -> None:
    table = BidangMap.default()
    assert [r.pn for r in table.rules_for("1.02.02.2.02.0004")] == ["04"]
    assert next(r.pn for r in table.rules_for(Code.parse("1.06.05"))) == "06"
    custom = tmp_path / "map.csv"
    custom.write_text("kode,pn,bobot,catatan\n1.02,06,0.8,kesehatan keluarga miskin\n", encoding="utf-8")
    extended = table.extended(BidangMap.from_csv(custom))
    assert [(r.pn, r.weight) for r in extended.rules_for("1.02.02.2.02.0004")] == [("06", 0.8)]
    bad = tmp_path / "bad.csv"
    bad.write_text("kode,pn,bobot\n1.2.3.4,04,1\n1.02,nine,1\n1.02,04,2\n1.02,04,1,a,b\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        BidangMap.from_csv(bad)
    located = [(e.location.row, e.location.column) for e in info.value.errors]
    assert located == [(2, "kode"), (3, "pn"), (4, "bobot"), (5, None)]
    config = SuggestConfig(bidang_map=BidangMap())  # an empty table: no bidang part at all
    assert all(s.evidence["bidang"] == 0 for s in suggest_links(_bundle(), config=config))


def test_lexicon_files_extend_or_replace_and_report_bad_rows(tmp_path: Path) -> None:
    themes = tmp_path / "themes.csv"
    themes.write_text("theme,term\nsungai,drainase\n", encoding="utf-8")
    extended = Lexicon.load(themes=themes)
    assert extended.themes[("drainase",)] >= {"sungai", "infrastruktur"}
    replaced = Lexicon.load(themes=themes, replace=True)
    assert replaced.themes == {("drainase",): frozenset({"sungai"})}
    bad = tmp_path / "abbr.csv"
    bad.write_text("abbreviation,expansion\nbpbd,\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        Lexicon.load(abbreviations=bad)
    assert info.value.errors[0].location.row == 2 and info.value.errors[0].location.column == "expansion"


def test_suggestion_rejects_a_score_outside_the_unit_interval() -> None:
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        Suggestion(source="a#b", target="PN01", kind=LinkKind.TAGGED, target_kind=TargetKind.PRIORITY, score=1.5)


def test_suggest_links_is_exported() -> None:
    assert sinkron.suggest_links is suggest_links and "suggest_links" in sinkron.__all__


# -- the evaluation script ---------------------------------------------------------------------
def test_evaluation_script_runs_on_a_small_sample(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("suggest_eval", ROOT / "benchmarks" / "suggest_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["suggest_eval"] = module
    spec.loader.exec_module(module)
    assert module.main(["--sample", "25", "--configs", "default"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("default"))
    figures = [float(x) for x in row.split()[1:]]
    assert len(figures) == 6 and all(0.0 <= f <= 1.0 for f in figures)
    assert figures[1] >= figures[0] and figures[5] > 0.5  # recall@5 ≥ precision@1; variants mostly found
