"""Rule family 5 — Meeting follow-up: agreements appear in the following Renja/RKPD with the agreed target and pagu, overdue action items, outcome targets with no supporting sub kegiatan, proposals without a matching K/L program.

Agreements (kesepakatan) are judged by :mod:`sinkron.align.followup`: each against the Renja PD of
its perangkat daerah for the agreement's year, else the RKPD of that year (items of the agency
only); without either nothing is compared. Findings about an agreement name the meeting, the desk
and the agency; findings about a plan item that departs from an agreement are about the item (so
they point at its row in the Renja) and name the agreement in their evidence.

Proposals (usulan) to a K/L are matched against the national side of the bundle
(``Bundle.national``, :mod:`sinkron.kl`): the K/L addressed (by bagian anggaran code, name or alias)
and the programs of its Renja K/L / RKA-K/L for the proposal's year, routed to the proposal's bidang
urusan through the K/L program ↔ bidang urusan crosswalks, or — where no crosswalk covers the K/L's
programs — by the bidang urusan's name appearing in the program's name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

import attrs

from sinkron.align.context import Context
from sinkron.align.findings import Finding, Severity
from sinkron.align.followup import FollowUp, follow_ups
from sinkron.align.index import PATH_SEPARATOR
from sinkron.align.rule import Rule, register_all, rule
from sinkron.align.rules._options import PaguToleranceOptions, TargetToleranceOptions
from sinkron.codes import Code
from sinkron.kl import Ministry, MinistryPlan, MinistryProgram
from sinkron.models import ActionStatus, Agreement, Desk, Meeting, Proposal, Provenance, ref
from sinkron.names import comparison_key
from sinkron.nomenclature import Nomenclature, list_for_code
from sinkron.plugins.hookspecs import hookimpl

__all__ = ["agreement_path", "proposal_programs"]

_OPEN = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


# -- paths and wording ------------------------------------------------------------------------------------
def _desk(meeting: Meeting, desk_id: str | None) -> Desk | None:
    return next((d for d in meeting.desks if d.id == desk_id), None) if desk_id else None


def _code_name(nomenclature: Nomenclature, code: Code, year: int | None) -> str:
    entry = list_for_code(nomenclature, code).lookup(code, year)
    return entry.name if entry is not None else ""


def agreement_path(meeting: Meeting, agreement: Agreement, nomenclature: Nomenclature | None = None) -> str:
    """``Rakortekrenbang 2025 › Desk Kesehatan › Kesepakatan A1: 1.02.02.2.02.0001 Pengelolaan …``."""
    desk = _desk(meeting, agreement.desk_id)
    name = _code_name(nomenclature, agreement.sub_activity, agreement.year) if nomenclature else ""
    last = f"Kesepakatan {agreement.id}: {agreement.sub_activity}" + (f" {name}" if name else "")
    return PATH_SEPARATOR.join([meeting.title, *([desk.name] if desk else []), last])


def _located(finding: Finding, *provenances: Provenance | None) -> Finding:
    if finding.location is not None:
        return finding
    where = next((p for p in provenances if p is not None), None)
    return attrs.evolve(finding, location=where) if where is not None else finding


def _where(provenance: Provenance | None) -> str | None:
    return str(provenance.location) if provenance is not None else None


def _agency_name(ctx: Context, agency_id: str) -> str:
    agency = ctx.index.agencies.get(agency_id)
    return agency.name if agency is not None else agency_id


def _agreement_evidence(ctx: Context, follow: FollowUp) -> dict[str, object]:
    agreement = follow.agreement
    desk = _desk(follow.meeting, agreement.desk_id)
    return {
        "meeting": follow.meeting.id,
        "agreement": agreement.id,
        "desk": desk.name if desk else None,
        "agency": follow.agency_id,
        "agency_name": _agency_name(ctx, follow.agency_id),
        "code": str(agreement.sub_activity),
        "year": agreement.year,
        "outcome": agreement.outcome,
        "agreed_target": agreement.target.display() if agreement.target else None,
        "agreed_pagu": agreement.pagu.amount if agreement.pagu else None,
        "plan": follow.plan.id if follow.plan else None,
    }


# -- SKN501 ----------------------------------------------------------------------------------------------
@rule(
    "SKN501",
    "agreement-not-in-plan",
    Severity.ERROR,
    id="Sub kegiatan yang disepakati dalam rapat tidak tercantum dalam Renja PD / RKPD tahun yang disepakati",
    en="A sub kegiatan agreed at a meeting is absent from the Renja PD / RKPD of the agreed year",
)
def agreement_not_in_plan(ctx: Context) -> Iterator[Finding]:
    """Agreements whose sub kegiatan the agency's Renja PD (else the RKPD) of the year does not carry."""
    for follow in follow_ups(ctx.index):
        if follow.plan is None or follow.record is not None:
            continue
        agreement, meeting, plan = follow.agreement, follow.meeting, follow.plan
        name = _code_name(ctx.nomenclature, agreement.sub_activity, agreement.year)
        desk = _desk(meeting, agreement.desk_id)
        values = {
            "agreement": agreement.id,
            "at": f"{meeting.title}, {desk.name}" if desk else meeting.title,
            "what": f"{agreement.sub_activity} “{name}”" if name else agreement.sub_activity,
            "code": agreement.sub_activity,
            "agency": _agency_name(ctx, follow.agency_id),
            "year": agreement.year,
            "plan": plan.title,
        }
        finding = ctx.report(
            ref(meeting.id, agreement.id),
            "skn501.absent",
            values,
            evidence=_agreement_evidence(ctx, follow),
            fix="skn501.absent.fix",
            path=agreement_path(meeting, agreement, ctx.nomenclature),
        )
        yield _located(finding, agreement.provenance, meeting.provenance)


