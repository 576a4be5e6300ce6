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
    out = [f"# {escape_markdown(label('title', language))}", ""]
    for source in report.sources:
        out.append(f"- {escape_markdown(label('sources', language))}: {escape_markdown(source)}")
    counts = report.by_severity
    parts = ", ".join(f"{counts[s.value]} {severity_name(s, language).lower()}" for s in Severity)
    summary = f"{counted(len(report.findings), 'findings_count', language)} ({parts}); "
    summary += counted(len(report.rules_run), "rules_run", language)
    out += [f"- {label('summary', language)}: {escape_markdown(summary)}", ""]
    if report.rule_failures:
        out += [f"## {escape_markdown(label('rule_failures', language))}", "",
                escape_markdown(label("rule_failures_note", language)), ""]  # fmt: skip
        out += [f"- `{f.rule}`: {escape_markdown(f.error)}" for f in report.rule_failures]
        out.append("")
    out += [f"## {escape_markdown(label('findings', language))}", ""]
    if not report.findings:
        out += [escape_markdown(label("no_findings", language)), ""]
    headers = [label(k, language) for k in ("rule", "path", "message", "fix")]
    for severity, families in grouped(report):
        total = sum(len(f) for _, f in families)
        out += [f"### {escape_markdown(severity_name(severity, language))} ({total})", ""]
        for family, findings in families:
            out += [
                f"#### {escape_markdown(label('family', language))} {escape_markdown(family_name(family, language))}",
                "",
            ]
            rows = []
            for finding in findings:
                where = escape_markdown(finding.path)
                located = location_text(finding)
                if located:
                    where += f" ({escape_markdown(located)})"
                fix = escape_markdown(text(finding.fix, language)) if finding.fix else ""
                rows.append([f"`{finding.rule}`", where, escape_markdown(text(finding.message, language)), fix])
            out += [*_table(headers, rows), ""]
    out += [
        f"## {escape_markdown(label('coverage', language))}",
        "",
        escape_markdown(label("coverage_note", language)),
        "",
    ]
    coverage = [
        [escape_markdown(r.code or r.priority), escape_markdown(r.name), escape_markdown(priority_kind(r.kind, language)),
         str(r.programs), str(r.sub_activities), escape_markdown(format_money(r.pagu, language)),
         label("yes" if r.supported else "no", language)]
        for r in report.metrics.priority_coverage
    ]  # fmt: skip
    cov_headers = [
        label(k, language) for k in ("code", "priority", "kind", "programs", "sub_activities", "pagu", "supported")
    ]
    out += [*_table(cov_headers, coverage, right=(3, 4, 5)), ""]
    out += [f"## {escape_markdown(label('pagu_share', language))}", ""]
    shares = [
        [escape_markdown(s.plan), str(s.year), escape_markdown(format_money(s.total, language)),
         escape_markdown(format_money(s.on_priorities, language)), escape_markdown(format_share(s.share, language))]
        for s in report.metrics.pagu_on_priorities
    ]  # fmt: skip
    out += [*_table([label(k, language) for k in ("plan", "year", "total", "on_priorities", "share")], shares,
                    right=(1, 2, 3, 4)), ""]  # fmt: skip
    out += [f"## {escape_markdown(label('achievement', language))}", ""]
    bands = [[str(a.year), escape_markdown(a.band), str(a.count)] for a in report.metrics.achievement]
    out += [*_table([label(k, language) for k in ("year", "band", "count")], bands, right=(2,)), ""]
    out += [f"## {escape_markdown(label('by_family', language))}", ""]
    families_seen = sorted({f.family for f in report.findings})
    fam_rows = [[escape_markdown(family_name(fam, language)),
                 *(str(sum(1 for f in report.findings if f.family == fam and f.severity is s)) for s in Severity)]
                for fam in families_seen]  # fmt: skip
    if fam_rows:
        out += [*_table([label("family", language), *(severity_name(s, language) for s in Severity)], fam_rows,
                        right=(1, 2, 3)), ""]  # fmt: skip
    return "\n".join(out).rstrip() + "\n"


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
