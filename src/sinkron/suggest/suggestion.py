"""A suggested link and its acceptance: suggestions become links only when a person accepts them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from sinkron.align.findings import Message
from sinkron.models import Link, LinkKind, Origin, Provenance
from sinkron.suggest.targets import TargetKind

__all__ = ["Suggestion", "accept"]


def _unit_interval(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be in [0, 1], got {value!r}")


@attrs.frozen(kw_only=True)
class Suggestion:
    """A proposed link from an item (``source``) to a priority, indicator or sasaran (``target``).

    ``score`` is in [0, 1]; ``rank`` is 1 for the best suggestion of its source. ``matched_terms``
    are the words the two texts share (a theme shows as ``tema:stunting (balita)``); ``reason``
    says why, in Indonesian and English; ``evidence`` holds the score's parts (``text``,
    ``bidang``, ``precedent``, ``unit``, each in [0, 1]).
    """

    source: str
    target: str
    kind: LinkKind
    """The link accepting it makes: ``tagged`` to a priority, ``supports`` to an indicator or sasaran."""
    target_kind: TargetKind
    score: float = attrs.field(validator=_unit_interval)
    rank: int = 1
    matched_terms: tuple[str, ...] = ()
    reason: Message = Message("", "")
    source_name: str = ""
    target_name: str = ""
    evidence: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def link(self, provenance: Provenance | None = None, note: str | None = None) -> Link:
        """The link this suggestion proposes, with provenance origin ``suggested``."""
        return Link(
            kind=self.kind,
            source=self.source,
            target=self.target,
            provenance=provenance or Provenance(origin=Origin.SUGGESTED),
            note=note,
        )


def accept(suggestions: Iterable[Suggestion]) -> list[Link]:
    """The links of the suggestions a person accepted (provenance origin ``suggested``), without repeats.

    >>> s = Suggestion(source="rkpd#dinkes/1.02.02.2.02.0004", target="KP04.02.01", kind=LinkKind.TAGGED,
    ...                target_kind=TargetKind.PRIORITY, score=0.8)
    >>> [(link.kind.value, link.target, link.provenance.origin.value) for link in accept([s, s])]
    [('tagged', 'KP04.02.01', 'suggested')]
    """
    return list(dict.fromkeys(s.link() for s in suggestions))
