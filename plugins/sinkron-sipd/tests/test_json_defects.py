"""What JSON allows but a SIPD record cannot mean: a key given twice, nesting too deep to decode, a number too long.

Each is one located error for that record (JSON path, record index, line for JSON Lines); the record
is left out and the records around it still read, in every container and whatever the read size.
"""

from __future__ import annotations

import json
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from sipd_samples import envelope, sub_keg

from sinkron.errors import SourceError
from sinkron_sipd import DocumentInfo, RawRecord, iter_records, read_sipd

CODES = ("1.02.02.2.02.0001", "1.02.02.2.02.0002", "1.02.02.2.02.0003")
PREFIX = {"envelope": "$.data", "list": "$", "lines": "$"}
LIMIT = sys.get_int_max_str_digits()


def _records() -> list[str]:
    """Three sub kegiatan records as JSON text (one line each)."""
    return [json.dumps(sub_keg(sub_id=n + 1, code=code)) for n, code in enumerate(CODES)]


def _document(records: list[str], container: str) -> str:
    if container == "lines":
        return "\n".join(records) + "\n"
    body = "[\n" + ",\n".join(records) + "\n]"
    if container == "list":
        return body
    head = json.dumps(envelope("get_sub_keg_sipd", []))[:-3]  # without `[]}`
    return f"{head}{body}}}"


def _write(tmp_path: Path, records: list[str], container: str) -> Path:
    path = tmp_path / ("doc.jsonl" if container == "lines" else "doc.json")
    path.write_text(_document(records, container), encoding="utf-8")
    return path


def _codes(path: Path) -> list[str]:
    result = read_sipd(path)
    return [str(sub.code) for plan in result.bundle.plans for sub in plan.sub_activities()]


def _iterate(path: Path, chunk: int) -> tuple[list[RawRecord], list[SourceError]]:
    infos: list[DocumentInfo] = []
    errors: list[SourceError] = []
    return list(iter_records(path, infos, errors, chunk=chunk)), errors


def _repeat_once(text: str, key: str, value: str) -> str:
    """``text`` with ``"key": value`` given again just before the first ``"key":``."""
    marker = f'"{key}": '
    assert marker in text
    return text.replace(marker, f"{marker}{value}, {marker}", 1)


# -- a key given twice ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("container", ["envelope", "list", "lines"])
def test_a_repeated_key_is_a_located_error_and_the_record_is_left_out(tmp_path: Path, container: str) -> None:
    records = _records()
    records[1] = _repeat_once(records[1], "pagu", '"350000000"')
    path = _write(tmp_path, records, container)
    result = read_sipd(path)
    [error] = result.errors
    assert error.message == "duplicate key in a JSON object" and error.actual == "pagu"
    assert error.location.json_path == f"{PREFIX[container]}[1].pagu" and error.location.field == "pagu"
    assert error.location.row == (2 if container == "lines" else None)
    assert result.records == 3 and _codes(path) == [CODES[0], CODES[2]]


def test_a_repeated_key_in_a_nested_row_is_located_at_the_row(tmp_path: Path) -> None:
    records = _records()
    records[0] = _repeat_once(records[0], "outputteks", '"Jumlah Lain"')
    result = read_sipd(_write(tmp_path, records, "envelope"))
    [error] = result.errors
    assert error.location.json_path == "$.data[0].sub_keg_indikator[0].outputteks"
    assert str(error).endswith(
        "duplicate key in a JSON object (expected each key once in an object, found 'outputteks')"
    )


@pytest.mark.parametrize("chunk", [3, 17, 1024])
def test_repeated_keys_are_found_whatever_the_read_size(tmp_path: Path, chunk: int) -> None:
    records = _records()
    records[0] = _repeat_once(_repeat_once(records[0], "tag_sub_keg", "[]"), "pagu", "1")
    records[2] = _repeat_once(records[2], "kode_sbl", '"x"')
    read, errors = _iterate(_write(tmp_path, records, "list"), chunk)
    assert errors == [] and len(read) == 3
    assert [(d.path, d.field) for d in read[0].defects] == [(".pagu", "pagu"), (".tag_sub_keg", "tag_sub_keg")]
    assert read[1].defects == () and read[1].value == json.loads(records[1])
    # the kode_sbl of every nested row is its own key; only the record's own is repeated
    assert [d.path for d in read[2].defects] == [".kode_sbl"]


def test_a_repeated_envelope_field_is_reported_and_the_records_still_read(tmp_path: Path) -> None:
    path = tmp_path / "envelope.json"
    records = _records()
    path.write_text(
        '{"action": "get_sub_keg_sipd", "status": "success", "status": "error", "data": ['
        + ", ".join(records)
        + '], "data": []}',
        encoding="utf-8",
    )
    result = read_sipd(path)
    assert [(e.location.json_path, e.message) for e in result.errors] == [
        ("$.status", "duplicate key in a JSON object"),
        ("$.data", "duplicate key in a JSON object"),
    ]
    assert result.records == 3 and _codes(path) == list(CODES)


