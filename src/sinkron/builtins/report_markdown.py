"""Built-in plugin: the report as Markdown (for a wiki, an issue, or a document converted to PDF).

Option: ``language`` (``"id"`` default, or ``"en"``). Every value from the data is escaped, so a
message cannot inject Markdown structure or raw HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sinkron.align.findings import Severity
from sinkron.align.report import Report
from sinkron.builtins.report_common import (
    Shown,
    agency_label,
    counted,
    family_name,
    format_money,
    format_share,
    grouped,
    label,
    language_option,
    location_text,
    priority_kind,
    severity_name,
    severity_summary,
    shown,
    text,
)
from sinkron.errors import SinkronError
from sinkron.exporter import Exporter
from sinkron.plugins.hookspecs import hookimpl
from sinkron.safe_text import escape_markdown

__all__ = ["ReportMarkdownExporter", "escape_markdown", "render_markdown"]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    align = ["---:" if i in right else "---" for i in range(len(headers))]
    return [_row([escape_markdown(h) for h in headers]), _row(align), *(_row(r) for r in rows)]


def render_markdown(report: Report, *, language: str = "id") -> str:
    """The report as a Markdown document."""
    if language not in ("id", "en"):
        raise SinkronError(f"unknown report language {language!r}; use one of id, en")
    out = [
        *_summary(report, language),
        *_rule_failures(report, language),
        *_findings(report, language),
        *_by_agency(report, language),
        *_coverage(report, language),
        *_pagu_share(report, language),
        *_achievement(report, language),
        *_by_family(report, language),
    ]
    return "\n".join(out).rstrip() + "\n"


def _summary(report: Report, language: str) -> list[str]:
    """The title, the sources read and the counts of findings by severity and of rules run."""
    out = [f"# {escape_markdown(label('title', language))}", ""]
    for source in report.sources:
        out.append(f"- {escape_markdown(label('sources', language))}: {escape_markdown(source)}")
    summary = f"{severity_summary(report, language)}; {counted(len(report.rules_run), 'rules_run', language)}"
    return [*out, f"- {label('summary', language)}: {escape_markdown(summary)}", ""]


def _rule_failures(report: Report, language: str) -> list[str]:
    """The rules that failed to run, when any did."""
    if not report.rule_failures:
        return []
    return [
        f"## {escape_markdown(label('rule_failures', language))}",
        "",
        escape_markdown(label("rule_failures_note", language)),
        "",
        *(f"- `{f.rule}`: {escape_markdown(f.error)}" for f in report.rule_failures),
        "",
    ]


def _findings(report: Report, language: str) -> list[str]:
    """The findings, one table per severity and family (temuan per tingkat dan kelompok)."""
    out = [f"## {escape_markdown(label('findings', language))}", ""]
    if not report.findings:
        out += [escape_markdown(label("no_findings", language)), ""]
    headers = [label(k, language) for k in ("rule", "path", "message", "fix")]
    for severity, families in grouped(report):
        total = sum(len(f) for _, f in families)
        out += [f"### {escape_markdown(severity_name(severity, language))} ({total})", ""]
        for family, findings in families:
            heading = f"{escape_markdown(label('family', language))} {escape_markdown(family_name(family, language))}"
            rows = [_finding_row(item, language) for item in shown(findings)]
            out += [f"#### {heading}", "", *_table(headers, rows), ""]
    return out


def _finding_row(item: Shown, language: str) -> list[str]:
    places = []
    for place in item.findings:
        where = escape_markdown(place.path)
        located = location_text(place)
        if located:
            where += f" ({escape_markdown(located)})"
        places.append(where)
    finding = item.first
    fix = escape_markdown(text(finding.fix, language)) if finding.fix else ""
    return [f"`{finding.rule}`", "<br>".join(places), escape_markdown(text(finding.message, language)), fix]


def _by_agency(report: Report, language: str) -> list[str]:
    """What each perangkat daerah must fix: a summary table, then each one's findings."""
    if not report.agencies:
        return []
    severities = list(Severity)
    headers = [label("agency", language), *(severity_name(s, language) for s in severities)]
    headers.append(label("pagu_involved", language))
    rows = []
    for row in report.agencies:
        items = shown(row.findings)
        counts = [str(sum(1 for i in items if i.first.severity is s)) for s in severities]
        pagu = escape_markdown(format_money(row.pagu)) if row.pagu else "–"
        rows.append([escape_markdown(agency_label(row, language)), *counts, pagu])
    out = [
        f"## {escape_markdown(label('by_agency', language))}",
        "",
        escape_markdown(label("by_agency_note", language)),
        "",
        *_table(headers, rows, right=(1, 2, 3, 4)),
        "",
    ]
    finding_headers = [label(k, language) for k in ("rule", "severity", "path", "message", "fix")]
    for row in report.agencies:
        finding_rows = []
        for item in shown(row.findings):
            rule, where, message, fix = _finding_row(item, language)
            finding_rows.append(
                [rule, escape_markdown(severity_name(item.first.severity, language)), where, message, fix]
            )
        out += [f"### {escape_markdown(agency_label(row, language))}", "", *_table(finding_headers, finding_rows), ""]
    return out


