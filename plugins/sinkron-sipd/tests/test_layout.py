"""The round-trip layout (diffs, nested row entries, compact entries of bundles saved earlier) and the indicators a
kegiatan or program keeps once however many records repeat them.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from hypothesis import given, settings
from hypothesis import strategies as st
from sipd_samples import sub_keg, write_lines

from sinkron.codes import Code
from sinkron.convert import dumps as sinkron_dumps
from sinkron.convert import loads as sinkron_loads
from sinkron.models import Bundle, Indicator, IndicatorKind, Provenance, Target, Value
from sinkron_sipd import dumps, read_sipd
from sinkron_sipd.layout import apply_layout, diff_object, expand_entry, same
from sinkron_sipd.state import ItemState, unique_id

SETTINGS = settings(max_examples=60, deadline=None)

json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(["", " ", "1", "x", "1.250"]))
json_value = st.recursive(
    json_scalar,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=2), inner, max_size=2),
    max_leaves=4,
)


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
    layout = diff_object(raw, canonical, split_ids=split, skip=skipped)
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
    st.dictionaries(st.sampled_from(["id", "active", "update_at"]), json_value, min_size=1),
)
def test_an_entry_kept_compactly_expands_to_the_plain_entry(ref: str, fields: dict[str, Any]) -> None:
    """Bundles saved by earlier versions may keep a row as its reference, or as [ref, keys, values]."""
    assert expand_entry(ref) == {"ref": ref}
    compact = [ref, list(fields), list(fields.values())]
    assert expand_entry(compact) == {"ref": ref, "fields": fields}
    assert expand_entry(json.loads(json.dumps(compact))) == {"ref": ref, "fields": fields}
    plain = {"ref": ref, "keys": {"name": "tolak_ukur"}, "fields": fields}
    assert expand_entry(plain) is plain


def test_the_writer_writes_compact_and_plain_entries_alike(tmp_path: Path) -> None:
    """A bundle saved by an earlier version with compact entries writes the same document as one read now."""
    records = [
        sub_keg(sub_id=20001 + n, code=code) for n, code in enumerate(["1.02.02.2.02.0001", "1.02.02.2.02.0002"])
    ]
    path = write_lines(tmp_path / "sub_keg.jsonl", records)
    bundle = read_sipd(path).raise_for_errors()
    compact = _compact_layouts(bundle)
    assert compact != bundle
    text = dumps(bundle, target=path)
    assert dumps(compact, target=path) == text
    assert same([json.loads(line) for line in text.splitlines()], records)
    again = sinkron_loads(sinkron_dumps(compact), Bundle)
    assert dumps(again, target=path) == text


def _compact(entry: Any) -> Any:
    """The compact form earlier versions kept an entry in, where it had one."""
    if not isinstance(entry, dict) or "ref" not in entry or "keys" in entry:
        return entry
    rest = {key: value for key, value in entry.items() if key != "ref"}
    if not rest:
        return entry["ref"]
    if list(rest) == ["fields"]:
        return [entry["ref"], list(rest["fields"]), list(rest["fields"].values())]
    return entry


def _compact_layouts(bundle: Bundle) -> Bundle:
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
                        if isinstance(rows, list):
                            layout["blocks"][name] = [_compact(entry) for entry in rows]
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


def test_rows_repeated_within_a_record_stay_separate_indicators(tmp_path: Path) -> None:
    """Two equal capaian rows in one record are two indicators of the program; the next records find both."""
    row = ("Angka kematian ibu", "98", "Kasus")
    codes = ["1.02.02.2.02.0001", "1.02.02.2.02.0002", "1.02.02.2.02.0003"]
    records = [sub_keg(sub_id=20001 + n, code=code, capaian=[row, row]) for n, code in enumerate(codes)]
    path = write_lines(tmp_path / "sub_keg.jsonl", records)
    bundle = read_sipd(path).raise_for_errors()
    program = bundle.plans[0].programs[0]
    assert [indicator.id for indicator in program.indicators] == ["angka-kematian-ibu", "angka-kematian-ibu-2"]
    for sub in bundle.plans[0].sub_activities():
        refs = [expand_entry(entry)["ref"] for entry in sub.extra["sipd"]["blocks"]["capaian_prog_sub_keg"]]
        assert refs == ["angka-kematian-ibu", "angka-kematian-ibu-2"]
    assert same([json.loads(line) for line in dumps(bundle, target=path).splitlines()], records)
