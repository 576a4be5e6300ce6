"""The meeting summary: attendance by level and role against the invitees, agreements per desk, follow-up rate.

>>> import datetime as dt
>>> from sinkron import Meeting, MeetingKind, Participant
>>> meeting = Meeting(id="rakor", kind=MeetingKind.RAKOR, title="Rakor 2025", start=dt.date(2025, 10, 26),
...     participants=[Participant(role="Sekda", government_id="62"), Participant(role="Sekda", government_id="62.71")],
...     invitees=[Participant(role="Sekda", government_id=g) for g in ("62", "62.71", "62.02")])
>>> summary = summarise(meeting)
>>> [(g.level, g.role, g.parties) for g in summary.attendance]
[('provinsi', 'Sekda', 1), ('kabupaten/kota', 'Sekda', 1)]
>>> [(m.government_id, m.role) for m in summary.missing]
[('62.02', 'Sekda')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from sinkron.align.followup import DEFAULT_PAGU_TOLERANCE, DEFAULT_TARGET_TOLERANCE, FollowUpState, follow_ups
from sinkron.align.index import BundleIndex
from sinkron.align.rules._shared import percent_id
from sinkron.models import AgencyKind, Bundle, GovernmentLevel, Meeting, Participant
from sinkron.names import comparison_key
from sinkron.nomenclature import Nomenclature
from sinkron.numbers import format_id

__all__ = [
    "LEVELS",
    "AgencyFollowUp",
    "AttendanceGroup",
    "DeskAgreements",
    "FollowUpRate",
    "LevelAttendance",
    "MeetingSummary",
    "party_key",
    "party_level",
    "render_summary_text",
    "summarise",
]

#: Attendance levels, in reporting order.
LEVELS = ("pusat", "provinsi", "kabupaten/kota", "lainnya")


def party_level(party: Participant, bundle: Bundle | None = None) -> str:
    """``pusat``, ``provinsi``, ``kabupaten/kota`` or ``lainnya`` for a participant or invitee.

    From the bundle's government or agency when known; else from the shape of the id: a kode
    wilayah (``62`` a province, ``62.71`` a kabupaten/kota, ``pusat`` the national government) or a
    K/L bagian anggaran code (``024``, national).
    """
    governments = {g.id: g for g in bundle.governments} if bundle else {}
    agencies = {a.id: a for a in bundle.agencies} if bundle else {}
    government_id = party.government_id
    if party.agency_id is not None and party.agency_id in agencies:
        agency = agencies[party.agency_id]
        if agency.kind is AgencyKind.MINISTRY:
            return "pusat"
        government_id = government_id or agency.government_id
    elif government_id is None and party.agency_id is not None and re.fullmatch(r"\d{3}", party.agency_id):
        return "pusat"
    if government_id is None:
        return "lainnya"
    government = governments.get(government_id)
    if government is not None:
        level = government.level
        if level is GovernmentLevel.NATIONAL:
            return "pusat"
        return "provinsi" if level is GovernmentLevel.PROVINCE else "kabupaten/kota"
    if government_id == "pusat":
        return "pusat"
    parts = government_id.split(".")
    if all(p.isdigit() and len(p) == 2 for p in parts):
        return "provinsi" if len(parts) == 1 else "kabupaten/kota" if len(parts) == 2 else "lainnya"
    return "lainnya"


def party_key(party: Participant) -> str:
    """Who a participant or invitee is: the government id, else the agency id, else the name (compared loosely)."""
    if party.government_id or party.agency_id:
        return f"{party.government_id or ''}|{party.agency_id or ''}"
    return f"name|{comparison_key(party.name or '')}"


def _role_key(role: str) -> str:
    return comparison_key(role)


@attrs.frozen(kw_only=True)
class AttendanceGroup:
    """Attendance of one role at one level: how many parties (governments/agencies) and people came."""

    level: str
    role: str
    parties: int
    head_count: int
    expected_parties: int = 0
    """Invited parties of this level and role (0 when the meeting has no invitees)."""


@attrs.frozen(kw_only=True)
class LevelAttendance:
    """Parties of one level present and expected (any role)."""

    level: str
    present: int
    expected: int
    missing: int


@attrs.frozen(kw_only=True)
class DeskAgreements:
    """The agreements of one desk (``desk_id`` ``None``: agreements outside any desk)."""

    desk_id: str | None
    desk_name: str
    agreements: int
    agencies: int
    pagu: Decimal
    """The sum of the agreed pagu."""
    outcomes: int
    """Outcome targets discussed at the desk."""


@attrs.frozen(kw_only=True)
class AgencyFollowUp:
    """Follow-up of one perangkat daerah's agreements."""

    agency_id: str
    agency_name: str
    agreements: int
    checked: int
    followed: int
    absent: int
    differs: int
    """In the plan, with another target or pagu."""


