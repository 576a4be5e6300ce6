"""What the text, Markdown and HTML report exporters share: bilingual labels, grouping and number formats.

Reports are in Indonesian by default; ``language="en"`` gives English. Messages come from the
findings themselves (every finding carries both languages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.index import PATH_SEPARATOR
from sinkron.align.report import AgencyFindings, Report
from sinkron.align.rule import FAMILIES
from sinkron.errors import SinkronError
from sinkron.numbers import format_id, format_percent
from sinkron.options import one_of, option

__all__ = [
    "LANGUAGES",
    "LanguageOptions",
    "Shown",
    "agency_label",
    "counted",
    "counted_severity",
    "family_name",
    "format_money",
    "format_share",
    "grouped",
    "label",
    "language_option",
    "location_text",
    "priority_kind",
    "severity_name",
    "severity_summary",
    "short_path",
    "shown",
    "terminal_safe",
    "text",
]

#: Report languages: Indonesian (the default) and English.
LANGUAGES = ("id", "en")

_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Laporan pemeriksaan keselarasan rencana", "Plan alignment check report"),
    "summary": ("Ringkasan", "Summary"),
    "sources": ("Sumber data", "Sources"),
    "findings": ("Temuan", "Findings"),
    "findings_count": ("temuan", "findings"),
    "rules_run": ("aturan dijalankan", "rules run"),
    "rule_failures": ("Aturan yang gagal dijalankan", "Rules that failed to run"),
    "rule_failures_note": (
        "Laporan ini tidak lengkap: aturan berikut berhenti karena galat.",
        "This report is incomplete: the rules below stopped with an error.",
    ),
    "no_findings": ("Tidak ada temuan.", "No findings."),
    "rule": ("Aturan", "Rule"),
    "severity": ("Tingkat", "Severity"),
    "family": ("Kelompok", "Family"),
    "path": ("Lokasi", "Where"),
    "message": ("Pesan", "Message"),
    "fix": ("Perbaikan", "Fix"),
    "evidence": ("Bukti", "Evidence"),
    "by_family": ("Temuan per kelompok aturan", "Findings by rule family"),
    "coverage": ("Cakupan prioritas", "Priority coverage"),
    "coverage_note": (
        "Program dan sub kegiatan yang ditandai ke atau mendukung setiap prioritas, dengan pagu tahun rencananya; "
        "setiap tahun dihitung sendiri, tidak dijumlahkan antartahun.",
        "Programs and sub kegiatan tagged to or supporting each priority, with the pagu of their plan year; "
        "each year is counted on its own, never added across years.",
    ),
    "priority": ("Prioritas", "Priority"),
    "code": ("Kode", "Code"),
    "kind": ("Jenis", "Kind"),
    "programs": ("Program", "Programs"),
    "sub_activities": ("Sub kegiatan", "Sub kegiatan"),
    "pagu": ("Pagu", "Pagu"),
    "supported": ("Didukung", "Supported"),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    "pagu_share": ("Porsi pagu pada prioritas", "Share of pagu on priorities"),
    "plan": ("Rencana", "Plan"),
    "year": ("Tahun", "Year"),
    "total": ("Total pagu", "Total pagu"),
    "on_priorities": ("Pagu pada prioritas", "Pagu on priorities"),
    "share": ("Porsi", "Share"),
    "share_without_support": ("Tanpa penunjang", "Excl. penunjang"),
    "achievement": ("Sebaran capaian kinerja", "Achievement distribution"),
    "band": ("Capaian (%)", "Achievement (%)"),
    "count": ("Jumlah indikator", "Indicators"),
    "filter": ("Saring", "Filter"),
    "search": ("Cari…", "Search…"),
    "all_families": ("Semua kelompok", "All families"),
    "shown": ("ditampilkan", "shown"),
    "generated_by": ("Dibuat oleh sinkron", "Made by sinkron"),
    "by_agency": ("Tindak lanjut per perangkat daerah", "Follow-up by perangkat daerah"),
    "by_agency_note": (
        "Temuan yang harus ditindaklanjuti setiap perangkat daerah, dengan pagu sub kegiatan/kegiatan/program "
        "yang bersangkutan (tahun rencananya).",
        "What each perangkat daerah must fix, with the pagu of the sub kegiatan/kegiatan/programs concerned "
        "(in their plan year).",
    ),
    "agency": ("Perangkat daerah", "Perangkat daerah"),
    "no_agency": ("Lintas perangkat daerah", "Not tied to one perangkat daerah"),
    "pagu_involved": ("Pagu terkait", "Pagu involved"),
    "rules": ("Aturan", "Rules"),
    "also_in": ("juga di", "also in"),
    "verbose_hint": (
        "Ringkas: satu baris per temuan. Jalur lengkap, perbaikan dan temuan per perangkat daerah: --verbose.",
        "Compact: one line per finding. Full paths, fixes and findings by perangkat daerah: --verbose.",
    ),
    "sort_hint": ("Klik judul kolom untuk mengurutkan.", "Click a column heading to sort."),
}

_SEVERITIES: dict[Severity, tuple[str, str]] = {
    Severity.ERROR: ("Kesalahan", "Error"),
    Severity.WARNING: ("Peringatan", "Warning"),
    Severity.INFO: ("Informasi", "Information"),
}

_PRIORITY_KINDS: dict[str, tuple[str, str]] = {
    "asta_cita": ("Asta Cita", "Asta Cita"),
    "pn": ("PN", "PN"),
    "pp": ("PP", "PP"),
    "kp": ("KP", "KP"),
    "prop": ("ProP", "ProP"),
    "daerah": ("Daerah", "Regional"),
    "tematik": ("Tematik", "Thematic"),
}


#: C0/C1 control characters, and the bytes of a file name that were not UTF-8 (Python keeps them as surrogate
#: escapes, which no terminal encoding can print).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\udc80-\udcff]")


def terminal_safe(value: str) -> str:
    """Text from the data with its control characters shown as escapes, so printing it cannot drive a terminal.

    Tabs and line breaks stay (``\\r\\n`` becomes ``\\n``); every other C0/C1 control character, such as
    the ESC that starts a terminal escape sequence, is written out as ``\\x1b``; so is a byte of a file name
    that is not UTF-8 (``renja-\\xe9.xlsx``).

    >>> terminal_safe("Nama\\x1b[2J\\x07 baru\\r\\nbaris")
    'Nama\\\\x1b[2J\\\\x07 baru\\nbaris'
    """
    return _CONTROL.sub(_escape, value.replace("\r\n", "\n"))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00 if code >= 0xDC80 else code:02x}"


@attrs.frozen(kw_only=True)
class LanguageOptions:
    """The render option of the report exporters that write words."""

    language: str = option("id", "Report language: id (Indonesian) or en (English).", validator=one_of(*LANGUAGES))


def language_option(options: Mapping[str, Any]) -> str:
    """The ``language`` option (``"id"`` by default); a :class:`SinkronError` for another value."""
    language = options.get("language") or "id"
    if language not in LANGUAGES:
        raise SinkronError(f"unknown report language {language!r}; use one of {', '.join(LANGUAGES)}")
    return str(language)


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[0] if language == "id" else pair[1]


def label(key: str, language: str) -> str:
    """A fixed report label in ``language``."""
    return _pick(_LABELS[key], language)


def text(message: Message, language: str) -> str:
    """A finding's message or fix in ``language``."""
    return message.id if language == "id" else message.en


