"""Coordination meetings: Rakor, Rakortekrenbang and its desks, Musrenbang, Rakor kemiskinan."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from sinkron.codes import Code
from sinkron.errors import InvalidModel
from sinkron.models._base import non_empty, optional_year, to_tuple, unique_ids, year
from sinkron.models.money import Money
from sinkron.models.provenance import Provenance
from sinkron.models.values import Value

__all__ = [
    "ActionItem",
    "ActionStatus",
    "AgendaItem",
    "Agreement",
    "Desk",
    "Meeting",
    "MeetingKind",
    "Participant",
    "Proposal",
]


class MeetingKind(str, enum.Enum):
    """Kind of coordination meeting."""

    RAKOR = "rakor"
    """Rapat koordinasi, e.g. Rakor sinkronisasi program dan kegiatan K/L–Pemda."""
    RAKORTEKRENBANG = "rakortekrenbang"
    """Rapat koordinasi teknis perencanaan pembangunan, organised in desks per urusan."""
    DESK = "desk"
    """A single desk urusan held on its own."""
    MUSRENBANG = "musrenbang"
    """Musyawarah perencanaan pembangunan (desa, kecamatan, kab/kota, provinsi, nasional)."""
    FORUM_PD = "forum_pd"
    """Forum perangkat daerah / forum lintas perangkat daerah."""
    RAKOR_POVERTY = "rakor_kemiskinan"
    """Rakor penanggulangan kemiskinan (TKPK), feeding the RPKD."""

    @property
    def label(self) -> str:
        """The name a berita acara gives the kind of meeting (``Rakor Penanggulangan Kemiskinan``).

        >>> MeetingKind.RAKOR_POVERTY.label
        'Rakor Penanggulangan Kemiskinan'
        """
        return _KIND_LABELS[self]


_KIND_LABELS = {
    MeetingKind.RAKOR: "Rapat Koordinasi",
    MeetingKind.RAKORTEKRENBANG: "Rakortekrenbang",
    MeetingKind.DESK: "Desk Urusan",
    MeetingKind.MUSRENBANG: "Musrenbang",
    MeetingKind.FORUM_PD: "Forum Perangkat Daerah",
    MeetingKind.RAKOR_POVERTY: "Rakor Penanggulangan Kemiskinan",
}


class ActionStatus(str, enum.Enum):
    """Status of a follow-up action (tindak lanjut)."""

    OPEN = "belum"
    IN_PROGRESS = "proses"
    DONE = "selesai"
    CANCELLED = "batal"


@attrs.frozen(kw_only=True)
class Participant:
    """A participating party: a government or agency, in a role (Sekda, Kepala Bappeda), with a head count."""

    role: str = attrs.field(validator=non_empty)
    government_id: str | None = None
    agency_id: str | None = None
    name: str | None = None
    """Name of the party as written in the attendance list, when no id is known."""
    count: int = 1
    desk_id: str | None = None
    """The desk the party attended or signs for (``None``: the whole meeting)."""

    def __attrs_post_init__(self) -> None:
        if self.count < 1:
            raise InvalidModel("Participant", "count", f"must be at least 1, got {self.count}")
        if not (self.government_id or self.agency_id or self.name):
            raise InvalidModel("Participant", "government_id", "a participant needs a government, an agency or a name")


@attrs.frozen(kw_only=True)
class AgendaItem:
    """Acara: one item of the agenda."""

    title: str = attrs.field(validator=non_empty)
    start: dt.datetime | None = None
    speaker: str | None = None


@attrs.frozen(kw_only=True)
class Desk:
    """A desk (desk urusan) of a Rakortekrenbang: one bidang urusan or group of them."""

    id: str = attrs.field(validator=non_empty)
    name: str = attrs.field(validator=non_empty)
    sectors: tuple[Code, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Bidang urusan handled at the desk (``1.02``)."""
    outcomes: tuple[str, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Outcome targets (sasaran / indikator outcome) discussed at the desk; agreements name the sub kegiatan supporting them."""


@attrs.frozen(kw_only=True)
class Agreement:
    """Kesepakatan: an agency's sub kegiatan supports an outcome target, with target value, pagu and year."""

    id: str = attrs.field(validator=non_empty)
    agency_id: str = attrs.field(validator=non_empty)
    sub_activity: Code
    """Kode sub kegiatan agreed."""
    year: int = attrs.field(validator=year)
    """The plan year the agreement applies to (the next Renja / RKPD)."""
    desk_id: str | None = None
    outcome: str | None = None
    """The outcome indicator or target supported (text, or a reference to an indicator/priority)."""
    target: Value | None = None
    pagu: Money | None = None
    notes: str | None = None
    provenance: Provenance | None = attrs.field(default=None, eq=False)


@attrs.frozen(kw_only=True)
class ActionItem:
    """Tindak lanjut: an action with an owner and a due date."""

    id: str = attrs.field(validator=non_empty)
    description: str = attrs.field(validator=non_empty)
    owner: str = attrs.field(validator=non_empty)
    """Government, agency id or role responsible."""
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    completed: dt.date | None = None
    provenance: Provenance | None = attrs.field(default=None, eq=False)


@attrs.frozen(kw_only=True)
class Proposal:
    """Usulan: a region's prioritised need addressed to a K/L, with rank and justification."""

    id: str = attrs.field(validator=non_empty)
    government_id: str = attrs.field(validator=non_empty)
    title: str = attrs.field(validator=non_empty)
    addressed_to: str | None = None
    """The K/L (agency id or name) the proposal is addressed to."""
    rank: int | None = None
    justification: str | None = None
    sector: Code | None = None
    """Bidang urusan of the need, used to route it to a K/L program."""
    pagu: Money | None = None
    year: int | None = attrs.field(default=None, validator=optional_year)
    provenance: Provenance | None = attrs.field(default=None, eq=False)


@attrs.frozen(kw_only=True)
class Meeting:
    """A coordination meeting and what it decided."""

    id: str = attrs.field(validator=non_empty)
    kind: MeetingKind
    title: str = attrs.field(validator=non_empty)
    start: dt.date
    end: dt.date | None = None
    host_id: str | None = None
    """The government or agency hosting it (e.g. the provincial Bappeda)."""
    venue: str | None = None
    chair: str | None = None
    minutes_number: str | None = None
    """Nomor berita acara, as the secretariat numbers the minutes (``050/123/BAPPEDA/XII/2026``)."""
    participants: tuple[Participant, ...] = attrs.field(factory=tuple, converter=to_tuple)
    agenda: tuple[AgendaItem, ...] = attrs.field(factory=tuple, converter=to_tuple)
    desks: tuple[Desk, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=unique_ids("desk"))
    agreements: tuple[Agreement, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=unique_ids("agreement")
    )
    action_items: tuple[ActionItem, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=unique_ids("action item")
    )
    proposals: tuple[Proposal, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=unique_ids("proposal"))
    invitees: tuple[Participant, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Undangan: the parties expected (role and count), against which attendance is summarised."""
    signatories: tuple[Participant, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Penandatangan berita acara: the signing roles, per desk (``desk_id``) or for the whole meeting."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise InvalidModel("Meeting", "end", f"ends {self.end} before it starts {self.start}")
        desks = {d.id for d in self.desks}
        for agreement in self.agreements:
            if agreement.desk_id is not None and agreement.desk_id not in desks:
                raise InvalidModel(
                    "Meeting", "agreements", f"agreement {agreement.id!r} names unknown desk {agreement.desk_id!r}"
                )
        for field in ("participants", "invitees", "signatories"):
            for party in getattr(self, field):
                if party.desk_id is not None and party.desk_id not in desks:
                    raise InvalidModel("Meeting", field, f"{party.role!r} names unknown desk {party.desk_id!r}")

    @property
    def participant_count(self) -> int:
        """Total head count."""
        return sum(p.count for p in self.participants)
