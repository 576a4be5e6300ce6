"""The 552 governments shipped with sinkron (``sinkron.regions``) and ``sinkron codes wilayah``."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinkron.cli import main
from sinkron.errors import SinkronError
from sinkron.models import Bundle, GovernmentLevel
from sinkron.regions import UnknownRegion, government, governments, region_label, search_governments

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "wilayah" / "provinsi_kabkota_2025.csv"
SHIPPED = Path(__file__).resolve().parents[1] / "src" / "sinkron" / "regions" / "data" / "provinsi_kabkota_2025.csv"


def test_the_list_holds_38_provinces_416_kabupaten_and_98_kota_with_unique_codes() -> None:
    listed = governments()
    assert Counter(g.level for g in listed) == {
        GovernmentLevel.PROVINCE: 38,
        GovernmentLevel.REGENCY: 416,
        GovernmentLevel.CITY: 98,
    }
    assert len({g.id for g in listed}) == 552
    assert all(g.id == g.region_code for g in listed)


def test_every_kabupaten_kota_sits_in_the_province_its_code_starts_with() -> None:
    provinces = {g.id for g in governments() if g.level is GovernmentLevel.PROVINCE}
    for g in governments():
        if g.level is GovernmentLevel.PROVINCE:
            assert g.parent_id is None and g.name.startswith("Provinsi ")
        else:
            assert g.parent_id in provinces and g.id.startswith(f"{g.parent_id}.")
            assert g.name.startswith("Kota " if g.level is GovernmentLevel.CITY else "Kabupaten ")


def test_the_governments_go_into_a_bundle_as_they_are() -> None:
    bundle = Bundle(governments=list(governments()))
    assert len(bundle.governments) == 552


@pytest.mark.parametrize("code", ["62.71", "6271", " 62.71 "])
def test_a_kab_kota_is_found_by_its_code_in_either_form(code: str) -> None:
    assert government(code).name == "Kota Palangkaraya"


def test_an_unknown_code_is_a_sinkron_lookup_error_with_the_range_of_its_province() -> None:
    with pytest.raises(UnknownRegion, match="Provinsi Kalimantan Tengah has 62.01 to 62.71") as caught:
        government("62.99")
    assert isinstance(caught.value, SinkronError) and isinstance(caught.value, LookupError)
    with pytest.raises(UnknownRegion, match="'99'"):
        government("99")


def test_a_message_label_is_the_name_or_else_the_code_itself() -> None:
    assert region_label("62") == "Provinsi Kalimantan Tengah"
    assert region_label("62.02.01") == "62.02.01"  # a kecamatan is not in the list: nothing hidden


def test_search_tolerates_abbreviations_misspellings_and_prefers_the_level_named() -> None:
    assert [g.id for g in search_governments("Kab. Kotawaringin Timur")] == ["62.02"]
    assert [g.id for g in search_governments("Kotawaringn Timur")] == ["62.02"]
    assert [g.name for g in search_governments("Kota Bogor")][:2] == ["Kota Bogor", "Kabupaten Bogor"]
    assert [g.name for g in search_governments("Bogor", level=GovernmentLevel.REGENCY)] == ["Kabupaten Bogor"]
    assert search_governments("zzzz") == []
    assert len(search_governments("")) == 552


def test_cli_lists_filters_and_exits_1_when_nothing_matches() -> None:
    runner = CliRunner()
    everything = runner.invoke(main, ["codes", "wilayah"])
    assert everything.exit_code == 0 and len(everything.output.splitlines()) == 552
    provinces = runner.invoke(main, ["codes", "wilayah", "--level", "provinsi", "--format", "json"])
    rows = json.loads(provinces.output)
    assert len(rows) == 38 and rows[0] == {"code": "11", "name": "Provinsi Aceh", "level": "provinsi", "province": "11"}
    kalteng = runner.invoke(main, ["codes", "wilayah", "--province", "62"])
    assert kalteng.output.splitlines()[0].split()[0] == "62" and len(kalteng.output.splitlines()) == 15
    none = runner.invoke(main, ["codes", "wilayah", "zzzz"])
    assert none.exit_code == 1 and "no province or kabupaten/kota" in none.output


def test_the_shipped_list_is_the_reference_file_unchanged() -> None:
    if not REFERENCE.exists():
        pytest.skip(f"reference data not available: {REFERENCE.parent} is absent (it sits beside the checkout)")
    assert SHIPPED.read_bytes() == REFERENCE.read_bytes()
