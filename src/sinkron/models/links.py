"""Links: typed, directed relations between records (cascading, tagging, support)."""

from __future__ import annotations

import enum

import attrs

from sinkron.errors import InvalidModel
from sinkron.models._base import non_empty
from sinkron.models.provenance import Provenance

__all__ = ["Link", "LinkKind", "ref"]

REF_SEPARATOR = "#"


def ref(*ids: str) -> str:
    """A reference to a record inside a plan: ``ref("rkpd-2026", "1.02.02.2.02.0001")``.

    Records are addressed as ``plan_id#item_id`` (and ``plan_id#item_id#indicator_id`` for an
    indicator); governments, agencies, priorities and meetings by their own id.
    """
    if not ids or not all(ids):
        raise ValueError("a reference needs non-empty ids")
    return REF_SEPARATOR.join(ids)


class LinkKind(str, enum.Enum):
    """Kind of link."""

    SUPPORTS = "supports"
    """A sub kegiatan / program supports an outcome target (indicator, sasaran, priority)."""
    CASCADES = "cascades"
    """Cascading: a Renstra tujuan/sasaran or program serves an RPJMD sasaran (pohon kinerja)."""
    TAGGED = "tagged"
    """An item carries a priority tag (PN/PP/KP, prioritas daerah, tematik)."""
    DERIVED_FROM = "derived_from"
    """A Renja item is taken from a Renstra item; an RKPD item from an RPJMD program."""


@attrs.frozen(kw_only=True)
class Link:
    """A typed, directed link from ``source`` to ``target`` (references, see :func:`ref`)."""

    kind: LinkKind
    source: str = attrs.field(validator=non_empty)
    target: str = attrs.field(validator=non_empty)
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.source == self.target:
            raise InvalidModel("Link", "target", f"a link cannot point at its own source {self.source!r}")
