from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from plugin_dist import installed_plugin

import sinkron
from sinkron import Bundle, ConnectorUnavailable, PluginWarning, SourceError, UnknownFormat, ValidationError
from sinkron.cli import main
from sinkron.connector import Connector, ReadResult
from sinkron.convert import dumps
from sinkron.plugins import PluginManager, hookspecs, reset_plugin_manager
from sinkron.testing import strategies as sst

GOOD = """
    from sinkron import hookimpl
    from sinkron.connector import Connector, ReadResult
    from sinkron.models import Bundle

    class Upper(Connector):
        name = "upper"
        formats = ("upper",)
        extensions = (".upper",)

        def read(self, source, *, progress=None, **options):
            return ReadResult(bundle=Bundle(sources=(str(source).upper(),)), source=str(source))

    @hookimpl
    def sinkron_register_connectors(register):
        register(Upper())
"""

BROKEN_IMPORT = """
    raise RuntimeError("this plugin is broken on purpose")
"""

BROKEN_REGISTER = """
    from sinkron import hookimpl

    @hookimpl
    def sinkron_register_connectors(register):
        raise ValueError("cannot register")
"""


@pytest.fixture(autouse=True)
def _fresh_manager():
    reset_plugin_manager()
    yield
    reset_plugin_manager()


def test_entry_point_plugin_is_discovered(tmp_path: Path) -> None:
    with installed_plugin(tmp_path, "sinkron-upper", "upper", "sinkron_upper_plugin", GOOD):
        pm = PluginManager()
        assert "upper" in pm.connectors()
        info = {i.name: i for i in pm.plugins()}["upper"]
        assert info.status == "loaded"
        assert info.distribution == "sinkron-upper"
        assert info.version == "1.0"
        assert info.hooks == ("sinkron_register_connectors",)
        assert info.provides == ("upper",)
        source = tmp_path / "x.upper"
        source.write_text("")
        assert sinkron.read(source, plugins=pm).sources == (str(source).upper(),)


def test_broken_plugin_is_isolated_and_reported(tmp_path: Path) -> None:
    with (
        installed_plugin(tmp_path / "a", "sinkron-broken", "broken", "sinkron_broken_plugin", BROKEN_IMPORT),
        installed_plugin(tmp_path / "b", "sinkron-badreg", "badreg", "sinkron_badreg_plugin", BROKEN_REGISTER),
        installed_plugin(tmp_path / "c", "sinkron-upper", "upper", "sinkron_upper_plugin", GOOD),
    ):
        with pytest.warns(PluginWarning, match="'broken' from sinkron-broken failed"):
            pm = PluginManager()
        with pytest.warns(PluginWarning, match="'badreg' from sinkron-badreg failed"):
            connectors = pm.connectors()
        assert "upper" in connectors and "json" in connectors
        failed = {i.name: i for i in pm.failures}
        assert set(failed) == {"broken", "badreg"}
        assert "broken on purpose" in (failed["broken"].error or "")
        assert failed["broken"].distribution == "sinkron-broken"
        assert "cannot register" in (failed["badreg"].error or "")
        # the CLI lists the failure and other commands keep working
        result = CliRunner().invoke(main, ["plugins", "--format", "json"])
        assert result.exit_code == 0
        listed = {p["name"]: p for p in json.loads(result.stdout)}
        assert listed["broken"]["status"] == "failed"
        document = tmp_path / "b.json"
        document.write_text(dumps(Bundle(sources=("x",))))
        assert CliRunner().invoke(main, ["read", str(document)]).exit_code == 0


def test_environment_switches(tmp_path: Path) -> None:
    with installed_plugin(tmp_path, "sinkron-upper", "upper", "sinkron_upper_plugin", GOOD):
        hidden = PluginManager(environ={"SINKRON_DISABLED_PLUGINS": "upper"})
        assert "upper" not in hidden.connectors()
        assert {i.name: i.status for i in hidden.plugins()}["upper"] == "disabled"
        none = PluginManager(environ={"SINKRON_LOAD_PLUGINS": ""})
        assert "upper" not in none.connectors() and "json" in none.connectors()
        only = PluginManager(environ={"SINKRON_LOAD_PLUGINS": "upper"})
        assert "upper" in only.connectors()
        assert "upper" not in PluginManager(disable=["upper"]).connectors()
        assert "upper" in PluginManager(load=["upper"], environ={"SINKRON_DISABLED_PLUGINS": ""}).connectors()


def test_unknown_format_and_missing_dependency(tmp_path: Path) -> None:
    pm = PluginManager(load_entry_points=False)
    with pytest.raises(UnknownFormat, match="known: .json"):
        pm.connector_for(tmp_path / "x.xyz")
    with pytest.raises(UnknownFormat, match="unknown format 'nope'"):
        pm.connector_for(tmp_path / "x.json", "nope")

    class NeedsLib(Connector):
        name = "needs"
        formats = ("needs",)
        requires = ("a_module_that_is_not_installed",)
        install = "sinkron-needs[extra]"

    class Plugin:
        @hookspecs.hookimpl
        def sinkron_register_connectors(self, register):  # type: ignore[no-untyped-def]
            register(NeedsLib())

    pm.register(Plugin(), name="needs")
    source = tmp_path / "x.needs"
    source.write_text("")
    with pytest.raises(ConnectorUnavailable, match=r"pip install sinkron-needs\[extra\]"):
        sinkron.read(source, "needs", plugins=pm)
    pm.unregister("needs")
    assert "needs" not in pm.connectors()


