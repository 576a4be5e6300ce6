"""Reading sources on the command line: one way for every command (read, convert, check, diff).

Reading is tolerant (DESIGN §6a): problems inside a file that could be read are source findings kept
with the data (``sinkron check`` reports them, ``sinkron read`` lists them). A source that could not be
read completely — its errors are printed, each located — stops the command with exit code 2 (a partial
import never passes for a complete one) unless the command lets the user ask to keep going.
``--strict`` makes every source finding of severity error such an error (all-or-nothing, for pipelines).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click

from sinkron.builtins.report_common import terminal_safe
from sinkron.cli._app import EXIT_USAGE, echo_problems, fail, warn_failed_plugins
from sinkron.cli._progress import progress_bar
from sinkron.connector import Connector
from sinkron.errors import OptionError, SinkronError, SourceError
from sinkron.io import read_result
from sinkron.models import Bundle
from sinkron.options import describe_options, guess_value
from sinkron.plugins.manager import get_plugin_manager

F = TypeVar("F", bound=Callable[..., Any])


def reader_options(mapping: str | None, items: Iterable[str]) -> dict[str, str]:
    """Options for the connectors as given: ``--mapping`` and every ``--read-option key=value`` (text).

    Each connector's declaration types them (:func:`prepare_read_options`).
    """
    options: dict[str, str] = {"mapping": mapping} if mapping else {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"--read-option expects key=value (e.g. plan_kind=rkpd), got {item!r}")
        options[key.strip().replace("-", "_")] = value.strip()
    return options


def prepare_read_options(
    sources: Iterable[str], fmt: str | None, given: Mapping[str, str], *, keep_source: bool = False
) -> dict[str, dict[str, Any]]:
    """The options each source's connector gets, typed by its declaration, before anything is read.

    A connector gets the options it declares (``-R year=2026`` goes to a spreadsheet, not to a sinkron
    JSON document read beside it); one that declares none (the 0.1 form) gets them all, as text typed by
    :func:`sinkron.options.guess_value`. An option no connector of the sources takes, or a value the
    option cannot take, ends the command with exit 2 before any source is read.

    A connector that declares ``keep_source`` (what it takes to write a source back as it was, e.g. SIPD)
    gets ``keep_source`` unless the user gave it: only commands that write the data back (``convert``)
    ask for it; the others read faster without it.
    """
    pm = get_plugin_manager()
    prepared: dict[str, dict[str, Any]] = {}
    unused = set(given)
    connectors: dict[str, Connector] = {}
    for source in sources:
        try:
            connector = pm.connector_for(source, fmt)
        except SinkronError:
            continue  # reported with the source when it is read
        if connector.read_options is None:
            prepared[source] = {key: guess_value(value) for key, value in given.items()}
            unused.clear()
            continue
        declared = {option.name for option in describe_options(connector.read_options)}
        connectors[connector.name] = connector
        mine = {key: value for key, value in given.items() if key in declared}
        unused -= set(mine)
        try:
            prepared[source] = connector.prepare_read_options(mine)
        except OptionError as exc:
            fail(f"--read-option: {exc}")
        if _KEEP_SOURCE in declared and _KEEP_SOURCE not in mine:
            prepared[source][_KEEP_SOURCE] = keep_source
    if unused and connectors:
        takes = "; ".join(
            f"{name}: {', '.join(o.name for o in describe_options(c.read_options)) or 'none'}"
            for name, c in sorted(connectors.items())
        )
        fail(f"--read-option: no connector of these sources takes {', '.join(sorted(unused))} (options: {takes})")
    return prepared


_STRICT = "sinkron.strict"
_KEEP_SOURCE = "keep_source"


def cli_read_option(option: str) -> str:
    """A read option as the command line takes it (``year=2026`` → ``-R year=2026``)."""
    return f"-R {option}"


def _remember_strict(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta[_STRICT] = value
    return value


def source_options(function: F) -> F:
    """The options every command that reads sources takes: ``--from``, ``--mapping``, ``--read-option``, ``--strict``.

    ``--strict`` is not passed to the command: :func:`read_sources` reads it from the click context.
    """
    function = click.option(
        "--strict",
        is_flag=True,
        expose_value=False,
        callback=_remember_strict,
        help="All or nothing: a source finding of severity error (a subtotal that does not add up, a row "
        "that could not be placed …) stops the read like an error.",
    )(function)
    function = click.option(
        "--read-option",
        "-R",
        "read_options",
        multiple=True,
        metavar="KEY=VALUE",
        help="An option for the connector, e.g. -R plan_kind=rkpd -R year=2026 (repeatable).",
    )(function)
    function = click.option("--mapping", help="Column mapping name or file (spreadsheet sources).")(function)
    return click.option(
        "--from", "fmt", help="Connector or format of the sources (default: from each extension or URL)."
    )(function)


def read_sources(
    sources: Iterable[str],
    fmt: str | None,
    options: Mapping[str, str],
    *,
    keep_going: bool = False,
    what: str = "read",
    keep_source: bool = False,
) -> list[Bundle]:
    """Read every source, printing every located error; exit 2 if any source is incomplete.

    ``keep_source`` is for commands that write the data back (see :func:`prepare_read_options`).

    With ``keep_going`` the part of each source that could be read is returned after its errors are
    printed; the caller then exits 2 itself (:func:`exit_if_incomplete`). Source findings travel in the
    bundles (``Bundle.source_findings``).
    """
    bundles: list[Bundle] = []
    failed: list[str] = []
    strict = bool(click.get_current_context().meta.get(_STRICT, False))
    warn_failed_plugins()
    sources = list(sources)
    typed = prepare_read_options(sources, fmt, options, keep_source=keep_source)
    for source in sources:
        try:
            with progress_bar(f"reading {Path(source).name}") as progress:
                result = read_result(source, fmt, progress=progress, strict=strict, **typed.get(source, options))
        except SinkronError as exc:
            text = exc.describe(cli_read_option) if isinstance(exc, SourceError) else str(exc)
            click.echo(terminal_safe(f"sinkron: {text}"), err=True)
            failed.append(source)
            continue
        if result.errors:
            echo_problems(result.errors, source, lambda error: error.describe(cli_read_option))
            failed.append(source)
            if not keep_going:
                continue
        bundles.append(result.bundle)
    if failed and keep_going:
        click.get_current_context().meta[_INCOMPLETE] = failed
    elif failed:
        click.echo(
            terminal_safe(
                f"sinkron: {len(failed)} source(s) could not be read completely ({', '.join(failed)}); "
                f"nothing was {what}"
            ),
            err=True,
        )
        sys.exit(EXIT_USAGE)
    return bundles


_INCOMPLETE = "sinkron.incomplete"


def exit_if_incomplete() -> None:
    """After a ``keep_going`` read has printed what it could: exit 2 when a source was incomplete."""
    failed = click.get_current_context().meta.get(_INCOMPLETE)
    if failed:
        click.echo(
            terminal_safe(f"sinkron: {len(failed)} source(s) could not be read completely ({', '.join(failed)})"),
            err=True,
        )
        sys.exit(EXIT_USAGE)
