"""sinkron's pytest plugin (entry point ``pytest11``): fixtures for applications built on sinkron.

* ``sinkron_demo_bundle`` — the built-in demo Bundle (a synthetic province with planted inconsistencies).
* ``sinkron_plugin_manager`` — an isolated :class:`~sinkron.plugins.PluginManager`: plugins you
  register in the test are gone afterwards; third-party entry points are *not* loaded unless the
  test is marked ``@pytest.mark.sinkron_entry_points`` or pytest runs with ``--sinkron-entry-points``.
* ``sinkron_spreadsheet`` — writes real ``.xlsx``/``.csv`` files in ``tmp_path`` from rows, or ``.xlsx`` from a
  Bundle in a chosen layout (needs the spreadsheet plugin for layouts and for xlsx).
"""

from __future__ import annotations

import csv
import importlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from sinkron.models import Bundle
from sinkron.plugins import PluginManager, get_plugin_manager

__all__ = ["SpreadsheetBuilder"]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sinkron")
    group.addoption(
        "--sinkron-entry-points",
        action="store_true",
        default=False,
        help="let the sinkron_plugin_manager fixture load third-party sinkron plugins from entry points",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sinkron_entry_points: the sinkron_plugin_manager fixture also loads installed entry-point plugins"
    )


@pytest.fixture
def sinkron_demo_bundle() -> Bundle:
    """The built-in demo bundle (``sinkron check --demo`` checks the same data)."""
    from sinkron.demo import demo_bundle

    return demo_bundle()


@pytest.fixture
def sinkron_plugin_manager(request: pytest.FixtureRequest) -> Iterator[PluginManager]:
    """An isolated plugin manager with sinkron's built-ins; pass it as ``plugins=`` to read/write/check."""
    load = (
        bool(request.config.getoption("--sinkron-entry-points"))
        or request.node.get_closest_marker("sinkron_entry_points") is not None
    )
    manager = PluginManager(load_entry_points=load)
    yield manager
    for info in manager.plugins():
        if info.status == "loaded":
            manager.unregister(info.name)


class SpreadsheetBuilder:
    """Builds real spreadsheet files in a folder (see the ``sinkron_spreadsheet`` fixture)."""

    def __init__(self, folder: Path, plugins: PluginManager | None = None) -> None:
        self.folder = folder
        self.plugins = plugins

    def rows(self, name: str, rows: Sequence[Sequence[Any]], *, sheet: str = "Sheet1") -> Path:
        """Write ``rows`` (the first is the header) to ``name`` (``.csv`` or ``.xlsx``)."""
        path = self.folder / name
        if path.suffix.lower() == ".csv":
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows(rows)
            return path
        if path.suffix.lower() != ".xlsx":
            raise ValueError(f"{name}: use a .csv or .xlsx name")
        try:
            openpyxl: Any = importlib.import_module("openpyxl")
        except ImportError:  # pragma: no cover - depends on the environment
            pytest.skip("writing .xlsx needs openpyxl (pip install sinkron-spreadsheet)")
        workbook = openpyxl.Workbook()
        worksheet = workbook.active
        assert worksheet is not None
        worksheet.title = sheet
        for row in rows:
            worksheet.append(list(row))
        workbook.save(path)
        return path

    def bundle(self, name: str, bundle: Bundle, *, layout: str | None = None) -> Path:
        """Write ``bundle`` to ``name`` (``.xlsx``) through the spreadsheet plugin, in ``layout`` (e.g. ``"renja"``).

        Layouts: ``renstra``, ``renja``, ``rkpd-report``, ``tujuan-sasaran`` (default: by plan kind).
        The test is skipped only when the spreadsheet plugin is not installed; a name sinkron cannot
        write a Bundle to (``.csv``: the plugin reads csv exports but does not write them) raises
        :class:`ValueError`.
        """
        import sinkron

        path = self.folder / name
        if path.suffix.lower() not in _BUNDLE_SUFFIXES:
            raise ValueError(
                f"{name}: a Bundle is written as {' or '.join(_BUNDLE_SUFFIXES)} (the spreadsheet plugin reads csv "
                "exports but does not write them); use .rows() to write csv rows"
            )
        manager = self.plugins or get_plugin_manager()
        if "spreadsheet" not in manager.connectors():  # pragma: no cover - depends on the environment
            pytest.skip(f"writing {name} needs the spreadsheet plugin (pip install sinkron-spreadsheet)")
        options: dict[str, Any] = {"layout": layout} if layout else {}
        return sinkron.write(bundle, path, plugins=self.plugins, **options)


_BUNDLE_SUFFIXES = (".xlsx", ".xlsm")


@pytest.fixture
def sinkron_spreadsheet(tmp_path: Path) -> SpreadsheetBuilder:
    """A builder of real ``.xlsx``/``.csv`` files in ``tmp_path``."""
    return SpreadsheetBuilder(tmp_path)