# -- SKN502 ----------------------------------------------------------------------------------------------
@rule(
    "SKN502",
    "agreement-target-mismatch",
    Severity.WARNING,
    id="Target sub kegiatan dalam Renja PD / RKPD berbeda dengan target yang disepakati dalam rapat",
    en="The target of a sub kegiatan in the Renja PD / RKPD differs from the target agreed at a meeting",
    options=TargetToleranceOptions,
)
def agreement_target_mismatch(ctx: Context) -> Iterator[Finding]:
    """Agreed sub kegiatan found in the plan of the year whose targets for the year all depart from the agreed one."""
    tolerance = ctx.option("target_tolerance")
    for follow in follow_ups(ctx.index, target_tolerance=tolerance):
        if follow.record is None or not follow.target_differs:
            continue
        agreement, meeting, record = follow.agreement, follow.meeting, follow.record
        assert agreement.target is not None and follow.plan is not None
        found = "; ".join(t.display() for t in follow.plan_targets)
        values = {
            "code": agreement.sub_activity,
            "plan": follow.plan.title,
            "found": found,
            "year": agreement.year,
            "agreed": agreement.target.display(),
            "meeting": meeting.title,
            "agreement": agreement.id,
            "tolerance": tolerance,
        }
        finding = ctx.report(
            record.ref,
            "skn502.target" if found else "skn502.no-target",
            values,
            evidence={
                **_agreement_evidence(ctx, follow),
                "plan_targets": [t.display() for t in follow.plan_targets],
                "tolerance": tolerance,
                "agreement_ref": follow.ref,
                "agreement_location": _where(agreement.provenance),
            },
            fix="skn502.target.fix",
        )
        yield _located(finding, record.plan.provenance, agreement.provenance, meeting.provenance)


# -- SKN503 ----------------------------------------------------------------------------------------------
@rule(
    "SKN503",
    "agreement-pagu-mismatch",
    Severity.WARNING,
    id="Pagu sub kegiatan dalam Renja PD / RKPD berbeda dengan pagu yang disepakati dalam rapat melebihi toleransi",
    en="The pagu of a sub kegiatan in the Renja PD / RKPD differs from the pagu agreed at a meeting beyond the "
    "tolerance",
    options=PaguToleranceOptions,
)
def agreement_pagu_mismatch(ctx: Context) -> Iterator[Finding]:
    """Agreed sub kegiatan found in the plan of the year whose pagu for the year departs from the agreed pagu."""
    tolerance = ctx.option("pagu_tolerance")
    for follow in follow_ups(ctx.index, pagu_tolerance=tolerance):
        if follow.record is None or not follow.pagu_differs:
            continue
        agreement, meeting, record = follow.agreement, follow.meeting, follow.record
        assert agreement.pagu is not None and follow.plan is not None
        agreed, ours = agreement.pagu.amount, follow.plan_pagu
        values: dict[str, object] = {
            "code": agreement.sub_activity,
            "plan": follow.plan.title,
            "year": agreement.year,
            "agreed": agreed,
            "meeting": meeting.title,
            "agreement": agreement.id,
            "tolerance": tolerance,
        }
        key = "skn503.no-pagu"
        if ours is not None:
            difference, relative = ours - agreed, follow.pagu_relative
            values.update(
                ours=ours,
                difference=abs(difference),
                relative=abs(relative) if relative is not None else None,
                direction=ctx.text("skn503.higher" if difference > 0 else "skn503.lower"),
            )
            key = "skn503.pagu" if relative is not None else "skn503.pagu.none-agreed"
        finding = ctx.report(
            record.ref,
            key,
            values,
            evidence={
                **_agreement_evidence(ctx, follow),
                "plan_pagu": ours,
                "difference": ours - agreed if ours is not None else None,
                "relative_difference": follow.pagu_relative,
                "tolerance": tolerance,
                "agreement_ref": follow.ref,
                "agreement_location": _where(agreement.provenance),
            },
            fix="skn503.pagu.fix",
        )
        yield _located(finding, record.plan.provenance, agreement.provenance, meeting.provenance)


