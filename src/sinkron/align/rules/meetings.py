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
from sinkron.align.rules._shared import percent_en, percent_id, rupiah_en, rupiah_id
from sinkron.codes import Code
from sinkron.kl import Ministry, MinistryPlan, MinistryProgram
from sinkron.models import ActionStatus, Agreement, Desk, Meeting, Proposal, Provenance, ref
from sinkron.names import comparison_key
from sinkron.nomenclature import Nomenclature
from sinkron.plugins.hookspecs import hookimpl

__all__ = ["agreement_path", "proposal_programs"]

_OPEN = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


# -- paths and wording ------------------------------------------------------------------------------------
def _desk(meeting: Meeting, desk_id: str | None) -> Desk | None:
    return next((d for d in meeting.desks if d.id == desk_id), None) if desk_id else None


def _code_name(nomenclature: Nomenclature, code: Code, year: int | None) -> str:
    entry = nomenclature.lookup(code, year)
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
        agency = _agency_name(ctx, follow.agency_id)
        name = _code_name(ctx.nomenclature, agreement.sub_activity, agreement.year)
        what = f"{agreement.sub_activity}" + (f" “{name}”" if name else "")
        desk = _desk(meeting, agreement.desk_id)
        at_id = f"{meeting.title}" + (f", {desk.name}" if desk else "")
        finding = ctx.finding(
            ref(meeting.id, agreement.id),
            id=f"Kesepakatan {agreement.id} ({at_id}): sub kegiatan {what} (perangkat daerah: {agency}) untuk tahun "
            f"{agreement.year} tidak tercantum dalam {plan.title}.",
            en=f"Agreement {agreement.id} ({at_id}): sub kegiatan {what} (perangkat daerah: {agency}) for "
            f"{agreement.year} is not in {plan.title}.",
            evidence=_agreement_evidence(ctx, follow),
            fix_id=f"Masukkan sub kegiatan {agreement.sub_activity} ke {plan.title} sesuai kesepakatan, atau catat "
            f"alasan pembatalannya dalam berita acara / tindak lanjut rapat.",
            fix_en=f"Add sub kegiatan {agreement.sub_activity} to {plan.title} as agreed, or record why it was "
            f"dropped in the minutes / follow-up of the meeting.",
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
        agreed = agreement.target.display()
        found = "; ".join(t.display() for t in follow.plan_targets) or None
        title = follow.plan.title
        tail_id = f"targetnya {found}" if found else f"tidak ada target untuk {agreement.year}"
        tail_en = f"its target is {found}" if found else f"it has no target for {agreement.year}"
        finding = ctx.finding(
            record.ref,
            id=f"Sub kegiatan {agreement.sub_activity} di {title}: {tail_id}, padahal disepakati {agreed} dalam "
            f"{meeting.title} (kesepakatan {agreement.id}); selisih melebihi toleransi {percent_id(tolerance)}.",
            en=f"Sub kegiatan {agreement.sub_activity} in {title}: {tail_en}, while {agreed} was agreed at "
            f"{meeting.title} (agreement {agreement.id}); beyond the {percent_en(tolerance)} tolerance.",
            evidence={
                **_agreement_evidence(ctx, follow),
                "plan_targets": [t.display() for t in follow.plan_targets],
                "tolerance": tolerance,
                "agreement_ref": follow.ref,
                "agreement_location": _where(agreement.provenance),
            },
            fix_id=f"Samakan target di {title} dengan kesepakatan ({agreed}), atau catat perubahan kesepakatan "
            f"dalam tindak lanjut rapat.",
            fix_en=f"Bring the target in {title} in line with the agreement ({agreed}), or record the changed "
            f"agreement in the meeting's follow-up.",
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
        agreed, ours, title = agreement.pagu.amount, follow.plan_pagu, follow.plan.title
        if ours is None:
            body_id = f"tidak ada pagu untuk {agreement.year}"
            body_en = f"it has no pagu for {agreement.year}"
        else:
            difference = ours - agreed
            rel = follow.pagu_relative
            more_id, more_en = ("lebih tinggi", "higher") if difference > 0 else ("lebih rendah", "lower")
            pct_id = f" ({percent_id(abs(rel))})" if rel is not None else ""
            pct_en = f" ({percent_en(abs(rel))})" if rel is not None else ""
            body_id = f"pagunya {rupiah_id(ours)}, {more_id} {rupiah_id(abs(difference))}{pct_id}"
            body_en = f"its pagu is {rupiah_en(ours)}, {rupiah_en(abs(difference))}{pct_en} {more_en}"
        finding = ctx.finding(
            record.ref,
            id=f"Sub kegiatan {agreement.sub_activity} di {title}: {body_id} dari pagu yang disepakati "
            f"{rupiah_id(agreed)} dalam {meeting.title} (kesepakatan {agreement.id}), di atas toleransi "
            f"{percent_id(tolerance)}.",
            en=f"Sub kegiatan {agreement.sub_activity} in {title}: {body_en} than the {rupiah_en(agreed)} agreed at "
            f"{meeting.title} (agreement {agreement.id}), beyond the {percent_en(tolerance)} tolerance."
            if ours is not None
            else f"Sub kegiatan {agreement.sub_activity} in {title}: {body_en}, while {rupiah_en(agreed)} was agreed "
            f"at {meeting.title} (agreement {agreement.id}).",
            evidence={
                **_agreement_evidence(ctx, follow),
                "plan_pagu": ours,
                "difference": ours - agreed if ours is not None else None,
                "relative_difference": follow.pagu_relative,
                "tolerance": tolerance,
                "agreement_ref": follow.ref,
                "agreement_location": _where(agreement.provenance),
            },
            fix_id=f"Sesuaikan pagu di {title} dengan kesepakatan ({rupiah_id(agreed)}), atau catat perubahan "
            f"kesepakatan dalam tindak lanjut rapat.",
            fix_en=f"Bring the pagu in {title} in line with the agreement ({rupiah_en(agreed)}), or record the "
            f"changed agreement in the meeting's follow-up.",
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
            finding = ctx.finding(
                ref(meeting.id, action.id),
                id=f"Tindak lanjut {action.id} “{action.description}” ({action.owner}) dari {meeting.title} "
                f"berbatas waktu {action.due.isoformat()}, sudah lewat {days} hari, dan berstatus "
                f"“{action.status.value}”.",
                en=f"Action {action.id} “{action.description}” ({action.owner}) from {meeting.title} was due "
                f"{action.due.isoformat()}, {days} days ago, and is still “{action.status.value}”.",
                evidence={
                    "meeting": meeting.id,
                    "action": action.id,
                    "owner": action.owner,
                    "due": action.due.isoformat(),
                    "status": action.status.value,
                    "days_overdue": days,
                    "today": today.isoformat(),
                },
                fix_id=f"Selesaikan tindak lanjut ini atau tetapkan batas waktu baru bersama {action.owner}, lalu "
                f"perbarui statusnya.",
                fix_en=f"Complete the action or agree a new due date with {action.owner}, then update its status.",
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
                finding = ctx.finding(
                    ref(meeting.id, desk.id),
                    id=f"Sasaran “{outcome}” dibahas di {desk.name} ({meeting.title}) tetapi tidak satu pun dari "
                    f"{count} kesepakatan desk ini menyebut sub kegiatan pendukungnya.",
                    en=f"The outcome “{outcome}” was discussed at {desk.name} ({meeting.title}) but none of the "
                    f"desk's {count} agreements names a sub kegiatan supporting it.",
                    evidence={
                        "meeting": meeting.id,
                        "desk": desk.id,
                        "desk_name": desk.name,
                        "outcome": outcome,
                        "sectors": [str(s) for s in desk.sectors],
                        "agreements_at_desk": count,
                    },
                    fix_id="Sepakati sub kegiatan perangkat daerah yang mendukung sasaran ini (kode, target, pagu), "
                    "atau catat mengapa sasaran ini tidak didukung tahun ini.",
                    fix_en="Agree the perangkat daerah sub kegiatan that supports this outcome (code, target, pagu), "
                    "or record why it is not supported this year.",
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
        p for p in ctx.bundle.national.plans
        if p.ministry_code == ministry.code and (proposal.year is None or p.year == proposal.year)
    ]  # fmt: skip
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
            year = f" {proposal.year}" if proposal.year else ""
            names = [f"{p.code} {p.name}" for p in programs]
            finding = ctx.finding(
                ref(meeting.id, proposal.id),
                id=f"Usulan {proposal.id} “{proposal.title}” ({proposal.government_id}) kepada {ministry.name}: tidak "
                f"satu pun dari {len(programs)} program {ministry.alias or ministry.name}{year} yang dimuat mengampu "
                f"bidang urusan {sector}.",
                en=f"Proposal {proposal.id} “{proposal.title}” ({proposal.government_id}) to {ministry.name}: none of "
                f"the {len(programs)} loaded program(s) of {ministry.alias or ministry.name}{year} serves bidang "
                f"urusan {sector}.",
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
                fix_id="Arahkan usulan ke K/L yang programnya mengampu bidang urusan ini, atau lengkapi crosswalk "
                "program K/L ↔ bidang urusan bila program yang sesuai memang ada.",
                fix_en="Address the proposal to the K/L whose program serves this bidang urusan, or complete the K/L "
                "program ↔ bidang urusan crosswalk if a fitting program does exist.",
                path=PATH_SEPARATOR.join((meeting.title, f"Usulan {proposal.id}: {proposal.title}")),
            )
            yield _located(finding, proposal.provenance, meeting.provenance)


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
