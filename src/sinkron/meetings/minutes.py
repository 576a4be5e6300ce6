"""Minutes (berita acara) of a meeting as Markdown or one self-contained HTML file.

The minutes list the meeting's particulars, the attendance, the agenda, the agreements
(kesepakatan) **per desk** with the outcome targets the desk discussed and the desk's signatory
roles, the follow-up actions (tindak lanjut), the proposals (usulan) and the signatories of the
whole meeting with an empty line to sign on. Text from the data is escaped (Markdown syntax and
HTML). The xlsx minutes come from the spreadsheet plugin and read back into the same meeting.

>>> import datetime as dt
>>> from sinkron import Agreement, Code, Desk, Meeting, MeetingKind, Money, Participant
>>> meeting = Meeting(id="rakortek", kind=MeetingKind.RAKORTEKRENBANG, title="Rakortekrenbang 2025",
...     start=dt.date(2025, 3, 4), desks=[Desk(id="D1", name="Desk Kesehatan", sectors=[Code.parse("1.02")])],
...     agreements=[Agreement(id="A1", desk_id="D1", agency_id="Dinas Kesehatan", year=2026,
...                           sub_activity=Code.parse("1.02.02.2.02.0001"), pagu=Money(300_000_000))],
...     signatories=[Participant(role="Kepala Bappeda Provinsi", government_id="62", name="Ir. A")])
>>> text = render_minutes_markdown(meeting)
>>> print(text.splitlines()[0])
# Berita Acara Rakortekrenbang 2025
>>> [line for line in text.splitlines() if "1.02.02.2.02.0001" in line]  # doctest: +NORMALIZE_WHITESPACE
['| 1 | A1 | Dinas Kesehatan | 1.02.02.2.02.0001 | Pengelolaan Pelayanan Kesehatan Ibu Hamil | | | 300.000.000 | 2026 | |']
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from decimal import Decimal

import attrs

from sinkron._version import __version__
from sinkron.models import Agreement, Bundle, Meeting, Participant
from sinkron.nomenclature import Nomenclature, default_nomenclature, list_for_code
from sinkron.numbers import format_id, number_in_words
from sinkron.safe_text import escape_markdown

__all__ = [
    "MinutesSection",
    "date_in_words",
    "format_date",
    "minutes_sections",
    "opening_formula",
    "render_minutes_html",
    "render_minutes_markdown",
]

_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def format_date(day: dt.date) -> str:
    """``4 Maret 2025``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def date_in_words(day: dt.date) -> str:
    """A date as the opening of a berita acara writes it: the day's name, then the date in words.

    >>> date_in_words(dt.date(2026, 12, 8))
    'Selasa tanggal delapan bulan Desember tahun dua ribu dua puluh enam'
    """
    return (
        f"{_DAYS[day.weekday()]} tanggal {number_in_words(day.day)} bulan {_MONTHS[day.month - 1]} "
        f"tahun {number_in_words(day.year)}"
    )


def opening_formula(meeting: Meeting) -> str:
    """The opening sentence of the berita acara: when, where and which meeting was held.

    >>> from sinkron.models import MeetingKind
    >>> print(opening_formula(Meeting(id="r", kind=MeetingKind.RAKOR_POVERTY, title="Rakor TKPK 2026",
    ...     start=dt.date(2026, 12, 8), venue="Aula Bappeda")))  # doctest: +NORMALIZE_WHITESPACE
    Pada hari ini, Selasa tanggal delapan bulan Desember tahun dua ribu dua puluh enam, bertempat di Aula Bappeda,
    telah dilaksanakan Rakor Penanggulangan Kemiskinan “Rakor TKPK 2026”.
    """
    when = f"Pada hari ini, {date_in_words(meeting.start)}"
    if meeting.end is not None and meeting.end != meeting.start:
        when += f" sampai dengan hari {date_in_words(meeting.end)}"
    where = f", bertempat di {meeting.venue}" if meeting.venue else ""
    chair = f" yang dipimpin oleh {meeting.chair}" if meeting.chair else ""
    label = meeting.kind.label
    what = meeting.title if meeting.title.casefold().startswith(label.casefold()) else f"{label} “{meeting.title}”"
    return f"{when}{where}, telah dilaksanakan {what}{chair}."


