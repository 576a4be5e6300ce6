"""``keep_source=False`` reads the same plans as the full read; it only leaves out how records were written."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from click.testing import CliRunner
from hypothesis import given

from sinkron.cli import main
from sinkron.convert import dumps as sinkron_dumps
from sinkron_sipd import dumps, read_sipd

from .sipd_samples import sub_keg, write_lines
from .test_properties import SETTINGS, document


def _without_sub_keg_layouts(node: Any, under_subs: bool = False) -> Any:
    """The JSON of a bundle without the SIPD layouts of its sub kegiatan (what ``keep_source`` keeps)."""
    if isinstance(node, dict):
        out = {key: _without_sub_keg_layouts(value, key == "sub_activities") for key, value in node.items()}
        if under_subs and isinstance(out.get("extra"), dict):
            out["extra"] = {key: value for key, value in out["extra"].items() if key != "sipd"}
            if not out["extra"]:
                del out["extra"]  # an empty extra is not written
        return out
    if isinstance(node, list):
        return [_without_sub_keg_layouts(item, under_subs) for item in node]
    return node


def _read_both(path: Path, **options: Any) -> tuple[Any, Any]:
    full = read_sipd(path, **options)
    lean = read_sipd(path, keep_source=False, **options)
    assert [str(e) for e in lean.errors] == [str(e) for e in full.errors]
    assert lean.bundle.source_findings == full.bundle.source_findings
    return full.bundle, lean.bundle


@SETTINGS
@given(document())
def test_a_lean_read_holds_the_same_plans_as_the_full_read(doc: tuple[str, Any]) -> None:
    _shape, content = doc
    records = content["data"] if isinstance(content, dict) else content
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.json"
        path.write_text(json.dumps(records), encoding="utf-8")
        full, lean = _read_both(path)
    assert _without_sub_keg_layouts(json.loads(sinkron_dumps(lean))) == _without_sub_keg_layouts(
        json.loads(sinkron_dumps(full))
    )


def test_a_lean_read_keeps_no_layout_and_writes_the_canonical_form(tmp_path: Path) -> None:
    records = [sub_keg(pagu="1.500.000"), sub_keg(code="1.02.02.2.02.0002", name="Pelayanan Kesehatan Bayi")]
    path = write_lines(tmp_path / "rkpd.jsonl", records)
    full, lean = _read_both(path)
    lean_subs = [sub for plan in lean.plans for sub in plan.sub_activities()]
    full_subs = [sub for plan in full.plans for sub in plan.sub_activities()]
    assert len(lean_subs) == len(full_subs) == 2
    assert all("sipd" not in sub.extra for sub in lean_subs)
    assert all("sipd" in sub.extra for sub in full_subs)
    # kegiatan and program indicators repeated by both records are on their kegiatan/program once, either way
    assert [i.name for i in lean.plans[0].programs[0].indicators] == [
        i.name for i in full.plans[0].programs[0].indicators
    ]
    full_text, lean_text = dumps(full, target=path), dumps(lean, target=path)
    assert '"1.500.000"' in full_text  # the source's spelling, kept
    assert '"1.500.000"' not in lean_text and '"1500000"' in lean_text  # the canonical form


def test_only_convert_asks_the_sipd_reader_to_keep_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_lines(tmp_path / "rkpd.jsonl", [sub_keg(pagu="1.500.000")])
    seen: list[bool] = []
    original = read_sipd

    def spy(source: Any, **options: Any) -> Any:
        seen.append(options["keep_source"])
        return original(source, **options)

    monkeypatch.setattr("sinkron_sipd.connector.read_sipd", spy)
    runner = CliRunner()
    assert runner.invoke(main, ["read", str(path)]).exit_code == 0
    assert runner.invoke(main, ["convert", str(path), str(tmp_path / "out.jsonl"), "--to", "sipd"]).exit_code == 0
    assert runner.invoke(main, ["read", str(path), "-R", "keep_source=yes"]).exit_code == 0
    assert seen == [False, True, True]
    assert '"1.500.000"' in (tmp_path / "out.jsonl").read_text(encoding="utf-8")
