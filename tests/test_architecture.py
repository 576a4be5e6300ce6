"""The floors of docs/architecture.md, enforced by reading every module's imports (like an import-linter contract).

A module may import from its own floor and the floors below it, never from a floor above. Every
import counts — at the top of a module or inside a function, absolute or relative — except those
under ``if TYPE_CHECKING:``, which only type checkers run.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs

import sinkron

SOURCE = Path(sinkron.__file__).resolve().parent

#: The floors, lowest first, each with the modules and packages on it (a package takes its submodules along).
#: A floor may list a module that does not exist yet; every module that exists must be on a floor.
FLOORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("errors", ("sinkron.errors", "sinkron._version", "sinkron.atomic", "sinkron.collector")),
    ("values", ("sinkron.codes", "sinkron.numbers", "sinkron.names")),
    ("models", ("sinkron.models", "sinkron.models.national", "sinkron.models.findings")),
    ("nomenclature", ("sinkron.nomenclature", "sinkron.regions")),
    (
        "engine and I/O",
        (
            "sinkron.convert",
            "sinkron.options",
            "sinkron.align",
            "sinkron.io",
            "sinkron.diff",
            "sinkron.bridge",
            "sinkron.meetings",
            "sinkron.monitoring",
            "sinkron.suggest",
            "sinkron.kl",
            "sinkron.spm",
            "sinkron.connector",
            "sinkron.source_findings",
            "sinkron.exporter",
            "sinkron.safe_text",
            "sinkron.sheet_rows",
            "sinkron.plugins",
            "sinkron.progress",
            "sinkron.demo",
            "sinkron.poverty",
        ),
    ),
    ("public API", ("sinkron",)),
    ("built-in plugins", ("sinkron.builtins",)),
    ("commands and testing kit", ("sinkron.cli", "sinkron.__main__", "sinkron.testing")),
)


@attrs.frozen
class Import:
    """One import statement's target, as a module name, with where it is written."""

    module: str
    target: str
    line: int


TEMPLATE = "_plugin_template"


def module_names(root: Path = SOURCE) -> dict[str, Path]:
    """Every module of the package under ``root``, by dotted name."""
    names: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        if TEMPLATE in path.relative_to(root).parts:
            continue  # the plugin template an installed wheel carries is data `sinkron plugin new` copies
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def floor_of(module: str) -> int | None:
    """The index in FLOORS of the floor ``module`` is on: its own entry or its nearest listed package."""
    best: tuple[int, int] | None = None
    for index, (_, entries) in enumerate(FLOORS):
        for entry in entries:
            matches = module == entry or (entry != "sinkron" and module.startswith(entry + "."))
            if matches and (best is None or len(entry) > best[0]):
                best = (len(entry), index)
    return None if best is None else best[1]


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """The ids of the nodes inside ``if TYPE_CHECKING:`` blocks."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            for statement in node.body:
                inside.update(id(n) for n in ast.walk(statement))
    return inside


def imports_of(module: str, source: str, *, is_package: bool, known: Mapping[str, object]) -> Iterator[Import]:
    """The sinkron modules ``module`` imports at run time; ``from a import b`` names ``a.b`` when that is a module."""
    tree = ast.parse(source)
    skipped = _type_checking_nodes(tree)
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            for alias in node.names:
                submodule = f"{origin}.{alias.name}"
                yield Import(module, submodule if submodule in known else origin, node.lineno)


def upward_imports(sources: Mapping[str, tuple[str, bool]], known: Mapping[str, object]) -> list[str]:
    """One line per import that points to a higher floor, for ``sources`` (module → (source, is_package))."""
    problems: list[str] = []
    for module, (source, is_package) in sorted(sources.items()):
        here = floor_of(module)
        for found in imports_of(module, source, is_package=is_package, known=known):
            if found.target != "sinkron" and not found.target.startswith("sinkron."):
                continue
            there = floor_of(found.target)
            if here is not None and there is not None and there > here:
                problems.append(
                    f"{module}:{found.line} ({FLOORS[here][0]}) imports {found.target} ({FLOORS[there][0]})"
                )
    return sorted(set(problems))


def _real_sources() -> dict[str, tuple[str, bool]]:
    return {
        name: (path.read_text(encoding="utf-8"), path.name == "__init__.py") for name, path in module_names().items()
    }


def test_every_module_is_on_a_floor() -> None:
    assert [name for name in module_names() if floor_of(name) is None] == []


def test_imports_point_down_only() -> None:
    problems = upward_imports(_real_sources(), module_names())
    assert problems == [], "imports pointing up a floor:\n" + "\n".join(problems)


def test_the_check_finds_a_wrong_import() -> None:
    """A model module that imports the CLI three ways is caught three times; a type-only import is not."""
    known = module_names()
    wrong = (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "from sinkron.codes import Code\n"
        "if TYPE_CHECKING:\n"
        "    from sinkron.align import Report\n"
        "import sinkron.cli\n"
        "from .. import cli\n"
        "def run() -> None:\n"
        "    from sinkron.builtins.report_text import render_text\n"
    )
    problems = upward_imports({"sinkron.models.wrong": (wrong, False)}, known)
    assert problems == [
        "sinkron.models.wrong:6 (models) imports sinkron.cli (commands and testing kit)",
        "sinkron.models.wrong:7 (models) imports sinkron.cli (commands and testing kit)",
        "sinkron.models.wrong:9 (models) imports sinkron.builtins.report_text (built-in plugins)",
    ]
    # The same check on the real package passes, so the failure above comes from the wrong imports.
    assert upward_imports({"sinkron.models.money": _real_sources()["sinkron.models.money"]}, known) == []


def test_relative_imports_resolve_from_the_package() -> None:
    source = "from . import bundle\nfrom .national import records\nfrom ..kl import tags\n"
    found = [i.target for i in imports_of("sinkron.models", source, is_package=True, known=module_names())]
    assert found == ["sinkron.models.bundle", "sinkron.models.national.records", "sinkron.kl.tags"]


def test_import_sinkron_loads_few_sinkron_modules() -> None:
    script = "import sys, sinkron; print(sum(1 for m in sys.modules if m == 'sinkron' or m.startswith('sinkron.')))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert int(out) < 30


def test_public_names_load_on_first_use() -> None:
    import sinkron.kl
    import sinkron.models
    import sinkron.models.national

    assert set(sinkron.models.__all__) <= set(sinkron.__all__)
    assert set(sinkron.models.national.__all__) <= set(sinkron.kl.__all__)
    for name in sinkron.__all__:
        assert getattr(sinkron, name) is not None, name
    assert set(sinkron.__all__) <= set(dir(sinkron))
    assert sinkron.Bundle is sinkron.models.Bundle
    assert sinkron.kl.KLCode is sinkron.models.national.KLCode


def test_sinkron_diff_stays_the_function_when_its_module_loads_first() -> None:
    """Importing the submodule ``sinkron.diff`` must not hide the function ``sinkron.diff`` (fresh interpreter)."""
    script = "import sinkron.diff, sinkron; print(sinkron.diff.__module__, callable(sinkron.diff))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["sinkron.diff", "True"]


def test_the_package_exports_every_model() -> None:
    """``sinkron.X`` works for every public model class, as the 0.1 ``from sinkron.models import *`` did."""
    import sinkron
    import sinkron.models

    assert set(sinkron.models.__all__) <= set(sinkron.__all__)
    assert all(getattr(sinkron, name) is getattr(sinkron.models, name) for name in sinkron.models.__all__)
