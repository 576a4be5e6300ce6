"""The "sipd" preset: a wp-sipd endpoint reads into the same Bundle as the saved SIPD document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sinkron_http", reason="sinkron-http is not installed in this environment")
pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")

from http_testkit import API_KEY, ApiServer, Reply, Request

import sinkron_sipd
from sinkron.convert import dumps
from sinkron.nomenclature import default_nomenclature
from sinkron_http import HttpSource, PageNumber, SipdMapping, read_http


def sipd_records(count: int) -> list[dict[str, Any]]:
    """Synthetic records in the get_sub_keg_sipd shape (all values text, nested indicator rows)."""
    catalogue = default_nomenclature()
    codes = [c for c in catalogue.entries(2026) if c.level.value == "sub_kegiatan" and str(c).startswith("1.02.02.")]
    rows = []
    for number, code in enumerate(codes[:count]):
        activity, program = code.parent, code.parent.parent  # type: ignore[union-attr]
        entry = catalogue.lookup(code, 2026)
        assert entry is not None and activity is not None and program is not None
        rows.append(
            {
                "id_sub_giat": str(13000 + number),
                "kode_sbl": f"529.529.797.3705.{13000 + number}",
                "kode_urusan": "1",
                "kode_bidang_urusan": "1.02",
                "kode_program": str(program),
                "nama_program": f"{program} {catalogue.lookup(program, 2026).name}",  # type: ignore[union-attr]
                "kode_giat": str(activity),
                "nama_giat": f"{activity} {catalogue.lookup(activity, 2026).name}",  # type: ignore[union-attr]
                "kode_sub_giat": str(code),
                "nama_sub_giat": f"{code} {entry.name}",
                "kode_skpd": "1.02.0.00.0.00.01.0000",
                "nama_skpd": "Dinas Kesehatan",
                "kode_sub_skpd": "1.02.0.00.0.00.01.0000",
                "nama_sub_skpd": "Dinas Kesehatan",
                "pagu": str((number + 1) * 25_000_000),
                "tahun_anggaran": "2026",
                "sub_keg_indikator": [
                    {
                        "outputteks": entry.indikator or "Jumlah Dokumen",
                        "targetoutput": str(number + 1),
                        "satuanoutput": entry.satuan or "Dokumen",
                        "targetoutputteks": f"{number + 1} {entry.satuan or 'Dokumen'}",
                    }
                ],
            }
        )
    return rows


def _without_envelope(bundle: Any) -> Any:
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("document", "provenance")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    document = json.loads(dumps(bundle.replace(sources=())))
    return strip(document)


def serve(server: ApiServer, records: list[dict[str, Any]], page_size: int) -> None:
    @server.route("/wp-admin/admin-ajax.php")
    def wp(request: Request) -> Reply:
        if request.form.get("api_key") != API_KEY:
            return Reply(body={"status": "error", "message": "Api Key tidak sesuai!"})
        page = int(request.form.get("page", "1"))
        chunk = records[(page - 1) * page_size : page * page_size]
        return Reply(body={"action": request.form["action"], "status": "success", "message": "ok", "data": chunk})


def test_wp_sipd_endpoint_equals_the_saved_sipd_document(server: ApiServer, tmp_path: Path) -> None:
    records = sipd_records(12)
    serve(server, records, page_size=4)
    source = HttpSource.wp_sipd(server.url(""), "get_sub_keg_sipd", API_KEY, tahun_anggaran=2026).replace(
        pagination=PageNumber(size=4)
    )
    live = read_http(source, mapping="sipd")
    assert live.complete, live.errors
    saved = tmp_path / "get_sub_keg_sipd.json"
    saved.write_text(json.dumps({"action": "get_sub_keg_sipd", "status": "success", "data": records}), encoding="utf-8")
    from_file = sinkron_sipd.read_sipd(saved)
    assert from_file.complete, from_file.errors
    # Equal but for where the data came from (provenance; the file read also keeps its envelope for writing back).
    assert _without_envelope(live.bundle) == _without_envelope(from_file.bundle)
    assert live.records == 12
    subs = [s for p in live.bundle.plans for s in p.sub_activities()]
    assert len(subs) == 12 and subs[0].indicators[0].target_for(2026) is not None


def test_malformed_sipd_record_is_located_by_page_and_row(server: ApiServer) -> None:
    records = sipd_records(6)
    del records[5]["kode_sub_giat"]
    serve(server, records, page_size=4)
    source = HttpSource.wp_sipd(server.url(""), "get_sub_keg_sipd", API_KEY, tahun_anggaran=2026).replace(
        pagination=PageNumber(size=4)
    )
    result = read_http(source, mapping=SipdMapping())
    assert result.records == 6
    assert result.errors == () and not result.complete  # the record cannot be placed: named by SKN005
    (finding,) = result.findings
    assert finding.rule == "SKN005" and finding.location is not None
    assert finding.location.source == server.url("/wp-admin/admin-ajax.php")
    assert finding.location.row == 6  # the sixth record of the stream …
    assert (finding.location.json_path or "").startswith("$.data[1]")  # … second on page 2
    assert len([s for p in result.bundle.plans for s in p.sub_activities()]) == 5
