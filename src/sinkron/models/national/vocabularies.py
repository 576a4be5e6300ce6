"""Thematic tag vocabularies: stunting, kemiskinan ekstrem, inflasi, and any other tag set.

Besides the PN/PP/KP tree, budget lines and sub kegiatan carry thematic tags ("Tematik
Anggaran" in APBN monitoring, SIPD labels such as kemiskinan ekstrem, KRISNA's "Upaya Konvergensi
Stunting"). Tag sets are defined per document or year, so each vocabulary is versioned like a
priority tree; its terms become :class:`~sinkron.models.priorities.Priority` records of kind
``THEMATIC`` with ids ``"<vocabulary id>:<term code>"``. The 17 Program Prioritas Presiden and the
8 Program Hasil Terbaik Cepat are separate vocabularies a user supplies (their lists were not
found in a machine-readable source).
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from sinkron.errors import InvalidModel
from sinkron.models._base import non_empty, to_tuple
from sinkron.models.plans import PlanPeriod
from sinkron.models.priorities import Priority, PriorityKind
from sinkron.models.provenance import Provenance
from sinkron.names import comparison_key

__all__ = ["TagTerm", "TagVocabulary"]

_TERM_CODE = re.compile(r"[a-z0-9][a-z0-9_\-.]*\Z")


def _term_code(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _TERM_CODE.match(value):
        raise InvalidModel("TagTerm", "code", f"expected a lower-case code like 'stunting', got {value!r}")


@attrs.frozen(kw_only=True)
class TagTerm:
    """One tag of a vocabulary, with the other names sources use for it."""

    code: str = attrs.field(validator=_term_code)
    """``kemiskinan_ekstrem``."""
    name: str = attrs.field(validator=non_empty)
    """``"Kemiskinan Ekstrem"``."""
    aliases: tuple[str, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Other spellings met in sources (``"kemiskinan_ekstrim"``, ``"Upaya Konvergensi Stunting"``)."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)


def _unique_terms(instance: TagVocabulary, attribute: attrs.Attribute[Any], terms: tuple[TagTerm, ...]) -> None:
    codes: set[str] = set()
    keys: dict[str, str] = {}
    for term in terms:
        if term.code in codes:
            raise InvalidModel("TagVocabulary", "terms", f"duplicate term {term.code!r}")
        codes.add(term.code)
        for name in (term.name, term.code, *term.aliases):
            key = comparison_key(name)
            if keys.setdefault(key, term.code) != term.code:
                raise InvalidModel(
                    "TagVocabulary", "terms", f"the name {name!r} is used by both {keys[key]!r} and {term.code!r}"
                )


@attrs.frozen(kw_only=True)
class TagVocabulary:
    """A versioned set of thematic tags.

    >>> v = TagVocabulary(id="tematik", name="Tematik", terms=[TagTerm(code="stunting", name="Stunting",
    ...                   aliases=["Upaya Konvergensi Stunting"])])
    >>> v.find("upaya konvergensi  STUNTING").code, v.priority_id("stunting")
    ('stunting', 'tematik:stunting')
    """

    id: str = attrs.field(validator=non_empty)
    name: str = attrs.field(validator=non_empty)
    document: str | None = None
    """The document or system that defines it (``"APBN 2026 — Tematik Anggaran"``)."""
    period: PlanPeriod | None = None
    terms: tuple[TagTerm, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=_unique_terms)
    complete: bool = False
    """True when every term of the source is listed."""
    note: str | None = None
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if any(ch in self.id for ch in ":#/"):
            raise InvalidModel("TagVocabulary", "id", f"an id has no ':', '#' or '/', got {self.id!r}")

    def priority_id(self, code: str) -> str:
        """``"<vocabulary id>:<term code>"``."""
        return f"{self.id}:{code}"

    def term(self, code: str) -> TagTerm | None:
        """The term with ``code``, or ``None``."""
        return next((t for t in self.terms if t.code == code), None)

    def find(self, label: str) -> TagTerm | None:
        """The term whose code, name or alias equals ``label`` after normalising case and punctuation."""
        key = comparison_key(label)
        for term in self.terms:
            if any(comparison_key(name) == key for name in (term.code, term.name, *term.aliases)):
                return term
        return None

    def priorities(self) -> tuple[Priority, ...]:
        """The terms as THEMATIC :class:`Priority` records."""
        return tuple(
            Priority(
                id=self.priority_id(t.code),
                kind=PriorityKind.THEMATIC,
                name=t.name,
                code=t.code,
                document=self.document or self.name,
                period=self.period,
                provenance=t.provenance,
            )
            for t in self.terms
        )
