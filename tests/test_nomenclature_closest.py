"""``Nomenclature.closest`` (many names matched at once, for SKN101's suggestions) gives what ``search`` gives one by one.

The sample: official names of each level as plans misspell them (upper case, a typo, abbreviations, doubled
spaces), some with the code SIPD writes in front, and names of nothing in the list.
"""

from __future__ import annotations

import random

import pytest

from sinkron.codes import CodeLevel
from sinkron.nomenclature import default_nomenclature

MIN_SCORE = 0.9


def _typo(name: str) -> str:
    words = name.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    words[longest] = word[:1] + word[2:3] + word[1:2] + word[3:]
    return " ".join(words)


def _sample(level: CodeLevel, size: int) -> list[str]:
    entries = [e for e in default_nomenclature().entries(2026).values() if e.level is level]
    chosen = random.Random(23).sample(entries, size)
    spellings = (
        str.upper,
        _typo,
        lambda n: n.replace(" dan ", " & ").replace("Kabupaten/Kota", "Kab/Kota"),
        lambda n: "  ".join(n.split()),
        lambda n: n[: len(n) * 2 // 3],
        lambda n: f"{n} Tahap II",
    )
    names = [spellings[i % len(spellings)](e.name) for i, e in enumerate(chosen)]
    names += [f"{e.code} {e.name}" for e in chosen[:3]]  # with the code in front: the code itself is not searched
    names += ["Pesta Kembang Api Akhir Tahun", "Rapat", "", "Pengadaan Drone Pemantau Banjir Kota"]
    return names


@pytest.mark.parametrize(("level", "size"), [(CodeLevel.SUB_ACTIVITY, 90), (CodeLevel.ACTIVITY, 40)])
def test_closest_in_batch_is_the_first_search_hit_one_by_one(level: CodeLevel, size: int) -> None:
    nomenclature = default_nomenclature()
    names = _sample(level, size)
    batch = nomenclature.closest(names, year=2026, level=level, min_score=MIN_SCORE)
    one_by_one = {}
    for name in names:
        hits = nomenclature.search(name, year=2026, level=level, limit=1)
        if hits and hits[0].score >= MIN_SCORE:
            one_by_one[name] = hits[0]
    assert set(batch) == set(one_by_one)
    for name, hit in batch.items():
        expected = one_by_one[name]
        assert hit.score == expected.score, name
        # equal scores may rank two entries either way; then both must be of the level and equally good
        assert hit.entry.code == expected.entry.code or hit.score < 1.0, name
        assert hit.entry.level is level
    assert 0.5 * size <= len(batch) < len(names)  # most misspellings are found, the names of nothing are not


def test_closest_matches_each_distinct_name_once_and_keeps_the_level() -> None:
    nomenclature = default_nomenclature()
    name = "PENGELOLAAN PELAYANAN KESEHATAN IBU HAMIL"
    found = nomenclature.closest([name, name], year=2026, level=CodeLevel.SUB_ACTIVITY)
    assert list(found) == [name] and found[name].score == 1.0
    assert nomenclature.closest([name], year=2026, level=CodeLevel.PROGRAM, min_score=0.99) == {}
