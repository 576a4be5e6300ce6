"""The plugin template: `sinkron plugin new` makes a project that installs, is listed, reads, checks and exports.

The generated project is made installed the quick way (a ``*.dist-info`` beside its sources on the path,
as ``plugin_dist`` does) and its own tests run in a fresh pytest process, with the conformance kit only.
Then a second rule and a connector for a new CSV layout are added, written from docs/plugins.md alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from plugin_dist import write_dist_info

from sinkron.cli import main


def _generate(tmp_path: Path, name: str = "emonev") -> Path:
    project = tmp_path / f"sinkron-{name}"
    result = CliRunner().invoke(main, ["plugin", "new", name, "--directory", str(project)])
    assert result.exit_code == 0, result.output
    write_dist_info(tmp_path / "site", f"sinkron-{name}", name, f"sinkron_{name.replace('-', '_')}.plugin")
    return project


def _pytest(project: Path, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(project / "src"), str(site)]),
        "SINKRON_LOAD_PLUGINS": "",  # only what a test asks for: the installed first-party plugins stay out
    }
    env.pop("SINKRON_DISABLED_PLUGINS", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error::DeprecationWarning", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_generated_plugin_passes_its_own_tests(tmp_path: Path) -> None:
    project = _generate(tmp_path)
    assert (project / "src" / "sinkron_emonev" / "plugin.py").is_file()
    assert 'emonev = "sinkron_emonev.plugin"' in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert "myplugin" not in "".join(p.read_text(encoding="utf-8") for p in project.rglob("*.py"))
    run = _pytest(project, tmp_path / "site")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "4 passed" in run.stdout


SECOND_RULE_AND_LAYOUT = '''
    """Added to the generated plugin from docs/plugins.md alone: a rule and a connector for a second layout."""

    from __future__ import annotations

    from pathlib import Path

    import sinkron
    from sinkron import Bundle, Location, Severity, SourceError
    from sinkron.align import rule
    from sinkron.connector import Connector, ReadResult
    from sinkron.models import Plan, PlanKind, PlanPeriod, Provenance
    from sinkron.plugins import hookimpl
    from sinkron.testing.conformance import (
        assert_connector_reads,
        assert_reports_broken_inputs,
        assert_rule_fires,
        assert_rule_silent_on_aligned_bundles,
    )


    @rule("APP102", "renja-without-title", Severity.INFO, id="Renja tanpa judul bermakna.", en="A Renja without a real title.")
    def renja_without_title(ctx):
        for plan in ctx.bundle.plans:
            if plan.title.strip().lower() == "renja":
                yield ctx.finding(plan.id, id="Judul Renja kosong.", en="The Renja has no real title.")


    class PlanListConnector(Connector):
        """A second CSV layout: ``rencana;judul;tahun`` (semicolons), one plan per row."""

        name = "emonev-plans"
        extensions = (".csv",)
        priority = 1

        def detect(self, source):
            return Path(source).read_text(encoding="utf-8").startswith("rencana;judul;tahun")

        def read(self, source, *, progress=None, **options):
            where = str(source)
            try:
                lines = Path(where).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                return ReadResult(bundle=Bundle(), errors=[SourceError(str(exc), location=Location(source=where))])
            if not lines or lines[0] != "rencana;judul;tahun":
                error = SourceError("not a plan list", location=Location(source=where, row=1), expected="rencana;judul;tahun")
                return ReadResult(bundle=Bundle(), errors=[error], source=where)
            plans, errors = [], []
            for number, line in enumerate(lines[1:], start=2):
                try:
                    plan_id, title, year = line.split(";")
                    plans.append(Plan(id=plan_id, kind=PlanKind.RENJA_PD, title=title,
                                      period=PlanPeriod(start=int(year), end=int(year)),
                                      provenance=Provenance(source=where, row=number)))
                except ValueError as exc:
                    errors.append(SourceError(str(exc), location=Location(source=where, row=number)))
            return ReadResult(bundle=Bundle(plans=plans, sources=(where,)), errors=errors, source=where)


    class Extra:
        @hookimpl
        def sinkron_register_connectors(self, register):
            register(PlanListConnector())

        @hookimpl
        def sinkron_register_rules(self, register):
            register(renja_without_title)


    def test_second_layout_and_rule(tmp_path):
        source = tmp_path / "plans.csv"
        source.write_text("rencana;judul;tahun\\nrenja-a;Renja;2026\\nrenja-b;Renja Dinas Kesehatan 2026;2026\\n", encoding="utf-8")
        result = assert_connector_reads(PlanListConnector(), source)
        assert [p.id for p in result.bundle.plans] == ["renja-a", "renja-b"]
        assert_reports_broken_inputs(PlanListConnector(), tmp_path / "broken")
        assert_rule_fires(renja_without_title, [result.bundle])
        assert_rule_silent_on_aligned_bundles(renja_without_title, examples=5)

        pm = sinkron.PluginManager(load=["emonev"])
        pm.register(Extra(), name="emonev-extra")
        choice = pm.choose_connector(source)
        assert choice.connector.name == "emonev-plans", choice
        report = sinkron.check(sinkron.read(source, plugins=pm), rules="APP", plugins=pm)
        assert [(f.rule, f.subject) for f in report.findings] == [("APP102", "renja-a")]
'''


def test_the_generated_plugin_extended_from_the_docs(tmp_path: Path) -> None:
    project = _generate(tmp_path)
    (project / "tests" / "test_second_layout.py").write_text(textwrap.dedent(SECOND_RULE_AND_LAYOUT), encoding="utf-8")
    run = _pytest(project, tmp_path / "site")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "5 passed" in run.stdout


def test_plugin_new_refuses_bad_names_and_existing_folders(tmp_path: Path) -> None:
    bad = CliRunner().invoke(main, ["plugin", "new", "E-Monev", "--directory", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "lower case" in bad.stderr
    (tmp_path / "taken").mkdir()
    taken = CliRunner().invoke(main, ["plugin", "new", "emonev", "--directory", str(tmp_path / "taken")])
    assert taken.exit_code == 2 and "already exists" in taken.stderr


@pytest.mark.parametrize("name", ["emonev", "sakip-kinerja"])
def test_names_are_carried_into_every_file(tmp_path: Path, name: str) -> None:
    project = _generate(tmp_path, name)
    module = name.replace("-", "_")
    assert (project / "tests" / f"test_{module}.py").is_file()
    assert f'name = "sinkron-{name}"' in (project / "pyproject.toml").read_text(encoding="utf-8")
