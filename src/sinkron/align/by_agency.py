"""Findings by perangkat daerah: what each OPD must fix, and the pagu of the items involved.

A finding belongs to the perangkat daerah (or K/L) that carries its subject:

* a program, kegiatan or sub kegiatan: the item's agency (its own, its program's, else the plan owner);
* an indicator: the agency of the item it measures, or the owner of the plan whose sasaran it measures;
* a tujuan/sasaran or a whole plan: the plan's owner (a Renstra, Renja or DPA is owned by one OPD);
* otherwise the ``agency`` its evidence names (a meeting agreement's perangkat daerah).

Only agencies the bundle knows count (an RKPD is owned by its government, not by an OPD); findings
about priorities, governments or an RKPD as a whole are gathered under ``agency=None`` ("lintas
perangkat daerah"). The rupiah involved is the pagu, in its plan year, of the distinct sub kegiatan,
kegiatan and programs the OPD's findings are about; an item repeated in the RKPD and the Renja of
the same year counts once, and multi-year plans (Renstra, RPJMD) add nothing, so amounts of different
years are never summed.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sinkron.align.findings import Finding
from sinkron.align.index import BundleIndex, ItemRecord
from sinkron.align.report import AgencyFindings
from sinkron.align.rules._shared import pagu_of
from sinkron.codes import Code

__all__ = ["findings_by_agency"]


def _item_of(index: BundleIndex, subject: str) -> ItemRecord | None:
    record = index.items.get(subject)
    if record is None and subject in index.indicators:
        record = index.items.get(index.indicators[subject].owner_ref)
    return record


def _agency_of(index: BundleIndex, finding: Finding) -> str | None:
    """The id of the agency that carries the finding's subject, when the bundle knows it."""
    subject = finding.subject
    record = _item_of(index, subject)
    candidates: list[object] = []
    if record is not None:
        candidates.append(record.agency_id)
    else:
        owner_ref = index.indicators[subject].owner_ref if subject in index.indicators else subject
        statement = index.objectives.get(owner_ref)
        if statement is not None:
            candidates.append(statement[0].owner_id)
        elif subject in index.plans:
            candidates.append(index.plans[subject].owner_id)
    candidates.append(finding.evidence.get("agency"))
    for candidate in candidates:
        if isinstance(candidate, str) and candidate in index.agencies:
            return candidate
    return None


def _yearly_pagu(record: ItemRecord) -> tuple[tuple[str | None, Code, int], Decimal] | None:
    """The pagu of an item of a yearly plan, keyed so the same item in the RKPD and a Renja counts once."""
    year = record.plan.year
    if year is None and record.plan.period.start == record.plan.period.end:
        year = record.plan.period.start
    if year is None:
        return None
    amount = pagu_of(record.item, year)
    return None if amount is None else ((record.agency_id, record.code, year), amount)


def findings_by_agency(index: BundleIndex, findings: Iterable[Finding]) -> tuple[AgencyFindings, ...]:
    """The findings grouped by the agency that must act on them (named agencies first, by name; then the rest)."""
    grouped: dict[str | None, list[Finding]] = {}
    amounts: dict[str | None, dict[tuple[str | None, Code, int], Decimal]] = {}
    for finding in findings:
        agency = _agency_of(index, finding)
        grouped.setdefault(agency, []).append(finding)
        record = _item_of(index, finding.subject)
        pagu = _yearly_pagu(record) if record is not None else None
        if pagu is not None:
            amounts.setdefault(agency, {})[pagu[0]] = pagu[1]
    rows = [
        AgencyFindings(
            agency=agency,
            name=index.agencies[agency].name if agency is not None else None,
            findings=tuple(of_agency),
            pagu=sum(amounts.get(agency, {}).values(), Decimal(0)),
        )
        for agency, of_agency in grouped.items()
    ]
    return tuple(sorted(rows, key=lambda row: (row.agency is None, row.name or "")))
