"""Monitoring data on the plan it belongs to: an anggaran kas or a realisation report, matched by code.

A region's anggaran kas (the DPA's cash plan) and its realisation reports (e-Monev, SIPD-RI penatausahaan)
list sub kegiatan by code, with amounts per month or quarter; the plan (DPA, Renja) is another file. A
connector that reads such a sheet marks its plan as monitoring data (``Plan.extra["monitoring_data"]``,
:data:`MONITORING_DATA`); :func:`attach_monitoring` — run by :func:`sinkron.check` — puts each of its sub
kegiatan's ``cash_plan`` and ``spending`` on the sub kegiatan of the same code (and perangkat daerah, when
both name one) in a plan of the same year, and names each code no plan holds in a source finding
(``SKN015``). A monitoring plan with no plan of its year beside it stands for one: it is kept, and the
monitoring data read after it goes onto it (an anggaran kas and a realisation report checked together
without their DPA).

>>> from sinkron import Bundle
>>> attach_monitoring(Bundle()) == Bundle()
True
"""

from __future__ import annotations

import attrs

from sinkron.codes import Code
from sinkron.errors import Location
from sinkron.models import Activity, Bundle, Plan, PlanKind, Program, SubActivity
from sinkron.models.findings import Finding
from sinkron.source_findings import UNMATCHED_CODE

__all__ = ["MONITORING_DATA", "attach_monitoring", "is_monitoring_data"]

MONITORING_DATA = "monitoring_data"
"""The ``Plan.extra`` key that marks a plan read from monitoring data (its value: ``True``)."""

#: The plans monitoring data goes to, most specific first: the DPA, then the Renja, then the RKPD.
_TARGET_ORDER = (PlanKind.DPA, PlanKind.RENJA_PD, PlanKind.RKPD)


def is_monitoring_data(plan: Plan) -> bool:
    """Whether ``plan`` was read from monitoring data (an anggaran kas, a realisation report)."""
    return plan.extra.get(MONITORING_DATA) is True


_Key = tuple[str | None, Code]


def _targets(plans: list[Plan], year: int) -> dict[_Key, tuple[str, SubActivity]]:
    """Every sub kegiatan of the plans of ``year`` by (agency, code) and by (None, code); first plan kind wins."""
    found: dict[_Key, tuple[str, SubActivity]] = {}
    ranked = sorted(
        (p for p in plans if p.year == year and p.kind in _TARGET_ORDER), key=lambda p: _TARGET_ORDER.index(p.kind)
    )
    for plan in ranked:
        for sub in plan.sub_activities():
            found.setdefault((sub.agency_id, sub.code), (plan.id, sub))
            found.setdefault((None, sub.code), (plan.id, sub))
    return found


def _unmatched(plan: Plan, sub: SubActivity, year: int) -> Finding:
    where = sub.provenance
    location = Location(
        source=where.source if where is not None else (plan.provenance.source if plan.provenance else plan.id),
        sheet=where.sheet if where is not None else None,
        row=where.row if where is not None else None,
        field="code",
    )
    return UNMATCHED_CODE.at(
        location,
        id=f"Sub kegiatan {sub.code} ({sub.name}) tidak ada dalam rencana tahun {year} yang diperiksa; anggaran kas "
        "dan realisasinya tidak dibaca.",
        en=f"The sub kegiatan {sub.code} ({sub.name}) is in no plan of {year} being checked; its anggaran kas and "
        "realisation are not read.",
        found=str(sub.code),
        subject=str(sub.code),
        evidence={"plan": plan.id, "agency": sub.agency_id, "year": year},
        fix_id="Periksa kodenya, atau sertakan rencana (DPA/Renja) yang memuat sub kegiatan ini.",
        fix_en="Check the code, or include the plan (DPA/Renja) that holds this sub kegiatan.",
    )


def _with_data(target: SubActivity, data: SubActivity, year: int) -> SubActivity:
    # The DPA pagu of the data joins the plan's pagu indikatif (budget_for prefers it); a kind the plan has is kept.
    kinds = {b.kind for b in target.budgets if b.year == year}
    budgets = target.budgets + tuple(b for b in data.budgets if b.year == year and b.kind not in kinds)
    return attrs.evolve(
        target,
        cash_plan=target.cash_plan + data.cash_plan,
        spending=target.spending + data.spending,
        budgets=budgets,
    )


def _replace_subs(plan: Plan, updated: dict[str, SubActivity]) -> Plan:
    def activity(a: Activity) -> Activity:
        subs = tuple(updated.get(s.id, s) for s in a.sub_activities)
        return a if subs == a.sub_activities else attrs.evolve(a, sub_activities=subs)

    def program(p: Program) -> Program:
        activities = tuple(activity(a) for a in p.activities)
        return p if activities == p.activities else attrs.evolve(p, activities=activities)

    return attrs.evolve(plan, programs=tuple(program(p) for p in plan.programs))


def attach_monitoring(bundle: Bundle) -> Bundle:
    """``bundle`` with the monitoring data put on the matching plans (see the module's description)."""
    monitoring = [p for p in bundle.plans if is_monitoring_data(p)]
    if not monitoring:
        return bundle
    plans = [p for p in bundle.plans if not is_monitoring_data(p)]
    findings: list[Finding] = []
    updates: dict[str, dict[str, SubActivity]] = {}
    current: dict[tuple[str, str], SubActivity] = {}
    for data_plan in monitoring:
        year = data_plan.year
        targets = _targets(plans, year) if year is not None else {}
        if year is None or not targets:
            plans.append(data_plan)  # no plan of its year: it stands for one, and later sheets go onto it
            continue
        for sub in data_plan.sub_activities():
            match = targets.get((sub.agency_id, sub.code)) if sub.agency_id else None
            match = match or targets.get((None, sub.code))
            if match is None:
                findings.append(_unmatched(data_plan, sub, year))
                continue
            plan_id, target = match
            target = current.get((plan_id, target.id), target)
            merged = _with_data(target, sub, year)
            current[(plan_id, target.id)] = merged
            updates.setdefault(plan_id, {})[target.id] = merged
    result = [_replace_subs(p, updates[p.id]) if p.id in updates else p for p in plans]
    return bundle.replace(plans=result, source_findings=(*bundle.source_findings, *findings))
