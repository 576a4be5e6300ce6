"""Source findings: what a reader reports about a file it could read (rule family 0, ``SKN0xx``).

Real government files carry defects — a subtotal that does not add up, a formula saved without its
value, a code cell left empty beside an official name, one indicator repeated in a cell, no year in the
sheet. sinkron reads such a file anyway (DESIGN §6a): every row it can place is kept, and each problem
becomes a **source finding**, located in the file (sheet, row, column), with what was expected and what
was found, a severity and a fix, in Indonesian and English like every finding. A file that cannot be
read at all (not a spreadsheet, no recognisable header) is still a located
:class:`~sinkron.errors.SourceError`.

A connector makes a finding from the catalogue below and puts it in the bundle it returns
(:attr:`Bundle.source_findings <sinkron.Bundle.source_findings>`)::

    >>> from sinkron.errors import Location
    >>> finding = SUBTOTAL_MISMATCH.at(
    ...     Location(source="renstra.xlsx", sheet="RENSTRA", row=44, column="H"),
    ...     id="Pagu program 1.03.02 (Rp 8.878.500.000) tidak sama dengan jumlah kegiatannya (Rp 20.336.300.000).",
    ...     en="The pagu of program 1.03.02 (Rp 8,878,500,000) differs from the sum of its kegiatan (Rp 20,336,300,000).",
    ...     expected="20336300000", found="8878500000",
    ... )
    >>> finding.rule, finding.severity.value, finding.path
    ('SKN001', 'error', "renstra.xlsx, sheet 'RENSTRA', row 44, column H")

:func:`sinkron.check` reports the bundle's source findings beside the rule findings (they can be
selected and ignored like any rule: ``--ignore SKN003``); :func:`sinkron.read_result` with ``strict=True``
turns every source finding of severity error into a read error instead (all-or-nothing, for pipelines).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from sinkron.errors import Location, SourceError
from sinkron.models.findings import Finding, Message, Severity
from sinkron.models.provenance import Provenance

__all__ = [
    "AMOUNT_COMPUTED",
    "CATALOGUE",
    "CELL_UNREADABLE",
    "CODE_INFERRED",
    "DUPLICATE_ROW",
    "FORMULA_EVALUATED",
    "FORMULA_NOT_EVALUATED",
    "LINE_AMOUNT_MISMATCH",
    "NAME_CONFLICT",
    "NAME_FROM_NOMENCLATURE",
    "REPEATED_INDICATOR",
    "ROW_NOT_READ",
    "SUBTOTAL_MISMATCH",
    "TARGET_WITHOUT_INDICATOR",
    "UNMATCHED_CODE",
    "YEAR_INFERRED",
    "SourceProblem",
    "as_errors",
    "leaves_rows_out",
]


@attrs.frozen(kw_only=True)
class SourceProblem:
    """One kind of problem a reader reports (a family-0 rule): its id, name, severity and description.

    ``drops_data`` says whether the problem leaves something of the source out of the bundle (a row
    that could not be placed): a read with such a finding is not complete.
    """

    id: str
    name: str
    severity: Severity
    description: Message
    drops_data: bool = False

    def at(
        self,
        location: Location,
        *,
        id: str,
        en: str,
        expected: object = None,
        found: object = None,
        evidence: Mapping[str, Any] | None = None,
        fix_id: str | None = None,
        fix_en: str | None = None,
        subject: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this kind at ``location`` (``subject``: the record's reference when it was kept)."""
        if location.field and ".{" in location.field:  # a mapping's column pattern (pagu.{i}): the field it fills
            location = location.evolve(field=location.field.split(".{")[0])
        values: dict[str, Any] = {}
        if expected is not None:
            values["expected"] = _plain(expected)
        if found is not None:
            values["found"] = _plain(found)
        if location.field:
            values["field"] = location.field
        values.update(evidence or {})
        where = str(location)
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            subject=subject or where,
            path=where,
            message=Message(id, en),
            evidence=values,
            fix=Message(fix_id, fix_en) if fix_id and fix_en else None,
            location=Provenance(
                source=location.source,
                sheet=location.sheet,
                row=location.row,
                column=location.column,
                json_path=location.json_path,
            ),
        )


