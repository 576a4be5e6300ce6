"""Where command output goes: the ``--format`` choices, the exporter, a file or stdout.

Every command that writes a Report, Meeting, table set or Bundle goes through here and
:func:`sinkron.write`: the formats are those of the registered exporters (a third party's too),
asked of the plugin manager only when ``--help`` or a value needs them. ``--output -`` is stdout;
an ``--output`` that is not a regular file or a new path (a link, a device, a FIFO, a folder) is a
usage error before anything is rendered (:func:`sinkron.atomic.check_target`).
"""

from __future__ import annotations

import contextlib
import io
import sys
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import click

from sinkron.atomic import check_target
from sinkron.builtins.report_common import terminal_safe
from sinkron.cli._app import fail
from sinkron.errors import ConnectorUnavailable, PluginWarning, SinkronError, UnknownFormat
from sinkron.exporter import Exporter
from sinkron.io import write
from sinkron.plugins.manager import get_plugin_manager

__all__ = ["OutputFile", "OutputFormat", "choose_exporter", "warnings_as_messages", "write_output"]


@contextlib.contextmanager
def warnings_as_messages() -> Iterator[None]:
    """Print what a writer warns of (an amount written as text, not rounded) as ``sinkron: warning: …`` lines."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        warnings.simplefilter("ignore", PluginWarning)  # the commands report plugin failures themselves
        yield
    for warning in caught:
        click.echo(terminal_safe(f"sinkron: warning: {warning.message}"), err=True)


class OutputFile(click.Path):
    """``--output FILE``: a path, or ``-`` for stdout (given to the command as ``None``)."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path, allow_dash=True)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "-":
            return None
        return super().convert(value, param, ctx)


def _not_installed(what: str, output_format: str, install: str) -> str:
    reason = f"no installed plugin writes the {what} as {output_format}"
    return str(ConnectorUnavailable(f"the {output_format} {what}", install, reason))


class OutputFormat(click.Choice[str]):
    """A ``--format`` whose choices are the formats :func:`sinkron.write` writes a ``kind`` in.

    ``optional`` names formats of sinkron's own optional plugins (format → what to install), so that
    asking for one of them without its plugin says what to install.
    """

    name = "format"

    def __init__(self, kind: type, what: str, optional: Mapping[str, str] | None = None) -> None:
        # click.Choice's constructor would freeze the choices now, before the plugins are loaded.
        self.kind = kind
        self.what = what
        self.optional = dict(optional or {})
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]  # read when needed, never assigned
        return tuple(get_plugin_manager().output_formats(self.kind))

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if value in self.optional and value not in self.choices:
            self.fail(_not_installed(self.what, value, self.optional[value]), param, ctx)
        return super().convert(value, param, ctx)


def choose_exporter(
    obj: object, output_format: str | None, output: Path | None, option: OutputFormat, default: str
) -> Exporter:
    """The exporter for ``--format``, else ``--output``'s extension, else ``default``.

    An extension no registered exporter writes is a usage error, never a guess.
    """
    pm = get_plugin_manager()
    by_extension = output_format is None and output is not None and bool(output.suffix)
    requested = output.suffix.lower().lstrip(".") if by_extension and output is not None else output_format or default
    try:
        exporter = pm.exporter_for(obj, None, output) if by_extension else pm.exporter_for(obj, requested)
        exporter.check_available()
    except UnknownFormat as exc:
        if requested in option.optional:
            fail(_not_installed(option.what, requested, option.optional[requested]))
        fail(f"{exc}" + (" (from --output's extension; choose one with --format)" if by_extension else ""))
    except SinkronError as exc:
        fail(str(exc))
    return exporter


def write_output(obj: object, exporter: Exporter, output: Path | None, **options: Any) -> None:
    """Write ``obj`` with ``exporter`` to the file ``output``, or to stdout when it is None.

    A binary format is not printed to a terminal. Errors end the command as a usage error. ``options``
    are what the command offers every exporter (``language``); each gets those it declares.
    """
    if output is None and exporter.binary and sys.stdout.isatty():
        fail(f"the {exporter.formats[0]} output is binary: write it to a file with --output FILE")
    options = {name: value for name, value in options.items() if exporter.accepts_option(name)}
    try:
        if output is not None:
            check_target(output)  # before rendering: a refused target costs nothing
        with warnings_as_messages():
            if output is not None:
                write(obj, output, exporter.name, **options)
            else:
                _write_stdout(obj, exporter.name, options)
    except SinkronError as exc:
        fail(str(exc))
    except BrokenPipeError:
        raise  # the reader went away: the entry point ends quietly
    except OSError as exc:
        fail(f"cannot write {output or 'the output'}: {exc.strerror or exc}")
    except Exception as exc:  # an exporter plugin's bug: named, never a traceback
        fail(f"the {exporter.name} exporter failed: {type(exc).__name__}: {exc}")


def _write_stdout(obj: object, exporter_name: str, options: dict[str, Any]) -> None:
    stream: BinaryIO | None = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (an embedding application): text formats only reach here
        collected = io.BytesIO()
        write(obj, collected, exporter_name, **options)
        click.echo(collected.getvalue().decode("utf-8"), nl=False)
        return
    sys.stdout.flush()  # what was printed as text comes first
    write(obj, stream, exporter_name, **options)