def _dates(meeting: Meeting) -> str:
    if meeting.end is None or meeting.end == meeting.start:
        return format_date(meeting.start)
    return f"{format_date(meeting.start)} – {format_date(meeting.end)}"


@attrs.frozen(kw_only=True)
class MinutesSection:
    """One part of the minutes: a heading, lines of text and a table (either may be empty)."""

    heading: str
    level: int = 2
    lines: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    right: tuple[int, ...] = ()
    """Columns aligned right (amounts)."""


def _party(party: Participant, bundle: Bundle | None) -> str:
    names = {g.id: g.name for g in bundle.governments} | {a.id: a.name for a in bundle.agencies} if bundle else {}
    parts = [party.name or ""]
    for ident in (party.government_id, party.agency_id):
        if ident and not party.name:
            parts.append(f"{names[ident]} ({ident})" if ident in names else ident)
        elif ident and ident not in (party.name or ""):
            parts.append(f"({ident})")
    return " ".join(p for p in parts if p)


def _agency(agency_id: str, bundle: Bundle | None) -> str:
    if bundle is not None:
        for agency in bundle.agencies:
            if agency.id == agency_id:
                return agency.name
    return agency_id


def _money(amount: Decimal) -> str:
    return format_id(amount)


def _agreement_row(n: int, agreement: Agreement, bundle: Bundle | None, nomenclature: Nomenclature) -> tuple[str, ...]:
    code = agreement.sub_activity.modernised()
    entry = list_for_code(nomenclature, code).lookup(code, agreement.year)
    target = agreement.target
    return (
        str(n),
        agreement.id,
        _agency(agreement.agency_id, bundle),
        str(agreement.sub_activity),
        entry.name if entry is not None else "",
        agreement.outcome or "",
        target.display() if target is not None else "",
        _money(agreement.pagu.amount) if agreement.pagu is not None else "",
        str(agreement.year),
        agreement.notes or "",
    )


_AGREEMENT_HEADERS = (
    "No",
    "Kesepakatan",
    "Perangkat Daerah",
    "Kode Sub Kegiatan",
    "Sub Kegiatan",
    "Indikator Outcome",
    "Target",
    "Pagu (Rp)",
    "Tahun",
    "Catatan",
)
_SIGNATORY_HEADERS = ("No", "Jabatan", "Nama", "Pemerintah/Instansi", "Tanda Tangan")


def _signatory_rows(parties: Sequence[Participant], bundle: Bundle | None) -> tuple[tuple[str, ...], ...]:
    rows = []
    for n, party in enumerate(parties, start=1):
        where = " ".join(x for x in (party.government_id, party.agency_id) if x)
        if bundle is not None:
            where = _party(attrs.evolve(party, name=None), bundle) if where else ""
        rows.append((str(n), party.role, party.name or "", where, ""))
    return tuple(rows)


def _host(meeting: Meeting, bundle: Bundle | None) -> str:
    """The host by its name when the bundle knows it (``Provinsi Kalimantan Tengah``), else as recorded."""
    if meeting.host_id is None or bundle is None:
        return meeting.host_id or ""
    names = {g.id: g.name for g in bundle.governments} | {a.id: a.name for a in bundle.agencies}
    return names.get(meeting.host_id, meeting.host_id)


def _particulars_section(meeting: Meeting, bundle: Bundle | None) -> MinutesSection:
    """The title, the opening formula and the meeting's particulars (number, kind, dates, venue, host, chair,
    attendance)."""
    particulars = [
        ("Nomor", meeting.minutes_number or ""),
        ("Jenis rapat", meeting.kind.label),
        ("Tanggal", _dates(meeting)),
        ("Tempat", meeting.venue or ""),
        ("Penyelenggara", _host(meeting, bundle)),
        ("Pimpinan rapat", meeting.chair or ""),
        ("Peserta", f"{len(meeting.participants)} pihak, {meeting.participant_count} orang"),
    ]
    return MinutesSection(
        heading=f"Berita Acara {meeting.title}",
        level=1,
        lines=(opening_formula(meeting),),
        headers=("Keterangan", "Isi"),
        rows=tuple((k, v) for k, v in particulars if v),
    )


