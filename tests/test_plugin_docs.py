"""The plugin contract is documented: a new hook, Context member, connector or exporter attribute, enum
member, conformance check or public error that the docs do not describe fails here.

Everything is read from the code (the hook specs, the ``Context`` class, the enums, ``sinkron.errors``),
so the test follows what lands without being edited.
"""

from __future__ import annotations

import enum
import inspect
import re
from pathlib import Path

import pytest

import sinkron
import sinkron.models
from sinkron import errors
from sinkron.align import Context
from sinkron.connector import Connector
from sinkron.exporter import Exporter
from sinkron.plugins import hookspecs
from sinkron.testing import conformance

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_every_hook_has_a_reference_entry() -> None:
    text = _text("plugins.md")
    hooks = [name for name in dir(hookspecs) if name.startswith("sinkron_")]
    assert hooks
    for name in hooks:
        assert re.search(rf"^### `{name}\(register\)`$", text, re.M), f"no '### `{name}(register)`' in plugins.md"
        assert ".. versionadded::" in (getattr(hookspecs, name).__doc__ or ""), f"{name}: no versionadded"


def undocumented_context_members(cls: type = Context) -> list[str]:
    """The public members of ``cls`` (constructor attributes, methods, properties) plugins.md does not describe."""
    attributes = [p for p in inspect.signature(cls.__init__).parameters if p not in ("self", "args", "kwargs")]
    methods = [name for name, _ in inspect.getmembers(cls) if not name.startswith("_")]
    text = _text("plugins.md")
    return sorted(name for name in {*attributes, *methods} if f"`ctx.{name}" not in text)


def test_every_context_member_is_documented() -> None:
    assert not undocumented_context_members(), "Context members not in docs/plugins.md's rule contract"


def test_a_new_context_member_without_docs_is_caught() -> None:
    class Grown(Context):
        def previous_year(self) -> int:
            return self.today.year - 1

    assert undocumented_context_members(Grown) == ["previous_year"]


@pytest.mark.parametrize("base", [Connector, Exporter], ids=lambda c: c.__name__)
def test_every_connector_and_exporter_attribute_and_method_is_documented(base: type) -> None:
    text = _text("plugins.md")
    names = [
        name
        for name, value in vars(base).items()
        if not name.startswith("_") and not name.startswith(("prepare_", "accepts_option", "missing_", "can_"))
    ]
    missing = [name for name in names if f"`{name}" not in text]
    assert not missing, f"{base.__name__} members not in docs/plugins.md: {missing}"


def public_enums() -> list[type[enum.Enum]]:
    found = {}
    for module in (sinkron, sinkron.models):
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isclass(value) and issubclass(value, enum.Enum):
                found[name] = value
    return [found[name] for name in sorted(found)]


@pytest.mark.parametrize("cls", public_enums(), ids=lambda c: c.__name__)
def test_every_enum_member_has_its_indonesian_term(cls: type[enum.Enum]) -> None:
    glossary, models = _text("glossary.md"), _text("models.md")
    for member in cls:
        row = re.search(
            rf"^\| `{cls.__name__}\.{member.name}` \| `{re.escape(str(member.value))}` \| (.+) \|$", glossary, re.M
        )
        assert row and row.group(1).strip(), f"{cls.__name__}.{member.name}: no row with its term in glossary.md"
        line = re.search(rf"^\* `{cls.__name__}`: .*`{member.name}` ", models, re.M)
        assert line, f"{cls.__name__}.{member.name}: not listed in models.md's enumerations"


def public_errors() -> list[type[BaseException]]:
    return [
        value
        for name in errors.__all__
        if inspect.isclass(value := getattr(errors, name))
        and issubclass(value, Exception)
        and not issubclass(value, Warning)
    ]


@pytest.mark.parametrize("cls", public_errors(), ids=lambda c: c.__name__)
def test_every_public_error_constructor_is_shown(cls: type[BaseException]) -> None:
    text = _text("errors.md")
    row = re.search(rf"^\| `{cls.__name__}\((.*?)\)` \|", text, re.M)
    assert row, f"errors.md shows no constructor of {cls.__name__}"
    if "__init__" in vars(cls):
        parameters = list(inspect.signature(cls).parameters)
        shown = [part.split("=")[0].strip() for part in row.group(1).split(",") if part.strip() not in ("", "*")]
        assert parameters == shown, (
            f"{cls.__name__}: errors.md shows ({row.group(1)}), the constructor takes {parameters}"
        )
    assert f"`{cls.__name__}`" in text.split("## Constructors")[0], f"{cls.__name__} is not in errors.md's table"


def test_every_conformance_check_is_documented() -> None:
    text = _text("testing.md")
    missing = [name for name in conformance.__all__ if f"`{name}" not in text]
    assert not missing, f"sinkron.testing.conformance members not in docs/testing.md: {missing}"
