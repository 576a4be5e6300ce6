"""The sample inputs in docs/examples/data and the documented commands that use them.

* The committed files are what ``make_samples.py`` writes (regenerated into a temporary folder, they
  read into the same bundle with the same findings), so they never drift from the generator.
* Each sample gives the source findings its README lists, at their rows and columns.
* Every command of README.md, docs/cli.md, docs/spreadsheets.md and docs/examples/data/README.md is run as a user would,
  from a folder laid out like the repository: each ``$ sinkron …`` line of a code block (its output,
  when the block shows one, must be printed exactly), and each inline command naming a sample file.
  A command added to the docs is tested without changing this file.
* README's "From Python" block runs as written.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="the samples are spreadsheets: sinkron-spreadsheet is not installed")
pytest.importorskip("sinkron_sipd", reason="a sample is SIPD JSON: sinkron-sipd is not installed")

import sinkron
from sinkron.connector import ReadResult
from sinkron.convert import unstructure

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "docs" / "examples" / "data"
DOCUMENTED = [ROOT / "README.md", ROOT / "docs" / "cli.md", ROOT / "docs" / "spreadsheets.md", DATA / "README.md"]

#: How each sample is read (what its README says to give).
READ_OPTIONS: dict[str, dict[str, Any]] = {
    "renja-dinkes-2026.xlsx": {},
    "renja-dinkes-2026-perubahan.xlsx": {},
    "renstra-dinkes-2025-2029.xlsx": {},
    "tujuan-sasaran-dinkes.xlsx": {},
    "renstra-dpupr-messy.xlsx": {"start_year": 2025},
    "rkpd-2026-report.xlsx": {},
    "rincian-1.02.02.2.02.0001.xlsx": {},
    "opd-kabupaten.xlsx": {},
    "rkpd-2026-sipd.json": {"format": "sipd", "plan_kind": "rkpd"},
    "anggaran-kas-dinkes-2026.xlsx": {},
    "emonev-dinkes-2026.xlsx": {},
}

#: The source findings of each sample: (rule, row, column).
FINDINGS: dict[str, set[tuple[str, int | None, str | None]]] = {
    "renja-dinkes-2026.xlsx": {("SKN007", 1, None)},
    "renja-dinkes-2026-perubahan.xlsx": {("SKN007", 1, None)},
    "renstra-dinkes-2025-2029.xlsx": set(),
    "tujuan-sasaran-dinkes.xlsx": {("SKN004", 6, "C")},
    "renstra-dpupr-messy.xlsx": {
        *{("SKN003", 5, column) for column in "HJLNP"},
        *{("SKN003", 6, column) for column in "JLNP"},
        ("SKN006", 12, "B"),
        ("SKN010", 13, "B"),
        ("SKN001", 14, "L"),
        ("SKN001", 15, "H"),
        ("SKN004", 17, "E"),
        ("SKN005", 18, "B"),
        ("SKN008", 19, "H"),
        ("SKN014", 20, "C"),
        ("SKN002", 21, "Q"),
        ("SKN009", 21, "G"),
    },
    "rkpd-2026-report.xlsx": set(),
    "rincian-1.02.02.2.02.0001.xlsx": {("SKN013", 7, "K")},
    "opd-kabupaten.xlsx": set(),
    "rkpd-2026-sipd.json": set(),
    "anggaran-kas-dinkes-2026.xlsx": {("SKN007", 1, None)},
    "emonev-dinkes-2026.xlsx": {("SKN007", 1, None)},
}

#: Documented commands whose exit code is not 0.
EXIT_CODES = {
    "sinkron check docs/examples/data/renstra-dpupr-messy.xlsx -R start_year=2025": 1,
    "sinkron check docs/examples/data/renja-dinkes-2026.xlsx docs/examples/data/anggaran-kas-dinkes-2026.xlsx "
    "docs/examples/data/emonev-dinkes-2026.xlsx --as-of 2026-09-30": 1,
}


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", DATA / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(folder: Path, name: str) -> ReadResult:
    return sinkron.read_result(folder / name, **READ_OPTIONS[name])


def located(result: ReadResult) -> set[tuple[str, int | None, str | None]]:
    return {
        (f.rule, f.location.row if f.location else None, f.location.column if f.location else None)
        for f in result.findings
    }


def comparable(result: ReadResult, folder: Path) -> tuple[str, list[tuple[str, str, str]]]:
    """The bundle as JSON and the findings' rules and messages, with the folder's path taken out."""
    bundle = json.dumps(unstructure(result.bundle), sort_keys=True, ensure_ascii=False)
    findings = [(f.rule, f.severity.value, f.message.en) for f in result.findings]
    return bundle.replace(str(folder), "…"), findings


# -- the files ---------------------------------------------------------------------------------------------------
def test_every_sample_is_listed_and_documented() -> None:
    generator = load_generator()
    on_disk = {path.name for path in DATA.iterdir() if path.suffix in (".xlsx", ".json")}
    assert on_disk == set(generator.SAMPLES) == set(READ_OPTIONS) == set(FINDINGS)
    listing = (DATA / "README.md").read_text(encoding="utf-8")
    assert [name for name in generator.SAMPLES if f"| `{name}` |" not in listing] == []


def test_the_committed_samples_are_what_the_generator_writes(tmp_path: Path) -> None:
    written = load_generator().main(tmp_path)
    assert sorted(path.name for path in written) == sorted(READ_OPTIONS)
    for name in READ_OPTIONS:
        assert comparable(read(tmp_path, name), tmp_path) == comparable(read(DATA, name), DATA), name
        assert (tmp_path / name).stat().st_size < 16_000, f"{name} is no longer small"


def test_the_generator_writes_the_same_bytes_every_time(tmp_path: Path) -> None:
    generator = load_generator()
    first, second = generator.main(tmp_path / "a"), generator.main(tmp_path / "b")
    assert [path.read_bytes() for path in first] == [path.read_bytes() for path in second]


@pytest.mark.parametrize("name", sorted(READ_OPTIONS))
def test_each_sample_reads_with_its_findings(name: str) -> None:
    result = read(DATA, name)
    assert result.errors == ()
    assert located(result) == FINDINGS[name]
    left_out = {row for rule, row, _ in FINDINGS[name] if rule in ("SKN005", "SKN010")}
    assert result.complete == (not left_out)  # complete exactly when no row was left out
    assert result.bundle.plans or result.bundle.agencies


def test_the_renja_sample_needs_no_option() -> None:
    (plan,) = sinkron.read(DATA / "renja-dinkes-2026.xlsx").plans
    assert (plan.kind.value, plan.year) == ("renja_pd", 2026)
    assert {sub.agency_id for sub in plan.sub_activities()} == {"1.02.0.00.0.00.01.0000"}  # its Unit Organisasi line
    assert len(list(plan.sub_activities())) == 5


def test_the_messy_renstra_keeps_every_placeable_row() -> None:
    result = read(DATA, "renstra-dpupr-messy.xlsx")
    (plan,) = result.bundle.plans
    codes = [str(sub.code) for sub in plan.sub_activities()]
    assert "1.03.03.2.01.0029" in codes  # row 12: the code filled in from its official name
    assert codes.count("1.03.03.2.01.0022") == 1  # row 13, its duplicate, named and not read
    assert len(codes) == 9


def test_the_renstra_reader_reports_targets_without_their_indicator() -> None:
    """Row 21 has targets but no INDIKATOR: one SKN009 names them all (nothing is dropped silently)."""
    (finding,) = [f for f in read(DATA, "renstra-dpupr-messy.xlsx").findings if f.rule == "SKN009"]
    assert finding.location is not None and (finding.location.row, finding.location.column) == (21, "G")
    assert finding.evidence["found"] == "G21 150; I21 150; K21 200; M21 200; O21 250"


# -- the documented commands ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Command:
    """A command of the docs, and the output they show for it (``None`` when they show none)."""

    source: Path
    line: str
    output: str | None

    def __str__(self) -> str:
        return f"{self.source.relative_to(ROOT)}: {self.line}"


_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.M | re.S)
_INLINE = re.compile(r"`((?:\.venv/bin/)?sinkron [^`]*docs/examples/data/[^`]*)`")


def documented_commands(path: Path) -> Iterator[Command]:
    """``$ sinkron …`` lines of the code blocks with the output under them, then inline commands naming a sample."""
    text = path.read_text(encoding="utf-8")
    for block in _FENCE.findall(text):
        lines = block.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(lines)
            output = "\n".join(lines[start + 1 : end])
            yield Command(path, lines[start][2:], output + "\n" if output else None)
    for line in _INLINE.findall(_FENCE.sub("", text)):
        yield Command(path, line, None)


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``command`` as a shell runs it, with this interpreter's ``sinkron``; stderr printed into stdout, as on a terminal."""
    program, *arguments = shlex.split(command)
    assert program in ("sinkron", ".venv/bin/sinkron"), command
    return subprocess.run(
        [sys.executable, "-m", "sinkron", *arguments],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )


