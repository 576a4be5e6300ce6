"""The message catalogue: the Indonesian and English wording of findings, kept apart from detection.

A rule reports *what* it found — a message key and the values that go into the text — and the
catalogue says *how* it reads in each language. The built-in rules' messages live in one module per rule
family next to this one (``skn1`` … ``skn7``), each a mapping ``MESSAGES`` from key to
:class:`~sinkron.align.findings.Message`::

    "skn3.pagu": Message(
        id="Pagu {year} {what} di {plan} ({ours:rp}) berbeda …",
        en="The {year} pagu of {what} in {plan} ({ours:rp}) differs …",
    ),

Keys are dotted, starting with the rule id in lower case (``skn301.absent``) or the family
(``skn3.pagu``, shared by several rules); a suggested fix conventionally adds ``.fix``. Both languages
must use the same placeholders (:meth:`Catalogue.problems` lists where they do not).

Placeholders are Python format fields, rendered per language. Besides the usual format specs:

Numbers are written the Indonesian way in both languages (decimal comma, thousands dot), as the plans
they come from write them:

* ``{amount:rp}`` — a rupiah amount: ``Rp 1.250.000``;
* ``{share:%}`` — a fraction as a percentage rounded to 0,1: ``12,5%``
  (:func:`sinkron.numbers.format_percent`, the one way sinkron writes a percentage);
* ``{number:num}`` — a number with grouping: ``1.234,5``; ``{number:num.1}`` rounds to one decimal place first;
* ``{change:+num}`` — a change with its sign: ``+1.234,5`` / ``-0,8``;
* ``{unit:change-unit}`` — the satuan of a difference: a difference of percentages is in ``poin persen``
  (``percentage points``), any other satuan reads as it is;
* ``{value:value}`` — a :class:`~sinkron.models.Value` with its satuan (``51.500 Orang``, ``24,2%``);
* ``{name:lower}``, ``{name:cap}`` — a text in lower case, or with its first letter in upper case (official
  terms such as ``Sub kegiatan`` are passed as values and read the same in both languages).

A value that is a :class:`~sinkron.align.findings.Message` (a fragment rendered with
:meth:`Catalogue.render`, a name known in both languages) is written in the language being rendered.
"""

from __future__ import annotations

import functools
import importlib
import string
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sinkron.models.findings import Message
from sinkron.numbers import format_id, format_percent

__all__ = ["LANGUAGES", "Catalogue", "builtin_catalogue", "format_value", "join_messages", "placeholders"]

LANGUAGES = ("id", "en")
"""The languages every message is written in: Indonesian and English."""

_FAMILY_MODULES = tuple(f"{__name__}.skn{family}" for family in range(1, 8))


class Catalogue(Mapping[str, Message]):
    """Message templates by key, each in Indonesian and English (a read-only mapping)."""

    def __init__(self, entries: Mapping[str, Message], *, name: str = "catalogue") -> None:
        self._entries = dict(entries)
        self.name = name
        """Where the catalogue comes from, for error messages (a file name, a plugin)."""

    def merged(self, other: Catalogue) -> Catalogue:
        """This catalogue and ``other`` together (a key in both is an error)."""
        twice = sorted(self._entries.keys() & other._entries.keys())
        if twice:
            raise ValueError(f"message keys defined in both {self.name} and {other.name}: {', '.join(twice)}")
        return Catalogue({**self._entries, **other._entries}, name=f"{self.name}+{other.name}")

    def __getitem__(self, key: str) -> Message:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def render(self, key: str, values: Mapping[str, Any] | None = None) -> Message:
        """The message ``key`` with ``values`` filled in, in both languages."""
        try:
            template = self._entries[key]
        except KeyError:
            raise KeyError(f"no message {key!r} in the {self.name} message catalogue") from None
        values = values or {}
        try:
            return Message(
                template.id.format_map(_Values(values, "id")),
                template.en.format_map(_Values(values, "en")),
            )
        except KeyError as missing:
            raise KeyError(f"message {key!r} needs a value for {missing}") from None

    def problems(self) -> list[str]:
        """What is wrong with the catalogue: an empty text, or a placeholder used in one language only."""
        found: list[str] = []
        for key, message in self._entries.items():
            for language in LANGUAGES:
                if not getattr(message, language).strip():
                    found.append(f"{key}: the {language} text is empty")
            only_id = placeholders(message.id) - placeholders(message.en)
            only_en = placeholders(message.en) - placeholders(message.id)
            if only_id:
                found.append(f"{key}: placeholders only in id: {', '.join(sorted(only_id))}")
            if only_en:
                found.append(f"{key}: placeholders only in en: {', '.join(sorted(only_en))}")
        return found


def join_messages(parts: Iterable[Message], separator: str) -> Message:
    """Rendered fragments joined into one message, language by language (``separator`` reads the same in both)."""
    texts = list(parts)
    return Message(separator.join(m.id for m in texts), separator.join(m.en for m in texts))


def placeholders(template: str) -> set[str]:
    """The placeholder names of a template (``"{a} {b:rp}"`` → ``{"a", "b"}``)."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@functools.cache
def builtin_catalogue() -> Catalogue:
    """The messages of sinkron's own rules (families 1–7), loaded once."""
    parts = (Catalogue(importlib.import_module(name).MESSAGES, name=name) for name in _FAMILY_MODULES)
    return functools.reduce(Catalogue.merged, parts, Catalogue({}, name="sinkron"))


# -- rendering one language --------------------------------------------------------------------------------
class _Values(dict[str, Any]):
    """The values of one message seen in one language (what ``str.format_map`` reads)."""

    def __init__(self, values: Mapping[str, Any], language: str) -> None:
        super().__init__(values)
        self.language = language

    def __getitem__(self, name: str) -> _Localised:
        return _Localised(super().__getitem__(name), self.language)


class _Localised:
    """One value, formatted in one language."""

    __slots__ = ("language", "value")

    def __init__(self, value: Any, language: str) -> None:
        self.value = value
        self.language = language

    def __format__(self, spec: str) -> str:
        return format_value(self.value, spec, self.language)


_POINTS = {"id": "poin persen", "en": "percentage points"}
"""The satuan of a difference between two percentages."""


def format_value(value: Any, spec: str, language: str) -> str:
    """``value`` written in ``language`` with the catalogue's format ``spec`` (see the module docs).

    Numbers are written the Indonesian way in both languages (the plans they come from write them so).
    """
    if isinstance(value, Message):
        value = value.en if language == "en" else value.id
    if spec == "rp":
        return f"Rp {format_id(value)}"
    if spec == "%":
        return format_percent(value * 100)
    if spec == "+num":
        return ("+" if value > 0 else "") + format_id(value)
    if spec.startswith("num"):
        places = int(spec[4:]) if spec.startswith("num.") else None
        return format_id(value, places=places)
    if spec == "change-unit":
        return _POINTS[language] if str(value).strip() == "%" else str(value)
    if spec == "lower":
        return str(value).lower()
    if spec == "cap":
        text = str(value)
        return text[:1].upper() + text[1:]
    if spec == "value":
        return str(value.display())
    return format(value, spec)
