"""Performance indicators (indikator kinerja) with baseline, yearly targets and realisations."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from sinkron.models._base import non_empty, slug, to_tuple
from sinkron.models.provenance import Provenance
from sinkron.models.values import Baseline, Realisation, ReportingPeriod, Target, Value

__all__ = ["Direction", "Indicator", "IndicatorKind"]


class IndicatorKind(str, enum.Enum):
    """The level of result an indicator measures."""

    IMPACT = "dampak"
    """Dampak (impact), e.g. tingkat kemiskinan."""
    OUTCOME = "hasil"
    """Hasil / capaian (outcome) of a program or kegiatan."""
    OUTPUT = "keluaran"
    """Keluaran (output) of a sub kegiatan."""


class Direction(str, enum.Enum):
    """Whether a higher or a lower realisation is better (polaritas indikator)."""

    HIGHER_IS_BETTER = "naik"
    """Positive polarity: more is better (coverage, IPM)."""
    LOWER_IS_BETTER = "turun"
    """Negative polarity: less is better (poverty rate, stunting prevalence)."""


def _indicator_id(self: Indicator) -> str:
    return slug(self.name)


@attrs.frozen(kw_only=True)
class Indicator:
    """An indicator (indikator kinerja / tolok ukur) with satuan, baseline, targets and realisations.

    >>> ind = Indicator(name="Tingkat kemiskinan", unit="%", kind=IndicatorKind.IMPACT,
    ...                 direction=Direction.LOWER_IS_BETTER,
    ...                 targets=[Target(year=2026, value=Value.parse("7,0–8,0"))])
    >>> ind.id, str(ind.target_for(2026).low)
    ('tingkat-kemiskinan', '7.0')
    """

    name: str = attrs.field(validator=non_empty)
    id: str = attrs.field(default=attrs.Factory(_indicator_id, takes_self=True), validator=non_empty)
    """Unique within its owner; defaults to a slug of the name."""
    unit: str | None = None
    """Satuan (``%``, ``Orang``, ``Dokumen``)."""
    kind: IndicatorKind = IndicatorKind.OUTPUT
    direction: Direction = Direction.HIGHER_IS_BETTER
    baseline: Baseline | None = None
    targets: tuple[Target, ...] = attrs.field(factory=tuple, converter=to_tuple)
    realisations: tuple[Realisation, ...] = attrs.field(factory=tuple, converter=to_tuple)
    code: str | None = None
    """Code of the indicator in its source document, if it has one."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def target_for(self, year: int) -> Value | None:
        """The target for ``year``, or ``None``."""
        for target in self.targets:
            if target.year == year:
                return target.value
        return None

    def realisation_for(self, year: int, period: ReportingPeriod = ReportingPeriod.YEAR) -> Value | None:
        """The realisation for ``year`` and ``period`` (the whole year by default), or ``None``."""
        for realisation in self.realisations:
            if realisation.year == year and realisation.period is period:
                return realisation.value
        return None

    @property
    def target_years(self) -> tuple[int, ...]:
        return tuple(sorted({t.year for t in self.targets}))
