"""Priorities: national (Asta Cita, PN, PP, KP, ProP) and regional or thematic."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from sinkron.models._base import non_empty, to_tuple, unique_ids
from sinkron.models.indicators import Indicator
from sinkron.models.plans import PlanPeriod
from sinkron.models.provenance import Provenance

__all__ = ["Priority", "PriorityKind"]


class PriorityKind(str, enum.Enum):
    """Level or kind of a priority."""

    ASTA_CITA = "asta_cita"
    """One of the 8 Asta Cita missions of the President (RPJMN 2025–2029)."""
    NATIONAL = "pn"
    """Prioritas Nasional (PN). In RPJMN 2025–2029 PN k is Asta Cita k."""
    PROGRAM = "pp"
    """Program Prioritas (PP)."""
    ACTIVITY = "kp"
    """Kegiatan Prioritas (KP), code ``PN.PP.KP``."""
    PROJECT = "prop"
    """Proyek Prioritas (ProP)."""
    REGIONAL = "daerah"
    """Prioritas daerah: a priority of the province or kabupaten/kota (from RPJMD misi)."""
    THEMATIC = "tematik"
    """Thematic tag: kemiskinan ekstrem, stunting, inflasi, SPM …"""

    @property
    def is_national(self) -> bool:
        return self in (
            PriorityKind.ASTA_CITA,
            PriorityKind.NATIONAL,
            PriorityKind.PROGRAM,
            PriorityKind.ACTIVITY,
            PriorityKind.PROJECT,
        )


@attrs.frozen(kw_only=True)
class Priority:
    """A priority that plan items are tagged to or support.

    >>> Priority(id="PN06", kind=PriorityKind.NATIONAL, code="06",
    ...          name="Membangun dari desa dan dari bawah ... pemberantasan kemiskinan").kind.is_national
    True
    """

    id: str = attrs.field(validator=non_empty)
    kind: PriorityKind
    name: str = attrs.field(validator=non_empty)
    code: str | None = None
    parent_id: str | None = None
    document: str | None = None
    """The document that sets it: ``"RPJMN 2025–2029"``, ``"RKP 2026"``, ``"RPJMD Kalteng 2025–2029"``."""
    period: PlanPeriod | None = None
    government_id: str | None = None
    """For regional priorities: the government that set it."""
    indicators: tuple[Indicator, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=unique_ids("indicator")
    )
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)
