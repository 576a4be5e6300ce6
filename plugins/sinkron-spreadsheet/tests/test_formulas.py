"""Formulas saved without cached values, computed from the sheet: the supported subset, errors and cycles."""

from __future__ import annotations

import datetime as dt
import doctest
import xml.etree.ElementTree as ET
import zipfile
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal
from pathlib import Path

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook  # type: ignore[import-untyped]

from sinkron_spreadsheet import formulas as formulas_module
from sinkron_spreadsheet.formulas import (
    CellRange,
    ExcelError,
    FormulaError,
    FormulaEvaluator,
    evaluate,
    references,
    shared_formula,
)
from sinkron_spreadsheet.header import column_letter
from sinkron_spreadsheet.workbook import open_workbook


def cell(name: str) -> tuple[int, int]:
    """``"G6"`` → ``(5, 6)``: 0-based row and column, as the evaluator takes them."""
    letters = name.rstrip("0123456789")
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return int(name[len(letters) :]) - 1, column - 1


def sheet(**values: object) -> dict[tuple[int, int], object]:
    """A sheet's values by cell name: ``sheet(G7=1000, G8="x")``."""
    return {cell(name): value for name, value in values.items()}


def run(formula: str, **values: object) -> object:
    cells = sheet(**values)
    return evaluate(formula, lambda row, column: cells.get((row, column)))


# -- each construct -------------------------------------------------------------------------------------------
def test_numbers_and_text_literals() -> None:
    assert run("=1.15") == Decimal("1.15")
    assert run("=1E3+.5") == Decimal("1000.5")
    assert run('="Rp ""lima"""') == 'Rp "lima"'
    assert run('=""') == ""
    assert run("1+1") == 2  # the sheet's XML stores formulas without the "="


def test_arithmetic_precedence_parentheses_unary_and_percent() -> None:
    assert run("=2+3*4") == 14
    assert run("=(2+3)*4") == 20
    assert run("=10-4-3") == 3  # left to right
    assert run("=12/4/3") == 1
    assert run("=-G1*2", G1=5) == -10
    assert run("=--G1", G1=5) == 5
    assert run("=+G1", G1="teks") == "teks"  # a leading + changes nothing, as in Excel
    assert run("=-10%") == Decimal("-0.1")
    assert run("=G1*15%", G1=2_000_000) == 300_000
    assert run("=G7+G8", G7=1_500_000, G8=250_000.5) == Decimal("1750000.5")


def test_references_relative_absolute_and_mixed() -> None:
    assert run("=$G$6+G$6+$G6+g6", G6=3) == 12


def test_an_empty_cell_is_zero() -> None:
    assert run("=G7+1") == 1
    assert run("=G7") == 0  # what Excel shows for a formula reading an empty cell
    assert run("=G7*2", G7="") == 0  # calamine gives "" for an empty cell


def test_sum_skips_text_logical_values_and_empty_cells_in_ranges() -> None:
    assert run("=SUM(G6:G12)", G6=1000, G7="tidak ada", G8=True, G9=2500.5, G12=Decimal("0.5")) == 3501
    assert run("=SUM(G6:G7,G20,5)", G6=1, G7=2, G20=10) == 18
    assert run("=SUM(G12:G6)", G6=1, G12=2) == 3  # a range written backwards is the same range
    assert run("=SUM(F6:H7)", F6=1, G6=2, H6=3, F7=4, G7=5, H7=6) == 21
    assert run("=SUM(G6)", G6="12") == 0  # text in a referenced cell is skipped …
    assert run('=SUM("12",TRUE)') == 13  # … text and logical values given directly are converted


def test_text_as_a_number() -> None:
    assert run("=G1+1", G1=" 12 ") == 13
    assert run("=G1+1", G1="tidak ada") == ExcelError("#VALUE!")
    assert run('=""*2') == ExcelError("#VALUE!")
    with pytest.raises(FormulaError, match="locale"):
        run("=G1+1", G1="1.000")
    assert run("=G1+1", G1=True) == 2