def repository_like(folder: Path) -> Path:
    """A folder holding the samples where the repository does, so the docs' relative paths work in it."""
    shutil.copytree(DATA, folder / "docs" / "examples" / "data", ignore=shutil.ignore_patterns("*.py", "*.md"))
    return folder


def test_the_docs_have_commands_on_the_samples() -> None:
    commands = [c for path in DOCUMENTED for c in documented_commands(path)]
    on_samples = {c.line for c in commands if "docs/examples/data/" in c.line}
    for verb in ("read", "check", "convert", "diff"):
        assert any(line.split()[1] == verb for line in on_samples), verb
    assert ".venv/bin/sinkron check docs/examples/data/renstra-dpupr-messy.xlsx -R start_year=2025" in on_samples


@pytest.mark.parametrize("path", DOCUMENTED, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_documented_commands_run_as_written(path: Path, tmp_path: Path) -> None:
    folder = repository_like(tmp_path)
    commands = list(documented_commands(path))
    assert commands, f"{path.name} shows no sinkron command"
    for command in commands:  # in order: a later command may read what an earlier one wrote
        result = run(command.line, folder)
        expected_code = EXIT_CODES.get(command.line.removeprefix(".venv/bin/"), 0)
        assert result.returncode == expected_code, f"{command}\n{result.stdout}"
        assert "Traceback" not in result.stdout, str(command)
        if command.output is not None:
            assert result.stdout == command.output, str(command)
        if shlex.split(command.line)[1] in ("read", "check") and not re.search("--select|--ignore", command.line):
            for name in re.findall(r"docs/examples/data/([\w.-]+)", command.line):  # key output: the sample's findings
                assert name in result.stdout, str(command)
                rules = {rule for rule, _, _ in FINDINGS[name]}
                assert rules <= set(re.findall(r"SKN\d{3}", result.stdout)), str(command)


def python_block(path: Path, heading: str) -> str:
    text = path.read_text(encoding="utf-8")
    section = text[text.index(heading) :]
    match = re.search(r"^```python\n(.*?)^```", section, re.M | re.S)
    assert match is not None, f"no python block under {heading}"
    return match.group(1)


def test_readme_python_example_runs_from_the_repository_root(tmp_path: Path) -> None:
    folder = repository_like(tmp_path)
    code = python_block(ROOT / "README.md", "## From Python")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    printed_rules = re.findall(r"^(SKN\d{3}) (error|warning|info) ", result.stdout, re.M)
    assert ("SKN007", "info") in printed_rules  # the Renja's year, taken from its title
    report = (folder / "laporan-sinkronisasi.html").read_text(encoding="utf-8")
    assert all(rule in report for rule, _ in printed_rules)
