"""The candidate index: weighted term vectors of candidate texts, and ranking by similarity.

A document is a set of weighted fields (a name weighs more than the name of its parent). Its vector
gives each term ``field weight × idf`` (the highest over the fields it occurs in), where the idf
comes from a background corpus — by default every entry of the nomenclature (name, kinerja,
indikator) plus the candidates themselves — so that *balita* counts for much more than
*pelayanan*. Theme terms (``@stunting``) weigh :attr:`TextIndex.theme_weight` of a word (1: the evaluation
found no gain in weighing them less).

A query word the index has never seen is matched to the closest known word with rapidfuzz
(``fuzz.ratio`` ≥ :attr:`TextIndex.spelling_cutoff`, words of five letters or more), so a typo
in a plan (``kemiskian``) still meets ``kemiskinan``.

Similarity is the cosine of the two vectors, in [0, 1] (the evaluation compared it with the share of
the document's weight matched, and a mix of both: cosine ranked best). Equal similarities are
ordered by the rapidfuzz ratio of the first texts (the names), then by id.

>>> from sinkron.suggest.text import Analyzer
>>> index = TextIndex(Analyzer(), corpus=["Pelayanan kesehatan balita", "Pelayanan air minum", "Pelayanan jalan"])
>>> index.add("gizi", [("Perbaikan gizi balita", 1.0)])
>>> index.add("jalan", [("Pembangunan jalan dan jembatan", 1.0)])
>>> [(hit.id, [t.key for t in hit.matched]) for hit in index.rank(index.query([("Pelayanan balita", 1.0)]))]
[('gizi', ['@stunting', 'balita'])]
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

import attrs
from rapidfuzz import fuzz, process

from sinkron.suggest.text import Analyzer, Term

__all__ = ["Background", "Fields", "Hit", "TextIndex", "Vector"]

Fields = Sequence[tuple[str, float]]
"""A document's texts with their weights: ``[("name", 1.0), ("parent name", 0.4)]``."""

_MIN_FUZZY_LENGTH = 5
_TIE = 1e-9


@attrs.frozen
class Vector:
    """A weighted term vector; ``surface`` keeps the words each term came from (for explanations)."""

    weights: dict[str, float]
    surface: dict[str, str]
    norm: float
    text: str = ""
    """The first text, lower case: breaks ties between equally similar documents."""

    @classmethod
    def of(cls, weights: dict[str, float], surface: dict[str, str], text: str = "") -> Vector:
        return cls(weights, surface, math.sqrt(sum(w * w for w in weights.values())), " ".join(text.casefold().split()))


@attrs.frozen
class Hit:
    """A ranked document: its id, the cosine similarity and the shared terms (largest share first)."""

    id: str
    score: float
    matched: tuple[Term, ...]


class Background:
    """Document frequencies of terms in a background corpus (computed once, shared by indexes)."""

    def __init__(self, analyzer: Analyzer, corpus: Iterable[str] = ()) -> None:
        self.analyzer = analyzer
        self.df: Counter[str] = Counter()
        self.documents = 0
        for text in corpus:
            self.df.update({t.key for t in analyzer.terms(text)})
            self.documents += 1


