"""Link suggestions: propose which sub kegiatan support which priority or outcome target.

Tagging sub kegiatan to national priorities (Asta Cita / PN / PP / KP) and outcome targets is slow
manual work at every Rakor. :func:`suggest_links` ranks, for every sub kegiatan (or program) without
a ``tagged``/``supports`` link, the priorities, priority indicators and RPJMD sasaran it may serve —
by the similarity of names, indicators and units (nomenclature kinerja/indikator included, read
with Indonesian-aware normalisation), the bidang urusan ↔ PN table, and how items of the same code
are linked elsewhere in the bundle. Each :class:`Suggestion` carries a score in [0, 1], the matched
terms and a reason in Indonesian and English. Nothing is applied: :func:`accept` turns the accepted
suggestions into links with provenance origin ``suggested``, and the review sheet
(:func:`write_review`, :func:`read_review`) lets a planner accept or reject them in a spreadsheet.

:func:`suggest_asta_cita` proposes the crosswalk of an RPJMD's misi to the Asta Cita for the region to
confirm (:func:`accept_asta_cita`). See ``docs/suggest.md``.
"""

from sinkron.suggest.bidang import BidangMap, BidangRule
from sinkron.suggest.engine import SuggestConfig, suggest_links
from sinkron.suggest.lexicon import Lexicon
from sinkron.suggest.missions import AstaCitaSuggestion, accept_asta_cita, suggest_asta_cita
from sinkron.suggest.review import ReviewResult, read_review, render_review_csv, write_review
from sinkron.suggest.scorer import Weights
from sinkron.suggest.suggestion import Suggestion, accept
from sinkron.suggest.targets import TargetKind

__all__ = [
    "AstaCitaSuggestion",
    "BidangMap",
    "BidangRule",
    "Lexicon",
    "ReviewResult",
    "SuggestConfig",
    "Suggestion",
    "TargetKind",
    "Weights",
    "accept",
    "accept_asta_cita",
    "read_review",
    "render_review_csv",
    "suggest_asta_cita",
    "suggest_links",
    "write_review",
]