def test_division_by_zero_is_an_error_value_that_iferror_catches() -> None:
    assert run("=G1/G2", G1=5) == ExcelError("#DIV/0!")
    assert run("=G1/0+G2", G1=5, G2=1) == ExcelError("#DIV/0!")
    assert run("=SUM(G1,1/0)", G1=5) == ExcelError("#DIV/0!")
    assert run('=IFERROR(G1/G2,"")', G1=5) == ""
    assert run('=IFERROR(G1/G2,"")', G1=5, G2=2) == Decimal("2.5")
    assert run("=IFERROR(G1,0)") == 0
    assert str(run("=0/0")) == "#DIV/0!"


def test_error_values_from_cells_and_literals() -> None:
    ref = ExcelError("#REF!")
    assert run("=G1+G2", G1=ref, G2=ExcelError("#N/A")) == ref  # the first error met wins
    assert run("=SUM(G1:G3)", G2=ref) == ref
    assert run('=IFERROR(SUM(G1:G3),"-")', G2=ref) == "-"
    assert run("=#N/A") == ExcelError("#N/A")
    assert run("=ROUND(#NUM!,2)") == ExcelError("#NUM!")


def test_round_is_half_away_from_zero() -> None:
    assert run("=ROUND(2.5,0)") == 3
    assert run("=ROUND(-2.5,0)") == -3
    assert run("=ROUND(2.675,2)") == Decimal("2.68")
    assert run("=ROUND(A1/3,2)", A1=10) == Decimal("3.33")
    assert run("=ROUND(A1/3,2)", A1=20) == Decimal("6.67")
    assert run("=ROUND(1234567,-3)") == 1_235_000
    assert run("=ROUND(-1500,-3)") == -2000
    assert run("=ROUND(499,-3)") == 0
    assert run("=ROUND(1.26,1.9)") == Decimal("1.3")  # digits are truncated to a whole number


def test_rounddown_and_roundup_with_negative_digits() -> None:
    assert run("=ROUNDDOWN(H6*1.15,-3)", H6=1_234_567) == 1_419_000
    assert run("=ROUNDUP(H6*1.15,-3)", H6=1_234_567) == 1_420_000
    assert run("=ROUNDDOWN(-1999,-3)") == -1000
    assert run("=ROUNDUP(-1001,-3)") == -2000
    assert run("=ROUNDDOWN(3.789,2)") == Decimal("3.78")
    assert run("=ROUNDUP(3.781,2)") == Decimal("3.79")
    assert run("=ROUNDDOWN(999,-3)") == 0
    assert run("=ROUNDUP(5,2)") == 5


def test_results_keep_the_15_digits_excel_keeps() -> None:
    assert run("=1/3*3") == 1  # exact decimals would give 0.99…9
    assert run("=ROUNDDOWN(1/3*3,0)") == 1
    assert run("=1/3") == Decimal("0.333333333333333")
    assert run("=G1*1.15", G1=1_000_000) == 1_150_000


def test_a_cached_float_is_read_like_the_rest_of_the_plugin() -> None:
    assert run("=G1+G2", G1=0.1, G2=0.2) == Decimal("0.3")


# -- formula cells read by formulas ---------------------------------------------------------------------------
def test_formula_cells_are_computed_from_their_own_formulas() -> None:
    values = sheet(G7=1_000_000, G8=2_000_000, G9="-")
    formulas = {
        cell("G6"): '=IFERROR(SUM(G7:G9),"")',
        cell("H6"): "=ROUNDDOWN(G6*1.15,-3)",
        cell("I6"): "=H6*2",
        cell("G10"): "=SUM(G6:G9,G20)",
    }
    values[cell("G20")] = 5
    evaluator = FormulaEvaluator(lambda row, column: values.get((row, column)), formulas)
    assert evaluator.result(*cell("I6")) == 6_900_000
    assert evaluator.result(*cell("H6")) == 3_450_000
    assert evaluator.result(*cell("G10")) == 6_000_005
    assert evaluator.evaluate("=G6+H6") == 6_450_000
    with pytest.raises(KeyError):
        evaluator.result(*cell("G7"))