@attrs.frozen(kw_only=True)
class FollowUpRate:
    """How many agreements show up in the plans of their year, as agreed."""

    agreements: int
    checked: int
    """Agreements with a Renja PD / RKPD of their year in the bundle."""
    followed: int
    absent: int
    differs: int
    by_agency: tuple[AgencyFollowUp, ...]

    @property
    def rate(self) -> Decimal | None:
        """``followed / checked`` (4 places), ``None`` when nothing could be checked."""
        if not self.checked:
            return None
        return (Decimal(self.followed) / Decimal(self.checked)).quantize(Decimal("0.0001"))


@attrs.frozen(kw_only=True)
class MeetingSummary:
    """What a meeting gathered and decided, and how far its agreements were followed up."""

    meeting_id: str
    title: str
    participants: int
    """Parties that attended (attendance rows)."""
    head_count: int
    attendance: tuple[AttendanceGroup, ...]
    levels: tuple[LevelAttendance, ...]
    expected: int
    """Invited parties (rows of the invitation list)."""
    missing: tuple[Participant, ...]
    """Invitees with no attendance row of the same party and role."""
    desks: tuple[DeskAgreements, ...]
    action_items: dict[str, int] = attrs.field(factory=dict, hash=False)
    """Action items by status value."""
    proposals: int = 0
    follow_up: FollowUpRate | None = None
    """``None`` when no plan was given."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (decimals as text)."""

        def plain(value: Any) -> Any:
            if isinstance(value, Decimal):
                return str(value)
            if isinstance(value, Participant):
                return {k: v for k, v in attrs.asdict(value).items() if v is not None}
            if isinstance(value, (list, tuple)):
                return [plain(v) for v in value]
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if attrs.has(type(value)):
                return {f.name: plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
            return value

        out: dict[str, Any] = plain(self)
        if self.follow_up is not None:
            rate = self.follow_up.rate
            out["follow_up"]["rate"] = str(rate) if rate is not None else None
        return out


def _attendance(
    meeting: Meeting, invitees: Sequence[Participant], bundle: Bundle | None
) -> tuple[tuple[AttendanceGroup, ...], tuple[LevelAttendance, ...], tuple[Participant, ...]]:
    groups: dict[tuple[str, str], list[Participant]] = defaultdict(list)
    role_names: dict[str, str] = {}
    for party in meeting.participants:
        key = _role_key(party.role)
        role_names.setdefault(key, party.role)
        groups[(party_level(party, bundle), key)].append(party)
    expected: dict[tuple[str, str], set[str]] = defaultdict(set)
    for invitee in invitees:
        key = _role_key(invitee.role)
        role_names.setdefault(key, invitee.role)
        expected[(party_level(invitee, bundle), key)].add(party_key(invitee))
    present = {(party_key(p), _role_key(p.role)) for p in meeting.participants}
    missing = tuple(i for i in invitees if (party_key(i), _role_key(i.role)) not in present)
    order = {level: n for n, level in enumerate(LEVELS)}
    keys = sorted(set(groups) | set(expected), key=lambda k: (order[k[0]], role_names[k[1]]))
    attendance = tuple(
        AttendanceGroup(
            level=level,
            role=role_names[role],
            parties=len({party_key(p) for p in groups.get((level, role), [])}),
            head_count=sum(p.count for p in groups.get((level, role), [])),
            expected_parties=len(expected.get((level, role), set())),
        )
        for level, role in keys
    )
    levels = []
    for level in LEVELS:
        came = {party_key(p) for p in meeting.participants if party_level(p, bundle) == level}
        invited = {party_key(i) for i in invitees if party_level(i, bundle) == level}
        if came or invited:
            levels.append(
                LevelAttendance(level=level, present=len(came), expected=len(invited), missing=len(invited - came))
            )
    return attendance, tuple(levels), missing


def _desks(meeting: Meeting) -> tuple[DeskAgreements, ...]:
    rows = []
    desks: list[tuple[str | None, str, int]] = [(d.id, d.name, len(d.outcomes)) for d in meeting.desks]
    if any(a.desk_id is None for a in meeting.agreements):
        desks.append((None, "Tanpa desk", 0))
    for desk_id, name, outcomes in desks:
        agreements = [a for a in meeting.agreements if a.desk_id == desk_id]
        rows.append(
            DeskAgreements(
                desk_id=desk_id,
                desk_name=name,
                agreements=len(agreements),
                agencies=len({a.agency_id for a in agreements}),
                pagu=sum((a.pagu.amount for a in agreements if a.pagu is not None), Decimal(0)),
                outcomes=outcomes,
            )
        )
    return tuple(rows)


def _follow_up(
    meeting: Meeting,
    plans: Bundle,
    nomenclature: Nomenclature | None,
    target_tolerance: Decimal,
    pagu_tolerance: Decimal,
) -> FollowUpRate:
    index = BundleIndex(plans, nomenclature)
    found = follow_ups(index, target_tolerance=target_tolerance, pagu_tolerance=pagu_tolerance, meetings=[meeting])
    by_agency: dict[str, list[FollowUpState]] = defaultdict(list)
    for follow in found:
        by_agency[follow.agency_id].append(follow.state)
    differ = {FollowUpState.TARGET, FollowUpState.PAGU, FollowUpState.TARGET_AND_PAGU}

    def count(states: Iterable[FollowUpState], wanted: set[FollowUpState]) -> int:
        return sum(1 for s in states if s in wanted)

    rows = tuple(
        AgencyFollowUp(
            agency_id=agency,
            agency_name=index.agencies[agency].name if agency in index.agencies else agency,
            agreements=len(states),
            checked=count(states, set(FollowUpState) - {FollowUpState.NOT_CHECKED}),
            followed=count(states, {FollowUpState.FOLLOWED}),
            absent=count(states, {FollowUpState.ABSENT}),
            differs=count(states, differ),
        )
        for agency, states in sorted(by_agency.items())
    )
    return FollowUpRate(
        agreements=len(found),
        checked=sum(r.checked for r in rows),
        followed=sum(r.followed for r in rows),
        absent=sum(r.absent for r in rows),
        differs=sum(r.differs for r in rows),
        by_agency=rows,
    )


def summarise(
    meeting: Meeting,
    bundle: Bundle | None = None,
    *,
    expected: Iterable[Participant] | None = None,
    nomenclature: Nomenclature | None = None,
    target_tolerance: Decimal = DEFAULT_TARGET_TOLERANCE,
    pagu_tolerance: Decimal = DEFAULT_PAGU_TOLERANCE,
) -> MeetingSummary:
    """Summarise ``meeting``.

    ``expected`` is the invitation list (default: the meeting's own ``invitees``). ``bundle`` gives
    governments and agencies (for levels and names) and the plans the agreements are followed up
    in; without plans ``follow_up`` is ``None``.
    """
    invitees = tuple(expected) if expected is not None else meeting.invitees
    attendance, levels, missing = _attendance(meeting, invitees, bundle)
    statuses: dict[str, int] = defaultdict(int)
    for action in meeting.action_items:
        statuses[action.status.value] += 1
    follow = None
    if bundle is not None and bundle.plans:
        follow = _follow_up(meeting, bundle, nomenclature, target_tolerance, pagu_tolerance)
    return MeetingSummary(
        meeting_id=meeting.id,
        title=meeting.title,
        participants=len(meeting.participants),
        head_count=meeting.participant_count,
        attendance=attendance,
        levels=levels,
        expected=len(invitees),
        missing=missing,
        desks=_desks(meeting),
        action_items=dict(statuses),
        proposals=len(meeting.proposals),
        follow_up=follow,
    )


def _percent(rate: Decimal | None) -> str:
    return "–" if rate is None else percent_id(rate)


def render_summary_text(summary: MeetingSummary) -> str:
    """The summary as plain text (what ``sinkron meeting summary`` prints)."""
    out = [f"{summary.title} ({summary.meeting_id})"]
    out.append(f"Peserta: {summary.participants} pihak, {summary.head_count} orang; undangan: {summary.expected} pihak")
    if summary.levels:
        out += ["", "Kehadiran per tingkat:", f"  {'tingkat':<16}{'hadir':>7}{'diundang':>10}{'tidak hadir':>13}"]
        out += [f"  {lv.level:<16}{lv.present:>7}{lv.expected:>10}{lv.missing:>13}" for lv in summary.levels]
    if summary.attendance:
        out += [
            "",
            "Kehadiran per jabatan:",
            f"  {'tingkat':<16}{'jabatan':<28}{'pihak':>7}{'orang':>7}{'diundang':>10}",
        ]
        out += [
            f"  {g.level:<16}{g.role[:27]:<28}{g.parties:>7}{g.head_count:>7}{g.expected_parties:>10}"
            for g in summary.attendance
        ]
    if summary.missing:
        out += ["", f"Undangan yang tidak hadir ({len(summary.missing)}):"]
        for party in summary.missing:
            who = " ".join(x for x in (party.government_id, party.agency_id, party.name) if x)
            out.append(f"  - {who}: {party.role}")
    if summary.desks:
        out += ["", "Kesepakatan per desk:"]
        for desk in summary.desks:
            out.append(
                f"  {desk.desk_id or '-'} {desk.desk_name}: {desk.agreements} kesepakatan, {desk.agencies} "
                f"perangkat daerah, pagu Rp {format_id(desk.pagu)}, {desk.outcomes} sasaran dibahas"
            )
    if summary.action_items:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(summary.action_items.items()))
        out += ["", f"Tindak lanjut: {statuses}"]
    if summary.proposals:
        out.append(f"Usulan: {summary.proposals}")
    follow = summary.follow_up
    if follow is not None:
        out += [
            "",
            f"Tindak lanjut kesepakatan dalam Renja/RKPD: {follow.followed} dari {follow.checked} yang dapat diperiksa "
            f"sesuai ({_percent(follow.rate)}); {follow.absent} tidak tercantum, {follow.differs} target/pagu berbeda, "
            f"{follow.agreements - follow.checked} tanpa rencana untuk diperiksa",
            f"  {'perangkat daerah':<40}{'kesepakatan':>12}{'diperiksa':>10}{'sesuai':>8}{'tidak ada':>10}{'berbeda':>9}",
        ]
        out += [
            f"  {a.agency_name[:39]:<40}{a.agreements:>12}{a.checked:>10}{a.followed:>8}{a.absent:>10}{a.differs:>9}"
            for a in follow.by_agency
        ]
    return "\n".join(out) + "\n"
