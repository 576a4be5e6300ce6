"""``suggest_links``: propose links from untagged sub kegiatan (or programs) to priorities and sasaran."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from sinkron.align.index import BundleIndex
from sinkron.codes import CodeLevel
from sinkron.models import Bundle
from sinkron.nomenclature import Nomenclature, default_nomenclature
from sinkron.suggest.bidang import BidangMap
from sinkron.suggest.lexicon import Lexicon
from sinkron.suggest.scorer import Scorer, Weights
from sinkron.suggest.sources import select_items, source_item
from sinkron.suggest.suggestion import Suggestion
from sinkron.suggest.targets import TargetKind, collect_targets

__all__ = ["SuggestConfig", "suggest_links"]

_LEVELS = (CodeLevel.SUB_ACTIVITY, CodeLevel.ACTIVITY, CodeLevel.PROGRAM)


@attrs.frozen(kw_only=True)
class SuggestConfig:
    """Everything that tunes link suggestions (the defaults are what ``sinkron suggest`` uses).

    ``nomenclature``: where kinerja/indikator/satuan of a code come from (the shipped list when
    ``None``). ``lexicon`` and ``bidang_map``: the word lists and the bidang ↔ PN table (shipped
    ones when ``None``). ``stem``: light Indonesian stemming. ``precedent``: use links of other items
    of the same code. ``include_linked``: suggest for items that already carry a link too.
    ``include_support``: suggest priorities (and their indicators) for lines of the program penunjang
    urusan (``X.XX.01``: salaries, offices, planning) too; by default they get RPJMD sasaran only.
    """

    targets: frozenset[TargetKind] = frozenset(TargetKind)
    top_k: int = 5
    min_score: float = 0.1
    level: CodeLevel = CodeLevel.SUB_ACTIVITY
    plans: tuple[str, ...] | None = None
    include_linked: bool = False
    nomenclature: Nomenclature | None = None
    lexicon: Lexicon | None = None
    bidang_map: BidangMap | None = None
    weights: Weights = Weights()
    stem: bool = False
    precedent: bool = True
    include_support: bool = False


def suggest_links(
    bundle: Bundle,
    targets: Iterable[TargetKind | str] | None = None,
    top_k: int | None = None,
    *,
    config: SuggestConfig | None = None,
    **changes: object,
) -> list[Suggestion]:
    """Rank candidate targets for each item without a ``tagged``/``supports`` link.

    ``targets`` picks the kinds of target (:class:`TargetKind` or their values: ``"priority"``,
    ``"priority-indicator"``, ``"objective"``, ``"objective-indicator"``; all by default), ``top_k``
    how many per item; other :class:`SuggestConfig` fields can be given by name (``plans=``,
    ``level=``, ``min_score=`` …). Returns the suggestions item by item (in plan order), best first
    within an item. Nothing is applied: :func:`accept` turns the chosen ones into links.

    >>> from sinkron.demo import demo_bundle
    >>> found = suggest_links(demo_bundle(), targets=["priority"], top_k=3)
    >>> top = [s for s in found if s.source == "rkpd-kotim-2026#kotim.dinsos/1.06.05.2.02.0003"]
    >>> [(s.target, s.kind.value) for s in top]
    [('PD62.03', 'tagged'), ('PN06', 'tagged'), ('PP06.01', 'tagged')]
    """
    config = config or SuggestConfig()
    if targets is not None:
        changes["targets"] = frozenset(TargetKind(t) for t in targets)
    if top_k is not None:
        changes["top_k"] = top_k
    if changes:
        config = attrs.evolve(config, **changes)  # type: ignore[arg-type]
    if config.top_k < 1:
        raise ValueError(f"top_k must be at least 1, got {config.top_k}")
    if config.level not in _LEVELS:
        raise ValueError(f"suggestions are for sub kegiatan, kegiatan or programs, not {config.level.value}")
    nomenclature = config.nomenclature or default_nomenclature()
    index = BundleIndex(bundle, nomenclature)
    items = select_items(index, config.plans, config.level, include_linked=config.include_linked)
    if not items:
        return []
    candidates = collect_targets(index, config.targets)
    if not candidates:
        return []
    scorer = Scorer(
        index,
        candidates,
        nomenclature=nomenclature,
        lexicon=config.lexicon or Lexicon.default(),
        bidang_map=config.bidang_map or BidangMap.default(),
        weights=config.weights,
        stem=config.stem,
        precedent=config.precedent,
        include_support=config.include_support,
    )
    out: list[Suggestion] = []
    for record in items:
        out += scorer.suggest(source_item(record, nomenclature), top_k=config.top_k, min_score=config.min_score)
    return out