def _attendance_section(meeting: Meeting, bundle: Bundle | None) -> MinutesSection:
    """The attendance list (daftar hadir)."""
    desks = {d.id: d.name for d in meeting.desks}
    return MinutesSection(
        heading="Daftar Hadir",
        headers=("No", "Pemerintah/Instansi", "Jabatan", "Desk", "Jumlah"),
        right=(4,),
        rows=tuple(
            (str(n), _party(p, bundle), p.role, desks.get(p.desk_id or "", ""), str(p.count))
            for n, p in enumerate(meeting.participants, start=1)
        ),
    )


def _agenda_section(meeting: Meeting) -> MinutesSection:
    """The agenda (acara) with start times and speakers."""
    return MinutesSection(
        heading="Acara",
        headers=("No", "Waktu", "Acara", "Narasumber"),
        rows=tuple(
            (str(n), a.start.strftime("%d/%m/%Y %H:%M") if a.start else "", a.title, a.speaker or "")
            for n, a in enumerate(meeting.agenda, start=1)
        ),
    )


def _agreement_groups(meeting: Meeting) -> list[tuple[str | None, str]]:
    """(desk id, heading) of every desk, then of the agreements outside any desk when there are some."""
    groups: list[tuple[str | None, str]] = [(d.id, d.name) for d in meeting.desks]
    if any(a.desk_id is None for a in meeting.agreements):
        groups.append((None, "Kesepakatan di luar desk" if meeting.desks else "Kesepakatan"))
    return groups


def _desk_lines(meeting: Meeting, desk_id: str | None, has_agreements: bool) -> tuple[str, ...]:
    """The text above a desk's agreements: its bidang urusan, the outcomes discussed, its signatory roles."""
    desk = next((d for d in meeting.desks if d.id == desk_id), None)
    lines: list[str] = []
    if desk is not None and desk.sectors:
        lines.append("Bidang urusan: " + ", ".join(str(s) for s in desk.sectors))
    if desk is not None and desk.outcomes:
        lines.append("Sasaran/indikator outcome yang dibahas: " + "; ".join(desk.outcomes))
    if not has_agreements:
        lines.append("Tidak ada kesepakatan.")
    signing = [s for s in meeting.signatories if s.desk_id == desk_id] if desk_id else []
    if signing:
        lines.append("Penandatangan desk: " + "; ".join(s.role + (f" ({s.name})" if s.name else "") for s in signing))
    return tuple(lines)


def _agreement_sections(meeting: Meeting, bundle: Bundle | None, nomenclature: Nomenclature) -> list[MinutesSection]:
    """One section per desk (and one for the agreements outside a desk) listing its agreements (kesepakatan)."""
    sections = []
    for desk_id, name in _agreement_groups(meeting):
        agreements = [a for a in meeting.agreements if a.desk_id == desk_id]
        sections.append(
            MinutesSection(
                heading=name,
                lines=_desk_lines(meeting, desk_id, bool(agreements)),
                headers=_AGREEMENT_HEADERS if agreements else (),
                right=(7,),
                rows=tuple(_agreement_row(n, a, bundle, nomenclature) for n, a in enumerate(agreements, start=1)),
            )
        )
    return sections


def _action_items_section(meeting: Meeting) -> MinutesSection:
    """The follow-up actions (tindak lanjut) with owner, due date and status."""
    return MinutesSection(
        heading="Tindak Lanjut",
        headers=("No", "Tindak Lanjut", "Uraian", "Penanggung Jawab", "Batas Waktu", "Status", "Tanggal Selesai"),
        rows=tuple(
            (
                str(n),
                t.id,
                t.description,
                t.owner,
                format_date(t.due) if t.due else "",
                t.status.value,
                format_date(t.completed) if t.completed else "",
            )
            for n, t in enumerate(meeting.action_items, start=1)
        ),
    )


