"""Coordination meetings: summaries, minutes (berita acara) and the workbook template.

The models are in :mod:`sinkron.models.meetings` (``Meeting``, ``Desk``, ``Agreement`` …); the
follow-up of agreements in the plans of their year in :mod:`sinkron.align.followup` (and the
family-5 rules SKN501–SKN506). This package adds what a secretariat needs around a meeting:

* :func:`summarise` — attendance by level and role against the invitation list, agreements per
  desk, action items by status and, once plans are loaded, the follow-up rate per perangkat daerah;
* :func:`render_minutes_markdown` / :func:`render_minutes_html` — the minutes, also through
  ``sinkron.write(meeting, "berita-acara.md")`` (the ``minutes-md`` and ``minutes-html`` exporters);
  the spreadsheet plugin writes them as xlsx in the meeting workbook layout, which reads back into
  the same meeting. They open with the formula of a berita acara (:func:`opening_formula`: the day and
  the date in words, :func:`date_in_words`, then the place) and print targets with their satuan;
* :class:`MeetingTemplate` — what ``sinkron meeting template`` writes.

See ``docs/meetings.md``.
"""

from sinkron.meetings.minutes import (
    date_in_words,
    format_date,
    minutes_sections,
    opening_formula,
    render_minutes_html,
    render_minutes_markdown,
)
from sinkron.meetings.summary import (
    LEVELS,
    AgencyFollowUp,
    AttendanceGroup,
    DeskAgreements,
    FollowUpRate,
    LevelAttendance,
    MeetingSummary,
    party_key,
    party_level,
    render_summary_text,
    summarise,
)
from sinkron.meetings.template import MeetingTemplate

__all__ = [
    "LEVELS",
    "AgencyFollowUp",
    "AttendanceGroup",
    "DeskAgreements",
    "FollowUpRate",
    "LevelAttendance",
    "MeetingSummary",
    "MeetingTemplate",
    "date_in_words",
    "format_date",
    "minutes_sections",
    "opening_formula",
    "party_key",
    "party_level",
    "render_minutes_html",
    "render_minutes_markdown",
    "render_summary_text",
    "summarise",
]
