"""Rule family 1 (nomenclature): each rule fires on a bundle built to break it and stays quiet on a clean one."""

from __future__ import annotations

import io

import attrs
import pytest
from rule_bundles import AGENCY, activity, bundle, official, plan, program, run, run_all, sub, tree

from sinkron import Agency, Code, Plan, PlanKind, PlanPeriod, Program, SubActivity
from sinkron.align import Severity
from sinkron.align.index import BundleIndex
from sinkron.align.rules.nomenclature import agency_sectors, lookup_year
from sinkron.nomenclature import (
    PROVINCIAL_VERSION,
    Entry,
    Nomenclature,
    Version,
    default_nomenclature,
    provincial_nomenclature,
    read_change_list,
)

Y2026 = PlanPeriod(start=2026, end=2026)


def _with_changes(csv_rows: str) -> Nomenclature:
    header = "regulation,effective_year,change,code,replacement,nomenklatur,kinerja,indikator,satuan,keterangan\n"
    return default_nomenclature().with_changes(*read_change_list(io.StringIO(header + csv_rows), "changes.csv"))


def test_clean_plan_gives_no_nomenclature_findings() -> None:
    b = bundle(plan([tree(Y2026), tree(Y2026, "1.02.03.2.01.0001")]))
    assert run_all(b, "SKN1") == []


def test_lookup_year_is_the_plan_year_or_the_period_start() -> None:
    assert lookup_year(plan([], start=2026)) == 2026
    assert lookup_year(plan([], kind=PlanKind.RENSTRA_PD, start=2025, end=2029)) == 2025