def test_a_formula_result_of_empty_text_is_text() -> None:
    formulas = {cell("G6"): '=IFERROR(1/0,"")', cell("H6"): "=G6+1", cell("I6"): "=SUM(G6,2)"}
    evaluator = FormulaEvaluator(lambda row, column: None, formulas)
    assert evaluator.result(*cell("G6")) == ""
    assert evaluator.result(*cell("H6")) == ExcelError("#VALUE!")  # as in Excel: "" is text, not an empty cell
    assert evaluator.result(*cell("I6")) == 2


def test_each_formula_is_read_once() -> None:
    class Counted(dict[tuple[int, int], str]):
        def __init__(self, texts: dict[tuple[int, int], str]) -> None:
            super().__init__(texts)
            self.reads: dict[tuple[int, int], int] = {}

        def __getitem__(self, key: tuple[int, int]) -> str:
            self.reads[key] = self.reads.get(key, 0) + 1
            return super().__getitem__(key)

    formulas = Counted({cell("G1"): "=5", **{cell(f"H{n}"): "=G1*2+SUM(G1:G1)" for n in range(1, 30)}})
    evaluator = FormulaEvaluator(lambda row, column: None, formulas)
    for n in range(1, 30):
        assert evaluator.result(*cell(f"H{n}")) == 15
    assert set(formulas.reads.values()) == {1}


def test_a_long_chain_of_formula_cells_needs_no_deep_recursion() -> None:
    rows = 5000
    formulas = {(row, 6): f"=G{row}+1" for row in range(1, rows)}  # G2 = G1+1, G3 = G2+1 …
    evaluator = FormulaEvaluator(lambda row, column: 10 if (row, column) == (0, 6) else None, formulas)
    assert evaluator.result(rows - 1, 6) == 10 + rows - 1


def test_a_long_sum_of_terms_needs_no_deep_recursion() -> None:
    formula = "=" + "+".join(f"G{n}" for n in range(1, 2001))
    assert evaluate(formula, lambda row, column: 1) == 2000


# -- cycles ---------------------------------------------------------------------------------------------------
def test_a_formula_reading_itself_is_a_circular_reference() -> None:
    evaluator = FormulaEvaluator(lambda row, column: 1, {cell("G6"): "=SUM(G6:G12)"})
    with pytest.raises(FormulaError, match=r"circular reference: G6 → G6") as raised:
        evaluator.result(*cell("G6"))
    assert raised.value.cell == cell("G6")


def test_a_circle_through_several_cells_names_them_in_order() -> None:
    formulas = {cell("A1"): "=B1+1", cell("B1"): "=SUM(C1:C3)", cell("C2"): "=ROUND(A1,0)", cell("D1"): "=A1"}
    evaluator = FormulaEvaluator(lambda row, column: None, formulas)
    with pytest.raises(FormulaError, match=r"circular reference: A1 → B1 → C2 → A1"):
        evaluator.result(*cell("D1"))
    with pytest.raises(FormulaError, match="circular reference"):
        evaluator.evaluate("=C2")


def test_cells_beside_a_circle_still_compute() -> None:
    formulas = {cell("A1"): "=A2", cell("A2"): "=A1", cell("B1"): "=C1*2"}
    evaluator = FormulaEvaluator(lambda row, column: 21 if (row, column) == cell("C1") else None, formulas)
    with pytest.raises(FormulaError):
        evaluator.result(*cell("A1"))
    assert evaluator.result(*cell("B1")) == 42


