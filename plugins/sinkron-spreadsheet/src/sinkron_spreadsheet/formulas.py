"""Evaluating the formulas of a sheet that was saved without their results (no cached values).

Planning workbooks written by a program rather than by Excel or LibreOffice (the Renstra PD template
filled by a script, for one) hold formulas such as ``=IFERROR(SUM(G6:G12),"")`` on a program row (the
sum of its kegiatan rows) or ``=ROUNDDOWN(H6*1.15,-3)`` (a later year's pagu projected from this
year's), but no value for them. This module computes such formulas from the other cells of the same
sheet, in the small subset those files use, and refuses everything else with a :class:`FormulaError`
rather than give a wrong number.

The subset:

* numbers (``1.15``, ``1E3``), text in double quotes (``"Rp"``, ``""``), the error literals
  (``#DIV/0!``, ``#N/A`` …), ``TRUE`` and ``FALSE``;
* cell references on the same sheet, relative or absolute (``G6``, ``$G$6``, ``G$6``), and ranges
  (``G6:G12``) as arguments of ``SUM``;
* ``+``, ``-``, ``*``, ``/``, unary ``-`` and ``+``, the postfix ``%`` and parentheses;
* ``SUM``, ``ROUND``, ``ROUNDDOWN``, ``ROUNDUP`` and ``IFERROR``.

Numbers are :class:`~decimal.Decimal` (money in sinkron is Decimal rupiah); arithmetic is exact
decimal arithmetic with 34 significant digits, and what a formula gives — like the number ``ROUND``,
``ROUNDDOWN`` and ``ROUNDUP`` start from — is rounded to the 15 significant digits that Excel keeps,
so ``=ROUNDDOWN(1/3*3,0)`` is ``1`` here as in Excel. The rest follows Excel: ``ROUND`` rounds half
away from zero, the ``digits`` of the rounding functions may be negative (``-3``: to thousands) and
are truncated to a whole number; an empty cell is ``0`` in arithmetic; ``SUM`` skips text, logical
values and empty cells in its ranges and references; a division by zero gives the error
``#DIV/0!`` (an :class:`ExcelError` value), which ``IFERROR`` catches like any error value.

Text used as a number: digits alone (``"12"``) are that number, text without a digit (``"abc"``)
gives ``#VALUE!``; any other text (``"1.000"``, ``"1,5"``) would be read differently by Excel in
different locales and raises :class:`FormulaError`. Date cells raise it too (Excel would use their
serial numbers).

>>> values = {(6, 6): 1_500_000, (7, 6): 2_250_000.0, (8, 6): "tidak ada"}
>>> evaluate("=IFERROR(SUM(G7:G12),\\"\\")", lambda row, column: values.get((row, column)))
Decimal('3750000')
>>> evaluate("=ROUNDDOWN(G7*1.15,-3)", lambda row, column: values.get((row, column)))
Decimal('1725000')
>>> evaluate("=G7/0", lambda row, column: None)
ExcelError(code='#DIV/0!')
>>> evaluate("=VLOOKUP(G7,A1:B9,2)", lambda row, column: None)
Traceback (most recent call last):
...
sinkron_spreadsheet.formulas.FormulaError: the function VLOOKUP is not supported (supported: IFERROR, ROUND, ROUNDDOWN, ROUNDUP, SUM)

Cells that hold formulas themselves are computed from their formula text on the way, once each:
:class:`FormulaEvaluator` takes the sheet's values and its formula texts per cell (rows and columns
0-based, as :class:`~sinkron_spreadsheet.workbook.Sheet` gives them), and a circular reference is a
:class:`FormulaError` naming the cells of the circle.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

import attrs

from sinkron_spreadsheet.cells import CellError, plain_number, to_decimal
from sinkron_spreadsheet.header import column_letter

__all__ = [
    "MAX_RANGE_CELLS",
    "CellLookup",
    "CellRange",
    "ExcelError",
    "FormulaError",
    "FormulaEvaluator",
    "evaluate",
    "references",
    "shared_formula",
]

#: The largest range a formula may name (``SUM(A1:Z40000)`` is just over a million cells); a larger one is
#: refused rather than walked cell by cell.
MAX_RANGE_CELLS = 1_048_576
#: Excel's last row and column (0-based: row 1048575 is row 1,048,576, column 16383 is XFD).
_LAST_ROW = 1_048_575
_LAST_COLUMN = 16_383
#: How deeply parentheses and function calls may nest (Excel allows 64 levels of functions).
_MAX_NESTING = 64
#: Significant digits Excel keeps of a number (it shows and rounds from 15).
_EXCEL_DIGITS = 15
#: Decimal arithmetic for every operation: exact for sums and products of rupiah amounts, 34 digits for quotients.
_ARITHMETIC = Context(prec=34, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow])
_EXCEL_PRECISION = Context(prec=_EXCEL_DIGITS, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, Overflow])

_SUPPORTED_FUNCTIONS = ("IFERROR", "ROUND", "ROUNDDOWN", "ROUNDUP", "SUM")
_ROUNDING = {"ROUND": ROUND_HALF_UP, "ROUNDDOWN": ROUND_DOWN, "ROUNDUP": ROUND_UP}
_CELL = r"\$?([A-Z]{1,3})\$?([0-9]{1,7})"
_REFERENCE = re.compile(rf"{_CELL}(?::{_CELL})?", re.IGNORECASE)
_WHOLE_COLUMNS_OR_ROWS = re.compile(r"\$?[A-Z]{1,3}:\$?[A-Z]{1,3}|\$?[0-9]+:\$?[0-9]+", re.IGNORECASE)
_WHOLE_NUMBER_TEXT = re.compile(r"\s*[+-]?[0-9]+\s*")


class FormulaError(ValueError):
    """A formula outside the supported subset, or one that cannot be computed (a circular reference).

    ``cell`` is the 0-based ``(row, column)`` whose formula is at fault, when the formula belongs to a cell
    (it may be a cell the evaluated one depends on); the message names it as ``G7``.
    """

    def __init__(self, message: str, cell: tuple[int, int] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.cell = cell


@attrs.frozen
class ExcelError:
    """An Excel error value, such as ``#DIV/0!`` or ``#VALUE!``: what a formula gives, or what a cell holds."""

    code: str

    def __str__(self) -> str:
        return self.code


