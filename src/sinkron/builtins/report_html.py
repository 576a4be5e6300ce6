"""Built-in plugin: the report as one self-contained HTML file a planner can open offline and e-mail.

No external assets: the CSS and a small script are inline. Every value from the data is escaped,
and the script never turns data into markup (it only shows, hides and reorders rows that are
already in the page), so a message containing ``<script>`` stays text. Without JavaScript (some
mail clients) the whole report is still readable; with it, the findings table is filterable
(text, severity, rule family) and every table sorts by clicking a column heading.

Both languages are in the file; ``language`` (``"id"`` default, or ``"en"``) picks the one shown
first, and the ID/EN buttons switch. The address fragment selects a view, e.g.
``report.html#severity=error&family=3&q=renja&sort=path&dir=desc&lang=en``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import sinkron
from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.report import Report, finding_to_dict
from sinkron.align.rule import FAMILIES
from sinkron.builtins.report_common import (
    LANGUAGES,
    LanguageOptions,
    Shown,
    agency_label,
    format_money,
    format_share,
    label,
    language_option,
    location_text,
    priority_kind,
    severity_name,
    short_path,
    shown,
)
from sinkron.errors import SinkronError
from sinkron.exporter import Exporter
from sinkron.plugins.hookspecs import hookimpl

__all__ = ["ReportHtmlExporter", "render_html"]


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _bi(id_text: str, en_text: str) -> str:
    """Both languages; CSS shows the one selected on ``<body data-lang>``."""
    if id_text == en_text:
        return _e(id_text)
    return f'<span class="l-id" lang="id">{_e(id_text)}</span><span class="l-en" lang="en">{_e(en_text)}</span>'


def _label(key: str) -> str:
    return _bi(label(key, "id"), label(key, "en"))


def _msg(message: Message) -> str:
    return _bi(message.id, message.en)


def _severity(severity: Severity) -> str:
    return _bi(severity_name(severity, "id"), severity_name(severity, "en"))


def _family(family: int) -> str:
    message = FAMILIES.get(family) or Message("Lainnya", "Other")
    return f"{family} · {_msg(message)}"


def _money(value: Decimal) -> str:
    return _bi(format_money(value, "id"), format_money(value, "en"))


def _th(key: str, kind: str | None = None, sort_key: str | None = None) -> str:
    attrs = f' data-type="{kind}" data-key="{sort_key or key}" tabindex="0" aria-sort="none"' if kind else ""
    numeric = ' class="num"' if kind == "num" and key not in ("severity", "family", "supported") else ""
    return f"<th{numeric}{attrs}>{_label(key)}</th>"


def _evidence_value(value: Any) -> str:
    if isinstance(value, (list, tuple)) and all(not isinstance(v, (dict, list)) for v in value):
        return _e(", ".join("–" if v is None else str(v) for v in value))
    if isinstance(value, (dict, list)):
        return f"<code>{_e(json.dumps(value, ensure_ascii=False))}</code>"
    return _e("–" if value is None else value)


def _evidence(finding: Finding) -> str:
    """The values the rule compared, as a small two-column table (nested values as compact JSON)."""
    evidence = finding_to_dict(finding)["evidence"]
    if not evidence:
        return ""
    rows = "".join(f"<tr><th>{_e(key)}</th><td>{_evidence_value(value)}</td></tr>" for key, value in evidence.items())
    return f'<details><summary>{_label("evidence")}</summary><table class="evidence">{rows}</table></details>'


def _place(finding: Finding) -> str:
    """The record's short path, with the whole path on hover and the place in the source file below."""
    located = location_text(finding)
    where = f'<span class="path" title="{_e(finding.path)}">{_e(short_path(finding.path))}</span>'
    return where + (f'<div class="loc">{_e(located)}</div>' if located else "")


def _finding_row(order: int, item: Shown) -> str:
    finding = item.first
    where = "".join(
        _place(place) if number == 0 else f'<div class="also">+ {_label("also_in")}: {_place(place)}</div>'
        for number, place in enumerate(item.findings)
    )
    fix = f'<div class="fix">→ {_label("fix")}: {_msg(finding.fix)}</div>' if finding.fix else ""
    sev = finding.severity
    return (
        f'<tr class="finding sev-{sev.value}" data-order="{order}" data-severity="{sev.value}" '
        f'data-family="{finding.family}" data-subject="{_e(finding.subject)}">'
        f'<td data-value="{_e(finding.rule)}"><code>{_e(finding.rule)}</code></td>'
        f'<td data-value="{sev.rank}"><span class="badge {sev.value}">{_severity(sev)}</span></td>'
        f'<td data-value="{finding.family}">{_family(finding.family)}</td>'
        f'<td data-value="{_e(finding.path)}">{where}</td>'
        f'<td class="msg">{_msg(finding.message)}{fix}{_evidence(finding)}</td></tr>'
    )


