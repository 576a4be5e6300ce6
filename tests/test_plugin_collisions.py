"""Two plugins registering one name: a load error for the later one, unless it says ``replaces=``.

Also: how a tie between connectors that recognise a source is broken, and the warnings about plugin
switches that name no plugin.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from plugin_dist import installed_plugin

import sinkron
from sinkron import PluginConflict, PluginManager, PluginWarning
from sinkron.cli import main
from sinkron.demo import demo_bundle
from sinkron.plugins import reset_plugin_manager

SHADOW_RULE = """
    from sinkron import hookimpl, Severity
    from sinkron.align import rule

    @rule("SKN603", "my-pile-up", Severity.WARNING, id="Versi saya", en="My version")
    def my_pile_up(ctx):
        return []

    @hookimpl
    def sinkron_register_rules(register):
        register(my_pile_up{replaces})
"""

TWIN_CONNECTORS = """
    from pathlib import Path
    from sinkron import hookimpl
    from sinkron.connector import Connector, ReadResult
    from sinkron.models import Bundle

    class Twin(Connector):
        name = "{name}"
        extensions = (".twin",)
        priority = {priority}

        def detect(self, source):
            return Path(source).read_text().startswith("twin")

        def read(self, source, *, progress=None, **options):
            return ReadResult(bundle=Bundle(sources=("{name}",)), source=str(source))

    @hookimpl
    def sinkron_register_connectors(register):
        register(Twin())
