"""The docs are tested: their examples run, and every public model and field is in the glossary."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import attrs
import pytest

import sinkron
from sinkron.models import MODEL_CLASSES

DOCS = Path(__file__).resolve().parents[1] / "docs"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_markdown_examples(path: Path) -> None:
    result = doctest.testfile(str(path), module_relative=False, optionflags=FLAGS, verbose=False)
    assert result.failed == 0, f"{result.failed} example(s) failed in {path.name}"


def _modules() -> list[str]:
    names = ["sinkron"]
    for info in pkgutil.walk_packages(sinkron.__path__, "sinkron."):
        if ".cli" in info.name or info.name.endswith("__main__"):
            continue
        names.append(info.name)
    return names


@pytest.mark.parametrize("name", _modules())
def test_module_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False)
    assert result.failed == 0


def test_docs_pages_with_python_have_examples() -> None:
    for name in ("models.md", "nomenclature.md", "errors.md"):
        assert ">>> " in (DOCS / name).read_text(encoding="utf-8"), name


def test_glossary_covers_every_model_and_field() -> None:
    text = (DOCS / "glossary.md").read_text(encoding="utf-8")
    missing = []
    for cls in MODEL_CLASSES:
        if not re.search(rf"^### .*\b{cls.__name__}\b", text, re.M):
            missing.append(cls.__name__)
        for field in attrs.fields(cls):
            if f"| `{field.name}` |" not in text:
                missing.append(f"{cls.__name__}.{field.name}")
    assert not missing, f"missing from docs/glossary.md: {missing}"
