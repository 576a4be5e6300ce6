"""The monitoring layouts: the DPA anggaran kas (``anggaran-kas``) and an e-Monev quarterly sheet (``emonev``).

The samples of docs/examples/data are written into a temporary folder by their generator; each row is
accounted for, the amounts land on the sub kegiatan of the plan they are checked with, by code, and a code
no plan holds is a source finding.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]

import sinkron
from sinkron import ReportingPeriod, check
from sinkron.models import BudgetKind, Bundle, SubActivity
from sinkron.monitoring import attach_monitoring, is_monitoring_data

DATA = Path(__file__).resolve().parents[3] / "docs" / "examples" / "data"
AS_OF = dt.date(2026, 9, 30)


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", DATA / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("samples")
    make = generator()
    return {
        name: make.SAMPLES[name](folder / name)
        for name in ("renja-dinkes-2026.xlsx", "anggaran-kas-dinkes-2026.xlsx", "emonev-dinkes-2026.xlsx")
    }


def subs(bundle: Bundle) -> dict[str, SubActivity]:
    return {str(s.code): s for p in bundle.plans for s in p.sub_activities()}


def test_the_anggaran_kas_reads_twelve_months_per_sub_kegiatan(samples: dict[str, Path]) -> None:
    result = sinkron.read_result(samples["anggaran-kas-dinkes-2026.xlsx"])
    assert result.errors == () and result.complete
    (plan,) = result.bundle.plans
    assert is_monitoring_data(plan) and plan.year == 2026
    read = subs(result.bundle)
    expected = {code: (pagu, months) for (code, _), pagu, months in generator().MONTHLY_CASH}
    assert set(read) == set(expected)  # every row of the sheet is a sub kegiatan
    for code, sub in read.items():
        pagu, months = expected[code]
        assert [r.period for r in sub.cash_plan] == [ReportingPeriod.month(m) for m in range(1, 13)]
        assert [r.amount.amount for r in sub.cash_plan] == [Decimal(m) for m in months]
        assert sub.budget_for(2026) is not None and sub.budget_for(2026).amount == pagu  # type: ignore[union-attr]
        assert sub.spending == ()


def test_the_emonev_sheet_reads_the_quarters_reported_and_the_physical_progress(samples: dict[str, Path]) -> None:
    result = sinkron.read_result(samples["emonev-dinkes-2026.xlsx"])
    assert result.errors == () and result.complete
    read = subs(result.bundle)
    expected = generator().QUARTERLY_SPENT
    assert set(read) == set(expected)
    for code, (quarters, physical) in expected.items():
        sub = read[code]
        reported = [(q, Decimal(a)) for q, a in zip(("q1", "q2", "q3", "q4"), quarters, strict=True) if a is not None]
        assert [(r.period.value, r.amount.amount) for r in sub.spending] == reported  # TW IV empty: no record
        assert Decimal(sub.extra["physical_progress_percent"]) == Decimal(str(physical))
        assert sub.cash_plan == ()


def test_checked_with_the_renja_the_amounts_go_onto_its_sub_kegiatan(samples: dict[str, Path]) -> None:
    bundles = [sinkron.read(samples[name]) for name in samples]
    merged = bundles[0].merge(*bundles[1:])
    attached = attach_monitoring(merged)
    assert [p.id for p in attached.plans] == [bundles[0].plans[0].id]  # the monitoring sheets are absorbed
    on_renja = subs(attached)
    ibu_hamil = on_renja["1.02.02.2.02.0001"]
    assert len(ibu_hamil.cash_plan) == 12 and len(ibu_hamil.spending) == 3
    # The DPA pagu joins the Renja's pagu indikatif, and budget_for prefers it.
    assert {b.kind for b in ibu_hamil.budgets} == {BudgetKind.INDICATIVE, BudgetKind.CEILING}
    assert ibu_hamil.budget_for(2026) == sinkron.Money(296_200_000)
    (unmatched,) = [f for f in attached.source_findings if f.rule == "SKN015"]
    assert unmatched.subject == "1.02.02.2.02.0015" and unmatched.location is not None
    assert unmatched.location.row == 9  # the gizi masyarakat row of the anggaran kas

    report = check(merged, ["SKN015", "SKN606", "SKN607"], as_of=AS_OF)
    by_rule = {(f.rule, f.evidence.get("level")): f for f in report.findings}
    assert set(by_rule) == {("SKN015", None), ("SKN606", "sub_activity"), ("SKN606", "agency"), ("SKN607", None)}
    behind = by_rule[("SKN606", "sub_activity")]
    assert behind.subject.endswith("1.02.02.2.02.0001")
    assert behind.evidence["gap"] == Decimal(86_400_000)
    assert by_rule[("SKN607", None)].evidence["q4_share_percent"] == Decimal("43.27")


def test_without_a_plan_the_realisation_goes_onto_the_anggaran_kas(samples: dict[str, Path]) -> None:
    cash = sinkron.read(samples["anggaran-kas-dinkes-2026.xlsx"])
    spent = sinkron.read(samples["emonev-dinkes-2026.xlsx"])
    attached = attach_monitoring(cash.merge(spent))
    assert [p.id for p in attached.plans] == [cash.plans[0].id]
    assert attached.source_findings == cash.source_findings + spent.source_findings  # every code matched
    assert len(subs(attached)["1.02.02.2.02.0001"].spending) == 3
    report = check(cash.merge(spent), ["SKN606"], as_of=AS_OF)
    assert {f.evidence["level"] for f in report.findings} == {"sub_activity", "agency"}


def test_a_quarterly_anggaran_kas_reads_with_a_mapping_extending_the_layout(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "RAK"
    for row in (
        ["ANGGARAN KAS TAHUN 2026"],
        ["KODE SUB KEGIATAN", "NAMA SUB KEGIATAN", "PAGU DPA", "TW I", "TW II", "TW III", "TW IV"],
        ["1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", 400_000_000, 100_000_000, 100_000_000,
         100_000_000, 100_000_000],
    ):  # fmt: skip
        sheet.append(row)
    path = tmp_path / "rak-triwulan.xlsx"
    workbook.save(path)
    mapping = {"extends": "anggaran-kas", "required": ["code", "name", "cash.q1"]}
    result = sinkron.read_result(path, mapping=mapping)
    assert result.errors == ()
    (sub,) = subs(result.bundle).values()
    assert [r.period.value for r in sub.cash_plan] == ["q1", "q2", "q3", "q4"]
    assert sum(r.amount.amount for r in sub.cash_plan) == Decimal(400_000_000)


def test_an_unreadable_amount_is_named_and_the_row_kept(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    header = ["KODE SUB KEGIATAN", "NAMA SUB KEGIATAN", "PAGU DPA", *generator().MONTHS]
    sheet.append(["ANGGARAN KAS TAHUN 2026"])
    sheet.append(header)
    sheet.append(["1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", 120, "sepuluh", *[10] * 11])
    path = tmp_path / "rak.xlsx"
    workbook.save(path)
    result = sinkron.read_result(path)
    (sub,) = subs(result.bundle).values()
    assert len(sub.cash_plan) == 11  # January cannot be read
    assert [(f.rule, f.location.column if f.location else None) for f in result.findings if f.rule == "SKN008"] == [
        ("SKN008", "D")
    ]
