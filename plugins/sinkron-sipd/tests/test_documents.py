"""The document layer: envelopes and lists are parsed record by record, exactly as json.load would read them."""

from __future__ import annotations

import json
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sipd_samples import envelope, sub_keg, write_json

from sinkron.errors import SourceError
from sinkron_sipd import DocumentInfo, dumps, iter_records, read_sipd
from sinkron_sipd.layout import same

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=8),
        st.sampled_from(['"]},[{', "\\\\", "\u2028"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=12,
)
records = st.lists(
    st.dictionaries(st.sampled_from(["kode_sub_giat", "a", "b", "pagu", "x"]), json_values, max_size=4), max_size=5
)


def _read(path: Path, chunk: int) -> tuple[list[Any], list[DocumentInfo], list[SourceError]]:
    infos: list[DocumentInfo] = []
    errors: list[SourceError] = []
    values = [record.value for record in iter_records(path, infos, errors, chunk=chunk)]
    return values, infos, errors


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records,
    st.lists(
        st.tuples(st.sampled_from(["action", "status", "message", "run"]), json_values),
        max_size=3,
        unique_by=lambda kv: kv[0],
    ),
    st.lists(
        st.tuples(st.sampled_from(["total", "page", "extra"]), json_values), max_size=2, unique_by=lambda kv: kv[0]
    ),
    st.sampled_from([None, 0, 1, 2]),
    st.integers(1, 40),
    st.booleans(),
)
def test_streamed_records_equal_json_load(
    data: list[Any],
    before: list[tuple[str, Any]],
    after: list[tuple[str, Any]],
    indent: int | None,
    chunk: int,
    bare: bool,
) -> None:
    document: Any = data if bare else {**dict(before), "data": data, **dict(after)}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.json"
        path.write_text(json.dumps(document, indent=indent, ensure_ascii=bool(chunk % 2)), encoding="utf-8")
        values, infos, errors = _read(path, chunk)
    assert errors == [] or (not bare and any(key == "status" for key, _ in before))
    assert same(values, json.loads(json.dumps(data)))
    final = infos[-1]
    if bare:
        assert final == DocumentInfo(container="list")
    else:
        assert final.container == "envelope" and final.data_at == len(before)
        assert same(final.envelope, json.loads(json.dumps({**dict(before), **dict(after)})))


@pytest.mark.parametrize(
    "text",
    [
        '{"action": "get_skpd",\n "data": [\n  {"a": 1},\n  {"a": 2,}\n ]\n}',
        '[\n {"a": "x"},\n {"a": tru}\n]',
        '[{"a": 1}] x',
        '{"data": [{"a": 1}\n\n{"a": 2}]}',
    ],
)
@pytest.mark.parametrize("chunk", [3, 1024])
def test_broken_json_is_located_like_json_does(tmp_path: Path, text: str, chunk: int) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    values, _, errors = _read(path, chunk)
    [error] = errors
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    assert error.message.startswith("invalid JSON")
    assert (error.location.row, error.location.column) == (expected.value.lineno, str(expected.value.colno))
    assert values == [{"a": 1}] or values == [{"a": "x"}]  # the records before the break are read


def _peak(path: Path) -> int:
    infos: list[DocumentInfo] = []
    errors: list[SourceError] = []
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_records(path, infos, errors, chunk=64 * 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert errors == [] and count > 0
    return peak


def test_envelopes_are_parsed_in_memory_that_does_not_grow_with_the_file(tmp_path: Path) -> None:
    small = write_json(tmp_path / "small.json", envelope("get_sub_keg_sipd", [sub_keg()] * 600))
    large = write_json(tmp_path / "large.json", envelope("get_sub_keg_sipd", [sub_keg()] * 2400))
    small_peak, large_peak = _peak(small), _peak(large)
    assert large.stat().st_size > 10_000_000
    assert large_peak < small_peak * 1.5, (small_peak, large_peak)
    assert large_peak < large.stat().st_size / 10


def test_envelope_fields_after_data_are_kept_and_checked(tmp_path: Path) -> None:
    document = {"data": [sub_keg()], "action": "get_sub_keg_sipd", "status": "error", "message": "Gagal sebagian"}
    path = write_json(tmp_path / "after.json", document)
    result = read_sipd(path)
    [error] = result.errors
    assert error.location.json_path == "$.status" and "Gagal sebagian" in error.message
    written = json.loads(dumps(result.bundle))
    assert same(written, document) and list(written) == list(document)


def test_a_single_line_envelope_is_not_taken_for_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "one-line.json"
    path.write_text(
        json.dumps(envelope("get_sub_keg_sipd", [sub_keg(), sub_keg(sub_id=2, code="1.02.02.2.02.0002")])) + "\n",
        encoding="utf-8",
    )
    result = read_sipd(path)
    assert result.errors == () and result.records == 2
    assert same(json.loads(dumps(result.bundle)), json.loads(path.read_text(encoding="utf-8")))
