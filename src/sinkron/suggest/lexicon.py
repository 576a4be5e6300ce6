"""The word lists link suggestions read text with: stop words, abbreviations, misspellings and themes.

The shipped lists live in ``sinkron/suggest/data`` (plain text and CSV, documented in
``docs/suggest.md``). :meth:`Lexicon.default` loads them; :meth:`Lexicon.load` reads your own files
in the same formats, added to the shipped lists or replacing them.

* ``stopwords.txt`` — one word per line, ``#`` comments: words that say nothing about what an item is
  about (``penyediaan``, ``pengelolaan``, ``program``, ``kabupaten`` …).
* ``abbreviations.csv`` — ``abbreviation,expansion`` (``bansos`` → ``bantuan sosial``), on top of the
  nomenclature's own (``perda``, ``skpd`` …).
* ``spelling.csv`` — ``variant,standard``: misspellings and words written together or apart
  (``resiko`` → ``risiko``, ``sumberdaya`` → ``sumber daya``); either side may be several words.
* ``themes.csv`` — ``theme,term``: words and phrases that point at a development theme
  (``balita``, ``gizi`` → *stunting*; ``jalan``, ``jembatan`` → *konektivitas*). An item and a
  priority that share a theme are similar even without a word in common.

>>> lexicon = Lexicon.default()
>>> "penyediaan" in lexicon.stop_words, lexicon.abbreviations["bansos"]
(True, ('bantuan', 'sosial'))
>>> sorted(lexicon.themes[("balita",)])
['stunting']
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path

import attrs

from sinkron.errors import Location, SourceError, ValidationError
from sinkron.names import ABBREVIATIONS

__all__ = ["Lexicon", "Phrase"]

Phrase = tuple[str, ...]
"""A word or a run of words, lower case."""

_DATA = "data"


def _phrase(text: str) -> Phrase:
    return tuple(text.casefold().split())


@attrs.frozen(kw_only=True, eq=False)
class Lexicon:
    """Stop words, abbreviations, spelling fixes and themes (all lower case); compared by identity."""

    stop_words: frozenset[str] = frozenset()
    abbreviations: Mapping[str, Phrase] = attrs.field(factory=dict)
    """One word → its expansion."""
    spelling: Mapping[Phrase, Phrase] = attrs.field(factory=dict)
    """A variant (one or more words) → the standard form."""
    themes: Mapping[Phrase, frozenset[str]] = attrs.field(factory=dict)
    """A word or phrase → the themes it points at."""
    joined_prefixes: frozenset[str] = frozenset({"non", "pasca", "antar", "multi", "inter", "swa"})
    """Bound prefixes written apart as often as together (``non formal`` / ``nonformal``): joined to the next word."""

    @classmethod
    def default(cls) -> Lexicon:
        """The shipped lists (loaded once)."""
        return _default()

    @classmethod
    def load(
        cls,
        *,
        stop_words: str | Path | None = None,
        abbreviations: str | Path | None = None,
        spelling: str | Path | None = None,
        themes: str | Path | None = None,
        replace: bool = False,
    ) -> Lexicon:
        """The shipped lists plus the given files (or only the given files with ``replace=True``).

        Every problem of every file is reported together, located by file, row and column, as one
        :class:`~sinkron.errors.ValidationError`.
        """
        errors: list[SourceError] = []

        def rows(path: str | Path | None, name: str, columns: tuple[str, str]) -> list[tuple[str, str]]:
            out: list[tuple[str, str]] = []
            if not replace or path is None:
                out += _read_pairs(_shipped(name), name, columns, errors)
            if path is not None:
                out += _read_pairs(Path(path).read_text(encoding="utf-8-sig"), str(path), columns, errors)
            return out

        words: set[str] = set()
        if not replace or stop_words is None:
            words |= set(_read_words(_shipped("stopwords.txt")))
        if stop_words is not None:
            words |= set(_read_words(Path(stop_words).read_text(encoding="utf-8-sig")))
        abbreviation_map: dict[str, Phrase] = {} if replace else {k: _phrase(v) for k, v in ABBREVIATIONS.items()}
        for short, long in rows(abbreviations, "abbreviations.csv", ("abbreviation", "expansion")):
            abbreviation_map[short.casefold().rstrip(".")] = _phrase(long)
        spelling_map = {
            _phrase(a): _phrase(b) for a, b in rows(spelling, "spelling.csv", ("variant", "standard")) if _phrase(a)
        }
        theme_map: dict[Phrase, set[str]] = {}
        for theme, term in rows(themes, "themes.csv", ("theme", "term")):
            theme_map.setdefault(_phrase(term), set()).add(theme.strip().casefold())
        if errors:
            raise ValidationError(errors)
        return cls(
            stop_words=frozenset(words),
            abbreviations=abbreviation_map,
            spelling=spelling_map,
            themes={k: frozenset(v) for k, v in theme_map.items()},
        )

    @property
    def theme_names(self) -> frozenset[str]:
        """Every theme named in :attr:`themes`."""
        return frozenset(name for names in self.themes.values() for name in names)


@functools.lru_cache(maxsize=1)
def _default() -> Lexicon:
    return Lexicon.load()


def _shipped(name: str) -> str:
    return resources.files("sinkron.suggest").joinpath(_DATA).joinpath(name).read_text(encoding="utf-8")


def _read_words(text: str) -> Iterator[str]:
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip().casefold()
        if word:
            yield word


def _read_pairs(text: str, source: str, columns: tuple[str, str], errors: list[SourceError]) -> list[tuple[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in columns if c not in (reader.fieldnames or ())]
    if missing:
        errors.append(
            SourceError(
                f"missing column(s) {', '.join(missing)}",
                location=Location(source=source, row=1),
                expected=", ".join(columns),
                actual=", ".join(reader.fieldnames or ()),
            )
        )
        return []
    out: list[tuple[str, str]] = []
    for row_number, row in enumerate(reader, start=2):
        if row.get(None):
            errors.append(
                SourceError(
                    "more cells than columns (quote text with commas)",
                    location=Location(source=source, row=row_number),
                    expected=", ".join(reader.fieldnames or ()),
                    actual=row[None],
                )
            )
            continue
        values = [(row.get(column) or "").strip() for column in columns]
        empty = [column for column, value in zip(columns, values) if not value]
        if empty:
            errors.extend(
                SourceError("empty cell", location=Location(source=source, row=row_number, column=column))
                for column in empty
            )
            continue
        out.append((values[0], values[1]))
    return out
