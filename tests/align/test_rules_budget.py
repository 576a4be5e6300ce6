"""Rule family 4, budget quality (SKN406–SKN408): each rule fires on a bundle built to break it and stays silent on a consistent one."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from family34_bundles import CITY, DINKES, PROVINCE, bundle, chain, rkpd, run

from sinkron import BudgetLine, Money, Plan, PlanKind, PlanPeriod, Program
from sinkron.align import Severity
from sinkron.align.rules.budget import efficiency_category
from sinkron.errors import SinkronError
from sinkron.spm import default_spm_list, read_spm_list


def line(account: str, component: str, amount: int) -> BudgetLine:
    return BudgetLine(
        account=account, component=component, unit_price=Money(amount), volumes=(1,), amount=Money(amount)
    )


def with_lines(program: Program, lines: list[BudgetLine]) -> Program:
    activity = program.activities[0]
    first = attrs.evolve(activity.sub_activities[0], budget_lines=lines)
    activity = attrs.evolve(activity, sub_activities=[first, *activity.sub_activities[1:]])
    return attrs.evolve(program, activities=[activity])


def dpa(year: int, lines: list[BudgetLine], code: str = "1.02.02.2.02.0001", kind: PlanKind = PlanKind.DPA) -> Plan:
    program = with_lines(chain((code,), years=[year]), lines)
    return Plan(
        id=f"{kind.value}-dinkes-{year}",
        kind=kind,
        title=f"DPA Dinas Kesehatan {year}",
        period=PlanPeriod(start=year, end=year),
        owner_id=DINKES,
        government_id=CITY,
        programs=[program],
    )


def with_rkpd(*plans: Plan, pagu: int, year: int = 2025) -> list[Plan]:
    """The plans and an RKPD of the same government and year whose pagu is ``pagu``."""
    return [*plans, rkpd(chain(years=[year], pagu=pagu), year=year)]


BALANCED = [
    line("5.1.01.01.01.0001", "Gaji Pokok PNS", 200),
    line("5.2.03.01.01.0001", "Pembangunan Gedung Sekolah", 450),
    line("5.1.02.01.01.0024", "Kertas HVS", 50),
    line("5.1.02.04.01.0001", "Perjalanan Dinas Biasa", 50),
]


# -- SKN406 ----------------------------------------------------------------------------------------------
def test_skn406_fires_on_each_share_out_of_bounds() -> None:
    lines = [line("5.1.01.01.01.0001", "Gaji Pokok PNS", 500), line("5.1.02.02.01.0001", "Jasa Kebersihan", 500)]
    findings = run(bundle(*with_rkpd(dpa(2025, lines), pagu=1000)), "SKN406")
    assert sorted(f.evidence.get("max_personnel_share") is not None for f in findings) == [False, False, True]
    personnel = next(f for f in findings if "max_personnel_share" in f.evidence)
    assert personnel.evidence["share"] == Decimal("0.5000") and personnel.subject == CITY
    assert "Kota Palangka Raya 2025" in personnel.message.id and "UU 1/2022 Pasal 146" in personnel.message.id


def test_skn406_silent_when_shares_are_within_bounds() -> None:
    assert run(bundle(*with_rkpd(dpa(2025, BALANCED, code="1.01.02.2.01.0001"), pagu=750)), "SKN406") == []


def test_skn406_infrastructure_leaves_out_transfers_and_takes_the_accounts_option() -> None:
    lines = [
        line("5.2.04.01.01.0001", "Jalan", 400),
        line("5.4.02.05.01.0001", "Bantuan Keuangan Desa", 400),
        line("5.1.02.03.02.0001", "Pemeliharaan Jalan", 200),
    ]
    plans = with_rkpd(dpa(2025, lines, code="1.01.02.2.01.0001"), pagu=1000)
    assert not [f for f in run(bundle(*plans), "SKN406") if "min_infrastructure_share" in f.evidence]
    narrow = run(bundle(*plans), "SKN406", infrastructure_accounts=["5.2.03"])
    assert [f.evidence["share"] for f in narrow if "min_infrastructure_share" in f.evidence] == [Decimal(0)]


def test_skn406_uses_the_dpa_not_the_renja_of_the_same_year() -> None:
    renja = dpa(2025, [line("5.1.01.01.01.0001", "Gaji", 900)], kind=PlanKind.RENJA_PD)
    final = dpa(2025, BALANCED, code="1.01.02.2.01.0001")
    assert run(bundle(*with_rkpd(renja, final, pagu=750)), "SKN406") == []


def test_skn406_does_not_judge_lines_that_do_not_cover_the_rkpd() -> None:
    lines = [line("5.1.01.01.01.0001", "Gaji Pokok PNS", 500), line("5.1.02.02.01.0001", "Jasa Kebersihan", 500)]
    partial = run(bundle(*with_rkpd(dpa(2025, lines), pagu=10_000)), "SKN406")
    assert [(f.severity, f.evidence["shares"]["max_personnel_share"]) for f in partial] == [
        (Severity.INFO, Decimal("0.5000"))
    ]
    assert "tidak dinilai" in partial[0].message.id and "Rp 10.000" in partial[0].message.id
    alone = run(bundle(dpa(2025, lines)), "SKN406")
    assert [(f.severity, f.evidence["rkpd_pagu"]) for f in alone] == [(Severity.INFO, None)]
    assert "Tanpa RKPD Kota Palangka Raya 2025" in alone[0].message.id
    assert [
        f.severity for f in run(bundle(*with_rkpd(dpa(2025, lines), pagu=10_000)), "SKN406", min_coverage="0.1")
    ] == [Severity.WARNING] * 3


def test_without_lines_each_budget_rule_says_once_it_could_not_run() -> None:
    plans = [rkpd(chain(years=[2026])), rkpd(chain(years=[2026]), government=PROVINCE)]
    for rule_id in ("SKN406", "SKN407"):
        findings = run(bundle(*plans), rule_id)
        assert [(f.severity, f.evidence["plans_checked"]) for f in findings] == [(Severity.INFO, [p.id for p in plans])]
        assert "tidak dapat dijalankan" in findings[0].message.id and "could not run" in findings[0].message.en


# -- SKN407 ----------------------------------------------------------------------------------------------
def test_efficiency_categories_by_account_then_words() -> None:
    assert efficiency_category(line("5.1.02.04.01.0001", "Tiket", 1)) == "perjalanan dinas"
    assert efficiency_category(line("5.1.01.03.07.0001", "Honor PPK", 1)) == "honorarium"
    assert efficiency_category(line("5.1.02.02.01.0026", "Acara Peresmian Gedung", 1)) == "seremonial"
    assert efficiency_category(line("5.1.02.02.01.0013", "Jasa Tenaga Kajian", 1)) == "kajian"
    assert efficiency_category(line("5.1.02.01.01.0024", "Kertas HVS", 1)) == "alat tulis kantor"
    assert efficiency_category(line("5.1.02.01.01.0052", "Makanan dan Minuman Rapat", 1)) is None


def test_skn407_fires_when_travel_is_not_halved_and_a_category_grows() -> None:
    before = dpa(2025, [line("5.1.02.04.01.0001", "Perjalanan Dinas", 100), line("5.2.03.01.01.0001", "Gedung", 900)])
    after = dpa(
        2026,
        [
            line("5.1.02.04.01.0001", "Perjalanan Dinas", 80),
            line("5.1.02.02.01.0013", "Kajian Kebijakan", 20),
            line("5.2.03.01.01.0001", "Gedung", 900),
        ],
    )
    findings = run(bundle(before, after), "SKN407")
    assert [(f.severity, f.subject, f.evidence["not_cut"]) for f in findings] == [
        (Severity.WARNING, DINKES, ["perjalanan dinas", "kajian"])
    ]
    assert "Dinas Kesehatan 2026" in findings[0].message.id and "Rp 80 (8%)" in findings[0].message.id


def test_skn407_silent_when_travel_is_halved_and_nothing_grows() -> None:
    before = dpa(2025, [line("5.1.02.04.01.0001", "Perjalanan Dinas", 100), line("5.2.03.01.01.0001", "Gedung", 900)])
    after = dpa(2026, [line("5.1.02.04.01.0001", "Perjalanan Dinas", 50), line("5.2.03.01.01.0001", "Gedung", 950)])
    assert run(bundle(before, after), "SKN407") == []


def test_skn407_gives_the_shares_of_a_single_year_as_info() -> None:
    findings = run(bundle(dpa(2025, BALANCED)), "SKN407")
    assert [f.severity for f in findings] == [Severity.INFO]
    assert "perjalanan dinas Rp 50 (6,7%)" in findings[0].message.id


# -- SKN408 ----------------------------------------------------------------------------------------------
HEALTH_SPM = [s.code for s in default_spm_list() if s.level == "kabkota" and s.field == "kesehatan"]


def test_skn408_lists_the_missing_spm_services_of_a_field_the_rkpd_plans() -> None:
    plan = rkpd(chain(HEALTH_SPM[:10], years=[2026]))
    findings = run(bundle(plan), "SKN408")
    assert [(f.subject, [m["code"] for m in f.evidence["missing"]]) for f in findings] == [(plan.id, HEALTH_SPM[10:])]


def test_skn408_silent_when_every_service_is_funded_and_targeted() -> None:
    assert run(bundle(rkpd(chain(HEALTH_SPM, years=[2026]))), "SKN408") == []


def test_skn408_flags_a_present_service_without_pagu_or_target() -> None:
    unfunded = chain(HEALTH_SPM, years=[2026], pagu=None)
    findings = run(bundle(rkpd(unfunded)), "SKN408")
    assert len(findings) == len(HEALTH_SPM)
    assert {f.evidence["funded"] for f in findings} == {False} and "tidak berpagu" in findings[0].message.id


def test_skn408_scope_all_judges_fields_the_rkpd_does_not_hold() -> None:
    plan = rkpd(chain(HEALTH_SPM, years=[2026]))
    findings = run(bundle(plan), "SKN408", scope="all")
    assert len(findings) == 1 and "pendidikan: 1.01.02.2.03" in findings[0].message.id
    assert set(findings[0].evidence["fields"]) == {
        "pendidikan",
        "pekerjaan_umum",
        "perumahan_rakyat",
        "trantibumlinmas",
        "sosial",
    }


def test_skn408_reads_a_user_spm_list(tmp_path: Path) -> None:
    path = tmp_path / "spm.csv"
    path.write_text(
        "tingkat;bidang;jenis_pelayanan;kode\nkabkota;kesehatan;Ibu hamil;1.02.02.2.02.0001\n"
        "kabkota;kesehatan;Balita (kegiatan);1.02.02.2.02\n",
        encoding="utf-8",
    )
    assert [s.status for s in read_spm_list(path)] == ["sourced", "sourced"]
    plan = rkpd(chain(["1.02.02.2.02.0004"], years=[2026]))
    findings = run(bundle(plan), "SKN408", spm_list=str(path))
    assert [[m["code"] for m in f.evidence["missing"]] for f in findings] == [["1.02.02.2.02.0001"]]


def test_spm_list_rejects_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "spm.csv"
    path.write_text("tingkat,bidang,jenis_pelayanan,kode\nkabkota,air,Air minum,1.03.03.2.01\n", encoding="utf-8")
    with pytest.raises(SinkronError, match="row 2: bidang"):
        read_spm_list(path)


def test_shipped_spm_codes_exist_in_the_shipped_nomenclature() -> None:
    from sinkron.codes import Code
    from sinkron.nomenclature import default_nomenclature

    nomenclature = default_nomenclature()
    kabkota = [s for s in default_spm_list() if s.level == "kabkota"]
    assert len(kabkota) == 26
    unknown = [s.code for s in kabkota if nomenclature.status(Code.parse(s.code), 2025).entry is None]
    assert unknown == []
