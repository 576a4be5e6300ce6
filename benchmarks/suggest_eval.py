"""Evaluate the text similarity behind link suggestions on labelled sets built from the nomenclature.

Run from the repository root::

    python benchmarks/suggest_eval.py            # every task, every configuration
    python benchmarks/suggest_eval.py --sample 200 --configs default

Tasks (the labels are relations the nomenclature already holds, hidden from the scorer):

* ``sub→program``: each sub kegiatan's name, kinerja and indikator against the names of every
  program (penunjang and generic ``X.XX`` rows left out); the right answer is its own program.
* ``sub→bidang``: the same texts against each bidang urusan, described by its name and the names of
  its programs; the right answer is its own bidang.
* ``variant→sub``: a sub kegiatan name rewritten the way plans write it (upper case, stray line
  breaks, abbreviations, words joined or split, one typo, the ``Kabupaten/Kota`` suffix dropped),
  against every sub kegiatan name; plus the tolerated variants from sinkron's tests, and the SIPD ↔
  FMIS pairs of ``/work/shared/reference/wp-sipd`` when that folder exists.

Figures: precision@1 (the right answer ranked first) and recall@5 (in the first five), per task and
configuration. ``docs/suggest.md`` records them with the machine and date. Not part of the test
suite; it runs in well under a minute.
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sinkron.codes import CodeLevel
from sinkron.nomenclature import Entry, default_nomenclature
from sinkron.suggest.index import Background, Fields, TextIndex
from sinkron.suggest.lexicon import Lexicon
from sinkron.suggest.text import Analyzer

SHARED_MAPPINGS = Path("/work/shared/reference/wp-sipd")

#: Tolerated variants used in sinkron's own tests (found, official name).
TEST_VARIANTS = (
    ("Pengadaan Mebeluer Sekolah", "Pengadaan Mebel Sekolah"),
    ("PENGELOLAAN PELAYANAN KESEHATAN IBU HAMIL", "Pengelolaan Pelayanan Kesehatan Ibu Hamil"),
    ("Pengelolaan  Pelayanan\n\nKesehatan Ibu Hamil", "Pengelolaan Pelayanan Kesehatan Ibu Hamil"),
    ("pengelolaan pelayanan kesehatan ibu hamil", "Pengelolaan Pelayanan Kesehatan Ibu Hamil"),
)

Config = Callable[[Lexicon], Analyzer]
CONFIGS: dict[str, Config] = {
    "words": lambda lex: Analyzer(Lexicon(), themes=False),
    "stopwords": lambda lex: Analyzer(Lexicon(stop_words=lex.stop_words), themes=False),
    "lexicon": lambda lex: Analyzer(lex, themes=False),
    "default": lambda lex: Analyzer(lex),
    "default+stem": lambda lex: Analyzer(lex, stem=True),
}
"""``words``: words only; ``stopwords``: + stop words; ``lexicon``: + abbreviations and spelling;
``default``: + themes (what suggestions use); ``default+stem``: + light stemming."""


def _entries(level: CodeLevel) -> list[Entry]:
    return [
        e
        for e in default_nomenclature().entries().values()
        if e.level is level and not e.code.is_generic and not e.code.is_support
    ]


def _sub_fields(entry: Entry) -> Fields:
    return [(entry.name, 1.0), (entry.kinerja or "", 0.6), (entry.indikator or "", 0.6)]


def _corpus() -> list[str]:
    return [
        " ".join(t for t in (e.name, e.kinerja, e.indikator) if t) for e in default_nomenclature().entries().values()
    ]


def evaluate(index: TextIndex, cases: Sequence[tuple[Fields, str]]) -> tuple[float, float]:
    """(precision@1, recall@5) of ranking the index's documents for each (query, right id)."""
    first = top5 = 0
    for fields, expected in cases:
        hits = [h.id for h in index.rank(index.query(fields), limit=5)]
        first += bool(hits) and hits[0] == expected
        top5 += expected in hits
    return first / len(cases), top5 / len(cases)


def _program_task(analyzer: Analyzer, corpus: Background, subs: list[Entry]) -> tuple[float, float]:
    index = TextIndex(analyzer, corpus)
    for program in _entries(CodeLevel.PROGRAM):
        index.add(str(program.code), [(program.name, 1.0)])
    cases = [(_sub_fields(e), str(e.code.ancestor(CodeLevel.PROGRAM))) for e in subs]
    return evaluate(index, cases)


def _bidang_task(analyzer: Analyzer, corpus: Background, subs: list[Entry]) -> tuple[float, float]:
    index = TextIndex(analyzer, corpus)
    programs = _entries(CodeLevel.PROGRAM)
    for sector in _entries(CodeLevel.SECTOR):
        names = [p.name for p in programs if p.code.sector == sector.code]
        index.add(str(sector.code), [(sector.name, 1.0), *((n, 0.6) for n in names)])
    cases = [(_sub_fields(e), str(e.code.sector)) for e in subs]
    return evaluate(index, cases)


