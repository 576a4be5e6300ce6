"""Malformed SIPD records: kept with a source finding where their data allows, else named; the others still read.

A value that cannot be read is left out (SKN008) and its record kept; a record that cannot be placed in
a plan is named by SKN005; a record that cannot be read at all is a located error. ``strict=True`` makes
every finding of severity error an error (docs/errors.md, "Tolerant and strict reading").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from sipd_samples import envelope, sub_keg, write_json, write_lines

import sinkron
from sinkron import SourceError, ValidationError
from sinkron.align import Severity
from sinkron.cli import main
from sinkron.models import ref
from sinkron_sipd import dumps, read_sipd
from sinkron_sipd.layout import same


def _three_with_one_bad(bad: dict[str, object]) -> list[dict[str, object]]:
    return [
        sub_keg(sub_id=1),
        bad,
        sub_keg(sub_id=3, code="1.02.02.2.02.0003", name="Pengelolaan Pelayanan Kesehatan Balita"),
    ]


def _bad(kind: str) -> dict[str, object]:
    record = sub_keg(sub_id=2, code="1.02.02.2.02.0002", name="Pengelolaan Pelayanan Kesehatan Bayi")
    if kind == "missing_kode_sub_giat":
        del record["kode_sub_giat"]
    elif kind == "non_numeric_pagu":
        record["pagu"] = "seratus juta"
    elif kind == "block_not_a_list":
        record["sub_keg_indikator"] = {"outputteks": "Jumlah", "targetoutput": "1"}
    elif kind == "row_of_unknown_shape":
        record["capaian_prog_sub_keg"] = [{"foo": "bar"}]
    elif kind == "row_not_an_object":
        record["lokasi_sub_keg"] = ["Kab. Contoh"]
    elif kind == "bad_code":
        record["kode_sub_giat"] = "1.02.02.2"
    elif kind == "code_of_wrong_level":
        record["kode_giat"] = "1.02.02"
    elif kind == "bad_year":
        record["tahun_anggaran"] = "dua ribu"
    elif kind == "negative_pagu":
        record["pagu_n_depan"] = "-5"
    elif kind == "non_numeric_pagu_dana":
        record["sumber_dana"] = [{"kode_dana": "1.1", "nama_dana": "PAD", "pagu_dana": "banyak"}]
    return record


KEPT = {
    "non_numeric_pagu": ("$.data[1].pagu", "pagu is not a number"),
    "block_not_a_list": ("$.data[1].sub_keg_indikator", "the nested block sub_keg_indikator is not a list"),
    "row_of_unknown_shape": ("$.data[1].capaian_prog_sub_keg[0]", "unknown shape of a capaian_prog_sub_keg row"),
    "row_not_an_object": ("$.data[1].lokasi_sub_keg[0]", "a lokasi_sub_keg row is not a JSON object"),
    "code_of_wrong_level": ("$.data[1].kode_giat", "kode_giat is a program code"),
    "negative_pagu": ("$.data[1].pagu_n_depan", "pagu_n_depan is negative"),
    "non_numeric_pagu_dana": ("$.data[1].sumber_dana[0].pagu_dana", "pagu_dana is not a number"),
}
"""Defects of one value: the record is kept without it, with a finding SKN008 at the value."""

NOT_PLACED = {
    "missing_kode_sub_giat": ("$.data[1].kode_sub_giat", "missing kode_sub_giat"),
    "bad_code": ("$.data[1].kode_sub_giat", "kode_sub_giat is not a nomenclature code"),
    "bad_year": ("$.data[1].tahun_anggaran", "tahun_anggaran is not a year"),
}
"""Defects that leave no place for the record: it is named by a finding SKN005, and the others still read."""

ALL_CODES = ["1.02.02.2.02.0001", "1.02.02.2.02.0002", "1.02.02.2.02.0003"]


def _codes(bundle: sinkron.Bundle) -> list[str]:
    return [str(s.code) for plan in bundle.plans for s in plan.sub_activities()]


@pytest.mark.parametrize("kind", sorted(KEPT))
def test_a_value_that_cannot_be_read_is_left_out_and_the_record_kept(tmp_path: Path, kind: str) -> None:
    path = write_json(tmp_path / "bad.json", envelope("get_sub_keg_sipd", _three_with_one_bad(_bad(kind))))
    result = sinkron.read_result(path, format="sipd")
    json_path, message = KEPT[kind]
    assert result.errors == () and result.complete and result.records == 3
    [finding] = result.findings
    assert (finding.rule, finding.severity) == ("SKN008", Severity.ERROR)
    assert finding.message.en.startswith(message) and "tidak dibaca" in finding.message.id
    assert finding.location is not None and finding.location.json_path == json_path
    assert finding.location.source == str(path)
    assert finding.evidence["field"] == json_path.rsplit(".", 1)[1].split("[")[0]
    assert _codes(result.bundle) == ALL_CODES  # the record is kept
    plan = result.bundle.plans[0]
    kept = next(s for s in plan.sub_activities() if str(s.code) == ALL_CODES[1])
    assert finding.subject == ref(plan.id, kept.id)
    # the SIPD written back is the document read: the value that could not be read is written as it was
    assert same(json.loads(path.read_text(encoding="utf-8")), json.loads(dumps(result.bundle)))


@pytest.mark.parametrize("kind", sorted(KEPT))
def test_strict_reading_makes_a_kept_record_with_a_finding_an_error(tmp_path: Path, kind: str) -> None:
    path = write_json(tmp_path / "bad.json", envelope("get_sub_keg_sipd", _three_with_one_bad(_bad(kind))))
    json_path, message = KEPT[kind]
    result = sinkron.read_result(path, format="sipd", strict=True)
    assert [e.location.json_path for e in result.errors] == [json_path] and not result.complete
    assert message in result.errors[0].message
    with pytest.raises(ValidationError, match="SKN008"):
        sinkron.read(path, format="sipd", strict=True)


@pytest.mark.parametrize("kind", sorted(NOT_PLACED))
def test_a_record_that_cannot_be_placed_is_named_and_the_others_still_read(tmp_path: Path, kind: str) -> None:
    path = write_json(tmp_path / "bad.json", envelope("get_sub_keg_sipd", _three_with_one_bad(_bad(kind))))
    result = sinkron.read_result(path, format="sipd")
    json_path, message = NOT_PLACED[kind]
    assert result.errors == () and result.records == 3
    [finding] = result.findings
    assert finding.rule == "SKN005" and message in finding.message.en and "$.data[1]" in finding.message.en
    assert finding.location is not None and finding.location.json_path == json_path
    assert not result.complete  # a record is not in the bundle
    assert _codes(result.bundle) == [ALL_CODES[0], ALL_CODES[2]]
    strict = sinkron.read_result(path, format="sipd", strict=True)
    assert [e.location.json_path for e in strict.errors] == [json_path]


def test_sinkron_read_strict_raises_with_every_problem_and_the_partial_bundle(tmp_path: Path) -> None:
    records = [_bad("missing_kode_sub_giat"), sub_keg(sub_id=9), _bad("non_numeric_pagu") | {"tahun_anggaran": "x"}]
    path = write_json(tmp_path / "bad.json", records)
    assert len(sinkron.read(path, format="sipd").source_findings) == 3  # tolerant: read, with its findings
    with pytest.raises(ValidationError) as caught:
        sinkron.read(path, format="sipd", strict=True)
    assert [e.location.json_path for e in caught.value.errors] == [
        "$[0].kode_sub_giat",
        "$[2].tahun_anggaran",
        "$[2].pagu",
    ]
    assert caught.value.partial is not None
    assert len(list(caught.value.partial.plans[0].sub_activities())) == 1
    pagu = caught.value.errors[2]
    assert pagu.expected is not None and "296.187.500" in pagu.expected and pagu.actual == "seratus juta"
    assert "$[2].pagu" in str(pagu)


def test_json_lines_problems_carry_the_line_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    write_lines(path, [sub_keg(sub_id=1), _bad("non_numeric_pagu")])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n{not json\n")
        handle.write('"a string"\n')
    result = read_sipd(path)
    assert [(e.location.row, e.location.json_path) for e in result.errors] == [(4, None), (5, "$[3]")]
    assert result.errors[0].message.startswith("invalid JSON")
    assert result.errors[1].message == "a record is not a JSON object"
    [finding] = result.bundle.source_findings
    assert finding.location is not None and (finding.location.row, finding.location.json_path) == (2, "$[1].pagu")
    assert result.records == 3 and len(list(result.bundle.plans[0].sub_activities())) == 2


def test_document_problems(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"action": "get_sub_keg_sipd", "data": [', encoding="utf-8")
    [error] = read_sipd(broken).errors
    assert error.message.startswith("invalid JSON") and error.location.row == 1

    failed = write_json(
        tmp_path / "failed.json",
        {"action": "get_sub_keg_sipd", "status": "error", "message": "Api key salah!", "data": []},
    )
    [error] = read_sipd(failed).errors
    assert error.location.json_path == "$.status" and "Api key salah!" in error.message

    no_list = write_json(tmp_path / "nolist.json", {"action": "get_skpd", "status": "success", "data": {"a": 1}})
    [error] = read_sipd(no_list).errors
    assert error.location.json_path == "$.data" and error.actual == "dict"

    unknown = write_json(tmp_path / "unknown.json", [{"foo": "1"}])
    [error] = read_sipd(unknown).errors
    assert error.message == "unknown record shape" and error.location.json_path == "$[0]"


def test_record_without_a_year_needs_the_year_option(tmp_path: Path) -> None:
    record = sub_keg()
    del record["tahun_anggaran"]
    path = write_json(tmp_path / "noyear.json", [record])
    [error] = read_sipd(path).errors
    assert (
        error.location.json_path == "$[0].tahun_anggaran" and error.expected is not None and "year=" in error.expected
    )
    assert read_sipd(path, year=2027).bundle.plans[0].year == 2027


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"plan_kind": "rpjpn"}, "plan_kind"),
        ({"period": "2025"}, "period"),
        ({"year": "soon"}, "year"),
        ({"decimal": ";"}, "decimal"),
        ({"record_kind": "x"}, "record_kind"),
        ({"plan_knd": "rkpd"}, "unknown option(s) for the sipd connector: plan_knd"),
    ],
)
def test_bad_options_are_refused(tmp_path: Path, options: dict[str, object], message: str) -> None:
    path = write_json(tmp_path / "ok.json", [sub_keg()])
    with pytest.raises(SourceError, match=re.escape(message)):
        read_sipd(path, **options)


def test_a_multi_year_plan_kind_does_not_fit_sub_kegiatan_records(tmp_path: Path) -> None:
    path = write_json(tmp_path / "ok.json", [sub_keg(), sub_keg(sub_id=2, code="1.02.02.2.02.0002")])
    result = read_sipd(path, plan_kind="rpjmd")
    assert [e.location.json_path for e in result.errors] == ["$[0]", "$[1]"]
    assert "not a yearly plan" in result.errors[0].message and result.bundle.plans == ()


# -- the same sub kegiatan given twice -----------------------------------------------------------------------


@pytest.mark.parametrize("container", ["list", "lines"])
def test_a_sub_kegiatan_given_twice_is_named_with_both_records_and_the_first_kept(
    tmp_path: Path, container: str
) -> None:
    other = sub_keg(sub_id=2, code="1.02.02.2.02.0002", name="Pengelolaan Pelayanan Kesehatan Bayi")
    again = sub_keg(sub_id=3, pagu="175000000")  # the first record's sub kegiatan, unit and year, another pagu
    records = [sub_keg(sub_id=1), other, again]
    if container == "lines":
        path = write_lines(tmp_path / "twice.jsonl", records)
        first_at, again_at = "$[0] (line 1)", "$[2] (line 3)"
    else:
        path = write_json(tmp_path / "twice.json", records)
        first_at, again_at = "$[0]", "$[2]"
    result = read_sipd(path)
    assert result.errors == ()
    [finding] = result.findings
    assert (finding.rule, finding.severity) == ("SKN010", Severity.ERROR)
    assert finding.location is not None and finding.location.json_path == "$[2].kode_sub_giat"
    assert finding.message.en == (
        f"Sub kegiatan 1.02.02.2.02.0001 of unit 1.02.0.00.0.00.01.0000 in 2026 is already given by record {first_at}; "
        f"record {again_at} is not read."
    )
    assert finding.evidence["first_json_path"] == "$[0]"
    subs = list(result.bundle.plans[0].sub_activities())
    assert [(str(s.code), s.budget_for(2026)) for s in subs] == [  # the first is kept: the pagu is not counted twice
        ("1.02.02.2.02.0001", sinkron.Money(150_000_000)),
        ("1.02.02.2.02.0002", sinkron.Money(150_000_000)),
    ]
    assert not result.complete  # the left-out record is named, not silently dropped
    strict = sinkron.read_result(path, format="sipd", strict=True)
    assert [e.location.json_path for e in strict.errors] == ["$[2].kode_sub_giat"]


def test_the_same_code_in_another_unit_or_year_is_another_sub_kegiatan(tmp_path: Path) -> None:
    records = [
        sub_keg(sub_id=1),
        sub_keg(sub_id=2, year="2027"),
        sub_keg(sub_id=3, skpd=("1.02.0.00.0.00.02.0000", "RSUD Contoh")),
    ]
    for plan_kind in ("rkpd", "renja_pd"):
        result = read_sipd(write_json(tmp_path / "three.json", records), plan_kind=plan_kind)
        assert (result.errors, result.findings) == ((), ())
        assert sum(len(list(plan.sub_activities())) for plan in result.bundle.plans) == 3


def test_check_names_the_repeated_sub_kegiatan(tmp_path: Path) -> None:
    path = write_json(tmp_path / "twice.json", [sub_keg(sub_id=1), sub_keg(sub_id=2)])
    result = CliRunner().invoke(main, ["check", str(path), "--from", "sipd", "--lang", "en", "--verbose"])
    assert "SKN010" in result.output and "record $[1] is not read" in result.output, result.output
