"""The examples in sinkron-kl's docstrings run."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import sinkron_kl


@pytest.mark.parametrize("name", [m.name for m in pkgutil.walk_packages(sinkron_kl.__path__, "sinkron_kl.")])
def test_module_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0
