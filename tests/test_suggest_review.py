"""The review sheet: written as xlsx and csv, filled the way a planner would, read back into links."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from sinkron import read
from sinkron.cli import main
from sinkron.demo import demo_bundle
from sinkron.errors import SourceError
from sinkron.models import LinkKind, Origin
from sinkron.suggest import Suggestion, read_review, suggest_links, write_review
from sinkron.suggest.review import COLUMNS, SHEET

DECISION = [k for k, _ in COLUMNS].index("decision")
NOTE = [k for k, _ in COLUMNS].index("note")


@pytest.fixture(scope="module")
def suggestions() -> list[Suggestion]:
    return suggest_links(demo_bundle(), top_k=2)


def _fill_xlsx(path: Path, decisions: dict[int, str], notes: dict[int, str] | None = None) -> None:
    workbook = load_workbook(path)
    sheet = workbook[SHEET]
    for row, value in decisions.items():
        sheet.cell(row=row, column=DECISION + 1, value=value)
    for row, value in (notes or {}).items():
        sheet.cell(row=row, column=NOTE + 1, value=value)
    workbook.save(path)


def test_xlsx_round_trip(tmp_path: Path, suggestions: list[Suggestion]) -> None:
    path = write_review(suggestions, tmp_path / "review.xlsx")
    sheet = load_workbook(path)[SHEET]
    assert [c.value for c in sheet[1]] == [h for _, h in COLUMNS]
    assert sheet.max_row == len(suggestions) + 1
    assert all(sheet.cell(row=r, column=DECISION + 1).value is None for r in range(2, sheet.max_row + 1))
    _fill_xlsx(path, {2: "terima", 3: "Tolak", 4: "YA", 5: "x"}, {2: "cek dengan Bappeda"})
    result = read_review(path)
    assert result.complete
    accepted = [suggestions[0], suggestions[2], suggestions[3]]
    assert [(link.kind, link.source, link.target) for link in result.links] == [
        (s.kind, s.source, s.target) for s in accepted
    ]
    first = result.links[0]
    assert first.provenance is not None and first.provenance.origin is Origin.SUGGESTED
    assert (first.provenance.sheet, first.provenance.row, first.note) == (SHEET, 2, "cek dengan Bappeda")
    assert result.rejected == ((suggestions[1].source, suggestions[1].target),)
    assert len(result.undecided) == len(suggestions) - 4 and result.undecided[0] == 6
    merged = demo_bundle().merge(result.bundle())
    assert len(merged.links) == len(demo_bundle().links) + 3


def test_csv_round_trip_with_semicolons_and_an_edited_target(tmp_path: Path, suggestions: list[Suggestion]) -> None:
    path = write_review(suggestions[:3], tmp_path / "review.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheet programs read UTF-8
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    rows[1][DECISION] = "accept"
    rows[2][DECISION] = "reject"
    rows[3][DECISION] = "terima"
    rows[3][[k for k, _ in COLUMNS].index("target")] = "PN04"  # the planner corrected the target
    saved = tmp_path / "saved.csv"
    saved.write_text("\n".join(";".join(f'"{c}"' for c in row) for row in rows), encoding="utf-8")
    result = read_review(saved, bundle=demo_bundle())
    assert result.complete
    assert [link.target for link in result.links] == [suggestions[0].target, "PN04"]
    assert result.links[1].provenance is not None and result.links[1].provenance.row == 4


def test_bad_cells_are_reported_located_and_together(tmp_path: Path, suggestions: list[Suggestion]) -> None:
    path = write_review(suggestions[:4], tmp_path / "review.xlsx")
    workbook = load_workbook(path)
    sheet = workbook[SHEET]
    sheet.cell(row=2, column=DECISION + 1, value="mungkin")
    sheet.cell(row=3, column=[k for k, _ in COLUMNS].index("kind") + 1, value="cascades")
    sheet.cell(row=4, column=[k for k, _ in COLUMNS].index("target") + 1, value="PN99")
    sheet.cell(row=5, column=[k for k, _ in COLUMNS].index("source") + 1).value = None
    sheet.cell(row=5, column=DECISION + 1, value="terima")
    workbook.save(path)
    result = read_review(path, bundle=demo_bundle())
    assert not result.complete and result.links == ()
    located = [(e.location.row, e.location.column, e.location.field) for e in result.errors]
    assert located == [
        (2, "M", "Keputusan (terima/tolak)"),
        (3, "G", "Jenis tautan (link)"),
        (4, "E", "Target"),
        (5, "B", "Sumber (source)"),
    ]
    assert result.errors[0].expected and result.errors[0].actual == "mungkin"
    assert all(e.location.sheet == SHEET and e.location.source == str(path) for e in result.errors)
    with pytest.raises(Exception, match="4 problem"):
        result.raise_for_errors()


def test_blank_rows_unknown_kinds_and_self_links_in_a_csv(tmp_path: Path, suggestions: list[Suggestion]) -> None:
    path = write_review(suggestions[:3], tmp_path / "review.csv")
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    kind, target = [k for k, _ in COLUMNS].index("kind"), [k for k, _ in COLUMNS].index("target")
    rows[1][kind] = "tautan"  # not a link kind at all
    rows[2][target] = rows[2][[k for k, _ in COLUMNS].index("source")]
    rows[3][DECISION] = "tolak"
    rows.insert(2, [""] * len(COLUMNS))  # a blank row between the suggestions is skipped
    saved = tmp_path / "saved.csv"
    saved.write_text("\n".join(",".join(f'"{c}"' for c in row) for row in rows), encoding="utf-8")
    result = read_review(saved)
    assert [(e.location.row, e.location.column, e.message) for e in result.errors] == [
        (2, "G", "not a link kind"),
        (4, "E", "a link cannot point at its own source"),
    ]
    assert result.errors[0].actual == "tautan"
    assert result.rejected == ((suggestions[2].source, suggestions[2].target),)
    assert result.undecided == () and result.links == ()
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(SourceError, match="empty review sheet"):
        read_review(empty)


def test_unreadable_and_headerless_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(SourceError, match="not a readable xlsx"):
        read_review(broken)
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SourceError, match="missing column") as info:
        read_review(other)
    assert info.value.location.row == 1
    with pytest.raises(SourceError, match="no such file"):
        read_review(tmp_path / "absent.csv")
    with pytest.raises(ValueError, match="xlsx or csv"):
        write_review([], tmp_path / "review.ods")


def test_cli_writes_a_review_sheet_and_reads_it_back(tmp_path: Path) -> None:
    runner = CliRunner()
    sheet = tmp_path / "usulan.xlsx"
    result = runner.invoke(main, ["suggest", "--demo", "--top-k", "3", "--output", str(sheet)])
    assert result.exit_code == 0, result.output
    _fill_xlsx(sheet, {2: "terima", 3: "tolak"})
    accepted = tmp_path / "accepted.json"
    result = runner.invoke(main, ["suggest", "--demo", "--review", str(sheet), "--output", str(accepted)])
    assert result.exit_code == 0, result.output
    assert "1 accepted, 1 rejected" in result.output
    links = read(accepted).links
    assert len(links) == 1 and links[0].kind in (LinkKind.TAGGED, LinkKind.SUPPORTS)
    assert links[0].provenance is not None and links[0].provenance.origin is Origin.SUGGESTED
    _fill_xlsx(sheet, {2: "entah"})
    result = runner.invoke(main, ["suggest", "--review", str(sheet)])
    assert result.exit_code == 2 and "row 2, column M" in result.output and "no link was taken" in result.output
