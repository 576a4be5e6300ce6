"""Property: any well-formed SIPD document reads without errors and writes back to the same JSON."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinkron.codes import Code
from sinkron.numbers import format_id
from sinkron_sipd import dumps, read_sipd
from sinkron_sipd.layout import same

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# a few programs with kegiatan and sub kegiatan, so that records share parents
TREE = {
    ("1.02.02", "1.02.02.2.02"): ["1.02.02.2.02.0001", "1.02.02.2.02.0002", "1.2.2.2.2.3"],
    ("1.02.02", "1.02.02.2.01"): ["1.02.02.2.01.0001", "1.02.02.2.01.01"],
    ("7.01.02", "7.01.02.2.01"): ["7.01.02.2.01.01", "7.01.02.2.01.0002"],
    ("1.03.01", "1.03.01.2.01"): ["1.03.01.2.01.0001"],
}
SKPD = [("1.02.0.00.0.00.01.0000", "Dinas Kesehatan Contoh"), ("7.01.0.00.0.00.06.0000", "Kecamatan Contoh"), ("", "")]

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
name_text = st.one_of(
    text, st.builds(lambda a, b: f"{a}\n\n{b}", text, text), st.sampled_from(["", " ", "Nama  ganda "])
)
amount = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def number_text(draw: st.DrawFn) -> Any:
    value: Decimal = draw(amount)
    style = draw(st.sampled_from(["plain", "integer", "id", "id_cents", "json_int", "empty", "null"]))
    if style == "plain":
        return format(value, "f")
    if style == "integer":
        return str(int(value))
    if style == "id":
        return format_id(Decimal(int(value)))
    if style == "id_cents":
        return format_id(value.quantize(Decimal("0.01")))
    if style == "json_int":
        return int(value)
    return "" if style == "empty" else None


target_text = st.one_of(number_text(), text, st.sampled_from(["7,0–8,0", "Tersedia", "100 %", "8.3"]))
unknown_fields = st.dictionaries(
    st.sampled_from(["id", "kode_sbl", "idsubbl", "active", "update_at", "catatan", "bobot_kinerja", "x_baru"]),
    st.one_of(text, st.none(), st.booleans(), st.integers(-5, 5)),
    max_size=4,
)


@st.composite
def indicator_row(draw: st.DrawFn, prefix: str) -> dict[str, Any]:
    wp = draw(st.booleans())
    name_key = (
        ("outputteks" if prefix == "output" else f"{prefix}teks")
        if wp
        else draw(st.sampled_from(["tolak_ukur", "tolok_ukur"]))
    )
    keys = [
        name_key,
        *((f"satuan{prefix}", f"target{prefix}", f"target{prefix}teks") if wp else ("satuan", "target", "target_teks")),
    ]
    row = draw(unknown_fields)
    values = [draw(name_text), draw(text), draw(target_text), draw(st.one_of(text, target_text))]
    for key, value in zip(keys, values):
        if key == name_key or draw(st.integers(0, 4)):
            row[key] = value
    return row


@st.composite
def block(draw: st.DrawFn, rows: st.SearchStrategy[dict[str, Any]]) -> Any:
    return draw(st.one_of(st.just("absent"), st.none(), st.lists(rows, max_size=3)))


location_row = st.builds(
    lambda fields, d, c, lurah: fields | {"daerahteks": d, "camatteks": c, "lurahteks": lurah},
    unknown_fields,
    st.sampled_from(["Kab. Contoh", "", "Kota, Pusat"]),
    text,
    st.sampled_from(["Semua Kelurahan", ""]),
)
funding_row = st.builds(
    lambda fields, name, code, pagu: (
        fields | {"nama_dana": name, "kode_dana": code} | ({} if pagu == "skip" else {"pagu_dana": pagu})
    ),
    unknown_fields,
    st.sampled_from(["[DANA UMUM] - PAD", "", "DAK Fisik"]),
    st.sampled_from(["1.1", "", "2.2.01"]),
    st.one_of(st.just("skip"), number_text()),
)
tag_row = st.builds(
    lambda fields, label_id, name: fields | {"idlabelgiat": label_id, "namalabel": name},
    unknown_fields,
    st.sampled_from(["0", "", "31", "7"]),
    st.sampled_from(["", "Stunting", "Kemiskinan Ekstrem"]),
)


@st.composite
def sub_keg_record(draw: st.DrawFn) -> dict[str, Any]:
    (program, activity), subs = draw(st.sampled_from(sorted(TREE.items())))
    code = draw(st.sampled_from(subs))
    record: dict[str, Any] = draw(unknown_fields)
    record.update(tahun_anggaran=str(draw(st.integers(2020, 2030))), kode_sub_giat=code)
    prefix = draw(st.booleans())
    record["nama_sub_giat"] = f"{code} {draw(name_text)}" if prefix else draw(name_text)
    for key, value, name_key in (("kode_program", program, "nama_program"), ("kode_giat", activity, "nama_giat")):
        if draw(st.integers(0, 5)):
            record[key] = value
            record[name_key] = draw(st.one_of(name_text, st.just(f"{value} {draw(text)}")))
    skpd_code, skpd_name = draw(st.sampled_from(SKPD))
    if draw(st.booleans()):
        record.update(kode_skpd=skpd_code, nama_skpd=draw(st.sampled_from([skpd_name, "", "Nama lain"])))
    if draw(st.booleans()):
        unit_code = draw(st.sampled_from([skpd_code, "1.02.0.00.0.00.01.0001"]))
        record.update(kode_sub_skpd=unit_code, nama_sub_skpd=draw(st.sampled_from(["UPTD Contoh", "", skpd_name])))
    for key in ("pagu", "pagu_indikatif", "pagu_n_depan"):
        if draw(st.booleans()):
            record[key] = draw(number_text())
    for id_key, name_key in (
        ("id_label_pusat", "label_pusat"),
        ("id_label_prov", "label_prov"),
        ("id_label_kokab", "label_kokab"),
    ):
        if draw(st.booleans()):
            record[id_key] = draw(st.sampled_from(["0", "", "7", "12"]))
            record[name_key] = draw(st.sampled_from(["", "Prioritas A", "Prioritas B"]))
    blocks = {
        "sub_keg_indikator": indicator_row("output"),
        "sub_keg_indikator_hasil": indicator_row("hasil"),
        "capaian_prog_sub_keg": indicator_row("capaian"),
        "output_giat": indicator_row("output"),
        "lokasi_sub_keg": location_row,
        "sumber_dana": funding_row,
        "tag_sub_keg": tag_row,
    }
    for key, rows in blocks.items():
        value = draw(block(rows))
        if value != "absent":
            record[key] = value
    return record


@st.composite
def document(draw: st.DrawFn) -> tuple[str, Any]:
    records = draw(st.lists(sub_keg_record(), min_size=1, max_size=4))
    shape = draw(st.sampled_from(["envelope", "list", "lines"]))
    if shape == "envelope":
        return shape, {"action": "get_sub_keg_sipd", "status": "success", "message": draw(text), "data": records}
    return shape, records


@SETTINGS
@given(document(), st.sampled_from(["rkpd", "renja_pd"]))
def test_generated_sipd_documents_round_trip(doc: tuple[str, Any], plan_kind: str) -> None:
    shape, content = doc
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("doc.jsonl" if shape == "lines" else "doc.json")
        if shape == "lines":
            path.write_text("".join(json.dumps(r) + "\n" for r in content), encoding="utf-8")
        else:
            path.write_text(json.dumps(content), encoding="utf-8")
        result = read_sipd(path, plan_kind=plan_kind)
        assert result.errors == (), [str(e) for e in result.errors]
        text = dumps(result.bundle, target=path)
    written = [json.loads(line) for line in text.split("\n") if line] if shape == "lines" else json.loads(text)
    records = content["data"] if shape == "envelope" else content
    kept = _first_of_each_sub_kegiatan(records)
    assert sum(f.rule == "SKN010" for f in result.findings) == len(records) - len(kept)
    assert same({**content, "data": kept} if shape == "envelope" else kept, written)


def _first_of_each_sub_kegiatan(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records a read keeps: a sub kegiatan given again (same year, SKPD, unit and code) is left out (SKN010)."""

    def blank_as_none(key: str, record: dict[str, Any]) -> str | None:
        value = record.get(key)
        return value if isinstance(value, str) and value.strip() else None

    seen: set[tuple[str, str | None, str | None, Code]] = set()
    kept = []
    for record in records:
        skpd = blank_as_none("kode_skpd", record)
        key = (
            record["tahun_anggaran"],
            skpd,
            blank_as_none("kode_sub_skpd", record) or skpd,
            Code.parse(record["kode_sub_giat"]),
        )
        if key not in seen:
            seen.add(key)
            kept.append(record)
    return kept


