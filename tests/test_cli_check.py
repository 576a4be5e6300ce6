"""``sinkron check``: sources, the demo, formats, rule selection and options, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
from click.testing import CliRunner

import sinkron
from sinkron.align import Rule, Severity
from sinkron.cli import main
from sinkron.demo import demo_bundle
from sinkron.models import Bundle, Government, GovernmentLevel, Plan, PlanKind, PlanPeriod
from sinkron.plugins import hookimpl
from sinkron.plugins.manager import get_plugin_manager, reset_plugin_manager

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "report-schema.json").read_text("utf-8"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> tuple[int, dict[str, object]]:
    code, out, _ = run(*args, "--format", "json")
    return code, json.loads(out)


def test_demo_text_report_exits_1_on_error_findings() -> None:
    code, out, err = run("check", "--demo")
    assert code == 1
    assert out.startswith("LAPORAN PEMERIKSAAN KESELARASAN RENCANA")
    assert "bukan data resmi" in out and "KESALAHAN (" in out and "SKN101" in out and "Cakupan prioritas" in out
    assert "\x1b[" not in out  # not a terminal: no colour
    assert err == ""


def test_exit_zero() -> None:
    code, out, _ = run("check", "--demo", "--exit-zero")
    assert code == 0 and "SKN101" in out


def test_json_validates_against_the_documented_schema() -> None:
    code, document = run_json("check", "--demo")
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
    summary = document["summary"]
    assert code == 1 and isinstance(summary, dict) and summary["by_severity"]["error"] > 0  # type: ignore[index]


def test_markdown_and_english() -> None:
    code, out, _ = run("check", "--demo", "--format", "md", "--lang", "en")
    assert code == 1 and out.startswith("# Plan alignment check report") and "| Rule | Where | Message | Fix |" in out


def test_html_to_a_file_is_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out" / "laporan.html"
    target.parent.mkdir()
    target.write_text("old report", encoding="utf-8")
    code, out, err = run("check", "--demo", "--format", "html", "--output", str(target))
    assert code == 1 and out == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="findings-table"' in page
    assert [p.name for p in target.parent.iterdir()] == ["laporan.html"]  # no temporary file left behind
    assert f"wrote {target}" in err and "error" in err


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("r.json", '{\n  "schema_version": 1'),
        ("r.md", "# Laporan"),
        ("r.html", "<!DOCTYPE html>"),
        ("r.txt", "LAPORAN"),
        ("r", "LAPORAN"),
    ],
)
def test_format_follows_the_output_extension(tmp_path: Path, name: str, start: str) -> None:
    code, _, _ = run("check", "--demo", "--exit-zero", "--output", str(tmp_path / name))
    assert code == 0 and (tmp_path / name).read_text(encoding="utf-8").startswith(start)


def test_select_and_ignore() -> None:
    code, document = run_json("check", "--demo", "--select", "SKN6", "--ignore", "SKN605", "--ignore", "SKN606,SKN607")
    summary = document["summary"]
    assert isinstance(summary, dict)
    assert summary["rules_run"] == ["SKN601", "SKN602", "SKN603", "SKN604"]
    assert {f["rule"] for f in document["findings"]} <= {"SKN601", "SKN602", "SKN603", "SKN604"}  # type: ignore[index, union-attr]
    code, document = run_json("check", "--demo", "--select", "skn605,SKN604", "--ignore", "SKN604")
    assert document["summary"]["rules_run"] == ["SKN605"] and code == 0  # type: ignore[index]


def test_select_matching_no_rule_is_a_usage_error() -> None:
    code, _, err = run("check", "--demo", "--select", "NOPE")
    assert code == 2 and "--select: no registered rule id starts with 'NOPE'" in err
    code, _, err = run("check", "--demo", "--select", "SKN6", "--ignore", "SKN6")
    assert code == 2 and "no rule matches" in err


def test_rule_option_is_read_as_the_rule_expects() -> None:
    _, default = run_json("check", "--demo", "--select", "SKN602")
    _, lenient = run_json("check", "--demo", "--select", "SKN602", "--option", "SKN602.min_absorption_percent=50")
    assert len(default["findings"]) == 3 and len(lenient["findings"]) == 1  # type: ignore[arg-type]
    _, strict = run_json("check", "--demo", "--select", "SKN403", "--option", "skn403.min_share=0.9")
    subjects = {f["subject"] for f in strict["findings"]}  # type: ignore[index, union-attr]
    assert "rkpd-kotim-2026" in subjects and "rkpd-kalteng-2026" not in subjects  # 100 % outside penunjang
    _, counted = run_json(
        "check",
        "--demo",
        "--select",
        "SKN403",
        "--option",
        "SKN403.min_share=0.9",
        "--option",
        "SKN403.include_support=true",
    )
    assert {f["subject"] for f in counted["findings"]} >= {"rkpd-kotim-2026", "rkpd-kalteng-2026"}  # type: ignore[index, union-attr]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("SKN602", "RULE.key=value"),
        ("SKN999.x=1", "no rule SKN999"),
        ("SKN602.nope=1", "option 'nope': unknown option (expected one of its options: min_absorption_percent)"),
        ("SKN104.threshold=high", "option 'threshold': invalid value (expected a number, got 'high')"),
        ("SKN104.threshold=120", "option 'threshold': invalid value (expected a number from 0 to 100, got 120.0)"),
        ("SKN101.suggest=perhaps", "option 'suggest': invalid value (expected true or false, got 'perhaps')"),
        ("SKN403.min_share=abc", "rule SKN403: option 'min_share': invalid value (expected a decimal number"),
    ],
)
def test_bad_rule_options_are_usage_errors(option: str, message: str) -> None:
    code, _, err = run("check", "--demo", "--option", option)
    assert code == 2 and message in err


def test_nothing_to_check_is_a_usage_error() -> None:
    code, _, err = run("check")
    assert code == 2 and "--demo" in err


def _government_plan(tmp_path: Path) -> Path:
    """A small real source: one RKPD with an unknown code, written as sinkron JSON."""
    from sinkron.codes import Code
    from sinkron.models import Activity, Program, SubActivity

    sub = SubActivity(code=Code.parse("1.02.02.2.02.0999"), name="Sesuatu", agency_id="barsel.dinkes")
    act = Activity(code=Code.parse("1.02.02.2.02"), name="Penyediaan Layanan", sub_activities=[sub])
    prog = Program(code=Code.parse("1.02.02"), name="PROGRAM", activities=[act])
    bundle = Bundle(
        governments=[
            Government(level=GovernmentLevel.REGENCY, name="Kab. Barito Selatan", region_code="62.04", parent_id="62")
        ],
        plans=[
            Plan(
                id="rkpd-barsel-2026",
                kind=PlanKind.RKPD,
                title="RKPD Barito Selatan 2026",
                period=PlanPeriod(start=2026, end=2026),
                owner_id="62.04",
                government_id="62.04",
                programs=[prog],
            )
        ],
    )
    return sinkron.write(bundle, tmp_path / "barsel.json")


def test_a_file_alone_uses_the_shipped_nomenclature(tmp_path: Path) -> None:
    source = _government_plan(tmp_path)
    code, document = run_json("check", str(source), "--select", "SKN101")
    subjects = [f["subject"] for f in document["findings"]]  # type: ignore[index, union-attr]
    assert code == 1 and subjects == ["rkpd-barsel-2026#barsel.dinkes/1.02.02.2.02.0999"]


def test_demo_with_files_merges_and_keeps_the_real_nomenclature(tmp_path: Path) -> None:
    source = _government_plan(tmp_path)
    _, document = run_json("check", "--demo", str(source), "--select", "SKN101,SKN102")
    subjects = {f["subject"] for f in document["findings"]}  # type: ignore[index, union-attr]
    assert "rkpd-barsel-2026#barsel.dinkes/1.02.02.2.02.0999" in subjects
    assert "rkpd-kotim-2026#kotim.pupr/1.03.10.2.01.0099" in subjects
    # The demo's illustrative change list is not applied to real files.
    assert "rkpd-kotim-2026#kotim.pupr/1.03.10.2.01.0030" not in subjects


def test_conflicting_sources_cannot_be_merged(tmp_path: Path) -> None:
    copy = sinkron.write(demo_bundle(), tmp_path / "demo-copy.json")
    code, _, err = run("check", "--demo", str(copy))
    assert code == 2 and "cannot merge" in err


def test_unreadable_sources_are_all_reported_with_their_location(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "kind": "bundle", "plans": [', encoding="utf-8")
    missing = tmp_path / "missing.json"
    code, out, err = run("check", str(broken), str(missing))
    assert code == 2 and out == ""
    assert str(broken) in err and str(missing) in err and "no such file" in err
    assert "2 source(s) could not be read completely" in err and "nothing was checked" in err


def test_unknown_source_type_is_a_usage_error(tmp_path: Path) -> None:
    odd = tmp_path / "plan.odt"
    odd.write_bytes(b"x")
    code, _, err = run("check", str(odd))
    assert code == 2 and "plan.odt" in err


@pytest.fixture
def only_builtin_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SINKRON_LOAD_PLUGINS", "")
    reset_plugin_manager()
    yield
    reset_plugin_manager()


@pytest.mark.usefixtures("only_builtin_plugins")
def test_xlsx_without_the_spreadsheet_plugin_says_what_to_install(tmp_path: Path) -> None:
    code, _, err = run("check", "--demo", "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"))
    assert code == 2 and "xlsx report is unavailable" in err and "sinkron-spreadsheet" in err
    assert not (tmp_path / "r.xlsx").exists()


def test_xlsx_through_the_spreadsheet_plugin(tmp_path: Path) -> None:
    reset_plugin_manager()
    try:
        get_plugin_manager().exporter_for(sinkron.Report(), "xlsx")
    except sinkron.SinkronError:
        pytest.skip("the sinkron-spreadsheet plugin is not installed")
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "laporan.xlsx"
    code, _, _ = run("check", "--demo", "--format", "xlsx", "--output", str(target))
    assert code == 1
    _, document = run_json("check", "--demo")
    workbook = openpyxl.load_workbook(target, read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [f["rule"] for f in document["findings"]]  # type: ignore[index, union-attr]


@pytest.fixture
def failing_rule() -> Iterator[None]:
    def explode(ctx: object) -> list[sinkron.Finding]:
        raise KeyError("boom")

    broken = Rule(
        id="XYZ901",
        name="explodes",
        severity=Severity.ERROR,
        description=sinkron.align.Message("a", "b"),
        check=explode,
    )

    @hookimpl
    def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
        register(broken)

    reset_plugin_manager()
    get_plugin_manager().register(SimpleNamespace(sinkron_register_rules=sinkron_register_rules), "failing")
    yield
    reset_plugin_manager()


@pytest.mark.usefixtures("failing_rule")
def test_a_rule_that_fails_makes_the_check_exit_1_even_with_exit_zero() -> None:
    code, out, err = run("check", "--demo", "--select", "XYZ9,SKN605", "--exit-zero")
    assert code == 1
    assert "Aturan yang gagal dijalankan" in out and "XYZ901: KeyError: 'boom'" in out
    assert "rule XYZ901 failed, the report is incomplete" in err


def test_the_installed_command_runs_the_readme_demo() -> None:
    """The console script, in a fresh process, as the README runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "sinkron", "check", "--demo", "--exit-zero"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "LAPORAN PEMERIKSAAN KESELARASAN RENCANA" in done.stdout and "SKN604" in done.stdout