def _proposals_section(meeting: Meeting) -> MinutesSection:
    """The proposals (usulan) in rank order as recorded."""
    headers = (
        "Peringkat",
        "Usulan",
        "Pengusul",
        "Judul",
        "K/L Tujuan",
        "Bidang Urusan",
        "Pagu (Rp)",
        "Tahun",
        "Justifikasi",
    )
    return MinutesSection(
        heading="Usulan",
        headers=headers,
        right=(6,),
        rows=tuple(
            (
                str(p.rank) if p.rank is not None else "",
                p.id,
                p.government_id,
                p.title,
                p.addressed_to or "",
                str(p.sector) if p.sector else "",
                _money(p.pagu.amount) if p.pagu else "",
                str(p.year) if p.year else "",
                p.justification or "",
            )
            for p in meeting.proposals
        ),
    )


def _signatories_section(meeting: Meeting, bundle: Bundle | None) -> MinutesSection | None:
    """The signatories of the whole meeting first, then those of the desks; ``None`` when nobody signs."""
    whole = [s for s in meeting.signatories if s.desk_id is None]
    by_desk = [s for s in meeting.signatories if s.desk_id is not None]
    if not whole and not by_desk:
        return None
    return MinutesSection(
        heading="Penandatangan",
        headers=_SIGNATORY_HEADERS,
        rows=_signatory_rows([*whole, *by_desk], bundle),
        lines=("Berita acara ini ditandatangani oleh:",),
    )


def minutes_sections(
    meeting: Meeting, bundle: Bundle | None = None, nomenclature: Nomenclature | None = None
) -> list[MinutesSection]:
    """The minutes' content, format-neutral (the Markdown and HTML renderers lay it out)."""
    sections = [_particulars_section(meeting, bundle)]
    if meeting.participants:
        sections.append(_attendance_section(meeting, bundle))
    if meeting.agenda:
        sections.append(_agenda_section(meeting))
    sections += _agreement_sections(meeting, bundle, nomenclature or default_nomenclature())
    if meeting.action_items:
        sections.append(_action_items_section(meeting))
    if meeting.proposals:
        sections.append(_proposals_section(meeting))
    signatories = _signatories_section(meeting, bundle)
    if signatories is not None:
        sections.append(signatories)
    return sections


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(escape_markdown(c) for c in cells) + " |"


def render_minutes_markdown(
    meeting: Meeting, bundle: Bundle | None = None, nomenclature: Nomenclature | None = None
) -> str:
    """The minutes as a Markdown document."""
    out: list[str] = []
    for section in minutes_sections(meeting, bundle, nomenclature):
        out += ["#" * section.level + " " + escape_markdown(section.heading), ""]
        for line in section.lines:
            out += [escape_markdown(line), ""]
        if section.headers:
            out.append(_md_row(section.headers))
            out.append(
                "| " + " | ".join("---:" if i in section.right else "---" for i in range(len(section.headers))) + " |"
            )
            out += [_md_row(row) for row in section.rows]
            out.append("")
    out.append(f"*Dibuat dengan sinkron {__version__}.*")
    return "\n".join(out) + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}
th,td{border:1px solid #bbb;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#eef2f5}td.r{text-align:right;white-space:nowrap}
td.sign{min-width:10rem;height:3rem}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
""".strip()


def render_minutes_html(
    meeting: Meeting, bundle: Bundle | None = None, nomenclature: Nomenclature | None = None
) -> str:
    """The minutes as one self-contained HTML page (no external assets)."""
    e = html.escape
    body: list[str] = []
    for section in minutes_sections(meeting, bundle, nomenclature):
        body.append(f"<h{section.level}>{e(section.heading)}</h{section.level}>")
        body += [f"<p>{e(line)}</p>" for line in section.lines]
        if section.headers:
            body.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in section.headers) + "</tr></thead>")
            body.append("<tbody>")
            signing = section.headers == _SIGNATORY_HEADERS
            for row in section.rows:
                cells = []
                for i, cell in enumerate(row):
                    cls = ' class="r"' if i in section.right else ' class="sign"' if signing and i == 4 else ""
                    cells.append(f"<td{cls}>{e(cell)}</td>")
                body.append("<tr>" + "".join(cells) + "</tr>")
            body.append("</tbody></table>")
    body.append(f"<p><small>Dibuat dengan sinkron {e(__version__)}.</small></p>")
    return (
        '<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e('Berita Acara ' + meeting.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