class TextIndex:
    """Documents as term vectors, ranked against a query by cosine similarity.

    ``corpus`` is the background corpus (texts, or a :class:`Background` already counted with the
    same analyzer).
    """

    theme_weight: float = 1.5
    spelling_cutoff: float = 88.0

    def __init__(self, analyzer: Analyzer, corpus: Iterable[str] | Background = ()) -> None:
        self.analyzer = analyzer
        background = corpus if isinstance(corpus, Background) else Background(analyzer, corpus)
        self._df: Counter[str] = Counter(background.df)
        self._documents = background.documents
        self._ids: list[str] = []
        self._vectors: list[Vector] = []
        self._postings: dict[str, list[tuple[int, float]]] = {}
        self._position: dict[str, int] = {}
        self._fields: list[Fields] = []
        self._built = True
        self._spelling: dict[str, str | None] = {}
        self._vocabulary: list[str] | None = None

    # -- building ---------------------------------------------------------------------------------
    def _count(self, text: str) -> None:
        self._documents += 1
        self._df.update({t.key for t in self.analyzer.terms(text)})

    def add(self, doc_id: str, fields: Fields) -> None:
        """Add a document (its texts also count for the idf)."""
        self._count(" ".join(text for text, _ in fields))
        self._ids.append(doc_id)
        self._fields.append(tuple(fields))
        self._built = False

    def idf(self, key: str) -> float:
        """``1 + ln((N + 1) / (df + 1))``: 1 for a term in every document, more for rare ones."""
        return 1.0 + math.log((self._documents + 1) / (self._df.get(key, 0) + 1))

    def _build(self) -> None:
        if self._built:
            return
        self._vectors = [self.vector(fields) for fields in self._fields]
        self._postings = {}
        self._position = {doc_id: position for position, doc_id in enumerate(self._ids)}
        for position, vector in enumerate(self._vectors):
            for key, weight in vector.weights.items():
                self._postings.setdefault(key, []).append((position, weight))
        self._vocabulary = None
        self._spelling.clear()
        self._built = True

    def vector(self, fields: Fields, *, correct: bool = False) -> Vector:
        """The term vector of ``fields``; with ``correct``, unknown words are matched to known ones."""
        weights: dict[str, float] = {}
        surface: dict[str, str] = {}
        for text, field_weight in fields:
            if not text or field_weight <= 0:
                continue
            for term in self.analyzer.terms(text):
                key = term.key
                if correct and not term.is_theme and key not in self._df:
                    key = self._correct(key) or key
                weight = field_weight * self.idf(key) * (self.theme_weight if term.is_theme else 1.0)
                if weight > weights.get(key, 0.0):
                    weights[key] = weight
                    surface.setdefault(key, term.surface)
        return Vector.of(weights, surface, next((text for text, _ in fields if text), ""))

    def query(self, fields: Fields) -> Vector:
        """The vector of a query (a source item's texts), with spelling correction."""
        self._build()
        return self.vector(fields, correct=True)

    def _correct(self, key: str) -> str | None:
        if len(key) < _MIN_FUZZY_LENGTH or not key.isalpha():
            return None
        if key in self._spelling:
            return self._spelling[key]
        if self._vocabulary is None:
            self._vocabulary = sorted(k for k in self._df if k.isalpha() and len(k) >= _MIN_FUZZY_LENGTH - 1)
        found = process.extractOne(key, self._vocabulary, scorer=fuzz.ratio, score_cutoff=self.spelling_cutoff)
        self._spelling[key] = found[0] if found else None
        return self._spelling[key]

    # -- ranking ----------------------------------------------------------------------------------
    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def document(self, doc_id: str) -> Vector:
        """The vector of a document."""
        self._build()
        return self._vectors[self._position[doc_id]]

    def _cosines(self, query: Vector, allowed: Collection[str] | None) -> dict[int, float]:
        self._build()
        dots: dict[int, float] = {}
        for key, q_weight in query.weights.items():
            for position, d_weight in self._postings.get(key, ()):
                dots[position] = dots.get(position, 0.0) + q_weight * d_weight
        out: dict[int, float] = {}
        for position, dot in dots.items():
            if allowed is not None and self._ids[position] not in allowed:
                continue
            norm = query.norm * self._vectors[position].norm
            out[position] = min(1.0, dot / norm) if norm else 0.0
        return out

    def _hit(self, query: Vector, position: int, score: float) -> Hit:
        weights = self._vectors[position].weights
        shares = sorted(
            ((q_weight * weights[key], key) for key, q_weight in query.weights.items() if key in weights),
            key=lambda s: (-s[0], s[1]),
        )
        matched = tuple(Term(key, query.surface.get(key, key.lstrip("@"))) for _, key in shares)
        return Hit(self._ids[position], score, matched)

    def scores(self, query: Vector, allowed: Collection[str] | None = None) -> dict[str, Hit]:
        """Every document sharing a term with ``query`` (restricted to ``allowed`` ids), by id."""
        return {self._ids[p]: self._hit(query, p, score) for p, score in self._cosines(query, allowed).items()}

    def rank(self, query: Vector, *, limit: int = 10, allowed: Collection[str] | None = None) -> list[Hit]:
        """The ``limit`` most similar documents, best first (ties by the names' fuzzy ratio, then id)."""
        ranked = sorted(self._cosines(query, allowed).items(), key=lambda item: (-item[1], self._ids[item[0]]))
        if len(ranked) > limit and ranked[limit - 1][1] - ranked[limit][1] <= _TIE:
            cut = ranked[limit - 1][1] - _TIE
            head = [item for item in ranked if item[1] >= cut]
        else:
            head = ranked[:limit]
        head.sort(
            key=lambda item: (
                -round(item[1] / _TIE),
                -fuzz.ratio(query.text, self._vectors[item[0]].text),
                self._ids[item[0]],
            )
        )
        return [self._hit(query, position, score) for position, score in head[:limit]]