def counted(n: int, key: str, language: str) -> str:
    """``"3 temuan"``, ``"1 finding"``, ``"3 findings"`` (``key``: ``findings_count`` or ``rules_run``)."""
    word = label(key, language)
    if language == "en" and n == 1:
        word = {"findings": "finding", "rules run": "rule run"}.get(word, word)
    return f"{n} {word}"


def severity_name(severity: Severity, language: str) -> str:
    return _pick(_SEVERITIES[severity], language)


_SEVERITY_COUNTED: dict[Severity, tuple[str, str, str]] = {
    Severity.ERROR: ("kesalahan", "error", "errors"),
    Severity.WARNING: ("peringatan", "warning", "warnings"),
    Severity.INFO: ("informasi", "note", "notes"),
}


def counted_severity(n: int, severity: Severity, language: str) -> str:
    """``"15 kesalahan"``, ``"15 errors"``, ``"1 error"``: a count of findings of one severity.

    >>> counted_severity(15, Severity.ERROR, "en"), counted_severity(1, Severity.INFO, "en")
    ('15 errors', '1 note')
    """
    word_id, one, many = _SEVERITY_COUNTED[severity]
    return f"{n} {word_id if language == 'id' else one if n == 1 else many}"


def severity_summary(report: Report, language: str) -> str:
    """``"56 temuan (15 kesalahan, 40 peringatan, 1 informasi)"`` / ``"56 findings (15 errors, 40 warnings, 1 note)"``."""
    counts = report.by_severity
    parts = ", ".join(counted_severity(counts[s.value], s, language) for s in Severity)
    return f"{counted(len(report.findings), 'findings_count', language)} ({parts})"


