"""The nomenclature check on import: codes that are not in force in the plan year.

A SIPD export often carries codes the nomenclature of its plan year does not have: legacy 2-digit
sub kegiatan (``7.01.02.2.01.01``), codes retired by a later Kepmendagri, or codes that do not exist.
These are *data*, not broken records: the record is kept, and the problems are listed by
:func:`nomenclature_problems` (severity ``warning``, each located in the source and with the
replacement code where the nomenclature knows one). The alignment rules report the same codes
again when the bundle is checked.

Only when the caller asks ``check_nomenclature=True`` does the connector also put them in
``ReadResult.errors`` (as :class:`~sinkron.errors.SourceError`), which marks the import incomplete:
use that in pipelines that must stop on an outdated code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from sinkron.codes import Code
from sinkron.errors import Location, SourceError
from sinkron.models import Activity, Bundle, Plan, Program, SubActivity
from sinkron.nomenclature import CodeState, Nomenclature, default_nomenclature, list_for_code

__all__ = ["NomenclatureProblem", "nomenclature_problems"]

_FIELDS = {Program: "kode_program", Activity: "kode_giat", SubActivity: "kode_sub_giat"}
_WHY = {
    CodeState.RETIRED: "is retired",
    CodeState.LEGACY: "is a legacy 2-digit sub kegiatan code",
    CodeState.NOT_YET: "is not yet in force",
    CodeState.UNKNOWN: "is not in the nomenclature",
}


@attrs.frozen(kw_only=True)
class NomenclatureProblem:
    """A code that is not in force in its plan's year, with the replacement where one is known."""

    plan_id: str
    item_id: str
    code: Code
    year: int
    state: CodeState
    version: str
    """The regulation of the nomenclature version in force that year."""
    replacement: Code | None = None
    location: Location = attrs.field(factory=Location)
    severity: str = "warning"

    @property
    def message(self) -> str:
        text = f"code {self.code} {_WHY.get(self.state, self.state.value)} in {self.year} ({self.version})"
        if self.replacement is not None:
            text += f"; use {self.replacement}"
        return text

    def to_source_error(self) -> SourceError:
        """The problem as a located :class:`~sinkron.errors.SourceError` (warning severity in the text)."""
        return SourceError(
            f"warning: {self.message}",
            location=self.location,
            expected=f"a code in force in {self.year}",
            actual=str(self.code),
        )


def _items(plan: Plan) -> Iterator[Program | Activity | SubActivity]:
    yield from plan.items()


def nomenclature_problems(bundle: Bundle, nomenclature: Nomenclature | None = None) -> list[NomenclatureProblem]:
    """Every program, kegiatan and sub kegiatan code of ``bundle`` not in force in its plan's year.

    Uses the shipped nomenclature unless another one (with newer change lists) is given. The
    problems come in the order of the records in the source.

    >>> from sinkron import Bundle, Plan, PlanKind, PlanPeriod, Program, Code
    >>> plan = Plan(id="p", kind=PlanKind.RKPD, title="RKPD 2026", period=PlanPeriod(start=2026, end=2026),
    ...             programs=[Program(code=Code.parse("1.02.09"), name="Program yang tidak ada")])
    >>> [p.message for p in nomenclature_problems(Bundle(plans=[plan]))]
    ['code 1.02.09 is not in the nomenclature in 2026 (Kepmendagri 900.1.15.5-1317/2023)']
    """
    nom = nomenclature or default_nomenclature()
    problems: list[NomenclatureProblem] = []
    for plan in bundle.plans:
        year = plan.period.start
        seen: set[tuple[str, Code]] = set()
        for item in _items(plan):
            if (item.id, item.code) in seen:
                continue
            seen.add((item.id, item.code))
            status = list_for_code(nom, item.code).status(item.code, year)
            if status.is_valid:
                continue
            field = _FIELDS[type(item)]
            provenance = item.provenance
            json_path = provenance.json_path if provenance else None
            location = Location(
                source=provenance.source if provenance else None,
                sheet=provenance.sheet if provenance else None,
                row=provenance.row if provenance else None,
                json_path=f"{json_path}.{field}" if json_path else None,
                field=field if json_path else None,
            )
            problems.append(
                NomenclatureProblem(
                    plan_id=plan.id,
                    item_id=item.id,
                    code=item.code,
                    year=year,
                    state=status.state,
                    version=status.version.regulation,
                    replacement=status.replacement,
                    location=location,
                )
            )
    return sorted(problems, key=_source_order)


def _source_order(problem: NomenclatureProblem) -> tuple[str, int, int, str]:
    """Problems in the order their records appear in the source."""
    where = problem.location
    index = re.search(r"\[(\d+)\]", where.json_path or "")
    return (where.source or "", where.row or 0, int(index.group(1)) if index else 0, where.json_path or "")
