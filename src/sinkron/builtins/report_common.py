"""What the text, Markdown and HTML report exporters share: bilingual labels, grouping and number formats.

Reports are in Indonesian by default; ``language="en"`` gives English. Messages come from the
findings themselves (every finding carries both languages).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.report import Report
from sinkron.align.rule import FAMILIES
from sinkron.errors import SinkronError
from sinkron.numbers import format_id
from sinkron.options import one_of, option

__all__ = [
    "LANGUAGES",
    "LanguageOptions",
    "counted",
    "family_name",
    "format_money",
    "format_share",
    "grouped",
    "label",
    "language_option",
    "location_text",
    "priority_kind",
    "severity_name",
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
        "Program dan sub kegiatan yang ditandai ke atau mendukung setiap prioritas, dengan pagu tahun rencananya.",
        "Programs and sub kegiatan tagged to or supporting each priority, with the pagu of their plan year.",
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
    "achievement": ("Sebaran capaian kinerja", "Achievement distribution"),
    "band": ("Capaian (%)", "Achievement (%)"),
    "count": ("Jumlah indikator", "Indicators"),
    "filter": ("Saring", "Filter"),
    "search": ("Cari…", "Search…"),
    "all_families": ("Semua kelompok", "All families"),
    "shown": ("ditampilkan", "shown"),
    "generated_by": ("Dibuat oleh sinkron", "Made by sinkron"),
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


def family_name(family: int, language: str) -> str:
    """``"1 · Nomenklatur"``; ``"0 · Lainnya"`` for rules outside the SKN families."""
    message = FAMILIES.get(family)
    name = text(message, language) if message else _pick(("Lainnya", "Other"), language)
    return f"{family} · {name}"


def priority_kind(kind: str, language: str) -> str:
    return _pick(_PRIORITY_KINDS.get(kind, (kind, kind)), language)


def _format_en(value: Decimal, places: int | None = None) -> str:
    return f"{value:,.{places}f}" if places is not None else f"{value:,}"


def format_money(value: Decimal, language: str) -> str:
    """``Rp 1.234.567`` (Indonesian) or ``Rp 1,234,567`` (English), whole rupiah."""
    whole = value.quantize(Decimal(1))
    return "Rp " + (format_id(whole) if language == "id" else _format_en(whole))


def format_share(value: Decimal | None, language: str) -> str:
    """A share (``0.8814``) as a percentage with one decimal: ``88,1 %`` / ``88.1 %``; ``–`` for none."""
    if value is None:
        return "–"
    percent = (value * 100).quantize(Decimal("0.1"))
    return (format_id(percent, places=1) if language == "id" else _format_en(percent, 1)) + " %"


def location_text(finding: Finding) -> str | None:
    """Where the subject sits in its source file (``rkpd.xlsx, sheet 'RKPD', row 12``), when known."""
    if finding.location is None:
        return None
    text_ = str(finding.location.location)
    # A reader's source finding is already named by its place in the file: no need to say it twice.
    return None if text_ == "<unknown location>" or text_ in finding.path else text_


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
