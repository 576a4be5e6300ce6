"""``sinkron diff OLD NEW``: what changed between two revisions or two years of a plan."""

from __future__ import annotations

import sys

import click

from sinkron.cli._app import EXIT_PROBLEMS, format_option
from sinkron.cli._sources import read_sources, reader_options, source_options
from sinkron.diff import diff


@click.command("diff")
@click.argument("old")
@click.argument("new")
@format_option("text", "json", "md")
@source_options
@click.option("--exit-code", is_flag=True, help="Exit 1 when the plans differ (as `git diff --exit-code`).")
@click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    help="Language of the text and md output.",
)
def diff_cmd(
    old: str,
    new: str,
    output_format: str,
    fmt: str | None,
    mapping: str | None,
    read_options: tuple[str, ...],
    exit_code: bool,
    lang: str,
) -> None:
    """Compare OLD and NEW (files or URLs): items added, removed, recoded, retargeted, re-budgeted.

    Plans are paired by kind and owner (a source holding one plan each: those two). Revisions of a
    plan are compared year by year; two years of a yearly plan (RKPD 2025 → 2026) compare pagu.
    """
    # A partial plan would show false removals: any located problem stops the diff (exit 2).
    before, after = read_sources([old, new], fmt, reader_options(mapping, read_options), what="compared")
    result = diff(before, after)
    if output_format == "json":
        click.echo(result.to_json())
    elif output_format == "md":
        click.echo(result.to_markdown(lang), nl=False)
    else:
        click.echo(result.to_text(lang))
    if exit_code and not result.is_empty:
        sys.exit(EXIT_PROBLEMS)
