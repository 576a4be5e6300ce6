"""The examples in sinkron-sipd's docstrings run."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

sinkron_sipd = pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")

MODULES = ["sinkron_sipd", *(info.name for info in pkgutil.walk_packages(sinkron_sipd.__path__, "sinkron_sipd."))]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_examples_exist() -> None:
    attempted = sum(doctest.testmod(importlib.import_module(name)).attempted for name in MODULES)
    assert attempted >= 5