def _by_agency(report: Report) -> str:
    """What each perangkat daerah must fix: counts by severity and the pagu involved, then its findings."""
    if not report.agencies:
        return ""
    rows = []
    details = []
    for row in report.agencies:
        items = shown(row.findings)
        name = _bi(agency_label(row, "id"), agency_label(row, "en"))
        counts = "".join(f'<td class="num">{sum(1 for i in items if i.first.severity is s)}</td>' for s in Severity)
        pagu = _money(row.pagu) if row.pagu else "–"
        rows.append(
            f'<tr><td>{name}</td>{counts}<td class="num" data-value="{_e(format(row.pagu, "f"))}">{pagu}</td></tr>'
        )
        lines = "".join(
            f'<li><code>{_e(i.first.rule)}</code> <span class="badge {i.first.severity.value}">'
            f"{_severity(i.first.severity)}</span> {_place(i.first)}: {_msg(i.first.message)}"
            + (f'<div class="fix">→ {_label("fix")}: {_msg(i.first.fix)}</div>' if i.first.fix else "")
            + "</li>"
            for i in items
        )
        details.append(f"<details><summary>{name} ({len(items)})</summary><ul>{lines}</ul></details>")
    head = [
        _th("agency", "text"),
        *(f'<th class="num">{_severity(s)}</th>' for s in Severity),
        _th("pagu_involved", "num"),
    ]
    return (
        f'<section id="by-agency"><h2>{_label("by_agency")}</h2><p class="note">{_label("by_agency_note")}</p>'
        f"{_table('agency-table', head, rows)}{''.join(details)}</section>"
    )


