"""The text, Markdown and HTML report exporters: content, languages, escaping, and a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

import sinkron
from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.report import CoverageRow, Metrics, PaguShare, Report, RuleFailure
from sinkron.builtins.report_common import shown
from sinkron.builtins.report_html import render_html
from sinkron.builtins.report_markdown import escape_markdown, render_markdown
from sinkron.builtins.report_text import render_text
from sinkron.demo import demo_bundle, demo_config
from sinkron.errors import SinkronError
from sinkron.models import Provenance
from sinkron.plugins import PluginManager

ANSI = re.compile(r"\x1b\[[0-9;]*m")
EVIL = '<script>document.body.setAttribute("data-pwned","1")</script>'
EVIL_IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">"


@pytest.fixture(scope="module")
def demo_report() -> Report:
    return sinkron.check(demo_bundle(), config=demo_config())


def small_report() -> Report:
    findings = (
        Finding(
            rule="SKN101",
            severity=Severity.ERROR,
            subject="rkpd#a/1.02.02.2.02.0999",
            path="RKPD 2026 › 1.02 Kesehatan › 1.02.02.2.02.0999 Sesuatu",
            message=Message("Kode tidak ada dalam nomenklatur.", "Code not in the nomenclature."),
            fix=Message("Gunakan kode yang berlaku.", "Use a valid code."),
            evidence={"code": "1.02.02.2.02.0999"},
            location=Provenance(source="rkpd.xlsx", sheet="RKPD", row=12),
        ),
        Finding(
            rule="SKN603",
            severity=Severity.WARNING,
            subject="dpa",
            path="DPA 2025",
            message=Message("55 % belanja di triwulan IV.", "55 % of spending in Q4."),
        ),
        Finding(
            rule="SKN605",
            severity=Severity.INFO,
            subject="62",
            path="Kalimantan Tengah",
            message=Message("Peringkat kab/kota.", "Kab/kota ranking."),
        ),
    )
    metrics = Metrics(
        priority_coverage=(
            CoverageRow(
                priority="PN06",
                code="06",
                name="Pemberantasan Kemiskinan",
                kind="pn",
                programs=2,
                sub_activities=5,
                pagu=Decimal("1234567000"),
            ),
            CoverageRow(
                priority="PN01",
                code="01",
                name="Ideologi Pancasila",
                kind="pn",
                programs=0,
                sub_activities=0,
                pagu=Decimal(0),
            ),
        ),
        pagu_on_priorities=(PaguShare(plan="rkpd", year=2026, total=Decimal(1000), on_priorities=Decimal(881)),),
    )
    return Report(findings=findings, metrics=metrics, rules_run=("SKN101", "SKN603", "SKN605"), sources=("a.xlsx",))


def evil_report() -> Report:
    finding = Finding(
        rule="SKN104",
        severity=Severity.WARNING,
        subject='x"><b>',
        path=f"RKPD › {EVIL_IMG} | pipe",
        message=Message(f"Nama {EVIL}", f"Name {EVIL}"),
        fix=Message(EVIL_IMG, EVIL_IMG),
        evidence={"name": EVIL, "<key>": "</pre></details>"},
    )
    coverage = CoverageRow(
        priority="PD", code="<i>", name=EVIL, kind="daerah", programs=0, sub_activities=0, pagu=Decimal(0)
    )
    return Report(
        findings=(finding,),
        metrics=Metrics(priority_coverage=(coverage,)),
        rules_run=("SKN104",),
        rule_failures=(RuleFailure(rule="SKN999", error=EVIL),),
        sources=(EVIL,),
    )


# -- registration -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fmt", "name"),
    [("text", "report-text"), ("md", "report-markdown"), ("html", "report-html"), ("json", "report-json")],
)
def test_exporters_are_registered_for_reports(fmt: str, name: str) -> None:
    pm = PluginManager(load_entry_points=False)
    assert pm.exporter_for(small_report(), fmt).name == name


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json"])
def test_write_picks_the_exporter_from_the_extension(tmp_path: Path, suffix: str) -> None:
    target = sinkron.write(small_report(), tmp_path / f"report{suffix}")
    content = target.read_text(encoding="utf-8")
    assert "SKN101" in content
    assert [p.name for p in tmp_path.iterdir()] == [f"report{suffix}"]


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_unknown_language_is_refused(fmt: str) -> None:
    exporter = PluginManager(load_entry_points=False).exporter_for(small_report(), fmt)
    with pytest.raises(SinkronError, match="language"):
        exporter.render(small_report(), language="fr")


# -- text -----------------------------------------------------------------------------------------
def test_text_groups_by_severity_then_family_with_path_message_and_fix() -> None:
    out = render_text(small_report(), verbose=True)
    assert out.index("KESALAHAN (1)") < out.index("PERINGATAN (1)") < out.index("INFORMASI (1)")
    assert "Kelompok 1 · Nomenklatur (1)" in out and "Kelompok 6 · Pemantauan dan evaluasi (1)" in out
    assert "RKPD 2026 › 1.02 Kesehatan › 1.02.02.2.02.0999 Sesuatu (rkpd.xlsx, sheet 'RKPD', row 12)" in out
    assert "Kode tidak ada dalam nomenklatur." in out and "→ Perbaikan: Gunakan kode yang berlaku." in out
    assert "Ringkasan: 3 temuan (1 kesalahan, 1 peringatan, 1 informasi); 3 aturan dijalankan" in out
    assert "Sumber data: a.xlsx" in out
    assert not ANSI.search(out)


def test_text_summary_coverage_and_share_tables() -> None:
    out = render_text(small_report())
    coverage = out[out.index("Cakupan prioritas") :]
    assert re.search(r"06 Pemberantasan Kemiskinan\s+PN\s+2\s+5\s+Rp 1\.234\.567\.000\s+ya", coverage)
    assert re.search(r"01 Ideologi Pancasila\s+PN\s+0\s+0\s+Rp 0\s+tidak", coverage)
    assert re.search(r"rkpd\s+2026\s+Rp 1\.000\s+Rp 881\s+88,1%", out)
    assert re.search(r"1 · Nomenklatur\s+1\s+0\s+0", out)


def test_text_in_english() -> None:
    out = render_text(small_report(), language="en", verbose=True)
    assert "ERROR (1)" in out and "Family 1 · Nomenclature (1)" in out
    assert "Code not in the nomenclature." in out and "→ Fix: Use a valid code." in out
    assert re.search(r"rkpd\s+2026\s+Rp 1\.000\s+Rp 881\s+88,1%", out)


def test_text_colour_only_when_asked() -> None:
    coloured = render_text(small_report(), color=True)
    assert "\x1b[31mSKN101" in coloured and ANSI.sub("", coloured) == render_text(small_report())


def test_text_lines_fit_the_width(demo_report: Report) -> None:
    out = render_text(demo_report, width=100)
    assert max(len(line) for line in out.splitlines()) <= 100
    for finding in demo_report.findings:
        assert finding.rule in out


def test_text_shows_rule_failures_and_an_empty_report() -> None:
    out = render_text(Report(rule_failures=(RuleFailure(rule="SKN301", error="KeyError: 'x'"),)))
    assert "Aturan yang gagal dijalankan" in out and "SKN301: KeyError: 'x'" in out
    assert "Tidak ada temuan." in out


# -- Markdown -------------------------------------------------------------------------------------
def test_markdown_tables() -> None:
    out = render_markdown(small_report())
    assert out.startswith("# Laporan pemeriksaan keselarasan rencana\n")
    assert "### Kesalahan (1)" in out and "#### Kelompok 1 · Nomenklatur" in out
    assert "| Aturan | Lokasi | Pesan | Perbaikan |" in out
    row = next(line for line in out.splitlines() if line.startswith("| `SKN101`"))
    assert row.count(" | ") == 3 and "(rkpd.xlsx, sheet 'RKPD', row 12)" in row
    assert "| 06 | Pemberantasan Kemiskinan | PN | 2 | 5 | Rp 1.234.567.000 | ya |" in out
    assert "## Cakupan prioritas" in render_markdown(small_report()) and "## Priority coverage" in render_markdown(
        small_report(), language="en"
    )


def test_markdown_shows_rule_failures_and_an_empty_report() -> None:
    out = render_markdown(Report(rule_failures=(RuleFailure(rule="SKN301", error="KeyError: 'x'"),)))
    lines = out.splitlines()
    assert "## Aturan yang gagal dijalankan" in lines and "- `SKN301`: KeyError: 'x'" in lines
    assert lines.index("## Aturan yang gagal dijalankan") < lines.index("## Temuan") < lines.index("Tidak ada temuan.")
    assert not any(line.startswith("###") for line in lines)  # no severity or family tables without findings
    assert out.endswith("## Temuan per kelompok aturan\n")  # and no family counts either


def test_markdown_escapes_markup() -> None:
    out = render_markdown(evil_report())
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;" in out
    row = next(line for line in out.splitlines() if line.startswith("| `SKN104`"))
    assert row.count(" | ") == 3  # the pipe in the path did not open a column
    assert escape_markdown("a|b") == "a\\|b"


# -- HTML ------------------------------------------------------------------------------------------
def test_html_is_self_contained(demo_report: Report) -> None:
    page = render_html(demo_report)
    assert page.startswith("<!DOCTYPE html>")
    assert "<link" not in page and " src=" not in page and "url(" not in page
    assert not re.search(r"https?://", page)
    assert page.count("<script>") == 1 and page.count("<style>") == 1
    # a finding the RKPD repeats from the Renja is one row, with both places
    assert page.count('<tr class="finding') == len(shown(demo_report.findings)) < len(demo_report.findings)
    assert 'id="coverage-table"' in page and 'id="pagu-share-table"' in page


def test_html_carries_both_languages(demo_report: Report) -> None:
    page = render_html(demo_report, language="en")
    assert '<body data-lang="en">' in page and '<html lang="en">' in page
    finding = demo_report.findings[0]
    assert finding.message.id.split("“")[0][:30] in page and finding.message.en.split("“")[0][:30] in page


def test_html_escapes_everything() -> None:
    page = render_html(evil_report())
    assert page.count("<script") == 1  # only sinkron's own script
    assert "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;document.body.setAttribute(&quot;data-pwned&quot;,&quot;1&quot;)&lt;/script&gt;" in page
    assert 'data-subject="x&quot;&gt;&lt;b&gt;"' in page
    assert "&lt;/pre&gt;&lt;/details&gt;" in page


# -- HTML in a real browser ----------------------------------------------------------------------------
def _chromium() -> str:
    for name in (os.environ.get("SINKRON_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "chrome"):
        if name and shutil.which(name):
            return str(shutil.which(name))
    pytest.skip(
        "no Chromium found (install the chromium package, e.g. `apt-get install chromium`, or set SINKRON_CHROMIUM "
        "to a Chrome/Chromium binary) — needed to open the HTML report in a headless browser"
    )


def _dom(page: Path, fragment: str = "") -> str:
    """The DOM after the page's script ran, as headless Chromium serialises it."""
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        f"--user-data-dir={page.parent / 'chromium-profile'}",
        "--dump-dom",
        page.as_uri() + fragment,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _rows(dom: str) -> list[str]:
    return re.findall(r'<tr class="finding[^"]*"[^>]*>', dom)