def family_name(family: int, language: str) -> str:
    """``"1 · Nomenklatur"``; ``"0 · Lainnya"`` for rules outside the SKN families."""
    message = FAMILIES.get(family)
    name = text(message, language) if message else _pick(("Lainnya", "Other"), language)
    return f"{family} · {name}"


def priority_kind(kind: str, language: str) -> str:
    return _pick(_PRIORITY_KINDS.get(kind, (kind, kind)), language)


def format_money(value: Decimal, language: str = "id") -> str:
    """``Rp 1.234.567``, whole rupiah, in Indonesian notation in both languages."""
    return "Rp " + format_id(value.quantize(Decimal(1)))


def format_share(value: Decimal | None, language: str = "id") -> str:
    """A share (``0.8814``) as a percentage with one decimal: ``88,1%`` (both languages); ``–`` for none."""
    return "–" if value is None else format_percent(value * 100)


def location_text(finding: Finding) -> str | None:
    """Where the subject sits in its source file (``rkpd.xlsx, sheet 'RKPD', row 12``), when known."""
    if finding.location is None:
        return None
    text_ = str(finding.location.location)
    # A reader's source finding is already named by its place in the file: no need to say it twice.
    return None if text_ == "<unknown location>" or text_ in finding.path else text_


@attrs.frozen
class Shown:
    """A finding as a readable report shows it: once, with every place it was found.

    The RKPD repeats the sub kegiatan of the Renja (and a DPA those of the Renja), so a problem of one
    sub kegiatan is found in each; the same rule, severity, message and fix about the same record in
    several plans is shown once, with ``findings`` holding all of them (their paths are the places).
    """

    findings: tuple[Finding, ...]

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def places(self) -> list[str]:
        return [f.path for f in self.findings]


def _repeat_key(finding: Finding) -> tuple[object, ...] | None:
    _plan, hash_, record = finding.subject.partition("#")
    if not hash_ or not record:
        return None
    return (finding.rule, finding.severity, finding.message.id, finding.fix, record)


def shown(findings: Iterable[Finding]) -> list[Shown]:
    """``findings`` with each repeat across plans (see :class:`Shown`) folded into its first occurrence."""
    groups: dict[object, list[Finding]] = {}
    for index, finding in enumerate(findings):
        key = _repeat_key(finding)
        groups.setdefault(key if key is not None else index, []).append(finding)
    return [Shown(tuple(group)) for group in groups.values()]


def short_path(path: str) -> str:
    """The last part of a path, the record itself: ``1.02.02.2.02.0001 Pelayanan …`` (a document: its title).

    >>> short_path("RKPD 2026 › 1.02 KESEHATAN › 1.02.02.2.02.0001 Pelayanan Kesehatan Ibu Hamil")
    '1.02.02.2.02.0001 Pelayanan Kesehatan Ibu Hamil'
    """
    return path.rsplit(PATH_SEPARATOR, 1)[-1]


def agency_label(row: AgencyFindings, language: str) -> str:
    """The name of a perangkat daerah of the follow-up section (or the group of findings tied to none)."""
    return row.name or label("no_agency", language)


def grouped(report: Report) -> Iterator[tuple[Severity, list[tuple[int, list[Finding]]]]]:
    """Findings by severity (errors first), then by rule family, each in the report's order."""
    for severity in Severity:
        of_severity = [f for f in report.findings if f.severity is severity]
        if not of_severity:
            continue
        families: dict[int, list[Finding]] = {}
        for finding in of_severity:
            families.setdefault(finding.family, []).append(finding)
        yield severity, sorted(families.items())
