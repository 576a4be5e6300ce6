"""Reading planning text the way link suggestions compare it: words, terms and themes.

:class:`Analyzer` turns a name, kinerja or indikator into **terms**:

1. Unicode NFKC, case folded, split into words of letters and digits (numbers alone are dropped);
2. misspellings and words written together or apart fixed (``resiko`` → ``risiko``,
   ``sumberdaya`` → ``sumber daya``, a ``dan`` glued to the word before it in PDF copies of the
   nomenclature: ``umumdan`` → ``umum dan`` when ``umum`` is a known word), bound prefixes joined
   (``non formal`` → ``nonformal``), abbreviations expanded (``bansos`` → ``bantuan sosial``);
3. stop words dropped (``penyediaan``, ``pengelolaan``, ``kabupaten`` …), the rest optionally
   stemmed (:func:`sinkron.suggest.stem.stem`);
4. themes added: a word or phrase of the lexicon's theme list adds the term ``@theme``
   (``balita`` → ``@stunting``), so that texts about one theme meet without sharing a word.

>>> analyzer = Analyzer()
>>> [t.key for t in analyzer.terms("Penyediaan Bansos bagi Balita")]
['bantuan', 'sosial', 'balita', '@kemiskinan', '@perlindungan_sosial', '@stunting']
>>> analyzer.words("PROGRAM PEKERJAAN UMUMDAN PENATAAN RUANG", known={"umum"})
['program', 'pekerjaan', 'umum', 'dan', 'penataan', 'ruang']
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection
from typing import NamedTuple

from sinkron.suggest.lexicon import Lexicon, Phrase
from sinkron.suggest.stem import stem as stem_word

__all__ = ["THEME_PREFIX", "Analyzer", "Term"]

THEME_PREFIX = "@"
_WORD = re.compile(r"[0-9a-z]+")
_GLUED = "dan"
_MAX_PHRASE = 4


class Term(NamedTuple):
    """One term of a text: ``key`` is what is compared, ``surface`` the words it came from."""

    key: str
    surface: str

    @property
    def is_theme(self) -> bool:
        return self.key.startswith(THEME_PREFIX)


class Analyzer:
    """Words → terms, with a :class:`~sinkron.suggest.lexicon.Lexicon` (the shipped one by default).

    ``stem`` turns on light stemming; ``themes`` turns theme terms off when ``False``; ``known``
    are the words a glued ``dan`` may be split from (see :meth:`with_known`). The terms of a text
    are cached.
    """

    def __init__(
        self, lexicon: Lexicon | None = None, *, stem: bool = False, themes: bool = True, known: Collection[str] = ()
    ) -> None:
        self.lexicon = lexicon or Lexicon.default()
        self.stem = stem
        self.themes = themes
        self.known = frozenset(known)
        self._spelling_starts = _starts(self.lexicon.spelling)
        self._theme_starts = _starts({k: v for k, v in self.lexicon.themes.items() if len(k) <= _MAX_PHRASE})
        self._cached = functools.lru_cache(maxsize=1 << 16)(self._terms)

    def with_known(self, texts: Collection[str]) -> Analyzer:
        """A copy that knows the words of ``texts`` (a glued ``dan`` is split only after a known word)."""
        known = {w for text in texts for w in self.words(text)}
        return Analyzer(self.lexicon, stem=self.stem, themes=self.themes, known=known)

    def words(self, text: str, *, known: Collection[str] = ()) -> list[str]:
        """Normalised words (steps 1–2); ``known`` adds words a glued ``dan`` may be split from."""
        if not known:
            known = self.known
        raw = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
        split: list[str] = []
        for word in raw:
            head = word[: -len(_GLUED)]
            if word.endswith(_GLUED) and len(head) >= 3 and word not in known and head in known:
                split += [head, _GLUED]
            else:
                split.append(word)
        fixed = self._respell(split)
        joined: list[str] = []
        prefixes = self.lexicon.joined_prefixes
        for word in fixed:
            if joined and joined[-1] in prefixes and word.isalpha():
                joined[-1] += word
            else:
                joined.append(word)
        out: list[str] = []
        abbreviations = self.lexicon.abbreviations
        for word in joined:
            out.extend(abbreviations.get(word, (word,)))
        return out

    def _respell(self, words: list[str]) -> list[str]:
        starts = self._spelling_starts
        if not starts or not any(w in starts for w in words):
            return words
        spelling = self.lexicon.spelling
        out: list[str] = []
        i = 0
        while i < len(words):
            for size in starts.get(words[i], ()):
                fixed = spelling.get(tuple(words[i : i + size]))
                if fixed is not None:
                    out.extend(fixed)
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def terms(self, text: str) -> tuple[Term, ...]:
        """The terms of ``text`` (steps 1–4), content words first, then themes, without repeats."""
        return self._cached(text)

    def _terms(self, text: str) -> tuple[Term, ...]:
        words = self.words(text)
        stop = self.lexicon.stop_words
        out: list[Term] = []
        seen: set[str] = set()
        for word in words:
            if word in stop or word.isdigit() or len(word) < 2:
                continue
            key = stem_word(word) if self.stem else word
            if key not in seen:
                seen.add(key)
                out.append(Term(key, word))
        if self.themes:
            for theme, surface in self._themes(words):
                key = THEME_PREFIX + theme
                if key not in seen:
                    seen.add(key)
                    out.append(Term(key, surface))
        return tuple(out)

    def _themes(self, words: list[str]) -> list[tuple[str, str]]:
        themes = self.lexicon.themes
        starts = self._theme_starts
        found: list[tuple[str, str]] = []
        for i, word in enumerate(words):
            for size in starts.get(word, ()):
                phrase: Phrase = tuple(words[i : i + size])
                names = themes.get(phrase)
                if names:
                    found.extend((name, " ".join(phrase)) for name in sorted(names))
        return found


def _starts(phrases: Collection[Phrase]) -> dict[str, tuple[int, ...]]:
    """First word → the lengths of the phrases starting with it, longest first."""
    lengths: dict[str, set[int]] = {}
    for phrase in phrases:
        if phrase:
            lengths.setdefault(phrase[0], set()).add(len(phrase))
    return {word: tuple(sorted(sizes, reverse=True)) for word, sizes in lengths.items()}
