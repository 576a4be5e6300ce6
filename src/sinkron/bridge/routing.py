"""Routing usulan: a region's proposals from coordination meetings, sent to the matching K/L programs.

A :class:`~sinkron.models.Proposal` (usulan, recorded in a Musrenbang, Rakortekrenbang or Rakor)
names the need's bidang urusan and, usually, the K/L it is addressed to. sinkron routes it **by
the K/L program ↔ bidang urusan crosswalks** in ``Bundle.national.program_crosswalks``
(:meth:`sinkron.kl.ProgramSectorCrosswalk.programs_for`), never by similar codes or names:

1. the crosswalk rows of the proposal's bidang urusan give K/L codes — a K/L (``024``), a unit
   (``024.05``) or a program (``024.05.DH``);
2. when the proposal names a K/L (by bagian anggaran, name or alias, matched exactly after
   normalising case and punctuation), only the codes of that K/L are kept; if the crosswalk sends
   the bidang elsewhere, the route says so (``basis="addressed"``, with the crosswalk's K/L in
   :attr:`ProposalRoute.elsewhere`);
3. the routed codes are looked up in the K/L plans of the proposal's year (Renja K/L, RKA-K/L):
   every program within a routed code is a destination.

A proposal without a bidang urusan, or whose bidang no crosswalk maps, is routed to the addressed
K/L as a whole (``basis="addressed"``) or not at all (``basis="none"``).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from sinkron.bridge._common import government_name
from sinkron.bridge.tables import Column, RowStyle, Table, TableRow
from sinkron.kl import KLCode, Ministry, MinistryPlan, MinistryProgram
from sinkron.models import Bundle, Meeting, Proposal, ref
from sinkron.names import comparison_key

__all__ = ["ProposalRoute", "find_ministry", "route_proposals", "routing_table"]


@attrs.frozen(kw_only=True)
class ProposalRoute:
    """Where one usulan goes: the K/L, the K/L codes the crosswalks give, and the programs in the K/L plans."""

    meeting: Meeting
    proposal: Proposal
    ministry: Ministry | None
    """The K/L the proposal is addressed to, when the bundle knows it."""
    routed: tuple[KLCode, ...]
    """K/L, unit or program codes the crosswalks give for the bidang urusan (of the addressed K/L when known)."""
    programs: tuple[tuple[MinistryPlan, MinistryProgram], ...]
    """The programs of the K/L plans of the proposal's year that the proposal reaches."""
    basis: str
    """``crosswalk``, ``addressed`` or ``none``."""
    elsewhere: tuple[KLCode, ...] = ()
    """Codes of other K/L the crosswalks give for the bidang, when the addressed K/L is not among them."""

    @property
    def ref(self) -> str:
        """``meeting#proposal``."""
        return ref(self.meeting.id, self.proposal.id)


def find_ministry(bundle: Bundle, addressed: str | None) -> Ministry | None:
    """The K/L a proposal names: by bagian anggaran (``"024"``), name or alias, compared without case or punctuation."""
    if not addressed:
        return None
    key = comparison_key(addressed)
    for ministry in bundle.national.ministries:
        if addressed.strip() == ministry.code or key in (
            comparison_key(ministry.name),
            comparison_key(ministry.alias or ""),
        ):
            return ministry
    return None


def _within(plan: MinistryPlan, program: KLCode, code: KLCode) -> bool:
    """Whether a program of ``plan`` (anchored, or written from its unit or program) sits under a routed code."""
    if code.budget_section != plan.ministry_code:
        return False
    if program.is_anchored:
        return program.is_within(code)
    return all(program.segment(level) in (None, value) for level, value in code.segments().items())


def route_proposals(
    bundle: Bundle, *, year: int | None = None, government_id: str | None = None
) -> tuple[ProposalRoute, ...]:
    """The route of every proposal of the bundle's meetings (of ``year`` and ``government_id`` when given)."""
    return tuple(
        _route(bundle, meeting, proposal)
        for meeting in bundle.meetings
        for proposal in meeting.proposals
        if (year is None or proposal.year in (None, year))
        and (government_id is None or proposal.government_id == government_id)
    )


