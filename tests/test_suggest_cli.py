"""``sinkron suggest``: the demo run, every output format, options and usage errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sinkron import write
from sinkron.cli import main
from sinkron.demo import UNTAGGED, demo_bundle


def test_suggest_demo_text_lists_the_untagged_items() -> None:
    result = CliRunner().invoke(main, ["suggest", "--demo", "--top-k", "3"])
    assert result.exit_code == 0, result.output
    for item in UNTAGGED:
        assert item.subject in result.output
    assert "none applied" in result.output
    assert "Tema yang sama" in result.output
    english = CliRunner().invoke(main, ["suggest", "--demo", "--top-k", "1", "--lang", "en"])
    assert "Shared themes" in english.output or "Shared words" in english.output


def test_suggest_json_and_options(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["suggest", "--demo", "--format", "json", "--target", "priority", "--top-k", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data and all(d["target_kind"] == "priority" and d["link"] == "tagged" for d in data)
    assert {"source", "target", "score", "rank", "matched_terms", "reason", "evidence"} <= set(data[0])
    assert all(0 <= d["score"] <= 1 and d["rank"] <= 2 for d in data)
    out = tmp_path / "s.json"
    plan = "rkpd-kotim-2026"
    result = CliRunner().invoke(main, ["suggest", "--demo", "--plan", plan, "--no-precedent", "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written and all(d["source"].startswith(plan + "#") and d["evidence"]["precedent"] == 0 for d in written)


def test_suggest_csv_to_stdout_and_a_file_source(tmp_path: Path) -> None:
    source = write(demo_bundle(), tmp_path / "demo.json")
    result = CliRunner().invoke(main, ["suggest", str(source), "--format", "csv", "--top-k", "1"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("No,Sumber (source)") and len(lines) > len(UNTAGGED)


def test_suggest_bidang_map_option(tmp_path: Path) -> None:
    table = tmp_path / "map.csv"
    table.write_text("kode,pn,bobot,catatan\n1.03.06,08,1,drainase: banjir\n", encoding="utf-8")
    args = ["suggest", "--demo", "--format", "json", "--plan", "rkpd-palangkaraya-2026", "--top-k", "10"]
    result = CliRunner().invoke(main, [*args, "--bidang-map", str(table)])
    assert result.exit_code == 0, result.output
    drainage = [d for d in json.loads(result.output) if d["source"].endswith("1.03.06.2.01.0019")]
    assert next(d for d in drainage if d["target"] == "PN08")["evidence"]["bidang"] == 1.0


def test_suggest_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["suggest"]).exit_code == 2
    result = runner.invoke(main, ["suggest", "--demo", "--plan", "nope"])
    assert result.exit_code == 2 and "nope" in result.output
    result = runner.invoke(main, ["suggest", "--demo", "--format", "xlsx"])
    assert result.exit_code == 2 and "--output" in result.output
    missing = runner.invoke(main, ["suggest", str(tmp_path / "absent.json")])
    assert missing.exit_code == 2
