"""One output path for the CLI: formats from the registered exporters (a third party's too), files or stdout
through ``sinkron.write``, unknown extensions refused, and a closed output pipe ended quietly."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from plugin_dist import installed_plugin

import sinkron
from sinkron.align.report import Report
from sinkron.cli import main
from sinkron.demo import demo_bundle
from sinkron.models import Bundle
from sinkron.plugins import PluginManager, reset_plugin_manager

# A third party's exporter: one line per finding, as tab-separated values.
FINDINGS_TSV = """
    from sinkron import hookimpl
    from sinkron.align.report import Report
    from sinkron.exporter import Exporter

    class FindingsTsv(Exporter):
        name = "findings-tsv"
        formats = ("tsv",)
        extension = ".tsv"
        accepts = (Report,)

        def render(self, obj, **options):
            lines = [f"{f.rule}\\t{f.severity.value}\\t{f.subject}" for f in obj.findings]
            return ("\\n".join(["rule\\tseverity\\tsubject", *lines]) + "\\n").encode("utf-8")

    @hookimpl
    def sinkron_register_exporters(register):
        register(FindingsTsv())
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def tsv_plugin(tmp_path: Path) -> Iterator[None]:
    reset_plugin_manager()
    with installed_plugin(
        tmp_path / "dist", "sinkron-findings-tsv", "findings_tsv", "sinkron_findings_tsv", FINDINGS_TSV
    ):
        yield
    reset_plugin_manager()


def _rules_of(tsv: str) -> list[str]:
    return [line.split("\t")[0] for line in tsv.splitlines()[1:]]


@pytest.mark.usefixtures("tsv_plugin")
def test_a_third_party_exporter_is_a_format_of_check(tmp_path: Path) -> None:
    _, help_text, _ = run("check", "--help")
    assert "tsv" in re.search(r"--format \[([^\]]*)\]", help_text).group(1).split("|")  # type: ignore[union-attr]
    code, out, err = run("check", "--demo", "--format", "tsv")
    assert code == 1 and err == ""
    assert out.startswith("rule\tseverity\tsubject\n") and "SKN101" in _rules_of(out)
    target = tmp_path / "temuan.tsv"
    code, out, err = run("check", "--demo", "--output", str(target))  # chosen by the extension
    assert code == 1 and out == "" and f"wrote {target}" in err
    assert _rules_of(target.read_text(encoding="utf-8")) == _rules_of(run("check", "--demo", "--format", "tsv")[1])


def test_every_registered_report_format_works_on_stdout_and_in_a_file(tmp_path: Path) -> None:
    reset_plugin_manager()
    pm = PluginManager()
    for name in pm.output_formats(Report):
        target = tmp_path / f"laporan-{name}"
        code, _, err = run("check", "--demo", "--exit-zero", "--format", name, "--output", str(target))
        assert code == 0 and target.stat().st_size > 0, (name, err)
        if pm.exporter_for(Report(), name).binary:
            continue  # never printed (a terminal would get garbage); written to the file above
        printed = CliRunner().invoke(main, ["check", "--demo", "--exit-zero", "--format", name])
        assert printed.exit_code == 0 and printed.stdout_bytes == target.read_bytes(), name


@pytest.mark.parametrize("name", ["laporan.pdf", "laporan.log", "laporan.docx"])
def test_an_extension_no_exporter_writes_is_a_usage_error(tmp_path: Path, name: str) -> None:
    code, out, err = run("check", "--demo", "--output", str(tmp_path / name))
    assert code == 2 and out == ""
    assert "unknown output format" in err and "--format" in err and "html" in err
    assert list(tmp_path.iterdir()) == []  # nothing written, certainly not text into a .pdf


def test_sinkron_write_refuses_the_same_extension(tmp_path: Path) -> None:
    with pytest.raises(sinkron.UnknownFormat, match="pdf"):
        sinkron.write(Report(), tmp_path / "laporan.pdf")


def test_convert_help_lists_only_formats_that_write_a_bundle(tmp_path: Path) -> None:
    reset_plugin_manager()
    _, help_text, _ = run("convert", "--help")
    listed = re.search(r"--to \[([^\]]*)\]", help_text).group(1).split("|")  # type: ignore[union-attr]
    assert listed == PluginManager().output_formats(Bundle) and "json" in listed
    assert "csv" not in listed  # the csv connector reads only, and no exporter writes a bundle as csv
    source = tmp_path / "renja.json"  # one Renja PD of one unit: a plan every format can hold
    sinkron.write(Bundle(plans=[p for p in demo_bundle().plans if p.id == "renja-dinkes-kalteng-2026"]), source)
    for to in listed:
        if to in ("parquet", "arrow") and not _importable("pyarrow"):
            continue
        code, _, err = run("convert", str(source), str(tmp_path / f"out-{to}"), "--to", to)
        assert code == 0, (to, err)
    code, _, err = run("convert", str(source), str(tmp_path / "out.csv"), "--to", "csv")
    assert code == 2 and "'csv' is not one of" in err


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


@pytest.mark.parametrize(
    "args", [["plugins"], ["plugins", "--format", "json"], ["check", "--demo", "--format", "json"]]
)
def test_a_closed_output_pipe_ends_quietly(args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before sinkron writes a byte: every write meets a broken pipe
    try:
        done = subprocess.run(
            [sys.executable, "-m", "sinkron", *args], stdout=write_end, stderr=subprocess.PIPE, check=False
        )
    finally:
        os.close(write_end)
    assert done.stderr.decode() == ""  # no "unexpected BrokenPipeError", no "Exception ignored"
    assert done.returncode == 141


def test_output_dash_is_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--demo", "--exit-zero", "--format", "md", "--output", "-")
    assert code == 0 and out == run("check", "--demo", "--exit-zero", "--format", "md")[1] and out
    code, out, _ = run("read", str(_demo_json(tmp_path)), "--to", "json", "-o", "-")
    assert code == 0 and out.lstrip().startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.json"]  # no file named "-"


def _demo_json(folder: Path) -> Path:
    target = folder / "demo.json"
    sinkron.write(demo_bundle(), target)
    return target


@pytest.mark.parametrize("command", [["check", "--demo", "--exit-zero"], ["read", "DEMO", "--to", "json"]])
def test_output_onto_a_link_or_fifo_is_a_usage_error_and_leaves_it(tmp_path: Path, command: list[str]) -> None:
    command = [str(_demo_json(tmp_path)) if part == "DEMO" else part for part in command]
    pointed = tmp_path / "asli.md"
    pointed.write_bytes(b"asli")
    (tmp_path / "tautan.md").symlink_to(pointed)
    os.mkfifo(tmp_path / "pipa.md")
    for name, kind in (("tautan.md", "is a symbolic link"), ("pipa.md", "is a FIFO")):
        code, out, err = run(*command, "--output", str(tmp_path / name))
        assert code == 2 and out == "" and kind in err, err
    assert (tmp_path / "tautan.md").is_symlink() and pointed.read_bytes() == b"asli"
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipa.md").st_mode)