_ABBREVIATE = (
    ("peraturan daerah", "Perda"),
    ("perangkat daerah", "OPD"),
    ("sumber daya manusia", "SDM"),
    ("usaha mikro, kecil, dan menengah", "UMKM"),
    ("bantuan sosial", "Bansos"),
)
_SPLIT_JOIN = (
    ("Nonformal", "Non Formal"),
    ("Non Formal", "Nonformal"),
    ("Pascabencana", "Pasca Bencana"),
    ("Sumber Daya", "Sumberdaya"),
    ("Risiko", "Resiko"),
    ("Praktik", "Praktek"),
)


def make_variant(name: str, rng: random.Random) -> str:
    """A plausible way a plan writes ``name`` (deterministic for a seeded ``rng``)."""
    text = name
    for long, short in _ABBREVIATE:
        text = re.sub(long, short, text, flags=re.I)
    for a, b in _SPLIT_JOIN:
        text = text.replace(a, b)
    text = re.sub(r"\s*Kabupaten/Kota$", "", text) if rng.random() < 0.5 else text
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 7 and w.isalpha()]
    if long_words:  # one typo: a doubled, dropped or swapped letter
        i = rng.choice(long_words)
        w = words[i]
        j = rng.randrange(1, len(w) - 2)
        words[i] = rng.choice((w[:j] + w[j] + w[j:], w[:j] + w[j + 1 :], w[:j] + w[j + 1] + w[j] + w[j + 2 :]))
    if len(words) > 3 and rng.random() < 0.5:
        k = rng.randrange(1, len(words) - 1)
        words[k] = "\n\n" + words[k]
    text = " ".join(words)
    return text.upper() if rng.random() < 0.3 else text


def _shared_pairs(names: dict[str, str]) -> list[tuple[str, str]]:
    """(found, expected document id) from the SIPD ↔ FMIS name pairs whose one side is an official name."""
    pairs: list[tuple[str, str]] = []
    if not SHARED_MAPPINGS.is_dir():
        return pairs
    lowered = {" ".join(n.split()).casefold(): value for n, value in names.items()}
    for path in sorted(SHARED_MAPPINGS.glob("mapping_sub_kegiatan*.txt")):
        for sipd, fmis in re.findall(r"\[(.*?)\]-\[(.*?)\]", path.read_text(encoding="utf-8"), re.S):
            for found, official in ((fmis, sipd), (sipd, fmis)):
                code = lowered.get(" ".join(official.split()).casefold())
                if code is not None and found != official:
                    pairs.append((found, code))
                    break
    return pairs


def _variant_task(
    analyzer: Analyzer, corpus: Background, subs: list[Entry], rng: random.Random
) -> tuple[tuple[float, float], int]:
    # One document per distinct name: the list repeats some names under several codes (Papua variants …),
    # and a variant can only be matched to the name.
    index = TextIndex(analyzer, corpus)
    names = sorted({e.name for e in _entries(CodeLevel.SUB_ACTIVITY)})
    for name in names:
        index.add(name, [(name, 1.0)])
    by_name = {name: name for name in names}
    cases: list[tuple[Fields, str]] = [([(make_variant(e.name, rng), 1.0)], e.name) for e in subs]
    cases += [([(found, 1.0)], official) for found, official in TEST_VARIANTS if official in by_name]
    cases += [([(found, 1.0)], name) for found, name in _shared_pairs(by_name)]
    return evaluate(index, cases), len(cases)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=0, help="Evaluate on this many sub kegiatan (0: all).")
    parser.add_argument("--configs", default=",".join(CONFIGS), help="Comma-separated configurations.")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    lexicon = Lexicon.default()
    texts = _corpus()
    subs = _entries(CodeLevel.SUB_ACTIVITY)
    if args.sample:
        subs = random.Random(args.seed).sample(subs, min(args.sample, len(subs)))
    print(
        f"sinkron link-suggestion evaluation — {len(subs)} sub kegiatan, Python {platform.python_version()}, "
        f"{platform.machine()} {platform.processor() or ''}".rstrip()
    )
    print(f"{'configuration':<14} {'sub→program':>17} {'sub→bidang':>17} {'variant→sub':>17}")
    print(f"{'':<14} {'P@1   R@5':>17} {'P@1   R@5':>17} {'P@1   R@5':>17}")
    for name in args.configs.split(","):
        analyzer = CONFIGS[name.strip()](lexicon).with_known(texts)
        background = Background(analyzer, texts)
        program = _program_task(analyzer, background, subs)
        bidang = _bidang_task(analyzer, background, subs)
        variant, n_variants = _variant_task(analyzer, background, subs, random.Random(args.seed))
        cells = " ".join(f"{p:>8.3f} {r:.3f}" for p, r in (program, bidang, variant))
        print(f"{name:<14} {cells}")
    print(f"({n_variants} variant cases; {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