row_fields = st.dictionaries(
    st.sampled_from(["id", "active", "update_at", "status", "is_locked", "x_baru"]),
    st.one_of(text, st.none(), st.booleans(), st.integers(-5, 5)),
    max_size=3,
)


@st.composite
def master_or_skpd(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(1, 4))):
        fields = draw(row_fields)
        if draw(st.booleans()):
            (program, activity), subs = draw(st.sampled_from(sorted(TREE.items())))
            code = draw(st.sampled_from(subs))
            rows.append(
                fields
                | {
                    "id_sub_giat": str(draw(st.integers(1, 99999))),
                    "kode_program": program,
                    "nama_program": f"{program} {draw(name_text)}",
                    "kode_giat": activity,
                    "nama_giat": draw(st.one_of(name_text, st.just(f"{activity} Nama"))),
                    "kode_sub_giat": code,
                    "nama_sub_giat": f"{code} {draw(name_text)}",
                    "tahun_anggaran": "2026",
                }
            )
        else:
            code, name = draw(st.sampled_from(SKPD[:2]))
            rows.append(
                fields
                | {
                    "kode_skpd": code,
                    "nama_skpd": draw(st.sampled_from([name, "", "Nama lain"])),
                    "id_skpd": str(draw(st.integers(1, 5))),
                    "idinduk": str(draw(st.integers(0, 5))),
                    "bidur__1": draw(st.sampled_from(["1.02", "0.00", "x"])),
                    "bidur__2": "0.00",
                }
            )
    return rows