def test_html_report_runs_in_a_headless_browser(tmp_path: Path, demo_report: Report) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(demo_report), encoding="utf-8")
    dom = _dom(page)
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None and 'data-ready="1"' in body.group(0) and "data-js-error" not in body.group(0)
    items = shown(demo_report.findings)
    assert 'id="findings-table"' in dom and len(_rows(dom)) == len(items)
    assert not [row for row in _rows(dom) if "hidden" in row]
    counts = {"error": sum(1 for i in items if i.first.severity is Severity.ERROR)}

    filtered = _dom(page, "#severity=error&lang=en")
    rows = _rows(filtered)
    assert 'data-lang="en"' in re.search(r"<body[^>]*>", filtered).group(0)  # type: ignore[union-attr]
    assert sum(1 for r in rows if "hidden" not in r) == counts["error"]
    assert all('data-severity="error"' in r for r in rows if "hidden" not in r)
    assert f'<span id="shown-count">{counts["error"]}</span>' in filtered

    ordered = _dom(page, "#sort=rule&dir=desc")
    rules = re.findall(r'<td data-value="([A-Z]+\d+)"><code>', ordered)
    assert rules == sorted((i.first.rule for i in items), reverse=True)


def test_html_report_data_stays_inert_in_a_browser(tmp_path: Path) -> None:
    page = tmp_path / "evil.html"
    page.write_text(render_html(evil_report()), encoding="utf-8")
    dom = _dom(page, "#q=" + "%3Cscript%3E")
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None and 'data-ready="1"' in body.group(0)
    assert "data-pwned" not in body.group(0)
    assert len(_rows(dom)) == 1 and "hidden" not in _rows(dom)[0]  # the text filter matched the escaped text