def _route(bundle: Bundle, meeting: Meeting, proposal: Proposal) -> ProposalRoute:
    """Steps 1–3 of the module docs for one proposal."""
    ministry = find_ministry(bundle, proposal.addressed_to)
    routed, elsewhere = _routed_codes(bundle, proposal, ministry)
    plans = [
        p
        for p in bundle.national.plans
        if (proposal.year is None or p.year == proposal.year) and (ministry is None or p.ministry_code == ministry.code)
    ]
    if routed:
        basis = "crosswalk"
        reached = [(p, prog) for p in plans for prog in p.programs if any(_within(p, prog.code, c) for c in routed)]
    elif ministry is not None:
        basis = "addressed"
        reached = [(p, prog) for p in plans for prog in p.programs]
    else:
        basis, reached = "none", []
    return ProposalRoute(
        meeting=meeting,
        proposal=proposal,
        ministry=ministry,
        routed=tuple(routed),
        programs=tuple(reached),
        basis=basis,
        elsewhere=elsewhere,
    )


def _routed_codes(
    bundle: Bundle, proposal: Proposal, ministry: Ministry | None
) -> tuple[list[KLCode], tuple[KLCode, ...]]:
    """``(routed, elsewhere)``: the K/L codes the crosswalks give for the proposal's bidang urusan, sorted.

    With an addressed K/L only its codes are routed; when none of the codes is its, they are ``elsewhere``.
    """
    codes: set[KLCode] = set()
    if proposal.sector is not None:
        for crosswalk in bundle.national.program_crosswalks:
            codes |= crosswalk.programs_for(proposal.sector)
    ordered = sorted(codes, key=str)
    if ministry is None:
        return ordered, ()
    mine = [c for c in ordered if c.budget_section == ministry.code]
    return mine, () if mine else tuple(ordered)


_BASIS = {
    "crosswalk": "crosswalk program K/L ↔ bidang urusan",
    "addressed": "K/L yang dituju (bidang urusan tidak terpetakan ke K/L ini)",
    "none": "tidak terarah: K/L tidak dikenal dan bidang urusan tidak terpetakan",
}


def routing_table(bundle: Bundle, routes: Iterable[ProposalRoute], *, title: str | None = None) -> Table:
    """The routes as a table: usulan, region, bidang urusan, K/L, routed codes, programs, basis."""
    rows: list[TableRow] = []
    for number, route in enumerate(routes, start=1):
        proposal = route.proposal
        ministry = route.ministry.name if route.ministry else (proposal.addressed_to or None)
        programs = tuple(f"{p.code} {p.name} ({plan.id})" for plan, p in route.programs)
        note = _BASIS[route.basis]
        if route.elsewhere:
            note += "; crosswalk mengarahkan bidang ini ke " + ", ".join(str(c) for c in route.elsewhere)
        if route.basis != "none" and not route.programs:
            note += "; tidak ada Renja K/L tahun usulan yang dimuat"
        rows.append(
            TableRow(
                (
                    str(number),
                    f"{proposal.id} {proposal.title}",
                    route.meeting.title,
                    government_name(bundle, proposal.government_id),
                    str(proposal.sector) if proposal.sector else None,
                    ministry,
                    tuple(str(c) for c in route.routed) or None,
                    programs or None,
                    proposal.pagu,
                    note,
                )
            )
        )
    columns = (
        Column(("NO",), width=5),
        Column(("USULAN",), width=36),
        Column(("RAPAT",), width=30),
        Column(("PEMERINTAH DAERAH",), width=22),
        Column(("BIDANG URUSAN",), width=10),
        Column(("K/L", "YANG DITUJU"), width=26),
        Column(("K/L", "KODE HASIL CROSSWALK"), width=16),
        Column(("K/L", "PROGRAM TUJUAN"), width=40),
        Column(("NILAI USULAN (Rp)",), kind="money", width=16),
        Column(("DASAR",), width=36),
    )
    if not rows:
        rows.append(TableRow(("Tidak ada usulan.",), style=RowStyle.NOTE))
    return Table(title=title or "USULAN DAERAH KEPADA K/L", columns=columns, rows=rows, name="Usulan")
