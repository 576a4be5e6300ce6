"""Provenance: where a record came from (file, sheet, row, JSON path, meeting)."""

from __future__ import annotations

import enum

import attrs

from sinkron.errors import Location

__all__ = ["Origin", "Provenance"]


class Origin(str, enum.Enum):
    """How a record or link came to be."""

    IMPORTED = "imported"
    """Read from a source file or API."""
    MANUAL = "manual"
    """Entered by a person."""
    MEETING = "meeting"
    """Agreed at a meeting (kesepakatan Rakor / desk)."""
    SUGGESTED = "suggested"
    """Proposed by sinkron's link suggestions and accepted by a person."""
    DERIVED = "derived"
    """Computed by sinkron from other records."""


@attrs.frozen(kw_only=True)
class Provenance:
    """Where a record came from: the source and the place in it, and how it was made."""

    source: str | None = None
    """File name, URL or document title."""
    sheet: str | None = None
    row: int | None = None
    json_path: str | None = None
    column: str | None = None
    """The column letter (or header text) of a cell, for a source finding about one cell."""
    origin: Origin = Origin.IMPORTED
    meeting_id: str | None = None
    """For :attr:`Origin.MEETING`: the meeting that agreed it."""

    @property
    def location(self) -> Location:
        """The same place as an error :class:`~sinkron.errors.Location`."""
        return Location(
            source=self.source, sheet=self.sheet, row=self.row, column=self.column, json_path=self.json_path
        )
