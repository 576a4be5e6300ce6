"""``sinkron diff OLD NEW`` on real files: every output format, exit codes, unreadable sources."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinkron import write
from sinkron.cli import main
from sinkron.codes import Code
from sinkron.models import Activity, Budget, Bundle, Money, Plan, PlanKind, PlanPeriod, Program, SubActivity

DINKES = "1.02.0.00.0.00.01.0000"


def rkpd(year: int, subs: dict[str, int]) -> Bundle:
    """An RKPD of one year whose sub kegiatan (code → pagu) sit under 1.02.02.2.02."""
    items = [
        SubActivity(
            code=Code.parse(code),
            name=f"Sub kegiatan {code[-4:]}",
            agency_id=DINKES,
            budgets=[Budget(year=year, amount=Money(pagu))],
        )
        for code, pagu in subs.items()
    ]
    activity = Activity(code=Code.parse("1.02.02.2.02"), name="Kegiatan", agency_id=DINKES, sub_activities=items)
    program = Program(code=Code.parse("1.02.02"), name="Program", agency_id=DINKES, activities=[activity])
    plan = Plan(
        id=f"rkpd-{year}",
        kind=PlanKind.RKPD,
        title=f"RKPD Kalteng {year}",
        period=PlanPeriod(start=year, end=year),
        owner_id="62",
        government_id="62",
        programs=[program],
    )
    return Bundle(plans=[plan])


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    old = write(rkpd(2025, {"1.02.02.2.02.0001": 1_000_000, "1.02.02.2.02.0002": 500_000}), tmp_path / "rkpd-2025.json")
    new = write(rkpd(2026, {"1.02.02.2.02.0001": 1_200_000, "1.02.02.2.02.0003": 300_000}), tmp_path / "rkpd-2026.json")
    return str(old), str(new)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_text_output(files: tuple[str, str]) -> None:
    code, out, _ = run("diff", *files, "--lang", "en")
    assert code == 0
    assert (
        out.splitlines()[0]
        == "RKPD Kalteng 2025 (rkpd-2025) → RKPD Kalteng 2026 (rkpd-2026)  [year to year, 2025→2026]"
    )
    assert "  pagu 2025→2026: Rp 1.500.000 → Rp 1.500.000 (±Rp 0)" in out
    assert "  + added       sub kegiatan 1.02.02.2.02.0003 Sub kegiatan 0003" in out
    assert "  - removed     sub kegiatan 1.02.02.2.02.0002 Sub kegiatan 0002" in out
    assert "2025→2026: Rp 1.000.000 → Rp 1.200.000 (+Rp 200.000)" in out


def test_text_and_markdown_are_in_indonesian_by_default_like_check(files: tuple[str, str]) -> None:
    code, out, _ = run("diff", *files)
    assert code == 0
    assert out.splitlines()[0].endswith("[antartahun, 2025→2026]")
    assert "  perubahan: 1 ditambah, 1 dihapus, 0 kode diganti, 0 target diubah, 1 pagu diubah" in out
    assert "  + ditambah       sub kegiatan 1.02.02.2.02.0003 Sub kegiatan 0003" in out
    code, markdown, _ = run("diff", *files, "--format", "md")
    assert markdown.startswith("# Perbandingan rencana\n")
    assert "| dihapus | sub kegiatan | 1.02.02.2.02.0002 | Sub kegiatan 0002 | |" in markdown
    assert run("diff", files[0], files[0], "--lang", "id")[1].rstrip().endswith("tidak ada perubahan")


def test_json_output_is_the_documented_form(files: tuple[str, str]) -> None:
    code, out, _ = run("diff", *files, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] == 1
    assert data["summary"] == {
        "plans": 1,
        "plans_added": 0,
        "plans_removed": 0,
        "added": 1,
        "removed": 1,
        "recoded": 0,
        "retargeted": 0,
        "rebudgeted": 1,
    }
    assert data["plans"][0]["mode"] == "years"


def test_markdown_output(files: tuple[str, str]) -> None:
    code, out, _ = run("diff", *files, "--format", "md", "--lang", "en")
    assert code == 0
    assert out.startswith("# Plan diff\n\n## RKPD Kalteng 2025 (rkpd-2025) → RKPD Kalteng 2026 (rkpd-2026)\n")
    assert "| removed | sub kegiatan | 1.02.02.2.02.0002 | Sub kegiatan 0002 | |" in out


def test_exit_code_flag(files: tuple[str, str]) -> None:
    old, new = files
    assert run("diff", old, new, "--exit-code")[0] == 1
    code, out, _ = run("diff", old, old, "--exit-code", "--lang", "en")
    assert code == 0 and out.rstrip().endswith("no changes")


def test_unreadable_sources_exit_2_with_the_location(files: tuple[str, str], tmp_path: Path) -> None:
    old, _ = files
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "type": "Bundle", "data": {"plans": [{"id": 5}]}}', encoding="utf-8")
    code, _, err = run("diff", old, str(broken))
    assert code == 2
    assert "broken.json" in err and "$.data.plans[0]" in err
    code, _, err = run("diff", old, str(tmp_path / "missing.json"))
    assert code == 2 and "no such file" in err


def test_runs_as_a_program(files: tuple[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sinkron", "diff", *files, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["added"] == 1