"""


@pytest.fixture(autouse=True)
def _fresh_manager():
    reset_plugin_manager()
    yield
    reset_plugin_manager()


def _pile_up_findings(pm: PluginManager) -> int:
    return len(sinkron.check(demo_bundle(), rules="SKN603", plugins=pm).findings)


def test_replacing_a_builtin_rule_without_saying_so_fails_loudly(tmp_path: Path) -> None:
    assert _pile_up_findings(PluginManager(load_entry_points=False)) == 1
    with installed_plugin(tmp_path, "app-pileup", "pileup", "app_pileup_shadow", SHADOW_RULE.format(replaces="")):
        pm = PluginManager(load=["pileup"])
        with pytest.warns(PluginWarning, match="SKN603.*already registered by plugin 'sinkron.align.rules.monitoring'"):
            rules = pm.rules()
        assert rules["SKN603"].name == "year-end-spending"  # the built-in stays
        assert _pile_up_findings(pm) == 1
        (failed,) = pm.failures
        assert failed.name == "pileup" and "PluginConflict" in (failed.error or "")
        listed = CliRunner().invoke(main, ["plugins", "--format", "json"], env={"SINKRON_LOAD_PLUGINS": "pileup"})
        entry = {p["name"]: p for p in json.loads(listed.stdout)}["pileup"]
        assert entry["status"] == "failed" and "replaces='SKN603'" in entry["error"]


def test_replacing_a_builtin_rule_on_purpose_works_and_is_shown(tmp_path: Path) -> None:
    source = SHADOW_RULE.format(replaces=', replaces="SKN603"')
    with installed_plugin(tmp_path, "app-pileup", "pileup", "app_pileup_replaces", source):
        with warnings.catch_warnings():
            warnings.simplefilter("error", PluginWarning)
            pm = PluginManager(load=["pileup"])
            assert pm.rules()["SKN603"].name == "my-pile-up"
        assert _pile_up_findings(pm) == 0
        info = {i.name: i for i in pm.plugins()}["pileup"]
        assert info.status == "loaded"
        assert info.replaces == ("rule SKN603 (from sinkron.align.rules.monitoring)",)
        text = CliRunner().invoke(main, ["plugins"], env={"SINKRON_LOAD_PLUGINS": "pileup"}).stdout
        assert "replaces: rule SKN603 (from sinkron.align.rules.monitoring)" in text


def test_a_duplicate_connector_name_fails_the_later_plugin(tmp_path: Path) -> None:
    first = TWIN_CONNECTORS.format(name="twin", priority=0)
    with (
        installed_plugin(tmp_path / "a", "twin-a", "twin-a", "twin_a_plugin", first),
        installed_plugin(tmp_path / "b", "twin-b", "twin-b", "twin_b_plugin", first),
    ):
        pm = PluginManager(load=["twin-a", "twin-b"])
        with pytest.warns(PluginWarning, match="connector 'twin' is already registered by plugin 'twin-a'"):
            connectors = pm.connectors()
        assert "twin" in connectors
        assert [i.name for i in pm.failures] == ["twin-b"]


def test_replaces_must_name_what_is_registered() -> None:
    class Plugin:
        @sinkron.hookimpl
        def sinkron_register_rules(self, register):  # type: ignore[no-untyped-def]
            register(sinkron.PluginManager(load_entry_points=False).rules()["SKN101"], replaces="SKN102")

    pm = PluginManager(load_entry_points=False, builtins=False)
    pm.register(Plugin(), name="confused")
    with pytest.warns(PluginWarning, match="replaces must name it"):
        assert pm.rules() == {}


def test_conflict_error_names_both_plugins() -> None:
    error = PluginConflict("rule", "SKN603", "pileup", "sinkron.align.rules.monitoring")
    assert (error.kind, error.name, error.plugin, error.owner) == (
        "rule",
        "SKN603",
        "pileup",
        "sinkron.align.rules.monitoring",
    )
    assert "replaces='SKN603'" in str(error)


def test_detect_ties_go_to_priority_and_the_reason_is_printed(tmp_path: Path) -> None:
    source = tmp_path / "data.twin"
    source.write_text("twin data")
    low = TWIN_CONNECTORS.format(name="twin-low", priority=0)
    high = TWIN_CONNECTORS.format(name="twin-high", priority=5)
    # "twin-z" registers last (entry points load by name), yet the higher priority wins
    with (
        installed_plugin(tmp_path / "a", "twin-a", "twin-a", "twin_high_plugin", high),
        installed_plugin(tmp_path / "z", "twin-z", "twin-z", "twin_low_plugin", low),
    ):
        pm = PluginManager(load=["twin-a", "twin-z"])
        choice = pm.choose_connector(source)
        assert choice.connector.name == "twin-high"
        assert "priority 5 over 0" in choice.reason
        assert sinkron.read(source, plugins=pm).sources[0] == "twin-high"
        result = CliRunner().invoke(main, ["read", "-v", str(source)], env={"SINKRON_LOAD_PLUGINS": "twin-a,twin-z"})
        assert result.exit_code == 0, result.output
        assert "read by connector 'twin-high'" in result.stderr and "priority 5 over 0" in result.stderr


def test_detect_ties_of_equal_priority_go_to_first_party(tmp_path: Path) -> None:
    source = tmp_path / "data.twin"
    source.write_text("twin data")
    mine = TWIN_CONNECTORS.format(name="twin-mine", priority=0)
    theirs = TWIN_CONNECTORS.format(name="twin-theirs", priority=0)
    # a distribution named like a first-party one counts as first-party, whatever its entry point's name
    with (
        installed_plugin(tmp_path / "a", "sinkron-parquet", "aaa", "twin_mine_plugin", mine),
        installed_plugin(tmp_path / "z", "twin-z", "zzz", "twin_theirs_plugin", theirs),
    ):
        pm = PluginManager(load=["aaa", "zzz"])
        choice = pm.choose_connector(source)
        assert choice.connector.name == "twin-mine"
        assert "first-party before third-party" in choice.reason
        assert set(choice.candidates) == {"twin-mine", "twin-theirs"}


def test_unknown_names_in_the_switches_are_warned_about(tmp_path: Path) -> None:
    good = TWIN_CONNECTORS.format(name="twin", priority=0)
    with installed_plugin(tmp_path, "sinkron-twin", "twin", "twin_switch_plugin", good):
        with pytest.warns(PluginWarning, match="'sinkron-twin', which is no installed plugin.*entry point.*: twin"):
            pm = PluginManager(environ={"SINKRON_DISABLED_PLUGINS": "sinkron-twin"})
        assert "twin" in pm.connectors()  # the distribution name disabled nothing
        with pytest.warns(PluginWarning, match="SINKRON_LOAD_PLUGINS.*'twni'"):
            PluginManager(load=["twni"])
        result = CliRunner().invoke(main, ["plugins"], env={"SINKRON_DISABLED_PLUGINS": "twni"})
        assert "'twni', which is no installed plugin" in result.stderr
        assert "Warning" not in result.stderr  # the CLI says it once, not through Python's warnings too


def test_a_failing_plugin_is_a_warning_from_python(tmp_path: Path) -> None:
    broken = "raise RuntimeError('nope')\n"
    with (
        installed_plugin(tmp_path, "app-broken", "broken", "app_broken_plugin", broken),
        pytest.warns(PluginWarning, match="plugin 'broken' from app-broken failed: RuntimeError: nope"),
    ):
        PluginManager(load=["broken"])
