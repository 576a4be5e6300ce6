"""The examples in sinkron-spreadsheet's docstrings run."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")

import sinkron_spreadsheet


@pytest.mark.parametrize(
    "name", [m.name for m in pkgutil.walk_packages(sinkron_spreadsheet.__path__, "sinkron_spreadsheet.")]
)
def test_module_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0