def _coverage(report: Report, language: str) -> list[str]:
    """How the plans cover each priority: programs, sub kegiatan and pagu."""
    rows = [
        [
            "–" if r.year is None else str(r.year),
            escape_markdown(r.code or "–"),
            escape_markdown(r.name),
            escape_markdown(priority_kind(r.kind, language)),
            str(r.programs),
            str(r.sub_activities),
            escape_markdown(format_money(r.pagu, language)),
            label("yes" if r.supported else "no", language),
        ]
        for r in report.metrics.priority_coverage
    ]
    headers = [
        label(k, language)
        for k in ("year", "code", "priority", "kind", "programs", "sub_activities", "pagu", "supported")
    ]
    return [
        f"## {escape_markdown(label('coverage', language))}",
        "",
        escape_markdown(label("coverage_note", language)),
        "",
        *_table(headers, rows, right=(0, 4, 5, 6)),
        "",
    ]


def _pagu_share(report: Report, language: str) -> list[str]:
    """The share of each plan's pagu that goes to priorities, by year."""
    rows = [
        [
            escape_markdown(report.title(s.plan)),
            str(s.year),
            escape_markdown(format_money(s.total, language)),
            escape_markdown(format_money(s.on_priorities, language)),
            escape_markdown(format_share(s.share, language)),
            escape_markdown(format_share(s.share_without_support, language)),
        ]
        for s in report.metrics.pagu_on_priorities
    ]
    headers = [label(k, language) for k in ("plan", "year", "total", "on_priorities", "share", "share_without_support")]
    table = _table(headers, rows, right=(1, 2, 3, 4, 5))
    return [f"## {escape_markdown(label('pagu_share', language))}", "", *table, ""]


def _achievement(report: Report, language: str) -> list[str]:
    """How many indicators fall in each achievement band (capaian), by year."""
    rows = [[str(a.year), escape_markdown(a.band), str(a.count)] for a in report.metrics.achievement]
    headers = [label(k, language) for k in ("year", "band", "count")]
    return [f"## {escape_markdown(label('achievement', language))}", "", *_table(headers, rows, right=(2,)), ""]


def _by_family(report: Report, language: str) -> list[str]:
    """The findings counted by family and severity (the table only when there are findings)."""
    out = [f"## {escape_markdown(label('by_family', language))}", ""]
    rows = [
        [
            escape_markdown(family_name(family, language)),
            *(str(sum(1 for f in report.findings if f.family == family and f.severity is s)) for s in Severity),
        ]
        for family in sorted({f.family for f in report.findings})
    ]
    if rows:
        headers = [label("family", language), *(severity_name(s, language) for s in Severity)]
        out += [*_table(headers, rows, right=(1, 2, 3)), ""]
    return out


class ReportMarkdownExporter(Exporter):
    """The report as Markdown (option: ``language``)."""

    name = "report-markdown"
    formats = ("md", "markdown")
    extension = ".md"
    accepts = (Report,)
    description = "findings, coverage and metrics as Markdown tables"

    def render(self, obj: Any, **options: Any) -> bytes:
        if not isinstance(obj, Report):
            raise SinkronError(f"the {self.name} exporter renders a Report, not {type(obj).__name__}")
        return render_markdown(obj, language=language_option(options)).encode("utf-8")


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(ReportMarkdownExporter())
