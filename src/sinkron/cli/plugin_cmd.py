"""``sinkron plugin new NAME``: a new plugin project from the template (docs/examples/plugin-template)."""

from __future__ import annotations

import re
from pathlib import Path

import click

import sinkron
from sinkron.cli._app import fail

#: The name the template's files use; ``sinkron plugin new NAME`` puts NAME in its place.
TEMPLATE_NAME = "myplugin"
_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")


def template_folder() -> Path:
    """The plugin template: packaged with sinkron, or in the source checkout's docs/examples."""
    package = Path(sinkron.__file__).resolve().parent
    for candidate in (package / "_plugin_template", package.parents[1] / "docs" / "examples" / "plugin-template"):
        if (candidate / "pyproject.toml").is_file():
            return candidate
    fail("the plugin template is not installed with this copy of sinkron")


def new_plugin(name: str, target: Path) -> Path:
    """Copy the template to ``target`` with ``name`` in place of the template's name; returns ``target``."""
    module = name.replace("-", "_")
    target.mkdir(parents=True, exist_ok=False)
    source = template_folder()
    for path in sorted(source.rglob("*")):
        if "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        relative = path.relative_to(source).as_posix()
        relative = relative.replace(f"sinkron_{TEMPLATE_NAME}", f"sinkron_{module}").replace(TEMPLATE_NAME, module)
        destination = target / relative
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text(encoding="utf-8")
        text = text.replace(f"sinkron_{TEMPLATE_NAME}", f"sinkron_{module}").replace(TEMPLATE_NAME, name)
        destination.write_text(text, encoding="utf-8")
    return target


@click.group("plugin")
def plugin() -> None:
    """Write sinkron plugins (see docs/plugins.md)."""


@plugin.command("new")
@click.argument("name")
@click.option(
    "--directory",
    "-d",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to create the project (default: ./sinkron-NAME).",
)
def new(name: str, directory: Path | None) -> None:
    """Create an installable plugin project NAME: a connector, a rule, an exporter and their tests.

    NAME is lower case letters, digits and hyphens (``emonev``). The project's distribution is
    sinkron-NAME, its package sinkron_NAME and its entry point NAME; its tests use sinkron's
    conformance kit. Then: pip install -e './sinkron-NAME[testing]' && pytest sinkron-NAME.
    """
    if not _NAME.match(name):
        fail(f"plugin name {name!r}: use lower case letters, digits and hyphens, starting with a letter (emonev)")
    target = directory or Path(f"sinkron-{name}")
    if target.exists():
        fail(f"{target} already exists")
    new_plugin(name, target)
    click.echo(f"created {target}: pip install -e '{target}[testing]' && pytest {target}")
