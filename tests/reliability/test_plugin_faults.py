"""Plugin faults are isolated and named; the run completes and says what was skipped.

Real distributions on ``sys.path`` (``tests/plugin_dist.py``), discovered through the ``sinkron``
entry-point group exactly as an installed plugin: one raising at import, one raising while it
registers, one whose connector raises while reading, one whose rule raises. ``sinkron read`` and
``sinkron check`` still work on good files and name the plugins they skipped; no command prints a
traceback, also when a command itself meets an unexpected exception (``SINKRON_DEBUG=1`` shows it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from plugin_dist import installed_plugin
from reliability.checks import read_safely

import sinkron
from sinkron.cli import main
from sinkron.convert import dumps
from sinkron.models import Bundle, Plan, PlanKind, PlanPeriod
from sinkron.plugins import PluginManager, reset_plugin_manager

# The broken plugins here are on purpose; that Python warns about them is tested in test_plugin_collisions.py.
pytestmark = pytest.mark.filterwarnings("ignore::sinkron.errors.PluginWarning")

BROKEN_IMPORT = """
    raise RuntimeError("rusak saat diimpor")
"""

BROKEN_REGISTER = """
    from sinkron import hookimpl

    @hookimpl
    def sinkron_register_exporters(register):
        raise ValueError("rusak saat mendaftar")
"""

CRASHING_READER = """
    from sinkron import hookimpl
    from sinkron.connector import Connector

    class Boom(Connector):
        name = "boom"
        formats = ("boom",)
        extensions = (".boom",)

        def read(self, source, *, progress=None, **options):
            raise KeyError("kolom_hilang")

        def write(self, bundle, target, **options):
            raise RuntimeError("rusak saat menulis")

    @hookimpl
    def sinkron_register_connectors(register):
        register(Boom())
"""

CRASHING_RULE = """
    from sinkron import hookimpl
    from sinkron.align import Message, Rule, Severity

    def explode(context):
        raise ZeroDivisionError("aturan rusak")
        yield

    @hookimpl
    def sinkron_register_rules(register):
        register(Rule(id="XYZ901", name="explodes", severity=Severity.ERROR,
                      description=Message("meledak", "explodes"), check=explode))