def _table(table_id: str, head: Iterable[str], rows: Iterable[str], empty_key: str | None = None) -> str:
    body = "".join(rows)
    if not body and empty_key:
        return f'<p class="empty">{_label(empty_key)}</p>'
    return (
        f'<div class="table-scroll"><table id="{table_id}" class="sortable"><thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _findings(report: Report) -> str:
    items = shown(report.findings)
    families = sorted({f.family for f in report.findings})
    severities = "".join(
        f'<label class="sev-filter"><input type="checkbox" name="severity" value="{s.value}" checked> '
        f'<span class="badge {s.value}">{_severity(s)}</span> ({report.by_severity[s.value]})</label>'
        for s in Severity
    )
    options = "".join(
        f'<option value="{fam}" data-label-id="{_e(_family_text(fam, "id"))}" '
        f'data-label-en="{_e(_family_text(fam, "en"))}">{_e(_family_text(fam, "id"))}</option>'
        for fam in families
    )
    controls = (
        f'<div class="controls"><input type="search" id="filter-text" placeholder="{_e(label("search", "id"))}" '
        f'data-label-id="{_e(label("search", "id"))}" data-label-en="{_e(label("search", "en"))}" '
        f'aria-label="{_e(label("filter", "id"))}">'
        f'<select id="filter-family"><option value="" data-label-id="{_e(label("all_families", "id"))}" '
        f'data-label-en="{_e(label("all_families", "en"))}">{_e(label("all_families", "id"))}</option>{options}'
        f"</select>{severities}"
        f'<span class="count"><span id="shown-count">{len(items)}</span> / {len(items)} '
        f'{_label("shown")}</span></div><p class="hint">{_label("sort_hint")}</p>'
    )
    head = [_th("rule", "text"), _th("severity", "num"), _th("family", "num"), _th("path", "text"), _th("message")]
    rows = (_finding_row(i, item) for i, item in enumerate(items))
    table = _table("findings-table", head, rows, "no_findings")
    return f'<section id="findings"><h2>{_label("findings")}</h2>{controls if report.findings else ""}{table}</section>'


def _family_text(family: int, language: str) -> str:
    message = FAMILIES.get(family) or Message("Lainnya", "Other")
    return f"{family} · {message.id if language == 'id' else message.en}"


def _summary(report: Report) -> str:
    cards = "".join(
        f'<div class="card {s.value}"><div class="n">{report.by_severity[s.value]}</div>{_severity(s)}</div>'
        for s in Severity
    )
    total = (
        f'<div class="card total"><div class="n">{len(report.findings)}</div>{_label("findings")}</div>'
        f'<div class="card"><div class="n">{len(report.rules_run)}</div>{_label("rules_run")}</div>'
    )
    families = sorted({f.family for f in report.findings})
    fam_rows = (
        f'<tr><td data-value="{fam}">{_family(fam)}</td>'
        + "".join(
            f'<td class="num">{sum(1 for f in report.findings if f.family == fam and f.severity is s)}</td>'
            for s in Severity
        )
        + "</tr>"
        for fam in families
    )
    head = [_th("family", "num"), *(f'<th class="num">{_severity(s)}</th>' for s in Severity)]
    failures = ""
    if report.rule_failures:
        items = "".join(f"<li><code>{_e(f.rule)}</code>: {_e(f.error)}</li>" for f in report.rule_failures)
        failures = (
            f'<div class="failures" id="rule-failures"><h3>{_label("rule_failures")}</h3>'
            f"<p>{_label('rule_failures_note')}</p><ul>{items}</ul></div>"
        )
    sources = "".join(f"<li>{_e(s)}</li>" for s in report.sources)
    sources_html = f'<p class="sources">{_label("sources")}:</p><ul class="sources">{sources}</ul>' if sources else ""
    return (
        f'<section id="summary"><h2>{_label("summary")}</h2>{sources_html}<div class="cards">{total}{cards}</div>'
        f"{failures}<h3>{_label('by_family')}</h3>{_table('family-table', head, fam_rows)}</section>"
    )


def _coverage(report: Report) -> str:
    rows = (
        f'<tr class="{"supported" if r.supported else "unsupported"}">'
        f'<td class="num">{"–" if r.year is None else r.year}</td><td data-value="{_e(r.code or "")}">'
        f"<code>{_e(r.code or '–')}</code></td><td>{_e(r.name)}</td>"
        f"<td>{_bi(priority_kind(r.kind, 'id'), priority_kind(r.kind, 'en'))}</td>"
        f'<td class="num">{r.programs}</td><td class="num">{r.sub_activities}</td>'
        f'<td class="num" data-value="{_e(format(r.pagu, "f"))}">{_money(r.pagu)}</td>'
        f'<td data-value="{int(r.supported)}">{_label("yes" if r.supported else "no")}</td></tr>'
        for r in report.metrics.priority_coverage
    )
    head = [
        _th("year", "num"),
        _th("code", "text"),
        _th("priority", "text"),
        _th("kind", "text"),
        _th("programs", "num"),
        _th("sub_activities", "num"),
        _th("pagu", "num"),
        _th("supported", "num"),
    ]
    return (
        f'<section id="coverage"><h2>{_label("coverage")}</h2><p class="note">{_label("coverage_note")}</p>'
        f"{_table('coverage-table', head, rows)}</section>"
    )


def _decimal_text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _metrics(report: Report) -> str:
    share_rows = (
        f'<tr><td>{_e(report.title(s.plan))}</td><td class="num">{s.year}</td>'
        f'<td class="num" data-value="{_e(format(s.total, "f"))}">{_money(s.total)}</td>'
        f'<td class="num" data-value="{_e(format(s.on_priorities, "f"))}">{_money(s.on_priorities)}</td>'
        f'<td class="num" data-value="{_e(format(s.share, "f") if s.share is not None else "")}">'
        f"{_bi(format_share(s.share, 'id'), format_share(s.share, 'en'))}</td>"
        f'<td class="num" data-value="{_e(_decimal_text(s.share_without_support))}">'
        f"{_bi(format_share(s.share_without_support, 'id'), format_share(s.share_without_support, 'en'))}</td></tr>"
        for s in report.metrics.pagu_on_priorities
    )
    share_head = [
        _th("plan", "text"),
        _th("year", "num"),
        _th("total", "num"),
        _th("on_priorities", "num"),
        _th("share", "num"),
        _th("share_without_support", "num"),
    ]
    band_rows = (
        f'<tr><td class="num">{a.year}</td><td>{_e(a.band)}</td><td class="num">{a.count}</td></tr>'
        for a in report.metrics.achievement
    )
    band_head = [_th("year", "num"), _th("band", "text"), _th("count", "num")]
    return (
        f'<section id="pagu-share"><h2>{_label("pagu_share")}</h2>{_table("pagu-share-table", share_head, share_rows)}'
        f'</section><section id="achievement"><h2>{_label("achievement")}</h2>'
        f"{_table('achievement-table', band_head, band_rows)}</section>"
    )


_CSS = """
:root{--err:#b3261e;--warn:#8a5a00;--info:#0b5cad;--line:#d9d9d9;--muted:#5f6368}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1f1f1f;background:#fff}
header,section,footer{max-width:1400px;margin:0 auto;padding:0 20px}
header{padding-top:16px;display:flex;justify-content:space-between;align-items:flex-start;gap:16px}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #1f1f1f}
h3{font-size:15px;margin:18px 0 6px}
body[data-lang="id"] .l-en,body[data-lang="en"] .l-id{display:none}
.langs button{border:1px solid var(--line);background:#f6f6f6;padding:4px 10px;cursor:pointer;font-weight:600}
body[data-lang="id"] .langs [data-set-lang="id"],body[data-lang="en"] .langs [data-set-lang="en"]{background:#1f1f1f;color:#fff}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:120px}
.card .n{font-size:24px;font-weight:700}.card.error .n{color:var(--err)}.card.warning .n{color:var(--warn)}
.card.info .n{color:var(--info)}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3;position:sticky;top:0}
th[data-type]{cursor:pointer;user-select:none}
th[aria-sort="ascending"]::after{content:" ▲"}th[aria-sort="descending"]::after{content:" ▼"}
td.num,th.num{text-align:right;white-space:nowrap}
#findings-table td:nth-child(4){width:34%;color:#333}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;color:#fff}
.badge.error{background:var(--err)}.badge.warning{background:var(--warn)}.badge.info{background:var(--info)}
tr.sev-error td:first-child{border-left:4px solid var(--err)}
tr.sev-warning td:first-child{border-left:4px solid var(--warn)}
tr.sev-info td:first-child{border-left:4px solid var(--info)}
.fix{margin-top:4px;color:#0f5e2c}.loc{color:var(--muted);font-size:12px}
details summary{cursor:pointer;color:var(--muted);font-size:12px}
pre{white-space:pre-wrap;font-size:12px;background:#f7f7f7;padding:6px;margin:4px 0}
.controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:8px 0}
.controls input[type=search]{padding:5px 8px;min-width:260px}
.hint,.note,.count,.sources,.empty{color:var(--muted)}
tr.unsupported td{background:#fff4f2}
.failures{border:2px solid var(--err);padding:8px 12px;margin:12px 0}
footer{color:var(--muted);font-size:12px;padding:20px}
table.evidence{width:auto;margin:4px 0;font-size:12px}table.evidence th{position:static;font-weight:600}
table.evidence th,table.evidence td{padding:2px 6px}.also{margin-top:4px;color:var(--muted)}
.path{cursor:help}.table-scroll{overflow-x:auto}
@media (max-width:480px){
header,section,footer{padding:0 8px}h1{font-size:18px}
.controls input[type=search]{min-width:0;width:100%}
#findings-table thead{display:none}
#findings-table tr,#findings-table td{display:block;width:auto}
#findings-table td{border-bottom:none;padding:2px 6px}
#findings-table tr{border-bottom:1px solid var(--line);padding:6px 0}
#findings-table td:nth-child(4){width:auto}
td.num,th.num{white-space:normal}
}
@media print{.controls,.langs,.hint,details{display:none}th{position:static}}
"""

# The script only reads attributes and moves existing rows; it never builds markup from data.
_JS = """
(function () {
  "use strict";
  var body = document.body;
  window.addEventListener("error", function () { body.setAttribute("data-js-error", "1"); });
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function setLang(lang) {
    if (lang !== "id" && lang !== "en") { return; }
    body.setAttribute("data-lang", lang);
    document.documentElement.setAttribute("lang", lang);
    each(document.querySelectorAll("[data-label-" + lang + "]"), function (el) {
      var text = el.getAttribute("data-label-" + lang);
      if (el.tagName === "INPUT") { el.setAttribute("placeholder", text); } else { el.textContent = text; }
    });
  }
  function cellValue(row, col) {
    var cell = row.cells[col];
    if (!cell) { return ""; }
    var value = cell.getAttribute("data-value");
    return value === null ? cell.textContent.trim() : value;
  }
  function sortTable(table, col, dir) {
    var th = table.tHead.rows[0].cells[col];
    if (!th || !th.hasAttribute("data-type")) { return; }
    var numeric = th.getAttribute("data-type") === "num";
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.forEach(function (row, i) { if (!row.hasAttribute("data-order")) { row.setAttribute("data-order", i); } });
    rows.sort(function (a, b) {
      var x = cellValue(a, col), y = cellValue(b, col), c;
      if (numeric) { c = (parseFloat(x) || 0) - (parseFloat(y) || 0); }
      else { c = x.localeCompare(y, undefined, {numeric: true, sensitivity: "base"}); }
      if (c === 0) { c = parseInt(a.getAttribute("data-order"), 10) - parseInt(b.getAttribute("data-order"), 10); }
      return dir === "desc" ? -c : c;
    });
    rows.forEach(function (row) { tbody.appendChild(row); });
    each(table.tHead.rows[0].cells, function (cell) {
      if (cell.hasAttribute("data-type")) { cell.setAttribute("aria-sort", "none"); }
    });
    th.setAttribute("aria-sort", dir === "desc" ? "descending" : "ascending");
  }
  each(document.querySelectorAll("table.sortable"), function (table) {
    each(table.tHead.rows[0].cells, function (th, col) {
      if (!th.hasAttribute("data-type")) { return; }
      function toggle() { sortTable(table, col, th.getAttribute("aria-sort") === "ascending" ? "desc" : "asc"); }
      th.addEventListener("click", toggle);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") { toggle(); } });
    });
  });
  var findings = document.getElementById("findings-table");
  var text = document.getElementById("filter-text");
  var family = document.getElementById("filter-family");
  var boxes = document.querySelectorAll("input[name=severity]");
  function applyFilters() {
    if (!findings) { return; }
    var query = text.value.trim().toLowerCase(), fam = family.value, shown = 0, severities = {};
    each(boxes, function (box) { severities[box.value] = box.checked; });
    each(findings.tBodies[0].rows, function (row) {
      var visible = severities[row.getAttribute("data-severity")] === true &&
        (!fam || row.getAttribute("data-family") === fam) &&
        (!query || row.textContent.toLowerCase().indexOf(query) >= 0);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    document.getElementById("shown-count").textContent = String(shown);
  }
  if (findings) {
    text.addEventListener("input", applyFilters);
    family.addEventListener("change", applyFilters);
    each(boxes, function (box) { box.addEventListener("change", applyFilters); });
  }
  each(document.querySelectorAll("[data-set-lang]"), function (button) {
    button.addEventListener("click", function () { setLang(button.getAttribute("data-set-lang")); });
  });
  var params = {};
  each(window.location.hash.replace(/^#/, "").split("&"), function (part) {
    if (!part) { return; }
    var i = part.indexOf("=");
    var key = decodeURIComponent(i < 0 ? part : part.slice(0, i));
    params[key] = i < 0 ? "" : decodeURIComponent(part.slice(i + 1).replace(/\\+/g, " "));
  });
  setLang(params.lang || body.getAttribute("data-lang"));
  if (findings) {
    if (params.q) { text.value = params.q; }
    if (params.family) { family.value = params.family; }
    if (params.severity) {
      var wanted = params.severity.split(",");
      each(boxes, function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
    }
    if (params.sort) {
      each(findings.tHead.rows[0].cells, function (th, col) {
        if (th.getAttribute("data-key") === params.sort) { sortTable(findings, col, params.dir === "desc" ? "desc" : "asc"); }
      });
    }
    applyFilters();
  }
  body.setAttribute("data-ready", "1");
})();
"""


def render_html(report: Report, *, language: str = "id") -> str:
    """The report as a self-contained HTML page (see the module docs)."""
    if language not in LANGUAGES:
        raise SinkronError(f"unknown report language {language!r}; use one of {', '.join(LANGUAGES)}")
    title = label("title", language)
    header = (
        f'<header><div><h1>{_label("title")}</h1></div><div class="langs" role="group" aria-label="Bahasa / Language">'
        f'<button type="button" data-set-lang="id">ID</button><button type="button" data-set-lang="en">EN</button>'
        f"</div></header>"
    )
    footer = f"<footer>{_label('generated_by')} {_e(sinkron.__version__)}</footer>"
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="sinkron {_e(sinkron.__version__)}">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>"
        f'<body data-lang="{language}">{header}{_summary(report)}{_findings(report)}{_by_agency(report)}{_coverage(report)}'
        f"{_metrics(report)}{footer}<script>{_JS}</script></body></html>\n"
    )


class ReportHtmlExporter(Exporter):
    """The report as one self-contained HTML file (option: ``language``)."""

    name = "report-html"
    formats = ("html",)
    extension = ".html"
    accepts = (Report,)
    description = "a single-file HTML report: sortable, filterable findings, coverage, no external assets"
    render_options = LanguageOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        if not isinstance(obj, Report):
            raise SinkronError(f"the {self.name} exporter renders a Report, not {type(obj).__name__}")
        return render_html(obj, language=language_option(options)).encode("utf-8")


@hookimpl
def sinkron_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(ReportHtmlExporter())