# -- SKN504 ----------------------------------------------------------------------------------------------
@rule(
    "SKN504",
    "action-item-overdue",
    Severity.WARNING,
    id="Tindak lanjut rapat melewati batas waktu dan belum selesai",
    en="A meeting follow-up action is past its due date and not done",
)
def action_item_overdue(ctx: Context) -> Iterator[Finding]:
    """Action items (tindak lanjut) with a due date before the check date whose status is ``belum`` or ``proses``."""
    today: dt.date = ctx.today
    for meeting in ctx.bundle.meetings:
        for action in meeting.action_items:
            if action.due is None or action.due >= today or action.status not in _OPEN:
                continue
            days = (today - action.due).days
            values = {
                "action": action.id,
                "description": action.description,
                "owner": action.owner,
                "meeting": meeting.title,
                "due": action.due.isoformat(),
                "days": days,
                "today": today.isoformat(),
                "status": action.status.value,
            }
            finding = ctx.report(
                ref(meeting.id, action.id),
                "skn504.overdue",
                values,
                evidence={
                    "meeting": meeting.id,
                    "action": action.id,
                    "owner": action.owner,
                    "due": action.due.isoformat(),
                    "status": action.status.value,
                    "days_overdue": days,
                    "today": today.isoformat(),
                },
                fix="skn504.overdue.fix",
                path=PATH_SEPARATOR.join((meeting.title, f"Tindak lanjut {action.id}: {action.description}")),
            )
            yield _located(finding, action.provenance, meeting.provenance)


# -- SKN505 ----------------------------------------------------------------------------------------------
def _outcome_key(text: str | None) -> str:
    return comparison_key(text) if text else ""


@rule(
    "SKN505",
    "outcome-unsupported",
    Severity.WARNING,
    id="Sasaran/indikator outcome yang dibahas di desk tanpa sub kegiatan pendukung yang disepakati",
    en="An outcome target discussed at a desk has no supporting sub kegiatan agreed",
)
def outcome_unsupported(ctx: Context) -> Iterator[Finding]:
    """Outcomes listed for a desk (``Desk.outcomes``) that no agreement of that desk names as its outcome.

    An agreement supports an outcome when its ``outcome`` reads the same (case, spacing and
    punctuation aside).
    """
    for meeting in ctx.bundle.meetings:
        supported: dict[str | None, set[str]] = {}
        for agreement in meeting.agreements:
            supported.setdefault(agreement.desk_id, set()).add(_outcome_key(agreement.outcome))
        for desk in meeting.desks:
            keys = supported.get(desk.id, set())
            for outcome in desk.outcomes:
                if _outcome_key(outcome) in keys:
                    continue
                count = sum(1 for a in meeting.agreements if a.desk_id == desk.id)
                finding = ctx.report(
                    ref(meeting.id, desk.id),
                    "skn505.unsupported",
                    {"outcome": outcome, "desk": desk.name, "meeting": meeting.title, "count": count},
                    evidence={
                        "meeting": meeting.id,
                        "desk": desk.id,
                        "desk_name": desk.name,
                        "outcome": outcome,
                        "sectors": [str(s) for s in desk.sectors],
                        "agreements_at_desk": count,
                    },
                    fix="skn505.unsupported.fix",
                    path=PATH_SEPARATOR.join((meeting.title, desk.name)),
                )
                yield _located(finding, meeting.provenance)


