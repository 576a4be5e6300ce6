"""Built-in plugin: the report as terminal text — findings as tables grouped by severity and rule family.

Options: ``language`` (``"id"`` default, or ``"en"``), ``width`` (columns, default 100) and ``color``
(ANSI colours, off by default; ``sinkron check`` turns it on only when printing to a terminal).
Control characters coming from the data are written out as escapes (``\\x1b``): a plan title cannot
drive the terminal the report is printed on.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import zip_longest
from typing import Any

import attrs

from sinkron.align.findings import Severity
from sinkron.align.report import CoverageRow, Report
from sinkron.builtins.report_common import (
    LanguageOptions,
    Shown,
    agency_label,
    counted,
    counted_severity,
    family_name,
    format_money,
    format_share,
    grouped,
    label,
    language_option,
    location_text,
    priority_kind,
    severity_name,
    short_path,
    shown,
    terminal_safe,
    text,
)
from sinkron.errors import SinkronError
from sinkron.exporter import Exporter
from sinkron.numbers import format_id
from sinkron.options import at_least, option
from sinkron.plugins.hookspecs import hookimpl

__all__ = ["ReportTextExporter", "render_text"]

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_MIN_WIDTH = 60
_RULE_WIDTH = 7
_SHORT_PATH_WIDTH = 30


class _Style:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, value: str, code: str) -> str:
        return f"\x1b[{code}m{value}\x1b[0m" if self.enabled and value else value


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int], *, right: Sequence[int] = ()
) -> list[str]:
    """Rows of wrapped cells under a header and a rule; ``right`` aligns those columns to the right."""

    def cell_lines(value: str, width: int) -> list[str]:
        lines: list[str] = []
        for paragraph in terminal_safe(value).split("\n"):
            lines += textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=False) or [""]
        return lines

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            value.rjust(width) if col in right else value.ljust(width)
            for col, (value, width) in enumerate(zip(cells, widths))
        ).rstrip()

    widths = [max(w, len(h)) for w, h in zip(widths, headers)]
    out = [line(headers), "  ".join("─" * w for w in widths)]
    for row in rows:
        wrapped = [cell_lines(value, width) for value, width in zip(row, widths)]
        out += [line(parts) for parts in zip_longest(*wrapped, fillvalue="")]
    return out


def _one_line(value: str, width: int) -> str:
    value = " ".join(terminal_safe(value).split())
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def _finding_lines(item: Shown, language: str, width: int, style: _Style) -> list[str]:
    """One finding: the rule id, then its places, message and fix wrapped beside it."""
    finding = item.first
    indent = " " * (_RULE_WIDTH + 2)
    inner = width - len(indent)
    lines: list[str] = []
    for number, place in enumerate(item.findings):
        where = terminal_safe(place.path)
        located = location_text(place)
        if located:
            where += f" ({terminal_safe(located)})"
        if number:
            where = f"+ {label('also_in', language)}: {where}"
        lines += [style(part, "2") for part in textwrap.wrap(where, inner, break_on_hyphens=False)]
    lines += textwrap.wrap(terminal_safe(text(finding.message, language)), inner, break_on_hyphens=False)
    if finding.fix is not None:
        fix = f"→ {label('fix', language)}: {terminal_safe(text(finding.fix, language))}"
        lines += textwrap.wrap(fix, inner, subsequent_indent="  ", break_on_hyphens=False)
    head = style(terminal_safe(finding.rule).ljust(_RULE_WIDTH), _COLOURS[finding.severity])
    return [f"{head}  {lines[0]}", *(f"{indent}{line}" for line in lines[1:])]


def _compact_line(item: Shown, language: str, width: int, style: _Style) -> str:
    """One finding on one line: rule, short path (``+1`` when repeated in another plan) and message."""
    finding = item.first
    where = _one_line(short_path(finding.path), _SHORT_PATH_WIDTH)
    if len(item.findings) > 1:
        where += f" (+{len(item.findings) - 1})"
    body = _one_line(f"{where}: {text(finding.message, language)}", width - _RULE_WIDTH - 2)
    return f"{style(terminal_safe(finding.rule).ljust(_RULE_WIDTH), _COLOURS[finding.severity])}  {body}"


def _findings(report: Report, language: str, width: int, style: _Style, verbose: bool) -> list[str]:
    lines: list[str] = []
    columns = f"{label('rule', language).ljust(_RULE_WIDTH)}  {label('path', language)} / {label('message', language)}"
    for severity, families in grouped(report):
        total = sum(len(f) for _, f in families)
        heading = f"{severity_name(severity, language).upper()} ({total})"
        lines += ["", style(heading, f"1;{_COLOURS[severity]}"), style("━" * len(heading), _COLOURS[severity])]
        for family, findings in families:
            if not verbose:
                lines += [_compact_line(item, language, width, style) for item in shown(findings)]
                continue
            lines += ["", style(f"{label('family', language)} {family_name(family, language)} ({len(findings)})", "1")]
            lines += [columns, "─" * _RULE_WIDTH + "  " + "─" * (width - _RULE_WIDTH - 2)]
            for index, item in enumerate(shown(findings)):
                if index:
                    lines.append("")
                lines += _finding_lines(item, language, width, style)
    return lines


def render_text(
    report: Report, *, language: str = "id", width: int = 100, color: bool = False, verbose: bool = False
) -> str:
    """The report as readable text (see the module docs for the options).

    Compact by default: one line per finding (rule, short path, message cut to the width); ``verbose``
    gives every path in full, the fixes and the findings of each perangkat daerah.
    """
    if language not in ("id", "en"):
        raise SinkronError(f"unknown report language {language!r}; use one of id, en")
    width = max(int(width), _MIN_WIDTH)
    style = _Style(color)
    lines: list[str] = []
    title = label("title", language)
    lines += [style(title.upper(), "1"), "═" * min(len(title), width)]
    for source in report.sources:
        lines += textwrap.wrap(f"{label('sources', language)}: {terminal_safe(source)}", width) or [""]
    counts = report.by_severity
    summary = ", ".join(style(counted_severity(counts[s.value], s, language), _COLOURS[s]) for s in Severity)
    lines.append(
        f"{label('summary', language)}: {counted(len(report.findings), 'findings_count', language)} ({summary}); "
        f"{counted(len(report.rules_run), 'rules_run', language)}"
    )
    if report.rule_failures:
        lines += ["", style(label("rule_failures", language), "1;31"), label("rule_failures_note", language)]
        for failure in report.rule_failures:
            lines += textwrap.wrap(
                terminal_safe(f"{failure.rule}: {failure.error}"), width, initial_indent="  ", subsequent_indent="    "
            )
    if not report.findings:
        lines += ["", label("no_findings", language)]
    lines += _findings(report, language, width, style, verbose)
    metrics = report.metrics
    if report.agencies:
        lines += ["", *_by_agency(report, language, width, style, verbose)]
    if report.findings:
        lines += ["", *_family_table(report, language)]
    if metrics.priority_coverage:
        lines += ["", *_coverage(report, language, width, verbose)]
    if metrics.pagu_on_priorities:
        lines += ["", *_pagu_share(report, language, width)]
    if metrics.achievement:
        lines += ["", *_achievement(report, language)]
    if report.findings and not verbose:
        lines += ["", *textwrap.wrap(label("verbose_hint", language), width)]
    return "\n".join(lines) + "\n"


def _by_agency(report: Report, language: str, width: int, style: _Style, verbose: bool) -> list[str]:
    """Per perangkat daerah: counts by severity and the pagu involved (verbose: then each one's findings)."""
    severities = list(Severity)
    headers = [label("agency", language), *(severity_name(s, language) for s in severities)]
    headers.append(label("pagu_involved", language))
    rows = []
    for row in report.agencies:
        items = shown(row.findings)
        counts = [sum(1 for i in items if i.first.severity is s) for s in severities]
        rows.append([agency_label(row, language), *map(str, counts), format_money(row.pagu) if row.pagu else "–"])
    widths = [0, *(len(h) for h in headers[1:4]), max([len(headers[4]), *(len(r[4]) for r in rows)])]
    widths[0] = max(24, width - sum(widths) - 2 * (len(widths) - 1))
    lines = [*_heading(label("by_agency", language)), *_table(headers, rows, widths, right=(1, 2, 3, 4))]
    if not verbose:
        return lines
    for row in report.agencies:
        lines += ["", style(agency_label(row, language), "1")]
        for item in shown(row.findings):
            lines += _finding_lines(item, language, width, style)
    return lines


def _heading(title: str) -> list[str]:
    return [title, "─" * len(title)]


def _family_table(report: Report, language: str) -> list[str]:
    families = sorted({f.family for f in report.findings})
    by = {s: dict.fromkeys(families, 0) for s in Severity}
    for finding in report.findings:
        by[finding.severity][finding.family] += 1
    headers = [label("family", language), *(severity_name(s, language) for s in Severity)]
    rows = [[family_name(fam, language), *(str(by[s][fam]) for s in Severity)] for fam in families]
    widths = [max(len(headers[0]), *(len(r[0]) for r in rows), 10), *(max(len(h), 5) for h in headers[1:])]
    return [*_heading(label("by_family", language)), *_table(headers, rows, widths, right=(1, 2, 3))]


_PIVOT_YEARS = 3
"""The compact coverage table puts up to this many years side by side (one row per priority)."""


def _coverage(report: Report, language: str, width: int, verbose: bool) -> list[str]:
    years = sorted({row.year for row in report.metrics.priority_coverage if row.year is not None})
    if not verbose and 1 < len(years) <= _PIVOT_YEARS:
        return _coverage_by_year(report, language, width, years)
    name_width = width - 5 - 8 - 7 - 12 - 19 - 8 - 2 * 6
    rows = [
        [
            "–" if row.year is None else str(row.year),
            _priority_label(row) if verbose else _one_line(_priority_label(row), name_width),
            priority_kind(row.kind, language),
            str(row.programs),
            str(row.sub_activities),
            format_money(row.pagu, language),
            label("yes" if row.supported else "no", language),
        ]
        for row in report.metrics.priority_coverage
    ]
    headers = [
        label(k, language) for k in ("year", "priority", "kind", "programs", "sub_activities", "pagu", "supported")
    ]
    widths = [5, 0, 8, 7, 12, max((len(r[5]) for r in rows), default=4), 8]
    widths[1] = max(width - sum(widths) - 2 * (len(widths) - 1), 24)
    return [*_heading(label("coverage", language)), *_table(headers, rows, widths, right=(0, 3, 4, 5))]


def _coverage_by_year(report: Report, language: str, width: int, years: list[int]) -> list[str]:
    """The compact coverage table: one row per priority, a column per plan year with its sub kegiatan and
    pagu (``–`` where no sub kegiatan supports it that year); never a sum across years."""
    cells: dict[tuple[str, object], dict[int, CoverageRow]] = {}
    first: list[CoverageRow] = []  # each priority's first row: its label and kind
    for row in report.metrics.priority_coverage:
        key: tuple[str, object] = (row.priority, row.kind)
        if key not in cells:
            cells[key] = {}
            first.append(row)
        if row.year is not None:
            cells[key][row.year] = row
    year_cells: list[list[str]] = []
    for row in first:
        by_year = cells[(row.priority, row.kind)]
        year_cells.append(
            [
                f"{by_year[y].sub_activities} · {format_money(by_year[y].pagu, language)}"
                if y in by_year and by_year[y].supported
                else "–"
                for y in years
            ]
        )
    headers = [
        label("priority", language),
        label("kind", language),
        *(f"{label('sub_activities', language)} · {label('pagu', language)} {y}" for y in years),
    ]
    year_width = max(max((len(c) for row in year_cells for c in row), default=4), *(len(h) for h in headers[2:]))
    name_width = max(width - 8 - (year_width + 2) * len(years) - 2, 24)
    rows = [
        [_one_line(_priority_label(row), name_width), priority_kind(row.kind, language), *values]
        for row, values in zip(first, year_cells)
    ]
    widths = [name_width, 8, *([year_width] * len(years))]
    right = tuple(range(2, 2 + len(years)))
    return [*_heading(label("coverage", language)), *_table(headers, rows, widths, right=right)]


def _priority_label(row: CoverageRow) -> str:
    """``04.02 Pelayanan kesehatan …``; a priority without a code (a thematic one) by its name alone."""
    return f"{row.code} {row.name}" if row.code else row.name


def _pagu_share(report: Report, language: str, width: int) -> list[str]:
    rows = [
        [
            report.title(s.plan),
            str(s.year),
            format_money(s.total, language),
            format_money(s.on_priorities, language),
            format_share(s.share, language),
            format_share(s.share_without_support, language),
        ]
        for s in report.metrics.pagu_on_priorities
    ]
    headers = [label(k, language) for k in ("plan", "year", "total", "on_priorities", "share", "share_without_support")]
    widths = [0, 5, *(max([len(headers[c]), *(len(r[c]) for r in rows)]) for c in (2, 3, 4, 5))]
    widths[0] = max(width - sum(widths) - 2 * (len(widths) - 1), 12)
    return [*_heading(label("pagu_share", language)), *_table(headers, rows, widths, right=(1, 2, 3, 4, 5))]


def _achievement(report: Report, language: str) -> list[str]:
    rows = [[str(a.year), a.band, format_id(Decimal(a.count))] for a in report.metrics.achievement]
    headers = [label(k, language) for k in ("year", "band", "count")]
    return [*_heading(label("achievement", language)), *_table(headers, rows, [6, 14, 16], right=(2,))]


@attrs.frozen(kw_only=True)
class ReportTextOptions(LanguageOptions):
    """The render options of the text report."""

    width: int = option(100, "Line width in characters.", validator=at_least(40))
    color: bool = option(False, "Colour severities with ANSI codes (for a terminal).")
    verbose: bool = option(
        False, "Every path in full, the fixes and each perangkat daerah's findings (compact: one line per finding)."
    )


class ReportTextExporter(Exporter):
    """The report as text for a terminal or a ``.txt`` file (options: ``language``, ``width``, ``color``)."""

    name = "report-text"
    formats = ("text", "txt")
    extension = ".txt"
    accepts = (Report,)
    description = "findings, coverage and metrics as readable text tables"
    render_options = ReportTextOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        if not isinstance(obj, Report):
            raise SinkronError(f"the {self.name} exporter renders a Report, not {type(obj).__name__}")
        return render_text(
            obj,
            language=language_option(options),
            width=int(options.get("width") or 100),
            color=bool(options.get("color", False)),
            verbose=bool(options.get("verbose", False)),
        ).encode("utf-8")


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(ReportTextExporter())
