"""Every option of every ``sinkron`` command says what it does in ``--help`` (issue 20, item 9)."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest

from sinkron.cli import main


def _commands(command: click.Command, name: str) -> Iterator[tuple[str, click.Command]]:
    yield name, command
    if isinstance(command, click.Group):
        for sub_name, sub in command.commands.items():
            yield from _commands(sub, f"{name} {sub_name}")


COMMANDS = dict(_commands(main, "sinkron"))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_has_help_text(name: str) -> None:
    options = [p for p in COMMANDS[name].params if isinstance(p, click.Option)]
    missing = [p.opts[0] for p in options if not (p.help or "").strip()]
    assert not missing, f"`{name}` options without help text: {', '.join(missing)}"


def test_the_rule_selection_help_says_what_a_prefix_is() -> None:
    help_text = {p.name: p.help or "" for p in COMMANDS["sinkron check"].params if isinstance(p, click.Option)}
    assert "starts so" not in help_text["select"] and "prefix" in help_text["select"]