@attrs.frozen
class CellRange:
    """A rectangle of cells, 0-based and inclusive: ``G6:G12`` is rows 5–11 of column 6.

    >>> CellRange(5, 6, 11, 6)
    CellRange(first_row=5, first_column=6, last_row=11, last_column=6)
    >>> str(CellRange(5, 6, 11, 6)), (7, 6) in CellRange(5, 6, 11, 6)
    ('G6:G12', True)
    """

    first_row: int
    first_column: int
    last_row: int
    last_column: int

    @property
    def size(self) -> int:
        """How many cells the range holds."""
        return (self.last_row - self.first_row + 1) * (self.last_column - self.first_column + 1)

    def __contains__(self, cell: object) -> bool:
        if not isinstance(cell, tuple) or len(cell) != 2:
            return False
        row, column = cell
        return bool(self.first_row <= row <= self.last_row and self.first_column <= column <= self.last_column)

    def cells(self) -> Iterator[tuple[int, int]]:
        """The cells row by row, left to right."""
        for row in range(self.first_row, self.last_row + 1):
            for column in range(self.first_column, self.last_column + 1):
                yield row, column

    def __str__(self) -> str:
        first = _cell_name((self.first_row, self.first_column))
        if self.size == 1:
            return first
        return f"{first}:{_cell_name((self.last_row, self.last_column))}"


