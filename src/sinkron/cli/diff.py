"""``sinkron diff OLD NEW``: what changed between two revisions or two years of a plan."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sinkron.cli._app import EXIT_PROBLEMS, EXIT_USAGE, format_option, report_error
from sinkron.cli._progress import progress_bar
from sinkron.diff import diff
from sinkron.errors import SinkronError
from sinkron.io import read_result
from sinkron.models import Bundle


def _read(source: str, fmt: str | None) -> Bundle:
    """Read a whole source; any located problem stops the diff (a partial plan would show false removals)."""
    try:
        with progress_bar(f"reading {Path(source).name}") as progress:
            result = read_result(source, fmt, progress=progress)
    except SinkronError as exc:
        report_error(exc)
    if result.errors:
        for error in result.errors:
            click.echo(f"sinkron: {error}", err=True)
        click.echo(f"sinkron: {len(result.errors)} problem(s) in {source}; not comparing an incomplete plan", err=True)
        sys.exit(EXIT_USAGE)
    return result.bundle


@click.command("diff")
@click.argument("old")
@click.argument("new")
@format_option("text", "json", "md")
@click.option("--from", "fmt", help="Connector or format name of both sources (default: from each extension or URL).")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the plans differ (as `git diff --exit-code`).")
def diff_cmd(old: str, new: str, output_format: str, fmt: str | None, exit_code: bool) -> None:
    """Compare OLD and NEW (files or URLs): items added, removed, recoded, retargeted, re-budgeted.

    Plans are paired by kind and owner (a source holding one plan each: those two). Revisions of a
    plan are compared year by year; two years of a yearly plan (RKPD 2025 → 2026) compare pagu.
    """
    result = diff(_read(old, fmt), _read(new, fmt))
    if output_format == "json":
        click.echo(result.to_json())
    elif output_format == "md":
        click.echo(result.to_markdown(), nl=False)
    else:
        click.echo(result.to_text())
    if exit_code and not result.is_empty:
        sys.exit(EXIT_PROBLEMS)
