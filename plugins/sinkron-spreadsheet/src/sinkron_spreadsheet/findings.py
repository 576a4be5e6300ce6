"""What a sheet reader reports besides the data: source findings, row tallies, distinct indicator ids.

The readers of this plugin are tolerant (DESIGN §6a): a data problem in a readable sheet — a subtotal that
does not add up, a cell that cannot be read, a row that cannot be placed — becomes a source finding
(:mod:`sinkron.source_findings`, rule family 0) located in the sheet, and the row is kept whenever it can
be. Every row of a sheet is accounted for in a :class:`RowTally`: read into the bundle, named by a finding
that left it out, or counted as a title, header, blank, subtotal or total row.

>>> tally = RowTally()
>>> tally.add("header", 2)
>>> tally.add("read", 10)
>>> tally.total, tally.describe()
(12, '12 rows: 10 read, 2 header')
>>> distinct_ids(["Jumlah Desa (%)", "Jumlah desa", "Persentase"])
['jumlah-desa', 'jumlah-desa-2', 'persentase']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from sinkron.errors import Location
from sinkron.models._base import slug
from sinkron.models.findings import Finding
from sinkron.numbers import format_id
from sinkron.source_findings import SourceProblem
from sinkron_spreadsheet.header import Column

__all__ = ["ROW_KINDS", "RowTally", "SheetFindings", "distinct_ids", "rupiah"]

ROW_KINDS = ("read", "reported", "title", "header", "blank", "subtotal", "total")
"""How a row of a sheet is accounted for: ``read`` into the bundle, ``reported`` (left out, named by a source
finding), or counted as a ``title`` line above the header, a ``header`` row (the column numbering row under
it included), a ``blank`` row, an urusan/bidang ``subtotal`` row or a ``total`` row."""

_LABELS = {"reported": "not read (named by a finding)"}


@attrs.define
class RowTally:
    """How many rows of a sheet went each way (:data:`ROW_KINDS`)."""

    counts: dict[str, int] = attrs.field(factory=dict)

    def add(self, kind: str, count: int = 1) -> None:
        if kind not in ROW_KINDS:
            raise ValueError(f"unknown row kind {kind!r} (one of {', '.join(ROW_KINDS)})")
        if count:
            self.counts[kind] = self.counts.get(kind, 0) + count

    def move(self, source: str, target: str, count: int = 1) -> None:
        """Count ``count`` rows of kind ``source`` as ``target`` instead (a row read, then left out)."""
        self.add(source, -count)
        self.add(target, count)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def describe(self) -> str:
        """``"57 rows: 40 read, 2 not read (named by a finding), 3 header …"``, kinds in :data:`ROW_KINDS` order."""
        parts = [f"{self.counts[k]} {_LABELS.get(k, k)}" for k in ROW_KINDS if self.counts.get(k)]
        return f"{self.total} rows: " + ", ".join(parts)


class SheetFindings:
    """The source findings of one sheet, each located in it; remembers the rows the findings left out."""

    def __init__(self, source: str, sheet: str | None) -> None:
        self.source = source
        self.sheet = sheet
        self.findings: list[Finding] = []
        self.left_out: set[int] = set()
        """1-based rows a finding says are not in the bundle."""

    def add(
        self,
        problem: SourceProblem,
        row: int | None,
        column: Column | str | None,
        field: str | None,
        *,
        id: str,
        en: str,
        expected: object = None,
        found: object = None,
        fix_id: str | None = None,
        fix_en: str | None = None,
        subject: str | None = None,
        evidence: Mapping[str, Any] | None = None,
    ) -> None:
        """A finding of ``problem`` at ``row`` (1-based), ``column`` (a matched column or its letter) and ``field``."""
        letter = column.letter if isinstance(column, Column) else column
        location = Location(source=self.source, sheet=self.sheet, row=row, column=letter, field=field)
        self.findings.append(
            problem.at(
                location,
                id=id,
                en=en,
                expected=expected,
                found=found,
                fix_id=fix_id,
                fix_en=fix_en,
                subject=subject,
                evidence=evidence,
            )
        )
        if problem.drops_data and row is not None:
            self.left_out.add(row)


def rupiah(amount: Decimal) -> tuple[str, str]:
    """An amount written the Indonesian and the English way: ``(\"Rp 1.250.000\", \"Rp 1,250,000\")``.

    >>> rupiah(Decimal("1250000.5"))
    ('Rp 1.250.000,5', 'Rp 1,250,000.5')
    """
    text = format_id(amount)
    english = text.replace(".", "\0").replace(",", ".").replace("\0", ",")
    return f"Rp {text}", f"Rp {english}"


def distinct_ids(names: Iterable[str]) -> list[str]:
    """An id per name, the slug of the name (the default id of an indicator), made distinct by ``-2``, ``-3`` …

    Two different names may give the same slug (``"Jumlah Desa (%)"`` and ``"Jumlah desa"``); the second
    gets ``-2``, so that the indicators of one owner never collide.
    """
    names = list(names)
    if len(names) == 1:
        return [slug(names[0])]
    taken: set[str] = set()
    out: list[str] = []
    for name in names:
        base = slug(name)
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        out.append(candidate)
    return out