#: A value inside a computation: a number, text, a logical value, an error value, or ``None`` for an empty cell.
_Operand = Decimal | str | bool | ExcelError | None
#: What a formula gives.
_Result = Decimal | str | ExcelError
#: A cell's value as a reader holds it: ``None``, ``str``, ``int``, ``float``, ``Decimal``, ``bool``, an
#: :class:`ExcelError` for an error cell (calamine gives those as empty: take the code from the cell notes).
CellLookup = Callable[[int, int], object]


# -- the formula as a tree ------------------------------------------------------------------------------------
@attrs.frozen
class _Constant:
    value: Decimal | str | bool | ExcelError


@attrs.frozen
class _Reference:
    cell: tuple[int, int]


@attrs.frozen
class _Range:
    cells: CellRange


@attrs.frozen
class _Negate:
    operand: _Node


@attrs.frozen
class _Percent:
    operand: _Node
    times: int


@attrs.frozen
class _Arithmetic:
    """``first`` followed by operators of one precedence, left to right (a flat list: ``G7+G8+…+G900`` does not
    nest)."""

    first: _Node
    rest: tuple[tuple[str, _Node], ...]


@attrs.frozen
class _Call:
    function: str
    arguments: tuple[_Node, ...]


_Node = _Constant | _Reference | _Range | _Negate | _Percent | _Arithmetic | _Call


@attrs.frozen
class _Formula:
    """A parsed formula: its tree and the ranges it reads (single cells as ranges of one)."""

    tree: _Node
    ranges: tuple[CellRange, ...]


# -- public functions -----------------------------------------------------------------------------------------
def evaluate(
    formula: str, lookup: CellLookup, formulas: Mapping[tuple[int, int], str] | None = None
) -> Decimal | str | ExcelError:
    """The value of ``formula`` (with or without its leading ``=``), reading cells through ``lookup(row, column)``.

    ``formulas`` are the formula texts of cells that have no value (0-based ``(row, column)`` → text); they are
    computed when ``formula`` reads them. Raises :class:`FormulaError` for what is not supported.

    >>> evaluate("=ROUND(A1/3,2)", lambda row, column: 10)
    Decimal('3.33')
    """
    return FormulaEvaluator(lookup, formulas or {}).evaluate(formula)


def references(formula: str) -> tuple[CellRange, ...]:
    """The cells and ranges ``formula`` reads, each once, in order of appearance (a cell is a range of one).

    A reader streaming rows keeps the values of these cells (and, recursively, of the cells that formula
    cells among them read) to evaluate the formula at the end of the sheet.

    >>> [str(r) for r in references("=IFERROR(SUM(G6:G12,$G$20),\\"\\")+G6:G12")]
    Traceback (most recent call last):
    ...
    sinkron_spreadsheet.formulas.FormulaError: the range G6:G12 is only supported as an argument of SUM
    >>> [str(r) for r in references("=IFERROR(SUM(G6:G12,$G$20),\\"\\")+H5")]
    ['G6:G12', 'G20', 'H5']
    """
    return _parse(formula).ranges


def shared_formula(formula: str, master: tuple[int, int], cell: tuple[int, int]) -> str:
    """The formula of ``cell`` when it shares the formula of ``master`` (0-based cells).

    Excel stores a formula filled down or across once, on its first cell (``<f t="shared" ref="H7:H20"
    si="0">ROUNDDOWN(G7*1.15,-3)</f>``), and the other cells point to it (``<f t="shared" si="0"/>``): their
    formula is the master's with its relative references moved by the distance between the two cells.

    >>> shared_formula("ROUNDDOWN(G7*1.15,-3)+$G$6", master=(6, 7), cell=(8, 8))
    '=ROUNDDOWN(H9*1.15,-3)+$G$6'
    """
    from openpyxl.formula.translate import Translator, TranslatorError  # type: ignore[import-untyped]

    text = formula.strip()
    if not text.startswith("="):
        text = "=" + text
    try:
        moved: str = Translator(text, origin=_cell_name(master)).translate_formula(_cell_name(cell))
    except (TranslatorError, ValueError) as exc:
        raise FormulaError(
            f"the formula of {_cell_name(master)} cannot be moved to {_cell_name(cell)}: {exc}", cell
        ) from None
    return moved