# -- what is not supported ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("formula", "says"),
    [
        ("=VLOOKUP(G6,A1:B9,2,FALSE)", "the function VLOOKUP is not supported"),
        ("=_xlfn.XLOOKUP(G6,A1:A9,B1:B9)", "the function XLOOKUP is not supported"),
        ("=IF(G6>0,1,2)", "the function IF is not supported"),
        ("=Renja!G6", "another sheet"),
        ("='Sheet 2'!G6:G9", "another sheet"),
        ("=[1]Sheet1!A1", "another sheet"),
        ("=TotalPagu*2", "defined name"),
        ("=SUM(G:G)", "whole-column"),
        ("=SUM(6:6)", "whole-column or whole-row"),
        ("=G6^2", "the operator ^ is not supported"),
        ('=G6&" rupiah"', "the operator & is not supported"),
        ("=G6>=1", "the operator >= is not supported"),
        ("=SUM({1,2,3})", "array constants"),
        ("=SUM(G6:G7 G7:G8)", "intersection"),
        ("=G6:G12*2", "the range G6:G12 is only supported as an argument of SUM"),
        ("=ROUND(G6:G7,0)", "only supported as an argument of SUM"),
        ("=IFERROR(G6:G7,0)", "only supported as an argument of SUM"),
        ("=ROUND(G6)", "ROUND takes 2 arguments, not 1"),
        ("=IFERROR(G6)", "IFERROR takes 2 arguments"),
        ("=SUM()", "SUM takes 1 to 255 arguments, not 0"),
        ("=ROUND(G6,)", "empty argument"),
        ("=(G6+1", "ends too early"),
        ("=G6+", "ends too early"),
        ("=", "empty"),
        ("=TRUE", "logical result"),
        ("=" + "(" * 70 + "1" + ")" * 70, "more than 64 levels"),
        ("=SUM(A1:XFD1048576)", "more than max_range_cells"),
        ("=XFE1+1", "outside the sheet"),
    ],
)
def test_unsupported_formulas_raise_saying_what(formula: str, says: str) -> None:
    with pytest.raises(FormulaError, match=says.replace("^", r"\^").replace("(", r"\(")) as raised:
        evaluate(formula, lambda row, column: 1)
    assert isinstance(raised.value, ValueError)


def test_an_unsupported_formula_in_a_cell_read_names_that_cell() -> None:
    formulas = {cell("G6"): "=SUM(G7:G9)", cell("G8"): "=VLOOKUP(A8,Kode!A:B,2)"}
    evaluator = FormulaEvaluator(lambda row, column: 1, formulas)
    with pytest.raises(FormulaError, match=r"^G8: the function VLOOKUP is not supported") as raised:
        evaluator.result(*cell("G6"))
    assert raised.value.cell == cell("G8")


def test_values_a_formula_cannot_use_raise() -> None:
    with pytest.raises(FormulaError, match="G7 holds a date") as raised:
        run("=SUM(G6:G8)", G7=dt.date(2026, 1, 1))
    assert raised.value.cell == cell("G7")
    with pytest.raises(FormulaError, match="finite"):
        run("=G7+1", G7=float("nan"))
    with pytest.raises(FormulaError, match="H1: the text"):
        FormulaEvaluator(lambda row, column: "1,5", {cell("H1"): "=G1*2"}).result(*cell("H1"))


def test_references_lists_what_a_formula_reads() -> None:
    found = references('=IFERROR(SUM(G6:G12,$G$20),"")+ROUNDDOWN(H5*1.15,-3)+G20')
    assert found == (CellRange(5, 6, 11, 6), CellRange(19, 6, 19, 6), CellRange(4, 7, 4, 7))
    assert [str(r) for r in found] == ["G6:G12", "G20", "H5"]
    assert cell("G9") in found[0] and cell("H9") not in found[0]
    assert found[0].size == 7 and list(found[1].cells()) == [cell("G20")]
    with pytest.raises(FormulaError, match="another sheet"):
        references("=Renja!A1")


