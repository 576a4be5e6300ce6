"""The reader's fast paths give exactly what the general paths they shortcut give.

Reading SIPD at national scale memoises and shares (row shapes, parsed targets, codes, names,
sumber dana, indicators repeated by many records) and keeps the round-trip layout compactly.
Each test here compares one of these with the plain rule it replaces, on generated inputs.
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sipd_samples import sub_keg, write_lines
from test_properties import document

from sinkron.codes import Code, CodeLevel
from sinkron.convert import dumps as sinkron_dumps
from sinkron.convert import loads as sinkron_loads
from sinkron.errors import InvalidModel
from sinkron.models import Bundle, FundingSource, Indicator, IndicatorKind, Money, Provenance, Target, Value
from sinkron_sipd import dumps, read_sipd
from sinkron_sipd.documents import RawRecord
from sinkron_sipd.fields import BLOCKS, BlockSpec
from sinkron_sipd.layout import apply_layout, compact_entry, diff_object, expand_entry, same
from sinkron_sipd.reader import BundleBuilder, ReadOptions
from sinkron_sipd.render import location_text
from sinkron_sipd.sharing import Shared
from sinkron_sipd.state import ItemState, Problems, code_field, indicator_key, split_name, target_value, unique_id

SETTINGS = settings(max_examples=60, deadline=None)

_ALL_ROW_KEYS = sorted({key for spec in BLOCKS.values() for key in spec.all_keys})
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(["", " ", "1", "x", "1.250"]))
json_value = st.recursive(json_scalar, lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=2), inner, max_size=2), max_leaves=4)  # fmt: skip


# -- row shapes --------------------------------------------------------------------------------------


@SETTINGS
@given(
    st.sampled_from(sorted(BLOCKS)),
    st.lists(st.sampled_from([*_ALL_ROW_KEYS, "id", "kode_sbl", "update_at"]), unique=True, max_size=9),
)
def test_a_row_shape_is_the_rows_spelling(block: str, keys: list[str]) -> None:
    spec: BlockSpec = BLOCKS[block]
    row = dict.fromkeys(keys, "x")
    shape = spec.shape(row)
    assert shape is spec.shape(dict(row))  # worked out once per block and keys
    assert shape.keys == spec.spelling(row)
    defaults = spec.default_spelling()
    assert (shape.renamed or {}) == {role: key for role, key in shape.keys.items() if defaults[role] != key}
    assert shape.known == any(key in row for names in spec.keys.values() for key in names)
    assert shape.texts == tuple((role, key) for role, key in shape.keys.items() if role != "amount")


# -- the layout --------------------------------------------------------------------------------------

raw_objects = st.dictionaries(
    st.sampled_from(["id", "id_skpd", "kode_sbl", "nama", "pagu", "satuan", "waktu_awal", "sub_keg_indikator"]),
    json_value,
    max_size=6,
)
canonical_objects = st.dictionaries(
    st.sampled_from(["nama", "pagu", "satuan", "kode", "id"]), st.one_of(st.none(), st.sampled_from(["", "1", "x"]))
)


@SETTINGS
@given(raw_objects, canonical_objects, st.booleans(), st.booleans())
def test_the_layout_of_a_diff_gives_the_object_back(
    raw: dict[str, Any], canonical: dict[str, Any], split: bool, skip: bool
) -> None:
    skipped = frozenset({"sub_keg_indikator"}) if skip else frozenset()
    layout = diff_object(raw, canonical, split_ids=split, skip=skipped, texts=Shared(decimal=None).text_memo())
    assert same(apply_layout(canonical, layout), {key: value for key, value in raw.items() if key not in skipped})
    assert json.loads(json.dumps(layout)) == layout


def test_diff_object_tells_apart_what_json_tells_apart() -> None:
    # "1" and 1, 1 and True, 1 and 1.0 are different texts in a SIPD record
    for found, canonical in (("1", 1), (1, True), (1, 1.0), (None, "")):
        raw = {"pagu": found}
        assert diff_object(raw, {"pagu": canonical}) == {"verbatim": {"pagu": [found, canonical]}}


@SETTINGS
@given(
    st.sampled_from(["jumlah-dokumen", "Kab. Contoh, Kec. Hulu", "1.1|PAD"]),
    st.one_of(st.none(), st.just({"name": "tolak_ukur"})),
    st.one_of(
        st.just({}),
        st.builds(lambda f: {"fields": f}, st.dictionaries(st.sampled_from(["id", "active", "update_at"]), json_value, min_size=1)),
        st.builds(lambda v: {"verbatim": {"targetoutput": v}}, st.just(["1.250", "1250"])),
    ),
)  # fmt: skip
def test_a_compact_entry_expands_to_the_plain_entry(
    ref: str, keys: dict[str, str] | None, layout: dict[str, Any]
) -> None:
    plain: dict[str, Any] = {"ref": ref, **({"keys": keys} if keys else {}), **layout}
    entry = compact_entry(ref, keys, layout)
    assert expand_entry(entry) == plain
    assert expand_entry(json.loads(json.dumps(entry))) == plain  # also after a trip through JSON
    assert expand_entry(plain) is plain


def test_the_writer_writes_compact_and_plain_entries_alike(tmp_path: Path) -> None:
    """A bundle saved before entries were compact (every entry a dict) writes the same document."""
    records = [
        sub_keg(sub_id=20001 + n, code=code) for n, code in enumerate(["1.02.02.2.02.0001", "1.02.02.2.02.0002"])
    ]
    path = write_lines(tmp_path / "sub_keg.jsonl", records)
    bundle = read_sipd(path).raise_for_errors()
    entries = [
        entry
        for sub in bundle.plans[0].sub_activities()
        for rows in sub.extra["sipd"]["blocks"].values()
        for entry in rows or ()
    ]
    assert any(isinstance(entry, list) for entry in entries)  # these records' rows carry ids: [ref, keys, values]
    plain = _plain_layouts(bundle)
    assert plain != bundle
    text = dumps(bundle, target=path)
    assert dumps(plain, target=path) == text
    assert same([json.loads(line) for line in text.splitlines()], records)
    again = sinkron_loads(sinkron_dumps(bundle), Bundle)
    assert again == bundle
    assert dumps(again, target=path) == dumps(bundle, target=path)


def _plain_layouts(bundle: Bundle) -> Bundle:
    plans = []
    for plan in bundle.plans:
        programs = []
        for program in plan.programs:
            activities = []
            for activity in program.activities:
                subs = []
                for sub in activity.sub_activities:
                    layout = copy.deepcopy(sub.extra["sipd"])
                    for name, rows in (layout.get("blocks") or {}).items():
                        if rows is not None:
                            layout["blocks"][name] = [expand_entry(entry) for entry in rows]
                    subs.append(attrs.evolve(sub, extra={**sub.extra, "sipd": layout}))
                activities.append(attrs.evolve(activity, sub_activities=subs))
            programs.append(attrs.evolve(program, activities=activities))
        plans.append(attrs.evolve(plan, programs=programs))
    return bundle.replace(plans=plans)


# -- indicators repeated by many records ---------------------------------------------------------------

names = st.sampled_from(["Persentase capaian", "Cakupan layanan", "Persentase capaian "])
units = st.sampled_from([None, "%", "Dokumen"])
_T100, _T98 = Target(year=2026, value=Value.parse("100 %")), Target(year=2027, value=Value.parse("98"))
targets = st.sampled_from([(), (_T100,), (_T100, _T98), (Target(year=2026, value=Value.parse("100,0 %")),)])
extras = st.sampled_from([{}, {"catatan": "x"}])


def _general_indicator(indicators: list[Indicator], candidate: Indicator, taken: set[str]) -> Indicator:
    """The rule the index shortcuts: the first existing indicator equal to ``candidate`` but for its id."""
    for existing in indicators:
        if existing.id not in taken and attrs.evolve(existing, id=candidate.id) == candidate:
            return existing
    made = attrs.evolve(candidate, id=unique_id(candidate.id, {i.id for i in indicators}))
    indicators.append(made)
    return made


@SETTINGS
@given(st.lists(st.tuples(names, units, targets, extras, st.booleans()), min_size=1, max_size=12))
def test_shared_indicators_are_found_as_the_general_scan_finds_them(
    steps: list[tuple[str, str | None, tuple[Target, ...], dict[str, Any], bool]],
) -> None:
    item = ItemState(Code.parse("1.02.02"), "Program", None, Provenance())
    general: list[Indicator] = []
    taken_fast: set[str] = set()
    taken_general: set[str] = set()
    for name, unit, made_targets, extra, new_record in steps:
        if new_record:
            taken_fast, taken_general = set(), set()
        candidate = Indicator(name=name, unit=unit, kind=IndicatorKind.OUTCOME, targets=made_targets, extra=extra)
        fast = item.indicator(candidate, taken_fast)
        expected = _general_indicator(general, candidate, taken_general)
        assert fast == expected and fast.id == expected.id
        taken_fast.add(fast.id)
        taken_general.add(expected.id)
    assert item.indicators == general


_PREFIXES = {"sub_keg_indikator": "output", "sub_keg_indikator_hasil": "hasil", "capaian_prog_sub_keg": "capaian"}


@SETTINGS
@given(
    st.sampled_from(sorted(_PREFIXES)),
    st.sampled_from(["Jumlah dokumen", "Cakupan\n\nlayanan"]),
    st.sampled_from(["", "Dokumen", "%"]),
    st.sampled_from([None, "", "5", "1.250", "7,0–8,0", "Tersedia", "1e3"]),
    st.sampled_from([None, "", "5 Dokumen", "Tersedia"]),
)
def test_a_rows_content_key_is_the_key_of_the_indicator_it_makes(
    block: str, name: str, unit: str, target: str | None, text: str | None
) -> None:
    prefix = _PREFIXES[block]
    row: dict[str, Any] = {("outputteks" if prefix == "output" else f"{prefix}teks"): name, f"satuan{prefix}": unit}
    if target is not None:
        row[f"target{prefix}"] = target
    if text is not None:
        row[f"target{prefix}teks"] = text
    builder = BundleBuilder("contoh.jsonl", ReadOptions(year=2026))
    record = RawRecord(index=0, value={block: [row]}, json_path="$[0]", row=1)
    problems = Problems("contoh.jsonl", record)
    rows = builder._block([row], BLOCKS[block], 2026, problems)
    if problems.errors:
        return  # the general path refuses it too (test_target_memo_is_target_value)
    assert rows is not None
    made = builder._indicator(rows[0], record)
    assert rows[0].content_key() == indicator_key(made)
    assert made == Indicator(name=name, unit=unit or None, kind=BLOCKS[block].kind or IndicatorKind.OUTPUT,
                             targets=made.targets)  # fmt: skip


# -- memoised values -------------------------------------------------------------------------------


@SETTINGS
@given(
    st.sampled_from([None, "", "5", " 5 ", "1.250", "1,5", "7,0–8,0", "Tersedia", "-", "x", "NaN"]),
    st.sampled_from([None, "5 Dokumen", "Tersedia", "1.250"]),
    st.sampled_from([None, "Dokumen"]),
    st.sampled_from([None, ",", "."]),
)
def test_target_memo_is_target_value(target: str | None, text: str | None, unit: str | None, decimal: Any) -> None:
    shared = Shared(decimal=decimal)
    try:
        value = target_value(target, text, unit, decimal)
    except InvalidModel as exc:
        message = str(exc)
        with pytest.raises(InvalidModel, match=re.escape(message)):
            shared.targets(2026, target, text, unit)
        with pytest.raises(InvalidModel, match=re.escape(message)):  # a refused value is not remembered
            shared.targets(2026, target, text, unit)
        return
    expected = (Target(year=2026, value=value),) if value is not None else ()
    assert shared.targets(2026, target, text, unit) == expected
    assert shared.targets(2026, target, text, unit) is shared.targets(2026, target, text, unit)
    assert shared.targets(None, target, text, unit) == ()


@SETTINGS
@given(st.tuples(*[st.sampled_from(["", " ", "Kab. Contoh", "Kec. Hulu, Barat"])] * 3))
def test_location_memo_is_location_text(parts: tuple[str, str, str]) -> None:
    shared = Shared(decimal=None)
    assert shared.location(parts) == location_text(parts)
    assert shared.location(tuple("".join(p) for p in parts)) is shared.location(parts)


@SETTINGS
@given(
    st.sampled_from(["PAD", "DAK Fisik"]), st.sampled_from([None, "1.1"]), st.sampled_from([None, Money(0), Money(5)])
)
def test_funding_memo_is_the_funding_source(name: str, code: str | None, amount: Money | None) -> None:
    shared = Shared(decimal=None)
    assert shared.funding(name, code, amount) == FundingSource(name=name, code=code, amount=amount)
    assert shared.funding(name, code, amount) is shared.funding("".join(name), code, amount)


@SETTINGS
@given(
    st.sampled_from(["1.02.02", "1.2.2", "1.02.02.2.02", "1.02.02.2.02.0001", "x", "", " ", 7, None]),
    st.sampled_from(list(CodeLevel)),
    st.booleans(),
)
def test_code_memo_is_code_field(value: Any, level: CodeLevel, required: bool) -> None:
    shared = Shared(decimal=None)
    record = RawRecord(index=0, value={}, json_path="$[0]")
    for _ in range(2):  # the second time from the memo
        general, memo = Problems("x", record), Problems("x", record)
        expected = code_field({"kode": value}, "kode", level, general, required=required)
        assert shared.code({"kode": value}, "kode", level, memo, required=required) == expected
        assert [str(e) for e in memo.errors] == [str(e) for e in general.errors]


@SETTINGS
@given(
    st.sampled_from(
        ["1.02.02 PROGRAM A", "1.02.02  PROGRAM A", "1.02.03 PROGRAM B", "PROGRAM C", "1.02.02 ", "1.02.02"]
    )
)
def test_name_memo_is_split_name(text: str) -> None:
    shared = Shared(decimal=None)
    code = Code.parse("1.02.02")
    assert shared.split_name(text, code) == split_name(text, code)
    assert shared.split_name(text, code) is shared.split_name("".join(text), code)
    assert shared.split_name(None, code) is None


def test_memos_start_afresh_past_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    from sinkron_sipd import sharing

    monkeypatch.setattr(sharing, "MEMO_SIZE", 3)
    shared = Shared(decimal=None)
    for number in range(10):
        assert shared.text(str(number)) == str(number)
        assert len(shared._texts) <= 3


# -- sharing, seen from the bundle ------------------------------------------------------------------------


def test_values_repeated_across_records_are_one_object(tmp_path: Path) -> None:
    records = [
        sub_keg(sub_id=20001 + n, code=code) for n, code in enumerate(["1.02.02.2.02.0001", "1.02.02.2.02.0002"])
    ]
    for record in records:  # equal values, made as distinct strings by the JSON decoder
        record["sumber_dana"] = [{"kode_dana": "1.1", "nama_dana": "PAD", "pagu_dana": "100"}]
    path = write_lines(tmp_path / "sub_keg.jsonl", records)
    bundle = read_sipd(path).raise_for_errors()
    first, second = bundle.plans[0].sub_activities()
    assert first.indicators[0].unit is second.indicators[0].unit
    assert first.indicators[0].targets is second.indicators[0].targets
    assert first.funding[0] is second.funding[0]
    assert first.extra["sipd"]["fields"]["update_at"] is second.extra["sipd"]["fields"]["update_at"]
    assert first.provenance is next(link.provenance for link in bundle.links if link.source.endswith(first.id))
    assert first.funding[0].amount == Money(Decimal(100))


# -- the whole reader, with and without its memos -------------------------------------------------------


def _full_equal(a: Any, b: Any, where: str = "bundle") -> None:
    """Equal, provenance included (models compare without it)."""
    assert type(a) is type(b), where
    if attrs.has(type(a)):
        for field in attrs.fields(type(a)):
            _full_equal(getattr(a, field.name), getattr(b, field.name), f"{where}.{field.name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for number, (x, y) in enumerate(zip(a, b)):
            _full_equal(x, y, f"{where}[{number}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            _full_equal(a[key], b[key], f"{where}.{key}")
    else:
        assert a == b, where


@st.composite
def broken_document(draw: st.DrawFn) -> tuple[str, Any]:
    """A generated document in which some records are broken in ways the reader reports."""
    shape, content = draw(document())
    for record in content["data"] if shape == "envelope" else content:
        breakage = draw(st.sampled_from(["none", "none", "code", "pagu", "block", "row", "target", "text"]))
        if breakage == "code":
            record.pop("kode_sub_giat", None)
        elif breakage == "pagu":
            record["pagu"] = "seratus juta"
        elif breakage == "block":
            record["sub_keg_indikator"] = {"outputteks": "x"}
        elif breakage == "row":
            record["lokasi_sub_keg"] = [{"lain": "1"}, 3]
        elif breakage == "target":
            record["capaian_prog_sub_keg"] = [
                {"capaianteks": "C", "targetcapaian": "7,0–8,0 x y", "targetcapaianteks": ""}
            ]
        elif breakage == "text":
            record["sumber_dana"] = [{"nama_dana": ["PAD"]}]
    return shape, content


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(broken_document(), st.sampled_from(["rkpd", "renja_pd"]))
def test_the_reader_reads_the_same_without_its_memos(doc: tuple[str, Any], plan_kind: str) -> None:
    """Every memo turned off (each starts afresh before every entry): the same bundle, provenance included, the same errors and the same written text."""
    from sinkron_sipd import sharing

    shape, content = doc
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("doc.jsonl" if shape == "lines" else "doc.json")
        if shape == "lines":
            path.write_text("".join(json.dumps(record) + "\n" for record in content), encoding="utf-8")
        else:
            path.write_text(json.dumps(content), encoding="utf-8")
        fast = read_sipd(path, plan_kind=plan_kind)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sharing, "MEMO_SIZE", 0)
            general = read_sipd(path, plan_kind=plan_kind)
    assert [str(error) for error in fast.errors] == [str(error) for error in general.errors]
    _full_equal(fast.bundle, general.bundle)
    assert dumps(fast.bundle, target=path) == dumps(general.bundle, target=path)


def test_rows_repeated_within_a_record_stay_separate_indicators_with_and_without_memos(tmp_path: Path) -> None:
    """Two equal capaian rows in one record are two indicators of the program; the next records find both."""
    from sinkron_sipd import sharing

    row = ("Angka kematian ibu", "98", "Kasus")
    codes = ["1.02.02.2.02.0001", "1.02.02.2.02.0002", "1.02.02.2.02.0003"]
    records = [sub_keg(sub_id=20001 + n, code=code, capaian=[row, row]) for n, code in enumerate(codes)]
    path = write_lines(tmp_path / "sub_keg.jsonl", records)
    fast = read_sipd(path).raise_for_errors()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sharing, "MEMO_SIZE", 0)
        general = read_sipd(path).raise_for_errors()
    _full_equal(fast, general)
    program = fast.plans[0].programs[0]
    assert [indicator.id for indicator in program.indicators] == ["angka-kematian-ibu", "angka-kematian-ibu-2"]
    for sub in fast.plans[0].sub_activities():
        refs = [expand_entry(entry)["ref"] for entry in sub.extra["sipd"]["blocks"]["capaian_prog_sub_keg"]]
        assert refs == ["angka-kematian-ibu", "angka-kematian-ibu-2"]
    assert same([json.loads(line) for line in dumps(fast, target=path).splitlines()], records)
