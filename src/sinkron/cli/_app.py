"""The root command group and shared helpers; sub-commands live in their own modules.

No command ends in a Python traceback: a :class:`~sinkron.SinkronError` is printed as
``sinkron: <message>``, and any other exception (a bug in sinkron or in a plugin) as a one-line
message asking for a report, both with exit code 2. A reader that closes the output pipe early
(``sinkron plugins | head -1``) ends the command quietly with exit code 141, as for other Unix tools. ``SINKRON_DEBUG=1`` lets the unexpected ones
through with their traceback. Text from the data is printed with its control characters escaped.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeVar

import click

import sinkron
from sinkron.builtins.report_common import terminal_safe
from sinkron.errors import PluginWarning, SinkronError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
#: A closed output pipe (``sinkron plugins | head -1``): 128 + SIGPIPE, as a Unix tool killed by it exits.
EXIT_BROKEN_PIPE = 141


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``sinkron: <message>`` to stderr and exit."""
    click.echo(terminal_safe(f"sinkron: {message}"), err=True)
    sys.exit(code)


#: Problems of one source printed one a line; the rest are counted (a file of a million bad rows prints a screenful).
MAX_PRINTED_PROBLEMS = 100


def echo_problems(problems: Sequence[Any], source: str, describe: Callable[[Any], str] = str) -> None:
    """Print the first :data:`MAX_PRINTED_PROBLEMS` problems of ``source``, one a line, then how many there are."""
    for problem in problems[:MAX_PRINTED_PROBLEMS]:
        click.echo(terminal_safe(f"sinkron: {describe(problem)}"), err=True)
    hidden = len(problems) - MAX_PRINTED_PROBLEMS
    if hidden > 0:
        click.echo(f"sinkron: … and {hidden} more problem(s), not shown", err=True)
    click.echo(terminal_safe(f"sinkron: {len(problems)} problem(s) in {source}"), err=True)


def report_error(exc: SinkronError) -> NoReturn:
    """Print a sinkron error (for a ValidationError: every located problem) and exit 2."""
    click.echo(terminal_safe(f"sinkron: {exc}"), err=True)
    sys.exit(EXIT_USAGE)


def warn_failed_plugins() -> None:
    """Say which plugins failed to load and were skipped; the command goes on without them."""
    from sinkron.plugins import get_plugin_manager

    pm = get_plugin_manager()
    for info in pm.failures:
        click.echo(terminal_safe(f"sinkron: skipped {info.error} (see `sinkron plugins`)"), err=True)
    for notice in pm.notices:
        click.echo(terminal_safe(f"sinkron: {notice}"), err=True)


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


def _reader_went_away() -> NoReturn:
    """Stop quietly, as Unix tools do when the reader of their output (``head``) closed the pipe."""
    try:  # the interpreter flushes stdout once more at exit: let that go nowhere, silently
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # a stdout without a file descriptor (an embedding application)
        pass
    sys.exit(EXIT_BROKEN_PIPE)


class _Guarded(click.Group):
    """The root group: whatever a command raises ends as a message and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            try:
                return super().invoke(ctx)
            finally:  # a closed pipe shows at the last flush as often as at a write: both are handled here
                sys.stdout.flush()
        except BrokenPipeError:
            _reader_went_away()
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except SinkronError as exc:
            report_error(exc)
        except Exception as exc:
            if os.environ.get("SINKRON_DEBUG", "").strip() not in ("", "0"):
                raise
            fail(
                f"unexpected {type(exc).__name__}: {exc} — a bug in sinkron or one of its plugins; "
                "run again with SINKRON_DEBUG=1 to see where it happened, and please report it"
            )


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(sinkron.__version__, prog_name="sinkron")
def main() -> None:
    """sinkron: Indonesian development-planning data — read, check and synchronise plans."""
    # The commands report plugin failures and switch problems themselves (warn_failed_plugins, `sinkron plugins`).
    warnings.simplefilter("ignore", PluginWarning)


def _register() -> None:
    from sinkron.cli import check, codes, diff, meeting, nomenclature, plugin_cmd, plugins_cmd, read, report, suggest

    main.add_command(check.check_cmd)
    main.add_command(codes.codes)
    main.add_command(diff.diff_cmd)
    main.add_command(meeting.meeting)
    main.add_command(nomenclature.nomenclature)
    main.add_command(plugin_cmd.plugin)
    main.add_command(plugins_cmd.plugins)
    main.add_command(read.read_cmd)
    main.add_command(read.convert)
    main.add_command(report.report)
    main.add_command(suggest.suggest_cmd)


_register()