def test_a_shared_formula_moves_its_relative_references() -> None:
    master, texts = cell("H7"), dict[tuple[int, int], str]()
    for name in ("H7", "H8", "I7", "I9"):
        texts[cell(name)] = shared_formula("ROUNDDOWN(G7*1.15,-3)+SUM($G$5:G$6)", master, cell(name))
    assert texts[cell("H7")] == "=ROUNDDOWN(G7*1.15,-3)+SUM($G$5:G$6)"
    assert texts[cell("H8")] == "=ROUNDDOWN(G8*1.15,-3)+SUM($G$5:G$6)"
    assert texts[cell("I9")] == "=ROUNDDOWN(H9*1.15,-3)+SUM($G$5:H$6)"
    values = sheet(G5=1, G6=2, H6=4, G8=1000, H9=2000)
    evaluator = FormulaEvaluator(lambda row, column: values.get((row, column)), texts)
    assert evaluator.result(*cell("H8")) == 1000 + 3
    assert evaluator.result(*cell("I9")) == 2000 + 1 + 2 + 4
    with pytest.raises(FormulaError, match="cannot be moved"):
        shared_formula("B2+1", cell("C3"), cell("A1"))


def test_module_examples() -> None:
    result = doctest.testmod(formulas_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


# -- properties -----------------------------------------------------------------------------------------------
rupiah = st.decimals(min_value=-(10**11), max_value=10**11, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(amounts=st.lists(st.one_of(rupiah, st.none(), st.sampled_from(["-", "", "tidak ada"])), min_size=1, max_size=40))
def test_sum_of_a_range_is_the_decimal_sum_of_its_numbers(amounts: list[Decimal | str | None]) -> None:
    cells = {(5 + i, 6): amount for i, amount in enumerate(amounts)}
    expected = sum((a for a in amounts if isinstance(a, Decimal)), Decimal(0))
    result = evaluate(f"=SUM(G6:G{5 + len(amounts)})", lambda row, column: cells.get((row, column)))
    assert result == expected


@settings(max_examples=300, deadline=None)
@given(
    number=st.decimals(min_value=-(10**8), max_value=10**8, places=5, allow_nan=False, allow_infinity=False),
    digits=st.integers(min_value=-8, max_value=5),
    halfway=st.booleans(),
    function=st.sampled_from(["ROUND", "ROUNDDOWN", "ROUNDUP"]),
)
def test_rounding_matches_decimal_quantize(number: Decimal, digits: int, halfway: bool, function: str) -> None:
    mode = {"ROUND": ROUND_HALF_UP, "ROUNDDOWN": ROUND_DOWN, "ROUNDUP": ROUND_UP}[function]
    step = Decimal(1).scaleb(-digits)  # 0.01 for digits=2, 1000 for digits=-3
    if halfway:  # exactly between two results, where half up and half even differ (15 digits at most, as Excel)
        number = (number / step).to_integral_value(rounding=ROUND_DOWN) * step + step / 2
    expected = (number / step).quantize(Decimal(1), rounding=mode) * step
    result = evaluate(f"={function}(G1,{digits})", lambda row, column: number)
    assert result == expected


# -- a real file ----------------------------------------------------------------------------------------------
def formula_texts(path: Path, sheet_name: str) -> dict[tuple[int, int], str]:
    """The ``<f>`` texts of a sheet's cells, 0-based: what a reader collects beside the values."""
    namespace = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        book = ET.fromstring(archive.read("xl/workbook.xml"))
        index = [s.get("name") for s in book.iter(f"{namespace}sheet")].index(sheet_name)
        root = ET.fromstring(archive.read(f"xl/worksheets/sheet{index + 1}.xml"))
    texts: dict[tuple[int, int], str] = {}
    for element in root.iter(f"{namespace}c"):
        formula = element.find(f"{namespace}f")
        if formula is not None and formula.text:
            texts[cell(element.get("r", ""))] = formula.text
    return texts


@settings(max_examples=15, deadline=None)
@given(
    pagu=st.lists(
        st.one_of(st.integers(min_value=0, max_value=10**11), st.none(), st.just("-")), min_size=2, max_size=8
    ),
    growth=st.sampled_from(["1.1", "1.15", "1.075"]),
)
def test_a_renstra_sheet_written_without_cached_values(
    tmp_path_factory: pytest.TempPathFactory, pagu: list[int | str | None], growth: str
) -> None:
    """A program row totalling its kegiatan rows and later years projected by formulas, written by openpyxl
    (which stores no results), read back with calamine (values) and the sheet's XML (formula texts)."""
    first, last = 7, 6 + len(pagu)
    book = Workbook()
    ws = book.active
    ws.title = "Renstra"
    ws["A1"] = "RENCANA STRATEGIS PERANGKAT DAERAH"
    ws["A5"], ws["G5"], ws["H5"], ws["I5"] = "Kode", "Pagu 2026", "Pagu 2027", "Pagu 2028"
    ws["A6"], ws["G6"] = "1.02.02", f'=IFERROR(SUM(G{first}:G{last}),"")'
    for offset, amount in enumerate(pagu):
        row = first + offset
        ws[f"A{row}"], ws[f"G{row}"] = f"1.02.02.2.0{offset + 1}", amount
    for column, previous in (("H", "G"), ("I", "H")):
        ws[f"{column}6"] = f"=SUM({column}{first}:{column}{last})"
        for row in range(first, last + 1):
            ws[f"{column}{row}"] = f"=ROUNDDOWN({previous}{row}*{growth},-3)"
    ws[f"J{first}"] = f"=ROUND($G${first}/3,2)"
    path = tmp_path_factory.mktemp("renstra") / "renstra.xlsx"
    book.save(path)

    workbook = open_workbook(path)
    try:
        sheet = workbook.sheet("Renstra")
        uncached = {ref: note.detail for ref, note in sheet.notes.items() if note.kind == "uncached"}
        values = {(r, c): value for r, row in sheet.rows(evaluate=False) for c, value in enumerate(row)}
        computed = {(r, c): value for r, row in sheet.rows() for c, value in enumerate(row)}
    finally:
        workbook.close()
    texts = formula_texts(path, "Renstra")
    assert uncached == texts  # every formula cell is noted as uncached, with its formula
    assert all(values.get(ref) in (None, "") for ref in texts)  # calamine has no value for them
    evaluator = FormulaEvaluator(lambda row, column: values.get((row, column)), texts)

    not_a_number = ExcelError("#VALUE!")  # "-" in arithmetic, as Excel gives it

    def projected(amount: int | str | Decimal | ExcelError | None) -> Decimal | ExcelError:
        if isinstance(amount, (str, ExcelError)):
            return not_a_number
        base = Decimal(amount or 0)
        return (base * Decimal(growth) / 1000).to_integral_value(rounding=ROUND_DOWN) * 1000

    def total(amounts: list[Decimal | ExcelError]) -> Decimal | ExcelError:
        numbers = [a for a in amounts if isinstance(a, Decimal)]
        return not_a_number if len(numbers) < len(amounts) else sum(numbers, Decimal(0))

    year_2027 = [projected(a) for a in pagu]
    year_2028 = [projected(a) for a in year_2027]
    assert evaluator.result(*cell("G6")) == sum((Decimal(a) for a in pagu if isinstance(a, int)), Decimal(0))
    assert evaluator.result(*cell("H6")) == total(year_2027)
    assert evaluator.result(*cell("I6")) == total(year_2028)
    for offset in range(len(pagu)):
        assert evaluator.result(*cell(f"I{first + offset}")) == year_2028[offset]
    expected_third = (
        (Decimal(pagu[0] or 0) / 3).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if not isinstance(pagu[0], str)
        else not_a_number
    )
    assert evaluator.result(*cell(f"J{first}")) == expected_third
    # The sheet's rows carry the same results in place of the formulas (an error value as an empty cell).
    for ref in texts:
        result = evaluator.result(*ref)
        assert computed.get(ref) == (None if isinstance(result, ExcelError) else result)


def test_column_names_used_in_messages_match_the_header_helper() -> None:
    assert column_letter(cell("XFD1")[1]) == "XFD"
    assert str(CellRange(0, 16383, 1048575, 16383)) == "XFD1:XFD1048576"