# -- SKN101 ---------------------------------------------------------------------------------------------
def test_unknown_code_fires_with_code_year_and_a_suggested_code() -> None:
    unknown = sub("1.02.02.2.02.0999", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", period=Y2026)
    b = bundle(plan([program("1.02.02", [activity("1.02.02.2.02", [unknown], period=Y2026)], period=Y2026)]))
    [finding] = run(b, "SKN101")
    assert finding.severity is Severity.ERROR
    assert finding.subject == f"renja_pd-dinkes-2026#{AGENCY}/1.02.02.2.02.0999"
    assert finding.evidence["code"] == "1.02.02.2.02.0999"
    assert finding.evidence["year"] == 2026
    assert finding.evidence["nomenclature"] == "Kepmendagri 900.1.15.5-1317/2023"
    assert finding.evidence["suggestion"]["code"] == "1.02.02.2.02.0001"
    assert "1.02.02.2.02.0999" in finding.message.id and "tidak terdapat" in finding.message.id
    assert finding.fix is not None and "1.02.02.2.02.0001" in finding.fix.id
    assert finding.path.startswith("Renja Dinas Kesehatan 2026 › 1.02 ")


def test_unknown_code_names_the_change_list_in_force_and_strips_a_code_from_the_name() -> None:
    nomenclature = _with_changes("Contoh 1/2025,2026,retired,1.02.02.2.02.0002,,,,,,\n")
    unknown = sub("1.02.02.2.02.0999", "1.02.02.2.02.0999 Pengelolaan Pelayanan Kesehatan Ibu Hamil", period=Y2026)
    b = bundle(plan([program("1.02.02", [activity("1.02.02.2.02", [unknown], period=Y2026)], period=Y2026)]))
    [finding] = run(b, "SKN101", nomenclature=nomenclature)
    assert "Kepmendagri 900.1.15.5-1317/2023 (daftar bawaan sinkron) s.d. perubahan Contoh 1/2025" in finding.message.id
    assert "Kepmendagri 900.1.15.5-1317/2023 (shipped) as amended by Contoh 1/2025" in finding.message.en
    assert "berlaku" not in finding.message.id and "in force" not in finding.message.en  # no years were declared
    assert finding.evidence["nomenclature"] == "Contoh 1/2025"
    assert finding.evidence["suggestion"] == {
        "code": "1.02.02.2.02.0001",
        "name": "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "score": 1.0,
    }


def test_unknown_code_without_a_close_name_has_no_suggestion_and_respects_the_option() -> None:
    unknown = sub("1.02.02.2.02.0999", "Kegiatan yang tidak ada di mana pun", period=Y2026)
    b = bundle(plan([program("1.02.02", [activity("1.02.02.2.02", [unknown], period=Y2026)], period=Y2026)]))
    [finding] = run(b, "SKN101")
    assert "suggestion" not in finding.evidence
    near = sub("1.02.02.2.02.0999", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", period=Y2026)
    b = bundle(plan([program("1.02.02", [activity("1.02.02.2.02", [near], period=Y2026)], period=Y2026)]))
    [finding] = run(b, "SKN101", suggest=False)
    assert "suggestion" not in finding.evidence


def test_unknown_program_and_kegiatan_are_reported_at_their_own_level() -> None:
    b = bundle(plan([program("1.02.09", [], period=Y2026, name="PROGRAM KARANGAN")]))
    [finding] = run(b, "SKN101")
    assert finding.evidence["level"] == "program"
    assert finding.message.en.startswith("The program code 1.02.09")


def test_legacy_code_whose_4_digit_form_is_unknown_is_unknown() -> None:
    b = bundle(plan([tree(Y2026, "1.02.02.2.02.99", name="Layanan Lama")]))
    [finding] = run(b, "SKN101")
    assert finding.evidence["code"] == "1.02.02.2.02.99"


def test_provincial_kegiatan_give_one_info_per_plan_not_errors_without_a_provincial_list() -> None:
    # 1.01.02.1.01 (SMA, variant 1) is provincial: a kab/kota list of one's own does not have it, and
    # sinkron does not mix the shipped provincial list into a catalogue the user chose.
    provincial = activity(
        "1.01.02.1.01",
        [
            sub("1.01.02.1.01.0001", "Pembangunan Unit Sekolah Baru (USB)", period=Y2026),
            sub("1.01.02.1.01.0002", "Penambahan Ruang Kelas Baru", period=Y2026),
        ],
        period=Y2026,
        name="Pengelolaan Pendidikan Sekolah Menengah Atas",
    )
    b = bundle(plan([program("1.01.02", [provincial], period=Y2026)]))
    own_list = default_nomenclature().with_changes()
    findings = run(b, "SKN101", nomenclature=own_list)
    assert [f.severity for f in findings] == [Severity.INFO]
    [info] = findings
    assert info.subject == "renja_pd-dinkes-2026"
    assert info.evidence["items"] == 3
    assert info.evidence["codes"] == ["1.01.02.1.01", "1.01.02.1.01.0001", "1.01.02.1.01.0002"]
    assert info.evidence["scope"] == "kabupaten/kota"
    assert "provinsi" in info.message.id
    # the rest of family 1 stays quiet about them too (no name or retirement errors); SKN107 says that
    # provincial codes do not belong in this kota's plan, which needs no list
    assert [f.rule for f in run_all(b, "SKN1", nomenclature=own_list) if f.rule != "SKN107"] == ["SKN101"]


def test_provincial_kegiatan_are_still_checked_at_the_program_part() -> None:
    misplaced = activity("1.01.99.1.01", [], period=Y2026, name="Kegiatan Provinsi")
    b = bundle(plan([program("1.01.02", [misplaced], period=Y2026)]))
    findings = run(b, "SKN101", nomenclature=default_nomenclature().with_changes())
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert [f.evidence["program"] for f in errors] == ["1.01.99"]
    assert [f.severity for f in findings if f.severity is Severity.INFO] == [Severity.INFO]


def test_provincial_codes_are_checked_fully_when_a_provincial_list_is_loaded() -> None:
    version = Version(id="prov", regulation="Contoh Lampiran Provinsi", effective_year=2024, scope="provinsi")
    rows = [
        ("1", "URUSAN"),
        ("1.01", "PENDIDIKAN"),
        ("1.01.02", "PROGRAM PENGELOLAAN PENDIDIKAN"),
        ("1.01.02.1.01", "Pengelolaan Pendidikan Sekolah Menengah Atas"),
        ("1.01.02.1.01.0001", "Pembangunan Unit Sekolah Baru (USB)"),
    ]
    nomenclature = Nomenclature(version, [Entry(code=Code.parse(c), name=n) for c, n in rows])
    known = sub("1.01.02.1.01.0001", "Pembangunan Unit Sekolah Baru (USB)", period=Y2026)
    unknown = sub("1.01.02.1.01.0002", "Penambahan Ruang Kelas Baru", period=Y2026)
    kegiatan = activity(
        "1.01.02.1.01", [known, unknown], period=Y2026, name="Pengelolaan Pendidikan Sekolah Menengah Atas"
    )
    b = bundle(plan([program("1.01.02", [kegiatan], period=Y2026)]))
    findings = run(b, "SKN101", nomenclature=nomenclature)
    assert [(f.severity, f.evidence["code"]) for f in findings] == [(Severity.ERROR, "1.01.02.1.01.0002")]
    assert findings[0].evidence["nomenclature"] == "Contoh Lampiran Provinsi"


# -- SKN102 ---------------------------------------------------------------------------------------------
def test_retired_code_fires_in_the_plan_year_with_its_replacement() -> None:
    nomenclature = _with_changes(
        "Contoh 1/2025,2026,moved,1.02.02.2.02.0001,1.02.02.2.02.0099,,,,,\n"
        "Contoh 1/2025,2026,retired,1.02.02.2.02.0002,,,,,,\n"
    )
    subs = [sub("1.02.02.2.02.0001", period=Y2026), sub("1.02.02.2.02.0002", period=Y2026, indicators=[])]
    b = bundle(plan([program("1.02.02", [activity("1.02.02.2.02", subs, period=Y2026)], period=Y2026)]))
    moved, deleted = run(b, "SKN102", nomenclature=nomenclature)
    assert moved.severity is Severity.ERROR
    assert moved.evidence["code"] == "1.02.02.2.02.0001"
    assert moved.evidence["replacement"] == "1.02.02.2.02.0099"
    assert moved.evidence["replacement_name"] == official("1.02.02.2.02.0001")
    assert moved.evidence["changed_by"] == "Contoh 1/2025"
    assert moved.evidence["effective_year"] == 2026
    assert moved.fix is not None and "1.02.02.2.02.0099" in moved.fix.id
    assert deleted.evidence["replacement"] is None
    assert deleted.fix is not None and "tanpa pengganti" in deleted.fix.id
    # a retired code is not also "unknown"
    assert run(b, "SKN101", nomenclature=nomenclature) == []


def test_retired_code_does_not_fire_before_the_change_applies() -> None:
    nomenclature = _with_changes("Contoh 1/2025,2026,moved,1.02.02.2.02.0001,1.02.02.2.02.0099,,,,,\n")
    p2025 = PlanPeriod(start=2025, end=2025)
    b = bundle(plan([tree(p2025)], start=2025))
    assert run(b, "SKN102", nomenclature=nomenclature) == []


def test_code_added_later_is_not_yet_valid_for_a_medium_term_plan_starting_earlier() -> None:
    nomenclature = _with_changes(
        "Contoh 2/2026,2027,added,1.02.02.2.02.0099,,Pengelolaan Layanan Baru,Terkelolanya Layanan,Jumlah Orang,Orang,\n"
    )
    period = PlanPeriod(start=2025, end=2029)
    new = sub("1.02.02.2.02.0099", "Pengelolaan Layanan Baru", period=period)
    renstra = plan(
        [program("1.02.02", [activity("1.02.02.2.02", [new], period=period)], period=period)],
        kind=PlanKind.RENSTRA_PD,
        start=2025,
        end=2029,
    )
    [finding] = run(bundle(renstra), "SKN102", nomenclature=nomenclature)
    assert finding.evidence["state"] == "not_yet"
    assert finding.evidence["valid_from"] == 2027
    assert finding.evidence["year"] == 2025  # medium-term plans are checked against the period start
    p2027 = PlanPeriod(start=2027, end=2027)
    new_2027 = sub("1.02.02.2.02.0099", "Pengelolaan Layanan Baru", period=p2027)
    renja = plan([program("1.02.02", [activity("1.02.02.2.02", [new_2027], period=p2027)], period=p2027)], start=2027)
    assert run(bundle(renja), "SKN102", nomenclature=nomenclature) == []


# -- SKN103 ---------------------------------------------------------------------------------------------
def test_legacy_code_fires_with_the_4_digit_replacement() -> None:
    b = bundle(plan([tree(Y2026, "1.02.02.2.02.01")]))
    [finding] = run(b, "SKN103")
    assert finding.severity is Severity.WARNING
    assert finding.evidence == {
        "code": "1.02.02.2.02.01",
        "replacement": "1.02.02.2.02.0001",
        "year": 2026,
        "replacement_state": "active",
    }
    assert finding.fix is not None and "1.02.02.2.02.0001" in finding.fix.id
    assert run(b, "SKN101") == []  # its 4-digit form exists


def test_legacy_code_does_not_fire_on_4_digit_codes() -> None:
    assert run(bundle(plan([tree(Y2026)])), "SKN103") == []


# -- SKN104 ---------------------------------------------------------------------------------------------
def test_name_mismatch_fires_with_the_official_name() -> None:
    b = bundle(plan([tree(Y2026, name="Pembangunan Jalan Desa")]))
    [finding] = run(b, "SKN104")
    assert finding.severity is Severity.WARNING
    assert finding.evidence["name"] == "Pembangunan Jalan Desa"
    assert finding.evidence["official_name"] == "Pengelolaan Pelayanan Kesehatan Ibu Hamil"
    assert finding.evidence["similarity"] < 0.9
    assert finding.fix is not None and "Pengelolaan Pelayanan Kesehatan Ibu Hamil" in finding.fix.id


@pytest.mark.parametrize(
    "name",
    [
        "PENGELOLAAN  pelayanan kesehatan\nibu hamil",  # case, spacing, a PDF line break
        "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil",  # SIPD nama_sub_giat with the code
        "Pengelolaan Pelayanan Kesehatan Ibu Hamill",  # a typo
    ],
)
def test_name_mismatch_tolerates_variants(name: str) -> None:
    assert run(bundle(plan([tree(Y2026, name=name)])), "SKN104") == []


def test_name_mismatch_threshold_is_an_option() -> None:
    b = bundle(plan([tree(Y2026, name="Pelayanan Kesehatan Ibu Hamil")]))  # similarity ≈ 0.83
    assert len(run(b, "SKN104")) == 1
    assert run(b, "SKN104", threshold=80) == []


def test_name_mismatch_checks_programs_and_penunjang_through_the_generic_row() -> None:
    period = Y2026
    penunjang = program(
        "1.02.01",
        [activity("1.02.01.2.01", [sub("1.02.01.2.01.0001", period=period)], period=period)],
        period=period,
        name="PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI",  # tolerated: region qualifier
    )
    renamed = program("1.02.02", [], period=period, name="PROGRAM KESEHATAN GRATIS")
    findings = run(bundle(plan([penunjang, renamed])), "SKN104")
    assert [f.evidence["code"] for f in findings] == ["1.02.02"]


# -- SKN105 ---------------------------------------------------------------------------------------------
def test_wrong_parent_fires_for_kegiatan_and_sub_kegiatan() -> None:
    period = Y2026
    wrong_sub = sub("1.02.02.2.02.0001", period=period)
    right_sub = sub("1.02.02.2.01.0001", period=period)
    kegiatan = activity("1.02.02.2.01", [right_sub, wrong_sub], period=period)
    stray = activity("1.02.03.2.01", [sub("1.02.03.2.01.0001", period=period)], period=period)
    b = bundle(plan([program("1.02.02", [kegiatan, stray], period=period), program("1.02.03", [], period=period)]))
    findings = sorted(run(b, "SKN105"), key=lambda f: f.evidence["code"])
    assert [(f.evidence["code"], f.evidence["parent"], f.evidence["expected_parent"]) for f in findings] == [
        ("1.02.02.2.02.0001", "1.02.02.2.01", "1.02.02.2.02"),
        ("1.02.03.2.01", "1.02.02", "1.02.03"),
    ]
    assert all(f.severity is Severity.ERROR for f in findings)
    sub_finding, kegiatan_finding = findings
    assert sub_finding.evidence["expected_parent_in_plan"] is False
    assert sub_finding.evidence["expected_parent_name"] == official("1.02.02.2.02")
    assert kegiatan_finding.evidence["expected_parent_in_plan"] is True
    assert kegiatan_finding.fix is not None and "sudah ada di dokumen ini" in kegiatan_finding.fix.id
    assert kegiatan_finding.message.id.startswith("Kegiatan 1.02.03.2.01 berada di bawah program 1.02.02")


def test_wrong_parent_is_quiet_for_right_parents_and_generic_penunjang() -> None:
    period = Y2026
    generic_sub = sub("X.XX.01.2.01.0001", period=period)
    penunjang = program("1.02.01", [activity("1.02.01.2.01", [generic_sub], period=period)], period=period)
    assert run(bundle(plan([tree(period), penunjang])), "SKN105") == []


# -- SKN106 ---------------------------------------------------------------------------------------------
def _penunjang(sector: str, period: PlanPeriod = Y2026) -> Program:
    return program(
        f"{sector}.01",
        [activity(f"{sector}.01.2.01", [sub(f"{sector}.01.2.01.0001", period=period)], period=period)],
        period=period,
    )


def test_penunjang_of_another_bidang_fires_once_at_the_program() -> None:
    b = bundle(plan([_penunjang("1.03")]))
    [finding] = run(b, "SKN106")
    assert finding.severity is Severity.WARNING
    assert finding.evidence["code"] == "1.03.01"
    assert finding.evidence["agency_sectors"] == ["1.02"]
    assert finding.evidence["replacement"] == ["1.02.01"]
    assert finding.fix is not None and "1.02.01" in finding.fix.id
    assert run_all(b, "SKN101", "SKN104", "SKN105") == []  # the code itself is valid


def test_penunjang_of_the_agency_bidang_is_fine() -> None:
    assert run(bundle(plan([_penunjang("1.02"), tree(Y2026)])), "SKN106") == []


def test_penunjang_bidang_is_read_from_the_skpd_code_when_the_agency_lists_none() -> None:
    agency = Agency(code=AGENCY, name="Dinas Kesehatan", government_id="62.71")  # no sectors listed
    b = bundle(plan([_penunjang("1.03")]), agencies=[agency])
    [finding] = run(b, "SKN106")
    assert finding.evidence["agency_sectors"] == ["1.02"]
    no_agency = bundle(plan([_penunjang("1.03")]), agencies=[])
    assert len(run(no_agency, "SKN106")) == 1  # still read from the item's agency_id


def test_agency_sectors_reads_up_to_three_bidang_pairs() -> None:
    index = BundleIndex(bundle(plan([]), agencies=[]))
    assert [str(s) for s in agency_sectors(index, "2.18.3.31.0.00.01.0000")] == ["2.18", "3.31"]
    assert agency_sectors(index, "62.71") == ()
    assert agency_sectors(index, None) == ()


def test_generic_codes_left_in_a_plan_fire_once_at_the_top_generic_item() -> None:
    period = Y2026
    generic = program(
        "X.XX.01",
        [
            activity(
                "X.XX.01.2.01",
                [sub("X.XX.01.2.01.0001", period=period), sub("X.XX.01.2.01.0002", period=period)],
                period=period,
            )
        ],
        period=period,
    )
    b = bundle(plan([generic]))
    [finding] = run(b, "SKN106")
    assert finding.subject == f"renja_pd-dinkes-2026#{AGENCY}/X.XX.01"
    assert finding.evidence["generic_items_below"] == 3
    assert finding.evidence["replacement"] == ["1.02.01"]
    assert finding.fix is not None and "1.02.01" in finding.fix.id
    assert run(b, "SKN101") == []  # generic codes are listed, so they are not unknown


def test_generic_sub_kegiatan_under_a_concrete_kegiatan_fires_at_itself() -> None:
    period = Y2026
    mixed = program(
        "1.02.01", [activity("1.02.01.2.01", [sub("X.XX.01.2.01.0001", period=period)], period=period)], period=period
    )
    agency = Agency(code=AGENCY, name="Dinas Kesehatan", sectors=[Code.parse("1.02"), Code.parse("2.14")])
    [finding] = run(bundle(plan([mixed]), agencies=[agency]), "SKN106")
    assert finding.evidence["code"] == "X.XX.01.2.01.0001"
    assert finding.evidence["generic_items_below"] == 0
    assert finding.evidence["replacement"] == ["1.02.01.2.01.0001", "2.14.01.2.01.0001"]


def test_items_without_a_known_agency_do_not_fire_penunjang_bidang() -> None:
    period = Y2026
    kegiatan = activity(
        "1.03.01.2.01", [sub("1.03.01.2.01.0001", period=period, agency_id=None)], period=period, agency_id=None
    )
    rkpd = attrs.evolve(
        plan([program("1.03.01", [kegiatan], period=period, agency_id=None)], kind=PlanKind.RKPD), owner_id="62.71"
    )
    assert run(bundle(rkpd, agencies=[]), "SKN106") == []


# -- provincial plans and SKN107 kewenangan ---------------------------------------------------------------
PROVINCE = "62"


def _in_province(p: Plan) -> Plan:
    return attrs.evolve(p, government_id=PROVINCE)


def _sma(*subs: SubActivity) -> Program:
    kegiatan = activity(
        "1.01.02.1.01",
        list(subs) or [sub("1.01.02.1.01.0001", "Pembangunan USB (Unit Sekolah Baru)", period=Y2026)],
        period=Y2026,
        name="Pengelolaan Pendidikan Sekolah Menengah Atas",
    )
    return program("1.01.02", [kegiatan], period=Y2026, name="PROGRAM PENGELOLAAN PENDIDIKAN")


def test_a_provincial_plan_is_checked_to_sub_kegiatan_against_the_shipped_provincial_list() -> None:
    unknown = sub("1.01.02.1.01.0999", "Pembangunan USB (Unit Sekolah Baru)", period=Y2026)
    renamed = sub("1.01.02.1.01.0003", "Kegiatan dengan nama lain sama sekali", period=Y2026)
    b = bundle(_in_province(plan([_sma(unknown, renamed)])))
    [error] = run(b, "SKN101")
    assert error.severity is Severity.ERROR
    assert error.evidence["code"] == "1.01.02.1.01.0999"
    assert error.evidence["nomenclature"] == PROVINCIAL_VERSION.regulation
    assert error.evidence["suggestion"]["code"] == "1.01.02.1.01.0001"
    [mismatch] = run(b, "SKN104")
    assert mismatch.evidence["code"] == "1.01.02.1.01.0003"
    assert mismatch.evidence["official_name"] == provincial_nomenclature().lookup("1.01.02.1.01.0003").name


def test_a_consistent_provincial_plan_gives_no_family_1_findings() -> None:
    assert run_all(bundle(_in_province(plan([_sma()]))), "SKN1") == []


def test_the_provincial_list_names_the_penunjang_program_of_a_province() -> None:
    # Program codes are looked up in the list of the plan's level: a province's penunjang program is "… PROVINSI".
    penunjang = program("1.02.01", [], period=Y2026, name="PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI")
    assert run_all(bundle(_in_province(plan([penunjang]))), "SKN104") == []


def test_kewenangan_fires_on_a_kota_plan_with_a_provincial_kegiatan() -> None:
    b = bundle(plan([_sma(), tree(Y2026)]))
    [finding] = run(b, "SKN107")
    assert finding.severity is Severity.ERROR
    assert finding.subject == f"renja_pd-dinkes-2026#{AGENCY}/1.01.02.1.01"
    assert finding.evidence["code_government_level"] == "provinsi"
    assert finding.evidence["plan_government_level"] == "kabupaten/kota"
    assert finding.evidence["sub_activities"] == 1
    assert "kewenangan pemerintah provinsi" in finding.message.id and "Kota Palangka Raya" in finding.message.id
    assert "a provincial authority" in finding.message.en
    assert "UU 23/2014" in finding.message.id


def test_kewenangan_fires_on_a_province_with_a_kabkota_kegiatan() -> None:
    b = bundle(_in_province(plan([_sma(), tree(Y2026)])))
    [finding] = run(b, "SKN107")
    assert finding.evidence["code"] == "1.02.02.2.02"
    assert finding.evidence["code_government_level"] == "kabupaten/kota"
    assert "Provinsi Kalimantan Tengah" in finding.message.id
    assert finding.fix is not None and "varian digit 1" in finding.fix.id


def test_kewenangan_reports_a_sub_kegiatan_alone_only_when_its_kegiatan_is_of_the_plans_level() -> None:
    stray = sub("1.02.02.1.01.0001", "Sub kegiatan provinsi", period=Y2026)
    kegiatan = activity("1.02.02.2.02", [sub("1.02.02.2.02.0001", period=Y2026), stray], period=Y2026)
    b = bundle(plan([program("1.02.02", [kegiatan], period=Y2026)]))
    assert [f.evidence["code"] for f in run(b, "SKN107")] == ["1.02.02.1.01.0001"]


def test_kewenangan_is_silent_on_penunjang_unsur_and_plans_of_unknown_government() -> None:
    # a kab/kota penunjang kegiatan in a province, an unsur code (urusan 4–9): exempt
    penunjang = tree(Y2026, "1.02.01.2.01.0001")
    unsur = program("4.01.02", [activity("4.01.02.2.01", [], period=Y2026, name="Unsur")], period=Y2026, name="Unsur")
    assert run(bundle(_in_province(plan([penunjang, unsur]))), "SKN107") == []
    # no government at all: not judged
    anonymous = attrs.evolve(plan([_sma()]), government_id=None, owner_id=None)
    assert run(bundle(anonymous), "SKN107") == []


def test_kewenangan_reads_the_level_from_the_kode_wilayah_when_the_bundle_has_no_government() -> None:
    b = bundle(attrs.evolve(plan([_sma()]), government_id="63"), agencies=[])
    b = attrs.evolve(b, governments=())
    assert run(b, "SKN107") == []
    b = attrs.evolve(b, plans=(attrs.evolve(b.plans[0], government_id="63.71"),))
    assert [f.evidence["plan_government_level"] for f in run(b, "SKN107")] == ["kabupaten/kota"]


def test_a_plan_written_wholly_in_the_other_levels_codes_gets_one_finding_at_the_plan() -> None:
    kegiatan = [activity("1.02.02.2.01", [], period=Y2026), activity("1.02.02.2.02", [], period=Y2026)]
    health = program("1.02.02", kegiatan, period=Y2026)
    b = bundle(_in_province(plan([health, tree(Y2026, "1.02.01.2.01.0001")])))
    [finding] = run(b, "SKN107")
    assert finding.subject == "renja_pd-dinkes-2026"
    assert finding.evidence["kegiatan"] == 2
    assert finding.evidence["codes"] == ["1.02.02.2.01", "1.02.02.2.02"]
    assert finding.message.id.startswith("Seluruh 2 kegiatan dokumen ini memakai kode varian kabupaten/kota")
    assert finding.fix is not None and "Provinsi Kalimantan Tengah" in finding.fix.id
