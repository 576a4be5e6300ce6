"""A light stemmer for Indonesian: strips common affixes so that *pelayanan* and *layanan* meet.

It removes particles (``-lah``, ``-kah``, ``-pun``), possessives (``-nya``, ``-ku``, ``-mu``), one
derivational suffix (``-kan``, ``-an``, ``-i``) and up to two prefixes (``di-``, ``ke-``, ``se-``,
``ter-``, ``ber-``, ``per-``, ``me(N)-``, ``pe(N)-``), recoding the nasal of ``meN-``/``peN-``
(``penyusunan`` → ``susun``, ``pemeliharaan`` → ``pelihara``). Without a dictionary of root words
it errs on the side of leaving words alone: a stem keeps at least four letters, ``-i`` goes only
with a prefix, and loan words ending in ``-si`` keep it.

Stemming is **off by default** in link suggestions: the evaluation (``benchmarks/suggest_eval.py``,
figures in ``docs/suggest.md``) decides whether it helps.

>>> [stem(w) for w in ("pelayanan", "layanan", "penyusunan", "pemeliharaan", "kesehatan", "jalan")]
['layan', 'layan', 'susun', 'pelihara', 'sehat', 'jalan']
"""

from __future__ import annotations

import functools

__all__ = ["stem"]

_MIN_STEM = 4
_VOWELS = frozenset("aeiou")
_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_NOUN_PREFIXES = ("pe", "ke", "per")
"""Prefixes of nominalisations (pe-an, ke-an, per-an): they take ``-an``, not ``-kan``."""


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of a lower-case word (the word itself when no rule applies safely)."""
    if len(word) <= _MIN_STEM or not word.isalpha():
        return word
    base = word
    for endings in (_PARTICLES, _POSSESSIVES):
        for ending in endings:
            if base.endswith(ending) and len(base) - len(ending) >= _MIN_STEM + 1:
                base = base[: -len(ending)]
                break
    first = _prefix(base, second=False)
    if first is None:
        return _suffix(base, None)
    kind, rest = first
    second = _prefix(rest, second=True)
    if second is not None and len(second[1]) >= _MIN_STEM + 2:
        rest = second[1]
    return _suffix(rest, kind)


def _suffix(word: str, prefix: str | None) -> str:
    nominal = prefix in _NOUN_PREFIXES
    if not nominal and prefix is not None and word.endswith("kan") and len(word) - 3 >= _MIN_STEM:
        return word[:-3]
    if word.endswith("an") and len(word) - 2 >= _MIN_STEM:
        return word[:-2]
    if prefix in ("me", "di") and word.endswith("i") and not word.endswith("si") and len(word) - 1 >= _MIN_STEM:
        return word[:-1]
    return word


def _prefix(word: str, *, second: bool) -> tuple[str, str] | None:
    """``(prefix kind, the rest)`` for a prefix that can be removed, else ``None``."""
    return _second_prefix(word) if second else _first_prefix(word)


def _second_prefix(word: str) -> tuple[str, str] | None:
    """``per-``, ``ber-`` or ``ter-`` before a consonant, behind a first prefix (*mem-per-baiki*)."""
    for prefix in ("per", "ber", "ter"):
        if word.startswith(prefix) and word[len(prefix) : len(prefix) + 1] not in _VOWELS:
            return prefix, word[len(prefix) :]
    return None


def _first_prefix(word: str) -> tuple[str, str] | None:
    """The outer prefix: ``ke-…-an``, ``di-``, ``ter-``/``ber-``, ``per-``, then ``me(N)-``/``pe(N)-``."""
    if word.startswith("ke") and word.endswith("an") and len(word) > 7:
        return "ke", word[2:]
    if word.startswith("di") and word.endswith(("kan", "i")) and len(word) > 7:
        return "di", word[2:]
    for prefix in ("ter", "ber"):
        if word.startswith(prefix) and len(word) > len(prefix) + 3:
            rest = word[len(prefix) :]
            return prefix, rest if rest[:1] not in _VOWELS else word[len(prefix) - 1 :]
    if word.startswith("per") and word[3:4] not in _VOWELS and len(word) > 6:
        return "per", word[3:]
    for head in ("me", "pe"):
        if word.startswith(head):
            root = _without_nasal(word[2:])
            return None if root is None else (head, root)
    return None


def _without_nasal(rest: str) -> str | None:
    """What follows ``me``/``pe`` with the nasal recoded (*nyusun* → *susun*, *mantau* → *pantau*), or ``None``."""
    if rest.startswith("ny") and rest[2:3] in _VOWELS:
        return "s" + rest[2:]
    if rest.startswith("ng"):
        after = rest[2:]
        return "k" + after if after[:1] == "e" else after
    if rest.startswith("m"):
        return "p" + rest[1:] if rest[1:2] in _VOWELS else rest[1:]
    if rest.startswith("n"):
        return "t" + rest[1:] if rest[1:2] in _VOWELS else rest[1:]
    if rest[:1] in ("l", "r", "w", "y"):
        return rest  # me-/pe- before a liquid: melatih, pelatihan → latih
    return None