def _plain(value: object) -> object:
    """A JSON-ready value: numbers and texts as they are, anything else as its text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _problem(rule_id: str, name: str, severity: Severity, id: str, en: str, drops_data: bool = False) -> SourceProblem:
    return SourceProblem(id=rule_id, name=name, severity=severity, description=Message(id, en), drops_data=drops_data)


SUBTOTAL_MISMATCH = _problem(
    "SKN001",
    "subtotal-mismatch",
    Severity.ERROR,
    "Subtotal atau total tidak sama dengan jumlah baris di bawahnya",
    "A subtotal or total differs from the sum of the rows under it",
)
"""A program, kegiatan, urusan/bidang or TOTAL row whose pagu differs from the sum of its rows (beyond
the rounding tolerance). The rows are read as written; the finding gives the difference in rupiah."""

FORMULA_NOT_EVALUATED = _problem(
    "SKN002",
    "formula-not-evaluated",
    Severity.WARNING,
    "Rumus tanpa nilai tersimpan yang tidak dapat dihitung",
    "A formula without a saved value that sinkron could not compute",
)
"""A formula cell saved without its value (files written by a library) that uses something outside the
evaluated subset: the row is kept without that value."""

FORMULA_EVALUATED = _problem(
    "SKN003",
    "formula-evaluated",
    Severity.INFO,
    "Nilai dihitung sinkron dari rumus tanpa nilai tersimpan",
    "A value computed by sinkron from a formula saved without its value",
)
"""A formula cell saved without its value, evaluated by sinkron from the other cells of the sheet: the
value is inferred, and reported as such."""

REPEATED_INDICATOR = _problem(
    "SKN004",
    "repeated-indicator",
    Severity.WARNING,
    "Indikator yang sama ditulis lebih dari sekali",
    "The same indicator is written more than once",
)
"""One indicator written twice for the same item (``X;\\nX`` in one cell, or the same row repeated):
it is read once."""

ROW_NOT_READ = _problem(
    "SKN005",
    "row-not-read",
    Severity.ERROR,
    "Baris tidak dapat ditempatkan dalam rencana",
    "A row could not be placed in the plan",
    drops_data=True,
)
"""A row that cannot be placed: no code and no official name to find it from, a code that is not a
nomenclature code, or a csv row with more cells than its header (a cell holding the delimiter, unquoted,
shifted the cells after it). The finding names the row and what it holds; it is not in the bundle."""

CODE_INFERRED = _problem(
    "SKN006",
    "code-inferred",
    Severity.WARNING,
    "Kode diisi dari nama nomenklatur resmi",
    "A code filled in from its official name",
)
"""A row whose code cell is empty but whose name is the official name of one nomenclature entry of the
expected level under the current parent: the code is taken from the nomenclature (accept it, or write
the code in the file)."""

YEAR_INFERRED = _problem(
    "SKN007",
    "year-inferred",
    Severity.INFO,
    "Tahun rencana diambil dari judul, nama sheet atau nama file",
    "The plan year was taken from the title, the sheet name or the file name",
)
"""The plan year is not given as a read option nor by the mapping: sinkron took it from a title or
"Tahun/Periode" line above the header, the sheet name or the file name, and says which."""

CELL_UNREADABLE = _problem(
    "SKN008",
    "cell-unreadable",
    Severity.ERROR,
    "Isi sel tidak dapat dibaca",
    "A cell's value could not be read",
)
"""A cell whose value cannot be read as what its column holds (letters in a pagu, an impossible date, an
Excel error value such as ``#REF!``): the row is kept without that value."""

TARGET_WITHOUT_INDICATOR = _problem(
    "SKN009",
    "target-without-indicator",
    Severity.WARNING,
    "Target tanpa indikator, atau target yang saling bertentangan",
    "A target without its indicator, or conflicting targets",
)
"""A target written where no indicator (tolok ukur) names what it measures, or two different targets
for one indicator and year: the first is kept."""

DUPLICATE_ROW = _problem(
    "SKN010",
    "duplicate-row",
    Severity.ERROR,
    "Kode yang sama muncul pada dua baris",
    "The same code appears on two rows",
    drops_data=True,
)
"""An item's code written on two rows of one unit: the first row is read, the second is named by the
finding with its values."""

NAME_CONFLICT = _problem(
    "SKN011",
    "name-conflict",
    Severity.WARNING,
    "Satu kode ditulis dengan dua nama berbeda",
    "One code written with two different names",
)
"""A unit (perangkat daerah) or heading code written with two different names in one file: the first
name is kept."""

LINE_AMOUNT_MISMATCH = _problem(
    "SKN012",
    "line-amount-mismatch",
    Severity.ERROR,
    "Jumlah rincian belanja tidak sama dengan harga satuan × volume",
    "A budget line's jumlah differs from its unit price times its volumes",
)
"""A rincian belanja line (Form Rincian Renja/DPA) whose JUMLAH is not HARGA SATUAN × VOLUME (every factor of
a compound volume such as ``200;2``): the line is kept with the jumlah as written."""

AMOUNT_COMPUTED = _problem(
    "SKN013",
    "amount-computed",
    Severity.INFO,
    "Jumlah kosong dihitung dari harga satuan × volume",
    "An empty jumlah computed from the unit price times the volumes",
)
"""A rincian belanja line with an empty JUMLAH cell: sinkron computes it from the unit price and the volumes,
and says so (the value is inferred, not read)."""

NAME_FROM_NOMENCLATURE = _problem(
    "SKN014",
    "name-from-nomenclature",
    Severity.WARNING,
    "Nama kosong diisi dari nomenklatur",
    "An empty name filled in from the nomenclature",
)
"""A program, kegiatan or sub kegiatan row with a code but an empty name: the item is read with the
nomenclature's name for its code (write the name in the file)."""

UNMATCHED_CODE = _problem(
    "SKN015",
    "unmatched-code",
    Severity.ERROR,
    "Kode sub kegiatan pada data pemantauan tidak ada dalam rencana yang diperiksa",
    "A sub kegiatan code of monitoring data is in no plan being checked",
    drops_data=True,
)
"""A row of an anggaran kas or a realisation report (monitoring data, :mod:`sinkron.monitoring`) whose sub
kegiatan code is in no DPA, Renja or RKPD of its year among the plans being checked: its amounts are not put
on any plan. Either the code is wrong or the plan that holds it was not given."""

CATALOGUE: tuple[SourceProblem, ...] = (
    SUBTOTAL_MISMATCH,
    FORMULA_NOT_EVALUATED,
    FORMULA_EVALUATED,
    REPEATED_INDICATOR,
    ROW_NOT_READ,
    CODE_INFERRED,
    YEAR_INFERRED,
    CELL_UNREADABLE,
    TARGET_WITHOUT_INDICATOR,
    DUPLICATE_ROW,
    NAME_CONFLICT,
    LINE_AMOUNT_MISMATCH,
    AMOUNT_COMPUTED,
    NAME_FROM_NOMENCLATURE,
    UNMATCHED_CODE,
)
"""Every source problem, by rule id."""

_DROPS = frozenset(problem.id for problem in CATALOGUE if problem.drops_data)


def leaves_rows_out(finding: Finding) -> bool:
    """Whether ``finding`` says a row or record of the source is not in the bundle."""
    return finding.rule in _DROPS


def as_errors(findings: tuple[Finding, ...]) -> tuple[SourceError, ...]:
    """The findings of severity error as located read errors (what ``strict=True`` reading raises)."""
    errors: list[SourceError] = []
    for finding in findings:
        if finding.severity is not Severity.ERROR:
            continue
        where = finding.location.location if finding.location is not None else Location()
        field = finding.evidence.get("field")
        if isinstance(field, str):
            where = where.evolve(field=field)
        expected = finding.evidence.get("expected")
        found = finding.evidence.get("found")
        errors.append(
            SourceError(
                f"{finding.rule} {finding.message.en}",
                location=where,
                expected=None if expected is None else str(expected),
                actual=found,
            )
        )
    return tuple(errors)