# -- SKN506 ----------------------------------------------------------------------------------------------
def _ministry(ctx: Context, addressed: str) -> Ministry | None:
    key = comparison_key(addressed)
    for ministry in ctx.bundle.national.ministries:
        if addressed.strip() == ministry.code or key in (
            comparison_key(ministry.name),
            comparison_key(ministry.alias or ""),
        ):
            return ministry
    return None


_SECTOR_STOPWORDS = frozenset({"urusan", "pemerintahan", "bidang", "dan", "serta", "yang", "di", "ke"})


def _sector_words(ctx: Context, sector: Code, year: int | None) -> set[str]:
    entry = ctx.nomenclature.lookup(sector, year)
    if entry is None:
        return set()
    return {w for w in _words(entry.name) if w not in _SECTOR_STOPWORDS and len(w) > 2}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.casefold()))


def proposal_programs(
    ctx: Context, proposal: Proposal, ministry: Ministry
) -> tuple[list[MinistryProgram], list[MinistryProgram], str]:
    """The K/L's programs for the proposal's year, those matching its bidang urusan, and how they were matched.

    How: ``"crosswalk"`` (a K/L program ↔ bidang urusan crosswalk covers the K/L's programs),
    ``"name"`` (the bidang urusan's name in the program name) or ``"any"`` (the proposal names no bidang).
    """
    plans: list[MinistryPlan] = [
        p
        for p in ctx.bundle.national.plans
        if p.ministry_code == ministry.code and (proposal.year is None or p.year == proposal.year)
    ]
    programs = [program for plan in plans for program in plan.programs]
    if proposal.sector is None:
        return programs, programs, "any"
    sector = proposal.sector
    crosswalks = ctx.bundle.national.program_crosswalks
    mapped = {id(p): set().union(*(c.sectors_for(p.code) for c in crosswalks)) for p in programs}
    if any(mapped.values()):
        wanted = sector.sector or sector
        matching = [p for p in programs if any((s.sector or s) == wanted for s in mapped[id(p)])]
        return programs, matching, "crosswalk"
    words = _sector_words(ctx, sector, proposal.year)
    matching = [p for p in programs if words and words & _words(p.name)]
    return programs, matching, "name"


@rule(
    "SKN506",
    "proposal-without-kl-program",
    Severity.WARNING,
    id="Usulan daerah kepada K/L tanpa program K/L yang sesuai dalam Renja K/L tahun usulan",
    en="A region's proposal to a K/L matches no program of that K/L's plans for the year",
)
def proposal_without_kl_program(ctx: Context) -> Iterator[Finding]:
    """Proposals (usulan) whose K/L has plans for the proposal's year in the bundle, none of whose programs fits.

    Silent when the bundle holds no plan of the addressed K/L for that year (nothing to compare).
    """
    if not ctx.bundle.national.plans:
        return
    for meeting in ctx.bundle.meetings:
        for proposal in meeting.proposals:
            if not proposal.addressed_to:
                continue
            ministry = _ministry(ctx, proposal.addressed_to)
            if ministry is None:
                continue
            programs, matching, how = proposal_programs(ctx, proposal, ministry)
            if not programs or matching:
                continue
            sector = str(proposal.sector)
            programs_of = ministry.alias or ministry.name
            if proposal.year:
                programs_of = f"{programs_of} {proposal.year}"
            names = [f"{p.code} {p.name}" for p in programs]
            values = {
                "proposal": proposal.id,
                "title": proposal.title,
                "government": proposal.government_id,
                "ministry": ministry.name,
                "count": len(programs),
                "programs_of": programs_of,
                "sector": sector,
            }
            finding = ctx.report(
                ref(meeting.id, proposal.id),
                "skn506.no-program",
                values,
                evidence={
                    "meeting": meeting.id,
                    "proposal": proposal.id,
                    "government": proposal.government_id,
                    "addressed_to": proposal.addressed_to,
                    "ministry": ministry.code,
                    "sector": sector,
                    "year": proposal.year,
                    "rank": proposal.rank,
                    "programs": names,
                    "matched_by": how,
                },
                fix="skn506.no-program.fix",
                path=PATH_SEPARATOR.join((meeting.title, f"Usulan {proposal.id}: {proposal.title}")),
            )
            yield _located(finding, proposal.provenance, meeting.provenance)


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
