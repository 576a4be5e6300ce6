"""The root command group and shared helpers; sub-commands live in their own modules."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

import sinkron
from sinkron.errors import SinkronError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``sinkron: <message>`` to stderr and exit."""
    click.echo(f"sinkron: {message}", err=True)
    sys.exit(code)


def report_error(exc: SinkronError) -> NoReturn:
    """Print a sinkron error (for a ValidationError: every located problem) and exit 2."""
    click.echo(f"sinkron: {exc}", err=True)
    sys.exit(EXIT_USAGE)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(sinkron.__version__, prog_name="sinkron")
def main() -> None:
    """sinkron: Indonesian development-planning data — read, check and synchronise plans."""


def _register() -> None:
    from sinkron.cli import check, codes, diff, meeting, plugins_cmd, read, suggest

    main.add_command(check.check_cmd)
    main.add_command(codes.codes)
    main.add_command(diff.diff_cmd)
    main.add_command(meeting.meeting)
    main.add_command(plugins_cmd.plugins)
    main.add_command(read.read_cmd)
    main.add_command(read.convert)
    main.add_command(suggest.suggest_cmd)


_register()
