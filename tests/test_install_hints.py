"""When no installed connector reads a source, sinkron names the first-party plugin that would, and how to install it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sinkron
from sinkron.errors import UnknownFormat
from sinkron.plugins import PluginManager
from sinkron.plugins.first_party import FIRST_PARTY, plugin_for_format, plugin_for_source


@pytest.fixture
def core_only() -> PluginManager:
    """sinkron's built-ins only: as on a machine where no first-party plugin is installed."""
    return PluginManager(load_entry_points=False)


def test_an_xlsx_without_the_spreadsheet_plugin_names_it(core_only: PluginManager, tmp_path: Path) -> None:
    path = tmp_path / "renja.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(UnknownFormat) as caught:
        sinkron.read(path, plugins=core_only)
    text = str(caught.value)
    # The plugin is installed in this environment but not loaded by this manager: the message says so.
    assert "sinkron-spreadsheet reads planning spreadsheets" in text
    assert "installed but not loaded" in text


def test_an_unknown_extension_names_the_cli_flag_and_the_keyword(core_only: PluginManager, tmp_path: Path) -> None:
    path = tmp_path / "data.xyz"
    path.write_text("?")
    with pytest.raises(UnknownFormat, match=r"--from on the command line, format= in Python"):
        sinkron.read(path, plugins=core_only)


def test_a_format_of_a_first_party_plugin_names_it(core_only: PluginManager, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{}")
    with pytest.raises(UnknownFormat, match="sinkron-sipd reads SIPD JSON exports"):
        sinkron.read(path, "sipd", plugins=core_only)


def test_a_sipd_export_read_without_the_sipd_plugin_says_so(core_only: PluginManager, tmp_path: Path) -> None:
    path = tmp_path / "rkpd.json"
    path.write_text(json.dumps({"action": "get_sub_keg", "status": "success", "message": "ok", "data": []}))
    (error,) = sinkron.read_result(path, plugins=core_only).errors
    assert "this is a SIPD export, not a sinkron document" in error.message
    assert "pip install sinkron-sipd" in error.message
    assert "unknown field" not in error.message


def test_every_first_party_plugin_is_a_distribution_in_the_repository() -> None:
    root = Path(__file__).resolve().parents[1] / "plugins"
    assert {p.distribution for p in FIRST_PARTY} == {d.name for d in root.iterdir() if (d / "pyproject.toml").exists()}
    assert plugin_for_source("https://sipd.example/api") is not None
    assert plugin_for_format("parquet") is not None and plugin_for_format("nope") is None