class FormulaEvaluator:
    """Computes the formulas of one sheet from its values, each formula cell once.

    ``values(row, column)`` gives a cell's value (0-based; see :data:`CellLookup` for the types);
    ``formulas`` maps the cells whose value is to be computed to their formula text (``"=SUM(G6:G12)"``
    or ``"SUM(G6:G12)"`` as the sheet's XML stores it). A cell in ``formulas`` is always computed, so give
    only the formulas without a cached value: a cached value is what the file's author saw.

    >>> sheet = {(6, 6): 1_000_000, (7, 6): 500_000}
    >>> formulas = {(5, 6): "SUM(G7:G12)", (5, 7): "ROUNDDOWN(G6*1.15,-3)"}
    >>> evaluator = FormulaEvaluator(lambda row, column: sheet.get((row, column)), formulas)
    >>> evaluator.result(5, 7)
    Decimal('1725000')
    >>> evaluator.result(5, 6)
    Decimal('1500000')
    """

    def __init__(
        self,
        values: CellLookup,
        formulas: Mapping[tuple[int, int], str],
        *,
        max_range_cells: int = MAX_RANGE_CELLS,
    ) -> None:
        self._values = values
        self._formulas = formulas
        self._max_range_cells = max_range_cells
        self._parsed: dict[tuple[int, int], _Formula] = {}
        self._results: dict[tuple[int, int], _Result] = {}

    def result(self, row: int, column: int) -> Decimal | str | ExcelError:
        """The value of the formula in the cell ``(row, column)``, which must be one of ``formulas``.

        Raises :class:`FormulaError` when this formula, or that of a cell it reads, is not supported or
        reads itself through other cells (a circular reference).
        """
        cell = (row, column)
        if cell not in self._formulas:
            raise KeyError(f"{_cell_name(cell)} has no formula to evaluate")
        self._compute_from(cell)
        return self._results[cell]

    def evaluate(self, formula: str) -> Decimal | str | ExcelError:
        """The value of a formula that belongs to no cell of ``formulas``, read against this sheet."""
        parsed = _parse(formula)
        self._check_sizes(parsed, None)
        for cell in self._formula_cells_read(parsed):
            self._compute_from(cell)
        return self._finish(self._value(parsed.tree), None)

    # -- order of computation ----------------------------------------------------------------------------------
    def _compute_from(self, start: tuple[int, int]) -> None:
        """Compute ``start`` after every formula cell it reads, depth first without recursion (a column of
        running totals chains thousands of cells)."""
        if start in self._results:
            return
        path = [start]
        on_path = {start: 0}
        pending = [iter(self._formula_cells_read(self._formula(start)))]
        while pending:
            for cell in pending[-1]:
                if cell in self._results:
                    continue
                if cell in on_path:
                    circle = [*path[on_path[cell] :], cell]
                    raise FormulaError(
                        "a circular reference: " + " → ".join(_cell_name(c) for c in circle) + " (each needs the next)",
                        cell,
                    )
                on_path[cell] = len(path)
                path.append(cell)
                pending.append(iter(self._formula_cells_read(self._formula(cell))))
                break
            else:
                pending.pop()
                done = path.pop()
                del on_path[done]
                self._results[done] = self._result_of(done)

    def _result_of(self, cell: tuple[int, int]) -> _Result:
        """The value of ``cell``'s formula, once every formula cell it reads has its value."""
        try:
            return self._finish(self._value(self._formula(cell).tree), cell)
        except FormulaError as exc:
            if exc.cell is not None:
                raise
            raise FormulaError(f"{_cell_name(cell)}: {exc.message}", cell) from None

    def _formula(self, cell: tuple[int, int]) -> _Formula:
        parsed = self._parsed.get(cell)
        if parsed is None:
            try:
                parsed = _parse(self._formulas[cell])
            except FormulaError as exc:
                raise FormulaError(f"{_cell_name(cell)}: {exc.message}", cell) from None
            self._check_sizes(parsed, cell)
            self._parsed[cell] = parsed
        return parsed

    def _check_sizes(self, parsed: _Formula, cell: tuple[int, int] | None) -> None:
        for cells in parsed.ranges:
            if cells.size > self._max_range_cells:
                where = f"{_cell_name(cell)}: " if cell is not None else ""
                raise FormulaError(
                    f"{where}the range {cells} holds {cells.size} cells, more than max_range_cells="
                    f"{self._max_range_cells}",
                    cell,
                )

    def _formula_cells_read(self, parsed: _Formula) -> list[tuple[int, int]]:
        """The cells of ``formulas`` that ``parsed`` reads."""
        found: list[tuple[int, int]] = []
        for cells in parsed.ranges:
            if cells.size <= len(self._formulas):
                found.extend(cell for cell in cells.cells() if cell in self._formulas)
            else:
                found.extend(sorted(cell for cell in self._formulas if cell in cells))
        return found

    # -- values ------------------------------------------------------------------------------------------------
    def _cell(self, cell: tuple[int, int]) -> _Operand:
        """A cell's value inside a computation (formula cells are computed before the formulas reading them)."""
        if cell in self._formulas:
            return self._results[cell]
        return _operand(self._values(*cell), cell)

    def _finish(self, value: _Operand, cell: tuple[int, int] | None) -> _Result:
        """What a formula gives: an empty cell read on its own is ``0``; numbers to Excel's 15 digits."""
        if value is None:
            return Decimal(0)
        if isinstance(value, bool):
            where = f"{_cell_name(cell)}: " if cell is not None else ""
            raise FormulaError(f"{where}a logical result (TRUE or FALSE) is not supported", cell)
        if isinstance(value, Decimal):
            return _excel_number(value)
        return value

    def _value(self, node: _Node) -> _Operand:
        with localcontext(_ARITHMETIC):
            try:
                return self._compute(node)
            except Overflow:
                return ExcelError("#NUM!")

    def _compute(self, node: _Node) -> _Operand:
        if isinstance(node, _Constant):
            return node.value
        if isinstance(node, _Reference):
            return self._cell(node.cell)
        if isinstance(node, _Negate):
            number = _number(self._compute(node.operand))
            return number if isinstance(number, ExcelError) else -number
        if isinstance(node, _Percent):
            number = _number(self._compute(node.operand))
            return number if isinstance(number, ExcelError) else number.scaleb(-2 * node.times)
        if isinstance(node, _Arithmetic):
            return self._arithmetic(node)
        if isinstance(node, _Call):
            return self._call(node)
        raise FormulaError(f"the range {node.cells} is only supported as an argument of SUM")  # a _Range

    def _arithmetic(self, node: _Arithmetic) -> _Operand:
        total = _number(self._compute(node.first))
        if isinstance(total, ExcelError):
            return total
        for operator, operand in node.rest:
            number = _number(self._compute(operand))
            if isinstance(number, ExcelError):
                return number
            if operator == "+":
                total += number
            elif operator == "-":
                total -= number
            elif operator == "*":
                total *= number
            elif number == 0:
                return ExcelError("#DIV/0!")
            else:
                total /= number
        return total

    def _call(self, node: _Call) -> _Operand:
        if node.function == "SUM":
            return self._sum(node.arguments)
        if node.function == "IFERROR":
            value = self._compute(node.arguments[0])
            return self._compute(node.arguments[1]) if isinstance(value, ExcelError) else value
        number = _number(self._compute(node.arguments[0]))
        if isinstance(number, ExcelError):
            return number
        digits = _number(self._compute(node.arguments[1]))
        if isinstance(digits, ExcelError):
            return digits
        return _round(number, digits, _ROUNDING[node.function])

    def _sum(self, arguments: tuple[_Node, ...]) -> _Operand:
        total = Decimal(0)
        for argument in arguments:
            if isinstance(argument, (_Range, _Reference)):
                cells = argument.cells.cells() if isinstance(argument, _Range) else iter((argument.cell,))
                for cell in cells:
                    value = self._cell(cell)
                    if isinstance(value, ExcelError):
                        return value
                    if isinstance(value, Decimal):  # text, logical values and empty cells are skipped
                        total += value
                continue
            number = _number(self._compute(argument))
            if isinstance(number, ExcelError):
                return number
            total += number
        return total


