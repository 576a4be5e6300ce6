"""Reports a planner can hand out (issue 20, items 9 and 11): Indonesian numbers, names instead of ids,
a compact terminal report, repeats folded, and the findings of each perangkat daerah."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import sinkron
from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.report import Report
from sinkron.builtins.report_common import counted_severity, severity_summary, shown
from sinkron.builtins.report_html import render_html
from sinkron.builtins.report_markdown import render_markdown
from sinkron.builtins.report_text import render_text
from sinkron.demo import demo_bundle, demo_config
from sinkron.numbers import format_percent


@pytest.fixture(scope="module")
def demo_report() -> Report:
    return sinkron.check(demo_bundle(), config=demo_config())


def _codes_and_prefixes() -> set[str]:
    """Every code of the demo bundle and its dotted prefixes (``1.02``, ``62.05``): codes, not decimals."""
    bundle = demo_bundle()
    codes = [str(item.code) for plan in bundle.plans for item in plan.items()]
    codes += [p.code for p in bundle.priorities if p.code]
    found: set[str] = set()
    for code in codes:
        parts = code.split(".")
        found.update(".".join(parts[: n + 1]) for n in range(len(parts)))
    return found


def _internal_ids() -> set[str]:
    bundle = demo_bundle()
    ids = {p.id for p in bundle.plans} | {a.id for a in bundle.agencies} | {m.id for m in bundle.meetings}
    return ids | {p.id for p in bundle.priorities if p.id != p.code}


_SINGLE_DOT_NUMBER = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")
_COMMA_GROUPED = re.compile(r"\d{1,3},\d{3},\d{3}")


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_demo_report_has_no_point_decimal_number_and_no_internal_id(demo_report: Report, language: str) -> None:
    codes, ids = _codes_and_prefixes(), _internal_ids()
    for rendered in (
        render_text(demo_report, language=language, verbose=True),
        render_markdown(demo_report, language=language),
    ):
        decimals = {m for m in _SINGLE_DOT_NUMBER.findall(rendered) if m not in codes}
        assert not {m for m in decimals if not re.fullmatch(r"\d{1,3}\.\d{3}", m)}, "point-decimal numbers"
        assert not _COMMA_GROUPED.search(rendered)
        words = set(re.findall(r"[\w.#:-]+", rendered))
        assert not {w.rstrip(".:") for w in words} & ids


def test_one_percent_format_everywhere() -> None:
    assert format_percent(Decimal("24.24")) == "24,2%" and format_percent(Decimal("50.0")) == "50%"
    rendered = sinkron.check(demo_bundle(), config=demo_config()).by_rule("SKN403")[0]
    assert re.search(r"\d%", rendered.message.id) and not re.search(r"\d %", rendered.message.id)
    assert not re.search(r"\d %", rendered.message.en)


def test_english_counts_are_plural() -> None:
    assert counted_severity(15, Severity.ERROR, "en") == "15 errors"
    assert counted_severity(1, Severity.WARNING, "en") == "1 warning"
    report = Report(findings=tuple(_finding(f"s{n}", Severity.ERROR) for n in range(2)))
    assert severity_summary(report, "en") == "2 findings (2 errors, 0 warnings, 0 notes)"


def test_the_amended_nomenclature_is_not_named_perubahan_twice(demo_report: Report) -> None:
    message = demo_report.by_rule("SKN101")[0].message.id
    assert "s.d. Perubahan nomenklatur" in message and "perubahan Perubahan" not in message


def test_an_agency_is_named_not_shown_by_its_id(demo_report: Report) -> None:
    other_sector = [f for f in demo_report.by_rule("SKN106") if "bidang urusan 1.02" in f.message.id]
    assert other_sector and "perangkat daerah Dinas Sosial Kota Palangka Raya" in other_sector[0].message.id


def test_a_difference_of_percentages_is_in_poin_persen(demo_report: Report) -> None:
    ranking = demo_report.by_rule("SKN605")[0].message
    assert "-0,06 poin persen" in ranking.id and "percentage points" in ranking.en


# -- compact report and follow-up by perangkat daerah -------------------------------------------------------
def test_the_demo_text_report_is_compact_by_default_and_complete_when_verbose(demo_report: Report) -> None:
    compact = render_text(demo_report, width=100)
    assert len(compact.splitlines()) < 200
    assert max(len(line) for line in compact.splitlines()) <= 100
    assert compact.count("\nSKN") == len(shown(demo_report.findings))
    verbose = " ".join(render_text(demo_report, width=100, verbose=True).split())
    for finding in demo_report.findings:
        assert finding.path in verbose
    assert all(f.message.id.split()[0] in verbose for f in demo_report.findings)


def test_the_cli_prints_the_compact_report_and_the_full_one_with_verbose() -> None:
    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "sinkron", "check", "--demo", "--exit-zero", *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    compact, verbose = run(), run("--verbose")
    assert len(compact.splitlines()) < 200 < len(verbose.splitlines())
    assert "→ Perbaikan:" in verbose and "→ Perbaikan:" not in compact


def test_a_finding_repeated_by_the_rkpd_is_shown_once_with_both_places(demo_report: Report) -> None:
    missing = demo_report.by_rule("SKN201")
    assert len(missing) == 2  # the Renja and the RKPD that repeats it
    groups = [g for g in shown(demo_report.findings) if g.first.rule == "SKN201"]
    assert len(groups) == 1 and len(groups[0].places) == 2
    verbose = render_text(demo_report, verbose=True, width=200)
    assert "+ juga di: Renja Dinas Sosial Provinsi Kalimantan Tengah 2026" in verbose
    compact = render_text(demo_report, width=200)
    assert len([line for line in compact.splitlines() if line.startswith("SKN201")]) == 1


def test_the_findings_are_grouped_by_perangkat_daerah_with_the_pagu_involved(demo_report: Report) -> None:
    by_name = {row.name: row for row in demo_report.agencies}
    dinsos = by_name["Dinas Sosial Provinsi Kalimantan Tengah"]
    assert {f.rule for f in dinsos.findings} >= {"SKN201", "SKN602"}
    assert dinsos.by_severity["error"] > 0 and dinsos.pagu > 0
    # every finding belongs to exactly one group
    assert sum(len(row.findings) for row in demo_report.agencies) == len(demo_report.findings)
    compact = render_text(demo_report, width=100)
    section = compact[compact.index("Tindak lanjut per perangkat daerah") :]
    assert re.search(r"Dinas Sosial Provinsi Kalimantan Tengah\s+\d+\s+\d+\s+\d+\s+Rp [\d.]+", section)


def test_the_pagu_involved_counts_an_item_of_the_rkpd_and_the_renja_once() -> None:
    only_skn201 = sinkron.check(demo_bundle(), "SKN201", config=demo_config())
    single = next(r for r in only_skn201.agencies if r.agency == "kalteng.dinsos")
    assert len(single.findings) == 2
    (renja,) = [f for f in single.findings if f.subject.startswith("renja")]
    (rkpd,) = [f for f in single.findings if f.subject.startswith("rkpd")]
    assert renja.subject.partition("#")[2] == rkpd.subject.partition("#")[2]
    amounts = {
        sub.budget_for(2026).amount
        for plan in demo_bundle().plans
        for sub in plan.sub_activities()
        if str(sub.code) == "1.06.05.2.02.0004" and sub.budget_for(2026) is not None
    }
    assert len(amounts) == 1 and single.pagu == amounts.pop()


def _finding(subject: str, severity: Severity) -> Finding:
    return Finding(rule="SKN201", severity=severity, subject=subject, path=subject, message=Message("a", "a"))


def test_the_markdown_report_has_the_section_per_perangkat_daerah(demo_report: Report) -> None:
    for language, heading in (
        ("id", "## Tindak lanjut per perangkat daerah"),
        ("en", "## Follow-up by perangkat daerah"),
    ):
        out = render_markdown(demo_report, language=language)
        section = out[out.index(heading) :]
        assert re.search(r"\| Dinas Sosial Provinsi Kalimantan Tengah \| \d+ \| \d+ \| \d+ \| Rp [\d.]+ \|", section)
        assert "### Dinas Kesehatan Provinsi Kalimantan Tengah" in section
        # a repeated finding: one row, with both places
        assert out.count("`SKN201`") == 2  # once in the findings, once in its perangkat daerah


def test_the_html_report_is_readable_for_follow_up(demo_report: Report) -> None:
    page = render_html(demo_report)
    assert 'id="by-agency"' in page and "Dinas Sosial Provinsi Kalimantan Tengah" in page
    # evidence as a small table, never a JSON dump
    assert '<table class="evidence">' in page and "<pre>" not in page
    # the whole path on hover, a short one shown
    finding = demo_report.by_rule("SKN101")[0]
    assert f'title="{html.escape(finding.path, quote=True)}"' in page
    # numbers and their headings align right
    assert re.search(r'<th class="num"[^>]*>.*?Pagu', page)
    # a phone-sized screen
    assert "@media (max-width:480px)" in page and "#findings-table thead{display:none}" in page


def test_the_xlsx_report_has_a_sheet_per_perangkat_daerah(demo_report: Report, tmp_path: Path) -> None:
    pytest.importorskip("sinkron_spreadsheet", reason="the xlsx report is written by sinkron-spreadsheet")
    calamine = pytest.importorskip("python_calamine")
    path = sinkron.write(demo_report, tmp_path / "laporan.xlsx")
    book = calamine.CalamineWorkbook.from_path(str(path))
    assert book.sheet_names[:3] == ["Temuan", "Cakupan Prioritas", "Per Perangkat Daerah"]
    summary = book.get_sheet_by_name("Per Perangkat Daerah").to_python()
    names = [row[0] for row in summary[1:]]
    assert names == [row.name or "Lintas perangkat daerah" for row in demo_report.agencies]
    assert len(book.sheet_names) == 3 + len(demo_report.agencies)
    listed = 0
    for title in book.sheet_names[3:]:
        rows = book.get_sheet_by_name(title).to_python()
        # the sheet is titled by the name cut to 31 characters (" (2)" when two names begin alike)
        assert rows[0][0] in names and rows[0][0].startswith(re.sub(r" \(\d+\)$", "", title))
        listed += len(rows) - 2
    assert listed == len(demo_report.findings)  # every finding, on its perangkat daerah's sheet


def test_the_compact_coverage_table_puts_the_years_side_by_side_never_summed(demo_report: Report) -> None:
    """Issue 20 fix 1 in the compact text: one row per priority, a column per plan year."""
    text = render_text(demo_report, language="id", color=False)
    table = text.split("Cakupan prioritas", 1)[1].split("Porsi pagu", 1)[0]
    assert "Pagu 2025" in table and "Pagu 2026" in table
    [pn02] = [line for line in table.splitlines() if line.startswith("02 ")]
    assert "2 · Rp 26.500.000.000" in pn02 and "2 · Rp 27.825.000.000" in pn02
    assert "54.325.000.000" not in text  # the two years are never added up
    verbose = render_text(demo_report, language="id", color=False, verbose=True)
    years = [line.split()[0] for line in verbose.splitlines() if re.match(r" 20\d\d  02 Memantapkan", line)]
    assert years == ["2025", "2026"]  # verbose: one row per priority and year


def test_the_json_and_csv_reports_carry_the_follow_up_per_perangkat_daerah(demo_report: Report) -> None:
    """Issue 20 item 11: the per-OPD section exists in every format, JSON and csv included."""
    import csv
    import io
    import json

    from sinkron.builtins.report_csv import render_csv

    document = json.loads(demo_report.to_json())
    groups = document["agencies"]
    assert [g["name"] for g in groups] == [g.name for g in demo_report.agencies]
    for group in groups:
        severities = [document["findings"][i]["severity"] for i in group["findings"]]
        assert {s: severities.count(s) for s in ("error", "warning", "info")} == group["by_severity"]
    named = {g["name"] for g in groups if g["name"]}
    rows = list(csv.DictReader(io.StringIO(render_csv(demo_report))))
    owners = {row["perangkat_daerah"] for row in rows if row["perangkat_daerah"]}
    assert owners == named
    dinkes = next(g for g in groups if g["name"] == "Dinas Kesehatan Provinsi Kalimantan Tengah")
    assert sum(1 for row in rows if row["perangkat_daerah"] == dinkes["name"]) == len(dinkes["findings"])