@SETTINGS
@given(master_or_skpd())
def test_generated_master_and_skpd_rows_round_trip(rows: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        result = read_sipd(path)
        assert result.errors == (), [str(e) for e in result.errors]
        written = [json.loads(line) for line in dumps(result.bundle, target=path).split("\n") if line]
    assert same(rows, written)


@st.composite
def planning_document(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for number in range(draw(st.integers(1, 3))):
        (program, activity), subs = draw(st.sampled_from(sorted(TREE.items())))
        level = draw(st.sampled_from(["program", "giat", "sub_giat"]))
        entity: dict[str, Any] = draw(row_fields) | {
            "id_unik": f"u{number}",
            "id_unik_indikator": draw(st.sampled_from([None, ""])),
        }
        entity.update(kode_program=program, nama_program=draw(name_text))
        if level != "program":
            entity.update(kode_giat=activity, nama_giat=draw(name_text))
        if level == "sub_giat":
            code = draw(st.sampled_from(subs))
            entity.update(kode_sub_giat=code, nama_sub_giat=draw(st.one_of(name_text, st.just(f"{code} Nama"))))
        if draw(st.booleans()):
            entity.update(kode_skpd=SKPD[0][0], nama_skpd=draw(st.sampled_from(["", SKPD[0][1]])))
        for year in range(1, 6):
            if draw(st.integers(0, 2)):
                entity[f"pagu_{year}"] = draw(number_text())
        rows.append(entity)
        for n in range(draw(st.integers(0, 3))):
            row = {key: value for key, value in entity.items() if not key.startswith("pagu_")}
            row.update(id_unik_indikator=f"u{number}-{n}", indikator=draw(name_text), satuan=draw(text))
            for year in range(0, 6):
                if draw(st.integers(0, 3)):
                    row["target_awal" if year == 0 else f"target_{year}"] = draw(target_text)
            rows.append(row)
    return draw(st.permutations(rows))


@SETTINGS
@given(planning_document())
def test_generated_planning_rows_round_trip(rows: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.json"
        path.write_text(json.dumps(rows), encoding="utf-8")
        result = read_sipd(path, period="2025-2029")
        assert result.errors == (), [str(e) for e in result.errors]
        written = json.loads(dumps(result.bundle))
    assert same(rows, written)