# -- values and numbers ---------------------------------------------------------------------------------------
def _operand(raw: object, cell: tuple[int, int]) -> _Operand:
    """A reader's cell value as a value inside a computation."""
    if raw is None or raw == "":
        return None  # calamine gives "" for an empty cell
    if isinstance(raw, (str, bool, ExcelError)):
        return raw
    if isinstance(raw, (int, float, Decimal)):
        try:
            return to_decimal(raw)
        except CellError as exc:
            raise FormulaError(f"{_cell_name(cell)} holds {exc.message}", cell) from None
    if isinstance(raw, (dt.date, dt.time, dt.timedelta)):
        raise FormulaError(
            f"{_cell_name(cell)} holds a date or time ({raw}); computing with dates is not supported", cell
        )
    raise FormulaError(f"{_cell_name(cell)} holds a {type(raw).__name__}, not a value a formula can use", cell)


def _number(value: _Operand) -> Decimal | ExcelError:
    """``value`` as a number in arithmetic, the way Excel converts it (or the error value it gives)."""
    if isinstance(value, (Decimal, ExcelError)):
        return value
    if value is None:
        return Decimal(0)
    if isinstance(value, bool):
        return Decimal(int(value))
    if _WHOLE_NUMBER_TEXT.fullmatch(value):
        return Decimal(value.strip())
    if not any(ch.isdigit() for ch in value):
        return ExcelError("#VALUE!")
    raise FormulaError(
        f"the text {value!r} is used as a number: Excel reads such text by the computer's locale "
        "(1.000 is a thousand in id-ID, one in en-US), so it is not converted"
    )