"""


@pytest.fixture(autouse=True)
def _fresh_manager() -> Iterator[None]:
    reset_plugin_manager()
    yield
    reset_plugin_manager()


@pytest.fixture
def faulty_plugins(tmp_path: Path) -> Iterator[Path]:
    with (
        installed_plugin(tmp_path / "a", "sinkron-rusak", "rusak", "sinkron_rusak_plugin", BROKEN_IMPORT),
        installed_plugin(tmp_path / "b", "sinkron-daftar", "daftar", "sinkron_daftar_plugin", BROKEN_REGISTER),
        installed_plugin(tmp_path / "c", "sinkron-boom", "boomer", "sinkron_boom_plugin", CRASHING_READER),
    ):
        reset_plugin_manager()
        yield tmp_path


def good_document(folder: Path) -> Path:
    plan = Plan(id="renja-2026", kind=PlanKind.RENJA_PD, title="Renja 2026", period=PlanPeriod(start=2026, end=2026))
    path = folder / "renja.json"
    path.write_text(dumps(Bundle(plans=[plan])), encoding="utf-8")
    return path


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), env=env)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_failed_plugins_are_named_and_the_rest_loads(faulty_plugins: Path) -> None:
    pm = PluginManager()
    failed = {info.name: info for info in pm.failures}
    assert set(failed) == {"rusak", "daftar"}
    assert failed["rusak"].distribution == "sinkron-rusak" and "rusak saat diimpor" in (failed["rusak"].error or "")
    assert "rusak saat mendaftar" in (failed["daftar"].error or "")
    assert {"boom", "json"} <= set(pm.connectors()) and "report-json" in pm.exporters()


@pytest.mark.parametrize("command", ["read", "check"])
def test_read_and_check_complete_and_say_what_was_skipped(faulty_plugins: Path, command: str) -> None:
    source = good_document(faulty_plugins)
    args = ("read", str(source)) if command == "read" else ("check", str(source), "--exit-zero")
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert "skipped plugin 'rusak' from sinkron-rusak failed: RuntimeError: rusak saat diimpor" in result.stderr
    assert "skipped plugin 'daftar' from sinkron-daftar failed: ValueError: rusak saat mendaftar" in result.stderr
    assert "see `sinkron plugins`" in result.stderr
    if command == "read":
        assert "renja-2026: Renja 2026" in result.stdout
    else:
        assert "Renja 2026" in result.stdout or "renja" in result.stdout.lower()


def test_without_failed_plugins_nothing_is_said(tmp_path: Path) -> None:
    result = invoke("read", str(good_document(tmp_path)))
    assert result.exit_code == 0 and "skipped" not in result.stderr


def test_a_connector_crashing_while_reading_is_located_and_named(faulty_plugins: Path) -> None:
    bad = faulty_plugins / "data.boom"
    bad.write_text("apa saja", encoding="utf-8")
    (error,) = sinkron.read_result(bad).errors  # the failure is the result's error, not an exception
    assert error.location.source == str(bad)
    assert "the boom connector (plugin 'boomer') failed: KeyError: 'kolom_hilang'" in str(error)
    # The command line: that source is reported, the good one is still read, nothing is passed off as checked.
    result = invoke("check", str(bad), str(good_document(faulty_plugins)))
    assert result.exit_code == 2
    assert "the boom connector (plugin 'boomer') failed" in result.stderr
    assert "1 source(s) could not be read completely" in result.stderr and "nothing was checked" in result.stderr


def test_a_rule_crashing_in_a_plugin_is_reported_and_the_others_run(tmp_path: Path) -> None:
    with installed_plugin(tmp_path / "r", "sinkron-aturan", "aturan", "sinkron_aturan_plugin", CRASHING_RULE):
        reset_plugin_manager()
        source = good_document(tmp_path)
        result = invoke("check", str(source), "--format", "json", "--exit-zero")
        assert result.exit_code == 1  # a rule that failed makes the report incomplete, even with --exit-zero
        assert "rule XYZ901 failed, the report is incomplete: ZeroDivisionError: aturan rusak" in result.stderr
        summary = json.loads(result.stdout)["summary"]
        assert summary["rule_failures"][0]["rule"] == "XYZ901" and len(summary["rules_run"]) > 1


def test_an_unexpected_exception_in_a_command_is_a_message_not_a_traceback(faulty_plugins: Path) -> None:
    """A plugin's writer raising something that is not a SinkronError: exit 2 with one clear line."""
    source = good_document(faulty_plugins)
    target = faulty_plugins / "out.boom"
    result = invoke("convert", str(source), str(target))
    assert result.exit_code == 2
    assert "sinkron: unexpected RuntimeError: rusak saat menulis" in result.stderr
    assert "SINKRON_DEBUG=1" in result.stderr
    debug = CliRunner().invoke(main, ["convert", str(source), str(target)], env={"SINKRON_DEBUG": "1"})
    assert isinstance(debug.exception, RuntimeError)  # the traceback is there for whoever asks for it
    assert not target.exists()


CRASHING_SNIFFER = """
    from sinkron import hookimpl
    from sinkron.connector import Connector

    class Sniffer(Connector):
        name = "sniffer"
        formats = ("sniff",)
        extensions = (".json",)

        def detect(self, source):
            raise OSError("tidak bisa mengintip")

        def read(self, source, *, progress=None, **options):
            raise AssertionError("never chosen")

    class Picky(Connector):
        name = "picky"
        formats = ("picky",)

        def handles(self, source):
            raise ValueError("rusak saat memeriksa")

    @hookimpl
    def sinkron_register_connectors(register):
        register(Sniffer())
        register(Picky())
"""


def test_a_connector_crashing_while_sniffing_a_source_does_not_decide_for_it(tmp_path: Path) -> None:
    """``handles``/``detect`` raising (a plugin peeking into a broken file) leaves the choice to the others."""
    with installed_plugin(tmp_path / "s", "sinkron-sniffer", "sniffer", "sinkron_sniffer_plugin", CRASHING_SNIFFER):
        reset_plugin_manager()
        source = good_document(tmp_path)
        bundle = sinkron.read(source)
        assert [plan.id for plan in bundle.plans] == ["renja-2026"]
        broken = tmp_path / "rusak.json"
        broken.write_text("{", encoding="utf-8")
        outcome = read_safely(broken)  # another .json connector reports it, located; never "never chosen"
        assert outcome.errors and not outcome.has("sniffer")