def test_a_single_object_document_with_a_repeated_key(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(_repeat_once(_records()[0], "nama_sub_giat", '"lain"'), encoding="utf-8")
    result = read_sipd(path)
    [error] = result.errors
    assert error.location.json_path == "$[0].nama_sub_giat" and result.records == 1 and not result.bundle.plans


# -- nesting too deep to decode ------------------------------------------------------------------------------
def _deep(depth: int) -> str:
    return "[" * depth + '"]}\\"[{"' + "]" * depth


@pytest.mark.parametrize("container", ["envelope", "list", "lines"])
@pytest.mark.parametrize("chunk", [3, 1024, 256 * 1024])
def test_a_record_nested_too_deeply_is_skipped_and_the_others_read(tmp_path: Path, container: str, chunk: int) -> None:
    records = _records()
    # strings with brackets, quotes and escapes around the deep value: the skip must not count them
    records[1] = records[1][:-1] + f', "s": "]]}}\\\\\\"[", "x": {_deep(5000)}, "t": "{{"}}'
    path = _write(tmp_path, records, container)
    read, errors = _iterate(path, chunk)
    [error] = errors
    assert error.message == "JSON nested too deeply"
    assert error.location.json_path == f"{PREFIX[container]}[1]"
    assert error.location.row == (2 if container == "lines" else 3)
    assert [r.json_path for r in read] == [f"{PREFIX[container]}[0]", f"{PREFIX[container]}[2]"]
    assert [r.value for r in read] == [json.loads(records[0]), json.loads(records[2])]


def test_a_too_deep_envelope_field_is_reported_at_its_path(tmp_path: Path) -> None:
    path = tmp_path / "envelope.json"
    path.write_text(
        '{"action": "get_sub_keg_sipd", "debug": ' + _deep(5000) + ', "data": [' + ", ".join(_records()) + "]}",
        encoding="utf-8",
    )
    result = read_sipd(path)
    assert [(e.location.json_path, e.message) for e in result.errors] == [("$.debug", "JSON nested too deeply")]
    assert _codes(path) == list(CODES)


def _skip_peak(tmp_path: Path, depth: int) -> tuple[int, int]:
    records = _records()
    records[0] = records[0][:-1] + f', "x": {_deep(depth)}}}'
    path = _write(tmp_path, records, "envelope")
    tracemalloc.start()
    try:
        read, errors = _iterate(path, 64 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [e.location.json_path for e in errors] == ["$.data[0]"] and len(read) == 2
    return peak, path.stat().st_size


def test_a_deep_record_is_skipped_in_memory_that_does_not_grow_with_it(tmp_path: Path) -> None:
    small_peak, _ = _skip_peak(tmp_path, 200_000)
    large_peak, size = _skip_peak(tmp_path, 3_000_000)
    assert size > 6_000_000
    assert large_peak < small_peak * 1.5 and large_peak < size / 10, (small_peak, large_peak, size)


# -- numbers too long for int ----------------------------------------------------------------------------------
@pytest.mark.parametrize("container", ["envelope", "list", "lines"])
@pytest.mark.parametrize("digits", [LIMIT + 1, 20_000])
def test_a_number_too_long_is_a_field_error(tmp_path: Path, container: str, digits: int) -> None:
    records = _records()
    records[1] = records[1].replace('"pagu": "150000000"', f'"pagu": -{"9" * digits}', 1)
    path = _write(tmp_path, records, container)
    result = read_sipd(path)
    [error] = result.errors
    assert error.location.json_path == f"{PREFIX[container]}[1].pagu" and error.location.field == "pagu"
    assert error.message == f"number too long: more than {LIMIT} digits" and error.actual == f"{digits} digits"
    assert result.records == 3 and _codes(path) == [CODES[0], CODES[2]]


def test_numbers_too_long_in_nested_rows_and_in_the_envelope(tmp_path: Path) -> None:
    records = _records()
    records[0] = records[0].replace('"kode_dana": "1.1"', f'"kode_dana": 1{"0" * LIMIT}', 1)
    path = tmp_path / "envelope.json"
    path.write_text(f'{{"total": {"7" * (LIMIT + 5)}, "data": [' + ", ".join(records) + "]}", encoding="utf-8")
    for chunk in (5, 1024):
        read, errors = _iterate(path, chunk)
        assert [(e.location.json_path, e.actual) for e in errors] == [("$.total", f"{LIMIT + 5} digits")]
        assert [(d.path, d.field) for d in read[0].defects] == [(".sumber_dana[0].kode_dana", "kode_dana")]
        assert [r.defects for r in read[1:]] == [(), ()]


def test_a_first_line_with_a_number_too_long_is_still_json_lines(tmp_path: Path) -> None:
    records = _records()
    records[0] = records[0].replace('"pagu": "150000000"', f'"pagu": {"1" * (LIMIT + 1)}', 1)
    path = tmp_path / "lines.json"  # no .jsonl: recognised from its first two lines
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    result = read_sipd(path)
    assert [(e.location.row, e.location.json_path) for e in result.errors] == [(1, "$[0].pagu")]
    assert _codes(path) == [CODES[1], CODES[2]]


def test_a_document_that_is_a_number_too_long(tmp_path: Path) -> None:
    path = tmp_path / "number.json"
    path.write_text("9" * (LIMIT + 1), encoding="utf-8")
    [error] = read_sipd(path).errors
    assert (error.message, error.actual) == ("not a SIPD document", "int")


def test_json_lines_errors_keep_their_columns(tmp_path: Path) -> None:
    """Lines are decoded as json.loads does: the same messages at the same places."""
    path = tmp_path / "broken.jsonl"
    lines = ['  {"a": 1}  {"b": 2}', '{"a": tru}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, errors = _iterate(path, 1024)
    found = [(e.location.row, e.location.column, e.message) for e in errors]
    expected: list[Any] = []
    for number, line in enumerate(lines, start=1):
        with pytest.raises(json.JSONDecodeError) as caught:
            json.loads(line)
        expected.append((number, str(caught.value.colno), f"invalid JSON: {caught.value.msg}"))
    assert found == expected
