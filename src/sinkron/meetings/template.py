"""The empty meeting workbook a desk secretariat fills in (``sinkron meeting template``)."""

from __future__ import annotations

import attrs

from sinkron.models import Desk, MeetingKind, Participant
from sinkron.models._base import to_tuple

__all__ = ["MeetingTemplate"]


@attrs.frozen(kw_only=True)
class MeetingTemplate:
    """What to prefill in an empty meeting workbook: the kind of meeting, its desks, the invitation list.

    Exporters that accept it (the spreadsheet plugin's ``meeting-xlsx``) write the workbook layout
    of ``docs/meetings.md`` with these rows filled in and every other table empty.

    >>> MeetingTemplate(kind=MeetingKind.RAKORTEKRENBANG).desks
    ()
    """

    kind: MeetingKind | None = None
    title: str | None = None
    desks: tuple[Desk, ...] = attrs.field(factory=tuple, converter=to_tuple)
    invitees: tuple[Participant, ...] = attrs.field(factory=tuple, converter=to_tuple)
