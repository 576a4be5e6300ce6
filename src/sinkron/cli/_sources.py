"""Reading sources on the command line: one way for every command (read, convert, check, diff).

Every located problem of every source is printed; a source with problems stops the command with
exit code 2 (a partial import never passes for a complete one) unless the command lets the user
ask to keep going.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from sinkron.builtins.report_common import terminal_safe
from sinkron.cli._app import EXIT_USAGE, fail, warn_failed_plugins
from sinkron.cli._progress import progress_bar
from sinkron.errors import SinkronError
from sinkron.io import read_result
from sinkron.models import Bundle

F = TypeVar("F", bound=Callable[..., Any])


def _value(text: str) -> Any:
    """A connector option from the command line: integers and true/false are typed, the rest is text."""
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if text.lstrip("-").isdigit():
        return int(text)
    return text


def reader_options(mapping: str | None, items: Iterable[str]) -> dict[str, Any]:
    """Options for the connectors: ``--mapping`` and every ``--read-option key=value``."""
    options: dict[str, Any] = {"mapping": mapping} if mapping else {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"--read-option expects key=value (e.g. plan_kind=rkpd), got {item!r}")
        options[key.strip().replace("-", "_")] = _value(value.strip())
    return options


def source_options(function: F) -> F:
    """The options every command that reads sources takes: ``--from``, ``--mapping``, ``--read-option``."""
    function = click.option(
        "--read-option", "-R", "read_options", multiple=True, metavar="KEY=VALUE",
        help="An option for the connector, e.g. -R plan_kind=rkpd -R year=2026 (repeatable).",
    )(function)  # fmt: skip
    function = click.option("--mapping", help="Column mapping name or file (spreadsheet sources).")(function)
    return click.option(
        "--from", "fmt", help="Connector or format of the sources (default: from each extension or URL)."
    )(function)


def read_sources(
    sources: Iterable[str], fmt: str | None, options: dict[str, Any], *, keep_going: bool = False, what: str = "read"
) -> list[Bundle]:
    """Read every source, printing every located problem; exit 2 if any source is incomplete.

    With ``keep_going`` the complete part of each source is returned after the problems are printed.
    """
    bundles: list[Bundle] = []
    failed: list[str] = []
    warn_failed_plugins()
    for source in sources:
        try:
            with progress_bar(f"reading {Path(source).name}") as progress:
                result = read_result(source, fmt, progress=progress, **options)
        except SinkronError as exc:
            click.echo(terminal_safe(f"sinkron: {exc}"), err=True)
            failed.append(source)
            continue
        except TypeError as exc:  # an option the connector does not take
            click.echo(terminal_safe(f"sinkron: {source}: {exc}"), err=True)
            failed.append(source)
            continue
        if result.errors:
            for error in result.errors:
                click.echo(terminal_safe(f"sinkron: {error}"), err=True)
            click.echo(terminal_safe(f"sinkron: {len(result.errors)} problem(s) in {source}"), err=True)
            if not keep_going:
                failed.append(source)
                continue
        bundles.append(result.bundle)
    if failed:
        click.echo(
            terminal_safe(
                f"sinkron: {len(failed)} source(s) could not be read completely ({', '.join(failed)}); "
                f"nothing was {what}"
            ),
            err=True,
        )
        sys.exit(EXIT_USAGE)
    return bundles
