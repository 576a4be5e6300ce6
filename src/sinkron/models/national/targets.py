"""Target tables: targets of national priority indicators for a region or an RKP year, curated by the user.

The shipped RPJMN tree gives national aggregates for a few years (2025, 2029). Planners compare a
region with the target that applies to it: the RPJMN's province targets, the RKP target of the
year, the provincial RPJMD's target for its kab/kota. Those live in PDF annexes, so a user curates
them as a CSV table (:func:`sinkron.kl.read_target_table`) and puts it in ``Bundle.national``.

A row names the priority (its code in the tree, ``04`` or ``04.02.01``, or its id), the indicator
(its id or name), the year, the target (a number or a range) and, for a region, its kode wilayah
(empty for a national target of the year).
"""

from __future__ import annotations

import attrs

from sinkron.models._base import non_empty, optional_non_empty, to_tuple
from sinkron.models.indicators import Indicator
from sinkron.models.priorities import Priority
from sinkron.models.provenance import Provenance
from sinkron.models.values import Value
from sinkron.names import comparison_key

__all__ = ["PriorityTarget", "TargetTable"]


@attrs.frozen(kw_only=True)
class PriorityTarget:
    """One target of a national priority indicator for a year, nationally or for one region."""

    priority: str = attrs.field(validator=non_empty)
    """The priority's code in its tree (``04``, ``04.02.01``) or its id."""
    indicator: str = attrs.field(validator=non_empty)
    """The indicator's id (``prevalensi-stunting``) or name."""
    year: int
    value: Value
    region_code: str | None = attrs.field(default=None, validator=optional_non_empty)
    """The kode wilayah the target applies to (``62``, ``62.02``); ``None`` for a national target."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    def applies_to(self, priority: Priority, indicator: Indicator) -> bool:
        """True when the row names this priority (code or id) and this indicator (id or name)."""
        if self.priority not in (priority.code, priority.id):
            return False
        return self.indicator == indicator.id or comparison_key(self.indicator) == comparison_key(indicator.name)


@attrs.frozen(kw_only=True)
class TargetTable:
    """Targets curated from one document (``RKP 2026``, ``RPJMN 2025–2029 Lampiran target provinsi`` …)."""

    id: str = attrs.field(validator=non_empty)
    document: str = attrs.field(validator=non_empty)
    """The document the targets come from, named in findings and forms."""
    supplied_by: str | None = attrs.field(default=None, validator=optional_non_empty)
    rows: tuple[PriorityTarget, ...] = attrs.field(factory=tuple, converter=to_tuple)
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    def find(
        self, priority: Priority, indicator: Indicator, year: int, region_code: str | None
    ) -> PriorityTarget | None:
        """The row for this priority indicator, year and region (``None`` region: the national row)."""
        for row in self.rows:
            if row.year == year and row.region_code == region_code and row.applies_to(priority, indicator):
                return row
        return None