def test_read_never_passes_a_partial_import_for_a_complete_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "type": "Bundle", "data": {"plans": [{"id": ""}]}}')
    pm = PluginManager(load_entry_points=False)
    with pytest.raises(ValidationError) as info:
        sinkron.read(bad, plugins=pm)
    assert info.value.partial is not None
    result = sinkron.read_result(bad, plugins=pm)
    assert not result.complete
    assert all(e.location.source == str(bad) for e in result.errors)
    with pytest.raises(SourceError, match="no such file"):
        sinkron.read(tmp_path / "missing.json", plugins=pm)


def test_a_crashing_connector_becomes_a_located_error(tmp_path: Path) -> None:
    class Crashes(Connector):
        name = "crash"
        formats = ("crash",)

        def read(self, source, *, progress=None, **options):  # type: ignore[no-untyped-def]
            raise ZeroDivisionError("boom")

    class Plugin:
        @hookspecs.hookimpl
        def sinkron_register_connectors(self, register):  # type: ignore[no-untyped-def]
            register(Crashes())

    pm = PluginManager(load_entry_points=False)
    pm.register(Plugin(), name="crash")
    source = tmp_path / "x.crash"
    source.write_text("")
    result = sinkron.read_result(source, "crash", plugins=pm)
    assert not result.complete and result.bundle == sinkron.Bundle()
    assert [e.message for e in result.errors] == ["the crash connector failed: ZeroDivisionError: boom"]
    assert result.errors[0].location.source == str(source)
    with pytest.raises(sinkron.ValidationError, match="the crash connector failed: ZeroDivisionError: boom"):
        sinkron.read(source, "crash", plugins=pm)


@settings(max_examples=10)
@given(bundle=sst.bundles())
def test_json_round_trip_through_read_and_write(tmp_path_factory: pytest.TempPathFactory, bundle: Bundle) -> None:
    tmp_path = tmp_path_factory.mktemp("rt")
    target = sinkron.write(bundle, tmp_path / "out" / "bundle.json")
    assert sinkron.read(target) == bundle.replace(sources=(*bundle.sources, str(target)))
    assert not list((tmp_path / "out").glob("*.tmp"))


def test_every_hook_is_documented() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in dir(hookspecs):
        if name.startswith("sinkron_"):
            assert f"`{name}" in text, f"{name} is not documented in docs/plugins.md"
            assert "versionadded" in (getattr(hookspecs, name).__doc__ or "")


def test_content_decides_between_connectors_of_one_extension(tmp_path: Path) -> None:
    class Other(Connector):
        name = "other-json"
        formats = ("other",)
        extensions = (".json",)

        def detect(self, source):  # type: ignore[no-untyped-def]
            return b'"other"' in Path(source).read_bytes()

    class Plugin:
        @hookspecs.hookimpl
        def sinkron_register_connectors(self, register):  # type: ignore[no-untyped-def]
            register(Other())

    pm = PluginManager(load_entry_points=False)
    pm.register(Plugin(), name="other")
    mine = tmp_path / "other.json"
    mine.write_text('{"other": 1}')
    document = tmp_path / "bundle.json"
    document.write_text(dumps(Bundle()))
    assert pm.connector_for(mine).name == "other-json"
    assert pm.connector_for(document).name == "json"
    assert "recognised the content" in pm.choose_connector(document).reason


def test_result_type_is_checked() -> None:
    assert ReadResult(bundle=Bundle()).complete


def test_atomic_writes_get_the_usual_file_mode(tmp_path: Path) -> None:
    import os
    import stat

    from sinkron.exporter import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "laporan.html", b"<p>ok</p>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "laporan.html").stat().st_mode) == 0o644
    assert (tmp_path / "laporan.html").read_bytes() == b"<p>ok</p>"


def _sipd_export(path: Path) -> Path:
    """A SIPD export of the demo's Renja at ``path``: the file a later write replaces."""
    pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed")
    from sinkron.demo import demo_bundle

    renja = demo_bundle().plan("renja-dinkes-kalteng-2026")
    sinkron.write(Bundle(plans=[renja]), path, format="sipd")
    assert sinkron.read_result(path).bundle.plans  # the SIPD connector reads it, by its content
    return path


def test_write_chooses_the_format_by_name_never_by_the_file_it_replaces(tmp_path: Path) -> None:
    from sinkron.demo import demo_bundle

    demo = demo_bundle()
    bundle = Bundle(governments=demo.governments, priorities=demo.priorities[:3])
    old = _sipd_export(tmp_path / "old.json")
    assert sinkron.write(bundle, old) == old
    assert json.loads(old.read_text(encoding="utf-8"))["type"] == "Bundle"  # sinkron JSON, by the extension
    assert sinkron.read(old) == bundle.replace(sources=(str(old),))
    pm = PluginManager()
    assert pm.writer_for(old) is not None and pm.writer_for(old).name == "json"  # type: ignore[union-attr]
    assert pm.writer_for(tmp_path / "records.jsonl").name == "sipd"  # type: ignore[union-attr]
    assert pm.writer_for(old, "sipd").name == "sipd"  # type: ignore[union-attr]
    assert pm.writer_for(tmp_path / "out.parquet") is None  # an exporter writes it


def test_convert_writes_the_format_of_the_target_name_over_an_older_sipd_file(tmp_path: Path) -> None:
    from sinkron.demo import demo_bundle

    source = tmp_path / "source.json"
    bundle = Bundle(governments=demo_bundle().governments)
    sinkron.write(bundle, source)
    target = _sipd_export(tmp_path / "out.json")
    result = CliRunner().invoke(main, ["convert", str(source), str(target)])
    assert result.exit_code == 0, result.output
    assert sinkron.read(target).governments == bundle.governments
    result = CliRunner().invoke(main, ["convert", str(source), str(target), "--to", "sipd"])
    assert result.exit_code == 0 and json.loads(target.read_text(encoding="utf-8")) == []  # SIPD holds no governments
