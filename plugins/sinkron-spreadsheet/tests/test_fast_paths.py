"""The reader's fast paths give exactly what the general rules they shortcut give.

Each test keeps the general rule as a reference (the straightforward code the fast path replaced)
and compares the two on generated inputs, so a fast path can never drift from what it shortcuts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

from hypothesis import given, settings
from hypothesis import strategies as st

from sinkron_spreadsheet import builtin_layouts, load_mapping
from sinkron_spreadsheet.cells import is_blank, normalise_header
from sinkron_spreadsheet.header import SCAN_ROWS, Column, Header, _duplicates, _paths, find_header, match_columns
from sinkron_spreadsheet.mapping import Mapping

SETTINGS = settings(max_examples=60, deadline=None)
LAYOUTS = builtin_layouts()
CUSTOM = load_mapping(
    {
        "name": "custom",
        "header_rows": 2,
        "required": ["code"],
        "columns": {
            "code": ["KODE", "NO{i}"],
            "name": ["NAMA > URAIAN", "URAIAN"],
            "target.{i}": ["TARGET TAHUN {i}", "T{i}"],
            "pagu.{year}": ["PAGU {year}", "{year} > DANA"],
            "note": ["{x} CATATAN"],
        },
    }
)
MAPPINGS = [*LAYOUTS.values(), CUSTOM]


# -- the general rule: every alias of every field tried on every column ----------------------------------------------
_PLACEHOLDERS = {"{i}": r"([1-9])", "{year}": r"((?:19|20|21)\d\d)"}


def reference_pattern(alias: str) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]], str | None]:
    exact, prefix, placeholder = [], [], None
    for part in alias.split(">"):
        regex = re.escape(normalise_header(part))
        for key, group in _PLACEHOLDERS.items():
            if re.escape(key) in regex:
                regex = regex.replace(re.escape(key), group)
                placeholder = key
        exact.append(re.compile(regex + r"\Z"))
        prefix.append(re.compile(regex + r"(?:\s|\Z)"))
    return exact, prefix, placeholder


def reference_path(patterns: list[re.Pattern[str]], path: tuple[str, ...]) -> int | bool | None:
    position, number = 0, None
    for pattern in patterns:
        while position < len(path):
            found = pattern.match(path[position])
            position += 1
            if found:
                if found.groups():
                    number = int(found.group(1))
                break
        else:
            return False
    return number


def reference_columns(
    mapping: Mapping, paths: tuple[tuple[str, ...], ...]
) -> tuple[dict[str, list[Column]], tuple[str, ...]]:
    claimed: set[int] = set()
    columns: dict[str, list[Column]] = {}
    for field, aliases in mapping.columns.items():
        repeated = "{" in field
        for alias in aliases:
            exact, prefix, placeholder = reference_pattern(alias)
            found: list[Column] = []
            for patterns in (exact, prefix):
                for index, path in enumerate(paths):
                    if index in claimed or not path:
                        continue
                    result = reference_path(patterns, path)
                    if result is False:
                        continue
                    number = result if isinstance(result, int) and not isinstance(result, bool) else None
                    found.append(Column(index, " > ".join(path), number, placeholder))
                    if not repeated:
                        break
                if found:
                    break
            if found:
                if repeated:
                    found = [c for c in found if c.placeholder == field[field.index("{") :]]
                    if not found:
                        continue
                columns[field] = found
                claimed.update(c.index for c in found)
                if field == "code" and mapping.split_code:
                    claimed.update(range(found[0].index, found[0].index + 5))
                break
    return columns, tuple(f for f in mapping.required if f not in columns)


def reference_header(rows: Sequence[Sequence[Any]], mapping: Mapping, merged: Sequence[Any] = ()) -> Header | None:
    best: Header | None = None
    for top in range(min(len(rows), SCAN_ROWS)):
        block = rows[top : top + mapping.header_rows]
        if not block or all(is_blank(v) for v in block[0]):
            continue
        paths = _paths(block, top, merged)
        columns, missing = reference_columns(mapping, paths)
        if not columns:
            continue
        header = Header(
            row=top,
            height=len(block),
            columns=columns,
            missing=missing,
            paths=paths,
            duplicates=_duplicates(columns, paths, mapping),
        )
        if best is None or (len(header.missing), -header.score) < (len(best.missing), -best.score):
            best = header
    return best


# -- generated header texts: alias parts (placeholders filled or not), their prefixes and extensions, noise -------
def _part_texts() -> list[str]:
    texts = set()
    for mapping in MAPPINGS:
        for aliases in mapping.columns.values():
            for alias in aliases:
                texts.update(part.strip() for part in alias.split(">"))
    return sorted(texts)


PARTS = _part_texts()


@st.composite
def header_texts(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.sampled_from(["", "(1)", "2026", "1", "No.", "Rp.", "Kode Rekening", "Program", "Target", "x"]))
    text = draw(st.sampled_from(PARTS))
    text = text.replace("{i}", str(draw(st.integers(0, 12)))).replace(
        "{year}", str(draw(st.sampled_from([1899, 1990, 2026, 2130, 2199, 3026])))
    )
    if kind == 1:
        words = text.split()
        text = " ".join(words[: draw(st.integers(1, len(words)))]) if words else text
    elif kind == 2:
        text = text + draw(st.sampled_from([" (Rp.)", " Kegiatan", "S", " 2027", "\nKEG."]))
    elif kind == 3:
        text = draw(st.sampled_from([text.lower(), text.upper(), f"  {text}  ", text.replace(" ", "\n")]))
    return text


@st.composite
def header_blocks(draw: st.DrawFn) -> tuple[list[list[Any]], list[tuple[tuple[int, int], tuple[int, int]]]]:
    width = draw(st.integers(1, 12))
    height = draw(st.integers(1, 4))
    rows = [[draw(header_texts()) or None for _ in range(width)] for _ in range(height)]
    merged = []
    for _ in range(draw(st.integers(0, 3))):
        r1, c1 = draw(st.integers(0, height - 1)), draw(st.integers(0, width - 1))
        merged.append(((r1, c1), (draw(st.integers(r1, height - 1)), draw(st.integers(c1, width - 1)))))
    return rows, merged


@SETTINGS
@given(block=header_blocks(), mapping=st.sampled_from(MAPPINGS))
def test_matching_columns_gives_what_trying_every_alias_gives(
    block: tuple[list[list[Any]], list[tuple[tuple[int, int], tuple[int, int]]]], mapping: Mapping
) -> None:
    rows, merged = block
    paths = _paths(rows, 0, merged)
    assert match_columns(mapping, paths) == reference_columns(mapping, paths)


@SETTINGS
@given(
    above=st.lists(
        st.lists(st.sampled_from(["", "Unit Organisasi : 1.02 Dinas", "Program", "Kode", "(1)"]), max_size=4),
        max_size=6,
    ),
    block=header_blocks(),
    below=st.lists(st.lists(header_texts(), max_size=6), max_size=6),
    mapping=st.sampled_from(MAPPINGS),
)
def test_finding_the_header_gives_what_trying_every_row_gives(
    above: list[list[Any]],
    block: tuple[list[list[Any]], list[tuple[tuple[int, int], tuple[int, int]]]],
    below: list[list[Any]],
    mapping: Mapping,
) -> None:
    header, merged = block
    rows: list[list[Any]] = [*above, *header, *below]
    shifted = [((r1 + len(above), c1), (r2 + len(above), c2)) for (r1, c1), (r2, c2) in merged]
    # Twice: the second time the block's result comes from the cache.
    for _ in range(2):
        assert find_header(rows, mapping, shifted) == reference_header(rows, mapping, shifted)


def test_the_built_in_layouts_written_by_the_writer_are_found_as_the_general_rule_finds_them(tmp_path: Any) -> None:
    from sinkron import Activity, Bundle, Code, Plan, PlanKind, PlanPeriod, Program, SubActivity
    from sinkron_spreadsheet import write_workbook
    from sinkron_spreadsheet.workbook import open_workbook

    sub = SubActivity(code=Code.parse("1.02.02.2.02.0001"), name="Sub kegiatan")
    program = Program(
        code=Code.parse("1.02.02"),
        name="Program",
        activities=[Activity(code=Code.parse("1.02.02.2.02"), name="Kegiatan", sub_activities=[sub])],
    )
    for layout, kind in (
        ("renstra", PlanKind.RENSTRA_PD),
        ("renja", PlanKind.RENJA_PD),
        ("rkpd-report", PlanKind.RKPD),
    ):
        period = PlanPeriod(start=2026, end=2026 if kind.is_yearly else 2030)
        plan = Plan(id=layout, kind=kind, title=layout, period=period, programs=[program])
        path = write_workbook(Bundle(plans=[plan]), tmp_path / f"{layout}.xlsx")
        workbook = open_workbook(path)
        sheet = workbook.sheet(workbook.sheet_names[0])
        rows = [values for _, values in sheet.rows()][: SCAN_ROWS + 6]
        workbook.close()
        for mapping in MAPPINGS:
            assert find_header(rows, mapping, sheet.merged) == reference_header(rows, mapping, sheet.merged)
        found = find_header(rows, LAYOUTS[layout], sheet.merged)
        assert found is not None and not found.missing


def test_cells_equal_in_python_but_read_as_different_texts_are_told_apart() -> None:
    # True == 1 == 1.0 as dict keys, but a cell holding TRUE reads "TRUE" and one holding 1 reads "1".
    mapping = load_mapping({"name": "flags", "required": ["code"], "columns": {"code": ["TRUE"], "name": ["1"]}})
    for rows in ([[1, None], [True, 1.0]], [[True, 1], [1, True]], [[1.0], [True]]):
        assert find_header(rows, mapping) == reference_header(rows, mapping)
    found = find_header([[1, None], [True, 1.0]], mapping)
    assert found is not None and found.row == 1 and [c.index for c in found.columns["code"]] == [0]


# -- cells ------------------------------------------------------------------------------------------------------------
def test_every_white_space_character_but_the_space_is_not_printable() -> None:
    # clean_text returns a printable text without double, leading or trailing spaces unchanged: that is only
    # right if no other character that \s matches is printable.
    spaces = [chr(c) for c in range(0x110000) if re.match(r"\s", chr(c))]
    assert " " in spaces and "\xa0" in spaces and "\u2028" in spaces
    assert [c for c in spaces if c != " " and c.isprintable()] == []


@SETTINGS
@given(
    st.lists(
        st.sampled_from([" ", "  ", "\n", "\t", "\xa0", "\u2003", "\r\n", "a", "B", ";", "'", "é"]), max_size=12
    ).map("".join)
    | st.text(max_size=12)
)
def test_clean_text_and_split_list_give_what_the_general_rule_gives(text: str) -> None:
    from sinkron_spreadsheet.cells import _LIST_SEPARATOR, _SPACES, clean_text, split_list

    assert clean_text(text) == _SPACES.sub(" ", text).strip()
    general = [_SPACES.sub(" ", part).strip() for part in _LIST_SEPARATOR.split(text)]
    assert split_list(text, keep_empty=True) == general
    assert split_list(text) == [p for p in general if p]


@SETTINGS
@given(
    st.floats(allow_nan=False, allow_infinity=False)
    | st.integers(-(10**16), 10**16).map(float)
    | st.sampled_from([0.0, -0.0, 1e15, -1e15, 999999999999999.0, 1e16, 0.5, 2.1, 1e-7])
)
def test_whole_floats_read_as_their_text_reads(value: float) -> None:
    from sinkron_spreadsheet.cells import _float_decimal, plain_number, to_decimal, to_text

    def outcome(read: Any) -> Any:
        try:
            found = read()
        except ArithmeticError as exc:  # beyond the decimal context (1e28): both paths refuse it
            return type(exc)
        return (str(found), found.as_tuple()) if not isinstance(found, str) else found

    assert outcome(lambda: to_decimal(value)) == outcome(lambda: _float_decimal(value))
    assert outcome(lambda: to_text(value)) == outcome(lambda: plain_number(_float_decimal(value)))


@SETTINGS
@given(
    st.sampled_from(["100 %", "12 Bulan", "1.200 Orang", "7,0–8,0", "Tersedia", "96%", " 5 ", "0,5 Nilai"]),
    st.sampled_from([None, "%", "Dokumen"]),
)
def test_a_target_text_read_again_gives_an_equal_value(text: str, unit: str | None) -> None:
    from sinkron import Value
    from sinkron_spreadsheet.cells import to_value

    assert to_value(text, unit=unit) == to_value(text, unit=unit) == Value.parse(text, unit=unit)


@SETTINGS
@given(st.dates(), st.sampled_from(["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", " %d/%m/%Y "]))
def test_a_date_text_read_again_gives_the_same_date(day: Any, fmt: str) -> None:
    from sinkron_spreadsheet.cells import to_date

    text = day.strftime(fmt)
    if day.year < 1000:  # strftime does not pad such years; strptime wants four digits
        return
    assert to_date(text) == to_date(text) == day
