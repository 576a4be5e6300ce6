"""Scoring a candidate target for an item: text similarity, bidang ↔ PN, precedent and unit.

Four parts, each in [0, 1]:

* ``text`` — the square root of the cosine similarity of the item's texts and the target's
  (:mod:`sinkron.suggest.index`): an item has many words (name, kinerja, indikator, parents) and a
  priority few, so cosines of good matches are small (0.05–0.3); the root spreads them over the
  scale the other parts use, without changing the order of the text matches;
* ``bidang`` — the weight of the bidang ↔ PN table row (:mod:`sinkron.suggest.bidang`) when the
  target is that PN, one of its PP/KP (× :data:`CHILD_DECAY` per level below the PN) or one of
  their indicators;
* ``precedent`` — another item of the same code (1) or kegiatan (0.5) already links to the target
  (:mod:`sinkron.suggest.precedent`);
* ``unit`` — 1 when the target is an indicator whose satuan matches one of the item's.

They are combined like independent pieces of evidence (a "noisy or"):
``score = 1 − Π (1 − weightᵢ × partᵢ)`` with the :class:`Weights`, so one strong piece gives a
fair score and several agreeing pieces a high one, always within [0, 1].
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import attrs

from sinkron.align.findings import Message
from sinkron.align.index import BundleIndex, ItemRecord
from sinkron.kl.units import compatible
from sinkron.models import Priority
from sinkron.nomenclature import Nomenclature
from sinkron.suggest.bidang import BidangMap, BidangRule
from sinkron.suggest.index import Background, Hit, TextIndex
from sinkron.suggest.lexicon import Lexicon
from sinkron.suggest.precedent import Precedent, Precedents
from sinkron.suggest.sources import SourceItem
from sinkron.suggest.suggestion import Suggestion
from sinkron.suggest.targets import Target, eligible
from sinkron.suggest.text import Analyzer

__all__ = ["CHILD_DECAY", "Scorer", "Weights"]

#: A PP under a mapped PN gets this share of the PN's bidang weight; a KP this share squared.
CHILD_DECAY = 0.9
_MAX_TERMS = 8


@attrs.frozen(kw_only=True)
class Weights:
    """How much each part can contribute (see the module docs)."""

    text: float = 0.85
    bidang: float = 0.35
    precedent: float = 0.6
    unit: float = 0.1

    def combine(self, text: float, bidang: float, precedent: float, unit: float) -> float:
        miss = 1.0
        for weight, part in ((self.text, text), (self.bidang, bidang), (self.precedent, precedent), (self.unit, unit)):
            miss *= 1.0 - max(0.0, min(1.0, weight * part))
        return round(1.0 - miss, 4)


@functools.lru_cache(maxsize=4)
def _background(nomenclature: Nomenclature | None, lexicon: Lexicon, stem: bool) -> tuple[Analyzer, Background]:
    texts = []
    if nomenclature is not None:
        texts = [" ".join(t for t in (e.name, e.kinerja, e.indikator) if t) for e in nomenclature.entries().values()]
    analyzer = Analyzer(lexicon, stem=stem).with_known(texts)
    return analyzer, Background(analyzer, texts)


class Scorer:
    """Scores the candidate targets of items of one bundle."""

    def __init__(
        self,
        index: BundleIndex,
        targets: Sequence[Target],
        *,
        nomenclature: Nomenclature | None,
        lexicon: Lexicon,
        bidang_map: BidangMap,
        weights: Weights,
        stem: bool = False,
        precedent: bool = True,
        include_support: bool = False,
    ) -> None:
        self.index = index
        self.include_support = include_support
        self.targets = {t.ref: t for t in targets}
        self.order = {t.ref: i for i, t in enumerate(targets)}
        self.nomenclature = nomenclature
        self.bidang_map = bidang_map
        self.weights = weights
        analyzer, background = _background(nomenclature, lexicon, stem)
        self.text_index = TextIndex(analyzer, background)
        for target in targets:
            self.text_index.add(target.ref, target.fields)
        self.precedents = Precedents(index) if precedent else None

    def suggest(self, source: SourceItem, *, top_k: int, min_score: float) -> list[Suggestion]:
        """The ``top_k`` best targets for ``source`` scoring at least ``min_score``, best first."""
        record = source.record
        allowed = {ref for ref, target in self.targets.items() if self._eligible(target, record)}
        if not allowed:
            return []
        hits = self.text_index.scores(self.text_index.query(source.fields), allowed)
        rules = self.bidang_map.rules_for(record.code)
        precedents = self.precedents.for_item(record) if self.precedents is not None else {}
        scored: list[tuple[float, int, Suggestion]] = []
        for ref in allowed:
            target = self.targets[ref]
            hit = hits.get(ref)
            text = math.sqrt(hit.score) if hit is not None else 0.0
            bidang, rule = self._bidang(target, rules)
            precedent = precedents.get(ref)
            unit = 1.0 if target.unit and any(compatible(u, target.unit) for u in source.units) else 0.0
            parts = {
                "text": round(text, 4),
                "bidang": round(bidang, 4),
                "precedent": precedent.strength if precedent else 0.0,
                "unit": unit,
            }
            score = self.weights.combine(**parts)
            if score <= 0.0 or score < min_score:
                continue
            suggestion = Suggestion(
                source=record.ref,
                target=ref,
                kind=target.link_kind,
                target_kind=target.kind,
                score=score,
                matched_terms=_terms(hit),
                reason=_reason(hit, rule, precedent, unit, target),
                source_name=source.name,
                target_name=target.name,
                evidence=parts,
            )
            scored.append((score, self.order[ref], suggestion))
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [attrs.evolve(s, rank=rank) for rank, (_, _, s) in enumerate(scored[:top_k], start=1)]

    def _eligible(self, target: Target, record: ItemRecord) -> bool:
        """:func:`eligible`, and no priority for a program penunjang line (``X.XX.01``) unless ``include_support``."""
        if target.priority is not None and record.code.is_support and not self.include_support:
            return False
        return eligible(target, record, self.index)

    def _bidang(self, target: Target, rules: list[BidangRule]) -> tuple[float, BidangRule | None]:
        if not rules or target.priority is None:
            return 0.0, None
        chain = self.index.priority_ancestors(target.priority.id)
        for depth, priority in enumerate(chain):
            pn = _pn_code(priority)
            if pn is None:
                continue
            for rule in rules:  # ``depth``: levels between the target's priority and its PN
                if rule.pn == pn:
                    return rule.weight * CHILD_DECAY**depth, rule
            return 0.0, None
        return 0.0, None


def _pn_code(priority: Priority) -> str | None:
    """The PN number (two digits) of a national priority with a ``PN[.PP[.KP]]`` code, else None."""
    if not priority.kind.is_national or priority.parent_id or not priority.code:
        return None
    head = priority.code.split(".")[0].strip()
    return head.zfill(2) if head.isdigit() else None


def _terms(hit: Hit | None) -> tuple[str, ...]:
    if hit is None:
        return ()
    out: list[str] = []
    for term in hit.matched:
        label = f"tema:{term.key[1:]} ({term.surface})" if term.is_theme else term.surface
        if label not in out:
            out.append(label)
    return tuple(out[:_MAX_TERMS])


def _reason(
    hit: Hit | None, rule: BidangRule | None, precedent: Precedent | None, unit: float, target: Target
) -> Message:
    indonesian: list[str] = []
    english: list[str] = []
    words = [t.surface for t in hit.matched if not t.is_theme][:5] if hit else []
    themes = sorted({t.key[1:] for t in hit.matched if t.is_theme}) if hit else []
    if words:
        indonesian.append(f"kata yang sama: {', '.join(words)}")
        english.append(f"shared words: {', '.join(words)}")
    if themes:
        indonesian.append(f"tema yang sama: {', '.join(themes)}")
        english.append(f"shared themes: {', '.join(themes)}")
    if rule is not None:
        note = f" ({rule.note})" if rule.note else ""
        indonesian.append(f"kode {rule.code} biasanya mendukung PN {rule.pn}{note}")
        english.append(f"code {rule.code} usually serves PN {rule.pn}{note}")
    if precedent is not None:
        plans = ", ".join(precedent.plans)
        if precedent.same_code:
            indonesian.append(f"kode yang sama sudah ditautkan ke {target.ref} di {plans}")
            english.append(f"the same code is already linked to {target.ref} in {plans}")
        else:
            indonesian.append(f"sub kegiatan lain dari kegiatan yang sama sudah ditautkan ke {target.ref} di {plans}")
            english.append(f"another sub kegiatan of the same kegiatan is linked to {target.ref} in {plans}")
    if unit:
        indonesian.append(f"satuan sama ({target.unit})")
        english.append(f"same unit ({target.unit})")
    return Message(_sentence(indonesian), _sentence(english))


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else ""
