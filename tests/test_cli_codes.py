from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from sinkron.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_lookup_json_gives_kinerja_indikator_satuan() -> None:
    code, out, _ = run("codes", "lookup", "1.02.02.2.02.0001", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["name"] == "Pengelolaan Pelayanan Kesehatan Ibu Hamil"
    assert data["satuan"] == "Orang"
    assert data["kinerja"].startswith("Terkelolanya")
    assert data["indikator"].startswith("Jumlah Ibu Hamil")
    assert [p["code"] for p in data["parents"]] == ["1", "1.02", "1.02.02", "1.02.02.2.02"]
    assert data["status"] == "active"


def test_lookup_of_a_provincial_code_answers_from_the_provincial_list() -> None:
    code, out, _ = run("codes", "lookup", "1.01.02.1.01.0001", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["name"] == "Pembangunan USB (Unit Sekolah Baru)"
    assert data["version"]["scope"] == "provinsi"
    assert data["parents"][-1]["name"] == "Pengelolaan Pendidikan Sekolah Menengah Atas"


def test_lookup_text() -> None:
    code, out, _ = run("codes", "lookup", "1.03.01.2.01.0001")
    assert code == 0
    assert "Penyusunan Dokumen Perencanaan Perangkat Daerah" in out
    assert "satuan" in out and "Dokumen" in out


def test_unknown_code_exits_nonzero_naming_the_code() -> None:
    code, out, err = run("codes", "lookup", "1.02.02.2.02.0999")
    assert code == 1
    assert "1.02.02.2.02.0999" in err and "not in" in err


def test_invalid_code_is_a_usage_error_with_the_reason() -> None:
    code, _, err = run("codes", "lookup", "1.02.02.2")
    assert code == 2
    assert "four is incomplete" in err


def test_legacy_code_names_its_replacement() -> None:
    code, out, err = run("codes", "lookup", "7.01.02.2.01.01", "--year", "2024")
    assert code == 1
    assert "7.01.02.2.01.0001" in err


def test_search() -> None:
    code, out, _ = run("codes", "search", "pengadaan", "mebeluer", "sekolah", "--limit", "2", "--format", "json")
    assert code == 0
    hits = json.loads(out)
    assert hits[0]["name"] == "Pengadaan Mebel Sekolah" and len(hits) == 2


def test_change_file_option(tmp_path) -> None:  # type: ignore[no-untyped-def]
    changes = tmp_path / "c.csv"
    changes.write_text(
        "regulation,effective_year,change,code,replacement\nX 1/2026,2027,retired,1.02.02.2.02.0001,1.02.02.2.02.0002\n"
    )
    code, out, err = run("codes", "lookup", "1.02.02.2.02.0001", "--year", "2027", "--changes", str(changes))
    assert code == 1 and "use 1.02.02.2.02.0002" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("regulation,effective_year,change,code\nX,20x,retired,1.02.02.2.02.0001\n")
    code, _, err = run("codes", "lookup", "1.02.02.2.02.0001", "--changes", str(bad))
    assert code == 2 and "row 2" in err and "effective_year" in err


def test_import_is_lazy_about_the_nomenclature() -> None:
    """Importing sinkron must not load the 4,367-row list (that happens on first use)."""
    script = (
        "import sinkron, sinkron.nomenclature as n; "
        "assert n.default_nomenclature.cache_info().currsize == 0; print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.stdout.strip() == "ok", result.stderr
