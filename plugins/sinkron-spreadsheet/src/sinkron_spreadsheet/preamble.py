"""The lines above a table: ``Unit Organisasi : 1.02.0.00.0.00.01.0000 Dinas Kesehatan`` and friends.

Reports put the unit and the year above the header; sinkron's writer also puts the plan's
identity there (``ID Dokumen``, ``Jenis Dokumen``, ``Periode`` …) so a written file reads back
into the same plan. Recognised labels (case and spacing do not matter):

=====================================  =================================================
label                                   meaning
=====================================  =================================================
ID Dokumen                              plan id
Jenis Dokumen                           plan kind (``rkpd``, ``renja_pd``, ``Renstra PD`` …)
Judul                                   plan title (else the first line of text)
Periode / Tahun / Tahun Anggaran        ``2026`` or ``2025–2029``
Tahap                                   plan stage (``penetapan``, ``rancangan`` …)
Revisi                                  revision number
Pemilik Dokumen                         owner id (government or agency)
Kode Pemerintah                         government id (kode wilayah)
Nomenklatur                             nomenclature version id
Unit Organisasi / Perangkat Daerah      unit: ``<SKPD code> <name>``
Sub Unit Organisasi                     sub unit, under the unit
Sub Kegiatan                            the sub kegiatan a Form Rincian details: ``<code> [name]``
Pagu / Pagu Sub Kegiatan                its pagu (Form Rincian)
=====================================  =================================================
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from sinkron.models import Agency, PlanKind, PlanPeriod, PlanStage
from sinkron_spreadsheet.cells import clean_text, is_blank, normalise_header, to_text

__all__ = ["Preamble", "parse_line", "parse_period", "parse_unit"]

_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z /.]{1,40}?)\s*:\s*(.*?)\s*$", re.S)
_UNIT_CODE = re.compile(r"^\s*((?:\d+|X+)(?:\.(?:\d+|X+)){2,})\s*(.*)$", re.S)
_PERIOD = re.compile(r"^\s*((?:19|20|21)\d\d)\s*(?:(?:–|—|-|s\.?d\.?|sampai)\s*((?:19|20|21)\d\d))?\s*$")

LABELS: dict[str, str] = {
    "id dokumen": "id",
    "jenis dokumen": "kind",
    "judul": "title",
    "periode": "period",
    "tahun": "period",
    "tahun anggaran": "period",
    "tahun rencana": "period",
    "tahap": "stage",
    "tahapan": "stage",
    "revisi": "revision",
    "pemilik dokumen": "owner",
    "kode pemerintah": "government",
    "nomenklatur": "nomenclature",
    "unit organisasi": "unit",
    "perangkat daerah": "unit",
    "sub unit organisasi": "sub_unit",
    "sub kegiatan": "sub_activity",
    "pagu": "pagu",
    "pagu sub kegiatan": "pagu",
}

_KIND_NAMES = (
    {normalise_header(k.value): k for k in PlanKind}
    | {normalise_header(k.name): k for k in PlanKind}
    | {
        "renstra": PlanKind.RENSTRA_PD,
        "renja": PlanKind.RENJA_PD,
        "renstra pd": PlanKind.RENSTRA_PD,
        "renja pd": PlanKind.RENJA_PD,
    }
)
_STAGE_NAMES = {normalise_header(s.value): s for s in PlanStage} | {normalise_header(s.name): s for s in PlanStage}


def parse_line(cells: list[Any]) -> tuple[str, str] | None:
    """``(key, value)`` for a recognised ``Label : value`` line, else ``None``."""
    texts = [clean_text(to_text(c)) for c in cells if not is_blank(c)]
    if not texts:
        return None
    match = _LINE.match(" ".join(texts))
    if not match:
        return None
    key = LABELS.get(normalise_header(match.group(1)))
    if key is None:
        return None
    return key, match.group(2).lstrip(": ").strip()


def parse_period(text: str) -> PlanPeriod | None:
    """``"2026"`` or ``"2025–2029"`` into a period; ``None`` if the text is not one."""
    match = _PERIOD.match(text)
    if not match:
        return None
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if end < start:
        return None
    return PlanPeriod(start=start, end=end)


def parse_unit(text: str, parent_id: str | None = None) -> Agency:
    """``"1.02.0.00.0.00.01.0000 Dinas Kesehatan"`` into an :class:`~sinkron.Agency`.

    A Sub Unit line that repeats its unit's code (a perangkat daerah without sub units) is that unit, not a
    unit under itself: it gets no parent.

    >>> unit = parse_unit("1.02.0.00.0.00.01.0000 DINAS KESEHATAN")
    >>> parse_unit("1.02.0.00.0.00.01.0000 DINAS KESEHATAN", parent_id=unit.id) == unit
    True
    """
    match = _UNIT_CODE.match(text)
    if match and match.group(2).strip():
        code, name = match.group(1), clean_text(match.group(2))
    else:
        code = name = clean_text(text)
    agency = Agency(code=code, name=name)
    return agency if parent_id in (None, agency.id) else attrs.evolve(agency, parent_id=parent_id)


@attrs.define
class Preamble:
    """What the lines above a table said."""

    values: dict[str, tuple[str, int]] = attrs.field(factory=dict)
    """key → (text, 0-based row)."""
    first_text: str | None = None
    titles: list[tuple[str, int]] = attrs.field(factory=list)
    """The title lines (one text in the row, no ``Label :``) with their 0-based rows, top first."""

    def feed(self, row: int, cells: list[Any]) -> bool:
        """Take one row above the header; True when it was a recognised line."""
        parsed = parse_line(cells)
        if parsed is not None:
            self.values.setdefault(parsed[0], (parsed[1], row))
            return True
        texts = [clean_text(to_text(c)) for c in cells if not is_blank(c)]
        if texts and len(texts) == 1:
            self.titles.append((texts[0], row))
            if self.first_text is None:
                self.first_text = texts[0]
        return False

    def kind(self) -> PlanKind | None:
        text = self.values.get("kind", ("", 0))[0]
        return _KIND_NAMES.get(normalise_header(text)) if text else None

    def stage(self) -> PlanStage | None:
        text = self.values.get("stage", ("", 0))[0]
        return _STAGE_NAMES.get(normalise_header(text)) if text else None
