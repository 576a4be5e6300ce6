"""The plugin as users meet it: discovered through its entry point; the priority-tree folder connector."""

from __future__ import annotations

import importlib.metadata
import shutil
from importlib import resources
from pathlib import Path

import pytest

import sinkron
from sinkron.models import PriorityKind
from sinkron_kl import PriorityTreeConnector


def _installed() -> bool:
    try:
        importlib.metadata.distribution("sinkron-kl")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def shipped(name: str) -> Path:
    folder = resources.files("sinkron.kl").joinpath("data", name)
    assert isinstance(folder, Path)
    return folder


@pytest.mark.skipif(not _installed(), reason="the sinkron-kl distribution is not installed (no entry point)")
def test_discovered_through_the_real_entry_point() -> None:
    entry = [e for e in importlib.metadata.entry_points(group="sinkron") if e.name == "kl"]
    assert [e.value for e in entry] == ["sinkron_kl.plugin"]
    manager = sinkron.PluginManager()
    assert {"sakti", "krisna", "priority-tree"} <= set(manager.connectors())
    assert "tables-xlsx" in manager.exporters()
    info = next(p for p in manager.plugins() if p.name == "kl")
    assert info.status == "loaded" and info.distribution == "sinkron-kl"
    assert "sakti" not in sinkron.PluginManager(disable=["kl"]).connectors()


def test_priority_tree_folder_reads_into_tree_and_priorities(tmp_path: Path) -> None:
    connector = PriorityTreeConnector()
    folder = shipped("rpjmn-2025-2029")
    assert connector.handles(folder) and not connector.handles(tmp_path)
    result = connector.read(folder)
    assert result.errors == ()
    (tree,) = result.bundle.national.priority_trees
    assert tree.id == "rpjmn-2025-2029"
    kinds = [p.kind for p in result.bundle.priorities]
    assert kinds.count(PriorityKind.NATIONAL) == 8 and len(kinds) == len(tree.nodes)
    vocabulary = connector.read(shipped("tematik-anggaran")).raise_for_errors()
    assert {p.kind for p in vocabulary.priorities} == {PriorityKind.THEMATIC}


def test_priority_tree_folder_errors_are_located(tmp_path: Path) -> None:
    folder = tmp_path / "rkp-2026"
    shutil.copytree(shipped("rpjmn-2025-2029"), folder)
    with (folder / "prioritas.csv").open("a", encoding="utf-8") as handle:
        handle.write("09.99.99,Tanpa induk,,,,,,\n")
    result = PriorityTreeConnector().read(folder)
    assert not result.complete
    assert any((e.location.source and "prioritas.csv" in e.location.source) or "09.99" in str(e) for e in result.errors)
    assert PriorityTreeConnector().read(folder, unknown=1).errors[0].message.startswith("unknown option")
