"""Declared options: one converter for command-line text and Python values, usage errors before anything
runs, and the 0.1 forms (undeclared connectors and exporters, rules with a dict of defaults) still working."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

import sinkron
from sinkron import Bundle, CheckConfig, OptionError, PlanKind, check
from sinkron.align import Rule, Severity, rule
from sinkron.align.context import Context
from sinkron.align.findings import Finding
from sinkron.cli import main
from sinkron.connector import Connector, ReadResult, Source
from sinkron.demo import demo_bundle
from sinkron.exporter import Exporter
from sinkron.options import at_least, between, describe_options, one_of, option, structure_options
from sinkron.plugins import PluginManager
from sinkron.plugins.manager import get_plugin_manager, reset_plugin_manager
from sinkron.progress import Progress


@attrs.frozen(kw_only=True)
class Everything:
    """One option of each kind the converter types."""

    tolerance: Decimal = option(Decimal("0.10"), "A tolerance.", validator=at_least(0))
    year: int | None = option(None, "A year.")
    score: float = option(0.5, "A score.", validator=between(0, 1))
    flag: bool = option(False, "A flag.")
    kind: PlanKind | None = option(None, "A plan kind.")
    kinds: tuple[PlanKind, ...] = option((PlanKind.RKPD,), "Plan kinds.")
    names: tuple[str, ...] = option((), "Names.")
    aliases: dict[str, str] = option(factory=dict, description="Aliases.")
    scope: str = option("bundle", "A scope.", validator=one_of("bundle", "government"))
    bundle: Bundle | None = option(None, "A bundle.")
    anything: Any = option(None, "Anything.")


def typed(**given: Any) -> Everything:
    return structure_options(Everything, given, owner="the test")


# -- conversions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("tolerance", "0.25", Decimal("0.25")),
        ("tolerance", " 1 ", Decimal("1")),
        ("year", "2026", 2026),
        ("score", "0.75", 0.75),
        ("flag", "true", True),
        ("flag", "ya", True),
        ("flag", "tidak", False),
        ("flag", "0", False),
        ("kind", "renja_pd", PlanKind.RENJA_PD),
        ("kinds", "rkpd, renja_pd", (PlanKind.RKPD, PlanKind.RENJA_PD)),
        ("names", "a,b", ("a", "b")),
        ("aliases", '{"Angka kemiskinan": "Tingkat kemiskinan"}', {"Angka kemiskinan": "Tingkat kemiskinan"}),
        ("scope", "government", "government"),
        ("anything", "as it is", "as it is"),
    ],
)
def test_command_line_text_is_typed_by_the_declaration(name: str, text: str, expected: object) -> None:
    value = getattr(typed(**{name: text}), name)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("tolerance", Decimal("0.5"), Decimal("0.5")),
        ("tolerance", 2, Decimal(2)),
        ("year", 2026, 2026),
        ("flag", True, True),
        ("kind", PlanKind.RKPD, PlanKind.RKPD),
        ("kinds", ["rkpd"], (PlanKind.RKPD,)),
        ("aliases", {"a": "b"}, {"a": "b"}),
        ("year", None, None),
    ],
)
def test_python_values_are_typed_by_the_declaration(name: str, value: object, expected: object) -> None:
    assert getattr(typed(**{name: value}), name) == expected


def test_an_object_option_takes_the_object_itself() -> None:
    bundle = demo_bundle()
    assert typed(bundle=bundle).bundle is bundle


def test_defaults_hold_for_options_not_given() -> None:
    assert typed() == Everything()


@pytest.mark.parametrize(
    ("given", "option_name", "expected"),
    [
        ({"tolerance": "abc"}, "tolerance", "a decimal number"),
        ({"tolerance": "-0.1"}, "tolerance", "a number ≥ 0"),
        ({"tolerance": True}, "tolerance", "a decimal number"),
        ({"year": "2026.5"}, "year", "an integer"),
        ({"score": "2"}, "score", "a number from 0 to 1"),
        ({"flag": "perhaps"}, "flag", "true or false"),
        ({"kind": "rkpdx"}, "kind", "one of 'rpjpn'"),
        ({"kinds": "rkpd,nope"}, "kinds", "a list of one of"),
        ({"aliases": "[1, 2]"}, "aliases", "a mapping"),
        ({"scope": "world"}, "scope", "one of 'bundle', 'government'"),
        ({"bundle": "demo"}, "bundle", "Bundle"),
        ({"tolerence": "0.1"}, "tolerence", "one of its options: tolerance, year"),
    ],
)
def test_a_bad_option_is_an_option_error_naming_it(given: dict[str, object], option_name: str, expected: str) -> None:
    with pytest.raises(OptionError) as caught:
        structure_options(Everything, given, owner="the test")
    error = caught.value
    assert isinstance(error, sinkron.SinkronError)
    assert (error.owner, error.option) == ("the test", option_name)
    assert expected in error.expected, error.expected
    assert str(error).startswith(f"the test: option '{option_name}': ")


def test_describe_options_lists_name_type_default_and_meaning() -> None:
    infos = {info.name: info for info in describe_options(Everything)}
    assert list(infos) == [f.name for f in attrs.fields(Everything)]
    tolerance = infos["tolerance"]
    assert (tolerance.type, tolerance.default_text, tolerance.description) == ("Decimal", "0.10", "A tolerance.")
    assert (infos["year"].type, infos["year"].default_text) == ("int | None", "")
    assert (infos["kinds"].type, infos["kinds"].default_text) == ("tuple[PlanKind, ...]", "rkpd")
    assert infos["flag"].default_text == "false"


# -- rules ------------------------------------------------------------------------------------------------


def test_built_in_rules_get_typed_options() -> None:
    rules = get_plugin_manager().rules()
    assert rules["SKN303"].defaults == {"pagu_tolerance": Decimal("0.10")}
    assert rules["SKN201"].configure({"levels": "program"})["levels"] == (sinkron.CodeLevel.PROGRAM,)
    assert rules["SKN101"].configure({"suggest": "false"})["suggest"] is False
    every = {(r.id, o.name) for r in rules.values() for o in describe_options(r.options)}
    assert ("SKN403", "min_share") in every and ("SKN605", "rank_by") in every


@attrs.frozen(kw_only=True)
class ShareOptions:
    min_share: Decimal = option(Decimal("0.5"), "Smallest share.", validator=at_least(0))


def _recording_rule(seen: list[object], rule_id: str = "APP301", **declaration: Any) -> Rule:
    def record(ctx: Context) -> list[Finding]:
        seen.append(ctx.option("min_share"))
        return []

    return Rule(
        id=rule_id,
        name="share",
        severity=Severity.INFO,
        description=sinkron.align.Message("x", "x"),
        check=record,
        **declaration,
    )


def test_a_rule_reads_typed_values_from_ctx_option() -> None:
    seen: list[object] = []
    declared = _recording_rule(seen, options=ShareOptions)
    check(Bundle(), [declared], CheckConfig(options={"APP301": {"min_share": "0.7"}}))
    check(Bundle(), [declared])
    assert seen == [Decimal("0.7"), Decimal("0.5")] and all(type(v) is Decimal for v in seen)


def test_a_bad_rule_option_raises_before_any_rule_runs() -> None:
    seen: list[object] = []
    declared = _recording_rule(seen, options=ShareOptions)
    with pytest.raises(OptionError, match="rule APP301: option 'min_share'"):
        check(Bundle(), [declared], CheckConfig(options={"APP301": {"min_share": "-1"}}))
    assert seen == []


# -- the 0.1 forms -----------------------------------------------------------------------------------------


def test_a_rule_with_a_dict_of_defaults_still_works_with_a_deprecation_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")

        @rule("APP302", "legacy-share", Severity.INFO, id="Contoh", en="Example", options={"min_share": "0.5"})
        def legacy(ctx: Context) -> list[Finding]:
            seen.append(ctx.option("min_share"))
            return []

    assert [w.category for w in caught] == [DeprecationWarning]
    assert "until 1.0" in str(caught[0].message) and caught[0].filename == __file__
    seen: list[object] = []
    check(Bundle(), [legacy], CheckConfig(options={"APP302": {"min_share": "0.7"}}))
    check(Bundle(), [legacy])
    assert seen == ["0.7", "0.5"]  # text defaults stay text: the rule sees what it saw in 0.1
    with pytest.raises(OptionError, match="unknown option"):
        check(Bundle(), [legacy], CheckConfig(options={"APP302": {"max_share": "1"}}))
    assert [o.name for o in describe_options(legacy.options)] == ["min_share"]


def test_a_dict_of_defaults_is_typed_as_its_defaults() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        legacy = _recording_rule([], "APP303", options={"count": 2, "strict": True, "names": ["a"], "map": {}})
    assert legacy.configure({"count": "3", "strict": "false", "names": "b,c"}) == {
        "count": 3,
        "strict": False,
        "names": ["b", "c"],
        "map": {},
    }
    with pytest.raises(OptionError, match="an integer"):
        legacy.configure({"count": "many"})


#: The options each read of the test connectors received, in order.
RECEIVED: list[dict[str, Any]] = []


class LegacyConnector(Connector):
    """A connector written against 0.1: no declaration, ``**options``."""

    name = "legacy-epl"
    formats = ("legacy-epl",)
    extensions = (".lepl",)

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        RECEIVED.append(options)
        return ReadResult(bundle=Bundle(sources=(str(source),)), source=str(source))


@attrs.frozen(kw_only=True)
class EplOptions:
    year: int | None = option(None, "Plan year.", validator=between(1945, 2200))


class DeclaredConnector(LegacyConnector):
    name = "declared-epl"
    formats = ("declared-epl",)
    extensions = (".depl",)
    read_options = EplOptions


class LegacyExporter(Exporter):
    name = "legacy-txt"
    formats = ("legacy-txt",)
    extension = ".ltxt"
    accepts = (sinkron.Report,)

    def render(self, obj: Any, **options: Any) -> bytes:
        return json.dumps(sorted(options.items())).encode("utf-8")


class Plugin:
    @sinkron.hookimpl
    def sinkron_register_connectors(self, register: Any) -> None:
        register(LegacyConnector())
        register(DeclaredConnector())

    @sinkron.hookimpl
    def sinkron_register_exporters(self, register: Any) -> None:
        register(LegacyExporter())


@pytest.fixture
def plugin() -> Iterator[PluginManager]:
    reset_plugin_manager()
    manager = get_plugin_manager()
    manager.register(Plugin(), "epl")
    RECEIVED.clear()
    yield manager
    reset_plugin_manager()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_an_undeclared_connector_gets_every_option_as_in_0_1(plugin: PluginManager, tmp_path: Path) -> None:
    source = tmp_path / "plan.lepl"
    source.write_text("x", encoding="utf-8")
    sinkron.read(source, plugins=plugin, year="2026", anything=[1])
    code, _, err = run("read", str(source), "-R", "year=2026", "-R", "strict_names=true", "-R", "note=kab")
    assert code == 0, err
    assert RECEIVED == [
        {"year": "2026", "anything": [1]},
        {"year": 2026, "strict_names": True, "note": "kab"},  # the 0.1 command-line reading
    ]
    _, out, _ = run("plugins")
    assert "connector legacy-epl: not declared" in out


def test_a_declared_connector_gets_typed_options(plugin: PluginManager, tmp_path: Path) -> None:
    source = tmp_path / "plan.depl"
    source.write_text("x", encoding="utf-8")
    sinkron.read(source, plugins=plugin, year="2026")
    code, _, err = run("read", str(source), "-R", "year=2027")
    assert code == 0, err
    assert RECEIVED == [{"year": 2026}, {"year": 2027}]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("year=abc", "--read-option: the declared-epl connector: option 'year': invalid value (expected an integer"),
        ("year=1500", "option 'year': invalid value (expected a number from 1945 to 2200, got 1500)"),
        ("yaer=2026", "no connector of these sources takes yaer (options: declared-epl: year)"),
    ],
)
def test_a_bad_read_option_stops_the_command_before_reading(
    plugin: PluginManager, tmp_path: Path, option: str, message: str
) -> None:
    source = tmp_path / "plan.depl"
    source.write_text("x", encoding="utf-8")
    for command in ("read", "check"):
        code, _, err = run(command, str(source), "-R", option)
        assert code == 2 and message in err, err
    assert RECEIVED == []
    with pytest.raises(OptionError):
        sinkron.read_result(source, plugins=plugin, **dict([option.split("=")]))
    assert RECEIVED == []


def test_each_source_gets_the_options_its_connector_declares(plugin: PluginManager, tmp_path: Path) -> None:
    declared = tmp_path / "plan.depl"
    declared.write_text("x", encoding="utf-8")
    document = sinkron.write(Bundle(), tmp_path / "other.json")
    code, _, err = run("check", str(declared), str(document), "-R", "year=2026", "--exit-zero")
    assert code == 0, err
    assert RECEIVED == [{"year": 2026}]  # the JSON document's connector takes no year


def test_a_bad_rule_option_stops_check_before_reading(plugin: PluginManager, tmp_path: Path) -> None:
    source = tmp_path / "plan.depl"
    source.write_text("x", encoding="utf-8")
    code, _, err = run("check", str(source), "--option", "SKN403.min_share=abc")
    assert code == 2
    assert "rule SKN403: option 'min_share': invalid value (expected a decimal number, got 'abc')" in err
    assert RECEIVED == []


def test_an_undeclared_exporter_gets_every_option_and_a_declared_one_only_its_own(
    plugin: PluginManager, tmp_path: Path
) -> None:
    report = check(Bundle())
    legacy = sinkron.write(report, tmp_path / "r.ltxt", plugins=plugin, language="en", width=80)
    assert json.loads(legacy.read_text(encoding="utf-8")) == [["language", "en"], ["width", 80]]
    with pytest.raises(OptionError, match="the report-json exporter: option 'language': unknown option"):
        sinkron.write(report, tmp_path / "r.json", plugins=plugin, language="en")
    with pytest.raises(OptionError, match="option 'width': invalid value"):
        sinkron.write(report, tmp_path / "r.txt", plugins=plugin, width="wide")
    code, out, err = run("check", "--demo", "--format", "legacy-txt", "--lang", "en", "--exit-zero")
    assert code == 0 and json.loads(out) == [["language", "en"]], err
    code, out, _ = run("check", "--demo", "--format", "json", "--lang", "en", "--exit-zero")
    assert code == 0 and json.loads(out)["findings"]  # the JSON report declares no language: not given one


def test_plugins_lists_every_declared_option(plugin: PluginManager) -> None:
    code, out, _ = run("plugins", "--options")
    assert code == 0
    assert "connector declared-epl:" in out and "year: int | None — Plan year." in out
    assert "pagu_tolerance: Decimal = 0.10 — Relative difference of pagu tolerated (0.10 is 10 %)." in out
    code, out, _ = run("plugins", "--format", "json")
    listed = {i["name"]: i["options"] for i in json.loads(out)}
    assert listed["epl"]["connector declared-epl"] == [
        {"name": "year", "type": "int | None", "default": "", "description": "Plan year.", "expected": "an integer"}
    ]
    assert listed["epl"]["connector legacy-epl"] is None


def test_the_failing_rule_path_is_not_used_for_options(plugin: PluginManager) -> None:
    # the documented usage error, not "rule SKN403 failed … site-packages", and nothing checked
    code, out, err = run("check", "--demo", "--option", "SKN403.min_share=abc")
    assert code == 2 and out == "" and "failed" not in err
