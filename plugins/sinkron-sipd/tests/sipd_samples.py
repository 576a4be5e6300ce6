"""Synthetic SIPD records in the real shapes (field names of the wp-sipd API and SIPD RI), invented values.

Nothing here is copied from an agency's data: names, ids and amounts are made up; codes are taken
from the public nomenclature.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SKPD_CODE = "1.02.0.00.0.00.01.0000"
SKPD_NAME = "Dinas Kesehatan Contoh"
STAMP = "2025-11-03 08:00:00"


def indicator_rows(
    prefix: str, items: Iterable[tuple[str, str, str]], kode_sbl: str, year: str, *, start_id: int = 100
) -> list[dict[str, Any]]:
    """wp-sipd shaped indicator rows: (name, target, satuan) with ``<prefix>teks``, ``target<prefix>`` …"""
    text_key = "outputteks" if prefix == "output" else f"{prefix}teks"
    rows = []
    for number, (name, target, unit) in enumerate(items):
        row: dict[str, Any] = {
            "id": str(start_id + number),
            text_key: name,
            f"satuan{prefix}": unit,
            f"target{prefix}": target,
            f"target{prefix}teks": f"{target} {unit}".strip(),
        }
        if prefix == "output":
            row["idoutputbl"] = str(900000 + start_id + number)
        row.update({"kode_sbl": kode_sbl, "idsubbl": "0", "active": "1", "update_at": STAMP, "tahun_anggaran": year})
        rows.append(row)
    return rows


def sub_keg(
    *,
    code: str = "1.02.02.2.02.0001",
    name: str = "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
    program: tuple[str, str] = (
        "1.02.02",
        "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
    ),
    activity: tuple[str, str] = (
        "1.02.02.2.02",
        "Penyediaan Layanan Kesehatan untuk UKM dan UKP\n\nRujukan Tingkat Daerah",
    ),
    year: str = "2026",
    pagu: Any = "150000000",
    pagu_n_depan: Any = "165000000",
    outputs: Iterable[tuple[str, str, str]] = (
        ("Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan", "1250", "Orang"),
    ),
    hasil: Iterable[tuple[str, str, str]] = (("Persentase ibu hamil mendapat layanan sesuai standar", "95", "%"),),
    capaian: Iterable[tuple[str, str, str]] = (("Angka kematian ibu per 100.000 kelahiran hidup", "98", "Kasus"),),
    output_giat: Iterable[tuple[str, str, str]] = (("Jumlah dokumen layanan kesehatan yang disusun", "4", "Dokumen"),),
    sub_id: int = 20001,
    skpd: tuple[str, str] = (SKPD_CODE, SKPD_NAME),
    label_pusat: tuple[str, str] = ("4", "Memperkuat Pembangunan SDM, Sains, Teknologi, Pendidikan dan Kesehatan"),
    tags: Iterable[tuple[str, str]] = (("31", "Penurunan Stunting"),),
) -> dict[str, Any]:
    """A wp-sipd ``get_sub_keg_sipd`` record with every nested block."""
    kode_bl = f"77.77.{500 + sub_id % 7}.{3000 + sub_id % 11}"
    kode_sbl = f"{kode_bl}.{sub_id}"
    record: dict[str, Any] = {
        "id": str(sub_id),
        "id_sub_skpd": "77",
        "id_lokasi": "0",
        "id_label_kokab": "0",
        "nama_dana": "",
        "no_sub_giat": code.rsplit(".", 1)[1] + " ",
        "kode_giat": activity[0],
        "id_program": "601",
        "nama_lokasi": "",
        "waktu_akhir": "12",
        "pagu_n_lalu": "0",
        "id_urusan": "1",
        "id_unik_sub_bl": f"5f0c0ffee{sub_id}-1000-2000",
        "id_sub_giat": str(sub_id),
        "label_prov": "",
        "kode_program": program[0],
        "kode_sub_giat": code,
        "no_program": program[0].rsplit(".", 1)[1] + " ",
        "kode_urusan": code.split(".")[0],
        "kode_bidang_urusan": ".".join(code.split(".")[:2]),
        "nama_program": program[1],
        "target_4": "",
        "target_5": "",
        "id_bidang_urusan": "12",
        "nama_bidang_urusan": "KESEHATAN",
        "target_3": "",
        "no_giat": ".".join(activity[0].split(".")[3:]),
        "id_label_prov": "0",
        "waktu_awal": "1",
        "pagumurni": pagu,
        "pagu": pagu,
        "pagu_simda": None,
        "output_sub_giat": "",
        "sasaran": "Ibu hamil",
        "indikator": "",
        "id_dana": "0",
        "nama_sub_giat": f"{code} {name}",
        "pagu_n_depan": pagu_n_depan,
        "satuan": "",
        "id_rpjmd": "0",
        "id_giat": "3001",
        "id_label_pusat": label_pusat[0],
        "nama_giat": activity[1],
        "kode_skpd": skpd[0],
        "nama_skpd": skpd[1],
        "kode_sub_skpd": skpd[0],
        "id_skpd": "77",
        "id_sub_bl": "0",
        "nama_sub_skpd": skpd[1],
        "target_1": "",
        "nama_urusan": "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
        "target_2": "",
        "label_kokab": "",
        "label_pusat": label_pusat[1],
        "pagu_keg": pagu,
        "pagu_fmis": None,
        "id_bl": "0",
        "kode_bl": kode_bl,
        "kode_sbl": kode_sbl,
        "active": "1",
        "update_at": STAMP,
        "tahun_anggaran": year,
    }
    record["sub_keg_indikator"] = indicator_rows("output", outputs, kode_sbl, year, start_id=sub_id * 10)
    record["sub_keg_indikator_hasil"] = indicator_rows("hasil", hasil, kode_sbl, year, start_id=sub_id * 10 + 3)
    record["tag_sub_keg"] = [
        {
            "id": str(sub_id * 10 + n),
            "idlabelgiat": tag_id,
            "namalabel": tag_name,
            "idtagbl": str(700000 + n),
            "kode_sbl": kode_sbl,
            "idsubbl": "0",
            "active": "1",
            "update_at": STAMP,
            "tahun_anggaran": year,
        }
        for n, (tag_id, tag_name) in enumerate(tags)
    ]
    record["capaian_prog_sub_keg"] = indicator_rows("capaian", capaian, kode_sbl, year, start_id=sub_id * 10 + 5)
    record["output_giat"] = indicator_rows("output", output_giat, kode_sbl, year, start_id=sub_id * 10 + 7)
    record["lokasi_sub_keg"] = [
        {
            "id": str(sub_id),
            "camatteks": "Kec. Contoh Hulu",
            "daerahteks": "Kab. Contoh",
            "idcamat": "4401",
            "iddetillokasi": str(880000 + sub_id),
            "idkabkota": "44",
            "idlurah": "0",
            "lurahteks": "Semua Kelurahan",
            "kode_sbl": kode_sbl,
            "idsubbl": "0",
            "active": "1",
            "update_at": STAMP,
            "tahun_anggaran": year,
        }
    ]
    record["sumber_dana"] = [
        {"id_sumber_dana": "12", "kode_dana": "1.1", "nama_dana": "[DANA UMUM] - PENDAPATAN ASLI DAERAH (PAD)"}
    ]
    return record


def sipd_ri_rows(kind: str) -> list[dict[str, Any]]:
    """Indicator rows in the SIPD RI native spelling (``tolak_ukur`` / ``tolok_ukur``, ``target_teks``)."""
    if kind == "output_bl":
        return [
            {
                "tolak_ukur": "Jumlah dokumen perencanaan",
                "target": "2",
                "satuan": "Dokumen",
                "target_teks": "2 Dokumen",
                "id_output_bl": "5551",
                "tolok_ukur_sub": "",
                "target_sub": "",
                "target_sub_teks": "",
                "satuan_sub": "",
                "id_sub_bl": "9001",
                "id_sub_giat": "20001",
            }
        ]
    if kind == "output_giat":
        return [
            {
                "tolok_ukur": "Jumlah laporan evaluasi",
                "satuan": "Laporan",
                "target": "12",
                "target_teks": "12 Laporan",
                "id_output_giat": "6661",
                "kode_renstra": "",
                "kode_rpjm": "",
                "id_program": "601",
                "id_giat": "3001",
                "id_skpd": "77",
                "id_sub_skpd": "77",
                "id_unit": "77",
            }
        ]
    return [
        {
            "tolak_ukur": "Persentase layanan sesuai standar",
            "satuan": "%",
            "target": "100",
            "target_teks": "100 %",
            "id_capaian_bl": "7771",
            "id_bl": "0",
            "id_unit": "77",
            "id_skpd": "77",
            "id_sub_skpd": "77",
            "id_program": "601",
            "id_giat": "3001",
            "kode_rpjm": "",
        }
    ]


def master_row(
    code: str, program: tuple[str, str], activity: tuple[str, str], name: str, sub_id: int
) -> dict[str, Any]:
    """A ``get_master_sub_keg_sipd`` row (every name with its code prefix)."""
    return {
        "id": str(sub_id + 5),
        "id_bidang_urusan": "12",
        "id_program": "601",
        "kode_program": program[0],
        "nama_program": f"{program[0]} {program[1]}",
        "id_giat": "3001",
        "kode_giat": activity[0],
        "nama_giat": f"{activity[0]} {activity[1]}",
        "id_sub_giat": str(sub_id),
        "kode_sub_giat": code,
        "nama_sub_giat": f"{code} {name}",
    }


def skpd_row(code: str, name: str, id_skpd: str, induk: str, bidang: str = "1.02") -> dict[str, Any]:
    """A ``get_skpd`` row."""
    return {
        "id": str(int(id_skpd) + 100),
        "id_setup_unit": "0",
        "id_unit": id_skpd,
        "is_skpd": "1" if induk == id_skpd else "0",
        "kode_skpd": code,
        "kunci_skpd": "0",
        "nama_skpd": name,
        "posisi": "",
        "status": "SKPD",
        "id_skpd": id_skpd,
        "bidur_1": "12",
        "bidur_2": "0",
        "bidur_3": "0",
        "idinduk": induk,
        "ispendapatan": "0",
        "isskpd": "1",
        "kode_skpd_1": "01",
        "kode_skpd_2": "0001",
        "kodeunit": code,
        "komisi": "0",
        "namabendahara": "",
        "namakepala": "Kepala Contoh",
        "namaunit": name,
        "nipbendahara": "",
        "nipkepala": "197001012000031001",
        "pangkatkepala": "Pembina",
        "setupunit": "0",
        "statuskepala": "Definitif",
        "update_at": STAMP,
        "tahun_anggaran": "2026",
        "active": "1",
        "mapping": None,
        "id_kecamatan": None,
        "id_strategi": None,
        "is_dpa_khusus": None,
        "is_ppkd": None,
        "set_input": None,
        "id_mapping": False,
        "bidur__1": bidang,
        "bidur__2": "0.00",
        "bidur__3": "0.00",
        "bidur1": f"{bidang} KESEHATAN",
        "bidur2": None,
        "bidur3": None,
    }


def envelope(action: str, records: list[dict[str, Any]], message: str = "Berhasil!") -> dict[str, Any]:
    return {"action": action, "status": "success", "message": message, "data": records}


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_lines(path: Path, records: Iterable[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def planning_rows(
    *,
    id_unik: str,
    level: str,
    codes: dict[str, tuple[str, str]],
    indicators: Iterable[tuple[str, str, list[str], str]],
    pagu: list[str] | None = None,
    skpd: tuple[str, str] | None = (SKPD_CODE, SKPD_NAME),
    extra: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """A wp-sipd Renstra/RPJMD entity row and its indicator rows (same ``id_unik``).

    ``codes`` maps ``program``/``giat``/``sub_giat`` to (code, name); each indicator is
    (indikator, satuan, [target_1..5], target_awal).
    """
    base: dict[str, Any] = {"id_unik": id_unik, "active": "1", "update_at": STAMP, "tahun_anggaran": "2025"}
    for key, (code, name) in codes.items():
        base[f"kode_{key}"] = code
        base[f"nama_{key}"] = name
        base[f"id_{key}"] = str(abs(hash(code)) % 9000 + 1000)
    if skpd is not None:
        base.update(kode_skpd=skpd[0], nama_skpd=skpd[1], id_unit="77")
    base.update(extra or {})
    entity = base | {"id_unik_indikator": None, "indikator": None, "satuan": None}
    for number, amount in enumerate(pagu or [], start=1):
        entity[f"pagu_{number}"] = amount
    entity["catatan"] = f"{level} contoh"
    rows = [entity]
    for n, (name, unit, targets, awal) in enumerate(indicators):
        row = base | {"id_unik_indikator": f"{id_unik}-i{n}", "indikator": name, "satuan": unit, "target_awal": awal}
        for number, target in enumerate(targets, start=1):
            row[f"target_{number}"] = target
        row["target_akhir"] = targets[-1] if targets else ""
        row["realisasi_target_1"] = ""
        rows.append(row)
    return rows