def _excel_number(number: Decimal) -> Decimal:
    """``number`` to the 15 significant digits Excel keeps, without trailing zeros: ``0.99…9`` (34 nines) → ``1``."""
    rounded = _EXCEL_PRECISION.plus(number)
    return Decimal(plain_number(rounded)) if rounded else Decimal(0)


def _round(number: Decimal, digits: Decimal, rounding: str) -> Decimal:
    """Excel's ``ROUND`` family: ``digits`` truncated to a whole number, negative ones rounding left of the point."""
    places = max(-400, min(400, int(digits)))
    number = _excel_number(number)
    if places >= 0 and number.as_tuple().exponent >= -places:  # type: ignore[operator]
        return number
    with localcontext(_ARITHMETIC) as context:
        context.prec = 1000  # room for the shift below
        whole = number.scaleb(places).to_integral_value(rounding=rounding)
        rounded = whole.scaleb(-places)
    if not rounded:
        return Decimal(0)
    return rounded.quantize(Decimal(1)) if places <= 0 else rounded


# -- parsing --------------------------------------------------------------------------------------------------
def _cell_name(cell: tuple[int, int] | None) -> str:
    if cell is None:
        return "?"
    return f"{column_letter(cell[1])}{cell[0] + 1}"


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def _parse(formula: str) -> _Formula:
    from openpyxl.formula.tokenizer import Tokenizer, TokenizerError  # type: ignore[import-untyped]

    text = formula.strip()
    if not text.startswith("="):
        text = "=" + text
    if text == "=":
        raise FormulaError("the formula is empty")
    try:
        tokens = [token for token in Tokenizer(text).items if token.type != "WHITE-SPACE"]
    except (TokenizerError, ValueError, IndexError) as exc:
        raise FormulaError(f"the formula {formula!r} cannot be read: {exc}") from None
    parser = _Parser(tokens)
    tree = parser.formula()
    return _Formula(tree, tuple(dict.fromkeys(parser.ranges)))


class _Parser:
    """Recursive descent over openpyxl's tokens: ``+ -`` below ``* /`` below unary ``- +`` below ``%``."""

    def __init__(self, tokens: list[object]) -> None:
        self.tokens: list[object] = tokens
        self.position = 0
        self.depth = 0
        self.ranges: list[CellRange] = []

    # tokens -------------------------------------------------------------------------------------------
    def peek(self) -> tuple[str, str, str] | None:
        if self.position >= len(self.tokens):
            return None
        token = self.tokens[self.position]
        return token.type, token.subtype, token.value  # type: ignore[attr-defined]

    def take(self) -> tuple[str, str, str]:
        token = self.peek()
        if token is None:
            raise FormulaError("the formula ends too early")
        self.position += 1
        return token

    # grammar --------------------------------------------------------------------------------------------
    def formula(self) -> _Node:
        tree = self.expression()
        token = self.peek()
        if token is not None:
            raise FormulaError(f"unexpected {token[2]!r} in the formula{_unsupported_hint(token)}")
        _check_ranges(tree, in_sum=False)
        return tree

    def expression(self) -> _Node:
        return self.chain(("+", "-"), self.term)

    def term(self) -> _Node:
        return self.chain(("*", "/"), self.unary)

    def chain(self, operators: tuple[str, ...], operand: Callable[[], _Node]) -> _Node:
        first = operand()
        rest: list[tuple[str, _Node]] = []
        while (token := self.peek()) is not None and token[0] == "OPERATOR-INFIX" and token[2] in operators:
            self.take()
            rest.append((token[2], operand()))
        return _Arithmetic(first, tuple(rest)) if rest else first

    def unary(self) -> _Node:
        token = self.peek()
        if token is not None and token[0] == "OPERATOR-PREFIX":
            self.take()
            operand = self.nested(self.unary)
            return _Negate(operand) if token[2] == "-" else operand  # Excel ignores a leading +
        node = self.primary()
        times = 0
        while (token := self.peek()) is not None and token[0] == "OPERATOR-POSTFIX":
            self.take()
            times += 1
        return _Percent(node, times) if times else node

    def nested(self, rule: Callable[[], _Node]) -> _Node:
        self.depth += 1
        if self.depth > _MAX_NESTING:
            raise FormulaError(f"the formula nests more than {_MAX_NESTING} levels deep")
        try:
            return rule()
        finally:
            self.depth -= 1

    def primary(self) -> _Node:
        kind, subtype, value = self.take()
        if kind == "OPERAND":
            return self.operand(subtype, value)
        if kind == "PAREN" and subtype == "OPEN":
            node = self.nested(self.expression)
            self.close(")")
            return node
        if kind == "FUNC" and subtype == "OPEN":
            return self.nested(lambda: self.call(value[:-1]))
        if kind == "ARRAY":
            raise FormulaError("array constants ({…}) are not supported")
        if kind == "OPERATOR-INFIX":
            raise FormulaError(
                f"the operator {value} is not supported"
                if value not in ("+", "-", "*", "/")
                else f"an operand is missing before {value!r}"
            )
        raise FormulaError(f"unexpected {value!r} in the formula")

    def close(self, what: str) -> None:
        token = self.take()
        if token[0] not in ("PAREN", "FUNC") or token[1] != "CLOSE":
            raise FormulaError(f"expected {what!r}, found {token[2]!r}{_unsupported_hint(token)}")

    def call(self, name: str) -> _Node:
        function = name.upper()
        if function not in _SUPPORTED_FUNCTIONS:
            shown = function.removeprefix("_XLFN.").removeprefix("_XLWS.")
            raise FormulaError(f"the function {shown} is not supported (supported: {', '.join(_SUPPORTED_FUNCTIONS)})")
        arguments: list[_Node] = []
        token = self.peek()
        if token is not None and token[:2] == ("FUNC", "CLOSE"):
            self.take()
        else:
            while True:
                token = self.peek()
                if token is not None and (token[0] == "SEP" or token[:2] == ("FUNC", "CLOSE")):
                    raise FormulaError(f"{function} has an empty argument, which is not supported")
                arguments.append(self.expression())
                token = self.take()
                if token[0] == "SEP" and token[1] == "ARG":
                    continue
                if token[:2] == ("FUNC", "CLOSE"):
                    break
                raise FormulaError(f"expected ',' or ')' in {function}, found {token[2]!r}{_unsupported_hint(token)}")
        wanted = {"SUM": (1, 255), "IFERROR": (2, 2)}.get(function, (2, 2))
        if not wanted[0] <= len(arguments) <= wanted[1]:
            count = f"{wanted[0]}" if wanted[0] == wanted[1] else f"{wanted[0]} to {wanted[1]}"
            raise FormulaError(f"{function} takes {count} arguments, not {len(arguments)}")
        return _Call(function, tuple(arguments))

    def operand(self, subtype: str, value: str) -> _Node:
        if subtype == "NUMBER":
            try:
                return _Constant(Decimal(value))
            except InvalidOperation:
                raise FormulaError(f"the number {value!r} cannot be read") from None
        if subtype == "TEXT":
            return _Constant(value[1:-1].replace('""', '"'))
        if subtype == "LOGICAL":
            return _Constant(value.upper() == "TRUE")
        if subtype == "ERROR":
            return _Constant(ExcelError(value.upper()))
        return self.reference(value)

    def reference(self, text: str) -> _Node:
        if "!" in text:
            raise FormulaError(f"{text} refers to another sheet or workbook, which is not supported")
        if _WHOLE_COLUMNS_OR_ROWS.fullmatch(text):
            raise FormulaError(f"the whole-column or whole-row range {text} is not supported")
        match = _REFERENCE.fullmatch(text)
        if match is None:
            raise FormulaError(
                f"{text} is a defined name or a reference that is not supported (cell references "
                "such as G6, $G$6 and ranges such as G6:G12 are)"
            )
        first = _cell_of(match.group(1), match.group(2), text)
        if match.group(3) is None:
            self.ranges.append(CellRange(first[0], first[1], first[0], first[1]))
            return _Reference(first)
        last = _cell_of(match.group(3), match.group(4), text)
        cells = CellRange(
            min(first[0], last[0]), min(first[1], last[1]), max(first[0], last[0]), max(first[1], last[1])
        )
        self.ranges.append(cells)
        return _Range(cells)


def _cell_of(letters: str, digits: str, text: str) -> tuple[int, int]:
    row, column = int(digits) - 1, _column_index(letters)
    if not (0 <= row <= _LAST_ROW and column <= _LAST_COLUMN):
        raise FormulaError(f"{text} is a defined name or lies outside the sheet, which is not supported")
    return row, column


def _unsupported_hint(token: tuple[str, str, str]) -> str:
    if token[0] == "OPERATOR-INFIX" and token[2] not in ("+", "-", "*", "/"):
        return f" (the operator {token[2]} is not supported)"
    if token[0] == "OPERAND":
        return " (two operands side by side: the intersection operator is not supported)"
    if token[0] == "SEP":
        return " (unions of ranges are not supported)"
    return ""


def _check_ranges(node: _Node, *, in_sum: bool) -> None:
    """Ranges are only supported as direct arguments of SUM (elsewhere Excel intersects or spills them)."""
    if isinstance(node, _Range):
        if not in_sum:
            raise FormulaError(f"the range {node.cells} is only supported as an argument of SUM")
    elif isinstance(node, (_Negate, _Percent)):
        _check_ranges(node.operand, in_sum=False)
    elif isinstance(node, _Arithmetic):
        for operand in (node.first, *(operand for _, operand in node.rest)):
            _check_ranges(operand, in_sum=False)
    elif isinstance(node, _Call):
        for argument in node.arguments:
            _check_ranges(argument, in_sum=node.function == "SUM")
